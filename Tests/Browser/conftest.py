"""Browser tests for Fengqiao: fixtures.

The suite builds nothing. It runs the already built `fengqiao` binary
(`$FENGQIAO_BIN`, else `$(swift build --show-bin-path)/fengqiao`) as

    fengqiao demo --port PORT --password Demo-Pass-2025

in a fresh temporary directory (the demo writes ./fengqiao.sqlite there), waits
for GET /healthz to answer 200, and drives it with Selenium 4 + headless
Chromium (/usr/bin/chromium, /usr/bin/chromedriver).

Screenshots, the server log and, for failed tests, a screenshot and the page
source go to `$FENGQIAO_ARTIFACTS` (default: <repo>/test-artifacts).
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.common.exceptions import (
    TimeoutException,
    UnexpectedAlertPresentException,
    WebDriverException,
)
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import WebDriverWait

REPO_ROOT = Path(__file__).resolve().parents[2]
CHROMIUM = os.environ.get("FENGQIAO_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("FENGQIAO_CHROMEDRIVER", "/usr/bin/chromedriver")
DEMO_PASSWORD = "Demo-Pass-2025"
STARTUP_TIMEOUT = 120  # seconds until /healthz must answer 200
WAIT = 30  # seconds for one explicit wait in a test (debug builds are slow)


# --------------------------------------------------------------------------- helpers

def artifacts_dir() -> Path:
    path = Path(os.environ.get("FENGQIAO_ARTIFACTS", REPO_ROOT / "test-artifacts"))
    path.mkdir(parents=True, exist_ok=True)
    return path


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def fengqiao_binary() -> Path:
    env_bin = os.environ.get("FENGQIAO_BIN")
    if env_bin:
        path = Path(env_bin)
    else:
        try:
            out = subprocess.run(
                ["swift", "build", "--show-bin-path"],
                cwd=REPO_ROOT, capture_output=True, text=True, check=True, timeout=300,
            ).stdout.strip()
        except (OSError, subprocess.SubprocessError) as err:
            pytest.fail(f"cannot locate the build directory with `swift build --show-bin-path`: {err}",
                        pytrace=False)
        path = Path(out) / "fengqiao"
    if not (path.is_file() and os.access(path, os.X_OK)):
        pytest.fail(f"fengqiao binary not found at {path}: run `swift build` first "
                    "(or scripts/test, which builds it)", pytrace=False)
    return path


def chromium_version() -> str:
    try:
        return subprocess.run([CHROMIUM, "--version"], capture_output=True, text=True,
                              timeout=60).stdout.strip() or "unknown"
    except (OSError, subprocess.SubprocessError) as err:
        return f"unavailable ({err})"


def pytest_report_header(config):
    return [f"browser: {chromium_version()}; driver: {CHROMEDRIVER}"]


def pytest_sessionstart(session):
    # pytest -q hides the report header, so say it here too (once per run).
    tr = session.config.pluginmanager.get_plugin("terminalreporter")
    if tr is not None and session.config.option.verbose < 0:
        tr.write_line(f"browser: {chromium_version()}")


# --------------------------------------------------------------------------- server

class DemoServer:
    def __init__(self, base_url: str, proc: subprocess.Popen, log_path: Path, workdir: Path):
        self.base_url = base_url
        self.proc = proc
        self.log_path = log_path
        self.workdir = workdir

    def url(self, path: str) -> str:
        return self.base_url + path

    def log_tail(self, limit: int = 6000) -> str:
        try:
            text = self.log_path.read_text(errors="replace")
        except OSError:
            return "(no server log)"
        return text[-limit:]


def _healthz_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=2) as resp:
            return resp.status == 200
    except (urllib.error.URLError, OSError, ValueError):
        return False


@pytest.fixture(scope="session")
def server():
    binary = fengqiao_binary()
    workdir = Path(tempfile.mkdtemp(prefix="fengqiao-browser-"))
    log_path = workdir / "server.log"
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    env = dict(os.environ)
    env.pop("FENGQIAO_TEST_DATABASE_URL", None)
    with open(log_path, "wb") as log:
        proc = subprocess.Popen(
            [str(binary), "demo", "--port", str(port), "--password", DEMO_PASSWORD],
            cwd=workdir, stdout=log, stderr=subprocess.STDOUT, stdin=subprocess.DEVNULL,
            env=env, start_new_session=True,
        )
    srv = DemoServer(base_url, proc, log_path, workdir)
    try:
        deadline = time.monotonic() + STARTUP_TIMEOUT
        while True:
            if proc.poll() is not None:
                pytest.fail(
                    f"`fengqiao demo` exited early with code {proc.returncode}; its output:\n"
                    f"{srv.log_tail()}", pytrace=False)
            if _healthz_ok(base_url + "/healthz"):
                break
            if time.monotonic() > deadline:
                pytest.fail(
                    f"`fengqiao demo` did not answer 200 on {base_url}/healthz within "
                    f"{STARTUP_TIMEOUT}s; its output:\n{srv.log_tail()}", pytrace=False)
            time.sleep(0.25)
        yield srv
    finally:
        if proc.poll() is None:
            proc.send_signal(signal.SIGTERM)
            try:
                proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait(timeout=15)
        try:
            shutil.copyfile(log_path, artifacts_dir() / "browser-server.log")
        except OSError:
            pass
        shutil.rmtree(workdir, ignore_errors=True)


# --------------------------------------------------------------------------- browser

@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    outcome = yield
    report = outcome.get_result()
    setattr(item, "rep_" + report.when, report)


@pytest.fixture
def driver(request):
    """A fresh headless Chromium per test (no shared cookies between tests)."""
    options = webdriver.ChromeOptions()
    options.binary_location = CHROMIUM
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage",
                "--window-size=1366,768", "--lang=zh-CN", "--disable-gpu",
                "--no-first-run", "--no-default-browser-check"):
        options.add_argument(arg)
    # Leave an unexpected alert() open so a test can see it (XSS check) rather
    # than have chromedriver dismiss it silently.
    options.unhandled_prompt_behavior = "ignore"
    service = Service(executable_path=CHROMEDRIVER,
                      log_output=str(artifacts_dir() / "chromedriver.log"))
    drv = webdriver.Chrome(options=options, service=service)
    drv.set_page_load_timeout(60)
    yield drv
    try:
        rep = getattr(request.node, "rep_call", None)
        if rep is not None and rep.failed:
            name = request.node.name.replace("/", "_")
            out = artifacts_dir()
            try:
                drv.save_screenshot(str(out / f"failure-{name}.png"))
                (out / f"failure-{name}.html").write_text(drv.page_source, encoding="utf-8")
            except Exception as err:  # an open alert, a dead browser, ...
                print(f"could not save failure artifacts for {name}: {err}")
    finally:
        drv.quit()


# --------------------------------------------------------------------------- page helpers

class Pages:
    """Small helpers over the page contract, with explicit waits and clear failures."""

    def __init__(self, drv, srv: DemoServer):
        self.driver = drv
        self.server = srv

    def wait(self, timeout: float = WAIT) -> WebDriverWait:
        return WebDriverWait(self.driver, timeout)

    def open(self, path: str):
        self.driver.get(self.server.url(path))

    def find(self, css: str, what: str | None = None, timeout: float = WAIT):
        try:
            return self.wait(timeout).until(
                EC.presence_of_element_located((By.CSS_SELECTOR, css)))
        except TimeoutException:
            pytest.fail(f"{what or css!r} not found within {timeout}s on {self.driver.current_url}\n"
                        f"page text:\n{self.body_text()[:3000]}", pytrace=False)

    def find_any(self, *css: str, timeout: float = WAIT):
        """Wait until one of the selectors matches; return (selector, element)."""
        found = {}

        def any_present(d):
            for sel in css:
                els = d.find_elements(By.CSS_SELECTOR, sel)
                if els:
                    found["hit"] = (sel, els[0])
                    return True
            return False

        try:
            self.wait(timeout).until(any_present)
        except TimeoutException:
            pytest.fail(f"none of {css} appeared within {timeout}s on {self.driver.current_url}\n"
                        f"page text:\n{self.body_text()[:3000]}", pytrace=False)
        return found["hit"]

    def click_and_wait_for_new_page(self, element, what: str, timeout: float = WAIT):
        """Click something that submits a form or follows a link, and wait until the
        browser has finished loading the next document (not just until the old one
        goes stale, which races with chromedriver during navigation)."""
        self.driver.execute_script("window.__fqOldPage = true;")
        element.click()

        def new_page_loaded(d):
            try:
                return d.execute_script(
                    "return document.readyState === 'complete' && !window.__fqOldPage;")
            except UnexpectedAlertPresentException:
                raise
            except WebDriverException:  # the old document is being torn down
                return False

        try:
            self.wait(timeout).until(new_page_loaded)
        except TimeoutException:
            pytest.fail(f"{what}: no new page loaded within {timeout}s "
                        f"(still on {self.driver.current_url})\npage text:\n{self.body_text()[:3000]}",
                        pytrace=False)

    def body_text(self) -> str:
        try:
            return self.driver.find_element(By.TAG_NAME, "body").text
        except Exception as err:
            return f"(no page text: {err})"

    def screenshot(self, name: str) -> Path:
        path = artifacts_dir() / name
        self.driver.save_screenshot(str(path))
        return path

    def submit_login(self, login: str, password: str):
        self.open("/login")
        self.find("input[name=login]", "login field").clear()
        self.driver.find_element(By.CSS_SELECTOR, "input[name=login]").send_keys(login)
        pw = self.find("input[name=password]", "password field")
        pw.clear()
        pw.send_keys(password)
        self.click_and_wait_for_new_page(self.find("button#login-submit", "login button"),
                                         "submitting the login form")

    def login(self, login: str, password: str = DEMO_PASSWORD):
        self.submit_login(login, password)
        sel, el = self.find_any("#my-work", ".flash-error")
        if sel == ".flash-error":
            pytest.fail(f"login as {login} failed: {el.text!r}", pytrace=False)
        return el


@pytest.fixture
def pages(driver, server) -> Pages:
    return Pages(driver, server)
