import EventStore
import Foundation
import Logging
import Paddock
import PostgresEventStore
import PostgresNIO

/// The PostgreSQL cases: Paddock's `PostgresEventStore` against a raw baseline that inserts and
/// reads the same rows in the same schema straight through postgres-nio, on the same server, in the
/// same run; and Paddock's SQLite store on the same workload, for the comparison.
enum PostgresBench {
    struct Figures {
        var batchPaddock = 0.0, batchRaw = 0.0, batchSQLite = 0.0
        var singlePaddock = 0.0, singleRaw = 0.0, singleSQLite = 0.0
        var readPaddock = 0.0, readRaw = 0.0, readSQLite = 0.0
        var typedPaddock = 0.0, typedSQLite = 0.0
        var streamMedian = 0.0, streamP99 = 0.0, streamRawMedian = 0.0, streamRawP99 = 0.0, streamSQLiteMedian = 0.0
        var streamCount = 0
    }

    static let logger = Logger(label: "paddock.bench")

    /// The raw baseline's rows for one append: one Swift array per column, built before any clock starts.
    struct RawBatch: Sendable {
        var positions: [Int64] = [], ids: [UUID] = [], streams: [String] = [], versions: [Int64] = []
        var types: [String] = [], occurredAt: [String] = [], occurredMillis: [Int64] = [], recordedAt: [String] = []
        var payloads: [String] = [], hashes: [String] = []
    }

    static func rawBatches(_ workload: Workload) -> [RawBatch] {
        var rng = SplitMix64(seed: 64)
        let hex = Array("0123456789abcdef".utf8)
        var micros = Int64(Date().timeIntervalSince1970 * 1_000_000)
        return workload.batches.map { plan in
            micros += 1000
            let recordedAt = Timestamp.format(micros: micros)
            var batch = RawBatch()
            for i in plan.range {
                batch.positions.append(Int64(i + 1))
                batch.ids.append(workload.ids[i])
                batch.streams.append(plan.stream)
                batch.versions.append(Int64(workload.streamVersions[i]))
                batch.types.append(Workload.types[Int(workload.types[i])])
                batch.occurredAt.append(workload.occurredAt[i])
                batch.occurredMillis.append(workload.occurredMillis[i])
                batch.recordedAt.append(recordedAt)
                batch.payloads.append(workload.payloads[i])
                batch.hashes.append(String(decoding: (0..<64).map { _ in hex[Int(rng.next() & 0xF)] }, as: UTF8.self))
            }
            return batch
        }
    }

    // MARK: - The raw baseline, through postgres-nio

    static let rawInsert = """
        INSERT INTO events (position, event_id, stream, stream_version, type, schema_version, occurred_at,
                            occurred_utc_ms, recorded_at, actor, correlation_id, causation_id, payload, hash)
        SELECT r.position, r.event_id, r.stream, r.stream_version, r.type, 1, r.occurred_at, r.occurred_utc_ms,
               r.recorded_at, NULL, NULL, NULL, r.payload::json, r.hash
        FROM unnest($1::bigint[], $2::uuid[], $3::text[], $4::bigint[], $5::text[], $6::text[], $7::bigint[],
                    $8::text[], $9::text[], $10::text[])
             AS r(position, event_id, stream, stream_version, type, occurred_at, occurred_utc_ms, recorded_at, payload, hash)
        """

    /// Each batch in a transaction of its own: BEGIN, one INSERT of its rows, the head moved, COMMIT.
    static func rawInsert(_ batches: ArraySlice<RawBatch>, on connection: PostgresConnection) async throws -> Double {
        let clock = ContinuousClock()
        let start = clock.now
        for batch in batches {
            try await connection.query("BEGIN", logger: logger)
            var binds = PostgresBindings(capacity: 10)
            binds.append(batch.positions)
            binds.append(batch.ids)
            binds.append(batch.streams)
            binds.append(batch.versions)
            binds.append(batch.types)
            binds.append(batch.occurredAt)
            binds.append(batch.occurredMillis)
            binds.append(batch.recordedAt)
            binds.append(batch.payloads)
            binds.append(batch.hashes)
            try await connection.query(PostgresQuery(unsafeSQL: rawInsert, binds: binds), logger: logger)
            let last = batch.positions.count - 1
            try await connection.query(
                """
                UPDATE chain_head SET position = \(batch.positions[last]), hash = \(batch.hashes[last]),
                    recorded_at = \(batch.recordedAt[last]) WHERE id = 1
                """, logger: logger)
            try await connection.query("COMMIT", logger: logger)
        }
        return (clock.now - start).seconds
    }

    /// The first `count` rows, one per transaction.
    static func singles(_ batches: [RawBatch], count: Int) -> [RawBatch] {
        var out: [RawBatch] = []
        for batch in batches {
            for i in batch.positions.indices {
                if out.count == count { return out }
                out.append(
                    RawBatch(
                        positions: [Int64(out.count + 1)], ids: [batch.ids[i]], streams: [batch.streams[i]],
                        versions: [batch.versions[i]], types: [batch.types[i]], occurredAt: [batch.occurredAt[i]],
                        occurredMillis: [batch.occurredMillis[i]], recordedAt: [batch.recordedAt[i]], payloads: [batch.payloads[i]],
                        hashes: [batch.hashes[i]]))
            }
        }
        return out
    }

    /// Reads every row in pages of `pageSize` by position, decoding each column into Swift values.
    static func rawRead(on connection: PostgresConnection, pageSize: Int) async throws -> (Double, Int) {
        let clock = ContinuousClock()
        let start = clock.now
        var last: Int64 = 0, rows = 0, checksum = 0
        while true {
            let page = try await connection.query(
                """
                SELECT position, event_id, stream, stream_version, type, schema_version, occurred_at, recorded_at,
                       actor, correlation_id, causation_id, payload::text, hash
                FROM events WHERE position > \(last) ORDER BY position LIMIT \(Int64(pageSize))
                """, logger: logger)
            var count = 0
            for try await row in page {
                let (position, _, _, _, _, _, _, _, _, _, _, payload, _) = try row.decode(
                    (Int64, UUID, String, Int64, String, Int64, String, String, String?, String?, String?, String, String).self)
                last = position
                checksum &+= payload.utf8.count
                count += 1
            }
            rows += count
            if count < pageSize { break }
        }
        precondition(rows == 0 || checksum > 0)
        return ((clock.now - start).seconds, rows)
    }

    static func rawStream(on connection: PostgresConnection, stream: String, runs: Int) async throws -> [Double] {
        let clock = ContinuousClock()
        var times: [Double] = []
        for run in 0..<(runs + 3) {
            let start = clock.now
            var checksum = 0
            for try await row in try await connection.query(
                """
                SELECT position, event_id, stream, stream_version, type, schema_version, occurred_at, recorded_at,
                       actor, correlation_id, causation_id, payload::text, hash
                FROM events WHERE stream = \(stream) AND stream_version >= \(Int64(1)) ORDER BY stream_version
                """, logger: logger)
            {
                let (position, _, _, _, _, _, _, _, _, _, _, payload, _) = try row.decode(
                    (Int64, UUID, String, Int64, String, Int64, String, String, String?, String?, String?, String, String).self)
                checksum &+= Int(position) &+ payload.utf8.count
            }
            precondition(checksum > 0)
            if run >= 3 { times.append((clock.now - start).milliseconds) }  // three warm-ups
        }
        return times
    }

    // MARK: - The run

    static func run(url: String, options: Options, workload: Workload) async throws -> (Figures, [String: Any]) {
        let base = try PostgresLocation(url)
        let raw = try base.inSchema("bench_raw"), paddock = try base.inSchema("bench_paddock")
        let rawSingle = try base.inSchema("bench_raw_single"), paddockSingle = try base.inSchema("bench_paddock_single")
        let all = [raw, paddock, rawSingle, paddockSingle]
        let admin = try await base.connect(logger: logger)
        func reset(_ location: PostgresLocation) async throws {
            try await admin.query(PostgresQuery(unsafeSQL: "DROP SCHEMA IF EXISTS \(location.schema) CASCADE"), logger: logger)
            await (try PostgresEventStore.open(location)).close()  // the same schema as the store's: created by it
        }
        var settings: [String: Any] = [:]
        for name in ["server_version", "fsync", "synchronous_commit", "shared_buffers", "wal_level"] {
            for try await value in try await admin.query(PostgresQuery(unsafeSQL: "SHOW \(name)"), logger: logger).decode(String.self) {
                settings[name] = value
            }
        }
        print(
            "  PostgreSQL \(settings["server_version"] ?? "?") at \(base.redacted): fsync \(settings["fsync"] ?? "?"), "
                + "synchronous_commit \(settings["synchronous_commit"] ?? "?"), shared_buffers \(settings["shared_buffers"] ?? "?")")

        log("postgres: precomputing rows")
        let rawRows = rawBatches(workload)
        let singleRows = singles(rawRows, count: options.single)
        let batches = workload.newEventBatches()
        var singleEvents: [(NewEvent, String)] = []
        outer: for (events, stream) in zip(batches, workload.streamOfBatch) {
            for event in events {
                if singleEvents.count == options.single { break outer }
                singleEvents.append((event, stream))
            }
        }
        var f = Figures()
        var runs: [String: [Int]] = [:]
        for round in 1...options.writeRepeats {
            try await reset(raw)
            let rawConnection = try await raw.connect(logger: logger)
            let rawSeconds = try await rawInsert(rawRows[...], on: rawConnection)
            try await rawConnection.close()
            runs["batch_raw", default: []].append(Int(Double(options.events) / rawSeconds))
            log("round \(round): raw PostgreSQL batch insert \(Format.rate(Double(options.events) / rawSeconds))")

            try await reset(paddock)
            let store = try await PostgresEventStore.open(paddock)
            let clock = ContinuousClock()
            let start = clock.now
            for (events, stream) in zip(batches, workload.streamOfBatch) {
                _ = try await store.append(events, to: stream, expecting: .any)
            }
            let seconds = (clock.now - start).seconds
            await store.close()
            runs["batch_paddock", default: []].append(Int(Double(options.events) / seconds))
            log("round \(round): paddock PostgreSQL batch append \(Format.rate(Double(options.events) / seconds))")

            try await reset(rawSingle)
            let singleConnection = try await rawSingle.connect(logger: logger)
            let rawSingleSeconds = try await rawInsert(singleRows[...], on: singleConnection)
            try await singleConnection.close()
            runs["single_raw", default: []].append(Int(Double(singleRows.count) / rawSingleSeconds))
            log("round \(round): raw PostgreSQL one insert per transaction \(Format.rate(Double(singleRows.count) / rawSingleSeconds))")

            try await reset(paddockSingle)
            let singleStore = try await PostgresEventStore.open(paddockSingle)
            let singleStart = clock.now
            for (event, stream) in singleEvents { _ = try await singleStore.append([event], to: stream, expecting: .any) }
            let singleSeconds = (clock.now - singleStart).seconds
            await singleStore.close()
            runs["single_paddock", default: []].append(Int(Double(singleEvents.count) / singleSeconds))
            log("round \(round): paddock PostgreSQL one event per append \(Format.rate(Double(singleEvents.count) / singleSeconds))")
        }
        f.batchRaw = Double(runs["batch_raw"]!.max()!)
        f.batchPaddock = Double(runs["batch_paddock"]!.max()!)
        f.singleRaw = Double(runs["single_raw"]!.max()!)
        f.singlePaddock = Double(runs["single_paddock"]!.max()!)

        // Reads of the big log: raw and Paddock, best of `readRepeats`.
        let store = try await PostgresEventStore.open(paddock)
        let readConnection = try await paddock.connect(logger: logger)
        _ = try await rawRead(on: readConnection, pageSize: options.pageSize)  // warms the server's cache
        for _ in 0..<options.readRepeats {
            let (rawSeconds, rawCount) = try await rawRead(on: readConnection, pageSize: options.pageSize)
            precondition(rawCount == options.events, "raw read \(rawCount) rows")
            f.readRaw = max(f.readRaw, Double(rawCount) / rawSeconds)
            let (seconds, count) = try await PaddockBench.pagedAll(store, pageSize: options.pageSize)
            precondition(count == options.events, "paddock read \(count) rows")
            f.readPaddock = max(f.readPaddock, Double(count) / seconds)
        }
        log("postgres reads: raw \(Format.rate(f.readRaw)), paddock \(Format.rate(f.readPaddock))")
        let (times, count) = try await PaddockBench.readStream(store, stream: Workload.hotStream, runs: options.streamRuns)
        let rawTimes = try await rawStream(on: readConnection, stream: Workload.hotStream, runs: options.streamRuns)
        f.streamCount = count
        f.streamMedian = percentile(times, 50)
        f.streamP99 = percentile(times, 99)
        f.streamRawMedian = percentile(rawTimes, 50)
        f.streamRawP99 = percentile(rawTimes, 99)
        try await readConnection.close()
        await store.close()

        // Read and decode into typed domain events, as a projection rebuild does.
        let typedLocation = try base.inSchema("bench_typed")
        try await reset(typedLocation)
        let typedStore = try await PostgresEventStore.open(typedLocation)
        f.typedPaddock = try await TypedDecodeBench.readAndDecode(typedStore, count: options.events)
        await typedStore.close()
        log("postgres typed decode \(Format.rate(f.typedPaddock))")

        // Paddock's SQLite store on the same workload, for the comparison.
        let sqlitePath = options.dataDir + "/compare.sqlite"
        removeDatabase(sqlitePath)
        f.batchSQLite = Double(options.events) / (try await PaddockBench.appendBatches(batches, streams: workload.streamOfBatch, path: sqlitePath))
        let sqlite = try SQLiteEventStore(path: sqlitePath)
        for _ in 0..<options.readRepeats {
            let (seconds, count) = try await PaddockBench.pagedAll(sqlite, pageSize: options.pageSize)
            f.readSQLite = max(f.readSQLite, Double(count) / seconds)
        }
        f.streamSQLiteMedian = percentile(try await PaddockBench.readStream(sqlite, stream: Workload.hotStream, runs: options.streamRuns).0, 50)
        try sqlite.close()
        removeDatabase(sqlitePath)
        let singlePath = options.dataDir + "/compare-single.sqlite"
        removeDatabase(singlePath)
        f.singleSQLite = Double(singleEvents.count) / (try await PaddockBench.appendOneByOne(singleEvents[...], path: singlePath))
        removeDatabase(singlePath)
        let typedPath = options.dataDir + "/compare-typed.sqlite"
        removeDatabase(typedPath)
        f.typedSQLite = try await TypedDecodeBench.readAndDecode(try SQLiteEventStore(path: typedPath), count: options.events)
        removeDatabase(typedPath)
        log("sqlite comparison done")

        if !options.keep {
            for location in all + [typedLocation] {
                try await admin.query(PostgresQuery(unsafeSQL: "DROP SCHEMA IF EXISTS \(location.schema) CASCADE"), logger: logger)
            }
        }
        try await admin.close()
        var summary: [String: Any] = settings.mapValues { $0 }
        summary["postgres_runs_eps"] = runs
        return (f, summary)
    }
}
