import Foundation

/// A title is awarded (the official word, not a computation).
public struct TitleAwarded: DomainEvent {
    public var championship: String
    public var season: Int
    public var className: String?
    public var competitor: String?
    public var team: String?
    /// The title's name as the source gives it ("Finnish champion, Supercar").
    public var title: String?
    public var reason: String?

    public init(championship: String, season: Int, className: String? = nil, competitor: String? = nil, team: String? = nil,
                title: String? = nil, reason: String? = nil) {
        self.championship = championship
        self.season = season
        self.className = className
        self.competitor = competitor
        self.team = team
        self.title = title
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey { case championship, season, className = "class", competitor, team, title, reason }

    public func validate(_ check: inout Validator) {
        check.id(championship, "championship")
        check.season(season)
        check.require(competitor != nil || team != nil, "competitor", "a title goes to a competitor or a team")
        check.id(competitor, "competitor")
        check.id(team, "team")
    }
}

public enum AdjustmentMode: String, CatalogueEnum {
    /// An official total published after a round, replacing what results gave until then.
    case total
    /// Points added (or, negative, removed).
    case delta
}

/// Official points published without the results under them, or an adjustment.
public struct PointsAdjusted: DomainEvent {
    public var championship: String
    public var season: Int
    public var className: String?
    public var competitor: String?
    public var team: String?
    public var points: Points
    public var mode: AdjustmentMode
    /// The round after which a published total stood.
    public var afterRound: Int?
    public var reason: String

    public init(championship: String, season: Int, className: String? = nil, competitor: String? = nil, team: String? = nil,
                points: Points, mode: AdjustmentMode, afterRound: Int? = nil, reason: String) {
        self.championship = championship
        self.season = season
        self.className = className
        self.competitor = competitor
        self.team = team
        self.points = points
        self.mode = mode
        self.afterRound = afterRound
        self.reason = reason
    }

    enum CodingKeys: String, CodingKey { case championship, season, className = "class", competitor, team, points, mode, afterRound, reason }

    public func validate(_ check: inout Validator) {
        check.id(championship, "championship")
        check.season(season)
        check.require(competitor != nil || team != nil, "competitor", "an adjustment names a competitor or a team")
        check.round(afterRound, "afterRound")
        check.text(reason, "reason")
    }
}

/// Free text attached to any stream: how a journalist or steward cites where a fact came from.
public struct Note: DomainEvent {
    public var text: String
    public var source: SourceCitation?
    /// Event ids the note annotates.
    public var about: [UUID]?
    /// What the note is about, in words or as an id ("jere-kalliokoski").
    public var subject: String?

    public init(text: String, source: SourceCitation? = nil, about: [UUID]? = nil, subject: String? = nil) {
        self.text = text
        self.source = source
        self.about = about
        self.subject = subject
    }

    public func validate(_ check: inout Validator) {
        check.text(text, "text")
        if let source { check.text(source.title, "source.title") }
    }
}
