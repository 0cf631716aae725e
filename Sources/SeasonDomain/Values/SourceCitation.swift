/// Where a fact comes from: the article and the sentence it rests on.
///
/// - `title`: the source's title ("Kallio voitti Kouvolassa", "FIA bulletin 12").
/// - `url`: where it can be read, when online.
/// - `quote`: the sentence the fact rests on, verbatim, in the source's language.
/// - `language`: BCP 47 tag of the quote (`fi`, `fr`, `en`).
public struct SourceCitation: Sendable, Hashable, Codable {
    public var title: String
    public var url: String?
    public var quote: String?
    public var language: String?

    public init(title: String, url: String? = nil, quote: String? = nil, language: String? = nil) {
        self.title = title
        self.url = url
        self.quote = quote
        self.language = language
    }
}
