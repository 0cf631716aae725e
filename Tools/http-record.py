"""Records one result per request at 200 requests/s for 10 s and prints p50/p99 (used by Tools/http-bench)."""
import http.client, time, sys
from paddock_http import record_retirement
token = sys.argv[1]
port = int(sys.argv[2]) if len(sys.argv) > 2 else 8097
conn = http.client.HTTPConnection("127.0.0.1", port)
lat = []
start = time.perf_counter()
n = 2000
for i in range(n):
    target = start + i / 200.0
    now = time.perf_counter()
    if target > now: time.sleep(target - now)
    t0 = time.perf_counter()
    record_retirement(conn, token, "bench %d" % i)
    lat.append((time.perf_counter() - t0) * 1000)
lat.sort()
print("recorded %d at %.0f/s: p50 %.2f ms, p99 %.2f ms, max %.2f ms" % (n, n / (time.perf_counter() - start), lat[n//2], lat[int(n*0.99)], lat[-1]))
