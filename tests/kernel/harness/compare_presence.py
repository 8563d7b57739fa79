#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
#
# compare_presence.py FILE: FILE is `modules --format json --presence`.
# Does every presence condition, evaluated on this configuration ("here"),
# say what the walk built (the modules and their objects)?  Exits 1 and
# names the differences when not; prints how many it compared on stderr.
import json
import sys

doc = json.load(open(sys.argv[1]))
built = {}
for mod in doc['modules']:
    built.setdefault(('module', mod['name']), set()).add(mod['kind'])
    for o in mod['objects']:
        built.setdefault(('object', o), set()).add(mod['kind'])
bad = 0
for p in doc['presence']:
    want = ''.join(sorted(built.get((p['kind'], p['name']), set()),
                          reverse=True)) or 'n'
    if p['here'] != want:
        print('%s %s: conditions say %s, the walk %s (y: %s; m: %s)' %
              (p['kind'], p['name'], p['here'], want, p['y'], p['m']))
        bad += 1
named = {(p['kind'], p['name']) for p in doc['presence']}
for k in built:
    if k not in named:
        print('%s %s: built, but has no presence condition' % k)
        bad += 1
print(len(doc['presence']), file=sys.stderr)
sys.exit(1 if bad else 0)
