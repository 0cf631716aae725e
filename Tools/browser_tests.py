"""The web app's scenarios in headless Chromium (run by Tools/browser-tests, which starts the service).

Every page visited is checked: no console error, no request to another host, no serious or critical
axe-core violation; and photographed at 1280 px, at 375 px (a phone) and as printed.
Environment: BASE_URL, RECORDER_TOKEN, STEWARD_TOKEN, SCREENSHOTS (a folder).
"""
import base64
import json
import os
import sys
import time
import urllib.parse
import urllib.request

from selenium_axe_python import Axe
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

BASE = os.environ["BASE_URL"]
HOST = urllib.parse.urlparse(BASE).netloc
SHOTS = os.environ.get("SCREENSHOTS", ".browser-tests")
failures = []
shot_count = 0


def fail(message):
    failures.append(message)
    print("FAIL:", message, flush=True)


def check(condition, message):
    if not condition:
        fail(message)
    return condition


def api(path):
    with urllib.request.urlopen(BASE + path, timeout=10) as response:
        return json.loads(response.read())


def make_driver():
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900",
                 "--disable-background-timer-throttling", "--disable-renderer-backgrounding",
                 "--disable-backgrounding-occluded-windows", "--lang=en-GB"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL", "performance": "ALL"})
    return webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)


driver = make_driver()
driver.set_script_timeout(120)  # axe on a long page, on a busy machine
wait = WebDriverWait(driver, 10)


def drain_logs(page, status=None):
    """Console errors and requests to other hosts since the last look. A page answered with an
    error status on purpose (`status`: a refused form, a page not found) makes Chromium log that
    status; that one line is expected."""
    for entry in driver.get_log("browser"):
        message = entry.get("message", "")
        if status and f"the server responded with a status of {status}" in message:
            continue
        if entry.get("level") == "SEVERE":
            fail(f"{page}: console error: {message}")
    for entry in driver.get_log("performance"):
        message = json.loads(entry["message"])["message"]
        if message.get("method") != "Network.requestWillBeSent":
            continue
        url = message["params"]["request"]["url"]
        parsed = urllib.parse.urlparse(url)
        if parsed.scheme in ("data", "blob", "about", "chrome", "devtools"):
            continue
        if parsed.netloc != HOST:
            fail(f"{page}: a request to another host: {url}")


def screenshot(name):
    """The whole page at 1280 px, at 375 px, and as printed (print media at A4-ish width)."""
    global shot_count
    shot_count += 1
    base = os.path.join(SHOTS, f"{shot_count:02d}-{name}")

    def capture(path, width):
        driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                               {"width": width, "height": 800, "deviceScaleFactor": 1, "mobile": width < 500})
        height = driver.execute_script("return Math.ceil(document.documentElement.scrollHeight)")
        data = driver.execute_cdp_cmd("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": width, "height": min(height, 6000), "scale": 1}})
        with open(path, "wb") as f:
            f.write(base64.b64decode(data["data"]))

    capture(base + "-desktop.png", 1280)
    capture(base + "-phone.png", 375)
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": "print"})
    capture(base + "-print.png", 794)
    driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"media": ""})
    driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})


def audit(name):
    """axe-core on the page as it stands: no serious or critical violation."""
    axe = Axe(driver)
    axe.inject()
    results = axe.run()
    for violation in results["violations"]:
        if violation.get("impact") in ("serious", "critical"):
            targets = [" ".join(node["target"]) for node in violation["nodes"][:3]]
            fail(f"{name}: axe {violation['impact']} '{violation['id']}': {violation['help']} at {targets}")


def visit(path, name, shoot=True, status=None):
    driver.get(BASE + path)
    wait.until(lambda d: d.execute_script("return document.readyState") == "complete")
    look(name, shoot, status)


def look(name, shoot=True, status=None):
    time.sleep(0.2)
    drain_logs(name, status)
    audit(name)
    if shoot:
        screenshot(name)
    drain_logs(name, status)


def table_rows():
    """The standings rows as (name, points), read in one go (the script may swap the table at any time)."""
    rows = driver.execute_script("""
        return Array.from(document.querySelectorAll('#standings tbody tr')).map(function (tr) {
          return [tr.querySelector('th.who').textContent.trim(), tr.querySelector('td.points').getAttribute('data-points')];
        });""")
    return [tuple(row) for row in rows]


def expected_rows(championship, season, query):
    document = api(f"/championships/{championship}/seasons/{season}/standings{query}")

    def points(value):
        text = f"{value:.2f}".rstrip("0").rstrip(".")
        return text

    return [(row["name"], points(row["points"])) for row in document["rows"]]


HAMILTON = 'tr[data-competitor="lewis-hamilton"] td.points'


def points(d):
    """Hamilton's points on the page, read in one go (the page may swap the table meanwhile)."""
    return d.execute_script("var c = document.querySelector(arguments[0]); return c ? c.getAttribute('data-points') : null", HAMILTON)


def caption():
    return driver.execute_script("var c = document.getElementById('standings-caption'); return c ? c.textContent : ''")


def scenario(title):
    print(f"== {title}", flush=True)


try:
    # MARK: home → season
    scenario("home, search, and reaching a season")
    visit("/", "home")
    check("Championships" in driver.find_element(By.ID, "championships-h").text, "home: the championships")
    search = driver.find_element(By.ID, "q")
    search.send_keys("hakkinen", Keys.ENTER)
    wait.until(EC.url_contains("q=hakkinen"))
    look("search-hakkinen")
    check("Mika Häkkinen" in driver.find_element(By.CSS_SELECTOR, ".results").text, "search: 'hakkinen' finds Häkkinen")
    visit("/?q=raikkonen", "search-raikkonen", shoot=False)
    check("Kimi Räikkönen" in driver.find_element(By.CSS_SELECTOR, ".results").text, "search: 'raikkonen' finds Räikkönen")
    visit("/?q=R%C3%A4ikk", "search-raikk", shoot=False)
    check("Kimi Räikkönen" in driver.find_element(By.CSS_SELECTOR, ".results").text, "search: 'Räikk' finds Räikkönen")
    driver.get(BASE + "/")
    driver.find_element(By.CSS_SELECTOR, 'a[href="/seasons/f1/2021"]').click()
    wait.until(EC.url_contains("/seasons/f1/2021"))
    check("2021" in driver.find_element(By.TAG_NAME, "h1").text, "season: its heading")
    look("season-f1-2021")

    # MARK: replay control
    scenario("replay: F1 1988 after round 8, the back button, F1 2021 final")
    visit("/seasons/f1/1988", "season-f1-1988")
    slider = driver.find_element(By.ID, "afterRound")
    driver.execute_script("window.paddockNotReloaded = true")
    slider.send_keys(Keys.HOME)
    for _ in range(7):
        slider.send_keys(Keys.ARROW_RIGHT)
    wait.until(EC.url_contains("afterRound=8"))
    wait.until(lambda d: "after round 8" in caption())
    want = expected_rows("f1", 1988, "?afterRound=8")
    check(table_rows() == want, f"1988 after round 8: the page's table {table_rows()[:3]} is the API's {want[:3]}")
    check(driver.execute_script("return window.paddockNotReloaded === true"), "the slider moved the cut without reloading")
    check("A past cut" in driver.find_element(By.ID, "cut").text, "1988 after round 8 says it is a past cut")
    look("season-f1-1988-after-round-8")
    slider = driver.find_element(By.ID, "afterRound")
    for _ in range(3):
        slider.send_keys(Keys.ARROW_LEFT)
    wait.until(EC.url_contains("afterRound=5"))
    wait.until(lambda d: "after round 5" in caption())
    driver.back()
    wait.until(lambda d: "afterRound=8" in d.current_url or "afterRound=6" in d.current_url or "afterRound=7" in d.current_url)
    back_round = urllib.parse.parse_qs(urllib.parse.urlparse(driver.current_url).query)["afterRound"][0]
    wait.until(lambda d: f"after round {back_round}" in caption())
    check(table_rows() == expected_rows("f1", 1988, f"?afterRound={back_round}"), "back button: the table of the earlier cut")
    check(driver.find_element(By.ID, "afterRound").get_attribute("value") == back_round, "back button: the slider follows")

    visit("/seasons/f1/2021?afterRound=10", "season-f1-2021-after-round-10", shoot=False)
    slider = driver.find_element(By.ID, "afterRound")
    slider.send_keys(Keys.END)
    wait.until(EC.url_contains("afterRound=22"))
    wait.until(lambda d: "after round 22" in caption())
    first = table_rows()[0]
    check(first == ("Max Verstappen", "395.5"), f"F1 2021 final: Verstappen 395.5 first, found {first}")
    check("Live" in driver.find_element(By.ID, "cut").text, "after the last round the table is live")
    teams_link = driver.find_element(By.LINK_TEXT, "Teams")
    teams_link.click()
    wait.until(EC.url_contains("teams=true"))
    check(table_rows()[0] == ("Mercedes", "613.5"), f"F1 2021 constructors: Mercedes 613.5 first, found {table_rows()[:1]}")
    look("season-f1-2021-teams")

    # MARK: comparison
    scenario("compare: F1 2021 under 1998's rules, and against its own table after round 11")
    visit("/seasons/f1/2021", "season-f1-2021-compare-form", shoot=False)
    driver.find_element(By.CSS_SELECTOR, "form.compare summary").click()
    Select(driver.find_element(By.ID, "rulesOf")).select_by_value("f1:1998")
    driver.find_element(By.CSS_SELECTOR, "form.compare button[type=submit]").click()
    wait.until(EC.url_contains("rulesOf=f1"))
    wait.until(lambda d: d.execute_script("return document.readyState") == "complete")
    api_rows = api("/championships/f1/seasons/2021/compare?from=everything&rulesOf=f1:1998")["rows"]
    changed = [row["competitor"] for row in api_rows if row["changed"]]
    shown = [tr.get_attribute("data-competitor") for tr in driver.find_elements(By.CSS_SELECTOR, "table.comparison tbody tr")]
    check(shown == changed, f"under 1998's rules: the page lists the rows the API marks changed ({len(shown)} vs {len(changed)})")
    check(len(driver.find_elements(By.CSS_SELECTOR, "svg polyline.compared")) >= 1, "the chart draws the other table dashed")
    look("season-f1-2021-under-1998-rules")
    visit("/seasons/f1/2021?compare=after-round:11", "season-f1-2021-compare-round-11")
    check("Compared with the table after round 11" in driver.find_element(By.ID, "compare-h").text, "a comparison with an earlier cut says so")

    # MARK: explanation
    scenario("an explanation adds up")
    driver.get(BASE + "/seasons/f1/2021")
    driver.find_element(By.CSS_SELECTOR, 'tr[data-competitor="max-verstappen"] td.points a').click()
    wait.until(EC.presence_of_element_located((By.ID, "lines")))
    total = float(driver.find_element(By.ID, "total").get_attribute("data-points"))
    counted = sum(float(tr.get_attribute("data-points"))
                  for tr in driver.find_elements(By.CSS_SELECTOR, "#lines tbody tr[data-counted=true]"))
    check(abs(total - 395.5) < 0.001, f"explanation: total {total} is the table's 395.5")
    check(abs(counted - total) < 0.011, f"explanation: counted lines add up to {counted}, total {total}")
    event_link = driver.find_element(By.CSS_SELECTOR, "#lines tbody tr a[href^='/log/']")
    look("explanation-verstappen-2021")
    event_link.click()
    wait.until(EC.url_contains("/log/"))
    check("Event #" in driver.find_element(By.TAG_NAME, "h1").text, "an explanation line links to its event")
    look("log-event")
    visit("/seasons/f1/1988/explain/alain-prost", "explanation-prost-1988")
    dropped = driver.find_elements(By.CSS_SELECTOR, "#lines tbody tr[data-counted=false]")
    check(len(dropped) > 0, "1988: Prost's dropped results are shown (best 11 count)")

    # MARK: other pages
    scenario("log, career, calendar, demo season, errors")
    visit("/log", "log")
    check(len(driver.find_elements(By.CSS_SELECTOR, "article.event")) == 50, "log: a page of 50 events")
    visit("/log?stream=season%3Aeuro-rx-super1600%3A2018&type=Note", "log-filtered")
    visit("/log/verify", "log-verify")
    check("The chain holds" in driver.find_element(By.TAG_NAME, "main").text, "log: the chain verifies")
    visit("/careers/max-verstappen", "career-verstappen")
    visit("/careers/jere-kalliokoski", "career-kalliokoski")
    visit("/seasons/euro-rx-super1600/2018", "season-euro-rx-super1600-2018")
    visit("/seasons/f1/1988?atPosition=1", "season-f1-1988-before-anything", shoot=False)
    visit("/seasons/nowhere/1999", "not-found", status=404)
    check("Not found" in driver.find_element(By.TAG_NAME, "h1").text, "an unknown season is a page saying so")

    # MARK: desk
    scenario("desk: sign in, classify a session, a second page updates by itself")
    visit("/desk", "desk-sign-in")
    driver.find_element(By.ID, "token").send_keys(os.environ["RECORDER_TOKEN"], Keys.ENTER)
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "p.who")))
    check("timing-desk" in driver.find_element(By.CSS_SELECTOR, "p.who").text, "desk: who is signed in")
    check("token" not in driver.current_url.lower(), "the token is not in the address")
    look("desk-seasons")
    desk_window = driver.current_window_handle

    driver.switch_to.new_window("window")
    reader_window = driver.current_window_handle
    driver.get(BASE + "/seasons/f1/2021")
    wait.until(lambda d: d.execute_script("return document.readyState") == "complete")
    driver.execute_script("window.paddockNotReloaded = true")
    hamilton_before = points(driver)
    drain_logs("reader")
    driver.switch_to.new_window("window")
    log_window = driver.current_window_handle
    driver.get(BASE + "/log")
    wait.until(lambda d: d.execute_script("return document.readyState") == "complete")
    newest_before = driver.execute_script("return document.querySelector('article.event').id")
    drain_logs("log reader")

    driver.switch_to.window(desk_window)
    driver.find_element(By.CSS_SELECTOR, 'a[href="/desk/f1/2021"]').click()
    look("desk-season-f1-2021")
    driver.find_element(By.LINK_TEXT, "Classify a session").click()
    wait.until(EC.presence_of_element_located((By.ID, "f-session")))
    Select(driver.find_element(By.ID, "f-round")).select_by_value("22")
    driver.find_element(By.ID, "f-session").send_keys("sprint-desk")
    Select(driver.find_element(By.ID, "f-kind")).select_by_value("sprint")
    driver.find_element(By.ID, "f-results-0-position").send_keys("1")
    driver.find_element(By.ID, "f-results-0-competitor").send_keys("lewis-hamilton")
    driver.find_element(By.ID, "f-results-1-position").send_keys("2")
    driver.find_element(By.ID, "f-results-1-competitor").send_keys("nobody-at-all")
    look("desk-form-session")
    driver.find_element(By.CSS_SELECTOR, "form.desk button[type=submit]").click()
    wait.until(EC.presence_of_element_located((By.ID, "errors")))
    error = driver.find_element(By.ID, "f-results-1-competitor-error")
    check("no competitor 'nobody-at-all' is registered" in error.text, f"bad form: the error beside the field, found '{error.text}'")
    check(driver.find_element(By.ID, "f-results-1-competitor").get_attribute("aria-invalid") == "true", "bad form: the field is marked invalid")
    check(driver.find_element(By.ID, "f-results-0-competitor").get_attribute("value") == "lewis-hamilton", "bad form: entries are kept")
    look("desk-form-error", status=422)

    field = driver.find_element(By.ID, "f-results-1-competitor")
    field.clear()
    field.send_keys("max-verstappen")
    submitted = time.monotonic()
    driver.find_element(By.CSS_SELECTOR, "form.desk button[type=submit]").click()
    wait.until(EC.presence_of_element_located((By.ID, "outcome")))
    check("Recorded" in driver.find_element(By.ID, "outcome").text, "desk: the classification is recorded")

    driver.switch_to.window(reader_window)
    try:
        # The 1-second target is Tools/web-bench's, on a release build; here (a debug build, CI's
        # machine) the page must update by itself, and the time is printed.
        WebDriverWait(driver, 10, poll_frequency=0.02).until(
            lambda d: points(d) != hamilton_before)
        seen = time.monotonic() - submitted
        print(f"   the reader's page showed the result {seen * 1000:.0f} ms after the submit was clicked", flush=True)
    except Exception:
        fail("the second page did not update by itself within 10 s")
    hamilton_after = points(driver)
    check(abs(float(hamilton_after) - float(hamilton_before) - 3) < 0.001,
          f"Hamilton +3 for the sprint win: {hamilton_before} → {hamilton_after}")
    check(driver.execute_script("return window.paddockNotReloaded === true"), "the second page was not reloaded")
    look("season-f1-2021-after-desk")
    driver.switch_to.window(log_window)
    try:
        WebDriverWait(driver, 10).until(lambda d: d.execute_script(
            "var a = document.querySelector('article.event'); return a && a.id !== arguments[0] && a.querySelector('h2').textContent.indexOf('SessionClassified') >= 0",
            newest_before))
    except Exception:
        fail("the open log page did not show the new event by itself")
    look("log-after-desk", shoot=False)
    driver.close()
    driver.switch_to.window(desk_window)
    look("desk-form-recorded")
    driver.switch_to.window(reader_window)

    # A past cut does not move.
    driver.get(BASE + "/seasons/f1/2021?afterRound=5")
    wait.until(lambda d: d.execute_script("return document.readyState") == "complete")
    before = table_rows()
    driver.switch_to.window(desk_window)
    driver.find_element(By.ID, "f-round")
    Select(driver.find_element(By.ID, "f-round")).select_by_value("5")
    driver.find_element(By.ID, "f-session").send_keys("sprint-desk")
    Select(driver.find_element(By.ID, "f-kind")).select_by_value("sprint")
    driver.find_element(By.ID, "f-results-0-position").send_keys("1")
    driver.find_element(By.ID, "f-results-0-competitor").send_keys("lando-norris")
    driver.find_element(By.CSS_SELECTOR, "form.desk button[type=submit]").click()
    wait.until(EC.presence_of_element_located((By.ID, "outcome")))
    driver.switch_to.window(reader_window)
    try:
        WebDriverWait(driver, 5).until(lambda d: d.find_elements(By.CSS_SELECTOR, "#cut .pending"))
    except Exception:
        fail("a past cut does not say that new events were recorded")
    check(table_rows() == before, "a past cut's table does not move")
    look("season-f1-2021-past-cut-pending")
    driver.close()
    driver.switch_to.window(desk_window)

    # A steward's forms, and signing out.
    scenario("desk: a steward's penalty form, sign out")
    driver.find_element(By.CSS_SELECTOR, "header form.sign-out button").click()
    wait.until(EC.presence_of_element_located((By.ID, "token")))
    driver.find_element(By.ID, "token").send_keys(os.environ["STEWARD_TOKEN"], Keys.ENTER)
    wait.until(EC.presence_of_element_located((By.CSS_SELECTOR, "p.who")))
    visit("/desk/f1/2021/penalty", "desk-form-penalty")
    check("stewards" in driver.find_element(By.CSS_SELECTOR, "p.who").text and "steward" in driver.find_element(By.CSS_SELECTOR, ".role").text,
          "the steward's name and role")
finally:
    driver.quit()

print(f"{shot_count} pages photographed (desktop, phone, print) in {SHOTS}/")
if failures:
    print(f"{len(failures)} failure(s)")
    sys.exit(1)
print("browser tests: all passed")
