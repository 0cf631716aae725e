import Foundation
import Testing

@testable import SeasonDomain

@Suite("PartialDate")
struct PartialDateTests {
    @Test func parsesEachPrecision() throws {
        let year = try PartialDate("2021")
        #expect(year.precision == .year)
        #expect(year.month == nil)
        let month = try PartialDate("2021-06")
        #expect(month.precision == .month)
        #expect(month.month == 6)
        let day = try PartialDate("2021-06-12")
        #expect(day.precision == .day)
        #expect(day.day == 12)
        #expect(day.rawValue == "2021-06-12")
        #expect(day.description == "2021-06-12")
        #expect(try PartialDate("2020-02-29").day == 29)
    }

    @Test(arguments: [
        "2021-13", "21-06-12", "2021-6", "2021-06-1", "2021-02-29", "2021-04-31", "2021-00", "2021-06-00",
        "", "June 2021", "2021/06/12", "2021-06-12T10:00", "2021-+1", "0999", "2021-06-12-01"
    ])
    func rejects(_ text: String) {
        #expect(throws: PartialDate.FormatError.self) { try PartialDate(text) }
    }

    @Test func ordersByStartOfPeriod() throws {
        let y = try PartialDate("2021"), m = try PartialDate("2021-06"), d = try PartialDate("2021-06-12")
        #expect(y < m)
        #expect(m < d)
        #expect(try PartialDate("2020-12-31") < y)
        #expect(try PartialDate("2021-07") > d)
    }

    @Test func containment() throws {
        let m = try PartialDate("2021-06")
        #expect(m.contains(try PartialDate("2021-06-12")))
        #expect(m.contains(m))
        #expect(!m.contains(try PartialDate("2021-07-01")))
        #expect(try PartialDate("2021").contains(m))
        #expect(!(try PartialDate("2021-06-12")).contains(m))
    }

    @Test func codableAsString() throws {
        struct Box: Codable, Equatable { var d: PartialDate }
        let data = try JSONEncoder().encode(Box(d: try PartialDate("2019-06")))
        #expect(String(decoding: data, as: UTF8.self) == #"{"d":"2019-06"}"#)
        #expect(try JSONDecoder().decode(Box.self, from: data).d == (try PartialDate("2019-06")))
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Box.self, from: Data(#"{"d":"2019-13"}"#.utf8)) }
    }
}
