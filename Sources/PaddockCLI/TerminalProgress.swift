import Foundation
import Paddock

/// A progress line on standard error for long runs (events, rate, time left), redrawn in place a
/// few times a second; only when standard error is a terminal, so nothing lands in a pipe or a log.
final class TerminalProgress: @unchecked Sendable {
    private let lock = NSLock()
    private let started = Date()
    private var lastDraw = Date.distantPast
    private var phaseStarted: (BulkProgress.Phase, Date)?
    private var drawn = false

    /// A progress line, or nil when standard error is not a terminal.
    static func onTerminal() -> TerminalProgress? { isatty(STDERR_FILENO) == 1 ? TerminalProgress() : nil }

    /// What a bulk run calls with its progress.
    var reporter: @Sendable (BulkProgress) -> Void { { [self] progress in update(progress) } }

    func update(_ progress: BulkProgress) {
        lock.withLock {
            let now = Date()
            if phaseStarted?.0 != progress.phase { phaseStarted = (progress.phase, now) }
            guard now.timeIntervalSince(lastDraw) >= 0.25 || progress.done == progress.total else { return }
            lastDraw = now
            let elapsed = max(now.timeIntervalSince(phaseStarted?.1 ?? started), 0.001)
            let rate = Double(progress.done) / elapsed
            let left = rate > 0 && progress.total > progress.done ? Double(progress.total - progress.done) / rate : 0
            let text: String
            switch progress.phase {
            case .checking:
                let lineRate = Double(progress.lines) / elapsed
                text =
                    "checking: \(Self.grouped(progress.lines)) lines (\(Self.percent(progress.done, progress.total))), "
                    + "\(Self.grouped(Int(lineRate)))/s, \(Self.duration(left)) left"
            case .appending:
                text =
                    "appending: \(Self.grouped(progress.done)) of \(Self.grouped(progress.total)) events, "
                    + "\(Self.grouped(Int(rate)))/s, \(Self.duration(left)) left"
            }
            draw(text)
        }
    }

    /// Events written so far, of `total` when known (export, log).
    func update(events: Int, total: Int?, label: String) {
        lock.withLock {
            let now = Date()
            guard now.timeIntervalSince(lastDraw) >= 0.25 else { return }
            lastDraw = now
            let rate = Double(events) / max(now.timeIntervalSince(started), 0.001)
            var text = "\(label): \(Self.grouped(events))"
            if let total, total > 0 {
                text += " of \(Self.grouped(total)) events, \(Self.grouped(Int(rate)))/s"
                if total > events, rate > 0 { text += ", \(Self.duration(Double(total - events) / rate)) left" }
            } else {
                text += " events, \(Self.grouped(Int(rate)))/s"
            }
            draw(text)
        }
    }

    /// Clears the line.
    func finish() {
        lock.withLock {
            if drawn { FileHandle.standardError.write(Data("\r\u{1B}[K".utf8)) }
            drawn = false
        }
    }

    private func draw(_ text: String) {
        FileHandle.standardError.write(Data("\r\u{1B}[K\(text)".utf8))
        drawn = true
    }

    static func grouped(_ value: Int) -> String {
        let digits = Array(String(value))
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0, (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(digit)
        }
        return out
    }

    private static func percent(_ done: Int, _ total: Int) -> String {
        total > 0 ? "\(min(100, done * 100 / total))%" : "?%"
    }

    private static func duration(_ seconds: Double) -> String {
        let whole = Int(seconds.rounded())
        return whole >= 60 ? "\(whole / 60) min \(whole % 60) s" : "\(whole) s"
    }
}

/// Standard output written in large blocks with write(2): exports write millions of lines.
enum RawStandardOutput {
    static func write(_ bytes: UnsafeRawBufferPointer) throws {
        do { try DescriptorWrite.all(bytes, to: STDOUT_FILENO) } catch {
            throw UserError("cannot write to standard output: \(error.reason)")
        }
    }
}
