# The type and field names are sealed with a value: editing `type:` of a basic secret in the
# sidecar (to kv, or to generic with its fields line dropped so that ${SMTP} would print the raw
# field map) makes render and get fail as tampered (exit 3) and print no value.
source "$(dirname "$0")/lib.sh"
canary 'Type-Canary-Smtp-Pw-7'
canary 'type-canary-mailer'
S=app.secrets.yaml
write field.yaml <<'YAML'
services:
  - name: mailer
    type: manual
    env:
      SMTP_PASSWORD: ${SMTP.password}
YAML
write whole.yaml <<'YAML'
services:
  - name: mailer
    type: manual
    env:
      SMTP: ${SMTP}
YAML
expect_exit 0 "$HUSH" init --secrets "$S"
expect_exit 0 bash -c "printf 'username=type-canary-mailer\npassword=Type-Canary-Smtp-Pw-7\n' | '$HUSH' secrets add SMTP --type basic --value-stdin --secrets $S"
expect_file_has "$S" 'type: basic'
expect_file_has "$S" 'fields: [password, username]'
cp "$S" pristine.yaml
expect_exit --reveals 0 "$HUSH" render field.yaml --secrets "$S"
expect_stdout 'SMTP_PASSWORD: Type-Canary-Smtp-Pw-7'

# expect_tampered CONFIG: render (to stdout and to a file) and get fail with tampered-value.
expect_tampered() {
  expect_exit 3 "$HUSH" render "$1" --secrets "$S"
  expect_stderr 'secret SMTP was tampered with: its ciphertext was sealed as type basic'
  expect_stderr '[tampered-value]'
  [ ! -s "$OUT" ] || fail "render printed something"
  expect_exit 3 "$HUSH" render "$1" --secrets "$S" -o out.yaml
  expect_no_file out.yaml
  expect_exit 3 "$HUSH" secrets get SMTP --secrets "$S"
  expect_stderr '[tampered-value]'
  [ ! -s "$OUT" ] || fail "get printed something"
  expect_exit 3 "$HUSH" secrets get SMTP --field password --secrets "$S"
  [ ! -s "$OUT" ] || fail "get --field printed something"
}

# 1. basic -> kv: the same fields, so only the sealed type tells
sed -i 's/^    type: basic$/    type: kv/' "$S"
expect_file_has "$S" '    type: kv'
expect_tampered field.yaml

# 2. basic -> generic with the fields line dropped: ${SMTP} would render the whole field map
cp pristine.yaml "$S"
sed -i -e 's/^    type: basic$/    type: generic/' -e '/^    fields: \[password, username\]$/d' "$S"
expect_file_lacks "$S" 'fields:'
expect_tampered whole.yaml
expect_stderr 'not generic'

# The untouched sidecar still renders.
cp pristine.yaml "$S"
expect_exit --reveals 0 "$HUSH" render field.yaml --secrets "$S"
expect_stdout 'Type-Canary-Smtp-Pw-7'
