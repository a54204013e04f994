# `hush redact` masks sidecar values and named environment variables in a stream, including a
# value split across writes, and warns about values too short to mask.
source "$(dirname "$0")/lib.sh"
canary 'Redact-Canary-Value-77'
canary 'Env-Canary-Value-88'
S=s.secrets.yaml
expect_exit 0 "$HUSH" init --secrets "$S"
expect_exit 0 bash -c "printf 'Redact-Canary-Value-77' | '$HUSH' secrets add LOG_TOKEN --value-stdin --secrets $S"
expect_exit 0 bash -c "printf 'abc' | '$HUSH' secrets add PIN --value-stdin --secrets $S"
b64=$(printf 'Redact-Canary-Value-77' | base64)
printf 'a Redact-Canary-Value-77 b %s c Env-Canary-Value-88 d\n' "$b64" > log.txt
export MY_ENV_SECRET='Env-Canary-Value-88'
expect_exit 0 bash -c "'$HUSH' redact --secrets $S --env-var MY_ENV_SECRET < log.txt"
[ "$(cat "$OUT")" = 'a *** b *** c *** d' ] || fail "unexpected redaction: $(cat "$OUT")"
expect_stderr 'the value of PIN is shorter than 4 bytes and is not masked'
expect_exit 0 bash -c "{ printf 'x Redact-Can'; sleep 0.3; printf 'ary-Value-77 y\n'; } | '$HUSH' redact --secrets $S --mask '[{name}]'"
expect_stdout 'x [LOG_TOKEN] y'
printf 'z Env-Canary-Value-88 z\n' > env-only.txt
expect_exit 0 bash -c "'$HUSH' redact --no-sidecar --env-var MY_ENV_SECRET < env-only.txt"
expect_stdout 'z *** z'
expect_exit 2 bash -c "'$HUSH' redact --no-sidecar < log.txt"
