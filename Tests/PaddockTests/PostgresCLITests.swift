import Foundation
import Logging
import PaddockTestSupport
import PostgresEventStore
import PostgresNIO
import Testing

/// The command line on PostgreSQL (`--store postgresql://...`, `PADDOCK_STORE`) and `paddock copy`
/// between SQLite and PostgreSQL. Needs `PADDOCK_TEST_POSTGRES`; skipped without it, failed under CI.
@Suite("The command line on PostgreSQL")
struct PostgresCLITests {
    static let demo = TestEnvironment.demoDirectory.path

    /// A URL naming a fresh schema of the test server; the schema is dropped after `body`.
    func withSchema(_ body: (String) throws -> Void) async throws {
        let base = try #require(TestEnvironment.postgresURL, "\(TestEnvironment.postgresVariable) is not set: under CI the PostgreSQL cases must run")
        let schema = "cli_" + UUID().uuidString.lowercased().prefix(8)
        let url = base + (base.contains("?") ? "&" : "?") + "schema=\(schema)"
        defer {
            Task.detached {
                let logger = Logger(label: "test")
                guard let connection = try? await PostgresLocation(base).connect(logger: logger) else { return }
                _ = try? await connection.query("DROP SCHEMA IF EXISTS \(unescaped: schema) CASCADE", logger: logger)
                try? await connection.close()
            }
        }
        try body(url)
    }

    @Test(
        "paddock copy SQLite to PostgreSQL and back: the same envelopes, bytes and heads; every command takes --store",
        .enabled(if: TestEnvironment.postgresURL != nil || TestEnvironment.underCI, "PADDOCK_TEST_POSTGRES is not set: skipped"))
    func copyThereAndBack() async throws {
        try await withSchema { url in
            let source = try TemporaryStore()
            let back = try TemporaryStore()
            #expect(try runPaddock(["demo", "--db", source.path, "--dir", Self.demo]).0 == 0)
            let (sourceCode, sourceVerified, _) = try runPaddock(["verify", "--db", source.path])
            #expect(sourceCode == 0)
            let head = try #require(sourceVerified.split(separator: " ").last.map(String.init)?.trimmingCharacters(in: .whitespacesAndNewlines))

            let (code, copied, copyErrors) = try runPaddock(["copy", "--from", source.path, "--to", url])
            #expect(code == 0, "\(copyErrors)")
            #expect(copied.contains("both logs verify"))
            #expect(copied.contains(head))
            let (verifyCode, verified, _) = try runPaddock(["verify", "--store", url])
            #expect(verifyCode == 0)
            #expect(verified.contains(head))
            let sqliteExport = try runPaddock(["export", "--db", source.path]).1
            #expect(!sqliteExport.isEmpty)
            #expect(try runPaddock(["export", "--store", url]).1 == sqliteExport)  // ids, times, hashes: every byte
            #expect(try runPaddock(["export"], environment: ["PADDOCK_STORE": url]).1 == sqliteExport)

            // The same answers from the same log on either backend.
            for command in [
                ["standings", "euro-rx-super1600", "2018", "--json"], ["log", "--stream-prefix", "season:", "--json"],
                ["calendar", "euro-rx-super1600", "2018"]
            ] {
                let onSQLite = try runPaddock(command + ["--db", source.path])
                let onPostgres = try runPaddock(command + ["--store", url])
                #expect(onPostgres.0 == 0, "\(command)")
                #expect(onPostgres.1 == onSQLite.1, "\(command)")
            }

            // And back, into a new SQLite file.
            let (backCode, backOut, backErrors) = try runPaddock(["copy", "--from", url, "--to", back.path])
            #expect(backCode == 0, "\(backErrors)")
            #expect(backOut.contains(head))
            #expect(try runPaddock(["export", "--db", back.path]).1 == sqliteExport)

            // Copying again adds nothing; copying another log onto it is refused in one line.
            let (againCode, again, _) = try runPaddock(["copy", "--from", source.path, "--to", url])
            #expect(againCode == 0)
            #expect(again.contains("copied 0 event(s)"))
            let other = try TemporaryStore()
            _ = try runPaddock(["append", "--db", other.path], stdin: Sample.season)
            let (refusedCode, _, refused) = try runPaddock(["copy", "--from", other.path, "--to", url])
            #expect(refusedCode != 0)
            #expect(refused.contains("not the start of"))
            #expect(refused.split(separator: "\n").count == 1)

            // Tokens live beside the log on PostgreSQL too.
            let (tokenCode, token, _) = try runPaddock(["token", "create", "--store", url, "--name", "desk", "--role", "recorder"])
            #expect(tokenCode == 0)
            #expect(token.hasPrefix("pdk_"))
            #expect(try runPaddock(["token", "list", "--store", url]).1.contains("desk\trecorder"))
        }
    }

    @Test("a bad --store, or --store with --db, is one line on standard error naming what is wrong")
    func badStoreArguments() throws {
        let (code, _, errors) = try runPaddock(["verify", "--store", "postgresql://127.0.0.1/paddock"])
        #expect(code != 0)
        #expect(errors.contains("the user is missing"))
        #expect(errors.split(separator: "\n").count == 1)
        let (schemaCode, _, schemaErrors) = try runPaddock(["verify", "--store", "postgresql://u:secret@127.0.0.1/p?schema=Bad-Name"])
        #expect(schemaCode != 0)
        #expect(schemaErrors.contains("schema"))
        #expect(!schemaErrors.contains("secret"))
        let (bothCode, _, both) = try runPaddock(["verify", "--store", "postgresql://u@h/d", "--db", "x.sqlite"])
        #expect(bothCode != 0)
        #expect(both.contains("--store or --db"))
        let (downCode, _, down) = try runPaddock(["verify", "--store", "postgresql://u:secret@127.0.0.1:1/paddock"])
        #expect(downCode != 0)
        #expect(down.contains("cannot connect to postgresql://u@127.0.0.1:1/paddock"))
        #expect(!down.contains("secret"))
    }
}
