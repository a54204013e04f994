# `hush check` warns rotation-due for a referenced secret past its rotate_every (or within its
# notify_before of it), and expiring-secret within the secret's notify_before, else within 14
# days; `hush secrets due` lists the same secrets. The metadata edited here (created, updated) is
# plaintext and not bound into the sealed value, so the edit is not tampering.
source "$(dirname "$0")/lib.sh"
canary 'Rotation-Canary-Api-Token-1'
canary 'Rotation-Canary-Fresh-Key-2'
canary 'Rotation-Canary-Soon-Cert-3'
canary 'Rotation-Canary-Later-Key-4'
S=app.secrets.yaml
write app.yaml <<'EOF'
services:
  - name: web
    type: docker
    image: web:1
    token: ${API_TOKEN}
  - name: worker
    type: docker
    image: worker:1
    env:
      FRESH_KEY: ${FRESH_KEY}
      SOON_CERT: ${SOON_CERT}
      LATER_KEY: ${LATER_KEY}
EOF
add() {  # add NAME VALUE FLAGS...: a secret from stdin
  local name=$1 value=$2; shift 2
  expect_exit 0 bash -c "printf '%s' '$value' | '$HUSH' secrets add $name --value-stdin --secrets $S $*"
}
expect_exit 0 "$HUSH" init app.yaml
add API_TOKEN Rotation-Canary-Api-Token-1 --rotate-every 1d
# Written a year ago: one day's period is long past.
sed -i -e 's/^    created: .*/    created: 2025-01-01T00:00:00Z/' \
  -e 's/^    updated: .*/    updated: 2025-01-01T00:00:00Z/' "$S"
add FRESH_KEY Rotation-Canary-Fresh-Key-2 --rotate-every 90d
add SOON_CERT Rotation-Canary-Soon-Cert-3 --expires-in 20d --notify-before 30d
add LATER_KEY Rotation-Canary-Later-Key-4 --expires-in 20d
expect_file_has "$S" '    notify_before: 30d'

expect_exit 0 "$HUSH" check app.yaml
expect_stderr 'checked 1 files: 2 findings'
expect_stderr 'app.yaml:5:12: warning: secret API_TOKEN was last rotated 2025-01-01T00:00:00Z and is due for rotation every 1d (due 2025-01-02T00:00:00Z); rotate it with `hush secrets rotate API_TOKEN` [rotation-due]'
expect_stderr 'warning: secret SOON_CERT expires at '
expect_no_stderr 'FRESH_KEY'
expect_no_stderr 'secret LATER_KEY'  # 20 days away, beyond the 14-day default
expect_exit 1 "$HUSH" check app.yaml --severity warning
expect_exit 0 "$HUSH" check app.yaml --format json
cp "$OUT" report.json
python3 - <<'EOF' || fail "json report"
import json
findings = json.load(open("report.json"))["findings"]
by_rule = {}
for f in findings:
    by_rule.setdefault(f["rule"], []).append(f)
due = by_rule.get("rotation-due", [])
assert len(due) == 1 and due[0]["severity"] == "warning" and "API_TOKEN" in due[0]["message"], due
expiring = by_rule.get("expiring-secret", [])
assert len(expiring) == 1 and "SOON_CERT" in expiring[0]["message"], expiring
EOF

# With a notice longer than its 90-day period, the fresh FRESH_KEY is due already.
expect_exit 0 "$HUSH" secrets update FRESH_KEY --notify-before 91d --secrets "$S"
expect_exit 0 "$HUSH" check app.yaml
expect_stderr 'secret FRESH_KEY was last rotated'
expect_exit 0 "$HUSH" secrets update FRESH_KEY --clear-notify-before --secrets "$S"
expect_file_lacks "$S" 'notify_before: 91d'
expect_exit 0 "$HUSH" check app.yaml
expect_no_stderr 'FRESH_KEY'

# `secrets due` lists the due and expiring ones with their status; list shows notify_before.
expect_exit 0 "$HUSH" secrets due --format json --secrets "$S"
cp "$OUT" due.json
python3 - <<'EOF' || fail "secrets due"
import json
status = {s["name"]: s["status"] for s in json.load(open("due.json"))}
assert status == {"API_TOKEN": "rotation-due", "SOON_CERT": "expiring"}, status
EOF
expect_exit 0 "$HUSH" secrets due --within 30d --format json --secrets "$S"
expect_stdout '"LATER_KEY"'
expect_exit 0 "$HUSH" secrets due --within 1d --format json --secrets "$S"
expect_stdout '"SOON_CERT"'  # its own 30-day notice, not the day asked for the others
expect_no_stdout '"LATER_KEY"'
expect_exit 0 "$HUSH" secrets list --format json --secrets "$S"
expect_stdout '"notify_before": "30d"'
expect_stdout '"notify_before": null'

# A bad duration is refused before anything is written.
cp "$S" before.yaml
expect_exit 1 "$HUSH" secrets update LATER_KEY --notify-before soon --secrets "$S"
expect_stderr '[invalid-duration]'
expect_same before.yaml "$S"

# Rotating writes a new version now: no longer due.
expect_exit 0 "$HUSH" secrets rotate API_TOKEN --generate 30 --secrets "$S"
expect_exit 0 "$HUSH" check app.yaml
expect_no_stderr '[rotation-due]'
expect_stderr 'checked 1 files: 1 findings'
