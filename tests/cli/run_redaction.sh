# `hush run`: secrets arrive as environment variables, stdout and stderr are redacted separately
# (values, lines and encodings), stdin passes through, the exit status is the child's, signals are
# forwarded, existing variables win unless --override.
source "$(dirname "$0")/lib.sh"
canary 'Run-Canary-Secret-9f3a'
S=s.secrets.yaml
expect_exit 0 "$HUSH" init --secrets "$S"
expect_exit 0 bash -c "printf 'Run-Canary-Secret-9f3a' | '$HUSH' secrets add API_TOKEN --value-stdin --secrets $S"
expect_exit 0 bash -c "printf 'client_id=app-client\nclient_secret=Run-Canary-Secret-9f3a-cs\ntoken_url=https://auth.example/token\n' | '$HUSH' secrets add OAUTH --type client-credentials --value-stdin --secrets $S"
canary 'Run-Canary-Secret-9f3a-cs'
write child.sh <<'EOF2'
echo "out: $API_TOKEN"
echo "err: $API_TOKEN" >&2
echo "b64: $(printf %s "$API_TOKEN" | base64)"
echo "url: $(printf %s "$API_TOKEN" | sed 's/-/%2D/g')"
echo "json: {\"t\": \"$API_TOKEN\"}"
echo "field: $OAUTH_CLIENT_SECRET id=$OAUTH_CLIENT_ID"
read -r line; echo "stdin: $line"
exit 42
EOF2
HUSH_KEY_FILE=$(ls "$XDG_CONFIG_HOME"/hush/keys/*.key) expect_exit 42 bash -c "echo piped-in | '$HUSH' run --secrets $S -- bash child.sh"
expect_stdout 'out: ***'
expect_stderr 'err: ***'
expect_stdout 'b64: ***'
expect_stdout 'json: {"t": "***"}'
expect_stdout 'field: *** id=***'  # every field of an injected secret is masked
expect_stdout 'stdin: piped-in'
# --only, existing variables, --override
API_TOKEN=preset expect_exit 0 "$HUSH" run --secrets "$S" --only API_TOKEN -- sh -c 'test "$API_TOKEN" = preset && test -z "$OAUTH_CLIENT_ID"'
API_TOKEN=preset expect_exit 0 "$HUSH" run --secrets "$S" --override -- sh -c 'test "$API_TOKEN" != preset'
# 128+signal, forwarded SIGTERM
expect_exit 143 "$HUSH" run --secrets "$S" -- sh -c 'kill -TERM $$'
"$HUSH" run --secrets "$S" -- sh -c 'trap "echo got-term; exit 5" TERM; echo ready; while :; do sleep 0.1; done' > fwd.out 2>&1 &
hush_pid=$!
for _ in $(seq 1 50); do grep -q ready fwd.out 2>/dev/null && break; sleep 0.1; done
kill -TERM "$hush_pid"
status=0; wait "$hush_pid" || status=$?
[ "$status" -eq 5 ] || fail "forwarded SIGTERM: expected exit 5, got $status"
grep -q got-term fwd.out || fail "the child did not see SIGTERM"
expect_exit 127 "$HUSH" run --secrets "$S" -- no-such-command-here
expect_stderr 'cannot run no-such-command-here'
# --config injects exactly what a config references
printf 'services:\n  - name: api\n    env: {T: $<API_TOKEN>}\n' > app.yaml
expect_exit 0 "$HUSH" run --config app.yaml --secrets "$S" -- sh -c 'test -n "$API_TOKEN" && test -z "$OAUTH_CLIENT_ID"'
