import Foundation
import JSONToolkit

// The domain's reads of a JSON tree, for the fast decoders (nil: give up and fall back to JSONDecoder).

extension JSONValue {
    /// The value a stored payload holds; nil when the fast reader gives up (an escape, deep
    /// nesting: JSONDecoder, the reference, decides).
    static func parse(_ data: Data) -> JSONValue? {
        data.withUnsafeBytes { raw in parse(raw.bindMemory(to: UInt8.self), refusingEscapes: true) }
    }

    /// Points as JSONDecoder would read them: an integer, an exact decimal, or a fraction/decimal string.
    var points: Points? {
        switch self {
        case .int(let i): Points(i)
        case .number(let text): Points(text: text)
        case .string(let text): Points(text: text)
        default: nil
        }
    }

    var uuid: UUID? { string.flatMap(UUID.init(uuidString:)) }
}
