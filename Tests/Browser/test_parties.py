"""Browser tests: log in, import parties from CSV, search, open a party, XSS."""

from __future__ import annotations

import csv
import random
import re
import secrets
from pathlib import Path

import pytest
from selenium.common.exceptions import (
    NoAlertPresentException,
    UnexpectedAlertPresentException,
)
from selenium.webdriver.common.by import By


OFFICER = "zc_officer"

# --------------------------------------------------------------------------- USCC (GB 32100-2015)

USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"  # no I, O, S, V, Z
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
ORG_WEIGHTS = (3, 7, 9, 10, 5, 8, 4, 2)  # GB 11714 organisation code


def org_code_check(body: str) -> str:
    """Check character of a GB 11714 organisation code body (8 chars, A=10..Z=35)."""
    assert len(body) == 8
    total = sum(int(c, 36) * w for c, w in zip(body, ORG_WEIGHTS))
    c = 11 - total % 11
    return {10: "X", 11: "0"}.get(c, str(c))


def uscc_check(first17: str) -> str:
    assert len(first17) == 17
    total = sum(USCC_CHARS.index(c) * w for c, w in zip(first17, USCC_WEIGHTS))
    return USCC_CHARS[(31 - total % 31) % 31]


def is_valid_uscc(code: str) -> bool:
    if len(code) != 18 or any(c not in USCC_CHARS for c in code):
        return False
    org = code[8:17]
    return org_code_check(org[:8]) == org[8] and uscc_check(code[:17]) == code[17]


def random_uscc(rng: random.Random) -> str:
    """A random, fully valid USCC: 9 (市场监管) 1 (企业) + region + org code + check."""
    region = rng.choice(["110108", "310115", "330106", "350102", "440305", "510107"])
    # Organisation-code body: characters valid in both alphabets (GB 11714 and GB 32100).
    body = "".join(rng.choice(USCC_CHARS) for _ in range(8))
    first17 = "91" + region + body + org_code_check(body)
    return first17 + uscc_check(first17)


def corrupt_uscc(code: str) -> str:
    """Same code with a wrong final check character (always detected: 31 is prime)."""
    wrong = [c for c in USCC_CHARS if c != code[17]]
    return code[:17] + random.choice(wrong)


def test_uscc_generator_is_self_consistent():
    # Widely published sample code; guards the generator itself.
    assert is_valid_uscc("91350100M000100Y43")
    rng = random.Random()
    for _ in range(200):
        code = random_uscc(rng)
        assert is_valid_uscc(code), code
        assert not is_valid_uscc(corrupt_uscc(code))


# --------------------------------------------------------------------------- CSV

HEADER = ["类型", "名称", "统一社会信用代码", "身份证号", "法定代表人", "电话", "地址"]


def enterprise_row(name: str, uscc: str) -> list[str]:
    return ["企业", name, uscc, "", "张三", "13800138000", "浙江省诸暨市枫桥镇测试路1号"]


def write_csv(path: Path, rows: list[list[str]]) -> Path:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(HEADER)
        w.writerows(rows)
    return path


def unique_tag() -> str:
    return secrets.token_hex(3).upper()


# --------------------------------------------------------------------------- page steps

def import_csv(pages, csv_path: Path):
    """Upload a CSV on /parties/import; return the #import-summary element."""
    pages.open("/parties/import")
    form = pages.find("form[enctype='multipart/form-data']", "multipart import form")
    file_input = form.find_element(By.CSS_SELECTOR, "input[type=file][name=file]")
    file_input.send_keys(str(csv_path.resolve()))
    pages.click_and_wait_for_new_page(pages.find("button#import-submit", "import button"),
                                      "submitting the import form")
    return pages.find("#import-summary", "import result summary")


def assert_counts(summary_text: str, ok: int, failed: int):
    compact = re.sub(r"\s+", " ", summary_text)
    assert re.search(rf"成功\s*{ok}\s*行", compact), \
        f"expected '成功 {ok} 行' in #import-summary, got: {summary_text!r}"
    assert re.search(rf"失败\s*{failed}\s*行", compact), \
        f"expected '失败 {failed} 行' in #import-summary, got: {summary_text!r}"


def contains_number(text: str, n: int) -> bool:
    """`n` appears on its own (not inside a USCC, phone number, ...)."""
    return re.search(rf"(?<![0-9A-Za-z]){n}(?![0-9A-Za-z])", text) is not None


def search(pages, query: str):
    """Search on /parties via the form; return the list of tr.party-row elements."""
    pages.open("/parties")
    box = pages.find("input[name=q]", "search box")
    box.clear()
    box.send_keys(query)
    pages.click_and_wait_for_new_page(pages.find("button#search-submit", "search button"),
                                      "submitting the search form")
    sel, _ = pages.find_any("table#party-list", "#party-empty")
    if sel == "#party-empty":
        return []
    return pages.driver.find_elements(By.CSS_SELECTOR, "table#party-list tr.party-row")


def row_for(rows, name: str):
    for row in rows:
        for link in row.find_elements(By.CSS_SELECTOR, "a.party-link"):
            if link.text.strip() == name:
                return row, link
    return None, None


def close_alert(driver) -> str | None:
    """Accept an open alert (so the page can still be inspected); return its text."""
    try:
        alert = driver.switch_to.alert
        text = alert.text
        alert.accept()
        return text
    except NoAlertPresentException:
        return None


def assert_no_alert(driver, where: str):
    try:
        driver.switch_to.alert
    except NoAlertPresentException:
        return
    text = close_alert(driver)
    pytest.fail(f"XSS: a JavaScript alert ({text!r}) fired on {where}", pytrace=False)


# --------------------------------------------------------------------------- tests

def test_wrong_password_shows_error(pages):
    pages.submit_login(OFFICER, "not-the-password")
    sel, el = pages.find_any(".flash-error", "#my-work")
    assert sel == ".flash-error", \
        f"a wrong password logged in (reached {pages.driver.current_url})"
    assert el.is_displayed(), ".flash-error is present but not visible"
    assert el.text.strip(), ".flash-error is empty"
    assert not pages.driver.find_elements(By.CSS_SELECTOR, "#my-work")


def test_login_import_search_and_open_party(pages, tmp_path):
    # --- log in
    pages.open("/login")
    pages.find("input[name=login]", "login field")
    pages.screenshot("browser-login.png")
    pages.login(OFFICER)
    path = pages.driver.current_url.split(pages.server.base_url, 1)[-1]
    assert path in ("/", ""), f"after login expected to land on /, got {pages.driver.current_url}"
    menu = pages.find("#user-menu", "user menu in the header")
    assert menu.text.strip(), "#user-menu shows no name"
    assert menu.text.strip() != OFFICER, \
        f"#user-menu should show the real name, not the login id: {menu.text!r}"

    # --- import: rows 1, 3, 5 valid; row 2 bad USCC; row 4 empty name
    rng = random.Random()
    tag = unique_tag()
    names = [f"枫桥测试{tag}{i}有限公司" for i in range(1, 4)]
    codes = set()
    while len(codes) < 4:
        codes.add(random_uscc(rng))
    codes = sorted(codes)
    rows = [
        enterprise_row(names[0], codes[0]),
        enterprise_row(f"坏代码{tag}有限公司", corrupt_uscc(codes[3])),
        enterprise_row(names[1], codes[1]),
        enterprise_row("", random_uscc(rng)),
        enterprise_row(names[2], codes[2]),
    ]
    csv_path = write_csv(tmp_path / "parties.csv", rows)
    summary = import_csv(pages, csv_path)
    pages.screenshot("browser-import.png")
    assert_counts(summary.text, ok=3, failed=2)

    errors = pages.driver.find_elements(By.CSS_SELECTOR, "#import-errors tr.import-error")
    assert len(errors) == 2, \
        f"expected 2 tr.import-error rows in #import-errors, got {len(errors)}: " \
        f"{[e.text for e in errors]}"
    texts = [e.text for e in errors]
    # Bad rows are data rows 2 and 4 = file lines 3 and 5 (header is line 1);
    # accept either numbering, but each error row must show its row number.
    by_line = all(contains_number(t, n) for t, n in zip(texts, (3, 5)))
    by_data_row = all(contains_number(t, n) for t, n in zip(texts, (2, 4)))
    assert by_line or by_data_row, \
        f"each import error should show its row number (file lines 3 and 5, or data rows 2 " \
        f"and 4), got: {texts}"

    # --- search for one imported party and open it
    target = names[1]
    results = search(pages, target)
    assert results, f"search for {target!r} showed #party-empty"
    row, link = row_for(results, target)
    assert link is not None, \
        f"no a.party-link with text {target!r} among results: {[r.text for r in results]}"
    href = link.get_attribute("href") or ""
    assert re.search(r"/parties/[^/?#]+$", href), f"party link should go to /parties/{{id}}, got {href!r}"
    pages.click_and_wait_for_new_page(link, f"opening {target!r}")
    heading = pages.find("h1#party-name", "party name heading")
    pages.wait().until(lambda d: d.find_element(By.CSS_SELECTOR, "h1#party-name").text.strip() == target,
                       f"h1#party-name should read {target!r}")
    assert heading.text.strip() == target
    pages.find("#party-history", "party history section")
    assert codes[1] in pages.body_text(), f"the party page should show its USCC {codes[1]}"
    pages.screenshot("browser-party.png")

    # --- the rejected rows were not imported
    assert not row_for(search(pages, f"坏代码{tag}"), f"坏代码{tag}有限公司")[1], \
        "a row with an invalid USCC was imported anyway"


def test_script_in_party_name_is_shown_as_text(pages, tmp_path):
    payload = "<script>alert(1)</script>商行"
    pages.login(OFFICER)
    uscc = random_uscc(random.Random())
    csv_path = write_csv(tmp_path / "xss.csv", [enterprise_row(payload, uscc)])
    try:
        summary = import_csv(pages, csv_path)
        assert_no_alert(pages.driver, "the import result page")
        assert_counts(summary.text, ok=1, failed=0)

        results = search(pages, payload)
        assert_no_alert(pages.driver, "the party list")
        assert results, f"search for {payload!r} showed #party-empty"
        row, link = row_for(results, payload)
        assert link is not None, \
            f"the name should show literally as {payload!r}; rows: {[r.text for r in results]}"
        assert not row.find_elements(By.TAG_NAME, "script"), "a <script> element was injected into the list"
        box = pages.driver.find_element(By.CSS_SELECTOR, "input[name=q]")
        assert box.get_attribute("value") in ("", payload), \
            f"the search box should echo the query as text, got {box.get_attribute('value')!r}"

        pages.click_and_wait_for_new_page(link, "opening the party")
        pages.wait().until(
            lambda d: d.find_elements(By.CSS_SELECTOR, "h1#party-name")
            and d.find_element(By.CSS_SELECTOR, "h1#party-name").text.strip() == payload,
            f"h1#party-name should read {payload!r} literally")
        assert_no_alert(pages.driver, "the party page")
        heading = pages.driver.find_element(By.CSS_SELECTOR, "h1#party-name")
        assert not heading.find_elements(By.TAG_NAME, "script"), "a <script> element was injected into h1"
    except UnexpectedAlertPresentException as err:
        fired = close_alert(pages.driver) or err.alert_text or "?"
    else:
        fired = None
    if fired is not None:
        pytest.fail(f"XSS: a JavaScript alert ({fired!r}) fired on {pages.driver.current_url}",
                    pytrace=False)
