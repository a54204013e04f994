# Every audited command appends a chained JSON line (names, never values); `hush audit verify`
# finds an edited, removed or reordered line.
source "$(dirname "$0")/lib.sh"
canary 'Audit-Canary-Value-42'
export HUSH_AUDIT_LOG="$WORK/audit.log"
S=app.secrets.yaml
printf 'k: ${TOKEN}\n' > app.yaml
expect_exit 0 "$HUSH" init app.yaml
expect_exit 0 bash -c "printf 'Audit-Canary-Value-42' | '$HUSH' secrets add TOKEN --value-stdin --secrets $S"
expect_exit --reveals 0 "$HUSH" secrets get TOKEN --secrets "$S"
expect_exit --reveals 0 "$HUSH" render app.yaml
expect_exit 1 "$HUSH" secrets get MISSING --secrets "$S"
expect_exit 0 "$HUSH" secrets list --secrets "$S"
check_file_for_canaries "$HUSH_AUDIT_LOG"
[ "$(wc -l < "$HUSH_AUDIT_LOG")" -eq 5 ] || fail "expected 5 audit records (list is not audited)"
expect_file_has "$HUSH_AUDIT_LOG" '"action": "init"'
expect_file_has "$HUSH_AUDIT_LOG" '"action": "secrets.add", "secrets": ["TOKEN"]'
expect_file_has "$HUSH_AUDIT_LOG" '"action": "render", "secrets": ["TOKEN"], "files": ["app.yaml"], "outcome": "ok"'
expect_file_has "$HUSH_AUDIT_LOG" '"outcome": "error:unknown-secret"'
expect_mode "$HUSH_AUDIT_LOG" 600
expect_exit 0 "$HUSH" audit verify
expect_stdout 'audit.log: 5 records, chain intact'
cp "$HUSH_AUDIT_LOG" pristine.log
sed -i '2s/"TOKEN"/"OTHER"/' "$HUSH_AUDIT_LOG"
expect_exit 1 "$HUSH" audit verify
expect_stderr 'audit.log:3: error: audit chain broken: the previous line'"'"'s hash does not match (line 2 was edited, or lines were removed or reordered) [audit-broken]'
sed '3d' pristine.log > "$HUSH_AUDIT_LOG"
expect_exit 1 "$HUSH" audit verify "$HUSH_AUDIT_LOG"
expect_stderr 'audit.log:3: error: audit chain broken'
# Concurrent writers never interleave or lose lines.
cp pristine.log "$HUSH_AUDIT_LOG"
for i in $(seq 1 20); do "$HUSH" secrets get TOKEN --secrets "$S" >/dev/null 2>&1 & done
wait
[ "$(wc -l < "$HUSH_AUDIT_LOG")" -eq 25 ] || fail "concurrent appends lost lines"
expect_exit 0 "$HUSH" audit verify
