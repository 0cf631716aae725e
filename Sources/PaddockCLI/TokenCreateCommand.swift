import ArgumentParser
import Credentials
import EventStore
import Foundation
import Paddock
import PaddockServer

struct TokenCreateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "create", abstract: "Create a token and print it, once.")
    @OptionGroup var options: DatabaseOptions
    @Option(help: "The token's name, recorded as the actor of what it appends.") var name: String
    @Option(
        help:
            "recorder (rounds, entries, classifications, retirements, notes), steward (also penalties, corrections, retractions, multiplier decisions, adjustments) or admin (everything)."
    )
    var role: String
    @Option(help: ArgumentHelp("Refuse the token after this long: 12h, 30d, 2w.", valueName: "duration")) var expiresIn: String?

    func validate() throws {
        guard Role(rawValue: role) != nil else {
            throw UserError("--role must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", ")), not '\(role)'")
        }
        if let expiresIn, Self.seconds(expiresIn) == nil {
            throw UserError("--expires-in: '\(expiresIn)' is not a duration: a whole number and h, d or w (12h, 30d, 2w), at most 10 years")
        }
    }

    /// `12h`, `30d`, `2w` in seconds; nil for anything else, zero, or beyond ten years.
    static func seconds(_ text: String) -> Int? {
        guard let unit = text.last, let count = Int(text.dropLast()), count >= 1 else { return nil }
        let scale: Int
        switch unit {
        case "h": scale = 3_600
        case "d": scale = 86_400
        case "w": scale = 604_800
        default: return nil
        }
        let (total, overflow) = count.multipliedReportingOverflow(by: scale)
        return !overflow && total <= 10 * 366 * 86_400 ? total : nil
    }

    func run() async throws {
        let token = CredentialToken.generate()
        let expiresAt = expiresIn.flatMap(Self.seconds).map { Timestamp.format(Date().addingTimeInterval(TimeInterval($0))) }
        do {
            try await options.openCredentials().saveCredential(name: name, role: role, hash: CredentialToken.hash(token), expiresAt: expiresAt)
        } catch let error as CredentialError {
            throw UserError(error.description)
        }
        print(token)
        let until = expiresAt.map { ", expires \($0)" } ?? ""
        FileHandle.standardError.write(Data("token '\(name)' (\(role)\(until)) created; it is shown only this once\n".utf8))
    }
}
