# git, run by `hush check`, never receives hush's credential variables.
source "$(dirname "$0")/lib.sh"
command -v git >/dev/null || fail "git is required"
canary 'Git-Env-Key-Canary-77'
canary 'Git-Env-Phrase-Canary-78'
real_git=$(command -v git)
mkdir bin
write bin/git <<EOF2
#!/bin/sh
env >> "$WORK/git.env"
exec "$real_git" "\$@"
EOF2
chmod +x bin/git
git init -q repo
printf 'a: 1\n' > repo/app.yaml
git -C repo add app.yaml
cd repo
PATH="$WORK/bin:$PATH" HUSH_KEY='Git-Env-Key-Canary-77' HUSH_PASSPHRASE='Git-Env-Phrase-Canary-78' \
  expect_exit 0 "$HUSH" check --staged
cd "$WORK"
expect_file git.env
check_file_for_canaries git.env
expect_file_has git.env "HOME=$HOME"
expect_file_lacks git.env 'HUSH_KEY='
expect_file_lacks git.env 'HUSH_PASSPHRASE='
