# Exec sources against a real external secret manager: `pass` with a throwaway GnuPG home.
# Covers qualified references, an exec source in the default order, a missing entry, a timeout
# and a failing command whose stderr is reported.
source "$(dirname "$0")/lib.sh"
command -v pass >/dev/null && command -v gpg >/dev/null || fail "pass and gnupg are required (scripts/setup installs them)"
canary 'Pass-Canary-Db-Prod-1'
canary 'Pass-Canary-Api-2'
export GNUPGHOME="$WORK/gnupg" PASSWORD_STORE_DIR="$WORK/store"
mkdir -m 700 "$GNUPGHOME"
gpg --batch --quiet --passphrase '' --quick-gen-key 'hush test <hush@test.invalid>' default default never 2>/dev/null
fpr=$(gpg --batch --with-colons --list-keys hush@test.invalid | awk -F: '/^fpr/ {print $10; exit}')
pass init "$fpr" >/dev/null
printf 'Pass-Canary-Db-Prod-1\n' | pass insert -m db/prod >/dev/null
printf 'Pass-Canary-Api-2\n' | pass insert -m API_TOKEN >/dev/null
write .hush.yaml <<'EOF2'
sources:
  - name: pass
    exec: [pass, show, "{key}"]
    timeout: 20s
  - env
  - name: slow
    exec: [sleep, "{key}"]
    timeout: 1s
    qualified_only: true
  - name: broken
    exec: [sh, -c, "echo 'vault: permission denied for {key}' >&2; exit 3"]
    qualified_only: true
EOF2
write app.yaml <<'EOF2'
services:
  - name: database
    env:
      DB_PASSWORD: ${pass:db/prod}
      API: $<API_TOKEN>
EOF2
expect_exit --reveals 0 "$HUSH" render app.yaml
expect_stdout '      DB_PASSWORD: Pass-Canary-Db-Prod-1'
expect_stdout '      API: Pass-Canary-Api-2'
printf 'x: ${pass:db/missing}\n' > missing.yaml
expect_exit 1 "$HUSH" render missing.yaml
expect_stderr 'exec source pass for key db/missing: pass exited with status 1'
expect_stderr 'db/missing is not in the password store'
printf 'x: ${slow:5}\n' > slow.yaml
expect_exit 1 "$HUSH" render slow.yaml
expect_stderr 'exec source slow for key 5: sleep did not finish within 1000 ms [exec-timeout]'
printf 'x: ${broken:KEY}\n' > broken.yaml
expect_exit 1 "$HUSH" render broken.yaml
expect_stderr 'sh exited with status 3: vault: permission denied for KEY [exec-failed]'
# The environment still comes after pass in the order.
printf 'x: ${ONLY_ENV}\n' > env.yaml
ONLY_ENV=from-env expect_exit 1 "$HUSH" render env.yaml
expect_stderr 'ONLY_ENV is not in the password store'
gpgconf --kill gpg-agent 2>/dev/null || true
