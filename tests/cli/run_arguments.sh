# Where `hush run`'s command starts, and that other commands' positionals named like a command are
# only positionals: CLI11 parses options and hands run the rest (prefix command).
source "$(dirname "$0")/lib.sh"
canary 'Args-Canary-Value-51bd'
S=s.secrets.yaml
expect_exit 0 "$HUSH" init --secrets "$S"
export HUSH_KEY_FILE=$(ls "$XDG_CONFIG_HOME"/hush/keys/*.key)
expect_exit 0 bash -c "printf 'Args-Canary-Value-51bd' | '$HUSH' secrets add A --value-stdin --secrets $S"
expect_exit 0 bash -c "printf 'b-value-b-value' | '$HUSH' secrets add B --value-stdin --secrets $S"
expect_exit 0 bash -c "printf 'c-value-c-value' | '$HUSH' secrets add C --value-stdin --secrets $S"
# --only takes every name up to `--`; the command is what follows.
expect_exit 0 "$HUSH" run --secrets "$S" --only A B -- sh -c 'test -n "$A" && test -n "$B" && test -z "$C" && echo ran-it'
expect_stdout 'ran-it'
# Without `--`, the command starts at the first word that is not an option or its value.
expect_exit 0 "$HUSH" run --secrets "$S" sh -c 'test -n "$C" && echo all-three'
expect_stdout 'all-three'
# The child's own options never reach hush (`--help`, `-v` belong to the child).
expect_exit 0 "$HUSH" run --secrets "$S" -- sh -c 'echo "child-args: $*"' sh --help -v
expect_stdout 'child-args: --help -v'
# A vector --only that swallowed the command says how to write it.
expect_exit 2 "$HUSH" run --secrets "$S" --only A sh
expect_stderr 'name the command after `--`'
# `hush render run` renders a file named run; `hush check run src` checks both paths.
write run <<'EOF2'
services:
  - name: app
    env:
      GREETING: hello
EOF2
expect_exit --reveals 0 "$HUSH" render run
expect_stdout 'GREETING: hello'
mkdir -p src
printf 'aws_key = "AKIAIOSFODNN7EXAMPLQ"\n' > src/creds.txt
expect_exit 1 "$HUSH" check run src
expect_stderr 'src/creds.txt:1:12'
# CLI11's own parse errors pass the redactor: a credential quoted back in one is masked.
KEY=$(cat "$HUSH_KEY_FILE")
canary "$KEY"
HUSH_KEY="$KEY" expect_exit 2 "$HUSH" secrets add X --generate "$KEY" --secrets "$S"
expect_stderr 'Could not convert: --generate = ***'
HUSH_KEY="$KEY" expect_exit 2 "$HUSH" render "$KEY" "$KEY"
# The private key given in HUSH_KEY is masked by the redactor like any revealed value.
HUSH_KEY="$KEY" expect_exit 0 bash -c "printf '%s\n' '$KEY' | '$HUSH' redact --secrets $S"
expect_stdout '***'
