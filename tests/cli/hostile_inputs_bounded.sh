# Hostile inputs never hang hush or exhaust its memory: devices, FIFOs and directories where a
# file is expected are refused at once; files over --max-input-size, and a secret value piped in
# over 1 MiB, are refused after reading at most the limit; badly encoded configs are located
# errors in render and check. Everything runs in 1 GB of address space (under ASan or TSan, which
# reserve far more, in 1 GB of resident memory), so reading /dev/zero to its end fails the test
# instead of passing slowly.
source "$(dirname "$0")/lib.sh"
limit_memory 1000

# expect_refused STATUS ID LOCATION CMD...: CMD exits STATUS within 10 s, naming ID at LOCATION.
expect_refused() {
  local status=$1 id=$2 where=$3; shift 3
  expect_exit "$status" timeout 10 "$@"
  expect_stderr "$where: error: "
  expect_stderr "[$id]"
}

printf 'x: ${A}\n' > ok.yaml
mkfifo fifo.yaml
mkdir dir.yaml

# Where a config is expected.
expect_refused 2 not-a-regular-file /dev/zero "$HUSH" render /dev/zero
expect_stderr 'cannot read /dev/zero: it is a character device, not a regular file'
expect_refused 2 not-a-regular-file fifo.yaml "$HUSH" render fifo.yaml
expect_stderr 'cannot read fifo.yaml: it is a FIFO (named pipe), not a regular file'
expect_refused 2 not-a-regular-file dir.yaml "$HUSH" render dir.yaml
expect_stderr 'cannot read dir.yaml: it is a directory, not a regular file'
expect_refused 2 not-a-regular-file /dev/zero "$HUSH" seal /dev/zero
expect_refused 2 not-a-regular-file fifo.yaml "$HUSH" run --config fifo.yaml -- true

# Sidecars, project files, import files and audit logs.
expect_refused 2 not-a-regular-file /dev/zero "$HUSH" render ok.yaml --secrets /dev/zero
printf 'sidecar: /dev/zero\n' > .hush.yaml
expect_refused 2 not-a-regular-file /dev/zero "$HUSH" render ok.yaml
rm .hush.yaml
expect_refused 2 not-a-regular-file fifo.yaml "$HUSH" render ok.yaml --project fifo.yaml
expect_exit 0 "$HUSH" init ok.yaml
expect_refused 2 not-a-regular-file fifo.yaml "$HUSH" secrets import fifo.yaml --secrets ok.secrets.yaml
expect_refused 2 not-a-regular-file /dev/zero "$HUSH" audit verify /dev/zero
# A secret value piped in: at most 1 MiB, however much is written.
expect_exit 2 timeout 10 bash -c "head -c 300M /dev/zero | '$HUSH' secrets add BIG --value-stdin --secrets ok.secrets.yaml"
expect_stderr 'error: the value on standard input is larger than the 1 MiB limit; secret values have a fixed limit [input-too-large]'

# Over the limit: refused with the limit named; at the limit, read.
head -c 2000 /dev/zero | tr '\0' '#' > big.yaml
expect_refused 2 input-too-large big.yaml "$HUSH" render big.yaml --max-input-size 1K
expect_stderr 'big.yaml is larger than the 1 KiB limit; raise it with --max-input-size'
expect_exit --reveals 0 "$HUSH" render big.yaml --max-input-size 2000
expect_exit 2 "$HUSH" render ok.yaml --max-input-size 12Q
expect_stderr 'expected a size such as 65536, 512K or 64M'

# Badly encoded configs, in render and in check.
printf 'a: 1\nb: caf\xc3\xa9 x\xc3(\n' > utf8.yaml
printf 'a: 1\nb: "x\0y"\n' > nul.yaml
printf '\xff\xfea\0:\0 \0b\0\n\0' > utf16.yaml
# (check reports a YAML file's syntax and encoding only for hush configs: --config names one.)
for command in render "check --config"; do
  expect_refused "$([ "$command" = render ] && echo 2 || echo 1)" invalid-encoding utf8.yaml:2:10 \
    "$HUSH" $command utf8.yaml
  expect_stderr 'invalid UTF-8: truncated 2-byte sequence'
  expect_refused "$([ "$command" = render ] && echo 2 || echo 1)" invalid-encoding nul.yaml:2:6 \
    "$HUSH" $command nul.yaml
  expect_stderr 'NUL byte'
  expect_refused "$([ "$command" = render ] && echo 2 || echo 1)" invalid-encoding utf16.yaml:1:1 \
    "$HUSH" $command utf16.yaml
  expect_stderr 'the text starts with a UTF-16 (little-endian) byte-order mark'
done

# check goes on past what it cannot read: a FIFO or device named is a not-checked warning for that
# file, a file over the limit is scanned in windows (its YAML rules not run: not-checked); binary
# and non-UTF-8 files that are not YAML are scanned, not encoding errors, and FIFOs found in a
# directory are passed over.
mkdir repo
printf 'services:\n  - name: a\n    type: docker\n    password: literal-pw\n' > repo/app.yaml
printf '\x89PNG\r\n\x1a\n\0\0\0\rIHDR\xff\xd8' > repo/logo.png
printf 'caf\xe9 latin-1\n' > repo/notes.txt
head -c 3000 /dev/zero | tr '\0' '#' > repo/big.yaml
mkfifo repo/pipe.yaml
expect_exit 1 timeout 10 "$HUSH" check repo --max-input-size 2K
expect_stderr 'repo/app.yaml:4:15: error: literal value under secret-like key password'
expect_stderr 'checked 4 files (1 in windows)'
expect_stderr 'repo/big.yaml:1:1: warning: not checked: the file is larger than the input limit'
expect_no_stderr '[invalid-encoding]'
expect_exit 1 "$HUSH" check fifo.yaml repo/app.yaml
expect_stderr 'fifo.yaml: warning: not checked: '
expect_stderr 'repo/app.yaml:4:15: error: literal value under secret-like key password'
expect_exit 0 "$HUSH" check /dev/zero
expect_stderr '/dev/zero: warning: not checked: '
expect_exit 1 "$HUSH" check --severity warning /dev/zero
