#!/usr/bin/env python3
"""Writes EventLog/rules/f1/<year>.json (1950-2026) from the tables below.

The JSON files are the source of truth that the importer reads; this script only documents how they
were written. Sources: /work/shared/points-rules-facts.md section A (cited as "facts Ax"), checked
against F1DB's standings files by Tools/f1db-parity.
"""
import json, os, sys

OUT = os.path.join(os.path.dirname(__file__), '..', '..', 'EventLog', 'rules', 'f1')
FACTS = "points-rules-facts.md section A"

def scale(y):
    if y <= 1959: return [8, 6, 4, 3, 2]
    if y == 1960: return [8, 6, 4, 3, 2, 1]
    if y <= 1990: return [9, 6, 4, 3, 2, 1]
    if y <= 2002: return [10, 6, 4, 3, 2, 1]
    if y <= 2009: return [10, 8, 6, 5, 4, 3, 2, 1]
    return [25, 18, 15, 12, 10, 8, 6, 4, 2, 1]

BEST = {1950: 4, 1951: 4, 1952: 4, 1953: 4, 1954: 5, 1955: 5, 1956: 5, 1957: 5, 1958: 6, 1959: 5, 1960: 6,
        1961: 5, 1962: 5, 1963: 6, 1964: 6, 1965: 6, 1966: 5}
SPLIT = {1967: (6, 5, 4), 1968: (6, 5, 5), 1969: (6, 5, 4), 1970: (7, 6, 5), 1971: (6, 5, 4), 1972: (6, 5, 5),
         1973: (8, 7, 6), 1974: (8, 7, 6), 1975: (7, 6, 6), 1976: (8, 7, 7), 1977: (9, 8, 7), 1978: (8, 7, 7),
         1979: (7, 4, 4), 1980: (7, 5, 5)}
# The constructors' own scale where it differs from the drivers' (the 9-point win was for drivers only
# in 1961: Ferrari's five wins make F1DB's 40, not 45).
TEAM_SCALE = {1961: [8, 6, 4, 3, 2, 1]}
INDY = {1950: 3, 1951: 2, 1952: 2, 1953: 2, 1954: 2, 1955: 3, 1956: 3, 1957: 3, 1958: 4, 1959: 2, 1960: 3}

def counting(y):
    if y in BEST: return {"mode": "best", "count": BEST[y]}
    if y in SPLIT:
        h, a, b = SPLIT[y]
        return {"mode": "split", "firstRounds": h, "bestOfFirst": a, "bestOfRest": b}
    if 1981 <= y <= 1990: return {"mode": "best", "count": 11}
    return {"mode": "all"}

def team_counting(y):
    # Constructors: the drivers' dropped-score rule until 1978 (tables checked by Tools/f1db-parity);
    # every result counts from 1979.
    if y <= 1978: return counting(y)
    return {"mode": "all"}

def rules(y):
    r = {"scoring": [{"kinds": ["race"], "points": scale(y)}]}
    if y == 2021: r["scoring"].append({"kinds": ["sprint"], "points": [3, 2, 1]})
    if y >= 2022: r["scoring"].append({"kinds": ["sprint"], "points": [8, 7, 6, 5, 4, 3, 2, 1]})
    if y <= 1959: r["bonuses"] = [{"kind": "fastestLap", "points": 1, "sessions": ["race"], "requiresFinish": False, "tie": "split"}]
    if 2019 <= y <= 2024: r["bonuses"] = [{"kind": "fastestLap", "points": 1, "sessions": ["race"], "onlyIfClassifiedWithin": 10, "tie": "split"}]
    r["sharedDrives"] = "splitEqually" if y <= 1955 else ("splitEquallyBestCarOnly" if y <= 1957 else "none")
    if y == 2014: r["multipliers"] = [{"lastRound": True, "factor": 2, "sessions": ["race"]}]
    r["counting"] = counting(y)
    if y <= 1997: r["tieBreak"] = ["countbackScoringFinishes", "shareTie"]
    elif y <= 1999: r["tieBreak"] = ["countbackScoringFinishes", "firstToReach", "shareTie"]
    else: r["tieBreak"] = ["countback", "shareTie"]
    r["eligibility"] = {"registeredEntriesOnly": False, "scoringStatuses": ["classified"]}
    # From 2000 F1DB lists a driver once he has points or a classified finish (facts A11; 2026 lists everyone).
    r["listing"] = "scorers" if y < 2000 else ("classifiedFinishers" if y <= 2025 else "participants")
    if y >= 1958:
        t = {"scoring": {"mode": "bestCarOnly"} if y <= 1978 else {"mode": "allCars"},
             "counting": team_counting(y), "bonusesCount": False if y <= 1959 else True}
        if y in INDY: t["excludedRounds"] = [INDY[y]]
        if y in TEAM_SCALE: t["pointsScales"] = [{"kinds": ["race"], "points": TEAM_SCALE[y]}]
        # Tied constructors: F1DB's tables count every car's finishes, not only the best car's
        # (1958-1999: 437 of 443 tied groups; 2000-2026: all 324; best car only: 404 and 313).
        t["countback"] = "everyCar"
        r["teams"] = t
    return r

# Rows of F1DB's own tables that contradict F1DB's other files: each is proven from F1DB itself.
F1DB_SLIPS = {
    1956: "round-6 drivers' table: Villoresi at position 27 between four drivers at 17 with the same 2 points (a typo for 17).",
    1974: "round-13 constructors' table: McLaren (61) and Ferrari (59) are both at position 2 and nobody at 1.",
    1977: "round-12 constructors' table: Wolf (38) and McLaren (35) are both at position 4 and nobody at 3.",
    1978: "round-3 constructors' table gives Tyrrell 12, both cars of South Africa counted; its round-4 table gives 15, "
          "which is 11 (best car only: 4 + 1 + 6) plus round 4's 4.",
    1979: "round-13 drivers' table: Reutemann at position 67 in a table of 19 rows, between 6 and 8 (a typo for 7).",
    1982: "round-10 and round-11 drivers' tables: Salazar and Surer at position 29 in tables of 24 rows, where 20 and 21 "
          "are missing (a typo for 19).",
    2007: "round-6 constructors' table: positions run from 2 to 11 and nobody is at 1 (McLaren is EX, as in every other round).",
}
# Ties F1DB breaks in one table and shares in another of the same shape (both kinds listed in Sources/F1DB/F1DB.docc/Parity.md).
TIES_F1DB_ORDERS_OTHERWISE = {
    1993: "constructors after rounds 3 and 11: Ligier before Benetton, Minardi before Sauber on equal countback, "
          "where the round-12 table shares Minardi and Sauber on the same finishes.",
    1999: "constructors after rounds 3-7: Prost and Sauber shared with Arrows at round 3 on equal countback, where the "
          "round-2 and round-14 tables put the earlier scorer first as the declared firstToReach does.",
}

def note(y):
    parts = [f"F1 {y} drivers' rules from {FACTS}: scale A1, fastest lap A2, shared drives A3, counting A4, "
             "shortened races A5/A6, sprints A7, Indianapolis A8, exceptions A9/A10, ties and listing A11, season table A12."]
    if y in INDY: parts.append(f"Indianapolis 500 (round {INDY[y]}) counts for drivers, not for constructors (A8).")
    if y >= 1958:
        parts.append("Constructors' rules (not in the facts sheet): " +
                     ("only the best-placed car of a constructor scores, with the drivers' dropped-score rule" if y <= 1978
                      else "every car scores and every result counts") +
                     ("; the fastest-lap point does not count for constructors (A2, Jolpica #237)" if y <= 1959 else "") +
                     ("; constructors score 8-6-4-3-2-1 although a driver's win gives 9 (F1DB's 1961 constructors' tables: "
                      "Ferrari's five counted wins make 40; the facts sheet covers drivers only)" if y in TEAM_SCALE else "") +
                     "; tied constructors are ordered by a countback over every car's finishes (" +
                     ("scoring finishes only, as for drivers" if y <= 1999 else "all classified finishes, as for drivers") +
                     "), F1DB's constructors' tables show; checked against them where they exist.")
    if y == 1975:
        parts.append("Counting: the facts sheet gives 7 of 8 + 5 of 6 (stevewyant) or Jolpica's 7 / 6+6 and says F1DB cannot tell "
                     "them apart; the halves rule (best 6 of rounds 1-7 and best 6 of rounds 8-14) is declared, as the general "
                     "1967-1978 rule 'all results but one in each half' gives. Where the facts sheet and the official tables disagree, "
                     "the tables win.")
    if y in (1954, 1964, 1967, 1975, 1988, 1991, 1997, 2009, 2014, 2021, 2022, 2024):
        parts.append("F1DB withholds this season's standings: the rules alone decide the table (no parity check possible).")
    if y in F1DB_SLIPS:
        parts.append("F1DB slip, not a rule (Tools/f1db-parity lists the rows): " + F1DB_SLIPS[y])
    if y in TIES_F1DB_ORDERS_OTHERWISE:
        parts.append("Ties F1DB orders otherwise than in its other tables (no rule reproduces both; the declared order "
                     "reproduces every other table of the season): " + TIES_F1DB_ORDERS_OTHERWISE[y])
    if y == 1959:
        parts.append("F1DB slip, not a rule: its round-5 (Great Britain) drivers' table gives Rodger Ward and Jo Bonnier 6 points, "
                     "where their results give 8 (facts sheet, Outcome). Neither scored at round 5 and best 5 of 5 rounds drops "
                     "nothing, so a total cannot fall from 8 (round 4) to 6; F1DB's round-6 and final tables give Ward 8 again. "
                     "Paddock keeps 8: Tools/f1db-parity lists these two rows as F1DB's slip.")
    if y == 2022:
        parts.append("Japan (28 of 53 laps) keeps full points (A5): no multiplier is declared.")
    if y >= 2025: parts.append("No fastest-lap point from 2025 (A2).")
    parts.append("Where this sheet and the official tables disagree, the tables win.")
    return " ".join(parts)

def pen(rnd, who, kind, reason, session="race"):
    p = {"round": rnd, "competitor": who, "kind": kind, "reason": reason}
    if session: p["session"] = session
    return {"type": "PenaltyApplied", "payload": p}

def half(rnd, why):
    return {"type": "RoundMultiplierDecided", "payload": {"round": rnd, "factor": 0.5, "sessions": ["race"], "reason": why}}

def team_adj(team, pts, after, why):
    return {"type": "PointsAdjusted", "payload": {"team": team, "points": pts, "mode": "delta", "afterRound": after, "reason": why}}

def team_pen(rnd, who, kind, reason, session="race", points=None):
    """A penalty for the constructors' table only: the drivers' table keeps the result and its points."""
    p = pen(rnd, who, kind, reason, session)
    p["payload"]["table"] = "teams"
    if points is not None: p["payload"]["points"] = points
    return p

F2_1967 = ["jackie-oliver", "alan-rees", "david-hobbs", "jacky-ickx", "brian-hart", "kurt-ahrens-jr", "hubert-hahne", "jo-schlesser", "gerhard-mitter"]
F2_1969 = ["henri-pescarolo", "richard-attwood", "kurt-ahrens-jr", "rolf-stommelen", "peter-westbury", "xavier-perrot", "francois-cevert",
           "johnny-servoz-gavin"]

EXC = {
    1953: [{"type": "FastestLapAwarded", "payload": {"round": 5, "competitor": "juan-manuel-fangio",
            "reason": "facts A2/A9: F1DB lists Fangio and Ascari on the same fastest-lap time at 1953 France, but the whole point went to Fangio; only Fangio's row carries the fastest lap"}}],
    1957: [pen(5, "peter-collins", "pointsWithheld", "facts A3/A9: 1957 GB shared 4th place (car 16): Trintignant gets all the points, Collins 0 (F1DB's points prove it; no reason given, Jolpica's 'insufficient distance' would fit)"),
           {"type": "PointsAdjusted", "payload": {"competitor": "maurice-trintignant", "points": 1.5, "mode": "delta", "afterRound": 5,
            "reason": "facts A3/A9: 1957 GB shared 4th place: Trintignant gets all of 4th place (3 points), not the half share (1.5) the shared-drive rule gives; the engine cannot give one sharer the whole car's points, so the other half is added here"}}],
    1958: [pen(8, "bruce-mclaren", "pointsWithheld", "facts A9: 1958 Germany: McLaren (Formula 2 Cooper, 5th) scores nothing and the points are not passed down")],
    1963: [pen(4, "graham-hill", "pointsWithheld", "facts A9: 1963 France: G. Hill 3rd but no points (push start, per grandprix.com and race reports); not passed down")],
    1967: [pen(7, d, "ineligible", "facts A9: 1967 Germany: Formula 2 entry, not eligible for points; points passed down to the next eligible finishers") for d in F2_1967],
    1969: [pen(7, d, "ineligible", "facts A9: 1969 Germany: Formula 2 entry, not eligible for points; points passed down to the next eligible finishers") for d in F2_1969],
    1975: [half(4, "facts A5: 1975 Spain stopped after 29 of 75 laps: half points"), half(12, "facts A5: 1975 Austria stopped after 29 of 54 laps: half points")],
    1984: [half(6, "facts A5: 1984 Monaco stopped after 31 of 76 laps: half points"),
           pen(14, "jo-gartner", "pointsWithheld", "facts A9: 1984 Italy: Gartner (5th) drove a second Osella not entered for the championship: no points, not passed down (it.wikipedia 'Gran Premio d'Italia 1984')"),
           pen(14, "gerhard-berger", "pointsWithheld", "facts A9: 1984 Italy: Berger (6th) drove a second ATS not entered for the championship: no points, not passed down (it.wikipedia 'Gran Premio d'Italia 1984')")],
    1987: [pen(16, "yannick-dalmas", "pointsWithheld", "facts A9: 1987 Australia: Dalmas (5th) drove a second Larrousse car not entered for the championship: no points, not passed down")],
    1991: [half(16, "facts A5: 1991 Australia stopped after 14 of 81 laps: half points")],
    1997: [pen(17, "michael-schumacher", "exclusion", "facts A10: 1997: Schumacher disqualified from the championship (Jerez collision); results and points kept, no standing; F1DB shows DSQ from the round-17 table on", session=None)],
    1995: [team_pen(1, "michael-schumacher", "pointsWithheld", "1995 Brazil: Schumacher's win stood for the drivers' championship on appeal (fuel irregularity), but Benetton got no constructors' points for that car, and nobody else got them (F1DB's constructors' tables: Ferrari 6 and McLaren 4 after round 1, Benetton 7 after round 2)"),
           team_pen(1, "david-coulthard", "pointsWithheld", "1995 Brazil: Coulthard's 2nd place stood for the drivers' championship on appeal (fuel irregularity), but Williams got no constructors' points for that car, and nobody else got them (F1DB's constructors' tables: Williams absent after round 1, 10 after round 2, Hill's win in Argentina only)")],
    2000: [team_pen(10, "mika-hakkinen", "pointsWithheld", "2000 Austria: McLaren lost Hakkinen's 10 constructors' points (missing FIA seal on the electronic control unit); the driver kept his, and nobody else got them (F1DB: McLaren 88, not 98, after round 10)")],
    2007: [team_pen(1, "mclaren", "exclusion", "2007: McLaren excluded from the constructors' championship and all its points of the season taken away (FIA World Motor Sport Council, 13 September 2007, the espionage case); the drivers kept theirs. Declared from round 1 because the exclusion voids every round's points, and F1DB's tables show McLaren EX with 0 after every round (facts A10: Jolpica's EXCLUDED)", session=None)],
    2018: [team_adj("force-india", -59, 13, "2018: Racing Point Force India, entered from round 13 after Sahara Force India went into administration, was a new entrant: the 59 points Sahara Force India scored in rounds 1-12 (F1DB's round-12 table) did not pass to it. F1DB keeps the constructor id force-india for both and lists the earlier entrant EX with 0 in the final table")],
    2020: [team_pen(5, "racing-point", "points", "2020: Racing Point deducted 15 constructors' points for the brake-duct design (FIA decision of 7 August 2020, before round 5, the 70th Anniversary GP); the drivers kept theirs (F1DB: 41 after round 5 = 42 + 14 - 15; Jolpica's championship adjustments)", session=None, points=15)],
    2009: [half(2, "facts A5: 2009 Malaysia stopped after 31 of 56 laps: half points")],
    2021: [half(12, "facts A2/A5: 2021 Belgium: 1 lap behind the safety car: half points, no fastest-lap point")],
}

os.makedirs(OUT, exist_ok=True)
for y in range(1950, 2027):
    doc = {"note": note(y), "rules": rules(y)}
    if y in EXC: doc["exceptions"] = EXC[y]
    with open(os.path.join(OUT, f"{y}.json"), "w") as f:
        json.dump(doc, f, indent=1, ensure_ascii=False)
        f.write("\n")
print("wrote", OUT)
