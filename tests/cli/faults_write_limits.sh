# A write that cannot complete — beyond the file size limit (ulimit -f, SIGXFSZ ignored) or on a
# full disk (a 64 KiB tmpfs) — is a located error naming the reason; the file it would have
# replaced stays byte for byte, and no temporary is left. Children of `hush run` get SIGXFSZ's
# default back; a closed stdout pipe ends hush quietly.
source "$(dirname "$0")/lib.sh"
canary 'Limits-Canary-Token-7'
S=app.secrets.yaml
no_temporaries() {
  local left; left=$(find "$@" -name '*.hush-*')
  [ -z "$left" ] || fail "temporary files left behind: $left"
}
# under_limit BLOCKS CMD...: CMD with RLIMIT_FSIZE at BLOCKS KiB (bash's unit for ulimit -f); its
# stderr passes a pipe, so that the limit does not stop the message on its way to a file.
under_limit() {
  local blocks=$1; shift
  bash -o pipefail -c '(ulimit -f "$0"; exec "$@") 2>&1 >&3 | cat >&2' "$blocks" "$@" 3>&1
}

printf 'a:\n' > big.yaml
for i in $(seq 1 3000); do printf '  k%d: ${TOKEN}\n' "$i"; done >> big.yaml
printf 'k: ${TOKEN}\n' > app.yaml
expect_exit 0 "$HUSH" init app.yaml
expect_exit 0 bash -c "printf 'Limits-Canary-Token-7' | '$HUSH' secrets add TOKEN --value-stdin --secrets $S"
export HUSH_SECRETS=$S

# ulimit -f: render -o.
printf 'old: content\n' > out.yaml
cp out.yaml out.before
expect_exit 2 under_limit 8 "$HUSH" render big.yaml -o out.yaml
expect_stderr 'out.yaml: error: cannot write out.yaml: File too large [write-failed]'
expect_same out.before out.yaml
no_temporaries .
expect_exit 0 "$HUSH" render big.yaml -o out.yaml
[ "$(stat -c %s out.yaml)" -gt 8192 ] || fail "the unlimited render should be larger than the limit"

# The sidecar: a new entry that makes it too large leaves the old one, every value still opens.
cp "$S" sidecar.before
expect_exit 2 under_limit 2 "$HUSH" secrets add LONG --generate 4000
expect_stderr "error: cannot write $S: File too large [write-failed]"
expect_same sidecar.before "$S"
no_temporaries .
expect_exit --reveals 0 "$HUSH" secrets get TOKEN
[ "$(cat "$OUT")" = 'Limits-Canary-Token-7' ] || fail "TOKEN no longer opens"

# materialize: the file written before stays when its replacement is too large.
expect_exit 0 "$HUSH" materialize --dir run/secrets
expect_exit 0 "$HUSH" secrets add BULKY --generate 3000
expect_exit 2 under_limit 2 "$HUSH" materialize --dir run/secrets
expect_stderr 'run/secrets/BULKY: File too large [write-failed]'
no_temporaries run
[ "$(cat run/secrets/TOKEN)" = 'Limits-Canary-Token-7' ] || fail "materialized TOKEN changed"

# seal, a baseline and a git hook: the same writer, the same guarantee (ulimit -f 0: nothing grows).
printf 'secrets:\n  INLINE_ONE: "Limits-inline-value"\nk: ${inline:INLINE_ONE}\n' > seal.yaml
cp seal.yaml seal.before
cp "$S" sidecar.before
expect_exit 2 under_limit 0 "$HUSH" seal seal.yaml
expect_stderr "error: cannot write $S: File too large [write-failed]"
expect_same seal.before seal.yaml
expect_same sidecar.before "$S"
printf 'password: Limits-baseline-pw-9\n' > leaky.yaml
printf '{}\n' > baseline.json
cp baseline.json baseline.before
expect_exit 2 under_limit 0 "$HUSH" check leaky.yaml --write-baseline baseline.json
expect_stderr 'baseline.json: File too large [write-failed]'
expect_same baseline.before baseline.json
git init -q repo
cd repo
expect_exit 2 under_limit 0 "$HUSH" hook install
cd "$WORK"
expect_stderr 'pre-commit: File too large [write-failed]'
expect_no_file repo/.git/hooks/pre-commit
no_temporaries .

# The audit log: an append that would cross the limit is cut back, the log keeps whole lines.
export HUSH_AUDIT_LOG="$WORK/audit.log"
expect_exit --reveals 0 "$HUSH" secrets get TOKEN
while [ $(( $(stat -c %s audit.log) % 1024 )) -lt 900 ]; do
  "$HUSH" secrets get TOKEN > /dev/null
done
cp audit.log audit.before
expect_exit --reveals 2 under_limit $(( $(stat -c %s audit.log) / 1024 + 1 )) "$HUSH" secrets get TOKEN
expect_stderr "cannot write the audit log $WORK/audit.log: File too large [audit-failed]"
expect_same audit.before audit.log
expect_exit 0 "$HUSH" audit verify
expect_no_stderr 'warning'
unset HUSH_AUDIT_LOG

# hush ignores SIGXFSZ; what it runs must not inherit that.
expect_exit 153 "$HUSH" run -- sh -c 'ulimit -f 1; head -c 8192 /dev/zero > child.out'

# A reader that stops early: hush ends by SIGPIPE (128+13), quietly, with no core.
set +o pipefail
"$HUSH" render big.yaml 2> pipe.err | head -c1 > /dev/null
status=${PIPESTATUS[0]}
set -o pipefail
[ "$status" -eq 141 ] || fail "render into a closed pipe exited $status, expected 141 (SIGPIPE)"
[ ! -s pipe.err ] || fail "render into a closed pipe printed: $(cat pipe.err)"
check_file_for_canaries pipe.err
expect_no_file core

# A full disk: a 64 KiB tmpfs (needs the right to mount; else only this part is skipped).
FULL="$WORK/full"
mkdir -p "$FULL"
if ! mount -t tmpfs -o size=64k,mode=0700 tmpfs "$FULL" 2> mount.err; then
  echo "SKIP [$TEST_NAME]: disk-full part not run: cannot mount a tmpfs here ($(cat mount.err))" >&2
  exit 0
fi
trap 'status=$?; umount "$FULL" 2>/dev/null || umount -l "$FULL"; (exit $status); cleanup' EXIT
FS="$FULL/app.secrets.yaml"
expect_exit 0 "$HUSH" init --secrets "$FS"
expect_exit 0 bash -c "printf 'Limits-Canary-Token-7' | '$HUSH' secrets add TOKEN --value-stdin --secrets $FS"
printf 'old: content\n' > "$FULL/out.yaml"
cp "$FULL/out.yaml" out.before
cp "$FS" sidecar.before
export HUSH_AUDIT_LOG="$FULL/audit.log"
expect_exit --reveals 0 "$HUSH" secrets get TOKEN --secrets "$FS"
# Fill it up to two pages, so that the render starts writing and then fails part way; its audit
# record still fits.
head -c $(( $(stat -f -c '%a * %S' "$FULL") - 8192 )) /dev/zero > "$FULL/filler"
expect_exit 2 "$HUSH" render big.yaml -o "$FULL/out.yaml" --secrets "$FS"
expect_stderr "cannot write $FULL/out.yaml: No space left on device [write-failed]"
expect_same out.before "$FULL/out.yaml"
expect_file_has "$FULL/audit.log" '"outcome": "error:write-failed"'
# Now full to the last page: the sidecar cannot grow, nor can the audit log beyond the slack of
# its last page (its append starts, fails, and is cut back).
while [ $(( $(stat -c %s "$FULL/audit.log") % 4096 )) -lt 3900 ]; do  # its last page nearly full
  "$HUSH" secrets get TOKEN --secrets "$FS" > /dev/null
done
head -c 1M /dev/zero > "$FULL/filler2" 2> /dev/null || true
cp "$FULL/audit.log" audit.before
expect_exit 2 "$HUSH" secrets add OTHER --generate 4000 --secrets "$FS"
expect_stderr "cannot write $FS: No space left on device [write-failed]"
expect_stderr "cannot write the audit log $FULL/audit.log: No space left on device [audit-failed]"
expect_same sidecar.before "$FS"
expect_same audit.before "$FULL/audit.log"
no_temporaries "$FULL"
rm "$FULL/filler" "$FULL/filler2"
expect_exit --reveals 0 "$HUSH" secrets get TOKEN --secrets "$FS"
[ "$(cat "$OUT")" = 'Limits-Canary-Token-7' ] || fail "TOKEN no longer opens after the disk filled"
expect_exit 0 "$HUSH" audit verify
