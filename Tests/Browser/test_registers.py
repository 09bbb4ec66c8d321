"""Browser tests: the shared registers (issue 12 item 5) through the UI.

1. PLT-16: 刘法制 (legal) adds a category to the violation-category tree — the page previews the change,
   and only the confirmed form publishes the new version; 李明 (zc_officer) then finds it offered in
   the verification of a new clue, and the officer has no way into the register.
2. PLT-07: 张建国 (zc_head) registers a 约谈师 certification, records 王芳's scores — the total is
   computed (written 40 %, mock 40 %, satisfaction 20 %) and the pass grants the qualification — then
   revokes it after a confirmation; 王芳's training file shows the revocation.
"""
from __future__ import annotations

import datetime as dt

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_interviews import beijing_today, choose_party, fill, party_name, submit_confirmed, switch_user


def submit(pages, form, what: str):
    pages.click_and_wait_for_new_page(form.find_element(By.CSS_SELECTOR, "button[type=submit]"), what)


def test_category_published_by_legal_is_offered_to_the_officer(pages):
    today = beijing_today().isoformat()
    pages.login("legal")
    pages.open("/violation-categories")
    form = pages.find("form#category-form", "the category form")
    for name, value in {"operation": "add", "code": "price-tag", "name": "明码标价不规范", "legalBasis": "《明码标价和禁止价格欺诈规定》第五条",
                        "parent": "sector-price", "effectiveOn": today, "note": "浏览器测试新增"}.items():
        fill(form, name, value)
    submit(pages, form, "the preview")
    preview = pages.find("#category-preview", "the preview of the new version")
    assert "明码标价不规范" in preview.text, preview.text
    assert not pages.driver.find_elements(By.CSS_SELECTOR, "#category-price-tag"), "nothing is published before the confirmation"
    submit(pages, preview, "publishing the new version")
    row = pages.find("#category-price-tag", "the published category")
    assert "使用中" in row.text and "明码标价和禁止价格欺诈规定" in row.text, row.text
    assert "浏览器测试新增" in pages.find("#category-versions", "the version history").text
    pages.screenshot("browser-violation-categories.png")

    # The officer records a clue: the verification offers the new category; the register is not his.
    switch_user(pages, "zc_officer")
    assert "违法行为类别" not in pages.find("nav", "the navigation").text
    party = party_name(pages, 90)
    pages.open("/")
    pages.click_and_wait_for_new_page(pages.find("a#new-interview", "登记约谈线索"), "the new-interview form")
    form = pages.find("form#new-case", "the clue form")
    choose_party(pages, form, party)
    fill(form, "title", "浏览器测试：明码标价")
    fill(form, "source", "inspection")
    fill(form, "description", "价签未标明计价单位")
    submit(pages, form, "recording the clue")
    panel = pages.find("#action-verify", "the verification")
    if panel.get_attribute("open") is None:
        panel.find_element(By.TAG_NAME, "summary").click()
    options = [o.text for o in Select(panel.find_element(By.CSS_SELECTOR, "select[name=category]")).options]
    assert any("明码标价不规范" in o for o in options), options
    pages.open("/violation-categories")
    assert "明码标价不规范" not in pages.body_text(), "an officer must not read the register's page"


def test_certification_pass_grants_and_revocation_removes(pages):
    today = beijing_today()
    pages.login("zc_head")
    pages.click_and_wait_for_new_page(pages.find("nav a[href='/training']", "培训考核 in the navigation"), "the training page")
    form = pages.find("form#course-form", "the course form")
    for name, value in {"kind": "interviewer-certification", "title": "浏览器测试：约谈师认证", "startsOn": (today - dt.timedelta(days=3)).isoformat(),
                        "endsOn": today.isoformat(), "passMark": "80"}.items():
        fill(form, name, value)
    submit(pages, form, "registering the course")
    form = pages.find("form#result-form", "the result form")
    fill(form, "userId", "王芳")
    for name, value in {"written": "85", "mock": "80", "satisfaction": "90"}.items():
        fill(form, name, value)
    submit(pages, form, "recording the scores")
    row = pages.find("#result-list tbody tr", "王芳's result")
    total = row.find_element(By.CSS_SELECTOR, "td[data-label='总分']").text
    result = row.find_element(By.CSS_SELECTOR, "td[data-label='结果']").text
    assert total.startswith("84") and result.strip() == "合格", row.text  # 85×40% + 80×40% + 90×20% = 84.0 ≥ 80
    pages.screenshot("browser-training-course.png")

    revoke = row.find_element(By.CSS_SELECTOR, "form")
    fill(revoke, "reason", "浏览器测试：认证材料不实")
    fill(revoke, "confirm", True)
    submit_confirmed(pages, revoke.find_element(By.CSS_SELECTOR, "button[type=submit]"), "revoking the qualification")
    results = pages.find("#result-list", "the results").text
    assert f"已于{today.isoformat()}撤销（浏览器测试：认证材料不实）" in results, results
    pages.click_and_wait_for_new_page(pages.find("#result-list tbody tr a", "王芳's training file"), "the training file")
    text = pages.body_text()
    assert "浏览器测试：约谈师认证" in text and "已撤销" in text, text[:1500]
