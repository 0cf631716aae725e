"""Appends COUNT notes through the API in requests of BATCH (used by Tools/sse-load); prints the
requests' p50/p99/max and exits 1 on any status other than 201."""
import http.client, sys, time
from paddock_http import append_notes, percentile

token, port, count, batch = sys.argv[1], int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4])
conn = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
latencies, failures, start = [], 0, time.perf_counter()
for first in range(0, count, batch):
    texts = ["load %d" % n for n in range(first, min(count, first + batch))]
    t0 = time.perf_counter()
    status = append_notes(conn, token, "notes:load", texts)
    latencies.append((time.perf_counter() - t0) * 1000)
    if status != 201: failures += 1
latencies.sort()
print("appended %d notes in %d requests in %.1f s: p50 %.1f ms, p99 %.1f ms, max %.1f ms; %d not 201"
      % (count, len(latencies), time.perf_counter() - start, percentile(latencies, 0.5), percentile(latencies, 0.99),
         latencies[-1], failures))
sys.exit(1 if failures else 0)
