import Foundation

/// Paddock's own style sheet, script and icon (`Resources/`), served by Paddock at `/assets/NAME`.
/// Each address carries a hash of the file's bytes (`?v=`), so browsers may keep a file for long and
/// still get a changed one at once.
///
/// ```swift
/// Assets.href("paddock.css")      // "/assets/paddock.css?v=3f2a9c1e07b4"
/// Assets.file(named: "paddock.js")?.contentType   // "text/javascript; charset=utf-8"
/// ```
public enum Assets {
    public struct File: Sendable {
        public let name: String
        public let text: String
        public let contentType: String
        /// A hash of the bytes: the `?v=` of the address and the ETag.
        public let version: String
    }

    static let types = ["css": "text/css; charset=utf-8", "js": "text/javascript; charset=utf-8", "svg": "image/svg+xml"]

    /// Every asset, by file name, read once from the bundle.
    public static let files: [String: File] = {
        var files: [String: File] = [:]
        for name in ["paddock.css", "paddock.js", "icon.svg"] {
            let base = (name as NSString).deletingPathExtension, ext = (name as NSString).pathExtension
            guard
                let url = Bundle.module.url(forResource: base, withExtension: ext, subdirectory: "Resources")
                    ?? Bundle.module.url(forResource: base, withExtension: ext),
                let text = try? String(contentsOf: url, encoding: .utf8)
            else { continue }
            files[name] = File(name: name, text: text, contentType: types[ext] ?? "application/octet-stream", version: hash(text))
        }
        return files
    }()

    public static func file(named name: String) -> File? { files[name] }

    /// The address of an asset, with its version.
    public static func href(_ name: String) -> String {
        "/assets/\(name)" + (files[name].map { "?v=\($0.version)" } ?? "")
    }

    /// FNV-1a, 64 bits, as 16 hex digits: enough to tell versions of a file apart.
    static func hash(_ text: String) -> String {
        var h: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            h ^= UInt64(byte)
            h = h &* 0x100_0000_01b3
        }
        let hex = String(h, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }
}
