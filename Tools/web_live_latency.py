"""From recording a result (POST to a desk route) to seeing it on an open season page, in Chromium.

Each round records a sprint won by Lewis Hamilton (3 points) in F1 2021's round 22 and waits for his
points on the open page to change: the live feed's notice, the page's refresh, the swap.
Environment: BASE_URL, TOKEN (a recorder's).
"""
import json
import os
import statistics
import time
import urllib.request

from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import WebDriverWait

BASE, TOKEN = os.environ["BASE_URL"], os.environ["TOKEN"]
options = webdriver.ChromeOptions()
options.binary_location = "/usr/bin/chromium"
for flag in ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1280,900"]:
    options.add_argument(flag)
driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
cell = 'tr[data-competitor="lewis-hamilton"] td.points'


def points(d):
    """Hamilton's points on the page, read in one go (the page may swap the table meanwhile)."""
    return d.execute_script("var c = document.querySelector(arguments[0]); return c ? c.getAttribute('data-points') : null", cell)


delays = []
try:
    driver.get(BASE + "/seasons/f1/2021")
    time.sleep(1)
    for i in range(20):
        before = points(driver)
        body = json.dumps({"session": f"bench-sprint-{i}-{time.time_ns()}", "kind": "sprint",
                           "results": [{"position": 1, "competitor": "lewis-hamilton", "status": "classified"}]}).encode()
        request = urllib.request.Request(BASE + "/championships/f1/seasons/2021/rounds/22/sessions", data=body, method="POST",
                                         headers={"Authorization": "Bearer " + TOKEN, "Content-Type": "application/json"})
        sent = time.monotonic()
        urllib.request.urlopen(request, timeout=10).read()
        WebDriverWait(driver, 5, poll_frequency=0.005).until(
            lambda d: points(d) != before)
        delays.append((time.monotonic() - sent) * 1000)
        time.sleep(1)
finally:
    driver.quit()
delays.sort()
print(f"   recorded → visible: p50 {statistics.median(delays):.0f} ms, max {delays[-1]:.0f} ms over {len(delays)} results (target < 1,000 ms)")
