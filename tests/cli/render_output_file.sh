# -o writes atomically with mode 0600; stdout gets the same bytes; formats json and env.
source "$(dirname "$0")/lib.sh"
write config.yaml <<'EOF2'
# comment kept
server:
  port: ${PORT}      # stays a number
  token: "Bearer ${TOKEN}"
enabled: $<FLAG>
EOF2
export PORT=8443 TOKEN='tok"en' FLAG=yes
umask 022
expect_exit --reveals 0 "$HUSH" render config.yaml
cp "$OUT" stdout.yaml
expect_exit 0 "$HUSH" render config.yaml -o out.yaml
expect_mode out.yaml 600
expect_same stdout.yaml out.yaml
cat > want.yaml <<'EOF2'
# comment kept
server:
  port: 8443      # stays a number
  token: "Bearer tok\"en"
enabled: "yes"
EOF2
expect_same want.yaml out.yaml
expect_exit --reveals 0 "$HUSH" render config.yaml --format json
expect_stdout '"port": 8443,'
expect_stdout '"token": "Bearer tok\"en"'
expect_stdout '"enabled": "yes"'
expect_exit --reveals 0 "$HUSH" render --format env config.yaml
expect_stdout 'SERVER_PORT="8443"'
ls -a | grep -q hush- && fail "temporary file left behind"
true
