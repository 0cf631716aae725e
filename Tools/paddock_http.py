"""What the load scripts share (Tools/http-record.py, Tools/http-sse-latency.py): recording one result."""
import json

def record_retirement(conn, token, reason):
    """POSTs one RetirementRecorded to the demo's Euro RX Super1600 2018 season; returns the parsed reply."""
    body = json.dumps({"type": "RetirementRecorded", "occurredAt": "2018-06-10T15:00:00+02:00",
        "payload": {"championship": "euro-rx-super1600", "season": 2018, "round": 3, "session": "final",
                    "competitor": "jesse-kallio", "reason": reason}})
    conn.request("POST", "/streams/season:euro-rx-super1600:2018/events", body,
                 {"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    response = conn.getresponse()
    reply = response.read()
    if response.status not in (200, 201):
        raise SystemExit("status %d: %s" % (response.status, reply[:300]))
    return json.loads(reply)

def append_notes(conn, token, stream, texts):
    """POSTs one Note per text to `stream` in one request; returns the HTTP status."""
    body = json.dumps([{"type": "Note", "occurredAt": "2018", "payload": {"text": text}} for text in texts])
    conn.request("POST", "/streams/%s/events" % stream, body,
                 {"Authorization": "Bearer " + token, "Content-Type": "application/json"})
    response = conn.getresponse()
    response.read()
    return response.status

def percentile(sorted_values, fraction):
    """The value below which `fraction` of the sorted values lie (nearest rank)."""
    if not sorted_values: return float("nan")
    return sorted_values[min(len(sorted_values) - 1, int(len(sorted_values) * fraction))]
