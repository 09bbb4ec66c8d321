"""Browser tests: the 12315 complaint and report tracks through the UI (issue 14, complaints.md).

李明 (zc_officer) registers a mixed 12315 platform item — complainant and respondent each picked by
their own search — and splits its report part into a linked report (CP-07). 张建国 (zc_head) dispatches
the complaint to 东湖所 (CP-13); 陈静 (dh_officer) cannot forward it and returns it with reasons (CP-12);
at 中村所 李明 receives it, proposes 受理 and 张建国 approves (CP-14); both consents are recorded (CP-16).
On the report: 王芳 (zc_officer2, not on it) reads it without the reporter's name (CP-08); 李明 reports
with two named officers, 孙局长 (chief) approves 立案 — the enforcement case is linked — and 李明 tells
the reporter by the 举报处理结果告知书, addressed to them and served (CP-27, CP-28, DOC-30).
"""
from __future__ import annotations

import datetime as dt

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_interviews import action, beijing_today, fill, party_name, state, submit_confirmed, switch_user


def choose(pages, form, field: str, name: str):
    """Issue 12's party search, per field: type the name, pick the match the script offers."""
    box = form.find_element(By.CSS_SELECTOR, f"#new-{field}-query")
    box.clear()
    box.send_keys(name)
    select = form.find_element(By.CSS_SELECTOR, f"select#new-{field}")

    def offered(_):
        return next((o for o in Select(select).options if o.text.split("（")[0] == name), None)

    option = pages.wait().until(offered, f"the party {name!r} offered for {field}")
    Select(select).select_by_visible_text(option.text)


def case_path(pages) -> str:
    return pages.driver.current_url.split("?")[0].split(pages.server.base_url)[-1]


def test_mixed_item_split_dispatched_returned_accepted_and_its_report_filed(pages):
    today = beijing_today()
    pages.login("zc_officer")
    consumer, shop = party_name(pages, 60), party_name(pages, 61)

    # 1. Registration (CP-04) and the split (CP-07)
    pages.open("/complaints/new")
    form = pages.find("form#new-case", "the complaint form")
    choose(pages, form, "complainantID", consumer)
    choose(pages, form, "respondentID", shop)
    fill(form, "channel", "platform")
    fill(form, "externalNo", f"{today:%Y%m%d}88001")
    fill(form, "receivedOn", today.isoformat())
    fill(form, "knewOn", (today - dt.timedelta(days=3)).isoformat())
    fill(form, "request", "退还过期牛奶货款并赔偿")
    fill(form, "statement", "购买的牛奶已过保质期；同时举报该超市销售过期食品")
    pages.click_and_wait_for_new_page(form.find_element(By.CSS_SELECTOR, "button[type=submit]"), "registering the complaint")
    assert state(pages) == "已登记", state(pages)
    complaint = case_path(pages)
    action(pages, "splitReport", {"actPlace": "超市食品区", "category": "other", "clue": "销售超过保质期的牛奶"}, "the split")
    report_link = next(a for a in pages.driver.find_elements(By.CSS_SELECTOR, "a") if "举报案件" in a.text)
    report = report_link.get_attribute("href").split(pages.server.base_url)[-1]
    assert "dispatch" not in [e.get_attribute("id") for e in pages.driver.find_elements(By.CSS_SELECTOR, "details")], "an officer does not dispatch"

    # 2. Dispatch to 东湖所 (CP-13), no forward and a return (CP-12)
    switch_user(pages, "zc_head")
    pages.open(complaint)
    action(pages, "dispatch", {"unit": "DH", "reportBackOn": (today + dt.timedelta(days=14)).isoformat()}, "the dispatch")
    assert state(pages) == "已分送", state(pages)
    switch_user(pages, "dh_officer")
    pages.open(complaint)
    assert not pages.driver.find_elements(By.CSS_SELECTOR, "#action-dispatch"), "a receiving unit never forwards"
    action(pages, "returnItem", {"reason": "被投诉人经营地不在本所辖区"}, "the return")
    pages.open(complaint)
    assert "未找到该记录" in pages.body_text(), "returned, it left 东湖所 (X-05)"

    # 3. Received at 中村所, accepted (CP-14), consents (CP-16)
    switch_user(pages, "zc_officer")
    pages.open(complaint)
    action(pages, "receive", {}, "the receipt")
    assert state(pages) == "待受理决定", state(pages)
    action(pages, "proposeDecision", {"decision": "accept"}, "the proposal")
    switch_user(pages, "zc_head")
    pages.open(complaint)
    action(pages, "approveDecision", {"verdict": "approve"}, "the approval")
    assert state(pages) == "调解中", state(pages)
    switch_user(pages, "zc_officer")
    pages.open(complaint)
    action(pages, "recordConsents", {"complainantConsentOn": today.isoformat(), "respondentConsentOn": today.isoformat()}, "the consents")
    assert "双方均同意调解" in pages.body_text() or "被投诉人：" in pages.body_text()
    pages.screenshot("browser-complaint.png")

    # 4. The report: hidden from a colleague not on it (CP-08); filed and the reporter told (CP-27, CP-28)
    switch_user(pages, "zc_officer2")
    pages.open(report)
    assert "超市食品区" in pages.body_text()
    assert consumer not in pages.body_text(), "the reporter's name must not reach an officer not on the report"
    switch_user(pages, "zc_officer")
    pages.open(report)
    assert consumer in pages.body_text()
    action(pages, "proposeDecision", {"decision": "file", "findings": "现场查见过期牛奶3箱", "officers": ["李明", "王芳"]}, "the verification report")
    assert state(pages) == "待局负责人审批", state(pages)
    switch_user(pages, "chief")
    pages.open(report)
    action(pages, "approveDecision", {"verdict": "approve"}, "the 立案 approval")
    assert state(pages) == "待告知举报人", state(pages)
    switch_user(pages, "zc_officer")
    pages.open(report)
    # CP-28, DOC-30: the reporter is told by the 举报处理结果告知书, addressed to them and served.
    chooser = pages.find("form#document-new", "the document chooser")
    Select(chooser.find_element(By.CSS_SELECTOR, "select[name=template]")).select_by_value("RP-NOTICE")
    pages.click_and_wait_for_new_page(chooser.find_element(By.CSS_SELECTOR, "button[type=submit]"), "the notice form")
    form = pages.find("form#document-form", "the notice form")
    addressee = form.find_element(By.CSS_SELECTOR, "[name='party.name']").get_attribute("value")
    assert addressee == consumer, f"the notice goes to the reporter, not {addressee!r}"
    for el in form.find_elements(By.CSS_SELECTOR, "textarea"):
        if not el.get_attribute("value").strip() and el.get_attribute("name") != "notice.resultBasis":
            el.send_keys("0571-86001234" if "phone" in el.get_attribute("name") else "按通知要求办理")
    submit_confirmed(pages, form.find_element(By.CSS_SELECTOR, "button[type=submit]"), "issuing the notice")
    docs = pages.find("#case-documents", "the documents").text
    assert "举报处理结果告知书" in docs and "未送达" in docs, docs
    service = pages.find("#case-documents details.service-form", "the service form")
    service.find_element(By.TAG_NAME, "summary").click()
    sform = service.find_element(By.CSS_SELECTOR, "form")
    fill(sform, "method", "post")
    fill(sform, "recipient", addressee)
    fill(sform, "mailNumber", "1187654321099")
    fill(sform, "deliveredOn", today.isoformat())
    pages.click_and_wait_for_new_page(sform.find_element(By.CSS_SELECTOR, "button[type=submit]"), "recording the service")
    action(pages, "notifyReporter", {}, "telling the reporter")
    assert state(pages) == "办结", state(pages)
    pages.screenshot("browser-report.png")
