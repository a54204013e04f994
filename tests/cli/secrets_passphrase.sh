# A passphrase sidecar: the keypair is derived with Argon2id from HUSH_PASSPHRASE; no key file is
# stored; the wrong passphrase is a key error.
source "$(dirname "$0")/lib.sh"
canary 'Passphrase-Canary-9'
S=p.secrets.yaml
HUSH_PASSPHRASE='correct horse battery' expect_exit 0 "$HUSH" init --passphrase --kdf minimum --secrets "$S"
expect_stderr 'derived from your passphrase'
expect_file_has "$S" 'alg: argon2id13'
[ ! -d "$XDG_CONFIG_HOME/hush/keys" ] || [ -z "$(ls "$XDG_CONFIG_HOME/hush/keys")" ] || fail "a key file was stored"
expect_exit 0 bash -c "printf 'Passphrase-Canary-9' | '$HUSH' secrets add P --value-stdin --secrets $S"
HUSH_PASSPHRASE='correct horse battery' expect_exit --reveals 0 "$HUSH" secrets get P --secrets "$S"
expect_stdout 'Passphrase-Canary-9'
HUSH_PASSPHRASE='wrong horse' expect_exit 3 "$HUSH" secrets get P --secrets "$S"
expect_stderr '[wrong-key]'
expect_exit 3 "$HUSH" secrets get P --secrets "$S"
