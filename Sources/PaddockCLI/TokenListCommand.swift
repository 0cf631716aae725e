import ArgumentParser
import Credentials
import EventStore
import Foundation
import Paddock
import PaddockServer

struct TokenListCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the tokens: name, role, created, expires, last used (to within a few seconds), revoked.")
    @OptionGroup var options: DatabaseOptions

    func run() async throws {
        print(["name", "role", "created", "expires", "last used", "revoked"].joined(separator: "\t"))
        for c in try await options.openCredentials().listCredentials() {
            print([c.name, c.role, c.createdAt, c.expiresAt ?? "-", c.lastUsedAt ?? "never", c.revokedAt ?? "-"].joined(separator: "\t"))
        }
    }
}
