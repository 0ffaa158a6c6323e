#!/usr/bin/env python3
"""Per-thread CPU of processes over an interval, from /proc/<pid>/task/*/stat, grouped by thread name with digits folded."""
import os, re, sys, time, json
def snap(pid):
    out = {}
    for tid in os.listdir(f"/proc/{pid}/task"):
        try:
            s = open(f"/proc/{pid}/task/{tid}/stat").read()
            name = s[s.index('(')+1:s.rindex(')')]
            f = s[s.rindex(')')+2:].split()
            out[tid] = (name, int(f[11]) + int(f[12]))
        except Exception:
            pass
    return out
pids = dict(a.split('=') for a in sys.argv[2:])
interval = float(sys.argv[1])
before = {n: snap(p) for n, p in pids.items()}
time.sleep(interval)
after = {n: snap(p) for n, p in pids.items()}
result = {}
for n in pids:
    groups = {}
    total = 0
    for tid, (name, t) in after[n].items():
        d = t - before[n].get(tid, (name, 0))[1]
        key = re.sub(r'\d+', '#', name)
        groups[key] = groups.get(key, 0) + d
        total += d
    result[n] = {"total_cores": round(total / 100 / interval, 3),
                 "threads": {k: round(v / 100 / interval, 3) for k, v in sorted(groups.items(), key=lambda x: -x[1]) if v > 0}}
print(json.dumps(result, indent=1))
