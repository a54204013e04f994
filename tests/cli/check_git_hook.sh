# `hush hook install` in a real repository: a commit with a plaintext secret is refused and
# accepted after the fix; --staged checks the staged blob, not the working tree; a foreign hook
# is not overwritten without --force.
source "$(dirname "$0")/lib.sh"
canary 'Hook-Canary-Plaintext-Pw-1'
export PATH="$(dirname "$HUSH"):$PATH"
git init -q repo && cd repo
git config user.email t@example.invalid && git config user.name test
expect_exit 0 "$HUSH" hook install
expect_file .git/hooks/pre-commit
expect_exit 0 "$HUSH" hook install   # ours: replaced quietly
printf 'services:\n  - name: db\n    type: postgres\n    env:\n      DB_PASSWORD: Hook-Canary-Plaintext-Pw-1\n' > app.yaml
git add app.yaml
expect_exit 1 git commit -q -m "add config"
expect_stderr 'app.yaml:5:20: error: literal value under secret-like key DB_PASSWORD'
expect_stderr 'DB_PASSWORD: …(26 chars)'
[ -z "$(git log --oneline 2>/dev/null)" ] || fail "the bad commit landed"
# Fixed in the working tree only: the staged blob is still bad.
printf 'services:\n  - name: db\n    type: postgres\n    env:\n      DB_PASSWORD: ${DB_PASSWORD}\nsecrets:\n  DB_PASSWORD: x\n' > app.yaml
expect_exit 1 "$HUSH" check --staged
expect_stderr 'literal value under secret-like key DB_PASSWORD'
printf 'services:\n  - name: db\n    type: postgres\n    env:\n      DB_PASSWORD: ${DB_PASSWORD}\n' > app.yaml
printf 'DB_PASSWORD: ${DB_PASSWORD}\n' > /dev/null
git add app.yaml
expect_exit 1 git commit -q -m "add config"      # unresolved: no sidecar yet
expect_stderr 'unresolved reference ${DB_PASSWORD}'
expect_exit 0 "$HUSH" init app.yaml
expect_exit 0 bash -c "printf 's3cret-value' | '$HUSH' secrets add DB_PASSWORD --value-stdin --secrets app.secrets.yaml"
printf '*.lock\n' > .gitignore
git add app.yaml app.secrets.yaml .gitignore
expect_exit 0 git commit -q -m "add config"
[ "$(git log --oneline | wc -l)" -eq 1 ] || fail "the good commit did not land"
# A hook hush did not write is kept.
printf '#!/bin/sh\necho mine\n' > .git/hooks/pre-commit
expect_exit 2 "$HUSH" hook install
expect_stderr '[hook-exists]'
grep -q 'echo mine' .git/hooks/pre-commit || fail "a foreign hook was overwritten"
expect_exit 0 "$HUSH" hook install --force
