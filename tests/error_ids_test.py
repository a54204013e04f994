#!/usr/bin/env python3
"""Fails unless every hush::Error id in src/ has one ErrorKind and one row in README's
"Error ids" table, and every row of that table names an id the source throws.

Ids are read from `Error(ErrorKind::K, "id", …)` and from the calls of the helpers below,
which forward an `id` parameter into an Error of a fixed kind. A function that takes a
parameter named `id` but is not listed here fails the test, so a new helper cannot hide ids.
Finding rules (literal `Severity::…, "rule"` and `.rule = "rule"`) are no Error ids: each must
only be named, in backticks, somewhere in README (the `hush check` rule table, or the findings
list below the Error ids table).
"""
import os
import re
import sys

# helper name -> (ErrorKind, index of the id argument, the file whose calls forward ids; None: any)
HELPERS = {
    'fail_io': ('io', 0, 'src/core/base/fsutil.cpp'),
    'parse_json': ('syntax', 2, None),
    'throw_at': ('syntax', 3, 'src/core/yaml/yaml_source.cpp'),
    'fail': ('syntax', 1, 'src/core/yaml/yaml_source.cpp'),
    'invalid': ('invalid_input', 0, 'src/core/sidecar/sidecar_ops.cpp'),
    'checked_list': ('invalid_input', 2, 'src/core/sidecar/sidecar_ops.cpp'),
    'run_git': ('usage', 2, 'src/core/check/check_inputs.cpp'),
    'git': ('usage', 2, 'src/core/check/check_inputs.cpp'),
}
# (file, expression): where an Error takes a finding's rule as its id (render_text throws the
# first error finding of a render); those ids are finding rules, documented as such.
FINDING_FORWARDS = {('src/core/api/render.cpp', 'f.rule')}
KINDS = {'invalid_input': 1, 'usage': 2, 'io': 2, 'syntax': 2, 'key': 3, 'tampered': 3}

paths = [a for a in sys.argv[1:] if not a.startswith('-')]
root = paths[0] if paths else os.path.join(os.path.dirname(__file__), '..')
os.chdir(root)
problems = []
uses = {}  # id -> {kind: [where]}
rules = {}  # finding rule -> first where


def strip_comments(text):
  """Blanks // and /* */ comments, keeping string literals and line numbers."""
  out, i, n = [], 0, len(text)
  while i < n:
    c = text[i]
    if c == '"' or c == "'":
      j = i + 1
      while j < n and text[j] != c:
        j += 2 if text[j] == '\\' else 1
      out.append(text[i:j + 1])
      i = j + 1
    elif text.startswith('//', i):
      j = text.find('\n', i)
      j = n if j < 0 else j
      i = j
    elif text.startswith('/*', i):
      j = text.find('*/', i) + 2
      out.append(re.sub(r'[^\n]', ' ', text[i:j]))
      i = j
    else:
      out.append(c)
      i += 1
  return ''.join(out)


def arguments(text, open_paren):
  """The top-level arguments of the call whose '(' is at `open_paren`."""
  args, depth, start, i = [], 0, open_paren + 1, open_paren
  while i < len(text):
    c = text[i]
    if c == '"':
      i += 1
      while text[i] != '"':
        i += 2 if text[i] == '\\' else 1
    elif c in '([{':
      depth += 1
    elif c in ')]}':
      depth -= 1
      if depth == 0:
        args.append(text[start:i].strip())
        return args
    elif c == ',' and depth == 1:
      args.append(text[start:i].strip())
      start = i + 1
    i += 1
  return args


LITERAL = re.compile(r'^"([^"\\]*)"$')
TERNARY = re.compile(r'^[^?]+\?\s*"([^"\\]*)"\s*:\s*"([^"\\]*)"$')


def ids_of(expr):
  """Literal ids of an id argument; None when it forwards a parameter named `id`."""
  if LITERAL.match(expr):
    return [LITERAL.match(expr).group(1)]
  if TERNARY.match(expr):
    return list(TERNARY.match(expr).groups())
  if expr == 'id':
    return None
  return []


def record(kind, expr, where):
  if (where.split(':')[0], expr) in FINDING_FORWARDS:
    return
  found = ids_of(expr)
  if found is None:
    return
  if not found:
    problems.append(f'{where}: id argument `{expr}` is neither a literal nor a forwarded `id`')
  for ident in found:
    uses.setdefault(ident, {}).setdefault(kind, []).append(where)


def scan(path):
  text = strip_comments(open(path, encoding='utf-8').read())
  line_of = lambda pos: text.count('\n', 0, pos) + 1
  for m in re.finditer(r'\bError\s*[({]', text):
    args = arguments(text, m.end() - 1)
    where = f'{path}:{line_of(m.start())}'
    if len(args) < 2:
      continue
    if path == 'src/core/base/error.cpp':
      continue  # the constructor itself
    kind = re.fullmatch(r'(?:hush::)?ErrorKind::(\w+)', args[0])
    if kind:
      record(kind.group(1), args[1], where)
    elif not (args[0].endswith('.kind()') and args[1].endswith('.id()')):
      problems.append(f'{where}: Error built with kind `{args[0]}`; use ErrorKind::… or rethrow')
  for m in re.finditer(r'Severity::(?:error|warning)\s*,\s*"([^"]+)"|\.rule\s*=\s*"([^"]+)"', text):
    rules.setdefault(m.group(1) or m.group(2), f'{path}:{line_of(m.start())}')
  for name, (kind, index, home) in HELPERS.items():
    if home not in (None, path):
      continue
    for m in re.finditer(r'(?<![\w.:>])' + name + r'\s*\(', text):
      args = arguments(text, m.end() - 1)
      if len(args) > index and not re.match(r'(const\s+)?(char|std::string)\b', args[index]):
        record(kind, args[index], f'{path}:{line_of(m.start())}')
  for m in re.finditer(r'(\w+)\s*\(([^()]*\b(?:char\s*\*|std::string\s*&?)\s*id\b[^()]*)\)', text):
    if m.group(1) not in HELPERS and path != 'src/core/base/error.cpp':
      problems.append(f'{path}:{line_of(m.start())}: {m.group(1)} takes an `id`; list it in '
                      'HELPERS of tests/error_ids_test.py')


for dirpath, _, files in os.walk('src'):
  for name in sorted(files):
    if name.endswith(('.cpp', '.hpp')):
      scan(os.path.join(dirpath, name))

table = {}
section = False
for number, line in enumerate(open('README.md', encoding='utf-8'), 1):
  if line.startswith('#'):
    section = line.strip() == '## Error ids'
    continue
  if not section or not line.startswith('| `'):
    continue
  cells = [c.strip() for c in line.strip().strip('|').split('|')]
  kind = re.fullmatch(r'(\w+) \((\d)\)', cells[1])
  if not kind or kind.group(1) not in KINDS or KINDS[kind.group(1)] != int(kind.group(2)):
    problems.append(f'README.md:{number}: kind cell `{cells[1]}` is not "kind (exit status)"')
    continue
  for ident in re.findall(r'`([^`]+)`', cells[0]):
    if ident in table:
      problems.append(f'README.md:{number}: {ident} has two rows')
    table[ident] = kind.group(1)
if not table:
  problems.append('README.md: no "## Error ids" table found')

for ident, kinds in sorted(uses.items()):
  if len(kinds) > 1:
    detail = '; '.join(f'{k} at {", ".join(w)}' for k, w in sorted(kinds.items()))
    problems.append(f'id {ident} has {len(kinds)} kinds: {detail}')
  kind = next(iter(kinds))
  if ident not in table:
    problems.append(f'id {ident} ({kind}, {kinds[kind][0]}) has no row in README\'s Error ids')
  elif len(kinds) == 1 and table[ident] != kind:
    problems.append(f'id {ident}: README says {table[ident]}, the source throws {kind}')
for ident in sorted(set(table) - set(uses)):
  problems.append(f'README.md: Error id {ident} is thrown nowhere in src/')

readme = open('README.md', encoding='utf-8').read()
for rule, where in sorted(rules.items()):
  if f'`{rule}' not in readme and f'[{rule}' not in readme:
    problems.append(f'finding rule {rule} ({where}) is named nowhere in README')

for p in problems:
  print(p)
if '-v' in sys.argv:
  for ident, kinds in sorted(uses.items()):
    print(ident, ' '.join(sorted(kinds)))
sys.exit(1 if problems else 0)
