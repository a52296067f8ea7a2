#!/usr/bin/env python3
"""Draws docs/benchmarks.svg from one or more results.json files of bin/bench (figures in file order).

usage: bench/chart.py OUT.svg results.json [more results.json ...]
Each figure is a row: baseline (grey) and ours (blue) as bars scaled to the larger of the pair,
with the values, and the target with a check or a cross when the figure has one.
"""
import json
import sys
from xml.sax.saxutils import escape


def value(v, unit):
    if unit in ('ops/s', 'MB'):
        return f'{v:,.0f} {unit}'
    return f'{v:.3f} {unit}' if v < 10 else f'{v:.1f} {unit}'


def main():
    out, inputs = sys.argv[1], sys.argv[2:]
    figures = [f for path in inputs for f in json.load(open(path, encoding='utf-8'))['figures']]
    row, label, bar = 46, 430, 360
    width = label + bar + 120 + 190  # room for the value labels before the target column
    height = 60 + row * len(figures) + 20
    svg = [f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" font-family="sans-serif" font-size="12">',
           '<rect width="100%" height="100%" fill="white"/>',
           '<text x="10" y="22" font-size="15" font-weight="bold">Connector Hub benchmarks: baseline (grey) vs ours (blue)</text>',
           '<text x="10" y="40" fill="#555">Bars scale to the larger value of each pair; target and verdict at the right.</text>']
    y = 60
    for f in figures:
        top = max(f['baseline'], f['ours'], 1e-9)
        b = max(1, round(bar * f['baseline'] / top))
        o = max(1, round(bar * f['ours'] / top))
        met = f.get('met')
        verdict = f['target'] + ('' if met is None else ('  ✔' if met else '  ✘'))
        colour = '#555' if met is None else ('#1a7f37' if met else '#c62828')
        svg += [f'<text x="10" y="{y + 14}" font-weight="bold">{escape(f["scenario"])}</text>',
                f'<text x="10" y="{y + 30}">{escape(f["metric"][:66])}</text>',
                f'<rect x="{label}" y="{y + 4}" width="{b}" height="16" fill="#b0b0b0"/>',
                f'<text x="{label + b + 4}" y="{y + 16}">{escape(value(f["baseline"], f["unit"]))}</text>',
                f'<rect x="{label}" y="{y + 22}" width="{o}" height="16" fill="#2f6fd0"/>',
                f'<text x="{label + o + 4}" y="{y + 34}">{escape(value(f["ours"], f["unit"]))}</text>',
                f'<text x="{width - 185}" y="{y + 26}" fill="{colour}">{escape(verdict)}</text>']
        y += row
    svg.append('</svg>')
    with open(out, 'w', encoding='utf-8') as handle:
        handle.write('\n'.join(svg) + '\n')


if __name__ == '__main__':
    main()
