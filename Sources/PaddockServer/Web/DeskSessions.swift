import Foundation
import HTTPTypes
import Hummingbird
import Synchronization

/// The web desk's sessions: a browser signs in with a bearer token once and then holds a random
/// session id in an HttpOnly, SameSite=Strict cookie without an expiry (gone when the browser
/// closes). The token itself is never kept in the browser nor put in an address. Each session has
/// its own token for cross-site request forgery protection, which every desk form carries.
///
/// Bounded: at most ``maxSessions``; idle ones expire after ``idleLimit``; when full, the least
/// recently used goes. Kept in memory: a restart of the service signs everyone out.
///
/// ```swift
/// let sessions = DeskSessions()
/// let (id, session) = sessions.open(for: caller)
/// sessions.session(id)?.caller.name
/// ```
final class DeskSessions: Sendable {
    struct Session: Sendable {
        var caller: Caller
        /// The anti-forgery token of every form of this session.
        var csrf: String
        var lastUsed: ContinuousClock.Instant
    }

    static let cookieName = "paddock_desk"
    let maxSessions: Int
    let idleLimit: Duration
    private let sessions = Mutex<[String: Session]>([:])

    init(maxSessions: Int = 1024, idleLimit: Duration = .seconds(12 * 3600)) {
        self.maxSessions = maxSessions
        self.idleLimit = idleLimit
    }

    /// A new session for a caller whose token was checked.
    func open(for caller: Caller) -> (id: String, session: Session) {
        let id = Self.randomToken(), session = Session(caller: caller, csrf: Self.randomToken(), lastUsed: .now)
        sessions.withLock { sessions in
            let now = ContinuousClock.now
            sessions = sessions.filter { now - $0.value.lastUsed < idleLimit }
            if sessions.count >= maxSessions, let oldest = sessions.min(by: { $0.value.lastUsed < $1.value.lastUsed })?.key {
                sessions[oldest] = nil
            }
            sessions[id] = session
        }
        return (id, session)
    }

    /// The session a request's cookie names, if it is open (and not idle too long); marks it used.
    func session(of request: Request) -> (id: String, session: Session)? {
        guard let id = Self.cookie(Self.cookieName, in: request) else { return nil }
        return sessions.withLock { sessions in
            guard var session = sessions[id] else { return nil }
            let now = ContinuousClock.now
            guard now - session.lastUsed < idleLimit else {
                sessions[id] = nil
                return nil
            }
            session.lastUsed = now
            sessions[id] = session
            return (id, session)
        }
    }

    func close(_ id: String) {
        sessions.withLock { $0[id] = nil }
    }

    var count: Int { sessions.withLock { $0.count } }

    // MARK: - Cookies and tokens

    /// The cookie that holds a session: not readable by script, never sent by another site.
    static func setCookie(_ id: String) -> String {
        "\(cookieName)=\(id); Path=/; HttpOnly; SameSite=Strict"
    }

    static let clearCookie = "\(cookieName)=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0"

    /// A cookie's value from the `Cookie` header(s).
    static func cookie(_ name: String, in request: Request) -> String? {
        for header in request.headers[values: .cookie] {
            for pair in header.split(separator: ";") {
                let parts = pair.split(separator: "=", maxSplits: 1)
                if parts.count == 2, parts[0].trimmingCharacters(in: .whitespaces) == name {
                    return parts[1].trimmingCharacters(in: .whitespaces)
                }
            }
        }
        return nil
    }

    /// 256 random bits as 64 hex digits.
    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in
            let hex = String(generator.next() as UInt64, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }

    /// Compares two texts in time that does not depend on where they differ.
    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var difference: UInt8 = 0
        for i in x.indices { difference |= x[i] ^ y[i] }
        return difference == 0
    }
}
