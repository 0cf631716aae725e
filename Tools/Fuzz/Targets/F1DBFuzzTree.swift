import F1DB
import Foundation

/// A small F1DB tree for fuzzing the importer: one season's files that the importer reads, and the
/// drivers, constructors, circuits, grands prix and countries they name, copied to a scratch
/// directory. A check writes one mutated file, plans the import, and puts the file back.
///
/// Property: the plan succeeds, or fails with an `F1DBError` that names the mutated file (or, for
/// a reference that no longer resolves, the file that is missing): never a crash, never another error.
///
/// ```swift
/// let tree = try F1DBFuzzTree(f1db: f1dbRoot, rules: rulesDirectory, season: 1950, scratch: tmp)
/// try tree.check(file: "seasons/1950/races/01-great-britain/race.yml", contents: Array("round: x".utf8))
/// ```
public final class F1DBFuzzTree: @unchecked Sendable {
    public let data: URL
    public let rules: URL
    public let season: Int
    /// The files a mutation may change, relative to `data` (`seasons/1950/entrants.yml`).
    public let files: [String]
    private let originals: [String: Data]

    /// The season files the importer reads (it ignores qualifying, grids and pit stops).
    static let seasonFiles = [
        "race.yml", "race-results.yml", "sprint-race-results.yml", "fastest-laps.yml",
        "driver-standings.yml", "constructor-standings.yml", "entrants.yml"
    ]

    public init(f1db: URL, rules: URL, season: Int, scratch: URL) throws {
        let fm = FileManager.default
        let source = f1db.appendingPathComponent("data")
        let data = scratch.appendingPathComponent("data")
        try? fm.removeItem(at: data)
        var copied: [String] = []
        func copy(_ relative: String) throws {
            let target = data.appendingPathComponent(relative)
            try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
            try fm.copyItem(at: source.appendingPathComponent(relative), to: target)
            copied.append(relative)
        }
        let seasonDir = "seasons/\(season)"
        guard let found = fm.enumerator(atPath: source.appendingPathComponent(seasonDir).path) else {
            throw F1DBError(file: source.appendingPathComponent(seasonDir).path, "no such season")
        }
        for case let path as String in found where Self.seasonFiles.contains((path as NSString).lastPathComponent) {
            try copy("\(seasonDir)/\(path)")
        }
        // The reference files the season names, and the countries of those.
        var names: [String: Set<String>] = [:]
        let pattern = try NSRegularExpression(
            pattern: #"(driverId|constructorId|engineManufacturerId|circuitId|grandPrixId|countryId|nationalityCountryId): *([a-z0-9-]+)"#)
        func collect(_ relative: String) throws {
            let text = try String(contentsOf: data.appendingPathComponent(relative), encoding: .utf8)
            for match in pattern.matches(in: text, range: NSRange(text.startIndex..., in: text)) {
                guard let field = Range(match.range(at: 1), in: text), let id = Range(match.range(at: 2), in: text) else { continue }
                let directory =
                    switch text[field] {
                    case "driverId": "drivers"
                    case "constructorId", "engineManufacturerId": "constructors"
                    case "circuitId": "circuits"
                    case "grandPrixId": "grands-prix"
                    default: "countries"
                    }
                names[directory, default: []].insert(String(text[id]))
            }
        }
        for file in copied { try collect(file) }
        for directory in ["drivers", "constructors", "circuits", "grands-prix"] {
            try fm.createDirectory(at: data.appendingPathComponent(directory), withIntermediateDirectories: true)
            for id in (names[directory] ?? []).sorted() where fm.fileExists(atPath: source.appendingPathComponent("\(directory)/\(id).yml").path) {
                try copy("\(directory)/\(id).yml")
                try collect("\(directory)/\(id).yml")
            }
        }
        try fm.createDirectory(at: data.appendingPathComponent("countries"), withIntermediateDirectories: true)
        for id in (names["countries"] ?? []).sorted() where fm.fileExists(atPath: source.appendingPathComponent("countries/\(id).yml").path) {
            try copy("countries/\(id).yml")
        }
        var originals: [String: Data] = [:]
        for file in copied { originals[file] = try Data(contentsOf: data.appendingPathComponent(file)) }
        self.data = data
        self.rules = rules
        self.season = season
        self.files = copied.sorted()
        self.originals = originals
    }

    /// The original contents of a file of the tree.
    public func original(_ file: String) -> [UInt8] { Array(originals[file] ?? Data()) }

    /// Plans the import of the unchanged tree (it must succeed: the seed of every mutation).
    public func planOriginal() throws { _ = try F1DBImporter.plan(f1db: data, rules: rules, seasons: [season]) }

    /// `path\ncontents`, the fuzzer's input form; a path outside the tree is no input.
    @discardableResult
    public func check(_ input: [UInt8]) throws(FuzzFinding) -> FuzzOutcome {
        guard let (path, contents) = splitFirstLine(input), originals[path] != nil else { return .refused }
        return try check(file: path, contents: contents, input: input)
    }

    @discardableResult
    public func check(file: String, contents: [UInt8], input: [UInt8]? = nil) throws(FuzzFinding) -> FuzzOutcome {
        let input = input ?? Array((file + "\n").utf8) + contents
        let url = data.appendingPathComponent(file)
        guard let original = originals[file] else { throw FuzzFinding(.f1db, input, "no file \(file) in the tree") }
        do { try Data(contents).write(to: url) } catch { throw FuzzFinding(.f1db, input, "cannot write \(url.path): \(error)") }
        defer { try? original.write(to: url) }
        do {
            _ = try F1DBImporter.plan(f1db: data, rules: rules, seasons: [season])
            return .accepted
        } catch let error as F1DBError {
            guard names(error, file) else {
                throw FuzzFinding(.f1db, input, "the error names neither \(file) nor a missing file: \(error)")
            }
            return .refused
        } catch {
            throw FuzzFinding(.f1db, input, "an error that is not an F1DBError: \(error)")
        }
    }

    /// Whether an error names the mutated file: its path (or, for a race, the race's directory:
    /// the importer names a race by it), or a file the mutation made the tree miss.
    private func names(_ error: F1DBError, _ file: String) -> Bool {
        let text = error.description
        let relative = file.hasPrefix("seasons/") ? String(file.dropFirst("seasons/".count)) : file
        if text.contains(relative) { return true }
        let directory = (relative as NSString).deletingLastPathComponent
        if relative.contains("/races/"), text.contains(directory) { return true }
        // A reference to a file that does not exist (a driver id changed to an unknown one).
        return error.file.hasSuffix(".yml") && !FileManager.default.fileExists(atPath: error.file)
    }
}
