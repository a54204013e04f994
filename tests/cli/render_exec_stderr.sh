# An exec source that fails prints, on stderr, a value resolved earlier in the same render (from
# the environment) and the HUSH_KEY value; hush reports its stderr, masked: neither value reaches
# hush's stderr or the --log-file, text or json.
source "$(dirname "$0")/lib.sh"
S=s.secrets.yaml
expect_exit 0 "$HUSH" init --secrets "$S"
key=$(tr -d '\n' < "$(ls "$XDG_CONFIG_HOME"/hush/keys/*.key)")
canary "$key"
canary 'Stderr-Env-Canary-5150'
# The script knows the key value (it is planted here); it never receives HUSH_KEY itself.
write leaky.sh <<EOF2
#!/bin/sh
echo "token from env: \$DB_PASSWORD" >&2
echo "key: $key" >&2
exit 1
EOF2
chmod +x leaky.sh
write .hush.yaml <<'EOF2'
sources:
  - sidecar
  - env
  - name: leaky
    exec: ["./leaky.sh", "{key}"]
    qualified_only: true
EOF2
write app.yaml <<'EOF2'
services:
  - name: api
    env:
      DB_PASSWORD: ${DB_PASSWORD}
      OTHER: ${leaky:other}
EOF2
for format in text json; do
  DB_PASSWORD='Stderr-Env-Canary-5150' HUSH_KEY="$key" \
    expect_exit 1 "$HUSH" render app.yaml --secrets "$S" --log-file "render.$format" --log-format "$format"
  expect_stderr 'exec source leaky for key other: ./leaky.sh exited with status 1: token from env: ***'
  expect_stderr 'key: ***'
  expect_no_stderr "$key"
  expect_no_stderr 'Stderr-Env-Canary-5150'
  check_file_for_canaries "render.$format"
  expect_file_has "render.$format" 'exited with status 1'
  expect_file_lacks "render.$format" "$key"
  expect_file_lacks "render.$format" 'Stderr-Env-Canary-5150'
done
