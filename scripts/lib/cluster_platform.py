"""scripts/cluster's 12315 platform check (CP-43, complaints.md step 1): two servers configured
with one platform share its lease, so the platform is never pulled by both at once. A small HTTP
server stands in for the platform: `GET /items` answers slowly (so two pulls would overlap) with a
few items and a cursor, and counts how many pulls were in flight at once; `POST /status` takes the
status messages. Mixed into scripts/cluster's Cluster, which provides `servers`, `db`, `fail` and
`figure`."""

from __future__ import annotations

import json
import re
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import requests

PASSWORD = "Demo-Pass-2025"
PULL_SECONDS = 3.0


def item(no: str) -> dict:
    return {"平台编号": no, "来源渠道": "全国12315平台", "收到日期": "2025-09-29", "投诉人姓名": "集群测试人",
            "投诉人电话": "13900008888", "被投诉人名称": "江城市集群测试超市有限公司", "被投诉人地址": "江城区集群路1号",
            "投诉请求": "退还货款", "事实与理由": "购买的牛奶已过保质期", "知道权益受损日期": "2025-09-28", "件类型": "投诉"}


class FakePlatform:
    """The platform on a loopback port, in a daemon thread."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.in_flight = self.max_in_flight = self.pulls = self.posts = 0
        self.items = [item(f"PCLUSTER{n:04d}") for n in range(1, 4)]
        platform = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *_):  # quiet
                pass

            def do_GET(self):  # noqa: N802
                with platform.lock:
                    platform.pulls += 1
                    platform.in_flight += 1
                    platform.max_in_flight = max(platform.max_in_flight, platform.in_flight)
                try:
                    time.sleep(PULL_SECONDS)
                    body = json.dumps({"items": platform.items, "cursor": "cluster-1"}, ensure_ascii=False).encode()
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                finally:
                    with platform.lock:
                        platform.in_flight -= 1

            def do_POST(self):  # noqa: N802
                self.rfile.read(int(self.headers.get("Content-Length") or 0))
                with platform.lock:
                    platform.posts += 1
                self.send_response(200)
                self.send_header("Content-Length", "0")
                self.end_headers()

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.httpd.server_address[1]}"
        threading.Thread(target=self.httpd.serve_forever, daemon=True).start()

    def env(self, unit: str) -> dict:
        return {"FENGQIAO_PLATFORM_URL": self.url, "FENGQIAO_PLATFORM_UNIT": unit, "FENGQIAO_PLATFORM_TOKEN": "cluster-token"}


class PlatformChecks:
    def admin_session(self, base: str):
        web = requests.Session()
        page = web.get(f"{base}/login", timeout=30)
        token = re.search(r'name="_csrf" value="([^"]+)"', page.text)
        web.post(f"{base}/login", data={"_csrf": token.group(1) if token else "", "login": "admin", "password": PASSWORD, "next": ""},
                 allow_redirects=False, timeout=30)
        page = web.get(f"{base}/admin/platform-sync", timeout=30)
        csrf = re.search(r'name="_csrf" value="([^"]+)"', page.text)
        return web, csrf.group(1) if csrf else None, page.status_code

    def check_platform_lease(self) -> None:
        p = self.platform
        # The schedulers' first pass pulls (never pulled before); wait until it is over and the lease free.
        deadline = time.monotonic() + 90
        while time.monotonic() < deadline:
            free = self.db.rows("SELECT count(*) FROM platform_sync WHERE lease_holder IS NULL")
            if p.pulls >= 1 and p.in_flight == 0 and free and int(free[0][0]) == 1:
                break
            time.sleep(0.5)
        else:
            return self.fail(f"PLATFORM: the schedulers' first pull did not end within 90 s ({p.pulls} pulls, {p.in_flight} in flight)")
        before = p.pulls
        sessions = [self.admin_session(s.base) for s in self.servers]
        if any(csrf is None for _, csrf, _ in sessions):
            return self.fail(f"PLATFORM: the administrator's page answered {[status for _, _, status in sessions]} without a form")
        answers: list = [None, None]

        def press(i: int) -> None:
            web, csrf, _ = sessions[i]
            r = web.post(f"{self.servers[i].base}/admin/platform-sync/pull", data={"_csrf": csrf}, allow_redirects=False, timeout=60)
            answers[i] = r.headers.get("Location", str(r.status_code))
        threads = [threading.Thread(target=press, args=(i,)) for i in range(2)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        outcomes = sorted(re.sub(r".*ok=", "", a or "") for a in answers)
        imported = int(self.db.rows("SELECT count(*) FROM complaint_import_items WHERE item_key LIKE '%:PCLUSTER%'")[0][0])
        if p.max_in_flight != 1:
            self.fail(f"PLATFORM: {p.max_in_flight} pulls were in flight at once (the lease lets one server pull)")
        if outcomes != ["platform-busy", "platform-pulled"]:
            self.fail(f"PLATFORM: 立即拉取 pressed on both servers at once answered {answers}; expected one pulled and one busy")
        if imported != len(p.items):
            self.fail(f"PLATFORM: {imported} import rows for {len(p.items)} platform items (each once)")
        self.figure(f"platform: the first pull by one scheduler, then 立即拉取 on both servers at once → {', '.join(outcomes)}; "
                    f"{p.pulls - before} pull(s) for the two presses, at most {p.max_in_flight} in flight; {imported} items imported once; "
                    f"{p.posts} status messages posted")
