import Foundation

/// The data that ships with `paddock`: the demo seasons (`demo/`), the F1 rules catalogue
/// (`rules/f1/`) and other databases' ids (`aliases/f1/`), this directory's SwiftPM resources, so that `paddock serve --demo` and
/// `paddock import f1db DIR` work from any directory.
///
/// Found, in order: `$PADDOCK_DATA` (a directory holding `demo/` and `rules/`), the resource
/// bundle SwiftPM builds beside the executable (copy it along when installing `paddock`), and this
/// source directory (a build that has moved on without its bundle).
///
/// ```swift
/// let demo = try PaddockData.directory("demo")      // …/Paddock_PaddockData.resources/demo
/// let rules = try PaddockData.directory("rules/f1")
/// ```
public enum PaddockData {
    /// The bundle's name beside the executable, as SwiftPM names it (`<package>_<target>.resources`).
    static let bundleName = "Paddock_PaddockData.resources"

    /// The shipped directory `relative` (`demo`, `rules/f1`), or an error naming where it was looked for.
    public static func directory(_ relative: String) throws -> URL {
        let roots = candidates()
        for root in roots {
            let url = root.appendingPathComponent(relative, isDirectory: true)
            var isDirectory: ObjCBool = false
            if FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue { return url }
        }
        throw MissingData(relative: relative, searched: roots.map(\.path))
    }

    static func candidates() -> [URL] {
        var roots: [URL] = []
        if let given = ProcessInfo.processInfo.environment["PADDOCK_DATA"], !given.isEmpty {
            roots.append(URL(fileURLWithPath: given, isDirectory: true))
        }
        let executable = URL(fileURLWithPath: CommandLine.arguments.first ?? "").resolvingSymlinksInPath()
        for directory in [Bundle.main.bundleURL, executable.deletingLastPathComponent()] {
            roots.append(directory.appendingPathComponent(bundleName, isDirectory: true))
        }
        roots.append(URL(fileURLWithPath: #filePath).deletingLastPathComponent())
        return roots
    }

    public struct MissingData: Error, CustomStringConvertible {
        public let relative: String
        public let searched: [String]
        public var description: String {
            "the shipped '\(relative)' directory was not found (looked in \(searched.joined(separator: ", "))); "
                + "set PADDOCK_DATA to a directory holding demo/ and rules/, or pass the directory explicitly"
        }
    }
}
