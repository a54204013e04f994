# `secrets import` reads dotenv syntax; `seal` moves an inline block into the sidecar and keeps
# the rest of the config byte for byte.
source "$(dirname "$0")/lib.sh"
canary 'Import-Canary-Alpha'
canary 'Seal-Canary-Inline-1'
S=app.secrets.yaml
write app.yaml <<'EOF2'
# deploy config
server: {port: 8080}
secrets:
  API_TOKEN: "Seal-Canary-Inline-1"
  WEBHOOK:
    value: https://hooks.example/abc-Seal
    scopes: [integration]
integrations:
  - name: slack
    token: ${inline:API_TOKEN}   # keep this comment
    hook: $<WEBHOOK>
EOF2
expect_exit 0 "$HUSH" init app.yaml
write .env <<'EOF2'
# comment
export ALPHA="Import-Canary-Alpha"
BETA='single $quoted'
GAMMA=plain value # trailing
MULTI="line one
line two"
EOF2
expect_exit 0 "$HUSH" secrets import .env --tag imported --secrets "$S"
expect_stderr 'imported 4 new and 0 updated secrets'
expect_exit --reveals 0 "$HUSH" secrets get MULTI --secrets "$S"
[ "$(cat "$OUT")" = $'line one\nline two' ] || fail "multi-line import"
expect_exit 1 "$HUSH" secrets import .env --secrets "$S"
expect_stderr '[secret-exists]'
expect_exit 0 "$HUSH" secrets import .env --update --secrets "$S"
expect_stderr 'imported 0 new and 4 updated secrets'
printf 'bad line\n' > broken.env
expect_exit 1 "$HUSH" secrets import broken.env --secrets "$S"
expect_stderr 'broken.env:1:1: error: expected NAME=value [dotenv-invalid]'

expect_exit --reveals 0 "$HUSH" render app.yaml
cp "$OUT" before.yaml
expect_exit 0 "$HUSH" seal app.yaml
expect_file_lacks app.yaml 'Seal-Canary'
expect_file_has app.yaml '    token: ${API_TOKEN}   # keep this comment'
expect_file_has app.yaml '# deploy config'
expect_exit --reveals 0 "$HUSH" render app.yaml
expect_same before.yaml "$OUT"
expect_exit 0 "$HUSH" secrets list --secrets "$S"
expect_stdout 'WEBHOOK'
expect_stdout 'integration'
expect_exit 1 "$HUSH" seal app.yaml
expect_stderr '[nothing-to-seal]'
