import Foundation
import Paddock

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A minimal Server-Sent Events client over a plain socket: non-blocking reads, chunked decoding,
/// and every wait bounded by a deadline, so that a server bug fails a test instead of hanging it.
final class SSEClient {
    struct Frame: Equatable {
        var id: Int64?
        var event: String?
        var data: String
    }

    enum Failure: Error { case connect, timeout(String), closed }

    private let fd: Int32
    private var raw: [UInt8] = []
    private var headerEnd: Int?
    private var decoded: [UInt8] = []
    private var chunkCursor = 0
    private(set) var frames: [Frame] = []
    private(set) var comments: [String] = []
    private var consumed = 0

    init(port: Int, path: String, headers: [String: String] = [:]) throws {
        #if canImport(Glibc)
            fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        #else
            fd = socket(AF_INET, SOCK_STREAM, 0)
        #endif
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard fd >= 0, connected == 0 else { throw Failure.connect }
        _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
        var request = "GET \(path) HTTP/1.1\r\nHost: localhost\r\nAccept: text/event-stream\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        request += "\r\n"
        _ = request.utf8CString.withUnsafeBufferPointer { send(fd, $0.baseAddress, $0.count - 1, 0) }
    }

    deinit { close() }

    private var isOpen = true
    func close() {
        guard isOpen else { return }
        isOpen = false
        _ = shutdown(fd, Int32(SHUT_RDWR))
        #if canImport(Glibc)
            _ = Glibc.close(fd)
        #else
            _ = Darwin.close(fd)
        #endif
    }

    /// The status line, once the headers have arrived.
    var statusLine: String? {
        guard let headerEnd else { return nil }
        return String(decoding: raw[..<headerEnd], as: UTF8.self).components(separatedBy: "\r\n").first
    }

    /// Reads until `condition` holds for the frames so far, or fails after `timeout`.
    func wait(for what: String, timeout: Duration = .seconds(10), until condition: (SSEClient) -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        while !condition(self) {
            guard ContinuousClock.now < deadline else { throw Failure.timeout(what) }
            var buffer = [UInt8](repeating: 0, count: 65536)
            let count = recv(fd, &buffer, buffer.count, 0)
            if count > 0 {
                raw.append(contentsOf: buffer[..<count])
                parse()
            } else if count == 0 {
                throw Failure.closed
            } else {
                try await Task.sleep(for: .milliseconds(10))
            }
        }
    }

    /// Frames with an id (log events), in arrival order.
    var events: [Frame] { frames.filter { $0.id != nil } }

    private func parse() {
        if headerEnd == nil {
            guard let range = findSubsequence(Array("\r\n\r\n".utf8), in: raw, from: 0) else { return }
            headerEnd = range
            chunkCursor = range + 4
        }
        // Chunked transfer encoding: hex size CRLF, data, CRLF.
        while let lineEnd = findSubsequence([13, 10], in: raw, from: chunkCursor) {
            let sizeText = String(decoding: raw[chunkCursor..<lineEnd], as: UTF8.self)
            guard let size = Int(sizeText.split(separator: ";").first ?? "", radix: 16) else { break }
            let start = lineEnd + 2
            guard raw.count >= start + size + 2 else { break }
            decoded.append(contentsOf: raw[start..<start + size])
            chunkCursor = start + size + 2
        }
        while let end = findSubsequence([10, 10], in: decoded, from: consumed) {
            let block = String(decoding: decoded[consumed..<end], as: UTF8.self)
            consumed = end + 2
            var frame = Frame(id: nil, event: nil, data: "")
            var dataLines: [String] = []
            var isComment = true
            for line in block.split(separator: "\n", omittingEmptySubsequences: false) {
                if line.hasPrefix(":") { comments.append(String(line.dropFirst().trimmingCharacters(in: .whitespaces))); continue }
                isComment = false
                if line.hasPrefix("id: ") { frame.id = Int64(line.dropFirst(4)) }
                if line.hasPrefix("event: ") { frame.event = String(line.dropFirst(7)) }
                if line.hasPrefix("data: ") { dataLines.append(String(line.dropFirst(6))) }
            }
            frame.data = dataLines.joined(separator: "\n")
            if !isComment, frame.event != nil || !dataLines.isEmpty { frames.append(frame) }
        }
    }

    private func findSubsequence(_ needle: [UInt8], in haystack: [UInt8], from start: Int) -> Int? {
        guard haystack.count >= needle.count, start <= haystack.count - needle.count else { return nil }
        for index in start...(haystack.count - needle.count) where haystack[index] == needle[0] {
            if Array(haystack[index..<index + needle.count]) == needle { return index }
        }
        return nil
    }
}
