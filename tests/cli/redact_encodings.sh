# `hush redact --env-var TOKEN` and `hush run` mask a value in every form tools write it, as
# Python's own encoders produce them: percent-encoded with each common safe set, JSON-escaped in
# each style, base64 (std and URL-safe, and inside blobs wrapped as PEM and GNU base64 write them,
# with \n and \r\n), hex; and .hush.yaml's `redact: {mask, min_length}` reaches both commands.
source "$(dirname "$0")/lib.sh"
VALUE='Tok3n/with space+ä!<🔑>&x'
canary "$VALUE"
export TOKEN="$VALUE"
write forms.py <<'EOF'
import base64, json, os, re, sys, urllib.parse
v = os.environ["TOKEN"]
b = v.encode()
lower = lambda s: re.sub(r"%[0-9A-F]{2}", lambda m: m.group(0).lower(), s)
upper = lambda s: re.sub(r"\\u[0-9a-f]{4}", lambda m: m.group(0).upper().replace("\\U", "\\u"), s)
html = lambda s: s.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
forms = {
    "raw": v,
    "quote": urllib.parse.quote(v),
    "quote-lower": lower(urllib.parse.quote(v)),
    "encodeURIComponent": urllib.parse.quote(v, safe="-_.!~*'()"),
    "encodeURI": urllib.parse.quote(v, safe="-_.!~*'();,/?:@&=+$#"),
    "quote_plus": urllib.parse.quote_plus(v),
    "form-lower": lower(urllib.parse.urlencode({"t": v})[2:]),
    "json": json.dumps(v)[1:-1],
    "json-upper": upper(json.dumps(v)[1:-1]),
    "json-utf8": json.dumps(v, ensure_ascii=False)[1:-1],
    "json-html": html(json.dumps(v, ensure_ascii=False)[1:-1]),
    "json-slash": json.dumps(v)[1:-1].replace("/", "\\/"),
    "base64": base64.b64encode(b).decode(),
    "base64-unpadded": base64.b64encode(b).decode().rstrip("="),
    "base64url": base64.urlsafe_b64encode(b).decode(),
    "hex": b.hex(),
    "HEX": b.hex().upper(),
}
mode = sys.argv[1]
if mode == "forms":
    print("\n".join(forms.values()))
elif mode == "expected":
    print("\n".join(f"{name}: ***" for name in forms))
elif mode == "fragments":  # every 6 characters of the value's own base64 inside the blobs below
    for lead in (44, 45, 46, 56, 57, 58):
        blob = base64.b64encode(b"-" * lead + b + b"." * 40).decode()
        core = blob[(lead * 8 + 5) // 6:(lead + len(b)) * 8 // 6]
        print("\n".join(core[i:i + 6] for i in range(len(core) - 5)))
else:
    for name, form in forms.items():
        print(f"{name}: {form}")
    for lead in (44, 45, 46, 56, 57, 58):
        blob = base64.b64encode(b"-" * lead + b + b"." * 40).decode()
        for width, eol in ((64, "\n"), (76, "\r\n")):
            sys.stdout.write(eol.join(blob[i:i + width] for i in range(0, len(blob), width)) + eol)
EOF
python3 forms.py forms > forms.lst
python3 forms.py expected > expected.txt
python3 forms.py fragments > fragments.lst
python3 forms.py text > text.txt
while IFS= read -r form; do canary "$form"; done < forms.lst
lines=$(wc -l < expected.txt)

# no_fragment FILE: no 6 characters of the value's base64 survive in FILE, line breaks removed.
no_fragment() {
  if tr -d '\r\n' < "$1" | grep -qF -f fragments.lst; then fail "a base64 fragment survived"; fi
}

expect_exit 0 bash -c "'$HUSH' redact --no-sidecar --env-var TOKEN < text.txt"
head -n "$lines" "$OUT" > single.txt
expect_same expected.txt single.txt
no_fragment "$OUT"
grep -qF 'LS0tLS0tLS0t' "$OUT" || fail "the base64 around the value was masked too"

printf 'services:\n  - name: api\n    env: {T: $<TOKEN>}\n' > app.yaml
expect_exit 0 "$HUSH" run --config app.yaml --source env -- sh -c 'printf "printf: %s\n" "$TOKEN"; python3 forms.py text'
expect_stdout 'printf: ***'
tail -n +2 "$OUT" | head -n "$lines" > single.txt
expect_same expected.txt single.txt
no_fragment "$OUT"

# .hush.yaml's redact settings: a 2-byte value is masked, with the project's mask; --mask wins.
mkdir project && cd project
printf 'redact:\n  mask: "[{name} hidden]"\n  min_length: 2\n' > .hush.yaml
printf 'pin ab end\n' > pin.txt
export PIN=ab
expect_exit 0 bash -c "'$HUSH' redact --no-sidecar --env-var PIN < pin.txt"
[ "$(cat "$OUT")" = 'pin [PIN hidden] end' ] || fail "project mask not applied: $(cat "$OUT")"
expect_no_stderr 'shorter than'
expect_exit 0 bash -c "'$HUSH' redact --no-sidecar --env-var PIN --mask '#' < pin.txt"
expect_stdout 'pin # end'
printf 'services:\n  - name: api\n    env: {P: $<PIN>}\n' > pin.yaml
expect_exit 0 "$HUSH" run --config pin.yaml --source env -- sh -c 'printf "pin=%s\n" "$PIN"'
expect_stdout 'pin=[PIN hidden]'
expect_no_stderr 'shorter than'
cd ..
expect_exit 0 bash -c "'$HUSH' redact --no-sidecar --env-var PIN < project/pin.txt"
expect_stdout 'pin ab end'
expect_stderr 'the value of PIN is shorter than 4 bytes and is not masked'
