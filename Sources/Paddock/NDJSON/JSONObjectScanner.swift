import Foundation

/// Splits one JSON object into its top-level members, keeping each value's exact text.
///
/// The log hashes payloads byte for byte, so an imported payload must be taken verbatim, never
/// parsed and re-serialized. The scanner checks structure (strings, nesting, commas) but leaves
/// values unparsed.
///
/// ```swift
/// let members = try JSONObjectScanner.members(of: #"{"a":1,"payload":{"x":[1,2]}}"#)
/// members["payload"]  // #"{"x":[1,2]}"#
/// ```
public enum JSONObjectScanner {
    public struct SyntaxError: Error, Equatable, CustomStringConvertible {
        public let offset: Int
        public let reason: String
        public var description: String { "invalid JSON at character \(offset + 1): \(reason)" }
    }

    /// The members of a top-level object, in order: key and the exact text of its value.
    public static func orderedMembers(of text: String) throws(SyntaxError) -> [(key: String, value: String)] {
        var text = text
        let scanned: Result<[(key: String, value: String)], SyntaxError> = text.withUTF8 { bytes in
            var members: [JSONBytes.Member] = []
            do throws(SyntaxError) {
                try JSONBytes.scanObject(bytes, into: &members)
            } catch {
                return .failure(error)
            }
            return .success(members.map { member in
                (JSONBytes.string(bytes, member.key) ?? "",
                 String(decoding: UnsafeBufferPointer(rebasing: bytes[member.value]), as: UTF8.self))
            })
        }
        return try scanned.get()
    }

    /// The members of a top-level object by key.
    public static func members(of text: String) throws(SyntaxError) -> [String: String] {
        Dictionary(uniqueKeysWithValues: try orderedMembers(of: text).map { ($0.key, $0.value) })
    }
}
