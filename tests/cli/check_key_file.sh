# `hush check` reports a hush private key file copied into a repository (`hk_….key`, or any
# `*.key` holding one base64 key line), staged or not, without showing it.
source "$(dirname "$0")/lib.sh"
git init -q repo
cd repo
printf 'services:\n  - name: a\n    type: postgres\n' > app.yaml
expect_exit 0 "$HUSH" init app.yaml
key=$(find "$XDG_CONFIG_HOME" "$HOME" -name 'hk_*.key' | head -1)
[ -n "$key" ] || fail "hush init wrote no key file"
canary "$(tr -d '\n' < "$key")"
cp "$key" .
cp "$key" deploy.key
git add -A
expect_exit 1 "$HUSH" check .
expect_stderr "$(basename "$key"):1:1: error: a hush private key file"
expect_stderr 'deploy.key:1:1: error: a hush private key file'
expect_stderr '[hush-key-file]'
expect_exit 1 "$HUSH" check --staged
expect_stderr '[hush-key-file]'
# Another .key file (a certificate's PEM key is a detection rule's) is not this rule's.
printf 'not a key\n' > other.key
expect_exit 1 "$HUSH" check other.key "$(basename "$key")"
expect_no_stderr 'other.key'
