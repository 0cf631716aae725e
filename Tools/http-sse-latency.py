"""Live-feed latency (used by Tools/http-bench and Tools/postgres-two-services): one client follows
/events/stream while another records a result every 50 ms (200 in all); prints p50/p99/max from
sending each append to receiving its event, and to receiving the standings notice that follows it.
  http-sse-latency.py TOKEN [PORT] [FOLLOW_PORT]   (FOLLOW_PORT: follow another service on the same log)"""
import http.client, json, socket, sys, threading, time
from paddock_http import record_retirement

token = sys.argv[1]
port = int(sys.argv[2]) if len(sys.argv) > 2 else 8097
follow_port = int(sys.argv[3]) if len(sys.argv) > 3 else port
count = 200
arrivals = {}  # (kind, position) -> perf_counter at arrival
ready = threading.Event()

def follow():
    sock = socket.create_connection(("127.0.0.1", follow_port))
    sock.sendall(b"GET /events/stream HTTP/1.1\r\nHost: bench\r\nAccept: text/event-stream\r\n\r\n")
    buffer, kind, data = b"", None, None
    while True:
        chunk = sock.recv(65536)
        if not chunk: return
        now = time.perf_counter()
        buffer += chunk
        while b"\n" in buffer:
            line, buffer = buffer.split(b"\n", 1)
            line = line.rstrip(b"\r").decode()
            if line.startswith("retry:"): ready.set()
            if line.startswith("event: "): kind = line[7:]
            elif line.startswith("data: "): data = line[6:]
            elif line == "" and kind and data:
                try: body = json.loads(data)
                except ValueError: body = None
                if isinstance(body, dict) and "position" in body:
                    arrivals[("standings" if kind == "standings" else "event", body["position"])] = now
                kind, data = None, None

threading.Thread(target=follow, daemon=True).start()
ready.wait(5)
time.sleep(0.2)
conn = http.client.HTTPConnection("127.0.0.1", port)
sent = {}
start = time.perf_counter()
for i in range(count):
    target = start + i * 0.05
    now = time.perf_counter()
    if target > now: time.sleep(target - now)
    t0 = time.perf_counter()
    reply = record_retirement(conn, token, "feed bench %d" % i)
    sent[reply["events"][0]["position"]] = t0
time.sleep(1)
for kind in ("event", "standings"):
    lat = sorted((arrivals[(kind, p)] - t) * 1000 for p, t in sent.items() if (kind, p) in arrivals)
    if len(lat) < len(sent): print("%s: %d of %d never arrived" % (kind, len(sent) - len(lat), len(sent))); sys.exit(1)
    print("live feed %-9s %d appends: p50 %.2f ms, p99 %.2f ms, max %.2f ms" % (kind, len(lat), lat[len(lat)//2], lat[int(len(lat)*0.99)], lat[-1]))
