import Foundation
import SeasonDomain

/// Findings already reported and left to the work that owns them, recognised by their input so
/// that a bounded run can count them apart and a long run can go on past them. Each has
/// regression tests in `KnownIssueTests` (`withKnownIssue`), which fail once it is fixed: then the
/// case goes from here.
public enum KnownIssues {
    /// Why a finding is a known one, or nil.
    public static func explain(_ finding: FuzzFinding) -> String? {
        switch finding.target {
        case .points, .payload, .line, .envelope:
            lossyNumber(in: finding.input).map { "JSON number \($0) is read inexactly by Points' JSONDecoder path" }
        case .dates, .f1db:
            nil
        }
    }

    /// A JSON number that `Points.init(from:)` reads as another value: JSONDecoder hands a fraction
    /// whose Double is integral to the Int64 path (`0.99999999999999999` reads as 1,
    /// `123456789012345678.5` as 123456789012345678), and Decimal rounds past 38 digits
    /// (`0.100000000000000000000000000000000000000001` reads as 0.1). The exact reading refuses or
    /// keeps the fraction, so the fast reader and JSONDecoder disagree, and a value is stored that
    /// is not the one written.
    public static func lossyNumber(in bytes: [UInt8]) -> String? {
        var i = 0
        while i < bytes.count {
            guard bytes[i] == UInt8(ascii: "-") || (48...57).contains(bytes[i]) else { i += 1; continue }
            let start = i
            i += 1
            while i < bytes.count, (48...57).contains(bytes[i]) || [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E"),
                                                                     UInt8(ascii: "+"), UInt8(ascii: "-")].contains(bytes[i]) { i += 1 }
            let token = String(decoding: bytes[start..<i], as: UTF8.self)
            if isLossy(token) { return token }
        }
        return nil
    }

    static func isLossy(_ token: String) -> Bool {
        guard token.contains(".") || token.contains("e") || token.contains("E"), let double = Double(token), double.isFinite else { return false }
        let significant = token.prefix { $0 != "e" && $0 != "E" }.filter(\.isNumber).drop { $0 == "0" }
        if significant.count > 38 { return true }
        guard double.rounded() == double, abs(double) < 9.3e18 else { return false }
        if let exact = Points(text: token) { return !exact.isInteger || exact.doubleValue != double || Int64(exactly: double) != exact.numerator }
        return !token.contains("e") && !token.contains("E")
    }
}
