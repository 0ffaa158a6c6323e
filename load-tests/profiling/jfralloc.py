#!/usr/bin/env python3
"""Allocation (jdk.ObjectAllocationSample, by weight): top classes and top allocating frames (first frame outside java/jdk), optional time window."""
import json, subprocess, sys, collections, argparse, re
ap = argparse.ArgumentParser(); ap.add_argument('file'); ap.add_argument('--from', dest='frm'); ap.add_argument('--to'); ap.add_argument('--top', type=int, default=10)
a = ap.parse_args()
ev = json.loads(subprocess.run(['jfr','print','--json','--stack-depth','24','--events','jdk.ObjectAllocationSample',a.file],capture_output=True,text=True).stdout)['recording']['events']
cls = collections.Counter(); site = collections.Counter(); total = 0
for e in ev:
    v = e['values']; hms = v['startTime'][11:19]
    if a.frm and hms < a.frm: continue
    if a.to and hms > a.to: continue
    w = v.get('weight') or 0; total += w
    cls[(v.get('objectClass') or {}).get('name','?')] += w
    frs = [f"{f['method']['type']['name']}.{f['method']['name']}" for f in ((v.get('stackTrace') or {}).get('frames') or [])]
    s = next((f for f in frs if not re.match(r'(java|jdk|sun)/', f)), frs[0] if frs else '?')
    site[s] += w
print(f"allocated (sampled weight) {total/2**20:.0f} MiB")
print("-- classes"); [print(f"  {v/total*100:5.1f}%  {k}") for k, v in cls.most_common(a.top)]
print("-- first non-JDK frame"); [print(f"  {v/total*100:5.1f}%  {k}") for k, v in site.most_common(a.top)]
