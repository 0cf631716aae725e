import Crypto
import Foundation

/// An NDJSON input read in bounded memory: a file, or standard input copied to an unlinked
/// temporary file on the way (so it can be read twice), with the SHA-256 of its content.
///
/// ```swift
/// let input = try InputFile.open("season.ndjson")   // or "-" for standard input
/// var chunks = input.chunks()
/// while let chunk = try chunks.next() { for line in chunk.lines { … } }
/// ```
public final class InputFile: @unchecked Sendable {
    /// The file's descriptor, owned: closed with the object.
    let descriptor: Int32
    /// SHA-256 of every byte.
    public let digest: [UInt8]
    public let byteCount: Int
    /// For messages: the path, or "standard input".
    public let name: String

    private init(descriptor: Int32, digest: [UInt8], byteCount: Int, name: String) {
        self.descriptor = descriptor
        self.digest = digest
        self.byteCount = byteCount
        self.name = name
    }

    deinit { close(descriptor) }

    /// Opens `path` (`-`: standard input) and reads it once for its digest.
    public static func open(_ path: String) throws -> InputFile {
        if path == "-" { return try copyStandardInput() }
        let descriptor = Foundation.open(path, O_RDONLY)
        guard descriptor >= 0 else { throw InputError("cannot read '\(path)': \(String(cString: strerror(errno)))") }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
            close(descriptor)
            throw InputError("cannot read '\(path)': not a regular file")
        }
        do {
            let (digest, count) = try hash(descriptor, copyingTo: nil)
            return InputFile(descriptor: descriptor, digest: digest, byteCount: count, name: path)
        } catch {
            close(descriptor)
            throw error
        }
    }

    /// Standard input, copied to an unlinked temporary file while hashing.
    static func copyStandardInput() throws -> InputFile {
        let copy = try TemporaryFile.make(prefix: "paddock-stdin")
        let (digest, count) = try hash(STDIN_FILENO, copyingTo: copy)
        return InputFile(descriptor: copy, digest: digest, byteCount: count, name: "standard input")
    }

    private static func hash(_ descriptor: Int32, copyingTo copy: Int32?) throws -> ([UInt8], Int) {
        var hasher = SHA256()
        var buffer = [UInt8](repeating: 0, count: 1 << 20)
        var total = 0
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0 {
                if errno == EINTR { continue }
                throw InputError("cannot read the input: \(String(cString: strerror(errno)))")
            }
            if count == 0 { break }
            try buffer.withUnsafeBytes { bytes in
                let read = UnsafeRawBufferPointer(rebasing: bytes[0..<count])
                hasher.update(bufferPointer: read)
                if let copy { try TemporaryFile.write(copy, read) }
            }
            total += count
        }
        guard lseek(copy ?? descriptor, 0, SEEK_SET) == 0 else { throw InputError("cannot rewind the input") }
        return (Array(hasher.finalize()), total)
    }

    /// The lines from the start, chunk by chunk.
    func chunks(chunkBytes: Int = 4 << 20) throws -> LineChunks {
        guard lseek(descriptor, 0, SEEK_SET) == 0 else { throw InputError("cannot rewind the input") }
        return LineChunks(descriptor: descriptor, chunkBytes: chunkBytes)
    }
}

/// The input cannot be read (not a line's fault).
public struct InputError: Error, CustomStringConvertible {
    public let description: String
    init(_ description: String) { self.description = description }
}

/// A file in the temporary directory, unlinked as soon as it is made: it disappears with its
/// descriptor, even when the process is killed.
enum TemporaryFile {
    static func make(prefix: String) throws -> Int32 {
        let directory = ProcessInfo.processInfo.environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array("\(directory)/\(prefix)-XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard descriptor >= 0 else { throw InputError("cannot make a temporary file in \(directory): \(String(cString: strerror(errno)))") }
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        return descriptor
    }

    static func write(_ descriptor: Int32, _ bytes: UnsafeRawBufferPointer) throws {
        do { try DescriptorWrite.all(bytes, to: descriptor) } catch {
            throw InputError("cannot write a temporary file: \(error.reason)")
        }
    }
}

/// A file's non-blank lines, a chunk of whole lines at a time, each line trimmed of ASCII
/// whitespace and numbered from 1. At most one chunk (and a line carried over) is in memory.
struct LineChunks {
    /// Whole lines read together: `lines[k]` is a range of `bytes`.
    struct Chunk {
        var bytes: [UInt8]
        var lines: [(range: Range<Int>, number: Int)]
    }

    /// A longer line is refused: nothing a person or tool writes as one event is that long.
    static let maxLineBytes = 16 << 20

    let descriptor: Int32
    let chunkBytes: Int
    private var carried: [UInt8] = []
    private var nextNumber = 1
    private var ended = false

    init(descriptor: Int32, chunkBytes: Int) {
        self.descriptor = descriptor
        self.chunkBytes = chunkBytes
    }

    /// The next chunk, or nil at the end of the file.
    mutating func next() throws -> Chunk? {
        guard !ended else { return nil }
        var bytes = carried
        carried = []
        var lastNewline: Int?
        while true {
            let start = bytes.count
            let room = max(chunkBytes - start, 1 << 16)
            bytes.reserveCapacity(start + room)
            let count = try readMore(into: &bytes, upTo: room)
            if count == 0 {
                ended = true
                break
            }
            if let newline = bytes[start...].lastIndex(of: 10) { lastNewline = newline }
            if bytes.count >= chunkBytes, lastNewline != nil { break }
            if lastNewline == nil, bytes.count > Self.maxLineBytes {
                throw LineError(line: nextNumber, reason: "longer than \(Self.maxLineBytes >> 20) MiB")
            }
        }
        let end: Int
        if ended {
            end = bytes.count
        } else {
            end = lastNewline! + 1
            carried = Array(bytes[end...])
            bytes.removeSubrange(end...)
        }
        var lines: [(range: Range<Int>, number: Int)] = []
        lines.reserveCapacity(bytes.count / 128)
        var lineStart = 0
        bytes.withUnsafeBufferPointer { buffer in
            func add(_ range: Range<Int>) {
                var lower = range.lowerBound, upper = range.upperBound
                while lower < upper, Self.isSpace(buffer[lower]) { lower += 1 }
                while upper > lower, Self.isSpace(buffer[upper - 1]) { upper -= 1 }
                if lower < upper { lines.append((lower..<upper, nextNumber)) }
                nextNumber += 1
            }
            var index = 0
            while index < end {
                if buffer[index] == 10 {
                    add(lineStart..<index)
                    lineStart = index + 1
                }
                index += 1
            }
            if lineStart < end { add(lineStart..<end) }
        }
        if lines.isEmpty && !ended { return try next() }
        if lines.isEmpty && bytes.isEmpty { return nil }
        return Chunk(bytes: bytes, lines: lines)
    }

    private func readMore(into bytes: inout [UInt8], upTo room: Int) throws -> Int {
        let start = bytes.count
        bytes.reserveCapacity(start + room)
        while true {
            let count = try withUnsafeTemporaryAllocation(of: UInt8.self, capacity: room) { scratch -> Int in
                let count = read(descriptor, scratch.baseAddress!, room)
                if count > 0 { bytes.append(contentsOf: UnsafeBufferPointer(rebasing: scratch[0..<count])) }
                if count < 0 && errno != EINTR { throw InputError("cannot read the input: \(String(cString: strerror(errno)))") }
                return count
            }
            if count >= 0 { return count }
        }
    }

    /// JSON's whitespace and the other ASCII blanks a text editor may leave.
    static func isSpace(_ byte: UInt8) -> Bool { byte == 32 || (9...13).contains(byte) }
}
