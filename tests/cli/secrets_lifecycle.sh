# init, add, list, get, update, versions, rollback, rotate, rm, and the name/value rules, driven
# as a user would with a real sidecar and key directory.
source "$(dirname "$0")/lib.sh"
canary 'Db-Passw0rd-v1-canary'
canary 'Db-Passw0rd-v2-canary'
S=app.secrets.yaml
write app.yaml <<'EOF2'
services:
  - name: database
    env:
      DB_PASSWORD: ${DB_PASSWORD}
EOF2
expect_exit 0 "$HUSH" init app.yaml
expect_stderr "created app.secrets.yaml (key hk_"
key_id=$(sed -n 's/^key_id: //p' "$S")
expect_mode "$XDG_CONFIG_HOME/hush/keys/$key_id.key" 600
expect_mode "$XDG_CONFIG_HOME/hush/keys" 700
expect_mode "$S" 600
expect_exit 1 "$HUSH" init app.yaml
expect_stderr "[sidecar-exists]"

expect_exit 0 bash -c "printf 'Db-Passw0rd-v1-canary\n' | '$HUSH' --secrets $S secrets add DB_PASSWORD --value-stdin --description 'Primary Postgres password' --type password --scope service:database --tag production --meta owner=backend --expires-in 90d --rotate-every 30d"
expect_file_lacks "$S" 'Db-Passw0rd'
expect_file_has "$S" 'value: enc:v2:'
expect_exit 1 bash -c "printf x | '$HUSH' secrets add '' --value-stdin --secrets $S"
expect_stderr 'error: Secret key is required'
expect_exit 1 bash -c "printf x | '$HUSH' secrets add db_password --value-stdin --secrets $S"
expect_stderr '[A-Z][A-Z0-9_]*'
expect_exit 1 bash -c "printf '' | '$HUSH' secrets add EMPTY --value-stdin --secrets $S"
expect_stderr 'error: Secret value is required'
expect_exit 1 bash -c "printf y | '$HUSH' secrets add DB_PASSWORD --value-stdin --secrets $S"
expect_stderr '[secret-exists]'

expect_exit 0 "$HUSH" secrets list --secrets "$S"
expect_stdout 'DB_PASSWORD  password  Primary Postgres password  service:database  production'
expect_stdout 'active'
expect_exit 0 "$HUSH" secrets list --secrets "$S" --format json
expect_stdout '"name": "DB_PASSWORD"'
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d[0]["metadata"]=={"owner": "backend"}, d' "$OUT" || fail "metadata in json listing"
expect_stdout '"rotate_every": "30d"'
expect_exit --reveals 0 "$HUSH" secrets get DB_PASSWORD --secrets "$S"
[ "$(cat "$OUT")" = 'Db-Passw0rd-v1-canary' ] || fail "get printed the wrong value"
expect_exit --reveals 0 "$HUSH" render app.yaml
expect_stdout 'DB_PASSWORD: Db-Passw0rd-v1-canary'

expect_exit 1 bash -c "printf 'Db-Passw0rd-v1-canary' | '$HUSH' secrets update DB_PASSWORD --value-stdin --secrets $S"
expect_stderr 'error: No changes to save [no-changes]'
expect_exit 1 "$HUSH" secrets update DB_PASSWORD --secrets "$S"
expect_stderr 'No changes to save'
expect_exit 0 bash -c "printf 'Db-Passw0rd-v2-canary' | '$HUSH' secrets update DB_PASSWORD --value-stdin --secrets $S"
expect_stderr 'updated DB_PASSWORD (version 2)'
expect_exit 0 "$HUSH" secrets update DB_PASSWORD --description 'Rotated password' --secrets "$S"
expect_exit 0 "$HUSH" secrets versions DB_PASSWORD --secrets "$S"
expect_stdout '1        '
expect_stdout 'current'
expect_exit --reveals 0 "$HUSH" secrets get DB_PASSWORD --version 1 --secrets "$S"
[ "$(cat "$OUT")" = 'Db-Passw0rd-v1-canary' ] || fail "get --version 1"
expect_exit 0 "$HUSH" secrets rollback DB_PASSWORD --to 1 --secrets "$S"
expect_stderr 'as version 3'
expect_exit --reveals 0 "$HUSH" secrets get DB_PASSWORD --secrets "$S"
[ "$(cat "$OUT")" = 'Db-Passw0rd-v1-canary' ] || fail "rollback did not restore version 1"
expect_exit 0 "$HUSH" secrets rotate DB_PASSWORD --generate 40 --charset hex --secrets "$S"
expect_stderr 'rotated DB_PASSWORD (version 4)'
expect_exit --reveals 0 "$HUSH" secrets get DB_PASSWORD --secrets "$S"
grep -qE '^[0-9a-f]{40}$' "$OUT" || fail "rotate --generate 40 --charset hex"

expect_exit 2 "$HUSH" secrets rm DB_PASSWORD --secrets "$S" --config app.yaml
expect_stderr 'app.yaml:4:20: ${DB_PASSWORD} in scope service:database'
expect_stderr 'needs a typed confirmation; pass --yes in scripts'
expect_exit 0 "$HUSH" secrets rm DB_PASSWORD --secrets "$S" --config '*.yaml' --yes
expect_exit 0 "$HUSH" secrets list --secrets "$S" --format json
expect_no_stdout 'DB_PASSWORD'
expect_file_lacks "$S" 'DB_PASSWORD'
expect_exit 1 "$HUSH" secrets get DB_PASSWORD --secrets "$S"
expect_stderr '[unknown-secret]'
