# `hush check` skips nothing silently: a file with a NUL byte is scanned as bytes, UTF-16 text is
# decoded and scanned, a file past every size limit is scanned in windows (line numbers stay
# right across window ends), and what cannot be read at all is a `not-checked` warning that fails
# at --severity warning and is counted in every format.
source "$(dirname "$0")/lib.sh"
git init -q repo
cd repo
token=ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789
canary "$token"
printf '# \0 a comment\naws = "%s"\n' "$token" > nul.txt
printf 'key = %s\n' "$token" | iconv -t UTF-16LE > utf16le.txt
printf '\xfe\xff' > utf16be.txt
printf 'key = %s\n' "$token" | iconv -t UTF-16BE >> utf16be.txt
git add -A
expect_exit 1 "$HUSH" check --format json .
python3 - "$OUT" <<'PY' || fail "NUL and UTF-16 files were not scanned"
import json, sys
d = json.load(open(sys.argv[1]))
found = {(f["path"], f["line"]) for f in d["findings"] if f["rule"].startswith("detected-secret/")}
want = {("nul.txt", 2), ("utf16le.txt", 1), ("utf16be.txt", 1)}
assert want <= found, (want - found, d["findings"])
assert d["summary"]["files"] == 3, d["summary"]
PY
rm -f nul.txt utf16le.txt utf16be.txt

# Past the input limit: a token in the first window, one across a window end (1 MiB windows),
# and one at the very end, each on its own line number.
python3 - "$token" <<'PY'
import sys
token = sys.argv[1]
with open("big.log", "w") as f:
    f.write("key = %s\n" % token)           # line 1
    line = "x" * 99 + "\n"
    n = 1
    while f.tell() < (1 << 20) - 20:
        f.write(line); n += 1
    f.write("k = %s\n" % token); n += 1    # straddles the 1 MiB mark
    print(n)
    while f.tell() < 3 * (1 << 20) + 5000:
        f.write(line); n += 1
    f.write("tail = %s\n" % token); n += 1
    print(n)
PY
expect_exit 1 "$HUSH" check --max-input-size 1M --format json big.log
python3 - "$OUT" <<'PY' || fail "a large file was not scanned in windows"
import json, sys
d = json.load(open(sys.argv[1]))
lines = sorted(f["line"] for f in d["findings"] if f["rule"].startswith("detected-secret/"))
text = open("big.log").read().split("\n")
want = [i + 1 for i, l in enumerate(text) if "ghp_" in l]
assert lines == want, (lines, want)
assert d["summary"]["files"] == 1, d["summary"]
PY
# A large YAML file: its YAML rules are not run (a not-checked warning), detection is.
{ printf 'password: "%s"\n' "$token"; head -c 1200000 /dev/zero | tr '\0' '#'; echo; } > big.yaml
expect_exit 1 "$HUSH" check --max-input-size 1M big.yaml
expect_stderr 'big.yaml:1:'
expect_stderr '[not-checked]'
rm -f big.log big.yaml

# What cannot be read: a warning, failing only at --severity warning, counted.
mkfifo pipe.yaml
printf 'ok: 1\n' > fine.yaml
expect_exit 0 "$HUSH" check pipe.yaml fine.yaml
expect_stderr 'pipe.yaml: warning:'
expect_stderr '[not-checked]'
expect_stderr '1 not checked'
expect_exit 1 "$HUSH" check --severity warning pipe.yaml fine.yaml
expect_exit 0 "$HUSH" check --format json pipe.yaml fine.yaml
python3 -c 'import json,sys; s=json.load(open(sys.argv[1]))["summary"]; assert s["not_checked"]==1 and s["files"]==1, s' "$OUT" || fail "json summary"
expect_exit 0 "$HUSH" check --format sarif pipe.yaml fine.yaml
python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["runs"][0]; assert r["results"][0]["ruleId"]=="not-checked" and r["properties"]["not_checked"]==1, r' "$OUT" || fail "sarif summary"
