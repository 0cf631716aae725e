import Credentials
import EventStore
import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Paddock
import PaddockTestSupport

@testable import PaddockServer

/// A fresh log in a temporary file, with the demo seasons and one token per role.
struct Fixture {
    static let demo = TestEnvironment.demoDirectory.path
    static let season = "/championships/euro-rx-super1600/seasons/2018"
    static let seasonStream = "season:euro-rx-super1600:2018"
    /// How many events the demo files hold: the head position right after loading them.
    static let demoEvents: Int = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: demo).filter { $0.hasSuffix(".ndjson") }) ?? []
        return files.reduce(0) { count, file in
            let text = (try? String(contentsOfFile: demo + "/" + file, encoding: .utf8)) ?? ""
            return count + text.split(separator: "\n").filter { !$0.allSatisfy(\.isWhitespace) }.count
        }
    }()
    static var demoHead: Int64 { Int64(demoEvents) }
    /// The version of `seasonStream` once the demo is loaded: its events in the demo files.
    static let seasonStreamVersion: Int = {
        let files = (try? FileManager.default.contentsOfDirectory(atPath: demo).filter { $0.hasSuffix(".ndjson") }) ?? []
        return files.reduce(0) { count, file in
            let text = (try? String(contentsOfFile: demo + "/" + file, encoding: .utf8)) ?? ""
            return count + text.split(separator: "\n").filter { $0.contains("\"stream\":\"\(seasonStream)\"") }.count
        }
    }()

    static let quiet: Logger = {
        var logger = Logger(label: "paddock.test"); logger.logLevel = .warning; return logger
    }()

    // Not a TemporaryStore: ARC may release a fixture after its last use while the application it
    // made still reads the log (LiveFeedLoadTests), and removing the files then empties the log.
    let store: SQLiteEventStore
    let credentials: SQLiteCredentialStore
    let tokens: [Role: String]

    init(demo: Bool = true, busyTimeout: Duration = SQLiteEventStore.defaultBusyTimeout) async throws {
        let directory = FileManager.default.temporaryDirectory.appendingPathComponent("paddock-server-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        store = try SQLiteEventStore(
            path: directory.appendingPathComponent("log.sqlite").path, pollInterval: .milliseconds(100),
            busyTimeout: busyTimeout)
        if demo { try await PaddockServer.loadDemoIfEmpty(store: store, directory: Self.demo, logger: Self.quiet) }
        credentials = try SQLiteCredentialStore(beside: store)
        var tokens: [Role: String] = [:]
        for role in Role.allCases {
            let token = CredentialToken.generate()
            try await credentials.saveCredential(name: "\(role.rawValue)-token", role: role.rawValue, hash: CredentialToken.hash(token))
            tokens[role] = token
        }
        self.tokens = tokens
    }

    func app(keepAlive: Duration = .seconds(15), rememberTokensFor: Duration = .seconds(5)) async throws -> some ApplicationProtocol {
        try await app(settings: .init(host: "127.0.0.1", port: 0, keepAliveInterval: keepAlive, rememberTokensFor: rememberTokensFor))
    }

    func app(settings: ServerSettings) async throws -> some ApplicationProtocol {
        var logger = Logger(label: "paddock.test")
        logger.logLevel = .warning
        return try await PaddockServer.makeApplication(store: store, credentials: credentials, settings: settings, logger: logger)
    }

    func auth(_ role: Role, _ extra: HTTPFields = [:]) -> HTTPFields {
        var headers = extra
        headers[.authorization] = "Bearer \(tokens[role]!)"
        return headers
    }
}

extension TestResponse {
    var text: String { String(buffer: body) }

    /// The body as a JSON object (empty when it is not one).
    var object: [String: Any] {
        (try? JSONSerialization.jsonObject(with: Data(text.utf8))) as? [String: Any] ?? [:]
    }

    var problemField: String? { object["field"] as? String }
    var contentType: String? { headers[.contentType] }
}

extension ByteBuffer {
    static func json(_ text: String) -> ByteBuffer { ByteBuffer(string: text) }
}

/// A retirement for the demo's euro-rx-super1600 2018 season, as a stream event.
func retirementEvent(id: UUID = UUID(), round: Int = 3, reason: String = "engine") -> String {
    """
    {"type":"RetirementRecorded","occurredAt":"2018-06-10","eventId":"\(id.uuidString.lowercased())",\
    "payload":{"championship":"euro-rx-super1600","season":2018,"round":\(round),"competitor":"jesse-kallio","reason":"\(reason)"}}
    """
}
