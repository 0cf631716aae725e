import EventStore
import Foundation
import JSONToolkit
import Paddock
import SeasonDomain

/// Real inputs to mutate, per target: the demo log's lines, their payloads and envelopes, the F1
/// rule files' rules and exceptions, one payload of every event type, and the edges of points
/// and dates.
///
/// ```swift
/// let corpus = try FuzzCorpus(repository: packageRoot)
/// corpus.seeds(.payload).count   // > 200
/// ```
public struct FuzzCorpus: Sendable {
    public let lines: [[UInt8]]
    public let payloads: [[UInt8]]
    public let envelopes: [[UInt8]]
    public let points: [[UInt8]]
    public let dates: [[UInt8]]

    /// Reads the demo log and the F1 rule files under `repository` (the package's root).
    public init(repository: URL) throws {
        let demo = repository.appendingPathComponent("EventLog/demo")
        var lines: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: demo.path).sorted() where name.hasSuffix(".ndjson") {
            let text = try String(contentsOf: demo.appendingPathComponent(name), encoding: .utf8)
            lines += text.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
        }
        var payloads: [String] = []
        var envelopes: [String] = []
        var dates: Set<String> = []
        for (index, line) in lines.enumerated() {
            let members = try JSONScanner.memberTexts(of: line)
            guard let type = members.first(where: { $0.key == "type" }).flatMap({ JSONValue.parse($0.value)?.string }),
                let payload = members.first(where: { $0.key == "payload" })?.value
            else { continue }
            payloads.append("\(type)\n\(payload)")
            let parsed = try InputLine.parse(line, line: index + 1)
            dates.insert(parsed.event.occurredAt)
            envelopes.append(
                EnvelopeLine.encode(
                    RecordedEvent(
                        position: Int64(index + 1), eventId: parsed.event.eventId, stream: parsed.stream, streamVersion: index % 7 + 1,
                        type: parsed.event.type, schemaVersion: parsed.event.schemaVersion, occurredAt: parsed.event.occurredAt,
                        recordedAt: Timestamp.format(micros: 1_781_000_000_000_000 + Int64(index) * 1_000_117), actor: parsed.event.actor,
                        correlationId: parsed.event.correlationId, causationId: parsed.event.causationId, payload: parsed.event.payload,
                        hash: String(repeating: "0123456789abcdef", count: 4))))
        }
        // One payload of every type, also as lines of `paddock append`.
        for (type, payload) in Self.everyType {
            payloads.append("\(type)\n\(payload)")
            if let event = try? EventCatalogue.decode(type: type, schemaVersion: 1, payload: Data(payload.utf8)) {
                let stream = StreamName.of(event)?.text ?? "notes"
                lines.append(
                    #"{"stream":"\#(stream)","type":"\#(type)","occurredAt":"2020-06-12T15:30:00+02:00","expectedVersion":"any","payload":\#(payload)}"#)
            }
        }
        payloads += try Self.ruleFilePayloads(repository.appendingPathComponent("EventLog/rules/f1"))
        var points: Set<String> = ["25", "0.5", "1/7", "-2/3", "85/7", "4.5", ".25", "1.50"]
        for payload in payloads {
            for match in payload.matches(of: /"points":\[([^\]]*)\]/) {
                for item in match.1.split(separator: ",") { points.insert(item.trimmingCharacters(in: CharacterSet(charactersIn: "\" "))) }
            }
        }
        self.lines = lines.map { Array($0.utf8) }
        self.payloads = payloads.map { Array($0.utf8) }
        self.envelopes = envelopes.map { Array($0.utf8) }
        self.points = points.sorted().map { Array($0.utf8) }
        self.dates = (dates.sorted() + ["2018-06-10T15:30:00.123456+02:00", "2018-06-10T15:30Z", "2018-06-10 15:30:00-05:30"])
            .map { Array($0.utf8) }
    }

    /// The seeds of a target (the f1db target's come from its tree).
    public func seeds(_ target: FuzzTarget) -> [[UInt8]] {
        switch target {
        case .line: lines
        case .payload: payloads
        case .envelope: envelopes
        case .points: points
        case .dates: dates
        case .f1db: []
        }
    }

    /// Every rule file's rules as a RulesDeclared payload, and its exceptions as their events' payloads.
    static func ruleFilePayloads(_ directory: URL) throws -> [String] {
        var out: [String] = []
        for name in try FileManager.default.contentsOfDirectory(atPath: directory.path).sorted() where name.hasSuffix(".json") {
            guard let year = Int(name.dropLast(5)),
                let file = try JSONSerialization.jsonObject(with: Data(contentsOf: directory.appendingPathComponent(name))) as? [String: Any],
                let rules = file["rules"]
            else { continue }
            let declared: [String: Any] = ["championship": "f1", "season": year, "rules": rules]
            out.append("RulesDeclared\n" + String(decoding: try JSONSerialization.data(withJSONObject: declared, options: [.sortedKeys]), as: UTF8.self))
            for case let exception as [String: Any] in (file["exceptions"] as? [Any]) ?? [] {
                guard let type = exception["type"] as? String, type != "FastestLapAwarded", var payload = exception["payload"] as? [String: Any] else {
                    continue
                }
                payload["championship"] = "f1"
                payload["season"] = year
                out.append("\(type)\n" + String(decoding: try JSONSerialization.data(withJSONObject: payload, options: [.sortedKeys]), as: UTF8.self))
            }
        }
        return out
    }

    /// One valid payload of every event type (`FuzzTests` checks each is accepted and that none is missing).
    public static let everyType: [(type: String, payload: String)] = [
        (
            "ChampionshipRegistered",
            #"{"championship":"euro-rx-super1600","name":"European Rallycross Championship, Super1600","series":"FIA European Rallycross Championship","discipline":"rallycross","classes":["Super1600"],"country":"EU","organiser":"FIA"}"#
        ),
        ("SeasonOpened", #"{"championship":"euro-rx-super1600","season":2020,"name":"2020 Euro RX","classes":["Super1600"]}"#),
        (
            "RulesDeclared",
            #"{"championship":"f1","season":2019,"note":"FIA Sporting Regulations 2019","rules":{"scoring":[{"kinds":["race"],"points":[25,18,15,12,10,8,6,4,2,1]}],"bonuses":[{"kind":"fastestLap","points":1,"onlyIfClassifiedWithin":10}],"multipliers":[{"whenCompletedDistanceBelow":0.75,"factor":0.5}]}}"#
        ),
        (
            "RulesAmended",
            #"{"championship":"euro-rx-super1600","season":2020,"class":"Super1600","fromRound":3,"reason":"calendar shortened","rules":{"scoring":[{"kinds":["semiFinal"],"points":[6,5,4,3,2,1]},{"kinds":["final"],"points":[8,5,4,3,2,1],"minimumDistance":"1/2"}],"sharedDrives":"splitEquallyBestCarOnly","counting":{"mode":"best","count":4}}}"#
        ),
        (
            "RoundScheduled",
            #"{"championship":"euro-rx-super1600","season":2020,"round":1,"name":"World RX of Norway","venue":"Hell","country":"NOR","startDate":"2020-06-12","endDate":"2020-06-14"}"#
        ),
        (
            "RoundRescheduled",
            #"{"championship":"euro-rx-super1600","season":2020,"round":2,"startDate":"2020-10","venue":"Höljes","country":"SWE","reason":"pandemic"}"#
        ),
        ("RoundCancelled", #"{"championship":"euro-rx-super1600","season":2020,"round":5,"reason":"pandemic"}"#),
        (
            "CompetitorRegistered",
            #"{"competitor":"jesse-kallio","name":"Jesse Kallio","givenName":"Jesse","familyName":"Kallio","nationality":"FIN","birthDate":"1997","roles":["driver","coDriver"]}"#
        ),
        ("TeamRegistered", #"{"team":"g-fors-rx","name":"G-Fors RX","nationality":"FIN"}"#),
        (
            "EntryConfirmed",
            #"{"championship":"euro-rx-super1600","season":2020,"class":"Super1600","competitor":"jesse-kallio","team":"g-fors-rx","car":"Ford Fiesta","number":"07","rounds":[1,2,4]}"#
        ),
        (
            "TeamChanged",
            #"{"championship":"euro-rx-super1600","season":2020,"competitor":"jesse-kallio","fromTeam":"g-fors-rx","toTeam":"kallio-racing","fromRound":3,"effectiveDate":"2020-08"}"#
        ),
        ("CarChanged", #"{"competitor":"jesse-kallio","fromCar":"Škoda Fabia","toCar":"Ford Fiesta","effectiveDate":"2019-05-01"}"#),
        (
            "SessionClassified",
            #"{"championship":"euro-rx-super1600","season":2020,"round":1,"class":"Super1600","session":"final","kind":"final","number":1,"completedDistance":"2/3","results":[{"position":1,"competitor":"jesse-kallio","team":"g-fors-rx","car":"Ford Fiesta","number":"7","laps":6,"time":"4:12.345","fastestLap":true},{"position":2,"competitor":"anna-virta","sharedWith":["ville-maki"],"laps":6,"gap":"+1.2"},{"position":2,"competitor":"ville-maki","sharedWith":["anna-virta"],"coDriver":"eeva-aho","laps":6,"gap":"+1.2"},{"competitor":"timo-aho","status":"DNF","reason":"engine","laps":2}]}"#
        ),
        (
            "RetirementRecorded",
            #"{"championship":"euro-rx-super1600","season":2020,"round":1,"session":"heat-2","competitor":"timo-aho","reason":"engine","lap":2}"#
        ),
        (
            "PenaltyApplied",
            #"{"championship":"euro-rx-super1600","season":2020,"round":1,"class":"Super1600","session":"final","competitor":"jesse-kallio","kind":"time","seconds":2.5,"reason":"jump start"}"#
        ),
        (
            "PenaltyApplied",
            #"{"championship":"f1","season":1958,"round":7,"session":"race","competitor":"stuart-lewis-evans","kind":"positions","positions":2,"points":1.5,"reason":"push start","table":"competitors"}"#
        ),
        (
            "ResultCorrected",
            #"{"championship":"euro-rx-super1600","season":2020,"round":1,"session":"final","corrects":["0190f5a2-7c4b-7d3e-9a11-2b3c4d5e6f70"],"kind":"final","completedDistance":0.5,"results":[{"position":1,"competitor":"anna-virta","sharedWith":["ville-maki"]},{"competitor":"timo-aho","status":"DNS"}],"reason":"Kallio excluded"}"#
        ),
        ("EventRetracted", #"{"retracts":"0190f5a2-7c4b-7d3e-9a11-2b3c4d5e6f71","reason":"entered twice"}"#),
        (
            "RoundMultiplierDecided",
            #"{"championship":"f1","season":2021,"round":12,"factor":0.5,"sessions":["race"],"reason":"Spa: fewer than 2 laps behind the safety car"}"#
        ),
        (
            "TitleAwarded",
            #"{"championship":"euro-rx-super1600","season":2020,"class":"Super1600","competitor":"jesse-kallio","title":"European champion, Super1600"}"#
        ),
        (
            "PointsAdjusted",
            #"{"championship":"f1","season":1954,"competitor":"juan-manuel-fangio","points":"85/7","mode":"total","afterRound":9,"reason":"official total, shared fastest laps"}"#
        ),
        (
            "StandingsPublished",
            #"{"championship":"euro-rx-super1600","season":2018,"afterRound":6,"rows":[{"position":6,"competitor":"jesse-kallio"},{"position":1,"competitor":"rokas-baciuska","points":233}],"complete":false,"reason":"sixth in the Super1600 EM points"}"#
        ),
        (
            "CircuitRegistered",
            #"{"circuit":"bahrain","name":"Bahrain International Circuit","locality":"Sakhir","country":"Bahrain","latitude":26.0325,"longitude":50.5106}"#
        ),
        ("CompetitorDetailsRecorded", #"{"competitor":"max-verstappen","code":"VER","permanentNumber":33,"demonym":"Dutch"}"#),
        ("TeamDetailsRecorded", #"{"team":"red-bull","demonym":"Austrian","country":"Austria"}"#),
        ("AliasRecorded", #"{"entity":"competitor","id":"max-verstappen","alias":"max_verstappen","scheme":"ergast"}"#),
        (
            "RoundDetailsRecorded",
            #"{"championship":"f1","season":2021,"round":1,"circuit":"bahrain","sessions":[{"kind":"qualifying","date":"2021-03-27","time":"15:00:00Z"},{"kind":"race","date":"2021-03-28","time":"15:00:00Z"}]}"#
        ),
        (
            "QualifyingRecorded",
            #"{"championship":"f1","season":2021,"round":1,"session":"qualifying","results":[{"position":1,"competitor":"max-verstappen","team":"red-bull","number":"33","q1":"1:30.499","q2":"1:30.318","q3":"1:28.997"},{"position":2,"competitor":"fernando-alonso","team":"mclaren","number":"14","q1":"1:31.200"}]}"#
        ),
        (
            "StartingGridRecorded",
            #"{"championship":"f1","season":2021,"round":1,"session":"race","positions":[{"position":1,"competitor":"max-verstappen","number":"33"},{"pitLane":true,"competitor":"fernando-alonso","number":"14"}]}"#
        ),
        (
            "FastestLapsRecorded",
            #"{"championship":"f1","season":2021,"round":1,"session":"race","laps":[{"rank":1,"competitor":"max-verstappen","number":"33","lap":44,"time":"1:32.090"},{"rank":2,"competitor":"lewis-hamilton","number":"44","lap":40,"time":"1:32.100"}]}"#
        ),
        (
            "PitStopsRecorded",
            #"{"championship":"f1","season":2021,"round":1,"session":"race","stops":[{"competitor":"max-verstappen","number":"33","stop":1,"lap":17,"duration":"24.767"},{"competitor":"max-verstappen","number":"33","stop":2,"lap":39,"duration":"23.111"}]}"#
        ),
        (
            "Note",
            #"{"text":"Kallio voitti finaalin.","source":{"title":"Kallio voitti","url":"https://example.fi/a/1","quote":"Kallio voitti.","language":"fi"},"about":["0190f5a2-7c4b-7d3e-9a11-2b3c4d5e6f70"],"subject":"jesse-kallio"}"#
        )
    ]
}
