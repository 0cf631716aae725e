import Foundation

// MARK: - JSON form of Points
//
// Written as an integer when integral (`25`), as an exact JSON number when the denominator's only
// prime factors are 2 and 5 (`0.5`, `4.5`, `0.25`), else as a fraction string (`"1/7"`).
// Read from any of those, and from decimal strings (`"2.5"`). Decimals are read exactly.

extension Points: Codable {
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            guard let parsed = Points(text: text) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "\"\(text)\" is not points: use a number (25, 0.5) or a fraction (\"1/7\")")
            }
            self = parsed
            return
        }
        // Decimal before Int64: JSONDecoder reads Int64 through Double, which takes 1.0000000000000001
        // for 1; Decimal keeps the number's decimal digits exactly (0.33 stays 33/100).
        if let decimal = try? container.decode(Decimal.self) {
            guard let parsed = Points(text: decimal.description) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "\(decimal) is not points: use at most 18 decimals, or a fraction (\"1/7\")")
            }
            self = parsed
            return
        }
        if let integer = try? container.decode(Int64.self) {
            self.init(integer, 1)
            return
        }
        throw DecodingError.typeMismatch(
            Points.self,
            .init(codingPath: decoder.codingPath, debugDescription: "expected points: a number (25, 0.5) or a fraction string (\"1/7\")"))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        if isOutOfRange {
            // Never valid input: decoding it again refuses it, so it cannot be stored.
            try container.encode(Self.outOfRangeText)
        } else if denominator == 1 {
            try container.encode(numerator)
        } else if let decimal = exactDecimal, let value = Decimal(string: decimal) {
            try container.encode(value)
        } else {
            try container.encode("\(numerator)/\(denominator)")
        }
    }
}
