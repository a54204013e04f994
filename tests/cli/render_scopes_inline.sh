# Inline secrets render and are stripped; scope violations fail; global options after the command.
source "$(dirname "$0")/lib.sh"
canary 'hook-VALUE-123456'
write config.yaml <<'EOF2'
secrets:
  SLACK_HOOK:
    value: hook-VALUE-123456
    scopes: [integration:slack]
services:
  - name: api
    hook: ${SLACK_HOOK}
EOF2
expect_exit 1 "$HUSH" render config.yaml
expect_stderr 'config.yaml:7:11: error: secret SLACK_HOOK is restricted to integration:slack and cannot be used in scope service:api [scope-violation]'
write ok.yaml <<'EOF2'
secrets:
  SLACK_HOOK: {value: hook-VALUE-123456, scopes: [integration]}
integrations:
  - name: slack
    hook: ${SLACK_HOOK}
EOF2
expect_exit --reveals 0 "$HUSH" render ok.yaml
expect_stdout 'hook: hook-VALUE-123456'
expect_no_stdout 'secrets:'
expect_exit --reveals 0 "$HUSH" render ok.yaml --keep-secrets
expect_stdout 'secrets:'
HOOK_OVERRIDE=1 SLACK_HOOK=from-env expect_exit --reveals 0 "$HUSH" render ok.yaml --source inline --source env
expect_stdout 'hook: hook-VALUE-123456'
SLACK_HOOK=from-env expect_exit --reveals 0 "$HUSH" render ok.yaml
expect_stdout 'hook: from-env'
SLACK_HOOK=from-env expect_exit --reveals 0 "$HUSH" render ok.yaml --no-env
expect_stdout 'hook: hook-VALUE-123456'
APP_SLACK_HOOK=prefixed expect_exit --reveals 0 "$HUSH" render ok.yaml --env-prefix APP_
expect_stdout 'hook: prefixed'
expect_exit --reveals 0 "$HUSH" render ok.yaml --syntax angle
expect_stdout 'hook: ${SLACK_HOOK}'
# A scope glob the sidecar would refuse (a comma separates scopes in the seal) is refused inline
# too, at the item, so a config that renders can always be sealed.
write comma.yaml <<'EOF2'
secrets:
  SLACK_HOOK: {value: hook-VALUE-123456, scopes: ["integration:slack,grafana"]}
integrations:
  - name: slack
    hook: ${SLACK_HOOK}
EOF2
expect_exit 1 "$HUSH" render comma.yaml
expect_stderr "comma.yaml:2:51: error: inline secret SLACK_HOOK: invalid scope 'integration:slack,grafana'"
expect_stderr '[inline-secret-invalid]'
