# `hush check` over trees the filesystem cannot fully answer for: symbolic link loops and dangling
# links met while recursing are passed over (they lead to no file), with or without git; a loop
# named on the command line and a directory hush may not read are located io errors (exit 2),
# never "internal error"; a file hush may not read is a not-checked warning for that file.
source "$(dirname "$0")/lib.sh"
canary 'Fs-Canary-Literal-Pw'
write tree/app.yaml <<'EOF2'
services:
  - name: db
    env:
      DB_PASSWORD: Fs-Canary-Literal-Pw
EOF2
ln -s loop2 tree/loop1
ln -s loop1 tree/loop2
ln -s nowhere tree/dangling
expect_exit 1 "$HUSH" check tree
expect_stderr 'tree/app.yaml:4:20: error: literal value under secret-like key DB_PASSWORD'
expect_stderr 'checked 1 files'
expect_no_stderr 'internal error'
# Inside a git work tree the files come from git ls-files, which lists the links too.
cp -r tree repo
git -C repo init -q
git -C repo add -A
expect_exit 1 "$HUSH" check repo
expect_stderr 'repo/app.yaml:4:20: error: literal value under secret-like key DB_PASSWORD'
expect_no_stderr 'internal error'
# A loop named on the command line says why it cannot be read.
expect_exit 2 "$HUSH" check tree/loop1
expect_stderr 'tree/loop1: error: cannot read tree/loop1: Too many levels of symbolic links [unreadable-file]'
# A subdirectory the user may not list (run as nobody: root reads through any mode).
if [ "$(id -u)" = 0 ] && command -v setpriv > /dev/null; then
  as_user=(setpriv --reuid=65534 --regid=65534 --clear-groups)
else
  as_user=()
fi
mkdir -p locked/sub
printf 'a: 1\n' > locked/ok.yaml
chmod 755 "$WORK"
chmod 000 locked/sub
expect_exit 2 "${as_user[@]}" "$HUSH" check locked
chmod 755 locked/sub
expect_stderr 'locked/sub: error: cannot read directory locked/sub: Permission denied [unreadable-directory]'
expect_no_stderr 'internal error'
# A file the user may not read is a not-checked warning; the other files are still checked.
mkdir -p closed
printf 'services:\n  - name: db\n    password: Fs-Canary-Literal-Pw\n' > closed/open.yaml
printf 'a: 1\n' > closed/shut.yaml
chmod 000 closed/shut.yaml
expect_exit 1 "${as_user[@]}" "$HUSH" check closed
chmod 644 closed/shut.yaml
expect_stderr 'closed/shut.yaml: warning: not checked: cannot read closed/shut.yaml: Permission denied [not-checked]'
expect_stderr 'checked 1 files (1 not checked)'
expect_stderr 'closed/open.yaml:3:15: error: literal value under secret-like key password'
