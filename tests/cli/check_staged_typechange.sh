# `hush check --staged` checks a file whose type changed (git status T): a committed symbolic
# link replaced by a regular file holding a credential is found, not passed over.
source "$(dirname "$0")/lib.sh"
git init -q repo
cd repo
git config user.email t@example.invalid
git config user.name t
printf 'harmless\n' > target.txt
ln -s target.txt notes.txt
git add -A
git commit -qm init
rm notes.txt
aws="AKIA""QYLPMN5HHHFPZAM2"
canary "$aws"
printf 'key: %s\n' "$aws" > notes.txt
git add notes.txt
git status --porcelain | grep -q '^T  notes.txt' || fail "expected a staged type change"
expect_exit 1 "$HUSH" check --staged
expect_stderr 'notes.txt:1:6: error: AWS access key ID'

