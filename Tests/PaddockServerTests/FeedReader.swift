import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A live-feed client for load tests: a non-blocking socket that keeps no frames, only the event ids
/// it has seen (their count, the last one, and whether each followed the previous one), so that
/// hundreds of them can be read in one loop. `receiveBuffer` shrinks the socket's receive buffer,
/// for a client that will not read: the server's writes to it then stall after a few kilobytes.
final class FeedReader {
    private let fd: Int32
    private var carry: [UInt8] = []
    private var headers: [UInt8] = []
    private(set) var statusLine: String?
    private(set) var count = 0
    private(set) var lastId: Int64
    private(set) var outOfOrder: [(expected: Int64, found: Int64)] = []
    private(set) var sawClosedEvent = false
    private(set) var ended = false

    init(port: Int, path: String = "/events/stream", after: Int64, receiveBuffer: Int32? = nil) throws {
        lastId = after
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw SSEClient.Failure.connect }
        if var size = receiveBuffer {
            _ = setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &size, socklen_t(MemoryLayout<Int32>.size))
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw SSEClient.Failure.connect }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        let request = "GET \(path) HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n\r\n"
        _ = request.utf8CString.withUnsafeBufferPointer { send(fd, $0.baseAddress, $0.count - 1, 0) }
    }

    deinit { _ = close(fd) }

    /// Reads what has arrived; returns whether anything did. Sets ``ended`` at end of stream or on
    /// a connection reset.
    @discardableResult
    func pump() -> Bool {
        guard !ended else { return false }
        var buffer = [UInt8](repeating: 0, count: 65_536)
        let received = recv(fd, &buffer, buffer.count, 0)
        if received == 0 || (received < 0 && errno != EAGAIN && errno != EWOULDBLOCK) {
            ended = true
            return false
        }
        guard received > 0 else { return false }
        var bytes = buffer[..<received]
        if statusLine == nil {
            headers += bytes
            guard let end = find(Array("\r\n\r\n".utf8), in: headers) else { return true }
            statusLine = String(decoding: headers[..<end], as: UTF8.self).components(separatedBy: "\r\n").first
            bytes = headers[(end + 4)...]
            carry = [10]  // the first line starts a line
        }
        scan(carry + bytes)
        return true
    }

    /// Finds each `\nid: N\n` (every frame is one HTTP chunk, so a chunk header never splits a line)
    /// and `\nevent: closed\n`; keeps the unfinished tail for the next read.
    private func scan(_ data: [UInt8]) {
        let marker = Array("\nid: ".utf8)
        var index = 0
        var incompleteAt: Int?
        while let found = find(marker, in: data, from: index) {
            var cursor = found + marker.count
            var value: Int64 = 0
            while cursor < data.count, data[cursor] >= 48, data[cursor] <= 57 {
                value = value &* 10 &+ Int64(data[cursor] - 48)
                cursor += 1
            }
            guard cursor < data.count else {
                incompleteAt = found
                break
            }
            if value != lastId + 1 { outOfOrder.append((lastId + 1, value)) }
            lastId = value
            count += 1
            index = cursor
        }
        if !sawClosedEvent, find(Array("\nevent: closed\n".utf8), in: data) != nil { sawClosedEvent = true }
        // Enough of the tail to hold the start of a marker cut by this read, nothing already counted.
        carry = Array(data[(incompleteAt ?? max(index, data.count - 15))...])
    }

    /// The offset of `needle` in `haystack` from `start` (memchr for its first byte, then memcmp).
    private func find(_ needle: [UInt8], in haystack: [UInt8], from start: Int = 0) -> Int? {
        haystack.withUnsafeBytes { hay in
            guard let base = hay.baseAddress else { return nil }
            var offset = start
            while hay.count - offset >= needle.count {
                guard let hit = memchr(base + offset, Int32(needle[0]), hay.count - offset - needle.count + 1) else { return nil }
                let at = UnsafeRawPointer(hit) - base
                if needle.withUnsafeBytes({ memcmp(hit, $0.baseAddress!, needle.count) }) == 0 { return at }
                offset = at + 1
            }
            return nil
        }
    }
}
