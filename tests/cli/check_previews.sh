# Findings reveal nothing: in text, JSON and SARIF, a password, an AWS key, a GitHub token, a
# private key (as a PEM file and inside a JSON string) and the line of a YAML syntax error show at
# most the detection rule's fixed prefix and the length. No two adjacent characters of any value
# beyond its prefix appear in any output (a longer run contains such a pair).
source "$(dirname "$0")/lib.sh"
password=Zq8Wv3Lp
aws_tail=ZQ8WV3LPXJ7QZ4VW
github_tail=Zq8Wv3LpXj7Qz4VwJq2Zx9Wv5Tm6Ys1Rk7Nu
pem_1=Zq8Wv3LpXj7Qz4VwJq2Zx9Wv5Tm6Ys1Rk7NuQz4VwJq2Zx9Wv5Tm6Ys1Rk7NuXj7Q
pem_2=Wv3LpXj7Qz4VwJq2Zx9Wv5Tm6Ys1Rk7Nu==
broken=Xj7Qz4Vw
for value in "$password" "$aws_tail" "$github_tail" "$pem_1" "$pem_2" "$broken"; do canary "$value"; done
printf 'password: %s\n' "$password" > c.yaml
printf 'export AWS_ACCESS_KEY_ID=%s%s\n' 'AKIA' "$aws_tail" > run.sh
printf 'curl -H "Authorization: token %s%s" https://api.example.invalid\n' 'ghp_' "$github_tail" > deploy.sh
printf -- '-----BEGIN OPENSSH PRIVATE KEY-----\n%s\n%s\n-----END OPENSSH PRIVATE KEY-----\n' "$pem_1" "$pem_2" > key.pem
printf '{"type": "service_account", "private_key": "-----BEGIN PRIVATE KEY-----\\n%s\\n%s\\n-----END PRIVATE KEY-----\\n"}\n' \
  "$pem_1" "$pem_2" > sa.json
printf 'services:\n  - name: db\n    password: "%s\n' "$broken" > bad.yaml
files=(c.yaml run.sh deploy.sh key.pem sa.json bad.yaml)
for format in json sarif text; do  # text last: the expect_stderr lines below read its output
  expect_exit 1 "$HUSH" check "${files[@]}" --format "$format"
  cat "$OUT" "$ERR" > "report.$format"
done
for value in "$password" "$aws_tail" "$github_tail" "$pem_1" "$pem_2" "$broken"; do
  for ((i = 0; i + 2 <= ${#value}; i++)); do
    pair=${value:i:2}
    for format in text json sarif; do
      ! grep -qF -- "$pair" "report.$format" || fail "report.$format shows '$pair' of a secret"
    done
  done
done
for format in text json sarif; do
  for preview in 'AKIA…(20 chars)' 'ghp_…(40 chars)' '-----BEGIN…(171 chars)' '-----BEGIN…(158 chars)'; do
    grep -qF -- "$preview" "report.$format" || fail "report.$format lacks $preview"
  done
done
expect_stderr 'c.yaml:1:11: error: literal value under secret-like key password'
expect_stderr '    1 | password: …(8 chars)'
expect_stderr 'bad.yaml:3:15: error: unterminated double-quoted scalar [yaml-syntax]'
expect_stderr '    3 |     password: "…(8 chars)'
grep -qF '"snippet": "    1 | export AWS_ACCESS_KEY_ID=AKIA…(20 chars)\n' report.json || fail "json snippet"
