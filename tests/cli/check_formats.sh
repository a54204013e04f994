# `hush check` in text, json and SARIF: the same findings, valid documents, masked snippets, no
# planted value in any format; binary and large files are skipped and counted; baselines and
# hush:ignore comments suppress findings; --severity sets the threshold.
source "$(dirname "$0")/lib.sh"
canary 'Formats-Canary-Literal-Pw'
canary 'Known-Canary-Sidecar-Value'
S=app.secrets.yaml
printf 'services:\n  - name: api\n    type: docker\n    image: app:1\n    env: {TOKEN: $<TOKEN>}\n' > app.yaml
expect_exit 0 "$HUSH" init app.yaml
expect_exit 0 bash -c "printf 'Known-Canary-Sidecar-Value' | '$HUSH' secrets add TOKEN --value-stdin --secrets $S"
expect_exit 0 bash -c "printf 'x' | '$HUSH' secrets add UNUSED_ONE --generate 20 --secrets $S"
write conf/db.yaml <<'EOF2'
services:
  - name: db
    type: postgres
    env:
      DB_PASSWORD: Formats-Canary-Literal-Pw
      OTHER_PASSWORD: also-literal  # hush:ignore
EOF2
printf 'echo Known-Canary-Sidecar-Value\n' > deploy.sh
printf 'bin\0ary Formats-Canary-Literal-Pw' > blob.bin
head -c 2000000 /dev/zero | tr '\0' 'a' > big.txt
for format in json sarif text; do
  expect_exit 1 "$HUSH" check app.yaml conf deploy.sh blob.bin big.txt --format "$format" --secrets "$S"
  cp "$OUT" "report.$format"
done
expect_stderr 'conf/db.yaml:5:20: error: literal value under secret-like key DB_PASSWORD'
expect_stderr 'warning: secret UNUSED_ONE is not referenced by any checked config [unused-secret]'
expect_stderr 'checked 5 files (1 suppressed)'  # the binary and the 2 MB file too
python3 -c 'import json,sys; d=json.load(open("report.json")); s=d["summary"]; assert s["files"]==5 and s["not_checked"]==0 and s["streamed"]==0 and s["suppressed"]==1, s; rules={f["rule"] for f in d["findings"]}; assert {"plaintext-secret","unused-secret"} <= rules, rules' || fail "json report"
python3 -c 'import json; d=json.load(open("report.sarif")); r=d["runs"][0]; assert d["version"]=="2.1.0"; assert r["results"] and all(x["partialFingerprints"]["hush/v2"] for x in r["results"]); assert r["columnKind"]=="unicodeCodePoints"' || fail "sarif report"
grep -q 'DB_PASSWORD: …(25 chars)' report.json || fail "masked snippet missing from json"
# With the private key, a sidecar value written in plaintext is found.
HUSH_KEY_FILE=$(ls "$XDG_CONFIG_HOME"/hush/keys/*.key) expect_exit 1 "$HUSH" check deploy.sh --secrets "$S"
expect_stderr 'deploy.sh:1:6: error: the value of sidecar secret TOKEN is written here in plaintext [known-secret-value]'
XDG_CONFIG_HOME="$WORK/no-keys" expect_exit 0 "$HUSH" check deploy.sh --secrets "$S"   # no key: that rule cannot run
# A baseline accepts today's findings; moved lines stay accepted; a new finding fails.
expect_exit 0 "$HUSH" check conf --write-baseline base.json --secrets "$S"
expect_exit 0 "$HUSH" check conf --baseline base.json --secrets "$S"
sed -i '1i # moved down a line' conf/db.yaml
expect_exit 0 "$HUSH" check conf --baseline base.json --secrets "$S"
printf '      NEW_TOKEN: Formats-Canary-Literal-Pw-2\n' >> conf/db.yaml
canary 'Formats-Canary-Literal-Pw-2'
expect_exit 1 "$HUSH" check conf --baseline base.json --secrets "$S"
expect_stderr 'NEW_TOKEN'
# Warnings fail only with --severity warning.
printf 'x: ${TOKEN}\n' > only.yaml
expect_exit 0 "$HUSH" check only.yaml app.yaml --secrets "$S"
expect_exit 1 "$HUSH" check only.yaml app.yaml --secrets "$S" --severity warning
expect_exit 2 "$HUSH" check no-such-path
