import Foundation
import JSONToolkit

/// One NDJSON line's object: scanned once by ``JSONScanner``, a repeated key refused (a line is
/// an envelope, where a key said twice is ambiguous).
enum LineObject {
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, into members: inout [JSONMember]) throws(LineError.Reason) {
        do { try JSONScanner.scanObject(bytes, into: &members) } catch { throw .init(error.description) }
        if let duplicate = JSONText.firstDuplicateKey(in: members, of: bytes) {
            throw .init(JSONSyntaxError(offset: duplicate.member.key.lowerBound, reason: "duplicate key \"\(duplicate.key)\"").description)
        }
    }

    /// ``scan(_:into:)`` for line `line` of a file.
    static func scan(_ bytes: UnsafeBufferPointer<UInt8>, line: Int, into members: inout [JSONMember]) throws(LineError) {
        do { try scan(bytes, into: &members) } catch { throw LineError(line: line, reason: error.text) }
    }

    /// The string value of the member `name` (its key compared as decoded text); nil when absent
    /// or not a string.
    static func string(_ name: StaticString, in members: [JSONMember], of bytes: UnsafeBufferPointer<UInt8>) -> String? {
        let wanted = UnsafeBufferPointer(start: name.utf8Start, count: name.utf8CodeUnitCount)
        for member in members {
            let key = UnsafeBufferPointer(rebasing: bytes[(member.key.lowerBound + 1)..<(member.key.upperBound - 1)])
            let same =
                member.keyEscaped
                ? JSONText.decodeString(bytes, member.key).map { $0.utf8.elementsEqual(wanted) } ?? false
                : key.elementsEqual(wanted)
            if same { return JSONText.decodeString(bytes, member.value) }
        }
        return nil
    }
}

/// The known members of one scanned object, found by name: `ranges[k]` is the value of `names[k]`.
struct KnownMembers {
    let bytes: UnsafeBufferPointer<UInt8>
    private(set) var ranges: [Range<Int>?]
    /// Keys the object has that are not among the names, decoded, in order of appearance.
    private(set) var unknown: [String] = []

    init(_ bytes: UnsafeBufferPointer<UInt8>, _ members: [JSONMember], names: [[UInt8]]) {
        self.bytes = bytes
        ranges = Array(repeating: nil, count: names.count)
        members: for member in members {
            let key = (member.key.lowerBound + 1)..<(member.key.upperBound - 1)
            for (index, name) in names.enumerated() where name.count == key.count {
                let same = name.withUnsafeBufferPointer { memcmp($0.baseAddress!, bytes.baseAddress! + key.lowerBound, key.count) == 0 }
                if same { ranges[index] = member.value; continue members }
            }
            // An escaped spelling of a known name is that name, as JSONDecoder reads it.
            let decoded = JSONText.decodeString(bytes, member.key) ?? ""
            if let index = names.firstIndex(where: { $0.elementsEqual(decoded.utf8) }) {
                ranges[index] = member.value
            } else {
                unknown.append(decoded)
            }
        }
    }

    /// The value's text, for messages.
    func text(_ index: Int) -> String? {
        ranges[index].map { String(decoding: UnsafeBufferPointer(rebasing: bytes[$0]), as: UTF8.self) }
    }

    func isAbsentOrNull(_ index: Int) -> Bool {
        guard let range = ranges[index] else { return true }
        return JSONText.equals(bytes, range, "null")
    }

    func optionalString(_ index: Int, _ key: String) throws(LineError.Reason) -> String? {
        guard let range = ranges[index], !JSONText.equals(bytes, range, "null") else { return nil }
        guard let value = JSONText.decodeString(bytes, range) else {
            throw .init("\(key): expected a string, found \(text(index)?.prefix(40) ?? "")")
        }
        return value
    }

    func string(_ index: Int, _ key: String) throws(LineError.Reason) -> String {
        guard let value = try optionalString(index, key) else { throw .init("\(key): missing") }
        return value
    }

    func optionalInt64(_ index: Int, _ key: String) throws(LineError.Reason) -> Int64? {
        guard let range = ranges[index], !JSONText.equals(bytes, range, "null") else { return nil }
        guard let value = JSONText.int64(bytes, range) ?? Int64(text(index) ?? "") else {
            throw .init("\(key): expected an integer, found \(text(index)?.prefix(40) ?? "")")
        }
        return value
    }

    func int64(_ index: Int, _ key: String) throws(LineError.Reason) -> Int64 {
        guard let value = try optionalInt64(index, key) else { throw .init("\(key): missing") }
        return value
    }

    func optionalUUID(_ index: Int, _ key: String) throws(LineError.Reason) -> UUID? {
        guard let text = try optionalString(index, key) else { return nil }
        guard let value = UUID(uuidString: text) else { throw .init("\(key): '\(text)' is not a UUID") }
        return value
    }

    func uuid(_ index: Int, _ key: String) throws(LineError.Reason) -> UUID {
        guard let value = try optionalUUID(index, key) else { throw .init("\(key): missing") }
        return value
    }
}
