import EventStore
import Foundation
import Paddock
import Projections
import SeasonDomain

#if canImport(Glibc)
    import Glibc
#endif

/// The projections case: a log of whole rallycross-like seasons (rules, calendar, entries, heats of
/// five cars, semi-finals, finals, retirements, penalties, notes), rebuilt from scratch, then cut.
enum ProjectionBench {
    static let championships = 400

    /// One season's events, in the order a timing desk records them.
    static func season(_ index: Int, rng: inout SplitMix64) -> [(String, SeasonEvent, String)] {
        let championship = "series-\(index % championships)"
        let year = 1990 + index / championships
        let stream = StreamName.season(championship, year).text
        var out: [(String, SeasonEvent, String)] = []
        func add(_ event: SeasonEvent, _ occurred: String) { out.append((stream, event, occurred)) }
        add(.seasonOpened(SeasonOpened(championship: championship, season: year)), "\(year)-01-10")
        add(
            .rulesDeclared(
                RulesDeclared(
                    championship: championship, season: year,
                    rules: RuleSet(
                        scoring: [
                            SessionScoring(kinds: [.final], points: [8, 5, 4, 3, 2, 1]),
                            SessionScoring(kinds: [.heat], points: [5, 4, 3, 2, 1]),
                            SessionScoring(kinds: [.semiFinal], points: [6, 5, 4, 3, 2, 1])
                        ],
                        counting: .best(8), teams: TeamRules()))), "\(year)-01-10")
        let drivers = (1...20).map { "driver-\((index * 7 + $0) % 400)" }
        for round in 1...10 {
            add(
                .roundScheduled(
                    RoundScheduled(
                        championship: championship, season: year, round: round, venue: "Venue \(round)",
                        startDate: try! PartialDate(String(format: "%04d-%02d-%02d", year, 3 + round / 2, 1 + round)))), "\(year)-01-20")
        }
        for (i, driver) in drivers.enumerated() {
            add(.entryConfirmed(EntryConfirmed(championship: championship, season: year, competitor: driver, team: "team-\(i / 2)")), "\(year)-02-01")
        }
        for round in 1...10 {
            let day = String(format: "%04d-%02d-%02dT", year, 3 + round / 2, 1 + round)
            var order = drivers.shuffled(using: &rng)
            for heat in 1...4 {
                let cars = order[((heat - 1) * 5)..<(heat * 5)]
                add(
                    .sessionClassified(
                        SessionClassified(
                            championship: championship, season: year, round: round, session: "heat-\(heat)", kind: .heat, number: heat,
                            results: cars.enumerated().map { ClassifiedResult(position: $0.offset + 1, competitor: $0.element, time: "3:4\($0.offset).118") })),
                    day + "1\(heat):00:00+02:00")
            }
            order.shuffle(using: &rng)
            for semi in 1...2 {
                let cars = order[((semi - 1) * 6)..<(semi * 6)]
                add(
                    .sessionClassified(
                        SessionClassified(
                            championship: championship, season: year, round: round, session: "semi-final-\(semi)", kind: .semiFinal, number: semi,
                            results: cars.enumerated().map { ClassifiedResult(position: $0.offset + 1, competitor: $0.element) })),
                    day + "15:\(semi)0:00+02:00")
            }
            let finalists = Array(order.prefix(6)).shuffled(using: &rng)
            add(
                .sessionClassified(
                    SessionClassified(
                        championship: championship, season: year, round: round, session: "final", kind: .final,
                        results: finalists.enumerated().map { offset, driver in
                            offset == 5
                                ? ClassifiedResult(position: nil, competitor: driver, status: .dnf, reason: "puncture")
                                : ClassifiedResult(position: offset + 1, competitor: driver)
                        })), day + "16:30:00+02:00")
            add(
                .retirementRecorded(
                    RetirementRecorded(
                        championship: championship, season: year, round: round, session: "final",
                        competitor: finalists[5], reason: "puncture", lap: 3)), day + "16:35:00+02:00")
            if round % 3 == 0 {
                add(
                    .penaltyApplied(
                        PenaltyApplied(
                            championship: championship, season: year, round: round, session: "final",
                            competitor: finalists[1], kind: .positions, positions: 1, reason: "contact")), day + "17:00:00+02:00")
            }
            add(.note(Note(text: "Round \(round) report", source: SourceCitation(title: "Series press release"))), day + "18:00:00+02:00")
        }
        return out
    }

    static func buildLog(events target: Int, path: String) async throws -> (events: Int, seasons: Int, meanBytes: Double) {
        let store = try SQLiteEventStore(path: path)
        var rng = SplitMix64(seed: 11)
        var count = 0, seasons = 0, bytes = 0
        let base = Date(timeIntervalSince1970: 1_400_000_000)
        var batches: [AppendBatch] = []
        while count < target {
            let events = season(seasons, rng: &rng).prefix(target - count)
            var batch = AppendBatch(stream: events.first!.0, events: [])
            for (_, event, occurred) in events {
                let (type, version, payload) = EventCatalogue.encode(event)
                bytes += payload.utf8.count
                batch.events.append(
                    NewEvent(
                        eventId: UUID.timeOrdered(at: base.addingTimeInterval(Double(count))), type: type,
                        schemaVersion: version, occurredAt: occurred, payload: payload))
                count += 1
            }
            batches.append(batch)
            seasons += 1
            if batches.count == 20 {
                try await store.append(batches)
                batches.removeAll()
            }
        }
        if !batches.isEmpty { try await store.append(batches) }
        try store.close()
        return (count, seasons, Double(bytes) / Double(count))
    }

    struct Figures {
        var readDecode = 0.0, rebuild = 0.0, cutMedianMs = 0.0, cutP99Ms = 0.0, seasons = 0
        /// Peak resident memory of this process during the rebuild (VmHWM after resetting it), MiB.
        var rebuildPeakMiB: Int?
    }

    static func measure(path: String, cutRuns: Int) async throws -> Figures {
        let store = try SQLiteEventStore(path: path)
        var figures = Figures()
        let clock = ContinuousClock()
        var start = clock.now
        let n = try await EnvelopeDecoder.forEachPage(of: store, after: 0) { _ in }
        figures.readDecode = Double(n) / (clock.now - start).seconds
        let service = ProjectionService(store: store, snapshots: NoSnapshots())
        let peakReset = Memory.resetPeak()
        start = clock.now
        let folded = try await service.rebuild()
        figures.rebuild = Double(folded) / (clock.now - start).seconds
        if peakReset { figures.rebuildPeakMiB = Memory.peakMiB() }
        let keys = await Array(service.index.seasons.keys)
        figures.seasons = keys.count
        var rng = SplitMix64(seed: 3)
        var times: [Double] = []
        let head = try await store.headPosition()
        for run in 0..<cutRuns {
            let key = keys.randomElement(using: &rng)!
            let cut: Cut
            switch run % 4 {
            case 0: cut = Cut(afterRound: Int.random(in: 1...10, using: &rng))
            case 1: cut = Cut(asOf: "\(key.season)-0\(Int.random(in: 4...8, using: &rng))-15")
            case 2: cut = Cut(atPosition: Int64.random(in: 1...head, using: &rng))
            default: cut = Cut(knownAt: Timestamp.format(Date()))
            }
            let t0 = clock.now
            _ = try await service.standings(key, className: nil, kind: .competitors, cut: cut)
            times.append((clock.now - t0).seconds * 1000)
        }
        figures.cutMedianMs = percentile(times, 50)
        figures.cutP99Ms = percentile(times, 99)
        try store.close()
        return figures
    }
}

/// Rebuilds in the benchmark are not persisted: `paddock replay` measures that, with its memory.
struct NoSnapshots: ProjectionSnapshotStore {
    func saveSnapshot(_ snapshot: ProjectionSnapshot) async throws {}
    func loadSnapshot(named name: String) async throws -> ProjectionSnapshot? { nil }
}

/// The process's peak resident memory (Linux): `VmHWM` in /proc/self/status, reset by writing 5 to
/// /proc/self/clear_refs, so that one phase of the run can be measured on its own.
enum Memory {
    static func resetPeak() -> Bool {
        // Memory freed while the log was built stays resident in malloc's arenas unless given back first.
        // (glibc's malloc_trim, looked up at run time: Swift's Glibc module does not export malloc.h)
        #if canImport(Glibc)
            if let symbol = dlsym(dlopen(nil, RTLD_NOW), "malloc_trim") {
                _ = unsafeBitCast(symbol, to: (@convention(c) (Int) -> Int32).self)(0)
            }
        #endif
        guard let handle = FileHandle(forWritingAtPath: "/proc/self/clear_refs") else { return false }
        defer { try? handle.close() }
        return (try? handle.write(contentsOf: Data("5".utf8))) != nil
    }

    static func peakMiB() -> Int? {
        guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
            let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
            let kib = Int(line.split(separator: " ").dropFirst().first ?? "")
        else { return nil }
        return kib / 1024
    }
}

/// `paddock replay` (rebuild and persist) in its own process, when the `paddock` executable was built
/// beside this one (Tools/bench --projections builds it): its events/s and peak memory, as it prints them.
enum ReplayCommand {
    struct Figures {
        var eventsPerSecond: Int
        var peakMiB: Int
    }

    static func run(database path: String) throws -> Figures? {
        let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
            .deletingLastPathComponent().appendingPathComponent("paddock")
        guard FileManager.default.isExecutableFile(atPath: executable.path) else { return nil }
        let process = Process()
        process.executableURL = executable
        process.arguments = ["replay", "--db", path]
        let output = Pipe()
        process.standardOutput = output
        try process.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        // "replayed N events into S season(s) in T s: R events/s; peak memory M MiB"
        func number(before suffix: String) -> Int? {
            guard let range = text.range(of: suffix) else { return nil }
            return Int(text[..<range.lowerBound].split(separator: " ").last ?? "")
        }
        guard process.terminationStatus == 0, let rate = number(before: " events/s"), let peak = number(before: " MiB") else { return nil }
        return Figures(eventsPerSecond: rate, peakMiB: peak)
    }
}
