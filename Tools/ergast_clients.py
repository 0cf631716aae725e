#!/usr/bin/env python3
"""Real Ergast clients (FastF1's fastf1.ergast and ergast-py, from PyPI) against a running
`paddock serve` over F1DB seasons, each answer checked against the official tables: F1DB's own
standings and results files, or the published totals of the seasons whose standings F1DB withholds.
Nothing is checked against Paddock's own output.

  python3 Tools/ergast_clients.py BASE_URL F1DB_DIR     (BASE_URL: http://127.0.0.1:PORT/ergast/f1)

Run by Tools/ergast-clients, which imports the seasons and starts the service.
"""
import os
import re
import sys
import time

BASE, F1DB = sys.argv[1], sys.argv[2]
DATA = os.path.join(F1DB, "data") if os.path.isdir(os.path.join(F1DB, "data")) else F1DB
failures, checks = [], 0


def check(name, condition, detail=""):
    global checks
    checks += 1
    if not condition:
        failures.append(f"{name}: {detail}")
        print(f"FAIL {name}: {detail}")


def rows(*path):
    """The rows of an F1DB list file (top-level scalars of each `- ` block)."""
    out, row = [], None
    with open(os.path.join(DATA, *path), encoding="utf-8") as f:
        for line in f:
            m = re.match(r"^(- |  )([A-Za-z0-9]+):\s*(.*)$", line)
            if not m:
                continue
            if m.group(1) == "- ":
                row = {}
                out.append(row)
            row[m.group(2)] = m.group(3).strip().strip('"')
    return out


def scalars(*path):
    out = {}
    with open(os.path.join(DATA, *path), encoding="utf-8") as f:
        for line in f:
            m = re.match(r"^([A-Za-z0-9]+):\s*(.*)$", line)
            if m:
                out[m.group(1)] = m.group(2).strip().strip('"')
    return out


def race_dirs(year):
    return sorted(os.listdir(os.path.join(DATA, "seasons", str(year), "races")))


# --- FastF1 ----------------------------------------------------------------------------------------

import fastf1  # noqa: E402
import fastf1.ergast.interface as interface  # noqa: E402
import fastf1.ergast.legacy as legacy  # noqa: E402
from fastf1.ergast import Ergast  # noqa: E402
from fastf1.req import _SessionWithRateLimiting  # noqa: E402

interface.BASE_URL = BASE
legacy.base_url = BASE
fastf1.Cache.set_disabled()
_SessionWithRateLimiting._RATE_LIMITS = {}  # the client-side limits are for the public servers
ergast = Ergast(result_type="pandas", auto_cast=True, limit=100)
started = time.time()


def standings_match_f1db(year, kind):
    """Every ranked row of F1DB's final table: position and points."""
    expected = rows("seasons", str(year), f"{kind}-standings.yml")
    if kind == "driver":
        frame = ergast.get_driver_standings(season=year).content[0]
        key, ids = "driverId", frame["driverId"].tolist()
    else:
        frame = ergast.get_constructor_standings(season=year).content[0]
        key, ids = "constructorId", frame["constructorId"].tolist()
    got = {i: (p, pt, pts) for i, p, pt, pts in zip(ids, frame["position"], frame["positionText"], frame["points"])}
    for row in expected:
        who = row.get(key)
        if kind == "constructor" and who not in got:
            who = f"{row[key]}-{row.get('engineManufacturerId')}"  # a constructor with two engines is two teams
        if not row["position"].isdigit():
            check(f"{year} {kind} {who} excluded", who in got and got[who][1] in ("E", "D"), f"expected {row['position']}, got {got.get(who)}")
            continue
        check(f"{year} {kind} {who}", who in got and int(got[who][0]) == int(row["position"]) and abs(got[who][2] - float(row["points"])) < 0.005,
              f"expected {row['position']} / {row['points']}, got {got.get(who)}")


# Shared drives of the 1950s (1956: Fangio's 30 with Musso's car in Argentina and dropped scores).
standings_match_f1db(1956, "driver")
# 2007: McLaren excluded from the constructors' championship (EX in F1DB, E in Ergast), drivers kept theirs.
standings_match_f1db(2007, "driver")
standings_match_f1db(2007, "constructor")

# Seasons whose tables F1DB withholds: the published champions and totals.
for year, driver, points, team, team_points in [(1988, "ayrton-senna", 90, "mclaren", 199), (2021, "max-verstappen", 395.5, "mercedes", 613.5)]:
    d = ergast.get_driver_standings(season=year).content[0]
    top = d.iloc[0]
    check(f"{year} champion", top["driverId"] == driver and top["points"] == points and top["position"] == 1, f"got {top['driverId']} {top['points']}")
    c = ergast.get_constructor_standings(season=year).content[0]
    check(f"{year} constructors' champion", c.iloc[0]["constructorId"] == team and c.iloc[0]["points"] == team_points,
          f"got {c.iloc[0]['constructorId']} {c.iloc[0]['points']}")
# 1988's dropped scores: Prost scored 105, 87 counted (best 11 results); Hamilton 2021 387.5.
prost = ergast.get_driver_standings(season=1988, driver="alain-prost").content[0].iloc[0]
check("1988 Prost's counted points", prost["points"] == 87 and prost["position"] == 2, f"got {prost['points']} P{prost['position']}")
ham = ergast.get_driver_standings(season=2021, driver="hamilton").content[0].iloc[0]  # Ergast's id, an alias
check("2021 Hamilton through his Ergast id", ham["driverId"] == "lewis-hamilton" and ham["points"] == 387.5, f"got {ham['driverId']} {ham['points']}")
# After round 12 (Spa, half points): the table as it stood.
spa = ergast.get_driver_standings(season=2021, round=12).content[0]
check("2021 after round 12", spa.iloc[0]["driverId"] == "lewis-hamilton" and spa.iloc[0]["points"] == 202.5,
      f"got {spa.iloc[0]['driverId']} {spa.iloc[0]['points']}")

# Race results: 2021 Bahrain against F1DB's race-results.yml.
bahrain = rows("seasons", "2021", "races", race_dirs(2021)[0], "race-results.yml")
res = ergast.get_race_results(season=2021, round=1)
frame = res.content[0]
check("2021 round 1 rows", len(frame) == len(bahrain), f"{len(frame)} vs {len(bahrain)}")
for got, want in zip(frame.itertuples(), bahrain):
    check(f"2021 r1 {want['driverId']}", got.driverId == want["driverId"] and int(got.laps) == int(want["laps"] or 0)
          and (got.positionText == want["position"] if want["position"].isdigit() else got.positionText in "RDEWN"),
          f"got {got.driverId} {got.positionText} {got.laps}")
check("2021 r1 winner's points and time", frame.iloc[0]["points"] == 25 and frame.iloc[0]["totalRaceTime"].total_seconds() > 5000,
      f"{frame.iloc[0]['points']} {frame.iloc[0].get('totalRaceTime')}")
check("2021 r1 fastest lap holder's point", frame[frame["fastestLapRank"] == 1].iloc[0]["driverId"] == rows("seasons", "2021", "races", race_dirs(2021)[0], "fastest-laps.yml")[0]["driverId"], "")
check("2021 r1 grid", int(frame.iloc[0]["grid"]) == int(bahrain[0]["gridPosition"]), f"{frame.iloc[0]['grid']}")

# Sprints: 2021 British GP sprint (3-2-1).
british = [d for d in race_dirs(2021) if os.path.exists(os.path.join(DATA, "seasons", "2021", "races", d, "sprint-race-results.yml"))][0]
round_no = int(scalars("seasons", "2021", "races", british, "race.yml")["round"])
sprint = ergast.get_sprint_results(season=2021, round=round_no).content[0]
want = rows("seasons", "2021", "races", british, "sprint-race-results.yml")
check("2021 British sprint", sprint["driverId"].tolist() == [w["driverId"] for w in want] and sprint.iloc[0]["points"] == 3,
      f"{sprint['driverId'].tolist()[:3]} {sprint.iloc[0]['points']}")

# The schedule: every round's name and date from race.yml and grands-prix.
schedule = ergast.get_race_schedule(season=2021)
for got, d in zip(schedule.itertuples(), race_dirs(2021)):
    race = scalars("seasons", "2021", "races", d, "race.yml")
    name = scalars("grands-prix", race["grandPrixId"] + ".yml")["fullName"]
    check(f"2021 schedule {d}", int(got.round) == int(race["round"]) and got.raceName == name and str(got.raceDate.date()) == race["date"],
          f"{got.round} {got.raceName} {got.raceDate}")
check("2021 schedule size", len(schedule) == len(race_dirs(2021)), f"{len(schedule)}")

# Drivers: everyone with a 2021 race result; Verstappen's details from data/drivers.
drivers = ergast.get_driver_info(season=2021)
starters = {r["driverId"] for d in race_dirs(2021) for r in rows("seasons", "2021", "races", d, "race-results.yml")}
check("2021 drivers", set(drivers["driverId"]) >= starters, f"missing {starters - set(drivers['driverId'])}")
ver = ergast.get_driver_info(season=2021, driver="max_verstappen")  # the Ergast id resolves to the entity
check("2021 Verstappen's details", len(ver) == 1 and ver.iloc[0]["driverCode"] == "VER" and ver.iloc[0]["driverNationality"] == "Dutch"
      and str(ver.iloc[0]["dateOfBirth"].date()) == "1997-09-30", f"{ver.to_dict('records')}")

# Paging: a season's results, 100 at a time.
first = ergast.get_race_results(season=2021, limit=100)
total = sum(len(rows("seasons", "2021", "races", d, "race-results.yml")) for d in race_dirs(2021))
seen = sum(len(c) for c in first.content)
page = first
while not (int(page._response_headers["offset"]) + int(page._response_headers["limit"]) >= page.total_results):
    page = page.get_next_result_page()
    seen += sum(len(c) for c in page.content)
check("2021 results paging", first.total_results == total and seen == total and not first.is_complete, f"total {first.total_results}, seen {seen}, F1DB {total}")

# Legacy interface (fastf1.ergast.legacy): one season's races.
check("legacy fetch_season", len(legacy.fetch_season(2021)) == len(race_dirs(2021)), "")

# --- ergast-py -------------------------------------------------------------------------------------

import ergast_py  # noqa: E402
import ergast_py.requester as requester  # noqa: E402

_get = requester.requests.get


def _to_paddock(url, *args, **kwargs):
    return _get(url.replace("https://api.jolpi.ca/ergast/f1", BASE), *args, **kwargs)


requester.requests.get = _to_paddock
e = ergast_py.Ergast()
lists = e.season(1988).limit(100).get_driver_standings()
senna = lists[0].driver_standings[0]
check("ergast-py 1988", senna.driver.driver_id == "ayrton-senna" and senna.points == 90.0 and lists[0].round_no == 16,
      f"{senna.driver.driver_id} {senna.points} {lists[0].round_no}")
e = ergast_py.Ergast()
mclaren = [s for s in e.season(2007).get_constructor_standings()[0].constructor_standings if s.constructor.constructor_id == "mclaren"]
check("ergast-py 2007 McLaren excluded", len(mclaren) == 1 and mclaren[0].position_text == "E" and mclaren[0].points == 0.0, f"{mclaren}")
e = ergast_py.Ergast()
race = e.season(2021).round(1).get_result()
check("ergast-py 2021 r1", race.results[0].driver.driver_id == bahrain[0]["driverId"] and race.circuit.circuit_id == "bahrain"
      and race.results[0].grid == int(bahrain[0]["gridPosition"]), f"{race.results[0].driver.driver_id}")
e = ergast_py.Ergast()
fangio = e.season(1956).driver("juan-manuel-fangio").get_driver_standing()
check("ergast-py 1956 Fangio", fangio.driver_standings[0].points == 30.0, f"{fangio.driver_standings[0].points}")
e = ergast_py.Ergast()
quali = e.season(2021).round(1).get_qualifying()
want = rows("seasons", "2021", "races", race_dirs(2021)[0], "qualifying-results.yml")[0]
check("ergast-py 2021 r1 pole", quali.qualifying_results[0].driver.driver_id == want["driverId"], "")

print(f"ergast clients: {checks - len(failures)}/{checks} checks passed in {time.time() - started:.1f}s")
sys.exit(1 if failures else 0)
