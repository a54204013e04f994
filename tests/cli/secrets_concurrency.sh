# 50 concurrent `hush secrets add` processes on one sidecar leave all 50 entries.
source "$(dirname "$0")/lib.sh"
S=c.secrets.yaml
expect_exit 0 "$HUSH" init --secrets "$S"
pids=()
for i in $(seq 1 50); do
  (printf 'value-%02d-xxxxxxxx' "$i" | "$HUSH" secrets add "SECRET_$i" --value-stdin --secrets "$S" 2>"err.$i") &
  pids+=($!)
done
for pid in "${pids[@]}"; do wait "$pid" || fail "an add failed: $(cat err.* | head -5)"; done
count=$(grep -cE '^  SECRET_[0-9]+:$' "$S")
[ "$count" -eq 50 ] || fail "expected 50 entries, found $count"
expect_exit 0 "$HUSH" secrets list --secrets "$S" --format json
[ "$(grep -o '"name": "SECRET_' "$OUT" | wc -l)" -eq 50 ] || fail "list does not show 50"
ls -a | grep -q '\.hush-' && fail "temporary files left behind"
true
