import Chronology
import EventStore
import Foundation

/// The user's path: the `paddock` executable on an NDJSON file of `Note` lines (~250 bytes, runs
/// of `runLength` lines per stream over `streams` streams, no `eventId`), against the raw SQLite
/// baseline inserting the same rows in the same run. Each command's wall time and peak memory
/// (the child's maximum resident set, from wait4) are measured from outside, as a user sees them.
enum CLIBench {
    struct Figures {
        var lines = 0
        var fileBytes = 0
        var rawRates: [Double] = []
        var append: Run?
        var export: Run?
        var logJSON: Run?
        var importEvents: Run?
        var pageSize = 5_000
    }

    struct Run {
        var seconds: Double
        var peakMiB: Int
        var output: String
    }

    static let runLength = 1_000

    /// The executable built beside paddock-bench.
    static var executable: String? {
        let url = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("paddock")
        return FileManager.default.isExecutableFile(atPath: url.path) ? url.path : nil
    }

    // MARK: The input

    /// Writes the NDJSON file; returns the workload the raw baseline inserts (the canonical payloads).
    static func writeInput(lines: Int, streams: Int, path: String) throws -> (Workload, Int) {
        var rng = SplitMix64(seed: 250)
        let words = [
            "pit", "stop", "lap", "gravel", "joker", "heat", "final", "grid", "wet", "slick", "tyres", "marshal",
            "flag", "yellow", "safety", "car", "restart", "clutch", "launch", "podium", "gap", "sector"
        ]
        var out = [UInt8]()
        out.reserveCapacity(1 << 22)
        guard
            let file = FileHandle(forWritingAtPath: path)
                ?? {
                    FileManager.default.createFile(atPath: path, contents: nil)
                    return FileHandle(forWritingAtPath: path)
                }()
        else { throw RawError(description: "cannot write \(path)") }
        defer { try? file.close() }
        var ids: [UUID] = [], occurredAt: [String] = [], millis: [Int64] = [], payloads: [String] = []
        var streamVersions: [Int32] = [], batches: [BatchPlan] = [], streamOfBatch: [String] = []
        ids.reserveCapacity(lines)
        var versions = [Int32](repeating: 0, count: streams)
        var total = 0
        for i in 0..<lines {
            let streamIndex = (i / runLength) % streams
            let stream = "notes:bench-\(streamIndex)"
            if i % runLength == 0 {
                batches.append(BatchPlan(stream: stream, range: i..<min(lines, i + runLength)))
                streamOfBatch.append(stream)
            }
            versions[streamIndex] += 1
            streamVersions.append(versions[streamIndex])
            var text = "Note \(i):"
            while text.utf8.count < 120 { text += " " + words[Int(rng.next() % UInt64(words.count))] }
            let subject = "driver-\(rng.next() % 400)"
            let day = 1 + Int(rng.next() % 28), hour = Int(rng.next() % 24), minute = Int(rng.next() % 60)
            let when = String(format: "2018-06-%02dT%02d:%02d:00+02:00", day, hour, minute)
            let payload = #"{"subject":"\#(subject)","text":"\#(text)"}"#
            let line = #"{"stream":"\#(stream)","type":"Note","occurredAt":"\#(when)","payload":\#(payload)}"# + "\n"
            out.append(contentsOf: line.utf8)
            total += line.utf8.count
            if out.count >= 1 << 22 {
                file.write(Data(out))
                out.removeAll(keepingCapacity: true)
            }
            ids.append(UUID.timeOrdered())
            occurredAt.append(when)
            millis.append(try OccurredAt.utcMilliseconds(when))
            payloads.append(payload)
        }
        file.write(Data(out))
        let workload = Workload(
            notes: lines, ids: ids, occurredAt: occurredAt, occurredMillis: millis, payloads: payloads,
            batches: batches, streamVersions: streamVersions, streamOfBatch: streamOfBatch)
        return (workload, total)
    }

    // MARK: Running the executable

    /// Runs `paddock ARGUMENTS`, standard output to `stdoutPath` (or a temporary file whose text is
    /// returned); wall time and the child's peak resident set.
    static func run(_ executable: String, _ arguments: [String], stdoutPath: String? = nil) throws -> Run {
        let outPath = stdoutPath ?? NSTemporaryDirectory() + "paddock-bench-\(getpid()).out"
        var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        let argv: [UnsafeMutablePointer<CChar>?] = ([executable] + arguments).map { strdup($0) } + [nil]
        defer { for pointer in argv { free(pointer) } }
        var pid: pid_t = 0
        let clock = ContinuousClock()
        let start = clock.now
        let spawned = posix_spawn(&pid, executable, &actions, nil, argv, environ)
        guard spawned == 0 else { throw RawError(description: "cannot run \(executable): \(spawned)") }
        // The child's own peak, sampled from /proc while it runs: wait4's ru_maxrss would report this
        // process's peak instead (Linux carries the spawning process's high-water mark across exec
        // when posix_spawn shares its memory with the child).
        var status: Int32 = 0
        var peakKiB = 0
        while true {
            peakKiB = max(peakKiB, highWaterKiB(of: pid) ?? 0)
            let reaped = waitpid(pid, &status, WNOHANG)
            if reaped == pid { break }
            if reaped < 0, errno != EINTR { throw RawError(description: "waitpid: \(errno)") }
            usleep(20_000)
        }
        let seconds = (clock.now - start).seconds
        let output = stdoutPath == nil ? ((try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "") : ""
        if stdoutPath == nil { try? FileManager.default.removeItem(atPath: outPath) }
        guard status == 0 else {
            throw RawError(description: "paddock \(arguments.joined(separator: " ")) exited with status \(status): \(output)")
        }
        return Run(seconds: seconds, peakMiB: peakKiB / 1024, output: output.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    /// `VmHWM` of a running process, in KiB.
    static func highWaterKiB(of pid: pid_t) -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") })
        else { return nil }
        return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
    }

    // MARK: The case

    static func measure(lines: Int, streams: Int, rounds: Int, dir: String, pageSize: Int) async throws -> Figures {
        guard let paddock = executable else {
            throw RawError(description: "no paddock executable beside paddock-bench: Tools/bench --cli builds both")
        }
        var figures = Figures(lines: lines, pageSize: pageSize)
        let input = dir + "/notes.ndjson"
        log("cli: writing \(Format.grouped(lines)) lines to \(input)")
        let (workload, bytes) = try writeInput(lines: lines, streams: streams, path: input)
        figures.fileBytes = bytes
        let rows = RawRows(workload, randomIds: false, batchSize: pageSize)
        let database = dir + "/cli.sqlite", imported = dir + "/cli-imported.sqlite", rawPath = dir + "/cli-raw.sqlite"
        let exported = dir + "/cli-export.ndjson", listed = dir + "/cli-log.ndjson"
        for round in 1...rounds {
            removeDatabase(rawPath)
            let rawSeconds = try RawBench.insertBatches(rows, path: rawPath)
            removeDatabase(rawPath)
            figures.rawRates.append(Double(lines) / rawSeconds)
            log("cli round \(round): raw insert \(Format.rate(figures.rawRates.last!))")

            removeDatabase(database)
            let append = try run(paddock, ["append", input, "--db", database])
            log("cli round \(round): paddock append \(Format.rate(Double(lines) / append.seconds)), \(append.peakMiB) MiB: \(append.output)")
            if figures.append.map({ $0.seconds > append.seconds }) ?? true { figures.append = append }

            let export = try run(paddock, ["export", "--db", database], stdoutPath: exported)
            log("cli round \(round): paddock export \(Format.rate(Double(lines) / export.seconds)), \(export.peakMiB) MiB")
            if figures.export.map({ $0.seconds > export.seconds }) ?? true { figures.export = export }

            let logRun = try run(paddock, ["log", "--json", "--db", database], stdoutPath: listed)
            log("cli round \(round): paddock log --json \(Format.rate(Double(lines) / logRun.seconds)), \(logRun.peakMiB) MiB")
            if figures.logJSON.map({ $0.seconds > logRun.seconds }) ?? true { figures.logJSON = logRun }

            removeDatabase(imported)
            let importRun = try run(paddock, ["import", "events", exported, "--db", imported])
            log("cli round \(round): paddock import events \(Format.rate(Double(lines) / importRun.seconds)), \(importRun.peakMiB) MiB: \(importRun.output)")
            if figures.importEvents.map({ $0.seconds > importRun.seconds }) ?? true { figures.importEvents = importRun }
            removeDatabase(imported)
        }
        let exportedLines = try countLines(exported)
        guard exportedLines == lines else { throw RawError(description: "export wrote \(exportedLines) lines, expected \(lines)") }
        for path in [input, exported, listed] { try? FileManager.default.removeItem(atPath: path) }
        removeDatabase(database)
        return figures
    }

    static func countLines(_ path: String) throws -> Int {
        guard let handle = FileHandle(forReadingAtPath: path) else { return 0 }
        defer { try? handle.close() }
        var count = 0
        while let chunk = try handle.read(upToCount: 1 << 22), !chunk.isEmpty { count += chunk.reduce(0) { $0 + ($1 == 10 ? 1 : 0) } }
        return count
    }
}

extension Workload {
    /// The command-line case's notes, as the raw baseline inserts them.
    init(
        notes count: Int, ids: [UUID], occurredAt: [String], occurredMillis: [Int64], payloads: [String],
        batches: [BatchPlan], streamVersions: [Int32], streamOfBatch: [String]
    ) {
        self.count = count
        self.ids = ids
        types = [UInt8](repeating: UInt8(Workload.types.firstIndex(of: "Note")!), count: count)
        self.occurredAt = occurredAt
        self.occurredMillis = occurredMillis
        self.payloads = payloads
        self.batches = batches
        self.streamVersions = streamVersions
        self.streamOfBatch = streamOfBatch
    }
}
