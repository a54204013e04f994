# tests/cli/lib.sh — shared helpers for black-box tests of the built binary.
# Each test script sources this file, runs in a fresh temporary directory, and fails on the first
# broken expectation. Secret values planted with `canary` must never appear in any captured output
# (stdout/stderr of every command run through `expect_exit`) unless the test allows it for that one
# command with `expect_exit --reveals`.
set -euo pipefail

: "${HUSH:?HUSH must point at the built hush binary}"
HUSH_SOURCE_DIR=${HUSH_SOURCE_DIR:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
TEST_NAME=$(basename "$0" .sh)
WORK=$(mktemp -d "${TMPDIR:-/tmp}/hush-cli-XXXXXX")
OUT="$WORK/.stdout"
ERR="$WORK/.stderr"
CANARIES=()
CHECKED_OUTPUTS=()
export XDG_CONFIG_HOME="$WORK/.config"
export HOME="$WORK/home"
mkdir -p "$HOME"
# CI too: when set, `hush check` does not trust .hush.yaml, and the tests must not depend on where
# they run (tests/cli/check_trust_project.sh sets it where it means to).
unset HUSH_KEY HUSH_KEY_FILE HUSH_PASSPHRASE HUSH_SECRETS HUSH_ENV HUSH_AUDIT_LOG NO_COLOR CI || true
cd "$WORK"

fail() {
  echo "FAIL [$TEST_NAME]: $*" >&2
  for f in "$OUT" "$ERR"; do
    [ -f "$f" ] && { echo "--- $(basename "$f")" >&2; head -c 4000 "$f" >&2; echo >&2; }
  done
  exit 1
}

cleanup() {
  local status=$?
  if [ $status -eq 0 ]; then
    local canary f
    for canary in "${CANARIES[@]+"${CANARIES[@]}"}"; do
      for f in "${CHECKED_OUTPUTS[@]+"${CHECKED_OUTPUTS[@]}"}"; do
        if [ -f "$f" ] && grep -qF -- "$canary" "$f"; then
          echo "FAIL [$TEST_NAME]: a canary secret leaked into $(basename "$f")" >&2
          status=1
        fi
      done
    done
  fi
  rm -rf "$WORK"
  exit $status
}
trap cleanup EXIT

# canary VALUE: a secret value that must never be printed.
canary() { CANARIES+=("$1"); }

# write FILE: stdin to FILE (directories created).
write() { mkdir -p "$(dirname "$1")"; cat > "$1"; }

# expect_exit [--reveals] STATUS CMD...: run CMD capturing stdout/stderr; STATUS must match.
# With --reveals, stdout is the product (rendered output) and is not scanned for canaries.
expect_exit() {
  local reveals=0
  if [ "$1" = "--reveals" ]; then reveals=1; shift; fi
  local want=$1; shift
  local got=0
  "$@" > "$OUT" 2> "$ERR" < /dev/null || got=$?
  local n=${#CHECKED_OUTPUTS[@]}
  cp "$ERR" "$WORK/.captured-$n.stderr"
  CHECKED_OUTPUTS+=("$WORK/.captured-$n.stderr")
  if [ $reveals -eq 0 ]; then
    cp "$OUT" "$WORK/.captured-$n.stdout"
    CHECKED_OUTPUTS+=("$WORK/.captured-$n.stdout")
  fi
  [ "$got" -eq "$want" ] || fail "expected exit $want, got $got from: $*"
}

# check_file_for_canaries FILE: FILE (a log, an error report) must hold no canary.
check_file_for_canaries() { CHECKED_OUTPUTS+=("$1"); }

expect_stdout() { grep -qF -- "$1" "$OUT" || fail "stdout lacks: $1"; }
expect_stderr() { grep -qF -- "$1" "$ERR" || fail "stderr lacks: $1"; }
expect_no_stdout() { ! grep -qF -- "$1" "$OUT" || fail "stdout unexpectedly has: $1"; }
expect_no_stderr() { ! grep -qF -- "$1" "$ERR" || fail "stderr unexpectedly has: $1"; }
expect_stdout_equals() { diff -u "$1" "$OUT" >&2 || fail "stdout differs from $1"; }
expect_no_file() { [ ! -e "$1" ] || fail "file should not exist: $1"; }
expect_file() { [ -f "$1" ] || fail "file should exist: $1"; }
expect_same() { cmp -s "$1" "$2" || { diff -u "$1" "$2" >&2 || true; fail "$1 and $2 differ"; }; }
expect_mode() {
  local mode; mode=$(stat -c %a "$1")
  [ "$mode" = "$2" ] || fail "$1 has mode $mode, expected $2"
}
expect_file_has() { grep -qF -- "$2" "$1" || fail "$1 lacks: $2"; }
expect_file_lacks() { ! grep -qF -- "$2" "$1" || fail "$1 unexpectedly has: $2"; }

# limit_memory MB: the rest of the test runs in MB megabytes of address space (ulimit -v); under
# ASan or TSan, which reserve terabytes of address space, in MB megabytes of resident memory. The
# build tree says which sanitizers it has (HUSH_SANITIZE, tests/CMakeLists.txt): guessing from ldd
# fails where the runtime is linked statically or ldd is missing.
limit_memory() {
  case ",${HUSH_SANITIZE:-}," in
    *,address,*) export ASAN_OPTIONS="${ASAN_OPTIONS:+$ASAN_OPTIONS:}hard_rss_limit_mb=$1" ;;
    *,thread,*) export TSAN_OPTIONS="${TSAN_OPTIONS:+$TSAN_OPTIONS:}hard_rss_limit_mb=$1" ;;
    ,,) ulimit -v $(($1 * 1000)) ;;
    *) ;;  # another sanitizer: no address-space limit it may not survive
  esac
}
