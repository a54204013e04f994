# Every unresolved reference is reported with file:line:column, scope, sources tried and a
# suggestion; exit 1; nothing is written and an existing output is left untouched.
source "$(dirname "$0")/lib.sh"
canary 'S3cr3t-Db-Passw0rd'
write config.yaml <<'EOF2'
services:
  - name: database
    env:
      DB_PASSWORD: ${DB_PASWORD}
      URL: "postgres://app:${DB_PASSWORD}@db/app"
integrations:
  - name: slack
    token: $<SLACK_TOKEN>
EOF2
echo "previous" > out.yaml
DB_PASSWORD='S3cr3t-Db-Passw0rd' expect_exit 1 "$HUSH" render config.yaml -o out.yaml
expect_stderr 'config.yaml:4:20: error: unresolved reference ${DB_PASWORD} in scope service:database (tried sidecar, env, inline); did you mean DB_PASSWORD? [unresolved-reference]'
expect_stderr '    4 |       DB_PASSWORD: ${DB_PASWORD}'
expect_stderr 'config.yaml:8:12: error: unresolved reference $<SLACK_TOKEN> in scope integration:slack'
[ "$(cat out.yaml)" = "previous" ] || fail "out.yaml was modified"
expect_no_file out.yaml.tmp
