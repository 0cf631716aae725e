"""Records one result per request at RATE requests/s until the file STOP exists (or for at most
LIMIT seconds), and prints p50/p99/max and the statuses (used by Tools/load-beside). Never stops
at an error: every answer is counted, a refused connection or a timeout too."""
import http.client, os, sys, time, json
from paddock_http import percentile

token, port, rate, stop = sys.argv[1], int(sys.argv[2]), float(sys.argv[3]), sys.argv[4]
limit = float(sys.argv[5]) if len(sys.argv) > 5 else 600
body = json.dumps({"type": "RetirementRecorded", "occurredAt": "2018-06-10T15:00:00+02:00",
                   "payload": {"championship": "euro-rx-super1600", "season": 2018, "round": 3, "session": "final",
                               "competitor": "jesse-kallio", "reason": "beside"}})
conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
latencies, statuses, start, n = [], {}, time.perf_counter(), 0
while not os.path.exists(stop) and time.perf_counter() - start < limit:
    target = start + n / rate
    now = time.perf_counter()
    if target > now: time.sleep(target - now)
    t0 = time.perf_counter()
    try:
        conn.request("POST", "/streams/season:euro-rx-super1600:2018/events", body,
                     {"Authorization": "Bearer " + token, "Content-Type": "application/json"})
        response = conn.getresponse()
        response.read()
        status = str(response.status)
    except Exception as error:  # counted, and a fresh connection for the next one
        status = type(error).__name__
        conn.close()
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    latencies.append((time.perf_counter() - t0) * 1000)
    statuses[status] = statuses.get(status, 0) + 1
    n += 1
latencies.sort()
print("recorded %d at %.0f/s over %.1f s: p50 %.2f ms, p99 %.2f ms, max %.2f ms; statuses %s"
      % (n, n / max(time.perf_counter() - start, 0.001), time.perf_counter() - start, percentile(latencies, 0.5),
         percentile(latencies, 0.99), latencies[-1] if latencies else float("nan"),
         ", ".join("%s: %d" % item for item in sorted(statuses.items()))))
