# A sidecar is recognised by hush's exact header only, and is itself checked: a lookalike YAML file
# (`hush: 1`, `key_id: x`) gets every rule; a pasted plaintext value is sidecar-invalid (never
# printed); a token in a description is found while sealed values are not scanned; and with
# --staged, a sidecar whose public key changed, whose version went down or whose history was
# truncated compared with HEAD is an error that no comment suppresses.
source "$(dirname "$0")/lib.sh"
token=ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789
canary "$token"
canary 'hunter2-pasted'
git init -q repo
cd repo
commit() { git add -A && git -c user.name=t -c user.email=t@invalid commit -q -m "$1"; }
write app.yaml <<'EOF2'
services:
  - name: web
    type: http
    url: https://example.com
    token: ${API_TOKEN}
EOF2
"$HUSH" init app.yaml >/dev/null 2>&1 || fail "hush init"
for v in first-value second-value third-value; do
  printf '%s' "$v" | "$HUSH" secrets add API_TOKEN --secrets app.secrets.yaml --value-stdin \
    >/dev/null 2>&1 || printf '%s' "$v" | "$HUSH" secrets update API_TOKEN \
    --secrets app.secrets.yaml --value-stdin >/dev/null 2>&1 || fail "secrets add/update $v"
done
grep -q 'version: 3' app.secrets.yaml || fail "expected version 3"
commit sidecar
expect_exit 0 "$HUSH" check .
cp app.secrets.yaml good.keep

# A lookalike is no sidecar: the token in it is found.
printf 'hush: 1\nkey_id: x\ntoken: %s\n' "$token" > look.yaml
expect_exit 1 "$HUSH" check look.yaml
expect_stderr '[detected-secret/github-pat]'
rm look.yaml

# A plaintext value pasted into the sidecar: sidecar-invalid, the value never shown.
python3 - <<'PY'
import re
t = open("app.secrets.yaml").read()
t = re.sub(r"(\n    value: )enc:v[12]:\S+", r"\1hunter2-pasted", t, count=1)
open("app.secrets.yaml", "w").write(t)
PY
expect_exit 1 "$HUSH" check app.secrets.yaml
expect_stderr '[sidecar-invalid]'
expect_stderr 'is not encrypted'
# A token in a description is found; the sealed values around it are not findings.
cp good.keep app.secrets.yaml
python3 - "$token" <<'PY'
import sys
t = open("app.secrets.yaml").read()
t = t.replace("  API_TOKEN:\n", "  API_TOKEN:\n    description: %s\n" % sys.argv[1], 1)
open("app.secrets.yaml", "w").write(t)
PY
expect_exit 1 "$HUSH" check --format json app.secrets.yaml
python3 - "$OUT" <<'PY' || fail "expected exactly the description token"
import json, sys
d = json.load(open(sys.argv[1]))
assert [f["rule"] for f in d["findings"]] == ["detected-secret/github-pat"], d["findings"]
PY
cp good.keep app.secrets.yaml

# Against HEAD with --staged: a swapped public key (another keypair's sidecar for the same name).
mkdir other && cp app.yaml other/ && (cd other && XDG_CONFIG_HOME="$WORK/other-keys" "$HUSH" init app.yaml >/dev/null 2>&1) \
  || fail "second init"
python3 - <<'PY'
import re
mine = open("app.secrets.yaml").read()
theirs = open("other/app.secrets.yaml").read()
pk = re.search(r"^public_key: .*$", theirs, re.M).group(0)
kid = re.search(r"^key_id: .*$", theirs, re.M).group(0)
mine = re.sub(r"^public_key: .*$", pk, mine, flags=re.M)
mine = re.sub(r"^key_id: .*$", kid, mine, flags=re.M)
open("app.secrets.yaml", "w").write(mine)
PY
rm -r other
git add app.secrets.yaml
expect_exit 1 "$HUSH" check --staged
expect_stderr '[sidecar-key-changed]'
expect_stderr 'changed since HEAD'
# A deliberate rekey is accepted, after review, by a baseline entry (and only that change).
expect_exit 0 "$HUSH" check --staged --write-baseline "$WORK/rekey.json"
expect_exit 0 "$HUSH" check --staged --baseline "$WORK/rekey.json"
# The working tree on its own has nothing to compare with: a valid sidecar.
expect_exit 0 "$HUSH" check app.secrets.yaml
cp good.keep app.secrets.yaml && git add app.secrets.yaml

# An older version put back: version 3 → 2, history cut to version 1.
python3 - <<'PY'
import re
t = open("app.secrets.yaml").read()
entry = r"      - \{version: (\d+), created: (\S+), value: (\S+)\}\n"
hist = re.findall(entry, t)
assert [h[0] for h in hist] == ["1", "2"], t
t = t.replace("\n    version: 3\n", "\n    version: 2\n")
t = re.sub(r"\n    value: enc:\S+\n", "\n    value: %s\n" % hist[1][2], t, count=1)
t = re.sub(r"      - \{version: 2,.*\}\n", "", t)
open("app.secrets.yaml", "w").write(t)
PY
git add app.secrets.yaml
expect_exit 1 "$HUSH" check --staged
expect_stderr '[sidecar-version-down]'
expect_stderr 'below version 3 at HEAD'
cp good.keep app.secrets.yaml
# History truncated at the same version.
python3 - <<'PY'
import re
t = open("app.secrets.yaml").read()
t, n = re.subn(r"      - \{version: 1,.*\}\n", "", t)
assert n == 1, t
open("app.secrets.yaml", "w").write(t)
PY
git add app.secrets.yaml
expect_exit 1 "$HUSH" check --staged
expect_stderr '[sidecar-history-truncated]'
expect_stderr 'lost version(s) 1'
# No comment silences it.
sed -i 's/^\(  API_TOKEN:\)$/\1 # hush:ignore/' app.secrets.yaml
git add app.secrets.yaml
expect_exit 1 "$HUSH" check --staged
expect_stderr '[sidecar-history-truncated]'
cp good.keep app.secrets.yaml && git add app.secrets.yaml
expect_exit 0 "$HUSH" check --staged

# Against a named revision with --base, in the working tree (from a subdirectory too).
git -c user.name=t -c user.email=t@invalid tag base
python3 - <<'PY'
import re
t = open("app.secrets.yaml").read()
t, n = re.subn(r"      - \{version: 1,.*\}\n", "", t)
assert n == 1, t
open("app.secrets.yaml", "w").write(t)
PY
expect_exit 1 "$HUSH" check --base base app.secrets.yaml
expect_stderr '[sidecar-history-truncated]'
expect_stderr 'that base has'
mkdir -p sub && cd sub
expect_exit 1 "$HUSH" check --base base ../app.secrets.yaml
expect_stderr '[sidecar-history-truncated]'
cd ..
expect_exit 2 "$HUSH" check --base no-such-rev app.secrets.yaml
expect_stderr 'no-such-rev'
cp good.keep app.secrets.yaml
expect_exit 0 "$HUSH" check --base base app.secrets.yaml
