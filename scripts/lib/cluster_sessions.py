"""scripts/cluster's session and token checks (issue 13 item 4; PLT-32, PLT-33): a session or an
API token is the database's, not a server's. Mixed into scripts/cluster's Cluster, which provides
`servers`, `tokens`, `cli` (runs the fengqiao command), `fail` and `figure`."""

from __future__ import annotations

import re

import requests

PASSWORD = "Demo-Pass-2025"


class SessionChecks:
    # ------------------------------------------------------------------ a. sessions

    def check_sessions(self) -> None:
        s1, s2 = (s.base for s in self.servers)
        web = requests.Session()
        page = web.get(f"{s1}/login", timeout=30)
        m = re.search(r'name="_csrf" value="([^"]+)"', page.text)
        if not m:
            return self.fail("SESSION: no CSRF token on server 1's login form")
        r = web.post(f"{s1}/login", data={"_csrf": m.group(1), "login": "zc_officer", "password": PASSWORD, "next": ""},
                     allow_redirects=False, timeout=30)
        cookie = r.cookies.get("fq_session")
        if r.status_code not in (302, 303) or not cookie:
            return self.fail(f"SESSION: login on server 1 answered {r.status_code} without a session cookie")
        jar = {"fq_session": cookie}

        def home(base):
            return requests.get(f"{base}/", cookies=jar, allow_redirects=False, timeout=30)
        r2 = home(s2)
        if r2.status_code != 200:
            return self.fail(f"SESSION: server 1's session cookie on server 2 answered {r2.status_code} "
                             f"({r2.headers.get('Location')}), expected the home page")
        csrf = re.search(r'name="_csrf" value="([^"]+)"', r2.text)
        self.check_tokens(s1, s2)
        if not csrf:
            return self.fail("SESSION: no CSRF token on server 2's page for the session")
        out = requests.post(f"{s2}/logout", data={"_csrf": csrf.group(1)}, cookies=jar, allow_redirects=False, timeout=30)
        r1 = home(s1)
        ended = r1.status_code in (302, 303) and "/login" in (r1.headers.get("Location") or "")
        if out.status_code not in (302, 303) or not ended:
            return self.fail(f"SESSION: logout on server 2 ({out.status_code}) did not end the session on server 1 "
                             f"(server 1 answered {r1.status_code} {r1.headers.get('Location')})")
        self.figure("sessions: web login (CSRF) on server 1 → home page on server 2; logout on server 2 → "
                    "server 1 sends to /login; an API token works on both, revoked on server 1 → 401 on server 2")

    def check_tokens(self, s1: str, s2: str) -> None:
        """A token works on both servers; revoked on server 1, server 2 refuses it at once (PLT-33)."""
        secret = self.cli.run("token", "create", "--login", "zc_officer", "--name", "cluster-revoke",
                              "--scope", "write").stdout.strip().splitlines()[-1].strip()
        h = {"Authorization": f"Bearer {secret}"}
        answers = [requests.get(f"{b}/api/v1/tokens", headers=h, timeout=30) for b in (s1, s2)]
        if any(r.status_code != 200 for r in answers):
            return self.fail(f"TOKEN: an API token answered {[r.status_code for r in answers]} on the two servers, expected 200 on both")
        listed = answers[1].json()
        items = listed if isinstance(listed, list) else next((v for v in listed.values() if isinstance(v, list)), [])
        mine = [t for t in items if isinstance(t, dict) and t.get("name") == "cluster-revoke"]
        if not mine:
            return self.fail(f"TOKEN: server 2 does not list the token made on the command line: {str(listed)[:200]}")
        r = requests.post(f"{s1}/api/v1/tokens/{mine[0]['id']}/revoke", headers=h, json={}, timeout=30)
        after = requests.get(f"{s2}/api/v1/tokens", headers=h, timeout=30)
        if r.status_code != 200 or after.status_code != 401:
            return self.fail(f"TOKEN: revoked on server 1 ({r.status_code}), server 2 still answers {after.status_code} (expected 401)")
