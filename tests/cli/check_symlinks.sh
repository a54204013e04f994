# `hush check` never follows a symbolic link out of the repository: while walking a directory
# (through git or not) no link is followed, so a file of the tree is checked once, at its own
# path, and nothing outside is read; a link named on the command line is followed only to a target
# inside the repository (outside git, the current directory), else it is a not-checked warning.
# Nothing of an outside target reaches any output format.
source "$(dirname "$0")/lib.sh"
# Any GitHub token preview in any output means an outside file was read; so does the marker,
# which the snippet of a finding in the outside YAML file would show.
canary 'ghp_'
canary 'Outside-Marker-Line'
canary 'Zq9xLongValue77'
canary "$(head -n 1 /etc/passwd)"
mkdir outside
printf 'token = %s\n' 'ghp_aBcDeFgHiJkLmNoPqRsTuVwXyZ0123456789' > outside/creds.txt
printf 'password: "Zq9xLongValue77" # Outside-Marker-Line\n' > outside/settings.yaml
aws="AKIA""QYLPMN5HHHFPZAM2"
canary "$aws"

# plant DIR: an otherwise clean tree whose links all lead out of it.
plant() {
  mkdir -p "$1"
  printf 'ok: 1\n' > "$1/fine.yaml"
  ln -s /etc/passwd "$1/leak.txt"
  ln -s "$WORK/outside/creds.txt" "$1/creds.txt"
  ln -s ../outside/settings.yaml "$1/settings.yaml"
  ln -s ../outside "$1/outdir"
}
# expect_clean_walk: `hush check .` read fine.yaml only, in every format.
expect_clean_walk() {
  expect_exit 0 "$HUSH" check .
  expect_stderr 'checked 1 files: 0 findings'
  expect_exit 0 "$HUSH" check --format json .
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); assert d["summary"]["files"]==1 and not d["findings"], d' "$OUT" ||
    fail "json: a link out of the tree was followed"
  expect_exit 0 "$HUSH" check --format sarif .
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["runs"][0]; assert r["properties"]["files"]==1 and not r["results"], r' "$OUT" ||
    fail "sarif: a link out of the tree was followed"
}
# expect_refused LINK WHY: LINK named on the command line is a not-checked warning, not read.
expect_refused() {
  expect_exit 0 "$HUSH" check "$1"
  expect_stderr "$1: warning: not checked: $1 $2 (not followed) [not-checked]"
  expect_stderr 'checked 0 files (1 not checked)'
  expect_exit 1 "$HUSH" check --severity warning "$1"
  expect_stderr '[not-checked]'
  expect_exit 0 "$HUSH" check --format json "$1"
  python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); s=d["summary"]; assert s["not_checked"]==1 and s["files"]==0 and [f["rule"] for f in d["findings"]]==["not-checked"], d' "$OUT" ||
    fail "json: $1 was not refused"
  expect_exit 0 "$HUSH" check --format sarif "$1"
  python3 -c 'import json,sys; r=json.load(open(sys.argv[1]))["runs"][0]; assert [x["ruleId"] for x in r["results"]]==["not-checked"] and r["properties"]["not_checked"]==1, r' "$OUT" ||
    fail "sarif: $1 was not refused"
}
out_of_repo='is a symbolic link to a target outside the repository'

# In a git repository: links to a file, a YAML file, /etc/passwd and a directory, all outside.
git init -q repo
plant repo
cd repo
git add -A
expect_clean_walk
# A tracked directory replaced by a link out of the repository: git still lists its files.
mkdir sub
printf 'a: 1\n' > sub/creds.txt
git add sub
rm -r sub
ln -s ../outside sub
expect_clean_walk
expect_refused creds.txt "$out_of_repo"
expect_refused leak.txt "$out_of_repo"
expect_refused settings.yaml "$out_of_repo"
expect_refused outdir "$out_of_repo"
expect_refused outdir/creds.txt 'passes through a symbolic link to a target outside the repository'
# --staged reads a staged link's blob, the link text, never its target.
expect_exit 0 "$HUSH" check --staged
expect_exit 0 "$HUSH" check --staged --format json
# A link to a file of the repository: the walk reports the credential once, at the file.
printf 'aws_key = %s\n' "$aws" > real.txt
ln -s real.txt alias.txt
mkdir -p deep
ln -s ../real.txt deep/alias.txt
git add real.txt alias.txt deep
expect_exit 1 "$HUSH" check --format json .
python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); got=[(f["path"],f["rule"]) for f in d["findings"]]; assert got==[("real.txt","detected-secret/aws-access-key-id")], got' "$OUT" ||
  fail "an in-repository credential was not reported exactly once, at its file"
# Named on the command line, a link into the repository is followed, as is one from a subdirectory.
expect_exit 1 "$HUSH" check alias.txt
expect_stderr 'alias.txt:1:11: error: AWS access key ID'
cd deep
expect_exit 1 "$HUSH" check alias.txt
expect_stderr 'alias.txt:1:11: error: AWS access key ID'
cd ..
cd "$WORK"

# Outside git: the same tree walked by the filesystem, named as a directory and as `.`.
plant plain
expect_exit 0 "$HUSH" check plain
expect_stderr 'checked 1 files: 0 findings'
cd plain
expect_clean_walk
expect_refused creds.txt 'is a symbolic link to a target outside the current directory'
expect_refused outdir 'is a symbolic link to a target outside the current directory'
ln -s fine.yaml inside.yaml
expect_exit 0 "$HUSH" check inside.yaml
expect_stderr 'checked 1 files: 0 findings'
# A file outside named by its own path, through no link, is checked as named.
cd "$WORK"
printf 'aws_key = %s\n' "$aws" > outside/aws.txt
cd plain
expect_exit 1 "$HUSH" check ../outside/aws.txt
expect_stderr '../outside/aws.txt:1:11: error: AWS access key ID'
