# `hush materialize` writes each secret to DIR/NAME (fields to DIR/NAME/field), files 0400,
# DIR 0700, and refuses a directory others can read.
source "$(dirname "$0")/lib.sh"
canary 'Mat-Canary-Secret-5'
S=s.secrets.yaml
expect_exit 0 "$HUSH" init --secrets "$S"
expect_exit 0 bash -c "printf 'Mat-Canary-Secret-5' | '$HUSH' secrets add DB --value-stdin --secrets $S"
expect_exit 0 bash -c "printf 'certificate=CERT-DATA-1\nprivate_key=KEY-DATA-1\n' | '$HUSH' secrets add TLS --type certificate --value-stdin --secrets $S"
expect_exit 0 "$HUSH" materialize --dir run/secrets --secrets "$S"
expect_mode run/secrets 700
expect_mode run/secrets/DB 400
expect_mode run/secrets/TLS 700
expect_mode run/secrets/TLS/private_key 400
[ "$(cat run/secrets/DB)" = 'Mat-Canary-Secret-5' ] || fail "DB file content"
[ "$(cat run/secrets/TLS/certificate)" = 'CERT-DATA-1' ] || fail "field file content"
expect_exit 0 "$HUSH" materialize --dir run/secrets --secrets "$S" --only DB
mkdir -m 755 open
expect_exit 1 "$HUSH" materialize --dir open --secrets "$S"
expect_stderr 'can be accessed by group or others'
[ -z "$(ls open)" ] || fail "files were written into an open directory"
