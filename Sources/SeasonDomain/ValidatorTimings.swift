// Checks for the numbers and texts of timing data (grids, laps, pit stops, circuits): each names its
// range in the message, so a bad value is reported as `payload.laps[3].lap: must be 1...9999, found 0`.

extension Validator {
    /// An integer inside a documented range, when present.
    public mutating func within(_ value: Int?, _ range: ClosedRange<Int>, _ path: @autoclosure () -> String) {
        guard failure == nil, let value else { return }
        require(range.contains(value), path(), "must be \(range.lowerBound)...\(range.upperBound), found \(value)")
    }

    /// An angle in degrees, finite and within ±`limit`, when present.
    public mutating func degrees(_ value: Double?, within limit: Double, _ path: @autoclosure () -> String) {
        guard failure == nil, let value else { return }
        require(value.isFinite && abs(value) <= limit, path(), "must be -\(Int(limit))...\(Int(limit)) degrees, found \(value)")
    }

    /// An http(s) address, when present.
    public mutating func link(_ value: String?, _ path: @autoclosure () -> String) {
        guard failure == nil, let value else { return }
        let lower = value.lowercased()
        require(
            (lower.hasPrefix("https://") || lower.hasPrefix("http://")) && value.utf8.count <= 2_000
                && !value.unicodeScalars.contains { $0.properties.isWhitespace },
            path(), "must be an http:// or https:// address without spaces (at most 2,000 bytes)")
    }

    /// A lap, qualifying or pit-stop time as timing sheets write it: `[[h:]m:]s[.fraction]`
    /// (`1:41.269`, `20.235`, `1:32:42.436`), minutes and seconds below 60 after a `:`.
    public mutating func timing(_ value: String?, _ path: @autoclosure () -> String) {
        guard failure == nil, let value else { return }
        require(
            TimingText.milliseconds(value) != nil, path(),
            "must be a time such as 1:41.269, 20.235 or 1:32:42.436, found \"\(value.prefix(40))\"")
    }

    /// A time of day in UTC or with its offset: `15:00:00Z`, `15:00Z`, `17:00:00+02:00`.
    public mutating func timeOfDay(_ value: String?, _ path: @autoclosure () -> String) {
        guard failure == nil, let value else { return }
        require(TimingText.isTimeOfDay(value), path(), "must be a time of day such as 15:00:00Z or 17:00:00+02:00, found \"\(value.prefix(40))\"")
    }
}

/// Reading timing texts (`1:41.269`) as numbers, for validation and for readers that need milliseconds.
///
/// ```swift
/// TimingText.milliseconds("1:32:42.436")   // 5562436
/// TimingText.milliseconds("+1 lap")        // nil
/// ```
public enum TimingText {
    /// The milliseconds of `[[h:]m:]s[.fraction]`; nil for anything else (or more than 1,000 hours).
    /// Scans the bytes once: readers call it for every timed row they show.
    public static func milliseconds(_ text: String) -> Int? {
        var units: [Int] = []  // the colon-separated numbers, most significant first
        units.reserveCapacity(3)
        var value = 0, digits = 0, fraction = 0, fractionDigits = 0, inFraction = false
        for byte in text.utf8 {
            switch byte {
            case 0x30...0x39:
                if inFraction {
                    guard fractionDigits < 6 else { return nil }
                    fraction = fraction * 10 + Int(byte - 0x30)
                    fractionDigits += 1
                } else {
                    guard digits < 3 else { return nil }
                    value = value * 10 + Int(byte - 0x30)
                    digits += 1
                }
            case UInt8(ascii: ":"):
                // Hours or minutes before a ':' have at most 3 digits when first, else 2.
                guard !inFraction, digits > 0, digits <= (units.isEmpty ? 3 : 2), units.count < 2 else { return nil }
                units.append(value)
                value = 0
                digits = 0
            case UInt8(ascii: "."):
                guard !inFraction, digits > 0 else { return nil }
                inFraction = true
            default:
                return nil
            }
        }
        guard digits > 0, digits <= 2, !inFraction || fractionDigits > 0 else { return nil }
        // After a ':' the lower unit is below 60 (seconds of 1:41.2, minutes of 1:32:42).
        if !units.isEmpty, value >= 60 { return nil }
        if units.count == 2, units[1] >= 60 { return nil }
        var scaled = fraction
        for _ in fractionDigits..<6 { scaled *= 10 }
        let hours = units.count == 2 ? units[0] : 0, minutes = units.last ?? 0
        return ((hours * 60 + minutes) * 60 + value) * 1000 + scaled / 1000
    }

    /// Whether the text is `hh:mm[:ss]` followed by `Z` or `±hh:mm`.
    public static func isTimeOfDay(_ text: String) -> Bool {
        var body = Substring(text)
        if body.hasSuffix("Z") {
            body = body.dropLast()
        } else {
            guard body.count > 6 else { return false }
            let offset = body.suffix(6)
            guard offset.first == "+" || offset.first == "-" else { return false }
            let pieces = offset.dropFirst().split(separator: ":", omittingEmptySubsequences: false)
            guard pieces.count == 2, let h = digits(pieces[0], max: 2), let m = digits(pieces[1], max: 2),
                pieces[0].count == 2, pieces[1].count == 2, h <= 14, m <= 59
            else { return false }
            body = body.dropLast(6)
        }
        let pieces = body.split(separator: ":", omittingEmptySubsequences: false)
        guard (2...3).contains(pieces.count), pieces.allSatisfy({ $0.count == 2 }) else { return false }
        let values = pieces.compactMap { digits($0, max: 2) }
        guard values.count == pieces.count, values[0] <= 23, values[1] <= 59 else { return false }
        return values.count == 2 || values[2] <= 59
    }

    private static func digits(_ text: Substring, max: Int) -> Int? {
        guard !text.isEmpty, text.count <= max, text.utf8.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
        return Int(text)
    }
}
