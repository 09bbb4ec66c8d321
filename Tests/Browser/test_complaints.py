"""Browser tests: the 12315 complaint and report tracks through the UI (issue 14, complaints.md).

李明 (zc_officer) registers a mixed 12315 platform item — complainant and respondent each picked by
their own search — and splits its report part into a linked report (CP-07). 冯分送 (jcq_dispatcher, the
分局's 分送员) dispatches the complaint to 东湖所 (CP-13); 陈静 (dh_officer) cannot forward it and returns it
with reasons (CP-12); back at 中村所, which registered it and is competent (a dispatch to itself is
refused, CP-09), 李明 receives it, proposes 受理 and 张建国
(zc_head) approves (CP-14); the 受理决定书 is issued to the complainant and served; both consents are
recorded (CP-16); the 调解通知书 to the respondent carries nothing of the report (CP-08); a session, the
调解书 and the agreement signed in three originals conclude it (CP-23). On the report: 王芳 (zc_officer2,
not on it) reads it without the reporter's name (CP-08); 李明 reports with two named officers, 孙局长
(chief) approves 立案 — the enforcement case is linked — and 李明 tells the reporter by the
举报处理结果告知书, addressed to them and served (CP-27, CP-28, DOC-30).
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


def issue_document(pages, code: str, recipient: str | None = None) -> str:
    """Issue a document of the case from the chooser: the prefilled form, its empty fields completed,
    the addressee set when given; returns the form's text as the user saw it before issuing."""
    chooser = pages.find("form#document-new", "the document chooser")
    Select(chooser.find_element(By.CSS_SELECTOR, "select[name=template]")).select_by_value(code)
    pages.click_and_wait_for_new_page(chooser.find_element(By.CSS_SELECTOR, "button[type=submit]"), f"the {code} form")
    form = pages.find("form#document-form", f"the {code} form")
    if recipient:
        fill(form, "recipient", recipient)
        names = form.find_elements(By.CSS_SELECTOR, "[name='party.name']")
        if names:
            fill(form, "party.name", recipient)
    today = beijing_today().isoformat()
    for el in form.find_elements(By.CSS_SELECTOR, "input, textarea"):
        kind = (el.get_attribute("type") or "").lower()
        if kind in ("hidden", "checkbox", "submit") or (el.get_attribute("value") or "").strip():
            continue
        if kind == "date":
            el.parent.execute_script("arguments[0].value = arguments[1];", el, today)
        elif kind == "number":
            el.send_keys("1")
        else:
            el.send_keys("0571-86001234" if "phone" in (el.get_attribute("name") or "") else "按通知要求办理")
    seen = " ".join(el.get_attribute("value") or "" for el in form.find_elements(By.CSS_SELECTOR, "input, textarea"))
    submit_confirmed(pages, form.find_element(By.CSS_SELECTOR, "button[type=submit]"), f"issuing {code}")
    errors = pages.driver.find_elements(By.CSS_SELECTOR, "#document-errors")
    assert not errors, f"{code} refused: {errors[0].text}"
    return seen


def serve_by_post(pages, recipient: str, mail_number: str):
    """DOC-30: the last document's service by post, delivered today."""
    services = pages.driver.find_elements(By.CSS_SELECTOR, "#case-documents details.service-form")
    assert services, "no document waits for service"
    service = services[-1]
    service.find_element(By.TAG_NAME, "summary").click()
    sform = service.find_element(By.CSS_SELECTOR, "form")
    fill(sform, "method", "post")
    fill(sform, "recipient", recipient)
    fill(sform, "mailNumber", mail_number)
    fill(sform, "deliveredOn", beijing_today().isoformat())
    pages.click_and_wait_for_new_page(sform.find_element(By.CSS_SELECTOR, "button[type=submit]"), "recording the service")


def test_mixed_item_split_dispatched_returned_received_mediated_to_agreement_and_its_report_filed(pages):
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
    report_number = report_link.text.replace("举报案件", "").strip(" ：:")
    assert "dispatch" not in [e.get_attribute("id") for e in pages.driver.find_elements(By.CSS_SELECTOR, "details")], "an officer does not dispatch"

    # 2. Dispatched by the 分局's 分送员 to 东湖所 (CP-13); no forward there, a return (CP-12)
    switch_user(pages, "jcq_dispatcher")
    pages.open(complaint)
    action(pages, "dispatch", {"unit": "DH", "reportBackOn": (today + dt.timedelta(days=14)).isoformat()}, "the dispatch")
    assert state(pages) == "已分送", state(pages)
    switch_user(pages, "dh_officer")
    pages.open(complaint)
    assert not pages.driver.find_elements(By.CSS_SELECTOR, "#action-dispatch"), "a receiving unit never forwards"
    action(pages, "returnItem", {"reason": "被投诉人经营地不在本所辖区"}, "the return")
    pages.open(complaint)
    assert "未找到该记录" in pages.body_text(), "returned, it left 东湖所 (X-05)"
    switch_user(pages, "jcq_dispatcher")
    pages.open(complaint)
    assert state(pages) == "已登记", state(pages)
    assert "被投诉人经营地不在本所辖区" in pages.body_text(), "the return's reasons are on the case"
    # Back at 中村所, which registered it and is competent: no dispatch to itself (CP-09), it receives it (CP-13).
    panel = pages.find("#action-dispatch", "the dispatch")
    if panel.get_attribute("open") is None:
        panel.find_element(By.TAG_NAME, "summary").click()
    dform = panel.find_element(By.CSS_SELECTOR, "form")
    fill(dform, "unit", "ZC")
    fill(dform, "reportBackOn", (today + dt.timedelta(days=14)).isoformat())
    submit_confirmed(pages, dform.find_element(By.CSS_SELECTOR, "button[type=submit]"), "a dispatch to the office holding it")
    assert "无需移送" in pages.find("#case-errors", "the refusal").text

    # 3. Received at 中村所, accepted (CP-14) and the decision served on the complainant (DOC-30)
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
    issue_document(pages, "CP-ACCEPT", consumer)
    serve_by_post(pages, consumer, "1187654321001")

    # 4. Consents (CP-16); the respondent's notice carries nothing of the report (CP-08)
    action(pages, "recordConsents", {"complainantConsentOn": today.isoformat(), "respondentConsentOn": today.isoformat()}, "the consents")
    assert "双方均同意调解" in pages.body_text() or "被投诉人：" in pages.body_text()
    notice = issue_document(pages, "CP-MEDIATION-NOTICE", shop)
    for secret in [s for s in ("举报", "销售超过保质期的牛奶", report_number) if s]:
        assert secret not in notice, f"the respondent's notice shows report data {secret!r}"
    docs = pages.find("#case-documents", "the documents").text
    assert "调解通知书" in docs, docs

    # 5. A session, the 调解书 signed by both in three originals: concluded by agreement (CP-18, CP-23)
    action(pages, "holdMediation", {"mode": "remote", "on": today.isoformat(), "note": "电话调解，双方同意退款赔偿"}, "the session")
    issue_document(pages, "CP-AGREEMENT")
    action(pages, "recordOutcome", {"outcome": "agreement", "complainantSigned": True, "respondentSigned": True, "originals": "3",
                                    "recovered": "268"}, "the agreement")
    assert state(pages) == "办结", state(pages)
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
