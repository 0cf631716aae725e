import Foundation

/// Writes a whole buffer to a file descriptor with write(2): again after a short write or an
/// interruption (EINTR), until every byte is out or write(2) fails. Shared by the bulk path's
/// temporary files and the command line's standard output, which write millions of lines.
///
/// ```swift
/// try DescriptorWrite.all(bytes, to: STDOUT_FILENO)
/// ```
public enum DescriptorWrite {
    /// write(2) failed: `reason` is the system's word for why (strerror).
    public struct Failure: Error, Sendable, CustomStringConvertible {
        public let reason: String
        public var description: String { reason }
    }

    public static func all(_ bytes: UnsafeRawBufferPointer, to descriptor: Int32) throws(Failure) {
        guard let base = bytes.baseAddress else { return }  // an empty buffer has nothing to write
        var offset = 0
        while offset < bytes.count {
            let written = Foundation.write(descriptor, base + offset, bytes.count - offset)
            if written < 0 {
                if errno == EINTR { continue }
                throw Failure(reason: String(cString: strerror(errno)))
            }
            offset += written
        }
    }
}
