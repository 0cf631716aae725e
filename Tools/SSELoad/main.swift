// paddock-sse-load PORT HEAD EVENTS [READERS] [IDLE] [TIMEOUT_SECONDS] [STALL_SECONDS]
//
// The live feed under load (Tools/sse-load runs it): opens READERS feeds that read and IDLE feeds
// that never do (a 2 KiB receive buffer, so the server's writes to them stall), all after HEAD,
// prints `ready` once every one has its answer, then reads until every reader has seen the events
// HEAD+1 ... HEAD+EVENTS in order (another process appends them). A reader whose feed the server
// ends reconnects with Last-Event-ID, as a browser's EventSource does. Then, after STALL_SECONDS,
// checks that the server has closed every idle feed. Prints the figures; exits 1 if a reader
// missed, repeated or reordered an event, or an idle feed is still open.

import Foundation

#if canImport(Glibc)
    import Glibc
#endif

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("paddock-sse-load: \(message)\n".utf8))
    exit(2)
}

let arguments = CommandLine.arguments
guard arguments.count >= 4, let port = UInt16(arguments[1]), let head = Int64(arguments[2]), let events = Int64(arguments[3]) else {
    fail("usage: paddock-sse-load PORT HEAD EVENTS [READERS] [IDLE] [TIMEOUT_SECONDS] [STALL_SECONDS]")
}
let readerCount = arguments.count > 4 ? Int(arguments[4]) ?? 1_500 : 1_500
let idleCount = arguments.count > 5 ? Int(arguments[5]) ?? 500 : 500
let timeout = arguments.count > 6 ? Double(arguments[6]) ?? 600 : 600
let stallSeconds = arguments.count > 7 ? Double(arguments[7]) ?? 35 : 35
let target = head + events

/// One feed: its socket and what it has seen (ids only; frames are not kept).
final class Feed {
    var fd: Int32 = -1
    let reads: Bool
    var answered = false
    var status = ""
    var lastId: Int64
    var received: Int64 = 0
    var reordered = 0
    var reconnects = 0
    var carry: [UInt8] = []
    var ended = false

    init(reads: Bool, after: Int64) {
        self.reads = reads
        lastId = after
    }

    func open(port: UInt16) {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { fail("socket: \(String(cString: strerror(errno))) (raise `ulimit -n`)") }
        if !reads {
            var size: Int32 = 2_048
            _ = setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(port.bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { fail("connect: \(String(cString: strerror(errno)))") }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        let request = "GET /events/stream HTTP/1.1\r\nHost: localhost\r\nLast-Event-ID: \(lastId)\r\n\r\n"
        _ = request.utf8CString.withUnsafeBufferPointer { send(fd, $0.baseAddress, $0.count - 1, 0) }
        answered = false
        carry = []
        ended = false
    }

    func reconnect(port: UInt16) {
        _ = close(fd)
        reconnects += 1
        open(port: port)
    }
}

let marker = Array("\nid: ".utf8)
let headerEnd = Array("\r\n\r\n".utf8)
var scratch = [UInt8](repeating: 0, count: 1 << 18)

/// The offset of `needle` in `bytes` from `start` (memchr for its first byte, then memcmp).
func find(_ needle: [UInt8], in bytes: UnsafeRawBufferPointer, from start: Int) -> Int? {
    guard let base = bytes.baseAddress else { return nil }
    var offset = start
    while bytes.count - offset >= needle.count {
        guard let hit = memchr(base + offset, Int32(needle[0]), bytes.count - offset - needle.count + 1) else { return nil }
        let at = UnsafeRawPointer(hit) - base
        if needle.withUnsafeBytes({ memcmp(hit, $0.baseAddress!, needle.count) }) == 0 { return at }
        offset = at + 1
    }
    return nil
}

/// Reads once: the bytes read (0: nothing there yet), or nil once the connection has ended.
@MainActor func pump(_ feed: Feed) -> Int? {
    let count = recv(feed.fd, &scratch, scratch.count, 0)
    if count == 0 || (count < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
        feed.ended = true
        return nil
    }
    guard count > 0 else { return 0 }
    var data = feed.carry
    data.append(contentsOf: scratch[..<count])
    data.withUnsafeBytes { bytes in
        var index = 0
        if !feed.answered {
            guard let end = find(headerEnd, in: bytes, from: 0) else {
                feed.carry = data
                return
            }
            feed.answered = true
            feed.status = String(decoding: bytes[..<min(end, 15)], as: UTF8.self)
            index = end + 2  // keep "\r\n" before the body: the first line starts after a newline
        }
        var incompleteAt: Int?
        while let found = find(marker, in: bytes, from: index) {
            var cursor = found + marker.count
            var value: Int64 = 0
            while cursor < bytes.count, bytes[cursor] >= 48, bytes[cursor] <= 57 {
                value = value &* 10 &+ Int64(bytes[cursor] - 48)
                cursor += 1
            }
            guard cursor < bytes.count else {
                incompleteAt = found
                break
            }
            if value != feed.lastId + 1 { feed.reordered += 1 }
            feed.lastId = value
            feed.received += 1
            index = cursor
        }
        feed.carry = Array(bytes[(incompleteAt ?? max(index, bytes.count - marker.count))...])
    }
    return count
}

let feeds = (0..<readerCount).map { _ in Feed(reads: true, after: head) } + (0..<idleCount).map { _ in Feed(reads: false, after: head) }
for feed in feeds { feed.open(port: port) }
let start = Date()
// Every feed's answer (idle ones included: the answer's head arrives before any event).
while feeds.contains(where: { !$0.answered }) {
    for feed in feeds where !feed.answered { _ = pump(feed) }
    if Date().timeIntervalSince(start) > 60 { fail("\(feeds.filter { !$0.answered }.count) feeds got no answer in 60 s") }
    usleep(2_000)
}
let refused = feeds.filter { !$0.status.contains("200") }
if !refused.isEmpty { fail("\(refused.count) feeds were refused: \(refused[0].status)") }
print("ready")
fflush(nil)

let readers = feeds.filter(\.reads)
var descriptors = readers.map { pollfd(fd: $0.fd, events: Int16(POLLIN), revents: 0) }
let followStart = Date()
var done = readers.filter { $0.lastId >= target }.count
while done < readers.count {
    if Date().timeIntervalSince(start) > timeout { break }
    let ready = poll(&descriptors, nfds_t(descriptors.count), 100)
    guard ready > 0 else { continue }
    for (index, reader) in readers.enumerated() where descriptors[index].revents != 0 {
        let before = reader.lastId
        for _ in 0..<4 {
            guard let count = pump(reader), count > 0 else { break }
        }
        if reader.ended {
            reader.reconnect(port: port)
            descriptors[index].fd = reader.fd
        }
        if before < target, reader.lastId >= target { done += 1 }
    }
}
let followSeconds = Date().timeIntervalSince(followStart)
let delivered = readers.reduce(0) { $0 + $1.received }
let complete = readers.filter { $0.lastId == target && $0.received == events }.count
let reordered = readers.reduce(0) { $0 + $1.reordered }
let reconnects = readers.reduce(0) { $0 + $1.reconnects }
print(
    String(
        format: "readers: %d of %d received all %lld events in order (%lld frames, %.0f/s, %.1f s); reordered %d, reconnects %d",
        complete, readers.count, events, delivered, Double(delivered) / max(followSeconds, 0.001), followSeconds, reordered, reconnects))

// The idle feeds: closed by the server once their writes stalled past its stall timeout.
let idle = feeds.filter { !$0.reads }
let idleDeadline = Date().addingTimeInterval(stallSeconds)
var closedIdle = 0
while Date() < idleDeadline {
    // A closed connection shows once what the server sent before closing it has been read.
    for feed in idle where !feed.ended {
        while let count = pump(feed), count > 0 {}
    }
    closedIdle = idle.filter(\.ended).count
    if closedIdle == idle.count { break }
    sleep(1)
}
let idleReceived = idle.reduce(0) { $0 + $1.received }
print("idle feeds: \(closedIdle) of \(idle.count) closed by the server (they had received \(idleReceived) frames in all)")
exit(complete == readers.count && reordered == 0 && closedIdle == idle.count ? 0 : 1)
