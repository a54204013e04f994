# `hush check .` on a repository with other templating beside hush configs: a GitHub Actions
# workflow, a compose file, a Helm chart (templates and values) and an Ansible role pass clean;
# a credential planted in any of them is found; two configs are each checked against their own
# sidecar.
source "$(dirname "$0")/lib.sh"
git init -q repo
cd repo
write .github/workflows/ci.yml <<'YAML'
name: ci
on: [push, pull_request]
jobs:
  test:
    runs-on: ${{ matrix.os }}
    strategy:
      matrix: {os: [ubuntu-latest]}
    steps:
      - uses: actions/cache@v4
        with:
          key: ${{ runner.os }}-deps-${{ hashFiles('**/package-lock.json') }}
      - run: ./deploy.sh
        env:
          API_TOKEN: ${{ secrets.API_TOKEN }}
          PASSWORD: ${{ secrets.DB_PASSWORD }}
YAML
write docker-compose.yml <<'YAML'
services:
  db:
    image: postgres:16
    environment:
      POSTGRES_PASSWORD: ${POSTGRES_PASSWORD:-}
      POSTGRES_USER: ${POSTGRES_USER:?set it}
      PGDATA: $PGDATA
YAML
write chart/templates/secret.yaml <<'YAML'
{{- if .Values.secrets.enabled }}
apiVersion: v1
kind: Secret
metadata:
  name: {{ include "app.fullname" . }}
stringData:
  password: {{ .Values.secrets.db_password | quote }}
{{- end }}
YAML
write chart/values.yaml <<'YAML'
secrets:
  enabled: true
  db_password: ""
  api_token: ""
YAML
write roles/web/tasks/main.yml <<'YAML'
- name: configure the app
  template:
    src: app.conf.j2
    dest: "/etc/app/{{ app_name }}.conf"
  vars:
    db_password: "{{ vault_db_password }}"
  when: "{% if enabled %}true{% endif %}"
YAML
write deploy/a.yaml <<'YAML'
services:
  - name: a
    type: postgres
    env:
      P: ${A_PASSWORD}
YAML
write deploy/b.yaml <<'YAML'
services:
  - name: b
    type: postgres
    env:
      P: ${B_PASSWORD}
YAML
expect_exit 0 "$HUSH" init deploy/a.yaml
expect_exit 0 "$HUSH" init deploy/b.yaml
expect_exit 0 bash -c "'$HUSH' secrets add A_PASSWORD --generate 20 --secrets deploy/a.secrets.yaml"
expect_exit 0 bash -c "'$HUSH' secrets add B_PASSWORD --generate 20 --secrets deploy/b.secrets.yaml"
git add -A

# Clean: no hush error for anyone else's templating, each config resolved by its own sidecar.
expect_exit 0 "$HUSH" check .
expect_no_stderr 'error:'
expect_no_stderr 'unused-secret'
expect_exit 0 "$HUSH" check deploy/a.yaml deploy/b.yaml
expect_no_stderr 'unresolved'
expect_exit 0 "$HUSH" check --staged
expect_no_stderr 'error:'

# A config whose reference its sidecar lacks is still reported, at its line.
printf "      X: \${B_PASSWORD}\\n" >> deploy/a.yaml
expect_exit 1 "$HUSH" check .
expect_stderr 'deploy/a.yaml:6:10: error: unresolved reference ${B_PASSWORD}'
git checkout -q -- deploy/a.yaml 2>/dev/null || sed -i '$d' deploy/a.yaml

# A credential planted in each kind of file is found.
aws="AKIA""QYLPMN5HHHFPZAM2"
printf '          AWS_ACCESS_KEY_ID: %s\n' "$aws" >> .github/workflows/ci.yml
printf '      AWS_ACCESS_KEY_ID: %s\n' "$aws" >> docker-compose.yml
printf '  aws_key: %s\n' "$aws" >> chart/values.yaml
printf '# key %s\n' "$aws" >> chart/templates/secret.yaml
printf '    aws_key: %s\n' "$aws" >> roles/web/tasks/main.yml
canary "$aws"
expect_exit 1 "$HUSH" check .
for f in .github/workflows/ci.yml docker-compose.yml chart/values.yaml chart/templates/secret.yaml \
  roles/web/tasks/main.yml; do
  expect_stderr "$f:"
done
expect_stderr '[detected-secret/aws-access-key-id]'
expect_no_stderr 'yaml-syntax'
expect_no_stderr 'invalid-reference'
expect_no_stderr 'inline-secret'
