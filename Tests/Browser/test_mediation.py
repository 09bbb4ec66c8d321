"""Browser test: administrative mediation (行政调解) through the UI, with six users (issue 15).

A dispute registered at the window, dispatched with approval, mediated to an agreement by an eligible
mediator, the agreement printed, performance checked, revisited by the centre, filed:

1. 何窗口 (tj_clerk, 纠纷受理窗口受理员 of the 行政调解中心) registers the dispute with the MD-12 fields —
   a resident against a business, each picked by its own party search among the centre's parties
   (MD-11, MD-12): 已登记待分流.
2. 郑中心 (tj_centre) proposes dispatching it to 中村所 with the competence basis (MD-13): 分流待审批.
   Until the 领导小组办公室主任 approves it, 中村所's 李明 cannot even open it, the centre is not offered
   审批分流, and recording a consent is refused: 分流建议尚未经领导小组办公室主任审批 (MD-13).
3. 钱主任 (tj_director) approves: the case moves to 中村所, 待受理（征求同意）.
4. 张建国 (zc_head) assigns 李明, an eligible mediator in term and trained (MD-04).
5. 李明 records both parties' consents (MD-21): 调解中; holds a session with its record (MD-26).
6. 李明 issues the 行政调解协议书, prints it and records its service; the agreement is signed (MD-28):
   已结案, with the 电子归档 clock running 30 days from the conclusion (MD-37).
7. 李明 checks the obligation due today: performed (MD-29).
8. 谁受理谁回访 (MD-34): 中村所 is not offered the revisit form; the centre finds the dispute in its own
   revisit sample (待回访) and records a phone revisit scored on the four dimensions.
9. 李明 files the volume (立卷归档, MD-37, DOC-42): the archive number is shown, the 电子归档 clock met.

The centre only reads a dispute it dispatched; the case page still offers it the revisit form, as the
unit that accepted it (found by this test: the form was once shown only to a unit acting on the case).
"""
from __future__ import annotations

import datetime as dt

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from test_complaints import case_path, choose, serve_by_post
from test_interviews import action, beijing_today, fill, state, submit_confirmed, switch_user


def centre_parties(pages) -> tuple[str, str]:
    """A natural person and a business of the centre's own parties (X-05: the window sees only those),
    read from the party list as the clerk sees it."""
    person = business = None
    for page in range(1, 6):
        pages.open(f"/parties?page={page}")
        pages.find("tr.party-row", "the party list")
        for row in pages.driver.find_elements(By.CSS_SELECTOR, "tr.party-row"):
            name = row.find_element(By.CSS_SELECTOR, "a.party-link").text.strip()
            kind = row.find_element(By.CSS_SELECTOR, "td[data-label='类型']").text.strip()
            if len(name) < 2:
                continue
            if kind == "自然人" and person is None:
                person = name
            elif kind == "企业" and business is None:
                business = name
        if person and business:
            return person, business
        if not pages.driver.find_elements(By.LINK_TEXT, "下一页"):
            break
    raise AssertionError(f"the clerk sees no person ({person!r}) or no business ({business!r}) among the centre's parties")


def test_dispute_registered_dispatched_mediated_to_agreement_checked_revisited_and_filed(pages):
    today = beijing_today()
    pages.login("tj_clerk")
    applicant, respondent = centre_parties(pages)

    # 1. The window registers the dispute (MD-11, MD-12).
    pages.open("/mediations/new")
    assert "登记矛盾纠纷" in pages.find("h1", "the form title").text
    form = pages.find("form#new-case", "the dispute form")
    fill(form, "source", "visit")
    fill(form, "providerName", applicant)
    fill(form, "providerRelation", "申请人本人")
    choose(pages, form, "applicant", applicant)
    choose(pages, form, "respondent", respondent)
    fill(form, "objectKind", "contract")
    fill(form, "objectDescription", "住房装修工程合同，墙面开裂并多收增项费用")
    fill(form, "amountYuan", "8000")
    fill(form, "location", "江城区中村街道建设路")
    fill(form, "nature", "contract")
    fill(form, "scope", "civil")
    fill(form, "claim", "要求返还多收的装修款8000元并修复墙面")
    fill(form, "simple", False)
    pages.click_and_wait_for_new_page(form.find_element(By.CSS_SELECTOR, "button[type=submit]"), "registering the dispute")
    errors = pages.driver.find_elements(By.CSS_SELECTOR, "#new-errors")
    assert not errors, f"the registration was refused: {errors[0].text}"
    assert state(pages) == "已登记待分流", state(pages)
    dispute = case_path(pages)
    facts = pages.find("#procedure", "the dispute's facts").text
    assert applicant in facts and respondent in facts and "来访" in facts and "职能相关民事纠纷" in facts, facts[:1500]

    # 2. The centre proposes the dispatch to 中村所 (MD-13).
    switch_user(pages, "tj_centre")
    pages.open(dispute)
    action(pages, "proposeDispatch", {"unit": "ZC", "basis": "经营场所在中村所辖区，装修合同格式条款监管属中村所职责（谁主管谁负责）"},
           "the dispatch proposal")
    assert state(pages) == "分流待审批", state(pages)

    # Refusals before the approval (MD-13): the centre cannot approve its own proposal's dispatch …
    assert not pages.driver.find_elements(By.CSS_SELECTOR, "#action-approveDispatch"), "审批分流 is the director's, not the centre's"
    # … nor may the consents be recorded: the proposal is not approved yet.
    panel = pages.find("#action-recordConsent", "记录当事人同意调解 (offered with what stands in its way)")
    assert "分流建议尚未经领导小组办公室主任审批" in panel.get_attribute("textContent"), panel.get_attribute("textContent")
    if panel.get_attribute("open") is None:
        panel.find_element(By.TAG_NAME, "summary").click()
    cform = panel.find_element(By.CSS_SELECTOR, "form")
    fill(cform, "side", "applicant")
    fill(cform, "on", today.isoformat())
    fill(cform, "form", "written")
    submit_confirmed(pages, cform.find_element(By.CSS_SELECTOR, "button[type=submit]"), "a consent on the unapproved proposal")
    refusal = pages.find("#case-errors", "the refusal").text
    assert "分流建议尚未经领导小组办公室主任审批" in refusal and "MD-13" in refusal, refusal
    pages.open(dispute)
    assert state(pages) == "分流待审批", state(pages)
    # … and 中村所 does not have the case yet.
    switch_user(pages, "zc_officer")
    pages.open(dispute)
    assert "未找到该记录" in pages.body_text(), "before the approval the dispute is not 中村所's (MD-13)"

    # 3. The director approves: the case moves to 中村所 (MD-13).
    switch_user(pages, "tj_director")
    pages.open(dispute)
    action(pages, "approveDispatch", {"verdict": "approve"}, "the dispatch approval")
    assert state(pages) == "待受理（征求同意）", state(pages)
    assert "批准" in pages.find("#procedure", "the facts").text

    # 4. 中村所's head assigns an eligible mediator (MD-04).
    switch_user(pages, "zc_head")
    pages.open(dispute)
    action(pages, "assignMediators", {"mediators": ["李明（zc_officer）"]}, "assigning the mediator")
    assert "李明" in pages.find("#procedure", "the facts").text

    # 5. Both consents (MD-21): accepted today; a session with its record (MD-26).
    switch_user(pages, "zc_officer")
    pages.open(dispute)
    action(pages, "recordConsent", {"side": "applicant", "on": today.isoformat(), "form": "written"}, "the applicant's consent")
    assert state(pages) == "待受理（征求同意）", state(pages)
    action(pages, "recordConsent", {"side": "respondent", "on": today.isoformat(), "form": "written"}, "the respondent's consent")
    assert state(pages) == "调解中", state(pages)
    assert f"{today.year}年{today.month}月{today.day}日" in pages.find("#procedure", "the facts").text
    action(pages, "holdSession", {"on": today.isoformat(), "place": "中村市场监管所调解室",
                                  "attendees": f"{applicant}（申请人）\n{respondent}委托代理人\n李明（调解员）",
                                  "record": "双方陈述装修经过，调解员核对合同及付款凭证，被申请人同意返还多收款项。"}, "the session")
    assert "中村市场监管所调解室" in pages.find("#procedure", "the facts").text

    # 6. The agreement: issued, printed, served (DOC-30), then signed (MD-28).
    due = today.isoformat()
    chooser = pages.find("form#document-new", "the document chooser")
    Select(chooser.find_element(By.CSS_SELECTOR, "select[name=template]")).select_by_value("MD-AGREEMENT")
    pages.click_and_wait_for_new_page(chooser.find_element(By.CSS_SELECTOR, "button[type=submit]"), "the 行政调解协议书 form")
    form = pages.find("form#document-form", "the 行政调解协议书 form")
    assert form.find_element(By.CSS_SELECTOR, "[name='applicant.name']").get_attribute("value") == applicant, "the applicant is prefilled"
    assert form.find_element(By.CSS_SELECTOR, "[name='respondent.name']").get_attribute("value") == respondent, "the respondent is prefilled"
    for name, value in {"agreement.terms": "一、被申请人返还申请人装修款8000元；二、被申请人免费修复客厅墙面。",
                        "agreement.obligations": f"{respondent}：返还装修款8000元，于{today.year}年{today.month}月{today.day}日前履行"}.items():
        fill(form, name, value)
    for el in form.find_elements(By.CSS_SELECTOR, "textarea"):
        if not (el.get_attribute("value") or "").strip():
            el.send_keys("江城市中村街道建设路18号" if "address" in el.get_attribute("name") else "李明")
    submit_confirmed(pages, form.find_element(By.CSS_SELECTOR, "button[type=submit]"), "issuing the 行政调解协议书")
    errors = pages.driver.find_elements(By.CSS_SELECTOR, "#document-errors")
    assert not errors, f"MD-AGREEMENT refused: {errors[0].text}"
    docs = pages.find("#case-documents", "the documents").text
    assert "行政调解协议书" in docs and "未送达" in docs, docs
    row = next(tr for tr in pages.driver.find_elements(By.CSS_SELECTOR, "#case-documents tr[id^='doc-']") if "行政调解协议书" in tr.text)
    pages.click_and_wait_for_new_page(row.find_element(By.LINK_TEXT, "打印"), "the agreement's print view")
    printed = pages.body_text()
    for expected in ("行政调解协议书", applicant, respondent, "返还申请人装修款8000元", "不得擅自变更或者解除", "李明"):
        assert expected in printed, f"{expected!r} is not in the printed agreement:\n{printed[:2000]}"
    pages.screenshot("browser-mediation-agreement-print.png")
    pages.open(dispute)
    serve_by_post(pages, respondent, "1187654321015")
    assert "邮寄送达" in pages.find("#case-documents", "the documents").text
    action(pages, "concludeAgreement", {"signedOn": today.isoformat(), "terms": "被申请人返还装修款8000元并修复墙面",
                                        "obligations": f"被申请人|返还装修款|{due}",
                                        "investigation": "核对装修合同、付款凭证及现场照片，多收增项费用属实",
                                        "result": "双方自愿达成调解协议", "allSigned": True, "checklist": True}, "the agreement")
    assert state(pages) == "已结案", state(pages)
    facts = pages.find("#procedure", "the facts").text
    assert "达成调解协议" in facts and "返还装修款" in facts, facts[:2000]
    # MD-37: the volume is filed within 30 days of the conclusion (a rest day rolling forward).
    clocks = pages.find("#case-clocks", "the clocks").text
    assert "电子归档" in clocks, clocks
    archive_row = next(tr for tr in pages.driver.find_elements(By.CSS_SELECTOR, "#case-clocks tr[id^='clock-']") if "电子归档" in tr.text)
    due_text = archive_row.find_element(By.CSS_SELECTOR, "td.due").text
    allowed = [today + dt.timedelta(days=30 + n) for n in range(0, 10)]
    assert any(d.isoformat() in due_text for d in allowed), f"电子归档 due {due_text!r}, 30 days from {today}"

    # 7. The obligation due today is checked (MD-29).
    action(pages, "checkPerformance", {"status": "performed"}, "the performance check")
    facts = pages.find("#procedure", "the facts").text
    assert "已履行" in facts and "核查" in facts, facts[:2000]
    pages.screenshot("browser-mediation-concluded.png")

    # 8. 谁受理谁回访 (MD-34): not 中村所, which mediated it — the centre, which accepted it, revisits it.
    revisits = pages.find("#revisits", "the revisit section of the closed dispute")
    assert not revisits.find_elements(By.CSS_SELECTOR, "form#revisit-form"), "中村所 did not accept the dispute: the centre revisits it"
    number = pages.driver.find_element(By.XPATH, "//dt[normalize-space()='案号']/following-sibling::dd[1]").text.strip()
    switch_user(pages, "tj_centre")
    pages.open("/revisits?type=mediations")
    sample = pages.find("#revisit-sample", "the centre's revisit sample")
    row = next((tr for tr in sample.find_elements(By.CSS_SELECTOR, "tbody tr") if number in tr.text), None)
    assert row is not None, f"{number} is not in the centre's sample: {sample.text[:1500]}"
    assert "待回访" in row.text, row.text
    pages.click_and_wait_for_new_page(row.find_element(By.CSS_SELECTOR, "a"), "opening the dispute from the sample")
    assert state(pages) == "已结案", state(pages)
    assert "只读" in pages.body_text(), "the centre reads the dispatched dispute, it does not act on it"
    form = pages.find("form#revisit-form", "the centre's revisit form (谁受理谁回访)")
    for name, value in {"method": "phone", "answer": "satisfied", "performance": "5", "attitude": "5", "law": "4", "procedure": "5",
                        "note": "已按协议收到退款，对调解员态度和调解程序满意"}.items():
        fill(form, name, value)
    pages.click_and_wait_for_new_page(form.find_element(By.CSS_SELECTOR, "#revisit-submit"), "recording the revisit")
    errors = pages.driver.find_elements(By.CSS_SELECTOR, "#case-errors")
    assert not errors, f"the revisit was refused: {errors[0].text}"
    listed = pages.find("#revisit-list", "the revisits of the dispute").text
    assert "电话回访" in listed and "满意" in listed and "协议履行情况 5" in listed, listed
    pages.open("/revisits?type=mediations")
    row = next(tr for tr in pages.find("#revisit-sample", "the sample again").find_elements(By.CSS_SELECTOR, "tbody tr") if number in tr.text)
    assert "已回访" in row.text, row.text

    # 9. 中村所 files the volume (MD-37, DOC-42).
    switch_user(pages, "zc_officer")
    pages.open(dispute)
    aform = pages.find("form#archive-form", "the archive form")
    submit_confirmed(pages, aform.find_element(By.CSS_SELECTOR, "#archive-submit"), "filing the volume")
    errors = pages.driver.find_elements(By.CSS_SELECTOR, "#case-errors")
    assert not errors, f"the filing was refused: {errors[0].text}"
    archive_number = pages.find("#archive-number", "the archive number").text
    assert f"JZC-{today.year}-" in archive_number, archive_number
    assert not pages.driver.find_elements(By.CSS_SELECTOR, "form#archive-form"), "a filed volume is not filed again"
    archive_row = next(tr for tr in pages.driver.find_elements(By.CSS_SELECTOR, "#case-clocks tr[id^='clock-']") if "电子归档" in tr.text)
    assert "按期办结" in archive_row.text, f"filing ends the 电子归档 clock: {archive_row.text!r}"
    pages.screenshot("browser-mediation-filed.png")
