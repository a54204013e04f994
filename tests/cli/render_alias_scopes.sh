# Scope rules follow aliases and merge keys: a reference is checked against every place its
# value is used, and an aliased reference used as a mapping key is reference-in-key, in render
# and in check alike.
source "$(dirname "$0")/lib.sh"
canary 'pw-VALUE-ab12cd34'
write alias.yaml <<'EOF2'
secrets:
  DB_PASSWORD: {value: pw-VALUE-ab12cd34, scopes: [service:database]}
services:
  - name: database
    env:
      DB_PASSWORD: &pw ${DB_PASSWORD}
integrations:
  - name: grafana
    url: *pw
EOF2
expect_exit 1 "$HUSH" render alias.yaml -o out.yaml
expect_stderr 'alias.yaml:9:10: error: secret DB_PASSWORD is restricted to service:database and cannot be used in scope integration:grafana (through the alias here of ${DB_PASSWORD} at line 6) [scope-violation]'
expect_no_file out.yaml
expect_exit 1 "$HUSH" check alias.yaml
expect_stderr 'alias.yaml:9:10: error: secret DB_PASSWORD is restricted to service:database'
expect_stderr '[scope-violation]'

write merge.yaml <<'EOF2'
secrets:
  DB_PASSWORD: {value: pw-VALUE-ab12cd34, scopes: [service:database]}
services:
  - name: database
    env: &envs
      DB_PASSWORD: ${DB_PASSWORD}
integrations:
  - name: grafana
    settings:
      <<: *envs
EOF2
expect_exit 1 "$HUSH" render merge.yaml
expect_stderr 'merge.yaml:10:11: error: secret DB_PASSWORD is restricted to service:database and cannot be used in scope integration:grafana'
expect_exit 1 "$HUSH" check merge.yaml
expect_stderr '[scope-violation]'

write key.yaml <<'EOF2'
secrets:
  API_TOKEN: pw-VALUE-ab12cd34
services:
  - name: api
    token: &k ${API_TOKEN}
    labels:
      *k : x
EOF2
expect_exit 1 "$HUSH" render key.yaml
expect_stderr 'key.yaml:7:7: error: reference ${API_TOKEN} in a mapping key is not substituted; move it into a value (through the alias here of the value at line 5) [reference-in-key]'
expect_exit 1 "$HUSH" check key.yaml
expect_stderr '[reference-in-key]'

# Aliases used only where the secret is allowed render, at both places.
write fine.yaml <<'EOF2'
secrets:
  DB_PASSWORD: {value: pw-VALUE-ab12cd34, scopes: [service:database]}
services:
  - name: database
    env:
      DB_PASSWORD: &pw ${DB_PASSWORD}
    also: *pw
EOF2
expect_exit --reveals 0 "$HUSH" render fine.yaml
expect_stdout 'DB_PASSWORD: &pw pw-VALUE-ab12cd34'
expect_stdout 'also: *pw'
