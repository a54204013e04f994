# Roles by key possession: no key lists and adds (public key only); only the private key reveals
# and renders. HUSH_KEY and HUSH_KEY_FILE supply keys; wrong keys and open key files are refused.
source "$(dirname "$0")/lib.sh"
canary 'Role-Canary-Value-77'
S=app.secrets.yaml
printf 'k: ${TOKEN}\n' > app.yaml
expect_exit 0 "$HUSH" init app.yaml
key_id=$(sed -n 's/^key_id: //p' "$S")
keyfile="$XDG_CONFIG_HOME/hush/keys/$key_id.key"
cp "$keyfile" saved.key
rm "$keyfile"
# A write-only member: the public key in the sidecar is enough to add.
expect_exit 0 bash -c "printf 'Role-Canary-Value-77' | '$HUSH' secrets add TOKEN --value-stdin --secrets $S"
expect_exit 0 "$HUSH" secrets list --secrets "$S"
expect_stdout TOKEN
expect_exit 3 "$HUSH" secrets get TOKEN --secrets "$S"
expect_stderr "$key_id"
expect_stderr '[missing-key]'
expect_exit 3 "$HUSH" render app.yaml
expect_stderr '[missing-key]'
expect_exit 3 "$HUSH" secrets rotate TOKEN --generate 20 --secrets "$S"
expect_exit 3 "$HUSH" secrets rollback TOKEN --to 1 --secrets "$S"
# HUSH_KEY_FILE and HUSH_KEY
chmod 600 saved.key
HUSH_KEY_FILE=$PWD/saved.key expect_exit --reveals 0 "$HUSH" render app.yaml
expect_stdout 'k: Role-Canary-Value-77'
HUSH_KEY=$(cat saved.key) expect_exit --reveals 0 "$HUSH" secrets get TOKEN --secrets "$S"
expect_stdout 'Role-Canary-Value-77'
chmod 644 saved.key
HUSH_KEY_FILE=$PWD/saved.key expect_exit 3 "$HUSH" render app.yaml
expect_stderr '[key-permissions]'
# A key of another sidecar names both key ids.
mkdir other && printf 'x: 1\n' > other/o.yaml
expect_exit 0 "$HUSH" init other/o.yaml
other_id=$(sed -n 's/^key_id: //p' other/o.secrets.yaml)
HUSH_KEY_FILE="$XDG_CONFIG_HOME/hush/keys/$other_id.key" expect_exit 3 "$HUSH" secrets get TOKEN --secrets "$S"
expect_stderr "$other_id"
expect_stderr "$key_id"
expect_stderr '[wrong-key]'
