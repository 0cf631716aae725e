import Foundation
import SeasonDomain

/// What the ``TimelineIndex`` keeps of one event: a registration, or the season whose ledger folds
/// it and the competitors it names, or nothing (notes, events of no season).
///
/// Made from a decoded event (``init(_:)``, the reference), or read from the stored event without
/// decoding it (``init(scanning:)``), which is what lets a rebuild of the index cost little more
/// than reading the log. Both routes give the same entry: tests hold them to each other.
///
/// ```swift
/// let entry = IndexEntry(scanning: EnvelopeDecoder.undecoded(stored)) ?? IndexEntry(try EnvelopeDecoder.decode(stored))
/// index.apply(entry, position: stored.position, stream: stored.stream)
/// ```
public enum IndexEntry: Sendable, Equatable {
    /// A championship, competitor, team or circuit registered, details or an alias: the index keeps the whole event.
    case register(SeasonEvent)
    case season(SeasonKey, competitors: [String])
    case outside

    /// The entry of a decoded event, routed with ``Timeline/season(of:)``.
    public init(_ envelope: DomainEnvelope) {
        switch envelope.event {
        case .championshipRegistered, .competitorRegistered, .teamRegistered,
            .circuitRegistered, .competitorDetailsRecorded, .teamDetailsRecorded, .aliasRecorded:
            self = .register(envelope.event)
        default:
            guard let key = Timeline.season(of: envelope) else {
                self = .outside
                return
            }
            var names: [String] = []
            envelope.event.forEachCompetitor { names.append($0) }
            self = .season(key, competitors: names)
        }
    }

    // `eventType` is derived from the type's name: worked out once, not per event.
    private static let noteType = Note.eventType
    private static let retractionType = EventRetracted.eventType

    /// The entry read from a stored event without decoding it; nil when that takes the decoded event
    /// (registrations, unknown or older types, anything unusual in the payload).
    public init?(scanning event: UndecodedEvent) {
        switch event.type {
        case Self.noteType where event.schemaVersion == Note.schemaVersion:
            self = .outside
        case Self.retractionType where event.schemaVersion == EventRetracted.schemaVersion:
            // A retraction lives in the stream of the event it voids, and names nobody.
            self = Timeline.seasonKey(ofStream: event.stream).map { .season($0, competitors: []) } ?? .outside
        default:
            guard let facts = EventCatalogue.seasonFacts(type: event.type, schemaVersion: event.schemaVersion, payload: event.payload)
            else { return nil }
            guard let championship = facts.championship, let season = facts.season else {
                self = .outside
                return
            }
            self = .season(SeasonKey(championship, season), competitors: facts.competitors)
        }
    }
}
