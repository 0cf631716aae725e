import EventStore
import Foundation
import Paddock
import PaddockTestSupport

/// NDJSON lines for a small rallycross season, built as a newsroom would write them.
enum Sample {
    static let stream = "season:euro-rx-super1600:2018"

    static func line(_ stream: String = stream, type: String, occurredAt: String, payload: String, extra: String = "") -> String {
        #"{"stream":"\#(stream)","type":"\#(type)","occurredAt":"\#(occurredAt)","payload":\#(payload)\#(extra)}"#
    }

    /// Eight events: the championship, three competitors, the rules, rounds 1 and 2, round 1's final.
    static let season = [
        line(
            "championship:euro-rx-super1600", type: "ChampionshipRegistered", occurredAt: "2018",
            payload: #"{"championship":"euro-rx-super1600","name":"Euro RX Super1600","discipline":"rallycross"}"#),
        line(
            "competitor:jesse-kallio", type: "CompetitorRegistered", occurredAt: "2018",
            payload: #"{"competitor":"jesse-kallio","name":"Jesse Kallio","nationality":"FIN"}"#),
        line(
            "competitor:rokas-baciuska", type: "CompetitorRegistered", occurredAt: "2018",
            payload: #"{"competitor":"rokas-baciuska","name":"Rokas Baciuška","nationality":"LTU"}"#),
        line("competitor:x", type: "CompetitorRegistered", occurredAt: "2018", payload: #"{"competitor":"x","name":"Driver X"}"#),
        line(
            type: "RulesDeclared", occurredAt: "2018-04-01",
            payload: #"{"championship":"euro-rx-super1600","season":2018,"rules":{"scoring":[{"kinds":["final"],"points":[8,5,4]}]}}"#),
        line(
            type: "RoundScheduled", occurredAt: "2018-01-10",
            payload: #"{"championship":"euro-rx-super1600","season":2018,"round":1,"venue":"Barcelona","startDate":"2018-04-14"}"#),
        line(
            type: "RoundScheduled", occurredAt: "2018-01-10",
            payload: #"{"championship":"euro-rx-super1600","season":2018,"round":2,"venue":"Montalegre","startDate":"2018-04-28"}"#),
        line(
            type: "SessionClassified", occurredAt: "2018-04-15T16:00:00+02:00",
            payload:
                #"{"championship":"euro-rx-super1600","season":2018,"round":1,"session":"final","kind":"final","results":[{"position":1,"competitor":"rokas-baciuska"},{"position":2,"competitor":"jesse-kallio"},{"competitor":"x","status":"DNF","reason":"engine"}]}"#
        )
    ].joined(separator: "\n")
}

/// The directory of the built products (where the `paddock` executable is).
func productsDirectory() -> URL {
    let candidates = [
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent(),
        TestEnvironment.packageRoot.appendingPathComponent(".build/debug")
    ]
    return candidates.first { FileManager.default.isExecutableFile(atPath: $0.appendingPathComponent("paddock").path) } ?? candidates[1]
}

/// Runs the `paddock` executable; returns exit code, standard output and standard error.
func runPaddock(
    _ arguments: [String], stdin: String? = nil, environment: [String: String] = [:],
    in directory: URL? = nil
) throws -> (Int32, String, String) {
    let process = Process()
    if let directory { process.currentDirectoryURL = directory }
    process.executableURL = productsDirectory().appendingPathComponent("paddock")
    process.arguments = arguments
    var env = ProcessInfo.processInfo.environment
    for (key, value) in environment { env[key] = value }
    process.environment = env
    let out = Pipe(), err = Pipe(), input = Pipe()
    process.standardOutput = out
    process.standardError = err
    process.standardInput = input
    try process.run()
    if let stdin { input.fileHandleForWriting.write(Data(stdin.utf8)) }
    try input.fileHandleForWriting.close()
    let outData = out.fileHandleForReading.readDataToEndOfFile()
    let errData = err.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: outData, as: UTF8.self), String(decoding: errData, as: UTF8.self))
}
