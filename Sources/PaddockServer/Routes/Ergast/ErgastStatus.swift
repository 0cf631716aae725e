import SeasonDomain

/// Ergast's finishing statuses: its numbered table (ids 1–141 as Ergast published them, 142–143 as
/// Jolpica-F1 added them) and how a Paddock result maps onto it.
///
/// A classified car is `Finished`, or `+N Lap(s)` behind the winner's laps; a car that did not
/// finish takes its recorded reason when Ergast's table has that word (case aside: `Power unit` is
/// `Power Unit`), else `Retired`; disqualified, excluded, not classified and non-starters are
/// `Disqualified`, `Excluded`, `Not classified` and `Withdrew` (the status Ergast gives with `W`);
/// a car with a qualifying result and no race row `Did not qualify` (`F`).
///
/// ```swift
/// ErgastStatus.of(row, leaderLaps: 57).text   // "+1 Lap"
/// ErgastStatus.named("collision")?.id         // 4
/// ```
struct ErgastStatus: Sendable, Hashable {
    let id: Int
    let text: String

    static let table: [(id: Int, text: String)] = [
        (1, "Finished"), (2, "Disqualified"), (3, "Accident"), (4, "Collision"), (5, "Engine"), (6, "Gearbox"),
        (7, "Transmission"), (8, "Clutch"), (9, "Hydraulics"), (10, "Electrical"), (11, "+1 Lap"), (12, "+2 Laps"),
        (13, "+3 Laps"), (14, "+4 Laps"), (15, "+5 Laps"), (16, "+6 Laps"), (17, "+7 Laps"), (18, "+8 Laps"), (19, "+9 Laps"),
        (20, "Spun off"), (21, "Radiator"), (22, "Suspension"), (23, "Brakes"), (24, "Differential"), (25, "Overheating"),
        (26, "Mechanical"), (27, "Tyre"), (28, "Driver Seat"), (29, "Puncture"), (30, "Driveshaft"), (31, "Retired"),
        (32, "Fuel pressure"), (33, "Front wing"), (34, "Water pressure"), (35, "Refuelling"), (36, "Wheel"), (37, "Throttle"),
        (38, "Steering"), (39, "Technical"), (40, "Electronics"), (41, "Broken wing"), (42, "Heat shield fire"),
        (43, "Exhaust"), (44, "Oil leak"), (45, "+11 Laps"), (46, "Wheel rim"), (47, "Water leak"), (48, "Fuel pump"),
        (49, "Track rod"), (50, "+17 Laps"), (51, "Oil pressure"), (53, "+13 Laps"), (54, "Withdrew"), (55, "+12 Laps"),
        (56, "Engine fire"), (58, "+26 Laps"), (59, "Tyre puncture"), (60, "Out of fuel"), (61, "Wheel nut"),
        (62, "Not classified"), (63, "Pneumatics"), (64, "Handling"), (65, "Rear wing"), (66, "Fire"), (67, "Wheel bearing"),
        (68, "Physical"), (69, "Fuel system"), (70, "Oil line"), (71, "Fuel rig"), (72, "Launch control"), (73, "Injured"),
        (74, "Fuel"), (75, "Power loss"), (76, "Vibrations"), (77, "107% Rule"), (78, "Safety"), (79, "Drivetrain"),
        (80, "Ignition"), (81, "Did not qualify"), (82, "Injury"), (83, "Chassis"), (84, "Battery"), (85, "Stalled"),
        (86, "Halfshaft"), (87, "Crankshaft"), (88, "+10 Laps"), (89, "Safety concerns"), (90, "Not restarted"),
        (91, "Alternator"), (92, "Underweight"), (93, "Safety belt"), (94, "Oil pump"), (95, "Fuel leak"), (96, "Excluded"),
        (97, "Did not prequalify"), (98, "Injection"), (99, "Distributor"), (100, "Driver unwell"), (101, "Turbo"),
        (102, "CV joint"), (103, "Water pump"), (104, "Fatal accident"), (105, "Spark plugs"), (106, "Fuel pipe"),
        (107, "Eye injury"), (108, "Oil pipe"), (109, "Axle"), (110, "Water pipe"), (111, "+14 Laps"), (112, "+15 Laps"),
        (113, "+25 Laps"), (114, "+18 Laps"), (115, "+22 Laps"), (116, "+16 Laps"), (117, "+24 Laps"), (118, "+29 Laps"),
        (119, "+23 Laps"), (120, "+21 Laps"), (121, "Magneto"), (122, "+44 Laps"), (123, "+30 Laps"), (124, "+19 Laps"),
        (125, "+46 Laps"), (126, "Supercharger"), (127, "+20 Laps"), (128, "+42 Laps"), (129, "Engine misfire"),
        (130, "Collision damage"), (131, "Power Unit"), (132, "ERS"), (133, "+49 Laps"), (134, "+38 Laps"), (135, "Brake duct"),
        (136, "Seat"), (137, "Damage"), (138, "Debris"), (139, "Illness"), (140, "Undertray"), (141, "Cooling system"),
        (142, "Did not start"), (143, "Lapped")
    ]

    private static let byFoldedText: [String: ErgastStatus] = Dictionary(
        table.map { ($0.text.lowercased(), ErgastStatus(id: $0.id, text: $0.text)) }, uniquingKeysWith: { a, _ in a })
    private static let byID: [Int: ErgastStatus] = Dictionary(uniqueKeysWithValues: table.map { ($0.id, ErgastStatus(id: $0.id, text: $0.text)) })

    static func named(_ text: String) -> ErgastStatus? { byFoldedText[text.lowercased()] }
    static func id(_ id: Int) -> ErgastStatus? { byID[id] }

    static let finished = ErgastStatus(id: 1, text: "Finished")
    static let disqualified = ErgastStatus(id: 2, text: "Disqualified")
    static let retired = ErgastStatus(id: 31, text: "Retired")
    static let withdrew = ErgastStatus(id: 54, text: "Withdrew")
    static let notClassified = ErgastStatus(id: 62, text: "Not classified")
    static let didNotQualify = ErgastStatus(id: 81, text: "Did not qualify")
    static let excluded = ErgastStatus(id: 96, text: "Excluded")
    static let lapped = ErgastStatus(id: 143, text: "Lapped")

    /// The status of one row of a race or sprint whose leader completed `leaderLaps`.
    static func of(_ row: ClassifiedResult, leaderLaps: Int?) -> ErgastStatus {
        switch row.status {
        case .classified:
            guard let laps = row.laps, let leaderLaps, leaderLaps > laps else { return .finished }
            let behind = leaderLaps - laps
            return named(behind == 1 ? "+1 Lap" : "+\(behind) Laps") ?? .lapped
        case .dnf: return row.reason.flatMap(named) ?? .retired
        case .dns: return .withdrew
        case .dsq: return .disqualified
        case .ex: return .excluded
        case .nc: return .notClassified
        }
    }

    /// Ergast's `positionText` of a row: its position when classified, else a letter.
    static func positionText(_ row: ClassifiedResult) -> String {
        switch row.status {
        case .classified: row.position.map(String.init) ?? "R"
        case .dnf: "R"
        case .dns: "W"
        case .dsq: "D"
        case .ex: "E"
        case .nc: "N"
        }
    }
}
