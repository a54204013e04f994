# `hush check .` on a generated repository of about 300 files in many syntaxes with planted
# credentials of many kinds and decoys (tests/support/planted_tree.py), for two seeds: every
# planted credential is reported at its path and line (full recall) and no finding is on a line
# without one (no false finding: placeholders, references, addresses and paths pass clean).
source "$(dirname "$0")/lib.sh"
for seed in 7 20261205; do
  tree="$WORK/tree-$seed"
  truth="$WORK/truth-$seed.json"
  python3 "$HUSH_SOURCE_DIR/tests/support/planted_tree.py" --seed "$seed" --out "$tree" \
    || fail "planted_tree.py --seed $seed failed"
  # The ground truth is kept out of the checked tree.
  mv "$tree/ground_truth.json" "$truth"
  git init -q "$tree"
  git -C "$tree" add -A
  git -C "$tree" -c user.name=hush-test -c user.email=hush-test@invalid commit -q -m planted
  cd "$tree"
  expect_exit 1 "$HUSH" check --format json .
  cd "$WORK"
  cp "$OUT" "$WORK/report-$seed.json"
  python3 - "$truth" "$WORK/report-$seed.json" "$seed" <<'PY' || fail "seed $seed: see above"
import json
import sys

truth = json.load(open(sys.argv[1]))
report = json.load(open(sys.argv[2]))
seed = sys.argv[3]
norm = lambda p: p[2:] if p.startswith('./') else p
want = {(t['path'], t['line']): t['kind'] for t in truth}
got = {}
for f in report['findings']:
    got.setdefault((norm(f['path']), f['line']), []).append(f)
missed = sorted(k for k in want if k not in got)
false = sorted(k for k in got if k not in want)
for path, line in missed:
    print('seed %s: missed %s at %s:%d' % (seed, want[(path, line)], path, line), file=sys.stderr)
for key in false:
    for f in got[key]:
        print('seed %s: false finding %s:%d: %s [%s] %s' % (seed, key[0], key[1], f['message'],
              f['rule'], f['snippet']), file=sys.stderr)
print('seed %s: %d planted, %d found, %d missed, %d lines with false findings, %d files checked'
      % (seed, len(want), len(want) - len(missed), len(missed), len(false),
         report['summary']['files']), file=sys.stderr)
if not want or report['summary']['files'] < 250:
    print('seed %s: the generated tree is too small' % seed, file=sys.stderr)
    sys.exit(1)
sys.exit(1 if missed or false else 0)
PY
done
