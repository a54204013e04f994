# One redactor for everything hush writes: every command, on success and on error paths, with
# --log-file (text and json) and --audit-log, never prints a planted value or its base64 or
# URL-encoded forms. Only the intended products (a rendered file, `get` on stdout, materialized
# files) carry values.
source "$(dirname "$0")/lib.sh"
V='Canary p@ss/w0rd+Zq9'
canary "$V"
canary "$(printf '%s' "$V" | base64)"
canary "$(printf '%s' "$V" | base64 | tr '+/' '-_' | tr -d '=')"
canary 'Canary%20p%40ss%2Fw0rd%2BZq9'
canary 'Canary+p%40ss%2Fw0rd%2BZq9'
export HUSH_AUDIT_LOG="$WORK/audit.log"
S=app.secrets.yaml
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
expect_exit 0 "$HUSH" init app.yaml "${L[@]}"
expect_exit 0 bash -c "printf '%s' '$V' | '$HUSH' secrets add DB_PASSWORD --value-stdin --secrets $S --log-file '$WORK/run.log'"
expect_exit 1 bash -c "printf '%s' '$V' | '$HUSH' secrets add DB_PASSWORD --value-stdin --secrets $S --log-file '$WORK/run.log'"
expect_exit 1 bash -c "printf '%s' '$V' | '$HUSH' secrets update DB_PASSWORD --value-stdin --secrets $S --log-file '$WORK/run.log'"
expect_exit 0 "$HUSH" secrets add OTHER --value "$V" --secrets "$S" "${L[@]}"
expect_stderr "lands in shell history"
expect_exit 0 "$HUSH" secrets list --secrets "$S" --format json "${L[@]}"
expect_exit 0 "$HUSH" secrets versions DB_PASSWORD --secrets "$S" "${L[@]}"
expect_exit --reveals 0 "$HUSH" secrets get DB_PASSWORD --secrets "$S" "${L[@]}"
expect_exit 0 "$HUSH" render app.yaml -o out.yaml --log-format json "${L[@]}"
expect_exit 1 "$HUSH" render broken.yaml --secrets "$S" "${L[@]}"
expect_exit 2 "$HUSH" render syntax.yaml --secrets "$S" "${L[@]}"
expect_exit 0 "$HUSH" render app.yaml --format json -o out.json "${L[@]}"
expect_exit 7 "$HUSH" run --secrets "$S" "${L[@]}" -- sh -c 'echo "$DB_PASSWORD"; printf %s "$DB_PASSWORD" | base64; echo "$DB_PASSWORD" >&2; exit 7'
expect_exit 0 bash -c "printf 'log: %s\n' '$V' | '$HUSH' redact --secrets $S --log-file '$WORK/run.log'"
expect_exit 0 "$HUSH" materialize --dir mat --secrets "$S" "${L[@]}"
expect_exit 3 env HUSH_KEY=AAAA "$HUSH" secrets get DB_PASSWORD --secrets "$S" "${L[@]}"
expect_exit 1 "$HUSH" secrets rotate DB_PASSWORD --value "$V" --secrets "$S" "${L[@]}"
expect_exit 0 "$HUSH" secrets rm DB_PASSWORD --yes --secrets "$S" --config app.yaml "${L[@]}"
expect_exit 0 "$HUSH" audit verify
for f in run.log audit.log "$S"; do check_file_for_canaries "$WORK/$f"; done
grep -q '"event": "resolved"' run.log || fail "the json log has no resolved events"
grep -q 'resolved reference=${DB_PASSWORD} secret=DB_PASSWORD source=sidecar' run.log || fail "the text log has no resolved events"
grep -qF "$V" out.yaml || fail "the rendered output lacks the value"
[ "$(cat mat/DB_PASSWORD)" = "$V" ] || fail "materialized value"
