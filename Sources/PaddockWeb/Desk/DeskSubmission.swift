import Foundation
import JSONToolkit
import Paddock
import SeasonDomain

/// A submitted desk form turned into the body a desk route takes: the payload's members (in the
/// form's own field names), the classification's rows, and the envelope fields the form carries
/// (`eventId`, so that a retried submit records nothing twice; `occurredAt`; `expectedVersion`).
///
/// Nothing is validated here beyond writing each value as its JSON type: a number that does not
/// read as one is passed on as text, so that the catalogue's own validation, the same as for the
/// JSON routes, names the field. ``fieldName(forProblemField:)`` maps that name back to the form.
///
/// ```swift
/// let submission = DeskSubmission(form: .named("retirement")!, values: ["round": "3", "competitor": "jesse-kallio", "reason": "engine"])
/// submission.body   // {"round":3,"competitor":"jesse-kallio","reason":"engine"}
/// ```
public struct DeskSubmission: Sendable {
    /// The most rows a classification form takes.
    public static let maxRows = 60
    public static let envelopeFields = ["eventId", "occurredAt", "expectedVersion"]

    public let form: DeskForm
    /// The values as submitted, by field name (`round`, `results[3].competitor`).
    public let values: [String: String]
    /// The JSON object for the desk route.
    public let body: String
    /// For each row of the body's `results`, the form row it came from (empty rows are left out).
    public let rowOfResult: [Int]

    public init(form: DeskForm, values: [String: String]) {
        self.form = form
        self.values = values
        var members: [(String, String)] = []
        for field in form.fields {
            if let json = Self.json(field, values[field.name]) { members.append((field.name, json)) }
        }
        var rowOfResult: [Int] = []
        if let rows = form.rows {
            var objects: [String] = []
            for row in 0..<Self.rowCount(values, rows: rows) {
                let cells = rows.columns.compactMap { column in
                    Self.json(column, values["\(rows.name)[\(row)].\(column.name)"]).map { (column.name, $0) }
                }
                guard !cells.isEmpty else { continue }
                objects.append(Self.object(cells))
                rowOfResult.append(row)
            }
            members.append((rows.name, "[" + objects.joined(separator: ",") + "]"))
        }
        for name in Self.envelopeFields {
            guard let value = values[name]?.trimmingCharacters(in: .whitespaces), !value.isEmpty else { continue }
            if name == "expectedVersion", let version = Int(value), version >= 0 {
                members.append((name, String(version)))
            } else {
                members.append((name, JSONWriter.quoted(value)))
            }
        }
        body = Self.object(members)
        self.rowOfResult = rowOfResult
    }

    /// How many rows the values hold: one past the highest row index named (at most ``maxRows``).
    public static func rowCount(_ values: [String: String], rows: DeskForm.Rows) -> Int {
        let prefix = rows.name + "["
        var highest = -1
        for key in values.keys where key.hasPrefix(prefix) {
            guard let end = key.dropFirst(prefix.count).firstIndex(of: "]"),
                let index = Int(key[key.index(key.startIndex, offsetBy: prefix.count)..<end]), index >= 0, index < maxRows
            else { continue }
            highest = max(highest, index)
        }
        return highest + 1
    }

    /// The form field a problem's `field` names: `payload.results[2].competitor` → `results[5].competitor`
    /// when the third row sent was the form's sixth; `payload.corrects[0]` → `corrects`; nil when the
    /// form has no such field.
    public func fieldName(forProblemField problemField: String?) -> String? {
        guard var path = problemField else { return nil }
        if path.hasPrefix("payload.") { path.removeFirst("payload.".count) }
        if Self.envelopeFields.contains(path) { return path }
        if let rows = form.rows, path.hasPrefix(rows.name + "[") {
            let rest = path.dropFirst(rows.name.count + 1)
            guard let end = rest.firstIndex(of: "]"), let index = Int(rest[..<end]), index >= 0, index < rowOfResult.count else {
                return rows.name
            }
            let member = rest[rest.index(after: end)...]
            let column = member.hasPrefix(".") ? String(member.dropFirst().prefix { $0 != "[" && $0 != "." }) : ""
            guard rows.columns.contains(where: { $0.name == column }) else { return rows.name }
            return "\(rows.name)[\(rowOfResult[index])].\(column)"
        }
        if path == form.rows?.name { return path }
        let head = String(path.prefix { $0 != "[" && $0 != "." })
        return form.fields.contains { $0.name == head } ? head : nil
    }

    // MARK: - JSON

    static func json(_ field: DeskForm.Field, _ raw: String?) -> String? {
        guard let value = raw?.trimmingCharacters(in: .whitespacesAndNewlines), !value.isEmpty else { return nil }
        switch field.kind {
        case .integer, .round:
            return integer(value) ?? JSONWriter.quoted(value)
        case .decimal:
            return decimal(value) ?? JSONWriter.quoted(value)
        case .flag:
            return "true"
        case .integers:
            let items = value.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init).filter { !$0.isEmpty }
            return "[" + items.map { integer($0) ?? JSONWriter.quoted($0) }.joined(separator: ",") + "]"
        case .classification:
            return "[" + JSONWriter.quoted(value) + "]"
        case .text, .points, .date, .choice, .competitor, .team, .className:
            return JSONWriter.quoted(value)
        }
    }

    /// The integer as JSON writes it ("03" → "3"), in the range the catalogue's integers take; nil when it is not one.
    static func integer(_ text: String) -> String? { Int32(text).map { String($0) } }

    /// The number as JSON writes it (".5" → "0.5"); nil when it is not a plain decimal number.
    static func decimal(_ text: String) -> String? {
        guard text.allSatisfy({ "0123456789.-+".contains($0) }), let value = Double(text), value.isFinite else { return nil }
        return String(value)
    }

    static func object(_ members: [(String, String)]) -> String {
        "{" + members.map { JSONWriter.quoted($0.0) + ":" + $0.1 }.joined(separator: ",") + "}"
    }
}
