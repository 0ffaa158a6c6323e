#!/usr/bin/env python3
"""Aggregates JFR stack samples: per thread group, top self frames, top 'first frame in a package' and categories.
usage: jfrtop.py FILE [--event jdk.ExecutionSample] [--thread REGEX] [--top N] [--cat name=regex ...]"""
import json, subprocess, sys, re, collections, argparse
ap = argparse.ArgumentParser()
ap.add_argument('file'); ap.add_argument('--event', default='jdk.ExecutionSample')
ap.add_argument('--thread', default=None); ap.add_argument('--top', type=int, default=15)
ap.add_argument('--cat', action='append', default=[]); ap.add_argument('--weight', default=None)
ap.add_argument('--depth', type=int, default=64)
ap.add_argument('--show', action='append', default=[], help='list the top frames (self, and the innermost category frame) inside a category')
ap.add_argument('--from', dest='frm', default=None, help='HH:MM:SS (UTC) of the first event counted')
ap.add_argument('--to', default=None)
ap.add_argument('--outermost', action='store_true', help='first category in the order given that matches any frame (default: the innermost matching frame decides)')
a = ap.parse_args()
out = subprocess.run(['jfr', 'print', '--json', '--stack-depth', str(a.depth), '--events', a.event, a.file], capture_output=True, text=True).stdout
events = json.loads(out)['recording']['events']
def tname(e):
    v = e['values']
    t = v.get('sampledThread') or v.get('eventThread') or {}
    return (t or {}).get('javaName') or (t or {}).get('osName') or '?'
def frames(e):
    st = e['values'].get('stackTrace') or {}
    return [f"{f['method']['type']['name']}.{f['method']['name']}" for f in (st.get('frames') or [])]
def weight(e):
    if a.weight:
        w = e['values'].get(a.weight)
        if isinstance(w, str):  # durations like PT0.01S
            m = re.match(r'PT(?:(\d+)M)?([\d.]+)S', w)
            return (int(m.group(1) or 0) * 60 + float(m.group(2))) if m else 0
        return w or 0
    return 1
groups = collections.Counter(); selfc = collections.Counter(); total = 0
cats = [(c.split('=', 1)[0], re.compile(c.split('=', 1)[1])) for c in a.cat]
catc = collections.Counter()
shown = collections.defaultdict(collections.Counter)
shownc = collections.defaultdict(collections.Counter)
for e in events:
    st = e['values'].get('startTime', '')
    hms = st[11:19] if len(st) >= 19 else ''
    if a.frm and hms < a.frm: continue
    if a.to and hms > a.to: continue
    tn = tname(e)
    if a.thread and not re.search(a.thread, tn):
        continue
    w = weight(e); total += w
    groups[re.sub(r'\d+', '#', re.sub(r'-[0-9a-f]{8}-[0-9a-f-]{27}', '', tn))] += w
    fr = frames(e)
    if fr: selfc[fr[0]] += w
    hit = 'other'
    if a.outermost:
        for name, rx in cats:
            if any(rx.search(f) for f in fr):
                hit = name; break
    else:
        for f in fr:
            m = next((name for name, rx in cats if rx.search(f)), None)
            if m:
                hit = m; break
    catc[hit] += w
    if hit in a.show and fr:
        shown[hit][fr[0]] += w
        catframe = next((f for f in fr if any(rx.search(f) for n, rx in cats if n == hit)), None)
        if catframe: shownc[hit][catframe] += w
print(f"total {a.event} weight: {total:.1f} ({len(events)} events in file)")
print("-- by thread (share)")
for k, v in groups.most_common(a.top): print(f"  {v/total*100:5.1f}%  {k}")
print("-- top self frames")
for k, v in selfc.most_common(a.top): print(f"  {v/total*100:5.1f}%  {k}")
if cats:
    print("-- categories (" + ("first category matching any frame" if a.outermost else "innermost frame that matches a category") + ")")
    for k, v in catc.most_common(): print(f"  {v/total*100:5.1f}%  {k}")
for c in a.show:
    tot = sum(shown[c].values()) or 1
    print(f"-- inside {c}: top self frames")
    for k, v in shown[c].most_common(a.top): print(f"  {v/tot*100:5.1f}%  {k}")
    print(f"-- inside {c}: the category's own innermost frame")
    for k, v in shownc[c].most_common(a.top): print(f"  {v/tot*100:5.1f}%  {k}")
