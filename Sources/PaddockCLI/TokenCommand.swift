import ArgumentParser
import EventStore
import Foundation
import Paddock
import PaddockServer

/// `paddock token create|list|revoke`: bearer tokens for the HTTP service. Only SHA-256 hashes are stored.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token", abstract: "Bearer tokens for 'paddock serve' (only their SHA-256 hashes are stored).",
        subcommands: [TokenCreateCommand.self, TokenListCommand.self, TokenRevokeCommand.self])
}
