import EventStore
import Foundation
import Paddock
import SeasonDomain

/// The typed-decode case: a log of realistic season events (~200 bytes each: small heat
/// classifications, retirements, penalties, entries, rounds, notes), read back into envelopes and
/// decoded into typed domain events, as every projection rebuild does.
enum TypedDecodeBench {
    static func events(count: Int) -> [(String, NewEvent)] {
        var rng = SplitMix64(seed: 7)
        var out: [(String, NewEvent)] = []
        out.reserveCapacity(count)
        let base = Date(timeIntervalSince1970: 1_500_000_000)
        for i in 0..<count {
            let season = 2000 + (i / 2_000) % 26
            let championship = "series-\(i / 52_000)"
            let round = 1 + (i / 160) % 12
            let driver = { "driver-\(Int.random(in: 1...40, using: &rng))" }
            let event: SeasonEvent
            switch Int.random(in: 0..<20, using: &rng) {
            case 0..<8:
                event = .sessionClassified(
                    SessionClassified(
                        championship: championship, season: season, round: round, className: "Super1600",
                        session: "heat-\(1 + i % 4)", kind: .heat, number: 1 + i % 4,
                        results: [
                            ClassifiedResult(position: 1, competitor: driver(), time: "3:42.118"),
                            ClassifiedResult(position: 2, competitor: driver(), time: "3:44.502")
                        ]))
            case 8..<12:
                event = .retirementRecorded(
                    RetirementRecorded(
                        championship: championship, season: season, round: round, session: "final", competitor: driver(),
                        reason: "engine failure", lap: Int.random(in: 1...6, using: &rng)))
            case 12..<15:
                event = .penaltyApplied(
                    PenaltyApplied(
                        championship: championship, season: season, round: round, session: "semi-final-1", competitor: driver(),
                        kind: .time, seconds: 5, reason: "jump start"))
            case 15..<17:
                event = .entryConfirmed(
                    EntryConfirmed(
                        championship: championship, season: season, className: "Super1600", competitor: driver(),
                        team: "team-\(i % 30)", car: "Renault Clio", number: String(i % 99)))
            case 17..<19:
                event = .roundScheduled(
                    RoundScheduled(
                        championship: championship, season: season, round: round, name: "Round \(round)", venue: "Höljes",
                        country: "Sweden", startDate: try! PartialDate("\(season)-06-0\(1 + round % 8)")))
            default:
                event = .note(
                    Note(
                        text: "Kallio's first win in the class, in front of a full grandstand",
                        source: SourceCitation(title: "Rallycross weekly", language: "en")))
            }
            let (type, version, payload) = EventCatalogue.encode(event)
            let stream = event.championship.map { StreamName.season($0, event.season ?? 0).text } ?? "notes:\(i % 50)"
            out.append(
                (
                    stream,
                    NewEvent(
                        eventId: UUID.timeOrdered(at: base.addingTimeInterval(Double(i))), type: type,
                        schemaVersion: version, occurredAt: "\(season)-06-10T14:00:00+02:00", payload: payload)
                ))
        }
        return out
    }

    /// Appends the generated events in multi-stream appends of up to 200 batches (untimed).
    static func fill(_ store: any EventStore, with generated: [(String, NewEvent)]) async throws {
        var batch: [AppendBatch] = []
        for (stream, event) in generated {
            if let last = batch.indices.last, batch[last].stream == stream, batch[last].events.count < 1000 {
                batch[last].events.append(event)
            } else {
                batch.append(AppendBatch(stream: stream, events: [event]))
            }
            if batch.count >= 200 {
                try await store.append(batch)
                batch.removeAll()
            }
        }
        if !batch.isEmpty { try await store.append(batch) }
    }

    /// Builds the log in `store` (untimed), then reads and decodes it into typed events as a
    /// projection rebuild does (pages, both cores): the best of two runs, in events per second.
    static func readAndDecode(_ store: any EventStore, count: Int) async throws -> Double {
        try await fill(store, with: events(count: count))
        let clock = ContinuousClock()
        var best = 0.0
        for _ in 0..<2 {
            let start = clock.now
            let n = try await EnvelopeDecoder.forEachPage(of: store, after: 0) { _ in }
            precondition(n == count, "read \(n) of \(count)")
            best = max(best, Double(n) / (clock.now - start).seconds)
        }
        return best
    }

    /// Builds the log (untimed), then times: read into envelopes, read and decode (parallel), decode
    /// on one core; also Foundation's JSONDecoder alone on the same payloads (one core).
    static func run(count: Int, path: String) async throws -> (
        envelopes: Double, typed: Double, typedOneCore: Double,
        jsonDecoderAlone: Double, meanBytes: Double
    ) {
        let generated = events(count: count)
        let store = try SQLiteEventStore(path: path)
        try await fill(store, with: generated)
        let meanBytes = Double(generated.reduce(0) { $0 + $1.1.payload.utf8.count }) / Double(count)

        let clock = ContinuousClock()
        func rate(_ body: () async throws -> Int) async throws -> Double {
            var best = 0.0
            for _ in 0..<2 {
                let start = clock.now
                let n = try await body()
                precondition(n == count, "read \(n) of \(count)")
                best = max(best, Double(n) / (clock.now - start).seconds)
            }
            return best
        }
        let envelopes = try await rate {
            var n = 0
            try store.forEach { _ in n += 1 }
            return n
        }
        let typed = try await rate { try await EnvelopeDecoder.forEachPage(of: store, after: 0) { _ in } }
        let typedOneCore = try await rate {
            var n = 0
            try store.forEach { event in
                _ = try EnvelopeDecoder.decode(event)
                n += 1
            }
            return n
        }
        let payloads = generated.map { ($0.1.type, Data($0.1.payload.utf8)) }
        let jsonDecoderAlone = try await rate {
            let decoder = JSONDecoder()
            for (type, data) in payloads {
                switch type {
                case "SessionClassified": _ = try decoder.decode(SessionClassified.self, from: data)
                case "RetirementRecorded": _ = try decoder.decode(RetirementRecorded.self, from: data)
                case "PenaltyApplied": _ = try decoder.decode(PenaltyApplied.self, from: data)
                case "EntryConfirmed": _ = try decoder.decode(EntryConfirmed.self, from: data)
                case "RoundScheduled": _ = try decoder.decode(RoundScheduled.self, from: data)
                default: _ = try decoder.decode(Note.self, from: data)
                }
            }
            return payloads.count
        }
        try store.close()
        return (envelopes, typed, typedOneCore, jsonDecoderAlone, meanBytes)
    }
}
