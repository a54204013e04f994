# Rendering through the encrypted sidecar: multi-field secrets, scopes, expiry, environments and
# the project file.
source "$(dirname "$0")/lib.sh"
canary 'Sidecar-Canary-Pw-1'
canary 'Staging-Canary-Pw-2'
write deploy/app.yaml <<'EOF2'
providers:
  - name: aws-prod
    type: aws
    user: ${BASIC.username}
    password: "${BASIC.password}"
services:
  - name: db
    type: postgres
    env: {PW: $<DB_PASSWORD>}
EOF2
expect_exit 0 "$HUSH" init deploy/app.yaml
expect_exit 0 bash -c "printf 'Sidecar-Canary-Pw-1' | '$HUSH' secrets add DB_PASSWORD --value-stdin --scope service:db --secrets deploy/app.secrets.yaml"
expect_exit 0 bash -c "printf 'username=deploy\npassword=Sidecar-Canary-Pw-1\n' | '$HUSH' secrets add BASIC --type basic --value-stdin --secrets deploy/app.secrets.yaml"
expect_exit --reveals 0 "$HUSH" render deploy/app.yaml
expect_stdout '    user: deploy'
expect_stdout '    password: "Sidecar-Canary-Pw-1"'
expect_stdout '    env: {PW: Sidecar-Canary-Pw-1}'
# ${NAME} on a multi-field secret lists its fields.
printf 'x: ${BASIC}\n' > deploy/bad.yaml
expect_exit 1 "$HUSH" render deploy/bad.yaml --secrets deploy/app.secrets.yaml
expect_stderr 'secret BASIC has fields password, username; reference one as ${BASIC.password} [multi-field-secret]'
# Scope restriction.
printf 'integrations:\n  - name: x\n    pw: ${DB_PASSWORD}\n' > deploy/scoped.yaml
expect_exit 1 "$HUSH" render deploy/scoped.yaml --secrets deploy/app.secrets.yaml
expect_stderr '[scope-violation]'
# Expired secrets fail unless --allow-expired.
expect_exit 0 bash -c "printf 'old-value-123' | '$HUSH' secrets add OLD --value-stdin --expires 2020-01-01 --secrets deploy/app.secrets.yaml"
printf 'x: ${OLD}\n' > deploy/old.yaml
expect_exit 1 "$HUSH" render deploy/old.yaml --secrets deploy/app.secrets.yaml
expect_stderr 'secret OLD expired at 2020-01-01T00:00:00Z; rotate it or pass --allow-expired [expired-secret]'
expect_exit --reveals 0 "$HUSH" render deploy/old.yaml --secrets deploy/app.secrets.yaml --allow-expired
expect_stderr 'warning: secret OLD expired'
expect_exit 1 "$HUSH" secrets due --secrets deploy/app.secrets.yaml
expect_stdout 'OLD'
expect_stdout 'expired'
# A named sidecar that does not exist is an error; a default one is an empty source.
expect_exit 2 "$HUSH" render deploy/app.yaml --secrets nowhere.yaml
expect_stderr '[missing-sidecar]'
# Per-environment sidecars and the project file.
write .hush.yaml <<'EOF2'
sidecar: deploy/app.secrets.{env}.yaml
environment: staging
EOF2
expect_exit 0 "$HUSH" init
expect_file deploy/app.secrets.staging.yaml
expect_exit 0 bash -c "printf 'Staging-Canary-Pw-2' | '$HUSH' secrets add DB_PASSWORD --value-stdin"
expect_exit 0 bash -c "printf 'username=stage\npassword=Staging-Canary-Pw-2\n' | '$HUSH' secrets add BASIC --type basic --value-stdin"
expect_exit --reveals 0 "$HUSH" render deploy/app.yaml
expect_stdout 'PW: Staging-Canary-Pw-2'
printf 'sidecar: x\nsidecars: y\n' > .hush.yaml
expect_exit 1 "$HUSH" render deploy/app.yaml
expect_stderr ".hush.yaml:2:1: error: unknown key 'sidecars' in the project file"
