#!/usr/bin/env python3
"""Fails when an #include in src/ or include/ breaks the layer table of ARCHITECTURE.md."""
import os
import re
import sys

root = sys.argv[1] if len(sys.argv) > 1 else os.path.join(os.path.dirname(__file__), '..')
os.chdir(root)
rows = []
in_table = False
for line in open('ARCHITECTURE.md', encoding='utf-8'):
  if line.startswith('<!-- layers:'):
    in_table = True
    continue
  if in_table:
    if not line.startswith('|'):
      if rows:
        break
      continue
    cells = [c.strip() for c in line.strip().strip('|').split('|')]
    if cells[0] in ('layer', '') or set(cells[0]) <= set('-'):
      continue
    rows.append(cells)
if not rows:
  sys.exit('ARCHITECTURE.md: no layer table found')
rank = {cells[0]: i for i, cells in enumerate(rows)}
public = {}
for cells in rows:
  for header in filter(None, (h.strip() for h in cells[2].split(','))):
    public[header] = cells[0]
include_re = re.compile(r'^\s*#\s*include\s*[<"]([^>"]+)[>"]', re.M)
problems = []

def layer_of_include(target):
  m = re.match(r'core/([a-z_]+)/', target)
  if m:
    return m.group(1)
  return public.get(target)

for folder in sorted(os.listdir('src/core')):
  if folder not in rank:
    problems.append(f'src/core/{folder}: folder is not a layer in ARCHITECTURE.md')
    continue
  for dirpath, _, files in os.walk(f'src/core/{folder}'):
    for name in sorted(files):
      path = os.path.join(dirpath, name)
      text = open(path, encoding='utf-8').read()
      for target in include_re.findall(text):
        if target.startswith('CLI/') or target.startswith('cli/'):
          problems.append(f'{path}: includes {target}; the library never depends on the CLI')
          continue
        layer = layer_of_include(target)
        if target.startswith('hush/') and layer is None and not target.endswith('_data.hpp'):
          problems.append(f'{path}: includes {target}, which is no public header in the table')
        if layer is None:
          continue
        if layer not in rank:
          problems.append(f'{path}: includes {target} from unknown layer {layer}')
        elif rank[layer] > rank[folder]:
          problems.append(f'{path}: layer {folder} includes {target} from the higher layer {layer}')

for name in sorted(os.listdir('include/hush')):
  path = f'include/hush/{name}'
  if f'hush/{name}' not in public:
    problems.append(f'{path}: public header not listed in ARCHITECTURE.md')
  for target in include_re.findall(open(path, encoding='utf-8').read()):
    if target.startswith('core/') or target.startswith('cli/'):
      problems.append(f'{path}: public header includes the private {target}')
    elif '/' in target and not target.startswith('hush/'):
      problems.append(f'{path}: public header includes the third-party {target}')

for problem in problems:
  print(problem)
print(f'layering: {len(rank)} layers, {len(problems)} problems')
sys.exit(1 if problems else 0)
