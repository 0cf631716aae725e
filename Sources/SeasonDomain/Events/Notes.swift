import Foundation

/// Free text attached to any stream: what a journalist or steward adds, and where a fact comes from.
///
/// - `text`: the note.
/// - `source`: the article and sentence it rests on.
/// - `about`: ids of the events it annotates.
/// - `subject`: what it is about, in words or as an id ("jere-kalliokoski").
public struct Note: DomainEvent {
    public var text: String
    public var source: SourceCitation?
    public var about: [UUID]?
    public var subject: String?

    public init(text: String, source: SourceCitation? = nil, about: [UUID]? = nil, subject: String? = nil) {
        self.text = text
        self.source = source
        self.about = about
        self.subject = subject
    }

    public func validate(_ check: inout Validator) {
        check.text(text, "text")
        if let source {
            check.text(source.title, "source.title")
            check.text(source.url, "source.url")
            check.text(source.quote, "source.quote")
            check.text(source.language, "source.language")
        }
        check.count(about?.count ?? 0, 0...1_000, "about", "event ids")
        check.text(subject, "subject")
    }
}
