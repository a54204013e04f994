# `hush:ignore` works only in a comment of the file's own syntax on the finding's line, never
# inside a string, and never for a structural finding: `x: *nothing # hush:ignore` leaves the YAML
# error (and so the config's failure) standing, `#hush:ignore` inside a JSON string suppresses
# nothing, `// hush:ignore` works in JavaScript and `# hush:ignore[rule]` names one rule.
source "$(dirname "$0")/lib.sh"
token=ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789
canary "$token"
git init -q repo
cd repo

# A YAML error cannot be silenced, and with it every config rule of the file.
write app.yaml <<'EOF2'
services:
  - name: web
    type: http
    password: hunter2-real
x: *nothing # hush:ignore
EOF2
git add -A
expect_exit 1 "$HUSH" check app.yaml
expect_stderr '[yaml-syntax]'
git rm -q --cached app.yaml && rm app.yaml

# Inside a JSON string, and in JSON at all (it has no comments).
printf '{"token": "%s #hush:ignore"}\n' "$token" > a.json
printf '{"token": "%s"} # hush:ignore\n' "$token" > b.json
# Inside a YAML or shell string.
printf 'token: "%s # hush:ignore"\n' "$token" > c.yaml
printf 'TOKEN="%s # hush:ignore"\n' "$token" > d.sh
# A `#` that is no comment in JavaScript.
printf 'const token = "%s"; # hush:ignore\n' "$token" > e.js
git add -A
expect_exit 1 "$HUSH" check --format json .
python3 - "$OUT" <<'PY' || fail "a hush:ignore outside a comment suppressed a finding"
import json, sys
d = json.load(open(sys.argv[1]))
found = sorted({f["path"] for f in d["findings"] if f["rule"].startswith("detected-secret/")})
assert found == ["a.json", "b.json", "c.yaml", "d.sh", "e.js"], found
assert d["summary"]["suppressed"] == 0, d["summary"]
PY
git rm -q --cached -- *.json *.yaml *.sh *.js && rm -f -- *.json *.yaml *.sh *.js

# Real comments of each syntax suppress.
printf 'const token = "%s"; // hush:ignore\n' "$token" > ok.js
printf 'token := "%s" // hush:ignore[detected-secret]\n' "$token" > ok.go
printf 'TOKEN="%s" # hush:ignore\n' "$token" > ok.sh
printf 'token: "%s" # hush:ignore[detected-secret/github-pat]\n' "$token" > ok.yaml
git add -A
expect_exit 0 "$HUSH" check --format json .
python3 - "$OUT" <<'PY' || fail "comments of the file's syntax did not suppress"
import json, sys
d = json.load(open(sys.argv[1]))
assert d["findings"] == [] and d["summary"]["suppressed"] == 4, d
PY
# A rule list that names another rule suppresses nothing.
printf 'token: "%s" # hush:ignore[plaintext-secret]\n' "$token" > ok.yaml
git add -A
expect_exit 1 "$HUSH" check ok.yaml
expect_stderr '[detected-secret/github-pat]'
