#!/usr/bin/env python3
"""Summarizes a unified GC log (-Xlog:gc*,safepoint): pauses (count, total, max, p99), safepoint totals, pauses over a threshold with their uptime."""
import re, sys
for path in sys.argv[1:]:
    pauses = []; safepoints = []; kinds = {}
    for line in open(path, errors='replace'):
        m = re.search(r'\[([\d.]+)s\].*\[gc\s*\] GC\(\d+\) (Pause .*?) \d+M->\d+M\(\d+M\) ([\d.]+)ms', line)
        if m:
            up, kind, ms = float(m.group(1)), m.group(2).strip(), float(m.group(3))
            pauses.append((up, ms, kind)); kinds[kind] = kinds.get(kind, 0) + 1
            continue
        m = re.search(r'\[([\d.]+)s\].*\[safepoint\s*\].*Total: (\d+) ns', line)
        if m:
            safepoints.append((float(m.group(1)), int(m.group(2)) / 1e6))
    ms = sorted(p[1] for p in pauses)
    def pct(xs, q): return xs[min(len(xs)-1, int(q*len(xs)))] if xs else 0
    span = (pauses[-1][0] - pauses[0][0]) if len(pauses) > 1 else 0
    print(f"{path.split('/')[-1]}: {len(pauses)} GC pauses over {span:.0f} s, total {sum(ms):.0f} ms, p50 {pct(ms,.5):.1f} ms, p99 {pct(ms,.99):.1f} ms, max {max(ms) if ms else 0:.1f} ms; kinds {kinds}")
    sp = sorted(s[1] for s in safepoints)
    print(f"   safepoints: {len(sp)}, total {sum(sp):.0f} ms, max {max(sp) if sp else 0:.1f} ms")
    big = [p for p in pauses if p[1] > 50]
    if big: print("   pauses > 50 ms at uptime (s): " + ", ".join(f"{u:.0f}s {m:.0f}ms" for u, m, k in big[:20]))
