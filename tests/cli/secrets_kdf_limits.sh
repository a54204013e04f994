# The Argon2id limits of a passphrase sidecar are plain text anyone may edit: limits above what
# `hush init --passphrase` writes (libsodium's maximum opslimit runs for days) or below
# libsodium's minimum are refused before any key is derived, at the limit's line and column.
source "$(dirname "$0")/lib.sh"
canary 'Kdf-Canary-Value-3'
S=p.secrets.yaml
export HUSH_PASSPHRASE='correct horse battery'
expect_exit 0 "$HUSH" init --passphrase --kdf minimum --secrets "$S"
expect_file_has "$S" 'opslimit: 1, memlimit: 8192}'
expect_exit 0 bash -c "printf 'Kdf-Canary-Value-3' | '$HUSH' secrets add P --value-stdin --secrets $S"
printf 'services:\n  - name: s\n    type: manual\n    env:\n      P: ${P}\n' > app.yaml
cp "$S" pristine.yaml

# expect_refused FROM TO KEY MESSAGE: with FROM replaced by TO, get, render and check fail
# (quickly: `timeout` turns a hang into a failure) naming p.secrets.yaml:LINE:COLUMN of KEY's value.
expect_refused() {
  cp pristine.yaml "$S"
  sed -i "s/$1/$2/" "$S"
  local line column
  line=$(grep -n '^kdf: ' "$S" | cut -d: -f1)
  column=$(( $(sed -n "${line}p" "$S" | grep -bo "$3: " | cut -d: -f1) + ${#3} + 3 ))
  local where="p.secrets.yaml:$line:$column: error: $4 [kdf-params]"
  expect_exit 1 timeout 30 "$HUSH" secrets get P --secrets "$S"
  expect_stderr "$where"
  expect_exit 1 timeout 30 "$HUSH" render app.yaml --secrets "$S"
  expect_stderr "$where"
  expect_exit 1 timeout 30 "$HUSH" check app.yaml --secrets "$S"
  expect_stderr "$where"
  expect_exit 1 timeout 30 "$HUSH" secrets list --secrets "$S"
  expect_stderr '[kdf-params]'
}
expect_refused 'opslimit: 1,' 'opslimit: 4294967295,' opslimit \
  "kdf opslimit 4294967295 is out of range 1 to 3 (libsodium's minimum to the most hush init --passphrase writes)"
expect_refused 'opslimit: 1,' 'opslimit: 4,' opslimit \
  "kdf opslimit 4 is out of range 1 to 3 (libsodium's minimum to the most hush init --passphrase writes)"
expect_refused 'memlimit: 8192}' 'memlimit: 4398046511104}' memlimit \
  "kdf memlimit 4398046511104 is out of range 8192 to 268435456 bytes (libsodium's minimum to the most hush init --passphrase writes)"
expect_refused 'memlimit: 8192}' 'memlimit: 1024}' memlimit \
  "kdf memlimit 1024 is out of range 8192 to 268435456 bytes (libsodium's minimum to the most hush init --passphrase writes)"

# The limits hush init writes still open.
cp pristine.yaml "$S"
expect_exit --reveals 0 "$HUSH" secrets get P --secrets "$S"
expect_stdout 'Kdf-Canary-Value-3'
