# One redactor for everything hush writes: every command, on success and on error paths, with
# --log-file (text and json) and --audit-log, never prints a planted value or its base64 or
# URL-encoded forms. Only the intended products (a rendered file, `get` on stdout, materialized
# files) carry values. The private key (HUSH_KEY's base64 value) and the passphrase of a
# passphrase sidecar are canaries too: every command runs with them in its environment, and no
# product carries them either.
source "$(dirname "$0")/lib.sh"
V='Canary p@ss/w0rd+Zq9'
P='Canary-Passphrase 7f3/+q'
canary "$V"
canary "$(printf '%s' "$V" | base64)"
canary "$(printf '%s' "$V" | base64 | tr '+/' '-_' | tr -d '=')"
canary 'Canary%20p%40ss%2Fw0rd%2BZq9'
canary 'Canary+p%40ss%2Fw0rd%2BZq9'
canary "$P"
canary "$(printf '%s' "$P" | base64)"
export HUSH_AUDIT_LOG="$WORK/audit.log"
L=(--log-file "$WORK/run.log")
write app.yaml <<'EOF2'
services:
  - name: database
    env:
      DB_PASSWORD: ${DB_PASSWORD}
      URL: "postgres://u:${DB_PASSWORD}@h/db"
EOF2
printf 'x: ${DB_PASSWORD}\ny: ${MISSING}\n' > broken.yaml
printf 'services:\n  - name: s\n    a: {b: ${DB_PASSWORD}}\n' > syntax.yaml

# every_command SIDECAR TAG: each command's success and error paths against SIDECAR.
every_command() {
  local S=$1 tag=$2
  expect_exit 0 bash -c "printf '%s' '$V' | '$HUSH' secrets add DB_PASSWORD --value-stdin --secrets $S --log-file '$WORK/run.log'"
  expect_exit 1 bash -c "printf '%s' '$V' | '$HUSH' secrets add DB_PASSWORD --value-stdin --secrets $S --log-file '$WORK/run.log'"
  expect_exit 1 bash -c "printf '%s' '$V' | '$HUSH' secrets update DB_PASSWORD --value-stdin --secrets $S --log-file '$WORK/run.log'"
  expect_exit 0 "$HUSH" secrets add OTHER --value "$V" --secrets "$S" "${L[@]}"
  expect_stderr "lands in shell history"
  expect_exit 0 bash -c "printf 'F=%s\n' '$V' > '$WORK/$tag.env'; '$HUSH' secrets import '$WORK/$tag.env' --secrets $S --log-file '$WORK/run.log'"
  expect_exit 0 "$HUSH" secrets list --secrets "$S" --format json "${L[@]}"
  expect_exit 0 "$HUSH" secrets versions DB_PASSWORD --secrets "$S" "${L[@]}"
  expect_exit --reveals 0 "$HUSH" secrets get DB_PASSWORD --secrets "$S" "${L[@]}"
  expect_stdout "$V"
  expect_exit 1 "$HUSH" secrets get DB_PASSWORD --field nope --secrets "$S" "${L[@]}"
  expect_exit 0 "$HUSH" render app.yaml --secrets "$S" -o "out-$tag.yaml" --log-format json "${L[@]}"
  expect_exit 1 "$HUSH" render broken.yaml --secrets "$S" "${L[@]}"
  expect_exit 2 "$HUSH" render syntax.yaml --secrets "$S" "${L[@]}"
  expect_exit 0 "$HUSH" render app.yaml --secrets "$S" --format json -o "out-$tag.json" "${L[@]}"
  expect_exit 0 "$HUSH" render app.yaml --secrets "$S" --format env -o "out-$tag.env" "${L[@]}"
  expect_exit 7 "$HUSH" run --secrets "$S" "${L[@]}" -- sh -c 'echo "$DB_PASSWORD"; printf %s "$DB_PASSWORD" | base64; echo "$DB_PASSWORD" >&2; exit 7'
  expect_exit 0 bash -c "printf 'log: %s\n' '$V' | '$HUSH' redact --secrets $S --log-file '$WORK/run.log'"
  expect_exit 0 "$HUSH" materialize --dir "mat-$tag" --secrets "$S" "${L[@]}"
  expect_exit 1 "$HUSH" secrets rotate DB_PASSWORD --value "$V" --secrets "$S" "${L[@]}"
  expect_exit 0 "$HUSH" secrets rm DB_PASSWORD --yes --secrets "$S" --config app.yaml "${L[@]}"
  expect_exit 1 "$HUSH" secrets rm DB_PASSWORD --yes --secrets "$S" "${L[@]}"
  grep -qF "$V" "out-$tag.yaml" || fail "the rendered output lacks the value"
  [ "$(cat "mat-$tag/DB_PASSWORD")" = "$V" ] || fail "materialized value"
  for f in "out-$tag.yaml" "out-$tag.json" "out-$tag.env" "$S"; do
    for secret in "$KEY" "$P"; do expect_file_lacks "$f" "$secret"; done
  done
}

# A key-file sidecar, its private key in HUSH_KEY for every command.
KEY=
expect_exit 0 "$HUSH" init app.yaml "${L[@]}"
KEY=$(cat "$XDG_CONFIG_HOME"/hush/keys/*.key)
[ ${#KEY} -eq 44 ] || fail "the stored key is not one base64 line"
canary "$KEY"
canary "${KEY%%=*}"
canary "$(printf '%s' "$KEY" | tr '+/' '-_' | tr -d '=')"
export HUSH_KEY="$KEY"
every_command app.secrets.yaml key
printf 'x' | "$HUSH" secrets add DB_PASSWORD --value-stdin --secrets app.secrets.yaml 2>/dev/null
expect_exit 3 env HUSH_KEY=AAAA "$HUSH" secrets get DB_PASSWORD --secrets app.secrets.yaml "${L[@]}"
expect_exit 3 env HUSH_KEY="${KEY}x" "$HUSH" secrets get DB_PASSWORD --secrets app.secrets.yaml "${L[@]}"
expect_exit 3 env HUSH_KEY="${KEY:1}" "$HUSH" render app.yaml "${L[@]}"
printf '%s\n' "$KEY" > loose.key && chmod 644 loose.key
expect_exit 3 env -u HUSH_KEY HUSH_KEY_FILE="$WORK/loose.key" "$HUSH" secrets get DB_PASSWORD --secrets app.secrets.yaml "${L[@]}"
expect_exit 0 "$HUSH" init --secrets other.secrets.yaml "${L[@]}"
for k in "$XDG_CONFIG_HOME"/hush/keys/*.key; do canary "$(cat "$k")"; done
printf 'y' | "$HUSH" secrets add X --value-stdin --secrets other.secrets.yaml 2>/dev/null
expect_exit 3 "$HUSH" secrets get X --secrets other.secrets.yaml "${L[@]}"
expect_stderr '[wrong-key]'

# A passphrase sidecar, its passphrase in HUSH_PASSPHRASE for every command.
unset HUSH_KEY
export HUSH_PASSPHRASE="$P"
expect_exit 0 "$HUSH" init --passphrase --kdf minimum --secrets p.secrets.yaml "${L[@]}"
every_command p.secrets.yaml passphrase
printf 'x' | "$HUSH" secrets add DB_PASSWORD --value-stdin --secrets p.secrets.yaml 2>/dev/null
expect_exit 3 env HUSH_PASSPHRASE="${P}x" "$HUSH" secrets get DB_PASSWORD --secrets p.secrets.yaml "${L[@]}"
expect_stderr '[wrong-key]'
expect_exit 3 env HUSH_PASSPHRASE="${P}x" "$HUSH" render app.yaml --secrets p.secrets.yaml "${L[@]}"
expect_exit 3 env -u HUSH_PASSPHRASE "$HUSH" secrets get DB_PASSWORD --secrets p.secrets.yaml "${L[@]}"

expect_exit 0 "$HUSH" audit verify
for f in run.log audit.log app.secrets.yaml p.secrets.yaml; do check_file_for_canaries "$WORK/$f"; done
python3 -c '
import json, sys
events = [e for line in open(sys.argv[1]) if line.startswith("{") for e in json.loads(line)["events"]]
assert any(e["event"] == "resolved" for e in events)' run.log || fail "the json log has no resolved events"
grep -q 'resolved reference=${DB_PASSWORD} secret=DB_PASSWORD source=sidecar' run.log || fail "the text log has no resolved events"
