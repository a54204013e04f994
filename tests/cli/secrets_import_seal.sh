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

# A seal interrupted between its two writes (the sidecar holds the values, the config still has
# its block) completes when run again with the key at hand; without it, or for another value, the
# name is taken.
printf 'secrets:\n  RESUMED: "Seal-Canary-Inline-1"\nk: ${inline:RESUMED}\n' > again.yaml
cp again.yaml again.before
expect_exit 0 "$HUSH" seal again.yaml --secrets "$S"
cp again.yaml again.sealed
cp again.before again.yaml
mv "$XDG_CONFIG_HOME" keys.away
expect_exit 1 "$HUSH" seal again.yaml --secrets "$S"
expect_stderr 'error: secret RESUMED already exists in the sidecar; if an interrupted hush seal put it there, run hush seal again with the private key at hand'
expect_same again.before again.yaml
mv keys.away "$XDG_CONFIG_HOME"
expect_exit 0 "$HUSH" seal again.yaml --secrets "$S"
expect_stderr 'moved 1 inline secrets into app.secrets.yaml; again.yaml now references them (1 were there already from an interrupted seal)'
expect_same again.sealed again.yaml
expect_exit --reveals 0 "$HUSH" render again.yaml --secrets "$S"
expect_stdout 'k: Seal-Canary-Inline-1'
printf 'secrets:\n  RESUMED: "another value"\nk: ${inline:RESUMED}\n' > again.yaml
expect_exit 1 "$HUSH" seal again.yaml --secrets "$S"
expect_stderr 'error: secret RESUMED already exists in the sidecar with another value, type or scopes'
