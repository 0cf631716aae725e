import Foundation
import PaddockTestSupport
import Testing

@testable import EventStore

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite("Crash safety")
struct CrashTests {
    static let driverName = "paddock-crashdriver"

    /// Where `paddock-crashdriver` may have been built: next to the running test executable first, then in
    /// the usual build folders of the package (found by walking up from this file to Package.swift).
    static func driverCandidates(filePath: String = #filePath) -> [URL] {
        let fileManager = FileManager.default
        var candidates: [URL] = []
        if let argument0 = CommandLine.arguments.first, !argument0.isEmpty {
            let executable = URL(fileURLWithPath: argument0).resolvingSymlinksInPath()
            var directory = executable.deletingLastPathComponent()
            candidates.append(directory.appendingPathComponent(driverName))
            for _ in 0..<3 {  // inside a bundle (e.g. X.xctest/Contents/MacOS on macOS)
                directory = directory.deletingLastPathComponent()
                candidates.append(directory.appendingPathComponent(driverName))
            }
        }
        if let executable = Bundle.main.executableURL {
            candidates.append(executable.deletingLastPathComponent().appendingPathComponent(driverName))
        }
        candidates.append(Bundle.main.bundleURL.deletingLastPathComponent().appendingPathComponent(driverName))

        var root = URL(fileURLWithPath: filePath).deletingLastPathComponent()
        while root.path != "/", !fileManager.fileExists(atPath: root.appendingPathComponent("Package.swift").path) {
            root = root.deletingLastPathComponent()
        }
        for scratch in [".build-store", ".build"] {
            let scratchURL = root.appendingPathComponent(scratch)
            candidates.append(scratchURL.appendingPathComponent("debug").appendingPathComponent(driverName))
            let triples = (try? fileManager.contentsOfDirectory(atPath: scratchURL.path)) ?? []
            for triple in triples.sorted() where triple.contains("-") {
                candidates.append(scratchURL.appendingPathComponent(triple).appendingPathComponent("debug").appendingPathComponent(driverName))
            }
            candidates.append(scratchURL.appendingPathComponent("release").appendingPathComponent(driverName))
        }
        return candidates
    }

    static func findDriver() throws -> URL {
        let candidates = driverCandidates()
        var isDirectory: ObjCBool = false
        for candidate in candidates
        where FileManager.default.fileExists(atPath: candidate.path, isDirectory: &isDirectory) && !isDirectory.boolValue
            && FileManager.default.isExecutableFile(atPath: candidate.path)
        {
            return candidate
        }
        throw DriverNotFound(searched: candidates.map(\.path))
    }

    struct DriverNotFound: Error, CustomStringConvertible {
        let searched: [String]
        var description: String {
            "\(CrashTests.driverName) was not found; build it with `swift build --product \(CrashTests.driverName)`. Looked in:\n"
                + searched.joined(separator: "\n")
        }
    }

    struct DriverFailure: Error, CustomStringConvertible {
        let description: String
    }

    struct Ack: Sendable, Equatable {
        let batch: Int
        let lastPosition: Int64
    }

    /// Runs the driver on `database` until it has acknowledged `minimumAcks` batches, waits 0-50 ms,
    /// SIGKILLs it, and returns every ack it printed before it died.
    static func runAndKill(driver: URL, database: String, minimumAcks: Int, timeout: Double) throws -> [Ack] {
        let process = Process()
        process.executableURL = driver
        process.arguments = [database]
        let output = Pipe()
        process.standardOutput = output
        process.standardInput = FileHandle.nullDevice
        let errorLog = URL(fileURLWithPath: database + ".stderr")
        _ = FileManager.default.createFile(atPath: errorLog.path, contents: nil)
        defer { try? FileManager.default.removeItem(at: errorLog) }
        let errorHandle = try FileHandle(forWritingTo: errorLog)
        process.standardError = errorHandle
        try process.run()
        try? errorHandle.close()
        let pid = process.processIdentifier
        func stderrText() -> String { (try? String(contentsOf: errorLog, encoding: .utf8)) ?? "" }

        let fd = output.fileHandleForReading.fileDescriptor
        var pending: [UInt8] = []
        var acks: [Ack] = []
        var chunk = [UInt8](repeating: 0, count: 65_536)
        var malformed: [String] = []
        func parseLines() {
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[..<newline], as: UTF8.self)
                pending.removeSubrange(...newline)
                let parts = line.split(separator: " ")
                if parts.count == 3, parts[0] == "ack", let batch = Int(parts[1]), let position = Int64(parts[2]) {
                    acks.append(Ack(batch: batch, lastPosition: position))
                } else {
                    malformed.append(line)
                }
            }
        }
        /// Reads what is available within `milliseconds`; false at end of file.
        func readSome(milliseconds: Int32) -> Bool {
            var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let ready = poll(&descriptor, 1, milliseconds)
            guard ready > 0 else { return ready == 0 || errno == EINTR }
            let count = read(fd, &chunk, chunk.count)
            guard count > 0 else { return false }
            pending.append(contentsOf: chunk[0..<count])
            parseLines()
            return true
        }

        let deadline = Date().addingTimeInterval(timeout)
        var open = true
        while acks.count < minimumAcks, open, Date() < deadline {
            open = readSome(milliseconds: 100)
        }
        guard acks.count >= minimumAcks else {
            kill(pid, SIGKILL)
            process.waitUntilExit()
            throw DriverFailure(
                description: open
                    ? "the driver acknowledged \(acks.count) batches in \(timeout) s; stderr: \(stderrText())"
                    : "the driver stopped by itself (status \(process.terminationStatus)) after \(acks.count) acks; stderr: \(stderrText())")
        }
        // The kill lands at a random point of the append loop (while the driver keeps writing).
        usleep(UInt32.random(in: 0...50_000))
        kill(pid, SIGKILL)
        process.waitUntilExit()
        // Every ack it printed before dying is in the pipe now.
        while readSome(milliseconds: 0) {
            var descriptor = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            if poll(&descriptor, 1, 0) <= 0 { break }
        }
        try? output.fileHandleForReading.close()

        guard process.terminationReason == .uncaughtSignal, process.terminationStatus == SIGKILL else {
            throw DriverFailure(
                description:
                    "the driver ended with \(process.terminationReason) \(process.terminationStatus), not SIGKILL; stderr: \(stderrText())")
        }
        guard malformed.isEmpty else { throw DriverFailure(description: "unexpected output lines: \(malformed)") }
        return acks
    }

    @Test("SIGKILL during appends: acknowledged batches are all there, no batch is partial, the chain verifies")
    func killedWhileAppending() async throws {
        let driver = try Self.findDriver()
        let db = try TempDatabase("crash")
        defer { db.remove() }

        var allAcks: [Ack] = []
        var batchesBefore = 0
        for cycle in 1...3 {
            let acks = try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<[Ack], any Error>) in
                DispatchQueue.global().async {
                    continuation.resume(
                        with: Result {
                            try Self.runAndKill(driver: driver, database: db.path, minimumAcks: 15, timeout: 15)
                        })
                }
            }
            // The driver continues the log where the previous run left it, one batch after another.
            #expect(acks.map(\.batch) == Array(batchesBefore..<(batchesBefore + acks.count)), "cycle \(cycle)")
            allAcks += acks

            let store = try db.open()
            let report = try await store.verify()
            #expect(report.isIntact, "cycle \(cycle): \(report)")

            let events = try await everything(store)
            #expect(report.eventsChecked == Int64(events.count))
            #expect(
                events.map(\.position) == Array(1...Int64(max(events.count, 1))).prefix(events.count).map { $0 },
                "cycle \(cycle): positions are not gapless")
            let groups = Dictionary(grouping: events, by: { $0.correlationId ?? "(none)" })
            for (correlation, group) in groups {
                #expect(group.count == 100, "cycle \(cycle): \(correlation) has \(group.count) events, not 100")
            }
            let batches = groups.keys.compactMap { $0.hasPrefix("batch-") ? Int($0.dropFirst(6)) : nil }.sorted()
            #expect(batches.count == groups.count, "events without a batch correlation id")
            #expect(batches == Array(0..<batches.count), "cycle \(cycle): batches are not consecutive from 0")
            for batch in batches {
                let group = groups["batch-\(batch)"]!
                #expect(Set(group.map(\.stream)) == ["crash:\(batch % 7)"])
                #expect(group.map(\.payload) == (0..<100).map { #"{"batch":\#(batch),"n":\#($0)}"# })
                #expect(zip(group, group.dropFirst()).allSatisfy { $1.position == $0.position + 1 && $1.streamVersion == $0.streamVersion + 1 })
            }
            for ack in allAcks {
                let group = groups["batch-\(ack.batch)"]
                #expect(group?.count == 100, "cycle \(cycle): acknowledged batch \(ack.batch) is not fully in the log")
                #expect(group?.last?.position == ack.lastPosition, "cycle \(cycle): batch \(ack.batch) ends elsewhere than acknowledged")
            }
            // At most the batch in flight at the kill is in the log without its ack.
            let lastAcked = allAcks.last!.batch
            #expect(
                batches.count == lastAcked + 1 || batches.count == lastAcked + 2,
                "cycle \(cycle): \(batches.count) batches in the log, last ack \(lastAcked)")
            let streams = try await store.streams()
            #expect(streams.map(\.version).reduce(0, +) == events.count)
            try store.close()
            batchesBefore = batches.count
        }
        #expect(allAcks.count >= 45)
    }
}
