import Foundation
import GRDBSQLite

enum Machine {
    static var cores: Int { ProcessInfo.processInfo.activeProcessorCount }

    static var sqliteVersion: String { String(cString: sqlite3_libversion()) }

    static var cpuModel: String {
        guard let text = try? String(contentsOfFile: "/proc/cpuinfo", encoding: .utf8),
            let line = text.split(separator: "\n").first(where: { $0.hasPrefix("model name") }),
            let colon = line.firstIndex(of: ":")
        else { return "unknown" }
        return line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
    }

    /// The 1, 5 and 15 minute load averages (/proc/loadavg): other builds on the machine.
    static var loadAverage: String {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return "unknown" }
        return text.split(separator: " ").prefix(3).joined(separator: " ")
    }

    static var memoryGiB: Double { Double(ProcessInfo.processInfo.physicalMemory) / 1_073_741_824 }

    /// A field of /proc/self/status in kB (VmHWM: peak resident set, VmRSS: current).
    static func status(_ field: String) -> Int? {
        guard let text = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(field + ":") {
            return Int(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
        }
        return nil
    }
}

/// A line of the results table.
struct ResultRow {
    var name: String
    var paddock: String
    var raw: String
    var ratio: String
    var target: String
    var verdict: String
}

enum Format {
    static func rate(_ value: Double) -> String { grouped(Int(value.rounded())) + "/s" }

    static func grouped(_ value: Int) -> String {
        let digits = String(abs(value))
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return value < 0 ? "-" + out : out
    }

    static func fixed(_ value: Double, _ places: Int) -> String { String(format: "%.\(places)f", value) }

    static func table(_ rows: [ResultRow], paddockLabel: String = "Paddock", rawLabel: String = "raw SQLite") -> String {
        let header = ResultRow(
            name: "case", paddock: paddockLabel, raw: rawLabel, ratio: "ratio", target: "target",
            verdict: "")
        let all = [header] + rows
        let widths = [
            all.map(\.name.count).max()!, all.map(\.paddock.count).max()!, all.map(\.raw.count).max()!,
            all.map(\.ratio.count).max()!, all.map(\.target.count).max()!
        ]
        func line(_ r: ResultRow) -> String {
            func left(_ s: String, _ w: Int) -> String { s + String(repeating: " ", count: max(0, w - s.count)) }
            func right(_ s: String, _ w: Int) -> String { String(repeating: " ", count: max(0, w - s.count)) + s }
            return [
                left(r.name, widths[0]), right(r.paddock, widths[1]), right(r.raw, widths[2]),
                right(r.ratio, widths[3]), left(r.target, widths[4]), r.verdict
            ].joined(separator: "  ")
        }
        let rule = String(repeating: "-", count: widths.reduce(0, +) + 2 * widths.count + 4)
        return ([line(header), rule] + rows.map(line)).joined(separator: "\n")
    }
}

/// Nearest-rank percentile of a sample.
func percentile(_ values: [Double], _ p: Double) -> Double {
    let sorted = values.sorted()
    let rank = max(1, Int((p / 100 * Double(sorted.count)).rounded(.up)))
    return sorted[min(rank, sorted.count) - 1]
}
