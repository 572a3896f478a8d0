"""Vigil's web console in a real browser: headless Chromium driven through WebDriver.

Run by crates/vigil/tests/console_browser.rs against a live `vigil serve`:
    python3 console_browser.py BASE_URL PASSWORD SCREENSHOT_DIR DOWNLOAD_DIR
The users ana (analyst), sam (supervisor), ada (admin) and sid (screener) share
PASSWORD. Every check
raises on a mismatch (non-zero exit); screenshots of each page go to SCREENSHOT_DIR.
"""

import os
import sys
import tempfile
import time
from urllib.parse import urlparse

from selenium import webdriver
from selenium.common.exceptions import StaleElementReferenceException
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as ec
from selenium.webdriver.support.ui import WebDriverWait


def check(condition, message):
    if not condition:
        raise SystemExit("MISMATCH: " + message)


class Console:
    def __init__(self, base, password, shots, downloads):
        self.base, self.password, self.shots, self.downloads = base, password, shots, downloads
        options = webdriver.ChromeOptions()
        options.binary_location = "/usr/bin/chromium"
        for arg in [
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync",
            "--disable-dev-shm-usage", "--window-size=1280,1000",
            "--user-data-dir=" + tempfile.mkdtemp(prefix="vigil-chromium-"),
        ]:
            options.add_argument(arg)
        options.add_experimental_option("prefs", {
            "download.default_directory": downloads,
            "download.prompt_for_download": False,
        })
        self.driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
        self.driver.set_page_load_timeout(60)

    def get(self, path):
        self.driver.get(self.base + path)

    def text(self):
        # A page still loading may replace its body between the find and the read: that
        # is "no text yet" to the waits that poll this, not a failure.
        try:
            return self.driver.find_element(By.TAG_NAME, "body").text
        except StaleElementReferenceException:
            return ""

    def find(self, css):
        return self.driver.find_element(By.CSS_SELECTOR, css)

    def wait_for(self, css, timeout=30):
        return WebDriverWait(self.driver, timeout).until(
            ec.presence_of_element_located((By.CSS_SELECTOR, css)))

    def shot(self, name):
        self.driver.execute_script("window.scrollTo(0, 0)")
        height = self.driver.execute_script("return document.body.scrollHeight")
        self.driver.set_window_size(1280, max(800, min(height + 40, 2400)))
        self.driver.save_screenshot(os.path.join(self.shots, name + ".png"))
        self.driver.set_window_size(1280, 1000)

    def sign_in(self, name, expect_path="/screen"):
        self.get("/login?next=" + expect_path)
        self.find("#name").send_keys(name)
        self.find("#password").send_keys(self.password)
        self.find("form.card button[type=submit]").click()
        # The sign-in page's own URL holds the path in `next=`: compare paths only.
        WebDriverWait(self.driver, 30).until(lambda d: urlparse(d.current_url).path == expect_path)

    def sign_out(self):
        self.get("/screen")
        self.find("header .who button").click()
        WebDriverWait(self.driver, 30).until(lambda d: urlparse(d.current_url).path == "/login")


def refused_without_session(c):
    for path in ["/screen", "/alerts", "/audit", "/entity/un-sc:QDi.263"]:
        c.get(path)
        check("/login" in c.driver.current_url, path + " without a session goes to sign-in")
    c.shot("login")
    c.find("#name").send_keys("ana")
    c.find("#password").send_keys("not the password")
    c.find("form.card button[type=submit]").click()
    # A click does not wait for the next page: wait for the answer itself.
    c.wait_for("#login-error")
    check("Wrong user name or password" in c.text(), "a wrong password is refused")


def screen(c):
    c.get("/screen")
    c.find("#name").send_keys("Hafiz Mohammad Sayeed")
    c.find("form.card button[type=submit]").click()
    c.wait_for("article.result")
    first = c.find("article.result h3 a")
    check(first.get_attribute("href").endswith("/entity/un-sc:QDi.263"),
          "the first result is the LeT founder, UN QDi.263: " + first.get_attribute("href"))
    explanation = c.find("article.result .explanation").text
    check("Name similarity" in explanation and "Words that aligned" in explanation,
          "the first result is explained: " + explanation)
    c.shot("screen")


def decide_alert(c):
    c.get("/alerts?status=open")
    c.shot("alerts")
    c.find("table.data tbody tr td a").click()
    c.wait_for("#decision")
    check("Subject" in c.text() and "Listed entity" in c.text(), "subject beside entity")
    c.find("input[value=confirmed]").click()
    c.find("#reason").send_keys("Same name, birth date and nationality")
    c.shot("alert")
    c.find("section[aria-labelledby=decision] button[type=submit]").click()
    WebDriverWait(c.driver, 30).until(lambda d: "confirmed by" in c.text())
    check("ana" in c.find("#decision").find_element(By.XPATH, "..").text, "decided by ana")


def batch(c):
    names = os.path.join(c.downloads, "names.csv")
    with open(names, "w", encoding="utf-8") as f:
        f.write("id,name,birth_date\nq1,Hafiz Mohammad Sayeed,1950\nq2,Maria Gonzalez Fernandez,\n")
    c.get("/batch")
    c.find("#file").send_keys(names)
    c.find("form.card button[type=submit]").click()
    c.wait_for("#batch-done", timeout=60)
    check("2 names screened" in c.text(), "the batch ran: " + c.text()[:200])
    c.shot("batch")
    c.find("#download-csv").click()
    deadline = time.time() + 30
    path = None
    while time.time() < deadline and path is None:
        done = [f for f in os.listdir(c.downloads) if f.startswith("vigil-hits-") and f.endswith(".csv")]
        path = os.path.join(c.downloads, done[0]) if done else None
        time.sleep(0.2)
    check(path is not None, "the hits CSV was downloaded")
    with open(path, encoding="utf-8") as f:
        hits = f.read()
    check("q1" in hits and "un-sc:QDi.263" in hits, "the hits CSV holds the hit: " + hits[:300])


def admin_pages(c):
    c.get("/subjects")
    check("retail" in c.text(), "the subjects page shows the set")
    c.shot("subjects")
    c.get("/sharing")
    check("Partners" in c.text(), "the sharing page renders")
    c.shot("sharing")


def wrong_role(c, path):
    c.get(path)
    check("Not allowed" in c.text(), path + " is refused for this role: " + c.text()[:200])


def audit(c):
    c.get("/audit")
    c.find("#action").send_keys("alert_decision")
    c.find("form.filters button[type=submit]").click()
    WebDriverWait(c.driver, 30).until(lambda d: "action=alert_decision" in d.current_url)
    c.wait_for("#audit-records")
    rows = c.find("#audit-records tbody").text
    check("ana" in rows and "Same name, birth date and nationality" in rows,
          "the decision is in the audit trail under ana: " + rows[:300])
    c.shot("audit")


def entity_and_diff(c):
    c.get("/entity/un-sc:QDi.263")
    body = c.text()
    check("HAFIZ MUHAMMAD SAEED" in body.upper() and "History across list versions" in body,
          "the entity page shows names and history")
    c.shot("entity")
    c.get("/lists")
    c.shot("lists")
    c.driver.find_element(By.LINK_TEXT, "version 2").click()
    c.wait_for("#changed")
    check("added" in c.text() and "removed" in c.text(), "the diff page lists changes")
    c.find("details.change summary").click()
    c.shot("diff")


def main():
    base, password, shots, downloads = sys.argv[1:5]
    c = Console(base, password, shots, downloads)
    try:
        refused_without_session(c)
        c.sign_in("ana")
        screen(c)
        batch(c)
        decide_alert(c)
        wrong_role(c, "/audit")
        c.sign_out()
        c.sign_in("sam", "/audit")
        audit(c)
        entity_and_diff(c)
        c.sign_out()
        c.sign_in("ada")
        admin_pages(c)
        c.sign_out()
        c.sign_in("sid")
        wrong_role(c, "/alerts")
    finally:
        c.driver.quit()
    print("all checks passed")


if __name__ == "__main__":
    main()
