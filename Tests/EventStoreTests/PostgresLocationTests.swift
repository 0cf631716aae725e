import Foundation
import Logging
import PostgresEventStore
import PostgresNIO
import Testing

@Suite("PostgreSQL locations")
struct PostgresLocationTests {
    @Test("a postgresql:// URL names the server, user, database, schema and TLS mode; the password never shows")
    func parsing() throws {
        let tcp = try PostgresLocation("postgresql://paddock:s3cret@db.example.org:6543/league?schema=f1&sslmode=require")
        #expect(tcp.endpoint == .tcp(host: "db.example.org", port: 6543))
        #expect(tcp.username == "paddock")
        #expect(tcp.password == "s3cret")
        #expect(tcp.database == "league")
        #expect(tcp.schema == "f1")
        #expect(tcp.tls == .require)
        #expect(tcp.redacted == "postgresql://paddock@db.example.org:6543/league?schema=f1&sslmode=require")
        #expect(!tcp.description.contains("s3cret"))

        let defaults = try PostgresLocation("postgres://me@127.0.0.1")
        #expect(defaults.endpoint == .tcp(host: "127.0.0.1", port: 5432))
        #expect(defaults.database == "me")
        #expect(defaults.schema == "public")
        #expect(defaults.tls == .prefer)
        #expect(defaults.password == nil)

        // Unix sockets: no host (libpq's default directory), a host that is a directory, or ?host=.
        #expect(try PostgresLocation("postgresql://me@/db").endpoint == .unixSocket(path: "/var/run/postgresql/.s.PGSQL.5432"))
        #expect(try PostgresLocation("postgresql://me@%2Ftmp%2Fpg:5433/db").endpoint == .unixSocket(path: "/tmp/pg/.s.PGSQL.5433"))
        let socket = try PostgresLocation("postgresql://me@:5434/db?host=/tmp/pg")
        #expect(socket.endpoint == .unixSocket(path: "/tmp/pg/.s.PGSQL.5434"))
        #expect(socket.redacted == "postgresql://me@:5434/db?host=/tmp/pg")
        #expect(try PostgresLocation(socket.redacted) == socket)
        #expect(try PostgresLocation("postgresql://me@[::1]:5432/db").endpoint == .tcp(host: "::1", port: 5432))

        for (bad, reason) in [
            ("postgresql://127.0.0.1/db", "the user is missing"), ("mysql://me@h/db", "postgresql://"),
            ("postgresql://me@h/db?schema=Bad", "schema"), ("postgresql://me@h/db?schema=1st", "schema"),
            ("postgresql://me@h/db?sslmode=maybe", "sslmode"), ("postgresql://me@h/db?pool=3", "unknown parameter 'pool'"),
            ("postgresql://me@h/db?host=relative", "socket directory"), ("postgresql://me:pw@h/a/b", "'a/b'")
        ] {
            #expect(throws: PostgresLocation.FormatError.self, "\(bad)") { try PostgresLocation(bad) }
            do {
                _ = try PostgresLocation(bad)
            } catch {
                #expect(error.description.contains(reason), "\(bad): \(error)")
                #expect(!error.description.contains(":pw@"), "\(bad): the password shows")
            }
        }
        #expect(try PostgresLocation("postgresql://me@h/db").inSchema("t_1").schema == "t_1")
        #expect(throws: PostgresLocation.FormatError.self) { try PostgresLocation("postgresql://me@h/db").inSchema("t-1") }
    }

    @Test("the store opens through the server's Unix socket as well as TCP", arguments: Backend.postgresOnly)
    func unixSocket(_ backend: Backend) async throws {
        let url = try #require(Backend.postgresURL, "\(Backend.postgresVariable) is not set: under CI the PostgreSQL cases must run")
        let tcp = try PostgresLocation(url)
        let logger = Logger(label: "test")
        let connection = try await tcp.connect(logger: logger)
        var directory = "", port = ""
        for try await value in try await connection.query("SHOW unix_socket_directories", logger: logger).decode(String.self) {
            directory = String(value.split(separator: ",").first ?? "").trimmingCharacters(in: .whitespaces)
        }
        for try await value in try await connection.query("SHOW port", logger: logger).decode(String.self) { port = value }
        try await connection.close()
        try #require(directory.hasPrefix("/"), "the server listens on no Unix socket")
        var socket = try PostgresLocation("postgresql://\(tcp.username)@:\(port)/\(tcp.database)?host=\(directory)")
        socket = try socket.inSchema("t_socket_" + UUID().uuidString.lowercased().prefix(8))
        #expect(socket.endpoint == .unixSocket(path: "\(directory)/.s.PGSQL.\(port)"))
        let store = try await PostgresEventStore.open(socket)
        let appended = try await store.append(notes(3), to: "s", expecting: .noStream)
        #expect(try await store.read(stream: "s") == appended.events)
        #expect(try await store.verify().isIntact)
        await store.close()
        let cleanup = try await socket.connect(logger: logger)
        try await cleanup.query("DROP SCHEMA \(unescaped: socket.schema) CASCADE", logger: logger)
        try await cleanup.close()
    }
}
