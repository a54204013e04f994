# kill -9 at random moments of `render -o`, `secrets add` / `secrets update`, `seal` and an
# audited `secrets get` (every command here also appends to the audit log), 200 times each.
# After every kill: each file is its old or its new content (old ones byte-compared; new sidecars,
# whose seals are random, checked by opening every value), `seal` never rewrites the config before
# the sidecar holds its values and completes when run again, the audit log holds whole records
# only (an incomplete last line is reported by `audit verify` as such and removed by the next
# append), and the next command neither blocks on a lock nor finds a temporary file left behind.
source "$(dirname "$0")/lib.sh"
ROUNDS=${HUSH_KILL9_ROUNDS:-200}  # fewer in the sanitizer tree (tests/CMakeLists.txt)
canary 'Kill9-Canary-Token-0'
export HUSH_AUDIT_LOG="$WORK/audit.log"
S=app.secrets.yaml
exec {pause_fd}<> <(:)
KILLED=0
STRAY=0
INCOMPLETE=0
shopt -s nullglob dotglob

# pause SECONDS without a process (the kill must land while the command runs, not after a fork).
pause() { read -r -t "$1" -u "$pause_fd" || true; }
now_us() { local t=${EPOCHREALTIME/./}; echo $((10#$t)); }
# span_of CMD...: how long CMD takes, in microseconds, plus half again (so kills also land at its
# very end and after it).
span_of() {
  local best=-1 start took
  for _ in 1 2 3; do  # the fastest of three: a busy moment of the machine would widen every kill
    start=$(now_us)
    "$@" > /dev/null 2>&1 < "${STDIN_FILE:-/dev/null}" || fail "setup run failed: $*"
    took=$(( $(now_us) - start ))
    if [ "$best" -lt 0 ] || [ "$took" -lt "$best" ]; then best=$took; fi
  done
  echo $(( best * 3 / 2 + 500 ))
}
SECTION_START=$(now_us)
# section NAME SPAN: reports how long the previous section took (stderr, for the ctest log).
section() {
  local now; now=$(now_us)
  echo "faults_kill9: $1 done in $(( (now - SECTION_START) / 1000 )) ms (kills within $(( $2 / 1000 )) ms)" >&2
  SECTION_START=$now
}
# kill_during SPAN CMD...: starts CMD, sends SIGKILL after a random delay below SPAN µs.
kill_during() {
  local span=$1; shift
  local delay=$(( (RANDOM * 32768 + RANDOM) % span ))
  "$@" < "${STDIN_FILE:-/dev/null}" > "$WORK/killed.out" 2>> "$WORK/killed.err" &
  local pid=$!
  pause "$(printf '%d.%06d' $((delay / 1000000)) $((delay % 1000000)))"
  kill -KILL "$pid" 2> /dev/null || true
  local status=0
  wait "$pid" 2> /dev/null || status=$?
  if [ "$status" -eq 137 ]; then KILLED=$((KILLED + 1)); fi
}
# same_as FILE A B: FILE equals A (returns 0) or B (returns 1); anything else fails the test.
same_as() {
  if cmp -s "$1" "$2"; then return 0; fi
  cmp -s "$1" "$3" || fail "$1 is neither its old nor its new content"
  return 1
}
# temporaries: hush's temporary files in the working directory.
temporaries() { TEMPS=(.*.hush-*); }
# complete CMD...: the next command after a kill: it must finish (no stale lock) and succeed.
complete() {
  expect_exit 0 timeout 20 "$@"
}

printf 'k: ${TOKEN}\n' > app.yaml
expect_exit 0 "$HUSH" init app.yaml
printf 'Kill9-Canary-Token-0' > token.value
expect_exit 0 bash -c "'$HUSH' secrets add TOKEN --value-stdin --secrets $S < token.value"
export HUSH_SECRETS=$S

# --- render -o: the old file or the whole new one.
printf 'a:\n' > big.yaml
for i in $(seq 1 500); do printf '  k%d: ${TOKEN}\n' "$i"; done >> big.yaml
printf 'old: render\n' > out.old
expect_exit --reveals 0 "$HUSH" render big.yaml
cp "$OUT" out.new
span=$(span_of "$HUSH" render big.yaml -o out.yaml)
for round in $(seq 1 "$ROUNDS"); do
  cp out.old out.yaml
  kill_during "$span" "$HUSH" render big.yaml -o out.yaml
  same_as out.yaml out.old out.new || true
  temporaries
  if [ ${#TEMPS[@]} -gt 0 ]; then
    STRAY=$((STRAY + 1))
    complete "$HUSH" render big.yaml -o out.yaml
    expect_same out.new out.yaml
    temporaries
    [ ${#TEMPS[@]} -eq 0 ] || fail "the next render left ${TEMPS[*]}"
  fi
done
section "render -o" "$span"

# --- secrets add (odd rounds, a new name) and update (even rounds, TOKEN): the old sidecar, or one
# with the change; every value opens (one render references them all).
printf 'TOKEN: ${TOKEN}\n' > all.yaml
printf 'TOKEN: Kill9-Canary-Token-0\n' > all.want
token='Kill9-Canary-Token-0'
PROBES=0
add_probe() { PROBES=$((PROBES + 1)); "$HUSH" secrets add "PROBE_$PROBES" --value-stdin; }
span=$(STDIN_FILE=token.value span_of add_probe)
for round in $(seq 1 "$ROUNDS"); do
  cp "$S" sidecar.old
  value="kill9-value-$round-$RANDOM"
  printf '%s' "$value" > value.txt
  if [ $((round % 2)) -eq 1 ]; then
    STDIN_FILE=value.txt kill_during "$span" "$HUSH" secrets add "ADDED_$round" --value-stdin
    if ! cmp -s "$S" sidecar.old; then
      printf 'ADDED_%d: ${ADDED_%d}\n' "$round" "$round" >> all.yaml
      printf 'ADDED_%d: %s\n' "$round" "$value" >> all.want
    fi
  else
    STDIN_FILE=value.txt kill_during "$span" "$HUSH" secrets update TOKEN --value-stdin
    if ! cmp -s "$S" sidecar.old; then token=$value; fi
    sed -i "1s/.*/TOKEN: $token/" all.want
  fi
  expect_exit --reveals 0 timeout 20 "$HUSH" render all.yaml
  expect_stdout_equals all.want
  temporaries
  if [ ${#TEMPS[@]} -gt 0 ]; then
    STRAY=$((STRAY + 1))
    complete "$HUSH" secrets add "AFTER_$round" --generate 8
    temporaries
    [ ${#TEMPS[@]} -eq 0 ] || fail "the next write left ${TEMPS[*]}"
  fi
done
section "secrets add/update" "$span"

# --- seal: the config is rewritten only after the sidecar holds the values; run again, it
# completes; the sealed config renders exactly as the inline one did.
cat > seal.old <<'EOF2'
# sealed by the kill -9 test
secrets:
  SEAL_ONE: "Kill9-seal-value-one"
  SEAL_TWO:
    value: "Kill9-seal-value-two"
    scopes: [service]
services:
  - name: api
    env:
      ONE: ${inline:SEAL_ONE}
      TWO: $<SEAL_TWO>
EOF2
SS=seal.secrets.yaml
expect_exit 0 "$HUSH" init --secrets "$SS"
cp "$SS" seal-sidecar.old
cp seal.old seal.yaml
expect_exit --reveals 0 "$HUSH" render seal.yaml --secrets "$SS"
cp "$OUT" seal.render
seal_afresh() { cp seal.old seal.yaml && cp seal-sidecar.old "$SS" && "$HUSH" seal seal.yaml --secrets "$SS"; }
span=$(span_of seal_afresh)
cp seal.yaml seal.new
for round in $(seq 1 "$ROUNDS"); do
  cp seal.old seal.yaml
  cp seal-sidecar.old "$SS"
  kill_during "$span" "$HUSH" seal seal.yaml --secrets "$SS"
  if same_as seal.yaml seal.old seal.new; then
    complete "$HUSH" seal seal.yaml --secrets "$SS"
    expect_same seal.new seal.yaml
  elif cmp -s "$SS" seal-sidecar.old; then
    fail "round $round: seal rewrote the config but the sidecar lacks its values"
  fi
  expect_exit --reveals 0 timeout 20 "$HUSH" render seal.yaml --secrets "$SS"
  expect_stdout_equals seal.render
  temporaries
  [ ${#TEMPS[@]} -eq 0 ] || fail "round $round: seal left ${TEMPS[*]}"
done
section "seal" "$span"

# --- the audit log: whole records, an incomplete last line only as `audit verify` reports it.
span=$(span_of "$HUSH" secrets get TOKEN)
for round in $(seq 1 "$ROUNDS"); do
  kill_during "$span" "$HUSH" secrets get TOKEN
  expect_exit 0 timeout 20 "$HUSH" audit verify
  if grep -qF '[audit-incomplete]' "$ERR"; then INCOMPLETE=$((INCOMPLETE + 1)); fi
done
section "audited get" "$span"
expect_exit --reveals 0 "$HUSH" secrets get TOKEN
expect_exit 0 "$HUSH" audit verify
expect_no_stderr 'audit-incomplete'
python3 - "$HUSH_AUDIT_LOG" <<'EOF2' || fail "the audit log holds a line that is not a whole record"
import json, sys
data = open(sys.argv[1], encoding="utf-8").read()
assert data.endswith("\n")
for line in data.splitlines():
    record = json.loads(line)
    assert set(record) == {"time", "user", "host", "action", "secrets", "files", "outcome", "prev"}
EOF2
check_file_for_canaries "$WORK/killed.err"
echo "faults_kill9: $KILLED of $((4 * ROUNDS)) runs killed; temporaries after $STRAY kills" \
  "(all removed by the next write); $INCOMPLETE incomplete audit lines (all removed)" >&2
