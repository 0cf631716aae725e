// paddock-bench: the event log against a raw SQLite baseline (same schema, same rows, same pragmas).
//
//   paddock-bench [--events N | --quick] [--single N] [--write-repeats N] [--read-repeats N] [--stream-runs N] [--data-dir DIR] [--keep]
//
// Prints a readable table, then one machine-readable JSON line starting with "SUMMARY ".

import EventStore
import Foundation

struct Options {
    var events = 1_000_000
    var single = 20_000
    var streams = 500
    var batchSize = 1_000
    var hotEvents = 2_000
    var hotBatchSize = 10
    var readRepeats = 3
    var writeRepeats = 2
    var streamRuns = 50
    var pageSize = 10_000
    var dataDir = FileManager.default.currentDirectoryPath + "/.build-bench/bench-data"
    var keep = false
    var projections = false
    var cli = false
    var typed = false
    var postgres: String?

    static let usage = """
        usage: paddock-bench [--events N | --quick] [--single N] [--write-repeats N] [--read-repeats N] [--stream-runs N] [--data-dir DIR] [--keep]
          --events N        events in the big log (default 1,000,000)
          --quick           100,000 events
          --single N        events appended one per transaction (default 20,000)
          --write-repeats N rounds of the append cases (raw and Paddock interleaved), best kept (default 2)
          --read-repeats N  full-scan repeats, best kept (default 3)
          --stream-runs N   read(stream:) runs for median/p99 (default 50)
          --data-dir DIR    where the databases go (default ./.build-bench/bench-data); files are deleted after each case
          --keep            keep the Paddock database of the big run
          --typed           only the read + decode into typed events case (--events N)
          --cli             only the command line's case: `paddock append FILE`, `export`, `log --json` and
                            `import events` on an NDJSON file of --events Note lines (~250 bytes, 500 streams),
                            against the raw baseline in the same run (Tools/bench --cli builds paddock too)
          --projections     only the projections case: build a log of whole seasons (--events N), rebuild, cut,
                            peak memory; then `paddock replay` on DIR/seasons.sqlite when `paddock` was built
                            beside paddock-bench (Tools/bench --projections builds it), for its rate and memory
          --postgres URL    only the PostgreSQL cases, on that server (Tools/postgres-cluster start prints a URL):
                            PostgresEventStore against raw postgres-nio inserts and reads of the same rows in the
                            same schema, and Paddock's SQLite store on the same workload for comparison
        """

    static func parse(_ arguments: [String]) -> Options {
        var options = Options()
        var i = 1
        func value() -> String {
            i += 1
            guard i < arguments.count else { fail("\(arguments[i - 1]) needs a value") }
            return arguments[i]
        }
        func number() -> Int {
            let text = value().replacingOccurrences(of: "_", with: "").replacingOccurrences(of: ",", with: "")
            guard let n = Int(text), n > 0 else { fail("\(arguments[i - 1]) needs a positive number") }
            return n
        }
        while i < arguments.count {
            switch arguments[i] {
            case "--events": options.events = number()
            case "--quick": options.events = 100_000
            case "--single": options.single = number()
            case "--read-repeats": options.readRepeats = number()
            case "--write-repeats": options.writeRepeats = number()
            case "--stream-runs": options.streamRuns = number()
            case "--data-dir": options.dataDir = value()
            case "--keep": options.keep = true
            case "--projections": options.projections = true
            case "--cli": options.cli = true
            case "--typed": options.typed = true
            case "--postgres": options.postgres = value()
            case "-h", "--help":
                print(usage)
                exit(0)
            default: fail("unknown argument \(arguments[i])")
            }
            i += 1
        }
        options.single = min(options.single, options.events)
        return options
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data("paddock-bench: \(message)\n\(usage)\n".utf8))
        exit(2)
    }
}

func log(_ text: String) {
    FileHandle.standardError.write(Data("[\(Format.fixed(Date().timeIntervalSince(startedAt), 1))s] \(text)\n".utf8))
}

func removeDatabase(_ path: String) {
    for suffix in ["", "-wal", "-shm", "-journal"] { try? FileManager.default.removeItem(atPath: path + suffix) }
}

let startedAt = Date()
let options = Options.parse(CommandLine.arguments)
try FileManager.default.createDirectory(atPath: options.dataDir, withIntermediateDirectories: true)
let dir = options.dataDir

if options.projections {
    let path = dir + "/seasons.sqlite"
    removeDatabase(path)
    log("projections: building a log of whole seasons, \(Format.grouped(options.events)) events")
    let built = try await ProjectionBench.buildLog(events: options.events, path: path)
    log("projections: measuring")
    let f = try await ProjectionBench.measure(path: path, cutRuns: 200)
    print(
        "paddock-bench --projections: \(Format.grouped(built.events)) events, \(built.seasons) seasons, mean payload \(Format.fixed(built.meanBytes, 0)) bytes")
    var rows = [
        ResultRow(
            name: "rebuild all projections (ev/s)", paddock: Format.rate(f.rebuild), raw: Format.rate(f.readDecode),
            ratio: Format.fixed(f.rebuild / f.readDecode, 2), target: ">= 200,000/s and >= 0.8 x read+decode",
            verdict: f.rebuild >= 200_000 && f.rebuild >= 0.8 * f.readDecode ? "PASS" : "MISS"),
        ResultRow(
            name: "one season's standings at a cut, median ms", paddock: Format.fixed(f.cutMedianMs, 2), raw: "", ratio: "",
            target: "< 10 ms", verdict: f.cutMedianMs < 10 ? "PASS" : "MISS"),
        ResultRow(
            name: "one season's standings at a cut, p99 ms", paddock: Format.fixed(f.cutP99Ms, 2), raw: "", ratio: "",
            target: "< 10 ms", verdict: f.cutP99Ms < 10 ? "PASS" : "MISS")
    ]
    if let peak = f.rebuildPeakMiB {
        rows.append(
            ResultRow(
                name: "peak memory of the rebuild (MiB, this process)", paddock: Format.grouped(peak), raw: "", ratio: "",
                target: "< 300 MB", verdict: peak * 1_048_576 < 300_000_000 ? "PASS" : "MISS"))
    }
    log("projections: paddock replay --db \(path)")
    if let replay = try ReplayCommand.run(database: path) {
        rows.append(
            ResultRow(
                name: "paddock replay (rebuild and persist), ev/s", paddock: Format.grouped(replay.eventsPerSecond) + "/s",
                raw: "", ratio: "", target: "", verdict: ""))
        rows.append(
            ResultRow(
                name: "peak memory of paddock replay (MiB)", paddock: Format.grouped(replay.peakMiB), raw: "", ratio: "",
                target: "< 300 MB", verdict: replay.peakMiB * 1_048_576 < 300_000_000 ? "PASS" : "MISS"))
    } else {
        print("  (no paddock executable beside paddock-bench: run `paddock replay --db \(path)` for its memory)")
    }
    print("  'raw' column = reading and decoding the same log without folding")
    print(Format.table(rows))
    print("  log kept at \(path)")
    exit(0)
}

if options.typed {
    let typedPath = dir + "/typed.sqlite"
    removeDatabase(typedPath)
    let typed = try await TypedDecodeBench.run(count: options.events, path: typedPath)
    removeDatabase(typedPath)
    print(
        "paddock-bench --typed: \(Format.grouped(options.events)) events, mean payload \(Format.fixed(typed.meanBytes, 0)) bytes; load average \(Machine.loadAverage)"
    )
    print(
        "  read into envelopes \(Format.rate(typed.envelopes)); read + decode (all cores) \(Format.rate(typed.typed)); "
            + "one core \(Format.rate(typed.typedOneCore)); JSONDecoder alone \(Format.rate(typed.jsonDecoderAlone))")
    exit(0)
}

if options.cli {
    let f = try await CLIBench.measure(
        lines: options.events, streams: options.streams, rounds: options.writeRepeats, dir: dir,
        pageSize: 5_000)
    let raw = f.rawRates.max() ?? 1
    let lines = Double(f.lines)
    func rate(_ run: CLIBench.Run?) -> Double { run.map { lines / $0.seconds } ?? 0 }
    func peak(_ run: CLIBench.Run?) -> String { run.map { Format.grouped($0.peakMiB) } ?? "" }
    print(
        "paddock-bench --cli: \(Format.grouped(f.lines)) Note lines, \(Format.grouped(f.fileBytes / 1_048_576)) MiB "
            + "(mean \(f.fileBytes / max(1, f.lines)) bytes a line), \(options.streams) streams in runs of \(CLIBench.runLength)")
    print("  machine: \(Machine.cores) cores, \(Machine.cpuModel); load average \(Machine.loadAverage)")
    print("  raw baseline: the same rows, time-ordered ids, \(Format.grouped(f.pageSize)) rows per transaction, same schema and triggers")
    let rows = [
        ResultRow(
            name: "paddock append FILE (ev/s)", paddock: Format.rate(rate(f.append)), raw: Format.rate(raw),
            ratio: Format.fixed(rate(f.append) / raw, 2), target: ">= 0.6 x raw", verdict: rate(f.append) >= 0.6 * raw ? "PASS" : "MISS"),
        ResultRow(
            name: "  peak memory of append (MiB)", paddock: peak(f.append), raw: "", ratio: "", target: "< 200 MB",
            verdict: (f.append?.peakMiB ?? .max) * 1_048_576 < 200_000_000 ? "PASS" : "MISS"),
        ResultRow(
            name: "paddock import events FILE (ev/s)", paddock: Format.rate(rate(f.importEvents)), raw: Format.rate(raw),
            ratio: Format.fixed(rate(f.importEvents) / raw, 2), target: ">= 0.6 x raw",
            verdict: rate(f.importEvents) >= 0.6 * raw ? "PASS" : "MISS"),
        ResultRow(
            name: "  peak memory of import (MiB)", paddock: peak(f.importEvents), raw: "", ratio: "", target: "< 200 MB",
            verdict: (f.importEvents?.peakMiB ?? .max) * 1_048_576 < 200_000_000 ? "PASS" : "MISS"),
        ResultRow(
            name: "paddock export > file (ev/s)", paddock: Format.rate(rate(f.export)), raw: "", ratio: "",
            target: ">= 500,000/s", verdict: rate(f.export) >= 500_000 ? "PASS" : "MISS"),
        ResultRow(
            name: "  peak memory of export (MiB)", paddock: peak(f.export), raw: "", ratio: "", target: "< 200 MB",
            verdict: (f.export?.peakMiB ?? .max) * 1_048_576 < 200_000_000 ? "PASS" : "MISS"),
        ResultRow(
            name: "paddock log --json > file (ev/s)", paddock: Format.rate(rate(f.logJSON)), raw: "", ratio: "",
            target: ">= 500,000/s", verdict: rate(f.logJSON) >= 500_000 ? "PASS" : "MISS"),
        ResultRow(
            name: "  peak memory of log --json (MiB)", paddock: peak(f.logJSON), raw: "", ratio: "", target: "< 200 MB",
            verdict: (f.logJSON?.peakMiB ?? .max) * 1_048_576 < 200_000_000 ? "PASS" : "MISS")
    ]
    print(Format.table(rows))
    print("  append: \(f.append?.output ?? ""); import: \(f.importEvents?.output ?? "")")
    print("  raw runs: \(f.rawRates.map { Format.rate($0) }.joined(separator: ", ")); best of \(options.writeRepeats) rounds kept on each side")
    let json = try JSONSerialization.data(
        withJSONObject: [
            "lines": f.lines, "raw_eps": Int(raw), "append_eps": Int(rate(f.append)), "import_eps": Int(rate(f.importEvents)),
            "export_eps": Int(rate(f.export)), "log_json_eps": Int(rate(f.logJSON)), "append_peak_mib": f.append?.peakMiB ?? 0,
            "import_peak_mib": f.importEvents?.peakMiB ?? 0, "export_peak_mib": f.export?.peakMiB ?? 0,
            "log_json_peak_mib": f.logJSON?.peakMiB ?? 0, "load_average": Machine.loadAverage
        ], options: [.sortedKeys])
    print("SUMMARY " + String(decoding: json, as: UTF8.self))
    exit(0)
}

if let url = options.postgres {
    print("paddock-bench --postgres")
    print("  machine: \(Machine.cores) cores (nproc), \(Machine.cpuModel), \(Format.fixed(Machine.memoryGiB, 1)) GiB RAM")
    print(
        "  workload: \(Format.grouped(options.events)) events, ~200-byte JSON payloads, \(options.streams) streams, "
            + "batches of \(Format.grouped(options.batchSize)); \(Format.grouped(options.single)) appended one per transaction")
    log("generating \(Format.grouped(options.events)) events")
    let workload = Workload(
        count: options.events, streams: options.streams, batchSize: options.batchSize,
        hotEvents: options.hotEvents, hotBatchSize: options.hotBatchSize)
    let (f, extra) = try await PostgresBench.run(url: url, options: options, workload: workload)
    func verdict(_ ok: Bool) -> String { ok ? "PASS" : "MISS" }
    let rows = [
        ResultRow(
            name: "append, batches of \(Format.grouped(options.batchSize)) (ev/s)", paddock: Format.rate(f.batchPaddock),
            raw: Format.rate(f.batchRaw), ratio: Format.fixed(f.batchPaddock / f.batchRaw, 2), target: ">= 0.70",
            verdict: verdict(f.batchPaddock / f.batchRaw >= 0.7)),
        ResultRow(
            name: "append, 1 event per transaction (ev/s)", paddock: Format.rate(f.singlePaddock),
            raw: Format.rate(f.singleRaw), ratio: Format.fixed(f.singlePaddock / f.singleRaw, 2), target: ">= 0.70",
            verdict: verdict(f.singlePaddock / f.singleRaw >= 0.7)),
        ResultRow(
            name: "full read: read(after:limit: \(Format.grouped(options.pageSize))) pages", paddock: Format.rate(f.readPaddock),
            raw: Format.rate(f.readRaw), ratio: Format.fixed(f.readPaddock / f.readRaw, 2), target: "", verdict: ""),
        ResultRow(
            name: "read + decode into typed events (ev/s)", paddock: Format.rate(f.typedPaddock), raw: "", ratio: "",
            target: ">= 200,000/s", verdict: verdict(f.typedPaddock >= 200_000)),
        ResultRow(
            name: "read(stream:) \(Format.grouped(f.streamCount)) of \(Format.grouped(options.events)), median ms",
            paddock: Format.fixed(f.streamMedian, 2), raw: Format.fixed(f.streamRawMedian, 2),
            ratio: Format.fixed(f.streamMedian / f.streamRawMedian, 2), target: "< 10 ms", verdict: verdict(f.streamMedian < 10)),
        ResultRow(
            name: "read(stream:) \(Format.grouped(f.streamCount)) of \(Format.grouped(options.events)), p99 ms",
            paddock: Format.fixed(f.streamP99, 2), raw: Format.fixed(f.streamRawP99, 2),
            ratio: Format.fixed(f.streamP99 / f.streamRawP99, 2), target: "< 10 ms", verdict: verdict(f.streamP99 < 10))
    ]
    print("")
    print(Format.table(rows, rawLabel: "raw PostgreSQL"))
    let comparison = [
        ResultRow(
            name: "append, batches (ev/s)", paddock: Format.rate(f.batchPaddock), raw: Format.rate(f.batchSQLite),
            ratio: Format.fixed(f.batchPaddock / f.batchSQLite, 2), target: "", verdict: ""),
        ResultRow(
            name: "append, 1 event per transaction (ev/s)", paddock: Format.rate(f.singlePaddock), raw: Format.rate(f.singleSQLite),
            ratio: Format.fixed(f.singlePaddock / f.singleSQLite, 2), target: "", verdict: ""),
        ResultRow(
            name: "full read, pages (ev/s)", paddock: Format.rate(f.readPaddock), raw: Format.rate(f.readSQLite),
            ratio: Format.fixed(f.readPaddock / f.readSQLite, 2), target: "", verdict: ""),
        ResultRow(
            name: "read + decode into typed events (ev/s)", paddock: Format.rate(f.typedPaddock), raw: Format.rate(f.typedSQLite),
            ratio: Format.fixed(f.typedPaddock / f.typedSQLite, 2), target: "", verdict: ""),
        ResultRow(
            name: "read(stream:), median ms", paddock: Format.fixed(f.streamMedian, 2), raw: Format.fixed(f.streamSQLiteMedian, 2),
            ratio: Format.fixed(f.streamMedian / f.streamSQLiteMedian, 2), target: "", verdict: "")
    ]
    print("")
    print("  Paddock on PostgreSQL against Paddock on SQLite (same workload, same run; ratio = PostgreSQL / SQLite):")
    print(Format.table(comparison, paddockLabel: "PostgreSQL", rawLabel: "SQLite"))
    var summary = extra
    summary["append_batch_paddock_eps"] = Int(f.batchPaddock)
    summary["append_batch_raw_eps"] = Int(f.batchRaw)
    summary["append_single_paddock_eps"] = Int(f.singlePaddock)
    summary["append_single_raw_eps"] = Int(f.singleRaw)
    summary["read_paged_paddock_eps"] = Int(f.readPaddock)
    summary["read_paged_raw_eps"] = Int(f.readRaw)
    summary["typed_decode_eps"] = Int(f.typedPaddock)
    summary["read_stream_paddock_median_ms"] = (f.streamMedian * 1000).rounded() / 1000
    summary["read_stream_paddock_p99_ms"] = (f.streamP99 * 1000).rounded() / 1000
    summary["sqlite_append_batch_eps"] = Int(f.batchSQLite)
    summary["sqlite_append_single_eps"] = Int(f.singleSQLite)
    summary["sqlite_read_paged_eps"] = Int(f.readSQLite)
    summary["sqlite_typed_decode_eps"] = Int(f.typedSQLite)
    summary["events"] = options.events
    summary["seconds_total"] = Int(Date().timeIntervalSince(startedAt).rounded())
    summary["peak_rss_mib"] = (Machine.status("VmHWM") ?? 0) / 1024
    let json = try JSONSerialization.data(withJSONObject: summary, options: [.sortedKeys])
    print("SUMMARY " + String(decoding: json, as: UTF8.self))
    exit(0)
}

print("paddock-bench")
print("  machine: \(Machine.cores) cores (nproc), \(Machine.cpuModel), \(Format.fixed(Machine.memoryGiB, 1)) GiB RAM")
print("  SQLite \(Machine.sqliteVersion) (sqlite3_libversion), data dir \(dir)")
print(
    "  workload: \(Format.grouped(options.events)) events, ~200-byte JSON payloads, \(options.streams) streams, "
        + "batches of \(Format.grouped(options.batchSize)); \(Format.grouped(options.hotEvents)) of them in "
        + "'\(Workload.hotStream)' (batches of \(options.hotBatchSize), spread across the run)")
print("")

log("generating \(Format.grouped(options.events)) events")
let workload = Workload(
    count: options.events, streams: options.streams, batchSize: options.batchSize,
    hotEvents: options.hotEvents, hotBatchSize: options.hotBatchSize)
let meanPayload = Double(workload.payloads.reduce(0) { $0 + $1.utf8.count }) / Double(workload.count)
print("  payload bytes: mean \(Format.fixed(meanPayload, 0)), e.g. \(workload.payloads[0])")
print("  appends: \(workload.batches.count) (\(workload.batches.filter { $0.stream == Workload.hotStream }.count) to the hot stream)")
print("")

var summary: [String: Any] = [
    "events": options.events, "single_events": options.single, "streams": options.streams,
    "batch_size": options.batchSize, "cores": Machine.cores, "sqlite_version": Machine.sqliteVersion,
    "payload_mean_bytes": Int(meanPayload.rounded())
]
var rows: [ResultRow] = []

// MARK: 1-3. Appends: raw baseline and Paddock, in interleaved rounds (best of each kept), so that both
// sides see the same machine conditions; then the raw baseline with random UUIDv4 ids, once.

let paddockPath = dir + "/paddock.sqlite"
var rawBatchRate = 0.0, rawSingleRate = 0.0, paddockBatchRate = 0.0, paddockSingleRate = 0.0
var rawBatchRuns: [Double] = [], paddockBatchRuns: [Double] = [], rawSingleRuns: [Double] = [], paddockSingleRuns: [Double] = []
do {
    log("raw: precomputing rows (UUIDv7 ids)")
    let rawRows = RawRows(workload, randomIds: false)
    log("paddock: precomputing NewEvents")
    let batches = workload.newEventBatches()
    var singles: [(NewEvent, String)] = []
    singles.reserveCapacity(options.single)
    outer: for (events, stream) in zip(batches, workload.streamOfBatch) {
        for event in events {
            if singles.count == options.single { break outer }
            singles.append((event, stream))
        }
    }
    for round in 1...options.writeRepeats {
        let rawPath = dir + "/raw-v7.sqlite"
        removeDatabase(rawPath)
        let rawSeconds = try RawBench.insertBatches(rawRows, path: rawPath)
        removeDatabase(rawPath)
        rawBatchRuns.append(Double(options.events) / rawSeconds)
        log("round \(round): raw batch insert \(Format.rate(rawBatchRuns.last!))")

        removeDatabase(paddockPath)
        let seconds = try await PaddockBench.appendBatches(batches, streams: workload.streamOfBatch, path: paddockPath)
        paddockBatchRuns.append(Double(options.events) / seconds)
        log("round \(round): paddock batch append \(Format.rate(paddockBatchRuns.last!))")

        let rawSinglePath = dir + "/raw-single.sqlite"
        removeDatabase(rawSinglePath)
        let rawSingleSeconds = try RawBench.insertOneByOne(rawRows, count: options.single, path: rawSinglePath)
        removeDatabase(rawSinglePath)
        rawSingleRuns.append(Double(options.single) / rawSingleSeconds)
        log("round \(round): raw one insert per transaction \(Format.rate(rawSingleRuns.last!))")

        let singlePath = dir + "/paddock-single.sqlite"
        removeDatabase(singlePath)
        let singleSeconds = try await PaddockBench.appendOneByOne(singles[...], path: singlePath)
        removeDatabase(singlePath)
        paddockSingleRuns.append(Double(options.single) / singleSeconds)
        log("round \(round): paddock one event per append \(Format.rate(paddockSingleRuns.last!))")
    }
    rawBatchRate = rawBatchRuns.max()!
    paddockBatchRate = paddockBatchRuns.max()!
    rawSingleRate = rawSingleRuns.max()!
    paddockSingleRate = paddockSingleRuns.max()!
}
var rawV4Rate = 0.0
do {
    log("raw: precomputing rows (UUIDv4 ids)")
    let rawRows = RawRows(workload, randomIds: true)
    let path = dir + "/raw-v4.sqlite"
    removeDatabase(path)
    let seconds = try RawBench.insertBatches(rawRows, path: path)
    rawV4Rate = Double(options.events) / seconds
    removeDatabase(path)
    log("raw batch insert, UUIDv4 ids: \(Format.rate(rawV4Rate))")
}

func verdict(_ ok: Bool) -> String { ok ? "PASS" : "MISS" }

let batchRatio = paddockBatchRate / rawBatchRate
rows.append(
    ResultRow(
        name: "append, batches of \(Format.grouped(options.batchSize)) (ev/s)", paddock: Format.rate(paddockBatchRate),
        raw: Format.rate(rawBatchRate), ratio: Format.fixed(batchRatio, 2), target: ">= 0.80 and >= 50,000/s",
        verdict: verdict(batchRatio >= 0.8 && paddockBatchRate >= 50_000)))
rows.append(
    ResultRow(
        name: "  raw baseline with UUIDv4 ids (context)", paddock: "", raw: Format.rate(rawV4Rate),
        ratio: Format.fixed(rawV4Rate / rawBatchRate, 2), target: "v4 / v7", verdict: ""))
let singleRatio = paddockSingleRate / rawSingleRate
rows.append(
    ResultRow(
        name: "append, 1 event per transaction (ev/s)", paddock: Format.rate(paddockSingleRate),
        raw: Format.rate(rawSingleRate), ratio: Format.fixed(singleRatio, 2), target: ">= 0.70",
        verdict: verdict(singleRatio >= 0.7)))
summary["append_batch_paddock_eps"] = Int(paddockBatchRate)
summary["append_batch_raw_eps"] = Int(rawBatchRate)
summary["append_batch_raw_uuidv4_eps"] = Int(rawV4Rate)
summary["append_batch_ratio"] = (batchRatio * 1000).rounded() / 1000
summary["append_single_paddock_eps"] = Int(paddockSingleRate)
summary["append_single_raw_eps"] = Int(rawSingleRate)
summary["append_single_ratio"] = (singleRatio * 1000).rounded() / 1000
summary["append_rounds"] = options.writeRepeats
summary["append_batch_paddock_runs_eps"] = paddockBatchRuns.map { Int($0) }
summary["append_batch_raw_runs_eps"] = rawBatchRuns.map { Int($0) }
summary["append_single_paddock_runs_eps"] = paddockSingleRuns.map { Int($0) }
summary["append_single_raw_runs_eps"] = rawSingleRuns.map { Int($0) }

// MARK: 4. Full reads; 5. one stream.

do {
    log("reads: warming the page cache")
    _ = try RawBench.scanPointers(path: paddockPath)
    func best(_ label: String, _ body: () async throws -> (Double, Int)) async throws -> Double {
        var bestRate = 0.0
        for _ in 0..<options.readRepeats {
            let (seconds, count) = try await body()
            precondition(count == options.events, "\(label) read \(count) rows, expected \(options.events)")
            bestRate = max(bestRate, Double(count) / seconds)
        }
        log("\(label): \(Format.rate(bestRate))")
        return bestRate
    }
    let clock = ContinuousClock()
    let rawScan = try await best("raw scan (pointers)") {
        let start = clock.now
        let (count, _) = try RawBench.scanPointers(path: paddockPath)
        return ((clock.now - start).seconds, count)
    }
    let rawStrings = try await best("raw scan (+ Swift strings)") {
        let start = clock.now
        let (count, _) = try RawBench.scanStrings(path: paddockPath)
        return ((clock.now - start).seconds, count)
    }
    let store = try SQLiteEventStore(path: paddockPath)
    let forEachRate = try await best("paddock forEach") { try PaddockBench.forEachAll(store) }
    let pagedRate = try await best("paddock paged read") {
        try await PaddockBench.pagedAll(store, pageSize: options.pageSize)
    }
    rows.append(
        ResultRow(
            name: "full read: forEach(after: 0) (ev/s)", paddock: Format.rate(forEachRate), raw: Format.rate(rawScan),
            ratio: Format.fixed(forEachRate / rawScan, 2), target: ">= 1,000,000/s", verdict: verdict(forEachRate >= 1_000_000)))
    rows.append(
        ResultRow(
            name: "full read: read(after:limit: \(Format.grouped(options.pageSize))) pages", paddock: Format.rate(pagedRate),
            raw: Format.rate(rawScan), ratio: Format.fixed(pagedRate / rawScan, 2), target: ">= 1,000,000/s",
            verdict: verdict(pagedRate >= 1_000_000)))
    rows.append(
        ResultRow(
            name: "  raw scan + a Swift String per text column", paddock: "", raw: Format.rate(rawStrings),
            ratio: Format.fixed(rawStrings / rawScan, 2), target: "context (vs pointers)", verdict: ""))
    summary["read_forEach_paddock_eps"] = Int(forEachRate)
    summary["read_paged_paddock_eps"] = Int(pagedRate)
    summary["read_raw_pointers_eps"] = Int(rawScan)
    summary["read_raw_strings_eps"] = Int(rawStrings)

    log("read(stream:) x \(options.streamRuns)")
    let (times, count) = try await PaddockBench.readStream(store, stream: Workload.hotStream, runs: options.streamRuns)
    let rawTimes = try RawBench.readStream(path: paddockPath, stream: Workload.hotStream, runs: options.streamRuns)
    let median = percentile(times, 50), p99 = percentile(times, 99)
    let rawMedian = percentile(rawTimes, 50), rawP99 = percentile(rawTimes, 99)
    rows.append(
        ResultRow(
            name: "read(stream:) \(Format.grouped(count)) of \(Format.grouped(options.events)), median ms",
            paddock: Format.fixed(median, 2), raw: Format.fixed(rawMedian, 2), ratio: Format.fixed(median / rawMedian, 2),
            target: "< 5 ms", verdict: verdict(median < 5)))
    rows.append(
        ResultRow(
            name: "read(stream:) \(Format.grouped(count)) of \(Format.grouped(options.events)), p99 ms",
            paddock: Format.fixed(p99, 2), raw: Format.fixed(rawP99, 2), ratio: Format.fixed(p99 / rawP99, 2),
            target: "< 5 ms", verdict: verdict(p99 < 5)))
    summary["read_stream_events"] = count
    summary["read_stream_paddock_median_ms"] = (median * 1000).rounded() / 1000
    summary["read_stream_paddock_p99_ms"] = (p99 * 1000).rounded() / 1000
    summary["read_stream_raw_median_ms"] = (rawMedian * 1000).rounded() / 1000
    summary["read_stream_raw_p99_ms"] = (rawP99 * 1000).rounded() / 1000
    if let size = try? FileManager.default.attributesOfItem(atPath: paddockPath)[.size] as? Int {
        summary["db_bytes"] = size
        print("  Paddock database: \(Format.grouped(size / 1_048_576)) MiB")
    }
    try store.close()
}
if !options.keep { removeDatabase(paddockPath) }

// MARK: 4b. Reading and decoding into typed domain events.

do {
    let typedPath = dir + "/typed.sqlite"
    removeDatabase(typedPath)
    log("typed: building a log of \(Format.grouped(options.events)) season events")
    let typed = try await TypedDecodeBench.run(count: options.events, path: typedPath)
    removeDatabase(typedPath)
    log("typed: envelopes \(Format.rate(typed.envelopes)), typed \(Format.rate(typed.typed)), one core \(Format.rate(typed.typedOneCore))")
    rows.append(
        ResultRow(
            name: "read + decode into typed events (ev/s)", paddock: Format.rate(typed.typed), raw: Format.rate(typed.envelopes),
            ratio: Format.fixed(typed.typed / typed.envelopes, 2), target: ">= 250,000/s", verdict: verdict(typed.typed >= 250_000)))
    rows.append(
        ResultRow(
            name: "  the same on one core (context)", paddock: Format.rate(typed.typedOneCore), raw: "",
            ratio: "", target: "", verdict: ""))
    rows.append(
        ResultRow(
            name: "  JSONDecoder alone, one core (context)", paddock: Format.rate(typed.jsonDecoderAlone), raw: "",
            ratio: "", target: "", verdict: ""))
    print("  typed events: mean payload \(Format.fixed(typed.meanBytes, 0)) bytes; 'raw' column = reading the same log into envelopes")
    summary["typed_decode_eps"] = Int(typed.typed)
    summary["typed_decode_one_core_eps"] = Int(typed.typedOneCore)
    summary["typed_envelopes_eps"] = Int(typed.envelopes)
    summary["json_decoder_alone_eps"] = Int(typed.jsonDecoderAlone)
}

// MARK: 6. Memory, the table, the summary.

let peakKiB = Machine.status("VmHWM") ?? 0
summary["peak_rss_mib"] = peakKiB / 1024
summary["seconds_total"] = Int(Date().timeIntervalSince(startedAt).rounded())
print("")
print(Format.table(rows))
print("")
print("  ratio = Paddock / raw (for times in ms: Paddock / raw, lower is better)")
print("  peak RSS (VmHWM): \(Format.grouped(peakKiB / 1024)) MiB (includes the precomputed workload)")
let json = try JSONSerialization.data(withJSONObject: summary, options: [.sortedKeys])
print("SUMMARY " + String(decoding: json, as: UTF8.self))
