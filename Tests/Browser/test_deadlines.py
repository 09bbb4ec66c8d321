"""Browser test: the deadlines page and a case's clocks (CAL-30, CAL-31, CAL-40).

The demo holds three cases of zc_officer (李明) with running clocks. The officer opens the
deadlines page, follows a case, and suspends its clock for one day (its due date, a working day,
approved by the office head 张建国): the due date moves to a later working day and the suspension
shows with its ground.
"""
from __future__ import annotations

import datetime as dt

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

OFFICER = "zc_officer"
CASE = "示例：整改材料验收"


def test_deadlines_and_suspension(pages):
    pages.login(OFFICER)
    pages.open("/deadlines")
    table = pages.find("table#deadline-list", "the officer's open steps")
    rows = table.find_elements(By.CSS_SELECTOR, "tbody tr")
    assert len(rows) >= 3, f"expected the demo's three running clocks, got {[r.text for r in rows]}"
    colours = {r.get_attribute("class") for r in rows}
    assert all(c.startswith("signal-") for c in colours), f"every row carries its CAL-40 colour: {colours}"
    pages.screenshot("browser-deadlines.png")

    link = next((a for a in table.find_elements(By.TAG_NAME, "a") if a.text.strip() == CASE), None)
    assert link is not None, f"no link to {CASE!r} on the deadlines page"
    pages.click_and_wait_for_new_page(link, f"opening {CASE!r}")
    pages.find("h1#case-title", "case title")
    clock_row = pages.find("#case-clocks tbody tr[id^=clock-]", "the case's clock row")
    clock_id = clock_row.get_attribute("id").removeprefix("clock-")
    before = clock_row.find_element(By.CSS_SELECTOR, "td.due").text.split()[0]
    dt.date.fromisoformat(before)

    details = pages.find(f"#forms-{clock_id}", "the clock's forms")
    details.find_element(By.TAG_NAME, "summary").click()
    form = details.find_element(By.CSS_SELECTOR, "form[action$='/suspend']")
    for name in ("from", "to"):
        field = form.find_element(By.CSS_SELECTOR, f"input[name={name}]")
        pages.driver.execute_script("arguments[0].value = arguments[1];", field, before)
    form.find_element(By.CSS_SELECTOR, "input[name=ground]").send_keys("检验检测")
    Select(form.find_element(By.CSS_SELECTOR, "select[name=approver]")).select_by_index(
        next(i for i, o in enumerate(form.find_elements(By.TAG_NAME, "option")) if "张建国" in o.text))
    pages.click_and_wait_for_new_page(form.find_element(By.CSS_SELECTOR, "button[type=submit]"), "suspending the clock")

    pages.find(".flash", "the success message")
    after = pages.find(f"#clock-{clock_id} td.due", "the new due date").text.split()[0]
    assert dt.date.fromisoformat(after) > dt.date.fromisoformat(before), \
        f"a one-day suspension on the due date {before} should move it later, got {after}"
    assert "检验检测" in pages.body_text(), "the suspension's ground is shown"
    assert "中止计时" in pages.find("#case-timeline", "timeline").text, "the timeline records the suspension"
    pages.screenshot("browser-case.png")
