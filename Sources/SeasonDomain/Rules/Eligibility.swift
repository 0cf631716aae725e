/// Who may score.
///
/// - `registeredEntriesOnly`: only competitors with a confirmed entry for the round score; default false.
/// - `scoringStatuses`: statuses that can score; default `["classified"]` (NC, DNF, DSQ score nothing).
public struct Eligibility: Sendable, Hashable, Codable {
    public var registeredEntriesOnly: Bool
    public var scoringStatuses: [ResultStatus]

    public init(registeredEntriesOnly: Bool = false, scoringStatuses: [ResultStatus] = [.classified]) {
        self.registeredEntriesOnly = registeredEntriesOnly
        self.scoringStatuses = scoringStatuses
    }

    enum CodingKeys: String, CodingKey { case registeredEntriesOnly, scoringStatuses }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        registeredEntriesOnly = try c.decodeIfPresent(Bool.self, forKey: .registeredEntriesOnly) ?? false
        scoringStatuses = try c.decodeIfPresent([ResultStatus].self, forKey: .scoringStatuses) ?? [.classified]
    }
}
