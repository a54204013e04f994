# --version, --help, unknown options and missing arguments.
source "$(dirname "$0")/lib.sh"
expect_exit 0 "$HUSH" --version
expect_stdout 'hush 0.1.0'
expect_exit 0 "$HUSH" --help
expect_stdout 'render'
expect_exit 0 "$HUSH" render --help
expect_stdout '--output'
expect_exit 2 "$HUSH" render
expect_stderr 'config is required'
expect_exit 2 "$HUSH" render a.yaml --bogus
expect_exit 2 "$HUSH"
expect_exit 2 "$HUSH" render a.yaml --format xml
