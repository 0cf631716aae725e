import ArgumentParser
import EventStore
import Foundation
import PaddockServer

/// `paddock token create|list`: bearer tokens for the HTTP service. Only SHA-256 hashes are stored.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Bearer tokens for 'paddock serve' (only their SHA-256 hashes are stored).",
        subcommands: [Create.self, List.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a token and print it, once.")
        @OptionGroup var options: DatabaseOptions
        @Option(help: "The token's name, recorded as the actor of what it appends.") var name: String
        @Option(help: "recorder (appends, desk routes), steward (also penalties, corrections, retractions) or admin.") var role: String

        func validate() throws {
            guard Role(rawValue: role) != nil else {
                throw UserError("--role must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", ")), not '\(role)'")
            }
        }

        func run() async throws {
            let token = CredentialToken.generate()
            do {
                try await options.openStore().saveCredential(name: name, role: role, hash: CredentialToken.hash(token))
            } catch let error as CredentialError {
                throw UserError(error.description)
            }
            print(token)
            FileHandle.standardError.write(Data("token '\(name)' (\(role)) created; it is shown only this once\n".utf8))
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List the tokens' names and roles.")
        @OptionGroup var options: DatabaseOptions

        func run() async throws {
            for credential in try await options.openStore().listCredentials() {
                print("\(credential.name)\t\(credential.role)\t\(credential.createdAt)")
            }
        }
    }
}
