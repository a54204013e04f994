# A format-1 sidecar made before seal format 2 (tests/fixtures/legacy_v1.*: every value enc:v1,
# binding name, version and scopes but not the type) still opens. A write without the private key
# cannot re-seal, so its old values stay as they are and readable; `hush secrets migrate`, or any
# write that holds the key, re-seals them as enc:v2 so their type and fields are bound.
source "$(dirname "$0")/lib.sh"
for v in Legacy-Canary-DB-1 Legacy-Canary-DB-2 Legacy-Canary-SMTP-1 Legacy-Canary-SMTP-2 \
         Legacy-Canary-Token Legacy-Canary-KV New-Canary-Value-1; do canary "$v"; done
F="$HUSH_SOURCE_DIR/tests/fixtures"
S=legacy.secrets.yaml
cp "$F/legacy_v1.key" key && chmod 600 key   # git keeps no 0600
K=(env HUSH_KEY_FILE="$WORK/key")
fresh() { cp "$F/legacy_v1.secrets.yaml" "$S" && chmod 600 "$S"; }
old_values() { grep -c 'enc:v1:' "$S" || true; }
write app.yaml <<'YAML'
services:
  - name: database
    type: postgres
    env:
      DB_PASSWORD: ${DB_PASSWORD}
      SMTP_PASSWORD: ${SMTP.password}
      TOKEN: ${API_TOKEN}
YAML

# expect_values: every value, current and history, reads as the fixture made it.
expect_values() {
  expect_exit --reveals 0 "${K[@]}" "$HUSH" secrets get DB_PASSWORD --secrets "$S"
  expect_stdout 'Legacy-Canary-DB-2'
  expect_exit --reveals 0 "${K[@]}" "$HUSH" secrets get DB_PASSWORD --version 1 --secrets "$S"
  expect_stdout 'Legacy-Canary-DB-1'
  expect_exit --reveals 0 "${K[@]}" "$HUSH" secrets get SMTP --secrets "$S"
  expect_stdout 'password="Legacy-Canary-SMTP-2"'
  expect_stdout 'username="legacy-user"'
  expect_exit --reveals 0 "${K[@]}" "$HUSH" secrets get SMTP --version 1 --field password --secrets "$S"
  expect_stdout 'Legacy-Canary-SMTP-1'
  if grep -q '^  SETTINGS:' "$S"; then   # section 3 deletes it
    expect_exit --reveals 0 "${K[@]}" "$HUSH" secrets get SETTINGS --field token --secrets "$S"
    expect_stdout 'Legacy-Canary-KV'
  fi
  expect_exit --reveals 0 "${K[@]}" "$HUSH" render app.yaml --secrets "$S"
  expect_stdout 'DB_PASSWORD: Legacy-Canary-DB-2'
  expect_stdout 'SMTP_PASSWORD: Legacy-Canary-SMTP-2'
  expect_stdout 'TOKEN: Legacy-Canary-Token'
}

# 1. The old file opens as it is, and reading it writes nothing.
fresh
expect_values
expect_exit 0 "$HUSH" secrets list --secrets "$S"
expect_same "$S" "$F/legacy_v1.secrets.yaml"

# 2. An old value's type edit that changes its shape is still caught.
sed -i -e 's/^    type: basic$/    type: generic/' -e '/^    fields: \[password, username\]$/d' "$S"
expect_exit 3 "${K[@]}" "$HUSH" secrets get SMTP --secrets "$S"
expect_stderr 'secret SMTP was tampered with: its sealed value holds fields, but type generic holds one value'
[ ! -s "$OUT" ] || fail "get printed a value"

# 3. Writes without the private key keep old values as they are and say how to migrate.
fresh
expect_exit 0 "$HUSH" secrets rm SETTINGS --yes --secrets "$S"
expect_stderr '5 values are still sealed in the old format'
expect_stderr 'hush secrets migrate'
expect_file_has "$S" 'hush: 1'   # nothing new: an older hush still reads it
[ "$(old_values)" -eq 5 ] || fail "old values changed without a key"
expect_exit 0 bash -c "printf 'New-Canary-Value-1' | '$HUSH' secrets add NEW_ONE --value-stdin --secrets $S"
expect_file_has "$S" 'hush: 2'   # an enc:v2 value: an older hush refuses the file
[ "$(old_values)" -eq 5 ] || fail "old values changed without a key"
expect_exit 3 "$HUSH" secrets migrate --secrets "$S"
expect_stderr '[missing-key]'
expect_values

# 4. `hush secrets migrate` re-seals every old value; a second run has nothing to do.
expect_exit 0 "${K[@]}" "$HUSH" secrets migrate --secrets "$S"
expect_stderr "migrated 5 values in $S to seal format 2"
[ "$(old_values)" -eq 0 ] || fail "old values remain after migrate"
expect_file_has "$S" 'hush: 2'
expect_values
expect_exit --reveals 0 "${K[@]}" "$HUSH" secrets get NEW_ONE --secrets "$S"
expect_stdout 'New-Canary-Value-1'
cp "$S" migrated.yaml
expect_exit 0 "$HUSH" secrets migrate --secrets "$S"   # no key needed when nothing is left
expect_stderr 'nothing to migrate'
expect_same "$S" migrated.yaml
# Now the type is bound: basic -> kv (same fields) is tampering.
sed -i 's/^    type: basic$/    type: kv/' "$S"
expect_exit 3 "${K[@]}" "$HUSH" secrets get SMTP --secrets "$S"
expect_stderr 'its ciphertext was sealed as type basic, not kv'

# 5. Any write that holds the key migrates too.
fresh
expect_exit 0 "${K[@]}" "$HUSH" secrets update API_TOKEN --description 'CI token' --secrets "$S"
expect_stderr 're-sealed 6 old values'
[ "$(old_values)" -eq 0 ] || fail "a write with the key left old values"
expect_file_has "$S" 'hush: 2'
expect_file_has "$S" 'description: CI token'
expect_values
fresh
expect_exit 0 bash -c "printf 'New-Canary-Value-1' | HUSH_KEY_FILE='$WORK/key' '$HUSH' secrets add NEW_ONE --value-stdin --secrets $S"
[ "$(old_values)" -eq 0 ] || fail "add with the key left old values"
expect_values

# 6. A value that does not open is left as it was and reported (exit 3); the others migrate.
fresh
sed -i -e 's/^    type: basic$/    type: generic/' -e '/^    fields: \[password, username\]$/d' "$S"
expect_exit 3 "${K[@]}" "$HUSH" secrets migrate --secrets "$S"
expect_stderr 'secret SMTP was tampered with'
expect_stderr "migrated 5 values in $S to seal format 2"
[ "$(old_values)" -eq 1 ] || fail "the tampered value was re-sealed"
