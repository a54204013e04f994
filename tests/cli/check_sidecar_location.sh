# `hush check` reports an unusable sidecar location as its own located error, not as every
# reference of the configs unresolved.
source "$(dirname "$0")/lib.sh"
write app.yaml <<'YAML'
services:
  - name: db
    type: postgres
    env:
      A: ${DB_PASSWORD}
      B: ${API_TOKEN}
YAML

# --secrets names a file that does not exist.
expect_exit 2 "$HUSH" check --secrets missing.secrets.yaml app.yaml
expect_stderr 'missing.secrets.yaml: error: sidecar missing.secrets.yaml does not exist; create it with `hush init` [missing-sidecar]'
expect_no_stderr 'unresolved reference'

# HUSH_SECRETS likewise.
HUSH_SECRETS=gone.yaml expect_exit 2 "$HUSH" check app.yaml
expect_stderr 'gone.yaml: error: sidecar gone.yaml does not exist'
expect_no_stderr 'unresolved reference'

# --secrets names a directory.
mkdir store
expect_exit 2 "$HUSH" check --secrets store app.yaml
expect_stderr '[not-a-regular-file]'
expect_no_stderr 'unresolved reference'

# --secrets names a file that is not a sidecar.
printf 'garbage: [\n' > broken.yaml
expect_exit 2 "$HUSH" check --secrets broken.yaml app.yaml
expect_stderr 'broken.yaml:2:1: error:'
expect_no_stderr 'unresolved reference'

# The project's sidecar pattern needs an environment and none is set.
printf 'sidecar: deploy/app.secrets.{env}.yaml\n' > project.yaml
expect_exit 2 "$HUSH" check --project project.yaml app.yaml
expect_stderr 'uses {env} but no environment is set'
expect_stderr '[no-environment]'
expect_no_stderr 'unresolved reference'

# Nothing named and no sidecar beside the config: the references are what is wrong.
expect_exit 1 "$HUSH" check app.yaml
expect_stderr 'app.yaml:5:10: error: unresolved reference ${DB_PASSWORD}'
expect_stderr 'app.yaml:6:10: error: unresolved reference ${API_TOKEN}'
