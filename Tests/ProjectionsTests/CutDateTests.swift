import Testing

@testable import Projections

/// `asOf` against an event's `occurredAt`: instants when both carry a time, otherwise local dates,
/// a vague event counting from the start of its period and a vague cut reaching to its end.
@Suite("Cut dates")
struct CutDateTests {
    @Test(arguments: [
        ("2018-08-21", "2018-08-21", true), ("2018-08-22", "2018-08-21", false),
        ("2018-08", "2018-08-21", true), ("2018-09", "2018-08-21", false), ("2018", "2018-08-21", true),
        ("2018-08-31", "2018-08", true), ("2018-09-01", "2018-08", false), ("2018-12-31", "2018", true),
        ("2019-01-01", "2018", false), ("2020-02-29", "2020-02", true), ("2020-03-01", "2020-02", false),
        ("2018-08-21T23:59:00+02:00", "2018-08-21", true), ("2018-08-22T00:30:00+02:00", "2018-08-21", false),
        ("2018-08-21", "2018-08-21T10:00:00Z", true), ("2018-08-22", "2018-08-21T23:00:00Z", false),
        ("2018-08-21T10:00:00+02:00", "2018-08-21T08:00:00Z", true), ("2018-08-21T10:00:01+02:00", "2018-08-21T08:00:00Z", false),
        ("0999-06", "0999", true), ("1000", "0999-12-31", false)
    ])
    func occurredAtOrBefore(_ occurredAt: String, _ cut: String, _ included: Bool) {
        #expect(Cut.occurred(occurredAt, atOrBefore: cut) == included, "\(occurredAt) as of \(cut)")
    }
}
