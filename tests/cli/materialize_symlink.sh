# `hush materialize --dir DIR` never follows a symbolic link under DIR: DIR itself, DIR/NAME or
# DIR/NAME/field being one is refused with [materialize-symlink], and nothing is written.
source "$(dirname "$0")/lib.sh"
canary 'Mat-Link-Canary-7'
S=s.secrets.yaml
expect_exit 0 "$HUSH" init --secrets "$S"
expect_exit 0 bash -c "printf 'Mat-Link-Canary-7' | '$HUSH' secrets add DB --value-stdin --secrets $S"
expect_exit 0 bash -c "printf 'certificate=CERT-DATA-2\nprivate_key=KEY-DATA-2\n' | '$HUSH' secrets add TLS --type certificate --value-stdin --secrets $S"
mkdir -m 700 real elsewhere
printf 'original\n' > victim

# DIR itself is a link (to a private directory).
ln -s real linked
expect_exit 1 "$HUSH" materialize --dir linked --secrets "$S"
expect_stderr "linked is a symbolic link; materialize never follows links under --dir (remove it or name the real path) [materialize-symlink]"
[ -z "$(ls real)" ] || fail "files were written through a symlinked DIR"

# DIR/NAME is a link to a file: neither it nor anything else is written.
mkdir -m 700 out
ln -s "$WORK/victim" out/DB
expect_exit 1 "$HUSH" materialize --dir out --secrets "$S"
expect_stderr "out/DB is a symbolic link; materialize never follows links under --dir"
[ "$(cat victim)" = original ] || fail "the link's target was overwritten"
[ -L out/DB ] || fail "the link was replaced"
expect_no_file out/TLS
rm out/DB

# DIR/NAME is a link to a directory, for a multi-field secret.
ln -s "$WORK/elsewhere" out/TLS
expect_exit 1 "$HUSH" materialize --dir out --secrets "$S"
expect_stderr "out/TLS is a symbolic link; materialize never follows links under --dir"
[ -z "$(ls elsewhere)" ] || fail "fields were written through a symlinked DIR/NAME"
expect_no_file out/DB
rm out/TLS

# DIR/NAME/field is a link.
mkdir -m 700 out/TLS
ln -s "$WORK/victim" out/TLS/certificate
expect_exit 1 "$HUSH" materialize --dir out --secrets "$S"
expect_stderr "out/TLS/certificate is a symbolic link; materialize never follows links under --dir"
[ "$(cat victim)" = original ] || fail "the field link's target was overwritten"
expect_no_file out/DB
rm out/TLS/certificate

# Without links everything is written; an unrelated link in DIR is left alone.
ln -s "$WORK/victim" out/unrelated
expect_exit 0 "$HUSH" materialize --dir out --secrets "$S"
[ "$(cat out/DB)" = 'Mat-Link-Canary-7' ] || fail "DB file content"
[ "$(cat out/TLS/certificate)" = 'CERT-DATA-2' ] || fail "field file content"
expect_mode out/DB 400
expect_mode out/TLS/private_key 400
[ -L out/unrelated ] && [ "$(cat victim)" = original ] || fail "the unrelated link was touched"
