# A flipped ciphertext byte, a value copied to another name, an edited version and widened scopes
# are all reported as tampering (exit 3) naming the secret.
source "$(dirname "$0")/lib.sh"
canary 'Tamper-Canary-A-123'
canary 'Tamper-Canary-B-456'
S=s.secrets.yaml
expect_exit 0 "$HUSH" init --secrets "$S"
expect_exit 0 bash -c "printf 'Tamper-Canary-A-123' | '$HUSH' secrets add A --value-stdin --scope service:db --secrets $S"
expect_exit 0 bash -c "printf 'Tamper-Canary-B-456' | '$HUSH' secrets add B --value-stdin --secrets $S"
cp "$S" pristine.yaml
expect_exit --reveals 0 "$HUSH" secrets get A --secrets "$S"

# 1. flip one base64 character of A's ciphertext
python3 - "$S" <<'PY'
import sys, re
p = sys.argv[1]; s = open(p).read()
m = re.search(r"(  A:\n(?:    .*\n)*?    value: enc:v2:)(\S+)", s)
v = m.group(2); i = len(v) // 2
v = v[:i] + ('A' if v[i] != 'A' else 'B') + v[i+1:]
open(p, 'w').write(s[:m.start(2)] + v + s[m.end(2):])
PY
expect_exit 3 "$HUSH" secrets get A --secrets "$S"
expect_stderr 'secret A was tampered with'

# 2. B's ciphertext copied to A
cp pristine.yaml "$S"
python3 - "$S" <<'PY'
import sys, re
p = sys.argv[1]; s = open(p).read()
vals = re.findall(r"value: (enc:v2:\S+)", s)
s = s.replace(vals[0], vals[1], 1)
open(p, 'w').write(s)
PY
expect_exit 3 "$HUSH" secrets get A --secrets "$S"
expect_stderr 'secret A was tampered with'

# 3. edited version number
cp pristine.yaml "$S"
sed -i '0,/version: 1/s//version: 2/' "$S"
expect_exit 3 "$HUSH" secrets get A --secrets "$S"
expect_stderr 'tampered'

# 4. widened scopes
cp pristine.yaml "$S"
sed -i 's/- service:db/- service/' "$S"
grep -q -- '- service$' "$S" || sed -i 's/\[service:db\]/[service]/' "$S"
expect_exit 3 "$HUSH" secrets get A --secrets "$S"
expect_stderr 'tampered'

# The untouched sidecar still opens.
cp pristine.yaml "$S"
expect_exit --reveals 0 "$HUSH" secrets get B --secrets "$S"
