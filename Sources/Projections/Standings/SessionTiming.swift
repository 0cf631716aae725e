import Foundation
import SeasonDomain

/// A season's timing data, as recorded: rounds' circuits and session times, starting grids, fastest
/// laps, qualifying and pit stops. Kept by ``SeasonLedger`` beside the facts standings read; nothing
/// here scores. For each round and session the latest record stands (see the `latest` readers).
public struct SessionTiming: Sendable, Equatable, Codable {
    public private(set) var roundDetails: [Recorded<RoundDetailsRecorded>] = []
    public private(set) var grids: [Recorded<StartingGridRecorded>] = []
    public private(set) var fastestLaps: [Recorded<FastestLapsRecorded>] = []
    public private(set) var qualifying: [Recorded<QualifyingRecorded>] = []
    public private(set) var pitStops: [Recorded<PitStopsRecorded>] = []

    public init() {}

    /// Folds a timing event in; returns false for any other event.
    mutating func apply(_ event: SeasonEvent, _ meta: EventMeta) -> Bool {
        switch event {
        case .roundDetailsRecorded(let e): roundDetails.append(Recorded(meta, e))
        case .startingGridRecorded(let e): grids.append(Recorded(meta, e))
        case .fastestLapsRecorded(let e): fastestLaps.append(Recorded(meta, e))
        case .qualifyingRecorded(let e): qualifying.append(Recorded(meta, e))
        case .pitStopsRecorded(let e): pitStops.append(Recorded(meta, e))
        default: return false
        }
        return true
    }

    var allMeta: [EventMeta] {
        roundDetails.map(\.meta) + grids.map(\.meta) + fastestLaps.map(\.meta) + qualifying.map(\.meta) + pitStops.map(\.meta)
    }

    func holds(_ id: UUID) -> Bool { allMeta.contains { $0.eventId == id } }

    func restricted(to cut: Cut) -> SessionTiming {
        var copy = self
        copy.roundDetails = roundDetails.filter { cut.includes($0.meta) }
        copy.grids = grids.filter { cut.includes($0.meta) }
        copy.fastestLaps = fastestLaps.filter { cut.includes($0.meta) }
        copy.qualifying = qualifying.filter { cut.includes($0.meta) }
        copy.pitStops = pitStops.filter { cut.includes($0.meta) }
        return copy
    }
}
