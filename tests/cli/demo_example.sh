# The shipped example renders through real decryption with its demo key, and its sidecar
# lists without any key.
source "$(dirname "$0")/lib.sh"
cp -r "$HUSH_SOURCE_DIR/examples/." .
expect_exit 0 "$HUSH" secrets list
expect_stdout 'DB_PASSWORD'
expect_stdout 'SMTP'
expect_exit 3 "$HUSH" render opsimate.yaml
expect_stderr '[missing-key]'
export HUSH_KEY
HUSH_KEY=$(cat demo.key)
DEPLOY_DOMAIN=example.com DEPLOY_OWNER=ops REDIS_PORT=6379 expect_exit --reveals 0 "$HUSH" render opsimate.yaml -o rendered.yaml
expect_mode rendered.yaml 600
expect_file_has rendered.yaml '      DB_PASSWORD: "demo p@ss: with # chars"'
expect_file_has rendered.yaml '  username: opsimate@example.com               # a field of a multi-field (basic) secret'
expect_file_has rendered.yaml '      REDIS_PORT: 6379              # a number stays a number'
expect_file_has rendered.yaml '      echo "literal text: ${HOME} is left for the shell"'
expect_file_lacks rendered.yaml 'secrets:'
expect_file_lacks rendered.yaml '$<'
expect_file_lacks rendered.yaml '${SMTP'
python3 - <<'PY' || fail "rendered example is not the template outside substituted lines"
import difflib
a = open("opsimate.yaml").read().splitlines()
b = open("rendered.yaml").read().splitlines()
changed = [l for l in difflib.ndiff(a, b) if l.startswith("- ")]
assert all(("${" in l or "$<" in l or "secrets:" in l or "GRAFANA" in l or "value:" in l
            or "description:" in l or "scopes:" in l or l.strip() == "-") for l in changed), changed
PY
