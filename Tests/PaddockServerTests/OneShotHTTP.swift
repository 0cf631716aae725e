import Foundation

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One HTTP/1.1 request on a connection of its own (`Connection: close`), read to the end on a
/// thread of its own (not a dispatch thread: blocked ones would starve the server in this process
/// of the threads it shares with them): for tests that need requests in flight at once (HummingbirdTesting's live
/// client sends its requests one after another on one connection).
enum OneShotHTTP {
    struct Answer: Sendable {
        var status: Int
        var head: String
    }

    static func request(port: Int, _ method: String, _ path: String, headers: [String: String] = [:], body: String = "") async -> Answer? {
        await withCheckedContinuation { continuation in
            Thread { continuation.resume(returning: blocking(port: port, method, path, headers: headers, body: body)) }.start()
        }
    }

    private static func blocking(port: Int, _ method: String, _ path: String, headers: [String: String], body: String) -> Answer? {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return nil }
        defer { _ = close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { return nil }
        var request = "\(method) \(path) HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\nContent-Length: \(body.utf8.count)\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        request += "\r\n" + body
        _ = request.utf8CString.withUnsafeBufferPointer { send(fd, $0.baseAddress, $0.count - 1, 0) }
        var received: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 16_384)
        while true {
            let count = recv(fd, &buffer, buffer.count, 0)
            guard count > 0 else { break }
            received += buffer[..<count]
        }
        let text = String(decoding: received, as: UTF8.self)
        let statusLine = text.prefix { $0 != "\r" }
        guard let status = Int(statusLine.split(separator: " ").dropFirst().first ?? "") else { return nil }
        return Answer(status: status, head: text)
    }
}
