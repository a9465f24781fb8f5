#!/usr/bin/env python3
"""GermEval 2018's tab-separated files (text, coarse label, fine label; no header) as CSV with a
header (id, text, coarse, fine), the shape `crossfire score train` and `score --eval` read. Texts are
copied unchanged (line breaks stay written as |LBR|); the id is the file's stem and line number.

  python3 tools/data/germeval-to-csv.py germeval2018.training.txt > germeval2018.training.csv
"""
import csv
import os
import sys

path = sys.argv[1]
stem = os.path.basename(path).split('.')[1]
out = csv.writer(sys.stdout, lineterminator='\n')
out.writerow(['id', 'text', 'coarse', 'fine'])
with open(path, encoding='utf-8') as f:
    for n, line in enumerate(f, 1):
        fields = line.rstrip('\n').split('\t')
        if len(fields) != 3:
            sys.exit(f'{path}:{n}: expected 3 tab-separated fields, got {len(fields)}')
        out.writerow([f'{stem}-{n}'] + fields)
