#!/usr/bin/env python3
"""Stream thread waits (jdk.ThreadPark + jdk.JavaMonitorWait) by what it waited in: commit phases, poll, registry; durations."""
import json, subprocess, sys, re, collections
f = sys.argv[1]; thread = sys.argv[2] if len(sys.argv) > 2 else 'StreamThread-1$'
ev = []
for e in ['jdk.ThreadPark', 'jdk.JavaMonitorWait']:
    ev += json.loads(subprocess.run(['jfr','print','--json','--stack-depth','30','--events',e,f],capture_output=True,text=True).stdout)['recording']['events']
def dur(s):
    m = re.match(r'PT(?:(\d+)M)?([\d.]+)S', s or ''); return (int(m.group(1) or 0)*60 + float(m.group(2))) * 1000 if m else 0
cats = [('commitTransaction (EndTxn)', 'KafkaProducer.commitTransaction'), ('sendOffsetsToTransaction', 'sendOffsetsToTransaction'),
        ('producer flush', 'KafkaProducer.flush'), ('beginTransaction / first send of a txn', 'beginTransaction|maybeAddPartition|AddPartitions'),
        ('consumer poll', 'KafkaConsumer.poll|ConsumerNetworkClient.poll|pollForFetches|AsyncKafkaConsumer'),
        ('schema registry call', 'HttpSchemaRegistryClient|jdk/internal/net/http|jdk.internal.net.http'), ('other', '.')]
by = collections.defaultdict(list); big = []
for e in ev:
    v = e['values']; t = (v.get('eventThread') or {}).get('javaName') or ''
    if not re.search(thread, t): continue
    fr = ' '.join(f"{x['method']['type']['name']}.{x['method']['name']}" for x in ((v.get('stackTrace') or {}).get('frames') or []))
    d = dur(v.get('duration'))
    c = next(n for n, rx in cats if re.search(rx, fr.replace('/', '.')) or re.search(rx, fr))
    by[c].append(d)
    if d > 150: big.append((v['startTime'][11:23], round(d), c))
def pct(xs, q): xs = sorted(xs); return xs[min(len(xs)-1, int(q*len(xs)))] if xs else 0
print(f"{'waited in':40} {'count':>6} {'total s':>8} {'p50 ms':>7} {'p99 ms':>7} {'max ms':>7}")
for c, ds in sorted(by.items(), key=lambda x: -sum(x[1])):
    print(f"{c:40} {len(ds):6d} {sum(ds)/1000:8.1f} {pct(ds,.5):7.0f} {pct(ds,.99):7.0f} {max(ds):7.0f}")
print("waits > 150 ms:", len(big)); [print("  ", b) for b in big[:40]]
