import Chronology
import Foundation
import Testing

@testable import EventStore

@Suite("Ids and times")
struct FormatTests {
    @Test("UUID.timeOrdered: version 7, variant 10, 48-bit millisecond prefix, later ids sort later as text")
    func timeOrderedIds() async throws {
        var ids: [UUID] = []
        for _ in 0..<2000 { ids.append(UUID.timeOrdered()) }
        #expect(Set(ids).count == ids.count)
        for id in ids {
            let bytes = withUnsafeBytes(of: id.uuid) { Array($0) }
            #expect(bytes[6] >> 4 == 0x7)
            #expect(bytes[8] >> 6 == 0b10)
            let text = id.lowercased
            #expect(text == id.uuidString.lowercased())
            #expect(Array(text)[14] == "7")
            #expect("89ab".contains(Array(text)[19]))
        }

        // The first 48 bits are the Unix milliseconds of the date, big-endian.
        let date = Date(timeIntervalSince1970: 1_700_000_000.125)  // 1700000000125 ms = 0x018bcfe5687d
        let fixed = UUID.timeOrdered(at: date)
        #expect(fixed.lowercased.hasPrefix("018bcfe5-687d-7"))
        let millis = String(1_700_000_000_125 as Int64, radix: 16)
        let prefix = String(repeating: "0", count: 12 - millis.count) + millis
        #expect(fixed.lowercased.replacingOccurrences(of: "-", with: "").hasPrefix(prefix))
        #expect(UUID.timeOrdered(at: Date(timeIntervalSince1970: 0)).lowercased.hasPrefix("00000000-0000-7"))

        // Ids of later milliseconds sort later, whatever their random bits (dates in mid-millisecond, so
        // that binary floating point cannot put two of them in the same millisecond).
        let startMillis = utcMillis(2026, 3, 1)
        let dated = (0..<500).map { i in
            UUID.timeOrdered(at: Date(timeIntervalSince1970: (Double(startMillis + Int64(i) + Int64(i / 100) * 3_600_000) + 0.5) / 1000))
        }
        #expect(dated.shuffled().map(\.lowercased).sorted() == dated.map(\.lowercased))
        #expect(dated.shuffled().map(\.uuidString).sorted() == dated.map(\.uuidString))

        // And ids generated one after another, a couple of milliseconds apart.
        var live: [String] = []
        for _ in 0..<15 {
            live.append(UUID.timeOrdered().lowercased)
            try await Task.sleep(for: .milliseconds(2))
        }
        #expect(live.sorted() == live)
    }

    @Test("OccurredAt: the UTC start of the instant or period, as Foundation computes it")
    func occurredAtValues() throws {
        let iso = ISO8601DateFormatter()
        iso.formatOptions = [.withInternetDateTime]
        let isoFraction = ISO8601DateFormatter()
        isoFraction.formatOptions = [.withInternetDateTime, .withFractionalSeconds]
        func foundationMillis(_ text: String, fraction: Bool = false) -> Int64 {
            let date = (fraction ? isoFraction : iso).date(from: text)!
            return Int64((date.timeIntervalSince1970 * 1000).rounded())
        }

        for text in [
            "2018-06-10T15:30:00+02:00", "2018-06-10T13:30:00Z", "1988-12-31T23:59:59-05:00",
            "2016-02-29T00:00:00+14:00", "1950-06-01T12:00:00Z", "1970-01-01T00:00:00Z", "2038-01-19T03:14:08Z",
            "2018-06-10T10:00:00-09:30"
        ] {
            #expect(try OccurredAt.utcMilliseconds(text) == foundationMillis(text), "\(text)")
        }
        for text in ["2018-06-10T15:30:00.250+02:00", "2018-06-10T15:30:00.001Z", "1999-12-31T23:59:59.999-01:00"] {
            #expect(try OccurredAt.utcMilliseconds(text) == foundationMillis(text, fraction: true), "\(text)")
        }
        #expect(try OccurredAt.utcMilliseconds("2018-06-10T15:30:00.2509+02:00") == foundationMillis("2018-06-10T15:30:00.250+02:00", fraction: true))
        #expect(try OccurredAt.utcMilliseconds("2018-06-10T15:30+02:00") == foundationMillis("2018-06-10T15:30:00+02:00"))
        #expect(try OccurredAt.utcMilliseconds("2018-06-10T15:30:00+0200") == foundationMillis("2018-06-10T15:30:00+02:00"))
        #expect(try OccurredAt.utcMilliseconds("2018-06-10T15:30:00+02") == foundationMillis("2018-06-10T15:30:00+02:00"))

        // Dates of full and reduced precision: midnight UTC at the start of the day, month or year.
        #expect(try OccurredAt.utcMilliseconds("2018-06-10") == utcMillis(2018, 6, 10))
        #expect(try OccurredAt.utcMilliseconds("2018-06") == utcMillis(2018, 6, 1))
        #expect(try OccurredAt.utcMilliseconds("2018") == utcMillis(2018, 1, 1))
        #expect(try OccurredAt.utcMilliseconds("2016-02-29") == utcMillis(2016, 2, 29))
        #expect(try OccurredAt.utcMilliseconds("2000-02-29") == utcMillis(2000, 2, 29))
        #expect(try OccurredAt.utcMilliseconds("1900-03-01") == utcMillis(1900, 3, 1))
        #expect(try OccurredAt.utcMilliseconds("1969") == utcMillis(1969, 1, 1))
        #expect(try OccurredAt.utcMilliseconds("1969") == -365 * 86_400_000)
        #expect(try OccurredAt.utcMilliseconds("2018-06-10") - OccurredAt.utcMilliseconds("2018-06-09") == 86_400_000)

        for bad in [
            "2018-13-01", "2018-00", "2018-02-29", "1900-02-29", "2018-04-31", "2018-06-10T10:00:00",
            "2018-06-10T10:00", "2018-06-10T25:00:00Z", "201", "2018-", "2018-06-", "2018-06-10T", "Z",
            "2018-06-10T10:00:00+02:", "2018-06-10T10:00:00+02:0", "2018-06-10T10:00:00+24:00", "2018-06-10T10:00:00+02:60"
        ] {
            #expect(!OccurredAt.isValid(bad), "\(bad)")
            #expect(throws: OccurredAt.FormatError(text: bad)) { try OccurredAt.utcMilliseconds(bad) }
        }
    }

    @Test("Timestamp: fixed-width UTC text with microseconds, as Foundation's formatter gives the seconds")
    func timestampValues() throws {
        #expect(Timestamp.format(micros: 0) == "1970-01-01T00:00:00.000000Z")
        #expect(Timestamp.format(micros: 0) == storeText(Date(timeIntervalSince1970: 0)))
        #expect(Timestamp.format(micros: 1_781_000_000_000_000) == storeText(Date(timeIntervalSince1970: 1_781_000_000)))
        #expect(Timestamp.format(micros: 1_781_000_000_123_456) == storeText(Date(timeIntervalSince1970: 1_781_000_000), micros: 123_456))
        #expect(Timestamp.format(micros: -1) == storeText(Date(timeIntervalSince1970: -1), micros: 999_999))
        #expect(Timestamp.format(micros: -86_400_000_000 * 365 - 1) == storeText(Date(timeIntervalSince1970: -86_400 * 365 - 1), micros: 999_999))
        let leapNoon = utcDate(2000, 2, 29, 12, 0, 0)
        #expect(Timestamp.format(micros: Int64(leapNoon.timeIntervalSince1970) * 1_000_000 + 7) == storeText(leapNoon, micros: 7))
        #expect(Timestamp.format(micros: Int64(leapNoon.timeIntervalSince1970) * 1_000_000 + 7) == "2000-02-29T12:00:00.000007Z")
        let endOf9999 = utcDate(9999, 12, 31, 23, 59, 59)
        #expect(Timestamp.format(micros: Int64(endOf9999.timeIntervalSince1970) * 1_000_000 + 999_999) == "9999-12-31T23:59:59.999999Z")

        // From dates, including ones built from exact microseconds.
        #expect(Timestamp.format(utcDate(2026, 3, 1, 10, 0, 0)) == "2026-03-01T10:00:00.000000Z")
        #expect(Timestamp.format(Date(timeIntervalSince1970: 1_781_000_000.5)) == storeText(Date(timeIntervalSince1970: 1_781_000_000), micros: 500_000))
        let base = utcDate(2026, 3, 1, 10, 0, 0)
        for micros in [1, 7, 123, 123_456, 500_001, 999_999] {
            let date = base.addingTimeInterval(Double(micros) / 1_000_000)
            #expect(Timestamp.format(date) == storeText(base, micros: micros), "\(micros) µs")
        }

        // Dates given in whole microseconds format to exactly those microseconds (no floating-point
        // truncation to the microsecond below).
        let second = Date(timeIntervalSince1970: 1_772_359_200)
        #expect(Timestamp.format(Date(timeIntervalSince1970: 1_772_359_200.123456)) == storeText(second, micros: 123_456))
        #expect(Timestamp.micros(Date(timeIntervalSince1970: 1_772_359_200.123456)) == 1_772_359_200_123_456)
        var offByOne: [Int] = []
        for micros in stride(from: 0, to: 1_000_000, by: 997) {
            let date = Date(timeIntervalSince1970: 1_772_359_200 + Double(micros) / 1_000_000)
            if Timestamp.format(date) != storeText(second, micros: micros) { offByOne.append(micros) }
        }
        #expect(offByOne.isEmpty, "\(offByOne.count) of 1004 dates formatted to another microsecond, e.g. \(offByOne.prefix(5))")

        // Fixed width, and text order is time order.
        var generator = SystemRandomNumberGenerator()
        let samples = (0..<300).map { _ in Int64.random(in: -2_000_000_000_000_000...4_000_000_000_000_000, using: &generator) }
        let texts = samples.map(Timestamp.format(micros:))
        #expect(texts.allSatisfy { $0.utf8.count == 27 })
        #expect(zip(samples, texts).sorted { $0.0 < $1.0 }.map(\.1) == texts.sorted())
        for (micros, text) in zip(samples, texts) {
            // Parsed back, the text names the same instant (to the millisecond: OccurredAt's precision).
            let floorMillis = micros >= 0 ? micros / 1000 : (micros - 999) / 1000
            #expect(try OccurredAt.utcMilliseconds(text) == floorMillis, "\(text)")
        }

        // recordedAt cuts: a date means its last microsecond; an instant is converted to UTC.
        #expect(Timestamp.storeTime("2018-08-21") == "2018-08-21T23:59:59.999999Z")
        #expect(Timestamp.storeTime("2018-08") == "2018-08-31T23:59:59.999999Z")
        #expect(Timestamp.storeTime("2018-02") == "2018-02-28T23:59:59.999999Z")
        #expect(Timestamp.storeTime("2016-02") == "2016-02-29T23:59:59.999999Z")
        #expect(Timestamp.storeTime("2018-12") == "2018-12-31T23:59:59.999999Z")
        #expect(Timestamp.storeTime("2018") == "2018-12-31T23:59:59.999999Z")
        #expect(Timestamp.storeTime("2018-06-10T15:30:00+02:00") == "2018-06-10T13:30:00.000000Z")
        #expect(Timestamp.storeTime("2018-06-10T15:30:00.123456+02:00") == "2018-06-10T13:30:00.123456Z")
        #expect(Timestamp.storeTime("2018-06-10T00:30:00.5+01:00") == "2018-06-09T23:30:00.500000Z")
        #expect(Timestamp.storeTime("2018-08-21T23:59:59.999999Z") == "2018-08-21T23:59:59.999999Z")
        #expect(Timestamp.storeTime("2018-08-21t23:59:59.999999Z") == "2018-08-21T23:59:59.999999Z")
        #expect(Timestamp.storeTime("2018-08-21 23:59:59.999999Z") == "2018-08-21T23:59:59.999999Z")
        #expect(Timestamp.storeTime("2018-08-21T23:59:59.999999z") == "2018-08-21T23:59:59.999999Z")
        #expect(Timestamp.storeTime("2018-08-21T10:00:00") == nil)
        #expect(Timestamp.storeTime("21/08/2018") == nil)
    }
}
