# Exec sources run with hush's environment minus its credential variables, also with --no-env
# (which removes only the env source): pass, vault and gpg need PATH, HOME, GNUPGHOME….
source "$(dirname "$0")/lib.sh"
canary 'Exec-Env-Key-Canary-4242'
write .hush.yaml <<'EOF2'
sources:
  - name: probe
    exec: [sh, -c, 'printf "%s|%s|%s" "$EXEC_MARKER" "${HUSH_KEY:-no-key}" "${HUSH_PASSPHRASE:-no-phrase}"']
    qualified_only: true
EOF2
printf 'x: ${probe:ANY}\n' > app.yaml
EXEC_MARKER=marker-1 HUSH_KEY='Exec-Env-Key-Canary-4242' HUSH_PASSPHRASE='Exec-Env-Key-Canary-4242' \
  expect_exit 0 "$HUSH" render app.yaml
expect_stdout 'x: marker-1|no-key|no-phrase'
EXEC_MARKER=marker-2 HUSH_KEY='Exec-Env-Key-Canary-4242' expect_exit 0 "$HUSH" render app.yaml --no-env
expect_stdout 'x: marker-2|no-key|no-phrase'
