#!/usr/bin/env python3
"""Turns the table bin/bench prints (for a run cut short before it wrote results.json) into results.json.

usage: bench/table2json.py < bench-output.log > results.json
Clipped metric names (ending in "…") are kept as printed.
"""
import json
import re
import sys

UNIT = re.compile(r'^([\d,.]+) (ops/s|ms|s|MB)$')
figures = []
for line in sys.stdin:
    # the fixed-width columns of Report.table(): "%-28s %-58s %16s %16s %7s %-18s %s"
    line = line.rstrip('\n')
    if len(line) < 150 or not re.match(r'^\d+b?\. ', line):
        continue
    base, ours = UNIT.match(line[88:104].strip()), UNIT.match(line[105:121].strip())
    if not base or not ours:
        continue
    met = line[149:].strip()
    figures.append({
        'scenario': line[0:28].strip(), 'metric': line[29:87].strip(), 'unit': base.group(2),
        'baseline': float(base.group(1).replace(',', '')), 'ours': float(ours.group(1).replace(',', '')),
        'ratio': float(line[122:129]), 'target': line[130:148].strip(),
        'met': None if met == '-' else met == 'yes'})
json.dump({'figures': figures}, sys.stdout, indent=2, ensure_ascii=False)
