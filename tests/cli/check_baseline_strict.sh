# A baseline is read as JSON with hush's shape, never scraped: fingerprints elsewhere in the file
# (a comment, another key, a finding report passed by mistake) do not suppress anything, and a
# malformed baseline is a located error rather than an empty set. Fingerprints hold no value: a
# baseline of one password is the baseline of any other of its length (no word-list oracle), and a
# version 1 baseline (which hashed values) is refused.
source "$(dirname "$0")/lib.sh"
write conf/db.yaml <<'EOF2'
services:
  - name: db
    env:
      password: Baseline-Canary-Literal-Pw-1
EOF2
canary 'Baseline-Canary-Literal-Pw-1'
expect_exit 1 "$HUSH" check conf
expect_exit 0 "$HUSH" check conf --write-baseline base.json
python3 -c 'import json; d=json.load(open("base.json")); assert d["hush_baseline"]==2 and d["fingerprints"], d' || fail "baseline shape"
fp=$(python3 -c 'import json; print(json.load(open("base.json"))["fingerprints"][0])')
# The same fingerprints under any other key are not baseline entries.
python3 -c 'import json; d=json.load(open("base.json")); json.dump({"hush_baseline": 2, "fingerprints": [], "notes": d["fingerprints"]}, open("other-key.json", "w"))' 
expect_exit 1 "$HUSH" check conf --baseline other-key.json
expect_stderr '[plaintext-secret]'
# A findings report is not a baseline.
expect_exit 1 "$HUSH" check conf --format json
cp "$OUT" report.json
expect_exit 2 "$HUSH" check conf --baseline report.json
expect_stderr 'report.json: error: '
expect_stderr '[baseline-invalid]'
# Broken JSON: located.
printf '{"hush_baseline": 2,\n "fingerprints": ["%s",]}\n' "$fp" > broken.json
expect_exit 2 "$HUSH" check conf --baseline broken.json
expect_stderr 'broken.json:2:'
expect_stderr '[baseline-invalid]'
# Not a fingerprint.
printf '{"hush_baseline": 2, "fingerprints": ["xyz"]}\n' > bad-fp.json
expect_exit 2 "$HUSH" check conf --baseline bad-fp.json
expect_stderr '[baseline-invalid]'
expect_exit 0 "$HUSH" check conf --baseline base.json
# No value in a fingerprint: another password of the same length gives the same baseline.
sed 's/Baseline-Canary-Literal-Pw-1/Guessed-Password-Candidate-2/' conf/db.yaml > other.yaml
mkdir other && mv other.yaml other/db.yaml && mv conf conf.keep && mv other conf
expect_exit 0 "$HUSH" check conf --write-baseline guess.json
expect_same base.json guess.json
rm -r conf && mv conf.keep conf
# A version 1 baseline hashed the values themselves: refused, with what to do.
printf '{"hush_baseline": 1, "fingerprints": ["%s"]}\n' "$fp" > v1.json
expect_exit 2 "$HUSH" check conf --baseline v1.json
expect_stderr 'a version 1 baseline'
expect_stderr '[baseline-invalid]'
# A baseline holds no absolute path: written in one checkout (files named by `configs:`), it
# accepts the same findings in a clone elsewhere.
mkdir one && cp -r conf one/ && cd one
printf 'configs: [conf/db.yaml]\n' > .hush.yaml
git init -q . && git add -A && git -c user.name=t -c user.email=t@invalid commit -q -m one
expect_exit 1 "$HUSH" check
expect_exit 0 "$HUSH" check --write-baseline base.json
cd "$WORK" && git clone -q one two-elsewhere && cp one/base.json two-elsewhere/ && cd two-elsewhere
expect_exit 0 "$HUSH" check --baseline base.json
cd "$WORK"
