# 30,000 references to 300 secrets render in one process: values are decrypted or read once and
# shared, and secure memory costs a few mappings per megabyte instead of one per value (the old
# per-value sodium_malloc ran out of memory mappings near 8,000 references).
source "$(dirname "$0")/lib.sh"
for i in $(seq 0 299); do export "MANY_SECRET_$i=value-$i-Kq7w"; done
canary 'value-17-Kq7w'
{
  echo "services:"
  for s in $(seq 0 299); do
    echo "  - name: svc-$s"
    echo "    env:"
    for r in $(seq 0 99); do echo "      K$r: \"\${MANY_SECRET_$(( (s + r) % 300 ))}\""; done
  done
} > config.yaml
expect_exit --reveals 0 "$HUSH" render config.yaml --source env
[ "$(grep -c 'value-' "$OUT")" -eq 30000 ] || fail "expected 30000 substituted values"
grep -qF 'K5: "value-5-Kq7w"' "$OUT" || fail "first service's K5 not substituted"
