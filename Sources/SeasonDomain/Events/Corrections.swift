import Foundation

/// A corrected classification that supersedes earlier ones. Nothing is rewritten: the superseded
/// events stay in the log, and folds use the latest correction.
///
/// - `championship`, `season`, `round`, `class`, `session`, `kind`, `number`, `completedDistance`,
///   `results`: the corrected classification, as in `SessionClassified`.
/// - `corrects`: event ids of the classification(s), or earlier corrections, this one supersedes.
/// - `reason`: why ("time penalty for Kallio after the final").
public struct ResultCorrected: DomainEvent {
    public var championship: String
    public var season: Int
    public var round: Int
    public var className: String?
    public var session: String
    public var corrects: [UUID]
    public var kind: SessionKind
    public var number: Int?
    public var completedDistance: Points?
    public var results: [ClassifiedResult]
    public var reason: String

    public init(
        championship: String, season: Int, round: Int, className: String? = nil, session: String, corrects: [UUID],
        kind: SessionKind, number: Int? = nil, completedDistance: Points? = nil, results: [ClassifiedResult], reason: String
    ) {
        self.championship = championship
        self.season = season
        self.round = round
        self.className = className
        self.session = session
        self.corrects = corrects
        self.kind = kind
        self.number = number
        self.completedDistance = completedDistance
        self.results = results
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey {
        case championship, season, round, className = "class", session, corrects, kind, number, completedDistance, results, reason
    }

    /// The corrected classification, as a `SessionClassified` would carry it.
    public var classification: SessionClassified {
        SessionClassified(
            championship: championship, season: season, round: round, className: className, session: session,
            kind: kind, number: number, completedDistance: completedDistance, results: results)
    }

    public func validate(_ check: inout Validator) {
        check.roundOf(championship, season, round)
        check.text(className, "class")
        check.id(session, "session")
        check.require(!corrects.isEmpty, "corrects", "must name the event(s) it corrects")
        check.count(corrects.count, 1...100, "corrects", "event ids")
        check.range(number, Limits.sessionNumber, "number")
        SessionClassified.validateDistance(completedDistance, &check)
        ClassifiedResult.validate(results, "results", &check)
        check.text(reason, "reason")
    }
}

/// Voids a mistaken event; it stays in the log but folds ignore it. Appended to the stream of the event it retracts.
///
/// - `retracts`: the id of the retracted event.
/// - `reason`: why ("entered twice", "wrong round").
public struct EventRetracted: DomainEvent {
    public var retracts: UUID
    public var reason: String

    public init(retracts: UUID, reason: String) {
        self.retracts = retracts
        self.reason = reason
    }

    public func validate(_ check: inout Validator) { check.text(reason, "reason") }
}
