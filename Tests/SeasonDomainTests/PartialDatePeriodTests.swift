import Foundation
import PaddockTestSupport
import Testing

@testable import SeasonDomain

/// The one calendar arithmetic (``PartialDate/days``, ``PartialDate/text(ofDay:)``,
/// ``PartialDate/daysIn(year:month:)``) held to Foundation's Gregorian calendar in UTC.
@Suite("PartialDate periods")
struct PartialDatePeriodTests {
    static var gregorian: Foundation.Calendar {
        var calendar = Foundation.Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar
    }

    /// Days since 1970 of a date, as Foundation counts them.
    func foundationDay(_ year: Int, _ month: Int, _ day: Int) -> Int {
        let date = Self.gregorian.date(from: DateComponents(year: year, month: month, day: day))!
        return Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
    }

    @Test func monthLengthsAndLeapYears() {
        for year in [1900, 1988, 1999, 2000, 2020, 2021, 2100, 2400] {
            for month in 1...12 {
                let first = Self.gregorian.date(from: DateComponents(year: year, month: month, day: 1))!
                let length = Self.gregorian.range(of: .day, in: .month, for: first)!.count
                #expect(PartialDate.daysIn(year: year, month: month) == length, "\(year)-\(month)")
            }
        }
    }

    @Test(arguments: [11, 12])
    func dayPeriodsAndTheirTexts(seed: Int) throws {
        var random = SeededRandom(seed: seed)
        for _ in 0..<300 {
            // From 1583 on: Foundation's Gregorian calendar is Julian before October 1582, ours proleptic.
            let year = Int.random(in: 1583...9999, using: &random), month = Int.random(in: 1...12, using: &random)
            let day = Int.random(in: 1...PartialDate.daysIn(year: year, month: month), using: &random)
            let text = String(format: "%04d-%02d-%02d", year, month, day)
            let date = try PartialDate(text)
            #expect(date.days == foundationDay(year, month, day)..<(foundationDay(year, month, day) + 1), "seed \(seed): \(text)")
            #expect(PartialDate.text(ofDay: date.days.lowerBound) == text, "seed \(seed): \(text)")
        }
    }

    @Test func vaguePeriodsRunToTheEndOfTheirMonthOrYear() throws {
        #expect(try PartialDate("2020-02").days == foundationDay(2020, 2, 1)..<foundationDay(2020, 3, 1))
        #expect(try PartialDate("2021-02").days.count == 28)
        #expect(try PartialDate("2020-12").days.upperBound == foundationDay(2021, 1, 1))
        #expect(try PartialDate("2020").days == foundationDay(2020, 1, 1)..<foundationDay(2021, 1, 1))
        #expect(try PartialDate("2020").days.count == 366)
        #expect(PartialDate.text(ofDay: try PartialDate("2020-02-29").days.upperBound) == "2020-03-01")
        #expect(PartialDate.text(ofDay: try PartialDate("1999-12-31").days.upperBound) == "2000-01-01")
        #expect(PartialDate.text(ofDay: 0) == "1970-01-01")
        #expect(PartialDate.text(ofDay: -1) == "1969-12-31")
    }

    @Test func occurredAtDatesOfAnyYear() throws {
        // An occurredAt may name years before 1000; a PartialDate value may not (its error unchanged).
        #expect(PartialDate(anyYear: "0999-03")?.month == 3)
        #expect(PartialDate(anyYear: "0000")?.year == 0)
        #expect(PartialDate(anyYear: "0999-02-29") == nil)
        #expect(throws: PartialDate.FormatError.self) { try PartialDate("0999") }
        let fields = PartialDate.fields(Array("2018-06-10T15:30:00Z".utf8), length: 10)
        #expect(fields?.year == 2018)
        #expect(fields?.month == 6)
        #expect(fields?.day == 10)
        #expect(PartialDate.fields(Array("2018-06".utf8), length: 10) == nil)
    }
}
