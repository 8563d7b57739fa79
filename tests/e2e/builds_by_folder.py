#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
"""
builds_by_folder.py - a counted answer of `builds` against the listed one.

    builds_by_folder.py LISTED.json COUNTED.json

LISTED is `builds --format json` on folders whose builds can be listed one
by one; COUNTED the same command with --max-builds 1 (or a small
--max-values), which counts the builds without listing them and gives
each folder's own builds (its "by_folder" member).  The number of builds,
the distinct values of the symbols read and the configurations must be
the same, and each folder's builds, with the configurations giving each,
must be what the listed builds give when each is cut to that folder.
Exits 1 and says what differs otherwise.
"""
import json, sys, os
from collections import defaultdict
listed = json.load(open(sys.argv[1]))
counted = json.load(open(sys.argv[2]))
errs = []
bf = counted["by_folder"]
if bf is None:
    print("no by_folder"); sys.exit(1)
if bf["builds"] != len(listed["builds"]):
    errs.append("builds %d, listed %d" % (bf["builds"], len(listed["builds"])))
if counted["projections"] != listed["projections"]:
    errs.append("projections %s, listed %s" % (counted["projections"], listed["projections"]))
if counted["configurations"] != listed["configurations"]:
    errs.append("configurations differ")
want = defaultdict(lambda: defaultdict(int))
folders = [f["folder"] for f in bf["folders"]]
for b in listed["builds"]:
    items = {}
    for m in b["modules"]:
        for name, kind in [(m["name"], "module")] + [(o[:-2], "object") for o in m["objects"]]:
            key = (name, kind)
            if m["kind"] == "y" or key not in items:
                items[key] = m["kind"]
    for f in folders:
        alt = frozenset((n, k, v) for (n, k), v in items.items() if os.path.dirname(n) == f)
        want[f][alt] += b["configurations"]
for f in bf["folders"]:
    got = {}
    for a in f["builds"]:
        alt = frozenset((o["name"][:-2] if o["kind"] == "object" and o["name"].endswith(".o") else o["name"], o["kind"], o["built"]) for o in a["built"])
        got[alt] = a["configurations"]
    if got != dict(want[f["folder"]]):
        errs.append("folder %s: %d alternatives counted, %d from the list" % (f["folder"], len(got), len(want[f["folder"]])))
        extra = set(got) - set(want[f["folder"]])
        if extra: errs.append(" e.g. counted only: %s" % sorted(next(iter(extra))))
        miss = set(want[f["folder"]]) - set(got)
        if miss: errs.append(" e.g. listed only: %s" % sorted(next(iter(miss))))
print("\n".join(errs) if errs else "same: %d builds, %d folders" % (bf["builds"], len(folders)))
sys.exit(1 if errs else 0)
