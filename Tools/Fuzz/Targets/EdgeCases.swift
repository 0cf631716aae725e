/// The values a mutation swaps in: the edges of every number and text a payload, a line, a date
/// or an F1DB file carries.
enum EdgeCases {
    static let numbers: [String] = [
        "0", "-0", "1", "-1", "2", "3", "7", "0.5", "-0.5", "1.5", "2.50", "0.1", "0.0", "1.0", "-1.0", "0.75",
        "1e2", "1E2", "1e-2", "1e309", "-1e309", "1e400", "2e0", "0e0", "1.5e3",
        "127", "128", "255", "256", "32767", "65536", "2147483647", "2147483648", "4294967296",
        "999", "1000", "9999", "10000", "99999", "1000000", "999999999", "1000000000",
        "9007199254740993", "999999999999999999", "1000000000000000000",
        "9223372036854775807", "9223372036854775808", "-9223372036854775807", "-9223372036854775808",
        "-9223372036854775809", "18446744073709551615", "18446744073709551616",
        "0.123456789012345678", "0.1234567890123456789", "123456789012345678.5", "9223372036854775807.5",
        "0.000000000000000001", "0.0000000000000000001", "100000000000000000000000000000000000000000",
        "0.99999999999999999", "1.0000000000000001", "25.0000000000000001", "0.100000000000000000000000000000000000000001",
        "00", "01", "-", "1.", ".5", "+1", "1..2", "--1", "0x10", "NaN", "Infinity"
    ]

    static let strings: [String] = [
        #""""#, #"" ""#, #""a""#, #""é""#, #""e\u0301""#, #""\u0000""#, #""\u001f""#, #""\ud800""#, #""\udc00x""#,
        #""\ud83d\ude00""#, #""\"""#, #""\\""#, #""\/""#, #""\n""#, #""a\tb""#, #""\x""#, #""\u12""#, "\"tab\there\"",
        #""😀""#, #""‮rtl""#, #""a-b_c""#, #""UPPER""#, #"" padded ""#, "\"" + String(repeating: "x", count: 300) + "\"",
        #""1/7""#, #""1/0""#, #""0/0""#, #""-1/3""#, #""2/-4""#, #""1/-9223372036854775808""#, #""-9223372036854775808/-1""#,
        #""9223372036854775807/1""#, #""-9223372036854775808""#, #""9223372036854775807/9223372036854775806""#,
        #""2.5""#, #"".5""#, #""5.""#, #""+1""#, #""1e2""#, #""1 /7""#, #""1/7/2""#, #""0.1234567890123456789""#,
        #""25""#, #""-0""#, #""٣""#,
        #""2018""#, #""2018-06""#, #""2018-06-10""#, #""2018-02-29""#, #""2000-02-29""#, #""1900-02-29""#, #""2018-13""#,
        #""2018-00""#, #""2018-06-31""#, #""0999""#, #""0000""#, #""9999-12-31""#, #""18-06-10""#, #""2018-6-1""#, #""2018-06-10-""#,
        #""2018-06-10T15:30:00+02:00""#, #""2018-06-10T15:30:00Z""#, #""2018-06-10T15:30Z""#, #""2018-06-10T15:30:00""#,
        #""2018-06-10T24:00:00Z""#, #""2018-06-10T23:59:60Z""#, #""2018-06-10T15:30:00.123456789Z""#, #""2018-06-10T15:30:00+02:""#,
        #""2018-06-10T15:30:00+0200""#, #""2018-06-10T15:30:00+23:59""#, #""9999-12-31T23:59:59-23:59""#, #""0000-01-01T00:00:00+23:59""#,
        #""race""#, #""final""#, #""sprint""#, #""semiFinal""#, #""heat""#, #""qualifying""#, #""stage""#,
        #""classified""#, #""DNF""#, #""DNS""#, #""DSQ""#, #""NC""#, #""EX""#, #""dnf""#,
        #""competitors""#, #""teams""#, #""total""#, #""delta""#, #""time""#, #""positions""#, #""points""#, #""exclusion""#,
        #""rallycross""#, #""circuit""#, #""driver""#, #""coDriver""#, #""all""#, #""best""#,
        #""0190f5a2-7c4b-7d3e-9a11-2b3c4d5e6f70""#, #""0190F5A2-7C4B-7D3E-9A11-2B3C4D5E6F70""#, #""00000000-0000-0000-0000-000000000000""#,
        #""0190f5a2-7c4b-7d3e-9a11-2b3c4d5e6f7""#, #""0190f5a27c4b7d3e9a112b3c4d5e6f70""#,
        #""season:euro-rx-super1600:2018""#, #""season:f1:1988""#, #""competitor:jesse-kallio""#, #""season:a:b:c""#, #""any""#,
        #""null""#, #""true""#
    ]

    static let anyValue: [String] =
        ["null", "true", "false", "[]", "{}", "[null]", "[[]]", #"{"":null}"#, #"[1,"a"]"#, "0", #""""#]
        + ["-1", "1e400", "9223372036854775808", #""1/0""#, #""2018-02-29""#]

    /// Member names of every payload and envelope, with near misses.
    static let keys: [String] = [
        "stream", "type", "occurredAt", "payload", "eventId", "schemaVersion", "expectedVersion", "actor", "correlationId",
        "causationId", "position", "streamVersion", "recordedAt", "hash",
        "championship", "season", "round", "class", "session", "kind", "number", "completedDistance", "results",
        "competitor", "sharedWith", "coDriver", "team", "car", "status", "reason", "laps", "time", "gap", "fastestLap",
        "name", "venue", "country", "startDate", "endDate", "rounds", "lap", "seconds", "positions", "points", "table",
        "corrects", "retracts", "factor", "sessions", "title", "mode", "afterRound", "rows", "complete", "text", "source",
        "about", "subject", "url", "quote", "language", "rules", "scoring", "kinds", "bonuses", "multipliers", "counting",
        "tieBreak", "eligibility", "teams", "sharedDrives", "fromRound", "fromTeam", "toTeam", "fromCar", "toCar",
        "effectiveDate", "classes", "series", "discipline", "organiser", "givenName", "familyName", "nationality",
        "birthDate", "roles", "note", "minimumDistance", "onlyIfClassifiedWithin", "whenCompletedDistanceBelow",
        "best", "split", "firstRounds", "bestOfFirst", "bestOfRest", "registeredEntriesOnly", "scoringStatuses",
        "resluts", "Round", "", "\\u0072ound", "round "
    ]

    static let bytes: [UInt8] = [
        0x00, 0x01, 0x09, 0x0A, 0x0D, 0x1F, 0x20, 0x22, 0x2C, 0x2D, 0x2E, 0x2F, 0x30, 0x31, 0x39, 0x3A, 0x5B, 0x5C, 0x5D,
        0x65, 0x7B, 0x7D, 0x7F, 0x80, 0xBF, 0xC0, 0xC3, 0xE2, 0xED, 0xF0, 0xF4, 0xF5, 0xFE, 0xFF
    ]

    /// Whole texts for the scalar parsers (points, dates, instants).
    static let scalarTexts: [String] =
        numbers + strings.map { String($0.dropFirst().dropLast()) } + [
            "", " ", "1 ", " 1", "1/", "/7", "1/ 7", "1/+7", "+1/7", "1.5/2", "-.5", "-", ".", "1.2.3", "٣", "１",
            "2018-06-10t15:30:00z", "2018-06-10 15:30:00Z", "2018-06-10T15:30:00,5Z", "2018-06-10T15:30:00.Z",
            "2018-06-10T15:30:00+02:00x", "2018-06-10T15:30:00-00:00", "2018-06-10T15:30:00+24:00", "2018-06-10T15:30:00+02:60",
            "2016-02-29", "2100-02-29", "2400-02-29", "1000", "0001", "9999", "9999-12", "9999-12-31T23:59:59.999Z"
        ]

    static let scalarBytes: [UInt8] = Array("0123456789-+./:TZtz ,eE".utf8) + [0x00, 0xC3, 0xFF]

    static let yamlScalars: [String] = [
        "", "~", "null", "0", "-1", "1", "2", "99", "1000000000", "9223372036854775807", "9223372036854775808", "1e400",
        "0x10", "1.5", ".inf", "-.inf", ".nan", "true", "false", "yes", "'1'", "\"1\"", "[]", "{}", "[a, b]", "{a: b}",
        "DNF", "DNQ", "DNS", "NC", "DSQ", "EX", "DNPQ", "DNP", "x", "'oops", "\"oops", "[oops", "{oops", "&a x", "*a", "!!binary aGk=",
        "2018-13-45", "2018-02-29", "1950-05-13", "25:61", "12:00", "12:00:00", "1-16,18", "0-3", "3-1", "1-9223372036854775807",
        "1--2", ",", "1,,2", "a-b", "-5", "|", ">", "- x", "\"\\u0000\"", "\"\\ud800\"", "é", "\u{7F}",
        "alain-prost", "ferrari", "giuseppe-farina", "nonexistent-driver"
    ]
}
