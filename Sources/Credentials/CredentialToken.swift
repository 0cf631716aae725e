import Crypto
import Foundation

/// Bearer tokens: generation (256 random bits, URL-safe) and hashing (SHA-256, lowercase hex).
public enum CredentialToken {
    /// A new random token, e.g. `pdk_3q2…` (prefix + 43 base64url characters).
    public static func generate() -> String {
        var generator = SystemRandomNumberGenerator()
        let bytes = (0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) }
        let text = Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        return "pdk_" + text
    }

    /// The SHA-256 of the token's UTF-8 bytes, as lowercase hex: what the store keeps.
    public static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }
}
