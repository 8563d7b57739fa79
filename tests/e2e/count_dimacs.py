#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-2.0-only
#
# count_dimacs.py - counts the valid configurations of `export --dimacs`
# independently of src/sat/count.c: a DPLL model counter projected on the
# symbol variables (the "c ind" line), with unit propagation, connected
# components and a cache of solved components.  A component without
# symbol variables counts 1 when satisfiable.  Prints the count.
import sys
from functools import lru_cache

sys.setrecursionlimit(100000)


def read(path):
    clauses, ind = [], set()
    for line in open(path):
        if line.startswith('c ind'):
            ind.update(int(x) for x in line.split()[2:] if x != '0')
        elif line[0] in 'cp' or not line.strip():
            continue
        else:
            lits = [int(x) for x in line.split()]
            clauses.append(frozenset(l for l in lits if l))
    return clauses, ind


def simplify(clauses, lit):
    out = []
    for c in clauses:
        if lit in c:
            continue
        if -lit in c:
            c = c - {-lit}
            if not c:
                return None
        out.append(c)
    return out


def propagate(clauses, assigned):
    while True:
        unit = next((c for c in clauses if len(c) == 1), None)
        if unit is None:
            return clauses
        (lit,) = unit
        assigned.add(abs(lit))
        clauses = simplify(clauses, lit)
        if clauses is None:
            return None


def components(clauses):
    parent = {}

    def find(x):
        while parent.setdefault(x, x) != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x
    for c in clauses:
        vs = [abs(l) for l in c]
        for v in vs[1:]:
            parent[find(v)] = find(vs[0])
        find(vs[0])
    groups = {}
    for c in clauses:
        groups.setdefault(find(abs(next(iter(c)))), []).append(c)
    return list(groups.values())


def main():
    clauses, ind = read(sys.argv[1])
    IND = frozenset(ind)

    @lru_cache(maxsize=None)
    def count(comp):
        # comp: frozenset of clauses, one connected component
        vs = {abs(l) for c in comp for l in c}
        occ = {}
        for c in comp:
            for l in c:
                occ[abs(l)] = occ.get(abs(l), 0) + 1
        iv = [v for v in vs if v in IND]
        pick = max(iv or vs, key=lambda v: occ[v])
        total = 0
        for lit in (pick, -pick):
            assigned = {pick}
            rest = simplify(list(comp), lit)
            if rest is not None:
                rest = propagate(rest, assigned)
            if rest is None:
                continue
            left = {abs(l) for c in rest for l in c}
            free = len([v for v in vs - assigned - left if v in IND])
            n = 2 ** free
            for sub in components(rest):
                n *= count(frozenset(sub))
                if not n:
                    break
            if not iv and n:
                return 1	# only auxiliary variables: satisfiable
            total += n
        return total

    assigned = set()
    top = propagate(clauses, assigned)
    if top is None:
        print(0)
        return
    left = {abs(l) for c in top for l in c}
    n = 2 ** len([v for v in IND if v not in assigned and v not in left])
    for sub in components(top):
        n *= count(frozenset(sub))
    print(n)


main()
