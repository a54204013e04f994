# On a terminal, values are asked for with echo off and `rm` asks for the name to be typed.
# `script` gives hush a real pseudo-terminal.
source "$(dirname "$0")/lib.sh"
command -v script >/dev/null || fail "script (bsdutils) is required"
canary 'Hidden-Typed-Value-1'
S=s.secrets.yaml
expect_exit 0 "$HUSH" init --secrets "$S"
(sleep 0.5; printf 'Hidden-Typed-Value-1\r') | script -qec "'$HUSH' secrets add TYPED --secrets $S" /dev/null > tty.log
check_file_for_canaries tty.log
grep -q 'value (hidden): ' tty.log || fail "no hidden prompt shown"
expect_exit --reveals 0 "$HUSH" secrets get TYPED --secrets "$S"
[ "$(cat "$OUT")" = 'Hidden-Typed-Value-1' ] || fail "the typed value was not stored"
(sleep 0.5; printf 'WRONG\r') | script -qec "'$HUSH' secrets rm TYPED --secrets $S" /dev/null > rm1.log || true
grep -q 'type TYPED to delete it: ' rm1.log || fail "rm did not ask"
grep -q 'nothing was deleted' rm1.log || fail "a wrong name must not delete"
expect_exit 0 "$HUSH" secrets list --secrets "$S"
expect_stdout TYPED
(sleep 0.5; printf 'TYPED\r') | script -qec "'$HUSH' secrets rm TYPED --secrets $S" /dev/null > rm2.log
expect_exit 0 "$HUSH" secrets list --secrets "$S"
expect_no_stdout TYPED
