import EventStore
import Foundation
import Hummingbird
import HummingbirdTesting
import PaddockTestSupport
import Synchronization
import Testing

@testable import PaddockServer

/// The live feed under load, over real sockets: many subscribers, some never reading, while
/// thousands of events are appended. Readers get every event in order; clients that read nothing
/// are disconnected; what the server buffers for them stays bounded. (`Tools/sse-load` runs the
/// full size: 2,000 subscribers, 500 never reading, 10,000 events, release build.)
@Suite(.serialized, .timeLimit(.minutes(5)), .tags(.slow)) struct LiveFeedLoadTests {
    static let readers = 80
    static let idle = 30
    static let batches = 40
    static let batchSize = 50

    func settings(maxSubscribers: Int = 400, ring: Int = 64, idleTimeout: Duration = .seconds(60)) -> ServerSettings {
        ServerSettings(
            host: "127.0.0.1", port: 0, keepAliveInterval: .seconds(60), maxSubscribers: maxSubscribers,
            stallTimeout: .seconds(1), feedRingEntries: ring, idleTimeout: idleTimeout)
    }

    /// The value of a metric in the Prometheus text (0 when absent).
    func metric(_ name: String, _ client: some TestClientProtocol) async throws -> Double {
        let text = try await client.execute(uri: "/metrics", method: .get).text
        let line = text.split(separator: "\n").first { $0.hasPrefix(name + " ") }
        return line.flatMap { Double($0.split(separator: " ").last ?? "") } ?? 0
    }

    /// A page of text per note: 2,000 of them (4 MB) are more than the socket buffers between the
    /// server and a client that does not read can hold, so that the server's writes to it stall.
    static let page = String(repeating: "A line of a long note. ", count: 90)

    func notes(_ batch: Int) -> String {
        "["
            + (0..<Self.batchSize).map { #"{"type":"Note","occurredAt":"2018","payload":{"text":"load \#(batch)-\#($0) \#(Self.page)"}}"# }
            .joined(separator: ",") + "]"
    }

    @Test func readersGetEveryEventInOrderAndClientsThatDoNotReadAreDisconnected() async throws {
        let fixture = try await Fixture()
        let head = Fixture.demoHead
        let total = Int64(Self.batches * Self.batchSize)
        try await fixture.app(settings: settings()).test(.live) { client in
            let port = try #require(client.port)
            let readers = try (0..<Self.readers).map { _ in try FeedReader(port: port, after: head) }
            let idle = try (0..<Self.idle).map { _ in try FeedReader(port: port, after: head, receiveBuffer: 2_048) }
            let deadline = ContinuousClock.now + .seconds(150)
            while readers.contains(where: { $0.statusLine == nil }) || idle.contains(where: { $0.statusLine == nil }) {
                for reader in readers + idle { reader.pump() }
                try #require(ContinuousClock.now < deadline, "the feeds did not answer")
                try await Task.sleep(for: .milliseconds(5))
            }
            #expect(readers.allSatisfy { $0.statusLine?.contains("200") == true })
            #expect(try await metric("paddock_sse_subscribers_current", client) == Double(Self.readers + Self.idle))
            let residentBefore = residentBytes()

            let appended = Mutex(0)
            let appending = Task {
                for batch in 0..<Self.batches {
                    defer { appended.withLock { $0 += 1 } }
                    let response = try await client.execute(
                        uri: "/streams/notes:load/events", method: .post,
                        headers: fixture.auth(.recorder), body: .json(notes(batch)))
                    #expect(response.status == .created)
                }
            }
            // Read on a thread of its own: a loop on the concurrency threads would take them from
            // the server, which shares this process.
            let reading = UncheckedBox(readers)
            let finished = await onThread {
                while reading.value.contains(where: { $0.lastId < head + total && !$0.ended }), ContinuousClock.now < deadline {
                    var progressed = false
                    for reader in reading.value where reader.pump() { progressed = true }
                    if !progressed { usleep(1_000) }
                }
                return ContinuousClock.now < deadline
            }
            try #require(
                finished,
                """
                readers between \(readers.map(\.lastId).min() ?? 0) and \(readers.map(\.lastId).max() ?? 0) of \(head + total); \
                \(appended.withLock { $0 }) of \(Self.batches) appends answered
                """)
            try await appending.value
            let residentAfter = residentBytes()

            for reader in readers {
                #expect(!reader.ended)
                #expect(reader.count == Int(total))
                #expect(reader.outOfOrder.isEmpty, "out of order: \(reader.outOfOrder.prefix(3))")
            }
            // The clients that read nothing: disconnected once their writes stalled for the timeout.
            let stallDeadline = ContinuousClock.now + .seconds(20)
            while try await metric("paddock_sse_stalled_total", client) < Double(Self.idle), ContinuousClock.now < stallDeadline {
                for reader in readers { reader.pump() }
                try await Task.sleep(for: .milliseconds(100))
            }
            let stalled = try await metric("paddock_sse_stalled_total", client)
            #expect(stalled == Double(Self.idle), "\(stalled) stalled; the idle clients had \(idle.map(\.count)) events")
            #expect(try await metric("paddock_sse_subscribers_current", client) == Double(Self.readers))
            for reader in idle {
                while !reader.ended, ContinuousClock.now < stallDeadline { if !reader.pump() { try await Task.sleep(for: .milliseconds(1)) } }
                #expect(reader.ended, "a client that read nothing is still connected")
                #expect(reader.count < Int(total), "it could not have received everything")
            }
            // What the server kept for them is bounded: the shared ring's bytes, and no queue per
            // subscriber. Unbounded, each idle client would have held every frame: about
            // idle × total × frame bytes (30 × 2,000 × ~2.4 kB ≈ 144 MB).
            #expect(try await metric("paddock_sse_ring_peak_bytes", client) <= Double(64 * 2_600))
            if let before = residentBefore, let after = residentAfter {
                #expect(after - before < 48 << 20, "resident memory grew by \((after - before) >> 20) MiB")
            }
        }
    }

    /// A write to a connection goes through its event loop: unless the feed waits for the loop to take
    /// each write, it queues frames far faster than the channel can say it is full, and a client that
    /// reads nothing holds, in the server's memory, everything appended while it stays connected.
    @Test func aClientThatReadsNothingIsHandedWhatTheSocketHoldsNotTheWholeLog() async throws {
        let fixture = try await Fixture()
        try await fixture.app(settings: settings()).test(.live) { client in
            let port = try #require(client.port)
            let idle = try FeedReader(port: port, after: Fixture.demoHead, receiveBuffer: 2_048)
            let deadline = ContinuousClock.now + .seconds(60)
            while idle.statusLine == nil {
                try #require(ContinuousClock.now < deadline, "the feed did not answer")
                idle.pump()
                try await Task.sleep(for: .milliseconds(5))
            }
            // 16 MB of notes (20 kB each, the most a note's text may hold): four times what the
            // kernel's socket buffers can take for one connection on Linux (net.ipv4.tcp_wmem's 4 MB).
            let text = String(repeating: "A line of a long note. ", count: 869)
            for batch in 0..<16 {
                let notes = (0..<50).map { NewEvent(type: "Note", occurredAt: "2018", payload: #"{"text":"\#(batch)-\#($0) \#(text)"}"#) }
                try await fixture.store.append(notes, to: "notes:flood", expecting: .any)
            }
            while try await metric("paddock_sse_stalled_total", client) < 1 {
                try #require(ContinuousClock.now < deadline, "the client that read nothing was not disconnected")
                try await Task.sleep(for: .milliseconds(100))
            }
            let handed = try await metric("paddock_sse_stalled_peak_bytes", client)
            // What the kernel takes for such a client, then the channel's high-water mark (64 kB) and
            // one write (256 kB at most), with room for frames' ends.
            let kernel = try loopbackBytesUntilFull(receiveBuffer: 2_048)
            #expect(handed > 0)
            #expect(
                Int(handed) <= kernel + 64 << 10 + 256 << 10 + 128 << 10,
                "a client that read nothing was handed \(Int(handed)) bytes of the 16 MB appended; its socket holds \(kernel)")
        }
    }

    @Test func feedsBeyondTheLimitAre503WithRetryAfterUntilAPlaceIsFree() async throws {
        let fixture = try await Fixture()
        try await fixture.app(settings: settings(maxSubscribers: 2)).test(.live) { client in
            let port = try #require(client.port)
            let first = try SSEClient(port: port, path: "/events/stream")
            let second = try SSEClient(port: port, path: "/events/stream")
            try await first.wait(for: "the first feed") { $0.statusLine != nil }
            try await second.wait(for: "the second feed") { $0.statusLine != nil }
            let refused = try await client.execute(uri: "/events/stream", method: .get)
            #expect(refused.status == .serviceUnavailable)
            #expect(refused.headers[.retryAfter] == "5")
            #expect(refused.contentType == "application/problem+json")
            #expect((refused.object["detail"] as? String)?.contains("2 subscribers") == true)
            #expect(try await metric("paddock_sse_refused_total", client) == 1)

            first.close()
            let deadline = ContinuousClock.now + .seconds(10)
            while try await metric("paddock_sse_subscribers_current", client) > 1 {
                try #require(ContinuousClock.now < deadline, "the closed feed kept its place")
                try await Task.sleep(for: .milliseconds(20))
            }
            let third = try SSEClient(port: port, path: "/events/stream")
            try await third.wait(for: "a feed in the freed place") { $0.statusLine != nil }
            #expect(third.statusLine?.contains("200") == true)
            second.close()
            third.close()
        }
    }

    @Test func aSubscriberFarBehindCatchesUpFromTheLogThenFollowsLive() async throws {
        let fixture = try await Fixture()
        // A ring of 8 frames: a feed from position 0 is far behind it and catches up in pages.
        try await fixture.app(settings: settings(ring: 8)).test(.live) { client in
            let port = try #require(client.port)
            _ = try await client.execute(
                uri: "/streams/notes:early/events", method: .post, headers: fixture.auth(.recorder),
                body: .json(notes(0)))
            let head = Fixture.demoHead + Int64(Self.batchSize)
            let reader = try FeedReader(port: port, path: "/events/stream?after=0", after: 0)
            let deadline = ContinuousClock.now + .seconds(30)
            while reader.lastId < head {
                try #require(ContinuousClock.now < deadline, "caught up to \(reader.lastId) of \(head)")
                if !reader.pump() { try await Task.sleep(for: .milliseconds(2)) }
            }
            for batch in 1...3 {
                _ = try await client.execute(
                    uri: "/streams/notes:late/events", method: .post, headers: fixture.auth(.recorder),
                    body: .json(notes(batch)))
            }
            while reader.lastId < head + 3 * Int64(Self.batchSize) {
                try #require(ContinuousClock.now < deadline, "followed to \(reader.lastId)")
                if !reader.pump() { try await Task.sleep(for: .milliseconds(2)) }
            }
            #expect(reader.count == Int(head) + 3 * Self.batchSize)
            #expect(reader.outOfOrder.isEmpty, "\(reader.outOfOrder.prefix(3))")
        }
    }

    @Test func aConnectionThatSendsNothingIsClosedAfterTheIdleTimeout() async throws {
        let fixture = try await Fixture()
        try await fixture.app(settings: settings(idleTimeout: .milliseconds(300))).test(.live) { client in
            let port = try #require(client.port)
            let silent = try SilentConnection(port: port)
            let deadline = ContinuousClock.now + .seconds(10)
            while !silent.isClosedByPeer() {
                try #require(ContinuousClock.now < deadline, "the idle connection stayed open")
                try await Task.sleep(for: .milliseconds(50))
            }
            // A live feed is never idle while it is being answered, whatever the client sends.
            let feed = try SSEClient(port: port, path: "/events/stream")
            try await feed.wait(for: "the feed") { $0.statusLine != nil }
            try await Task.sleep(for: .milliseconds(900))
            // (Through the store: the test client's own connection has been idle, and is closed too.)
            try await fixture.store.append(
                [NewEvent(type: "Note", occurredAt: "2018", payload: #"{"text":"still here"}"#)],
                to: "notes", expecting: .any)
            try await feed.wait(for: "an event after the idle timeout") { $0.events.count >= 1 }
            feed.close()
        }
    }
}

/// Runs `body` on a thread of its own and returns its result.
func onThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in Thread { continuation.resume(returning: body()) }.start() }
}

/// Hands non-Sendable test clients to the one thread that uses them meanwhile.
struct UncheckedBox<Value>: @unchecked Sendable {
    let value: Value
    init(_ value: Value) { self.value = value }
}

/// Resident memory of this process (VmRSS), in bytes; nil where /proc is absent.
func residentBytes() -> Int? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
        let kilobytes = Int(line.split(separator: " ").dropFirst().first ?? "")
    else { return nil }
    return kilobytes * 1_024
}

/// How many bytes a loopback TCP connection takes from its writer before a write would block, when
/// the reader (receive buffer `receiveBuffer`) reads nothing: the kernel's share of what a server
/// can hand to such a client, which depends on the machine's `net.ipv4.tcp_wmem` and `tcp_rmem`.
func loopbackBytesUntilFull(receiveBuffer: Int32) throws -> Int {
    let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(listener) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    let bound = withUnsafeMutablePointer(to: &address) { pointer in
        pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
            bind(listener, $0, length) == 0 && listen(listener, 1) == 0 && getsockname(listener, $0, &length) == 0
        }
    }
    guard listener >= 0, bound else { throw SSEClient.Failure.connect }
    let reader = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
    defer { close(reader) }
    var size = receiveBuffer
    _ = setsockopt(reader, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
    let connected = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(reader, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
    }
    let writer = accept(listener, nil, nil)
    defer { close(writer) }
    guard connected == 0, writer >= 0 else { throw SSEClient.Failure.connect }
    _ = fcntl(writer, F_SETFL, fcntl(writer, F_GETFL) | O_NONBLOCK)
    let chunk = [UInt8](repeating: 0x61, count: 16 << 10)
    var total = 0
    var quiet = 0
    // The send buffer grows while data is in flight: write until several tries in a row take nothing.
    while quiet < 5 {
        let written = chunk.withUnsafeBytes { send(writer, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
        if written > 0 {
            total += written
            quiet = 0
        } else {
            quiet += 1
            usleep(50_000)
        }
    }
    return total
}

/// A TCP connection that never sends a byte.
final class SilentConnection {
    private let fd: Int32

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard fd >= 0, connected == 0 else { throw SSEClient.Failure.connect }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
    }

    deinit { _ = close(fd) }

    func isClosedByPeer() -> Bool {
        var byte: UInt8 = 0
        let received = recv(fd, &byte, 1, 0)
        return received == 0 || (received < 0 && errno != EAGAIN && errno != EWOULDBLOCK)
    }
}
