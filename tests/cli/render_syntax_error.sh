# YAML syntax errors exit 2 with file:line:column; an unquoted ${…} in a flow collection gets a hint.
source "$(dirname "$0")/lib.sh"
write flow.yaml <<'EOF2'
services:
  - name: api
    env: {TOKEN: ${API_TOKEN}}
EOF2
expect_exit 2 "$HUSH" render flow.yaml -o out.yaml
expect_stderr 'flow.yaml:3:'
expect_stderr 'error: '
expect_stderr 'quote it ("${NAME}") or write $<NAME>'
expect_no_file out.yaml
write open.yaml <<'EOF2'
a: "never closed
b: 1
EOF2
expect_exit 2 "$HUSH" render open.yaml
expect_stderr 'open.yaml:1:4: error: unterminated double-quoted scalar [yaml-syntax]'
expect_exit 2 "$HUSH" render missing.yaml
expect_stderr 'missing.yaml: error: cannot read missing.yaml: No such file or directory [unreadable-file]'
