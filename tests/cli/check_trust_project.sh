# In CI the working tree is a pull request's, so `hush check` does not let its `.hush.yaml` choose
# what is checked and accepted: with CI set (or --trust-project=no) the project file's configs: and
# check: settings are ignored, or taken from `--base REV` (its baseline from REV too). Options on
# the command line always apply.
source "$(dirname "$0")/lib.sh"
canary 'hunter2-real'
canary 'Seed-Value-42'
git init -q -b main repo
cd repo
git config user.email ci@example.com && git config user.name ci
printf 'name: harmless\n' > other.yaml
git add . && git commit -qm bare && git tag bare
# The base branch: a plaintext password, a key made secret-like by secret_keys_extra, a warning
# that fails at the base's severity, and an empty baseline.
write app.yaml <<'EOF2'
password: hunter2-real
signing_seed: Seed-Value-42
EOF2
write warn.yaml <<'EOF2'
providers:
  - name: p
    type: nosuchtype
EOF2
write .hush.yaml <<'EOF2'
configs: [app.yaml, warn.yaml]
check: {baseline: .hush-baseline.json, severity: warning, secret_keys_extra: [signing_seed]}
EOF2
printf '{"hush_baseline": 2, "fingerprints": []}\n' > .hush-baseline.json
git add . && git commit -qm base
expect_exit 0 "$HUSH" check --write-baseline "$WORK/everything.json"
expect_exit 1 "$HUSH" check --format json
python3 -c 'import json, sys; r = json.load(open(sys.argv[1])); json.dump({"hush_baseline": 2, "fingerprints": [f["fingerprint"] for f in r["findings"] if f["severity"] == "error"]}, open(sys.argv[2], "w"))' "$OUT" "$WORK/errors.json"

# The pull request: checks only other.yaml, at severity error, and accepts every finding.
git checkout -qb pr
write .hush.yaml <<'EOF2'
configs: [other.yaml]
check: {baseline: .hush-baseline.json, severity: error}
EOF2
cp "$WORK/everything.json" .hush-baseline.json
git commit -qam 'pr: accept everything'

# Outside CI the project file is trusted, as before.
expect_exit 0 "$HUSH" check
expect_no_stderr 'note:'
CI= expect_exit 0 "$HUSH" check
CI=1 expect_exit 0 "$HUSH" check --trust-project=yes
expect_no_stderr 'note:'

# In CI, without --base: the PR's settings are ignored, the whole tree is checked, no baseline.
CI=1 expect_exit 1 "$HUSH" check
expect_stderr "hush: note: not trusting the working tree's $WORK/repo/.hush.yaml (CI is set; --trust-project=yes trusts it): ignoring its configs: and check: settings; pass --base REV to use a base revision's, or give them on the command line"
[ "$(grep -c 'note:' "$ERR")" -eq 1 ] || fail "the note is printed once"
CI=1 expect_exit 1 "$HUSH" check --quiet
expect_stderr "hush: note: not trusting the working tree's"
expect_stderr 'app.yaml:1:11: error: literal value under secret-like key password'
expect_exit 1 "$HUSH" check --trust-project=no
expect_stderr "(--trust-project=no): ignoring its configs: and check: settings"

# With --base: the base's configs, secret_keys_extra, severity and baseline (main's, not the PR's).
CI=1 expect_exit 1 "$HUSH" check --base main
expect_stderr "hush: note: not trusting the working tree's $WORK/repo/.hush.yaml (CI is set; --trust-project=yes trusts it): using the configs: and check: settings of main:.hush.yaml"
expect_stderr 'app.yaml:1:11: error: literal value under secret-like key password'
expect_stderr 'app.yaml:2:15: error: literal value under secret-like key signing_seed'
expect_stderr 'warn.yaml:3:11: warning:'
expect_stderr 'checked 2 files: 3 findings'
# The command line is trusted: --baseline, --severity, PATHS.
CI=1 expect_exit 1 "$HUSH" check --base main --baseline "$WORK/errors.json"
expect_stderr 'checked 2 files: 1 finding'
CI=1 expect_exit 0 "$HUSH" check --base main --baseline "$WORK/errors.json" --severity error
CI=1 expect_exit 0 "$HUSH" check other.yaml --base main
mkdir -p sub && cd sub
CI=1 expect_exit 1 "$HUSH" check --base main
expect_stderr 'checked 2 files: 3 findings'
cd ..
# A base without .hush.yaml means the defaults; trusted, --base is accepted and changes nothing.
CI=1 expect_exit 1 "$HUSH" check --base bare
expect_stderr 'bare has no .hush.yaml; checking with the defaults'
expect_stderr 'app.yaml:1:11: error:'
expect_exit 0 "$HUSH" check --base main
expect_no_stderr 'note:'

# Usage errors: an unknown word, a revision that does not exist (never a silent fallback).
expect_exit 2 "$HUSH" check --trust-project=maybe
expect_stderr '--trust-project: maybe not in {yes,no}'
expect_exit 2 "$HUSH" check --trust-project=1
expect_exit 2 "$HUSH" check --base nosuchrev --trust-project=no
expect_stderr "no commit nosuchrev in $WORK/repo"
expect_stderr '[unknown-revision]'
cd "$WORK"
mkdir norepo && cd norepo
printf 'configs: [a.yaml]\n' > .hush.yaml
expect_exit 2 "$HUSH" check --base main --trust-project=no
expect_stderr '--base needs a git repository [not-a-repository]'
