import ArgumentParser
import Credentials
import EventStore
import Foundation
import Paddock
import PaddockServer

struct TokenRevokeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke",
        abstract: "Revoke a token by name: a running service refuses it within the 5 s it remembers a known token.")
    @OptionGroup var options: DatabaseOptions
    @Argument(help: "The token's name.") var name: String

    func run() async throws {
        guard try await options.openCredentials().revokeCredential(name: name) else { throw UserError("no token named '\(name)'") }
        print("token '\(name)' revoked")
    }
}
