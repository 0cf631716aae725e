import Foundation

@testable import SeasonDomain

/// One realistic sample of every event type.
enum Samples {
    static let idA = UUID(uuidString: "0190F5A2-7C4B-7D3E-9A11-2B3C4D5E6F70")!
    static let idB = UUID(uuidString: "0190F5A2-7C4B-7D3E-9A11-2B3C4D5E6F71")!

    static func date(_ text: String) -> PartialDate { try! PartialDate(text) }

    /// F1 2019: 25-18-15-12-10-8-6-4-2-1 for the race, +1 for the fastest lap if classified in the top 10.
    static let f1Rules = RuleSet(
        scoring: [SessionScoring(kinds: [.race], points: [25, 18, 15, 12, 10, 8, 6, 4, 2, 1])],
        bonuses: [BonusRule(kind: .fastestLap, points: 1, onlyIfClassifiedWithin: 10)],
        multipliers: [MultiplierRule(whenCompletedDistanceBelow: Points(3, 4), factor: Points(1, 2))],
        teams: TeamRules())

    static let rallycrossRules = RuleSet(
        scoring: [
            SessionScoring(kinds: [.intermediate], points: [16, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1]),
            SessionScoring(kinds: [.semiFinal], points: [6, 5, 4, 3, 2, 1]),
            SessionScoring(kinds: [.final], points: [8, 5, 4, 3, 2, 1], minimumDistance: Points(1, 2))
        ],
        sharedDrives: .splitEquallyBestCarOnly,
        counting: .split(firstRounds: 6, bestOfFirst: 5, bestOfRest: 4),
        tieBreak: [.countback, .lastRoundResult],
        eligibility: Eligibility(registeredEntriesOnly: true, scoringStatuses: [.classified, .nc]),
        teams: TeamRules(scoring: .bestCars(2), counting: .best(8), bonusesCount: false, sharedDrives: SharedDrivePolicy.none))

    static let results = [
        ClassifiedResult(
            position: 1, competitor: "jesse-kallio", team: "g-fors-rx", car: "Ford Fiesta", number: "7",
            laps: 6, time: "4:12.345", fastestLap: true),
        ClassifiedResult(position: 2, competitor: "anna-virta", sharedWith: ["ville-maki"], laps: 6, gap: "+1.2"),
        ClassifiedResult(position: 2, competitor: "ville-maki", sharedWith: ["anna-virta"], laps: 6, gap: "+1.2"),
        ClassifiedResult(position: nil, competitor: "timo-aho", status: .dnf, reason: "engine", laps: 2)
    ]

    static let all: [SeasonEvent] = [
        .championshipRegistered(
            ChampionshipRegistered(
                championship: "euro-rx-super1600", name: "European Rallycross Championship, Super1600",
                series: "FIA European Rallycross Championship", discipline: .rallycross, classes: ["Super1600"],
                country: "EU", organiser: "FIA")),
        .seasonOpened(SeasonOpened(championship: "euro-rx-super1600", season: 2020, name: "2020 Euro RX", classes: ["Super1600"])),
        .rulesDeclared(RulesDeclared(championship: "f1", season: 2019, rules: f1Rules, note: "FIA Sporting Regulations 2019")),
        .rulesAmended(
            RulesAmended(
                championship: "euro-rx-super1600", season: 2020, className: "Super1600", fromRound: 3,
                rules: rallycrossRules, reason: "calendar shortened")),
        .roundScheduled(
            RoundScheduled(
                championship: "euro-rx-super1600", season: 2020, round: 1, name: "World RX of Norway",
                venue: "Hell", country: "NOR", startDate: date("2020-06-12"), endDate: date("2020-06-14"))),
        .roundRescheduled(
            RoundRescheduled(
                championship: "euro-rx-super1600", season: 2020, round: 2, startDate: date("2020-10"),
                venue: "Höljes", country: "SWE", reason: "pandemic")),
        .roundCancelled(RoundCancelled(championship: "euro-rx-super1600", season: 2020, round: 5, reason: "pandemic")),
        .competitorRegistered(
            CompetitorRegistered(
                competitor: "jesse-kallio", name: "Jesse Kallio", givenName: "Jesse",
                familyName: "Kallio", nationality: "FIN", birthDate: date("1997"),
                roles: [.driver, .coDriver])),
        .teamRegistered(TeamRegistered(team: "g-fors-rx", name: "G-Fors RX", nationality: "FIN")),
        .entryConfirmed(
            EntryConfirmed(
                championship: "euro-rx-super1600", season: 2020, className: "Super1600",
                competitor: "jesse-kallio", coDriver: nil, team: "g-fors-rx", car: "Ford Fiesta",
                number: "07", rounds: [1, 2, 4])),
        .teamChanged(
            TeamChanged(
                championship: "euro-rx-super1600", season: 2020, competitor: "jesse-kallio",
                fromTeam: "g-fors-rx", toTeam: "kallio-racing", fromRound: 3, effectiveDate: date("2020-08"))),
        .carChanged(
            CarChanged(
                competitor: "jesse-kallio", fromCar: "Škoda Fabia", toCar: "Ford Fiesta",
                effectiveDate: date("2019-05-01"))),
        .sessionClassified(
            SessionClassified(
                championship: "euro-rx-super1600", season: 2020, round: 1, className: "Super1600",
                session: "final", kind: .final, number: 1, completedDistance: Points(2, 3),
                results: results)),
        .retirementRecorded(
            RetirementRecorded(
                championship: "euro-rx-super1600", season: 2020, round: 1, session: "heat-2",
                competitor: "timo-aho", reason: "engine", lap: 2)),
        .penaltyApplied(
            PenaltyApplied(
                championship: "euro-rx-super1600", season: 2020, round: 1, className: "Super1600",
                session: "final", competitor: "jesse-kallio", kind: .time, seconds: 2.5,
                reason: "jump start")),
        .resultCorrected(
            ResultCorrected(
                championship: "euro-rx-super1600", season: 2020, round: 1, session: "final",
                corrects: [idA], kind: .final, completedDistance: Points(1, 2),
                results: Array(results.dropFirst()), reason: "Kallio excluded")),
        .eventRetracted(EventRetracted(retracts: idB, reason: "entered twice")),
        .roundMultiplierDecided(
            RoundMultiplierDecided(
                championship: "f1", season: 2021, round: 12, factor: Points(1, 2),
                sessions: [.race], reason: "Spa: fewer than 2 laps behind the safety car")),
        .titleAwarded(
            TitleAwarded(
                championship: "euro-rx-super1600", season: 2020, className: "Super1600",
                competitor: "jesse-kallio", title: "European champion, Super1600")),
        .pointsAdjusted(
            PointsAdjusted(
                championship: "f1", season: 1954, competitor: "juan-manuel-fangio", points: Points(85, 7),
                mode: .total, afterRound: 9, reason: "official total, shared fastest laps")),
        .standingsPublished(
            StandingsPublished(
                championship: "euro-rx-super1600", season: 2018, afterRound: 6,
                rows: [
                    PublishedStandingRow(position: 6, competitor: "jesse-kallio"),
                    PublishedStandingRow(position: 1, competitor: "rokas-baciuska", points: Points(233))
                ],
                complete: false, reason: "sixth in the Super1600 EM points")),
        .note(
            Note(
                text: "Kallio voitti finaalin.",
                source: SourceCitation(
                    title: "Kallio voitti", url: "https://example.fi/a/1", quote: "Kallio voitti.",
                    language: "fi"),
                about: [idA, idB], subject: "jesse-kallio")),
        .circuitRegistered(
            CircuitRegistered(
                circuit: "baku", name: "Baku City Circuit", locality: "Baku", country: "Azerbaijan",
                latitude: 40.3725, longitude: 49.853333)),
        .competitorDetailsRecorded(
            CompetitorDetailsRecorded(
                competitor: "max-verstappen", code: "VER", permanentNumber: 33, demonym: "Dutch",
                url: "https://en.wikipedia.org/wiki/Max_Verstappen")),
        .teamDetailsRecorded(TeamDetailsRecorded(team: "red-bull", demonym: "Austrian", country: "Austria")),
        .aliasRecorded(AliasRecorded(entity: .competitor, id: "max-verstappen", alias: "max_verstappen", scheme: "ergast")),
        .roundDetailsRecorded(
            RoundDetailsRecorded(
                championship: "f1", season: 2023, round: 4, circuit: "baku",
                sessions: [
                    ScheduledSession(kind: .sprintShootout, date: date("2023-04-29"), time: "09:30:00Z"),
                    ScheduledSession(kind: .race, date: date("2023-04-30"), time: "11:00:00Z")
                ])),
        .startingGridRecorded(
            StartingGridRecorded(
                championship: "f1", season: 2023, round: 4, session: "race",
                positions: [
                    GridPosition(position: 1, competitor: "charles-leclerc", number: "16", team: "ferrari"),
                    GridPosition(pitLane: true, competitor: "nyck-de-vries", number: "21")
                ])),
        .fastestLapsRecorded(
            FastestLapsRecorded(
                championship: "f1", season: 2023, round: 4, session: "race",
                laps: [
                    FastestLap(rank: 1, competitor: "george-russell", number: "63", lap: 51, time: "1:43.370"),
                    FastestLap(rank: 2, competitor: "max-verstappen", time: "1:44.232")
                ])),
        .qualifyingRecorded(
            QualifyingRecorded(
                championship: "f1", season: 2023, round: 4, className: "F1", session: "qualifying",
                results: [
                    QualifyingResult(position: 1, competitor: "charles-leclerc", team: "ferrari", number: "16", q1: "1:41.269", q2: "1:41.037", q3: "1:40.203"),
                    QualifyingResult(position: nil, competitor: "logan-sargeant", q1: "1:43.000")
                ])),
        .pitStopsRecorded(
            PitStopsRecorded(
                championship: "f1", season: 2023, round: 4, session: "race",
                stops: [
                    PitStop(competitor: "pierre-gasly", number: "10", stop: 1, lap: 5, duration: "20.235", timeOfDay: "15:05:11"),
                    PitStop(competitor: "valtteri-bottas", stop: 1, lap: 6)
                ]))
    ]
}
