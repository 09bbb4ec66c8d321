"""Schemathesis hooks for scripts/fuzz (issue 13 item 1), loaded through SCHEMATHESIS_HOOKS.

* `problem_json` (a check): every 4xx answer is `application/problem+json` whose body carries the
  same `status` and a stable `code` — a dotted lower-case word such as `validation.failed`, never a
  message or an id.
* `RoleAuth` (an auth provider): each request goes out with the token of a role drawn at random
  from $FENGQIAO_FUZZ_ROLES (JSON: login -> token), so one run spreads over all roles; or, with
  $FENGQIAO_FUZZ_ROLE, always that role's (the stateful runs). Being an auth provider,
  schemathesis' `ignored_auth` check still knows how to send a request without it.
* Token revocation: a request to revoke one of the running tokens ($FENGQIAO_FUZZ_PROTECTED, JSON
  list of ids) is pointed at a throw-away token ($FENGQIAO_FUZZ_VICTIMS) instead; a fuzzer that
  revoked its own token would turn the rest of the run into 401s.
* `after_call` (a hook): counts every request schemathesis sends, by status class and by role, and
  records each 5xx and each 4xx that breaks the rule above, so scripts/fuzz can print its own
  figures. The tally is written as JSON to $FENGQIAO_FUZZ_OUT when the run ends.
"""

from __future__ import annotations

import atexit
import json
import os
import random
import re
import threading

import schemathesis

STABLE_CODE = re.compile(r"^[a-z][a-z0-9]*(?:[.-][a-z0-9]+)*$")
_lock = threading.Lock()
_tally: dict = {"requests": 0, "status": {}, "by_operation": {}, "findings": []}
_seen: set = set()
ROLES: dict[str, str] = json.loads(os.environ.get("FENGQIAO_FUZZ_ROLES") or "{}")
_LOGIN_OF = {f"Bearer {t}": login for login, t in ROLES.items()}
PROTECTED = {i.lower() for i in json.loads(os.environ.get("FENGQIAO_FUZZ_PROTECTED") or "[]")}
VICTIMS = [i.lower() for i in json.loads(os.environ.get("FENGQIAO_FUZZ_VICTIMS") or "[]")]
_rng = random.Random(os.environ.get("FENGQIAO_FUZZ_SEED", "0"))
# One role for the whole run (the stateful runs: a sequence that creates a record and reads it back
# must do both as one user, or "created resource not found" is only another office's scope, X-05).
FIXED = os.environ.get("FENGQIAO_FUZZ_ROLE", "")
REVOKE = "/api/v1/tokens/{id}/revoke"


if ROLES:
    @schemathesis.auth(refresh_interval=None)
    class RoleAuth:
        """A role's token per request, drawn at random."""

        def get(self, case, ctx):
            if FIXED in ROLES:
                return FIXED
            with _lock:
                return _rng.choice(sorted(ROLES))

        def set(self, case, data, ctx):
            case.headers = case.headers or {}
            case.headers["Authorization"] = f"Bearer {ROLES[data]}"


@schemathesis.hook
def before_call(context, case, kwargs):
    if case.operation.path == REVOKE and VICTIMS:
        value = (case.path_parameters or {}).get("id")
        if isinstance(value, str) and value.lower() in PROTECTED:
            case.path_parameters["id"] = _rng.choice(VICTIMS)


def _header(response, name: str) -> str:
    values = response.headers.get(name.lower()) or response.headers.get(name) or []
    if isinstance(values, str):
        return values
    return values[0] if values else ""


def problem_violation(response) -> str | None:
    """Why a 4xx answer is not a proper problem document; None when it is one."""
    status = response.status_code
    if not 400 <= status < 500:
        return None
    media = _header(response, "content-type").split(";")[0].strip().lower()
    if media != "application/problem+json":
        return f"{status} answered with Content-Type {media or '(none)'}, not application/problem+json"
    try:
        body = json.loads(response.content or b"")
    except ValueError:
        return f"{status} problem body is not JSON"
    if not isinstance(body, dict):
        return f"{status} problem body is not an object"
    code = body.get("code")
    if not isinstance(code, str) or not STABLE_CODE.match(code):
        return f"{status} problem has no stable code (code = {code!r})"
    if body.get("status") != status:
        return f"{status} problem says status {body.get('status')!r}"
    return None


@schemathesis.check
def problem_json(ctx, response, case):
    """Every 4xx is application/problem+json with a stable code (PLT-51)."""
    why = problem_violation(response)
    if why:
        raise AssertionError(why)


@schemathesis.hook
def after_call(context, case, response):
    status = response.status_code
    label = f"{case.method.upper()} {case.operation.path}"
    finding = None
    if status >= 500:
        finding = ("5xx", f"{status}")
    else:
        why = problem_violation(response)
        if why:
            finding = ("problem", why)
    auth = response.request.headers.get("Authorization", "")
    login = _LOGIN_OF.get(auth, "(no token)" if not auth else "(other token)")
    with _lock:
        _tally["requests"] += 1
        cls = f"{status // 100}xx"
        _tally["status"][cls] = _tally["status"].get(cls, 0) + 1
        role = _tally.setdefault("by_role", {}).setdefault(login, {})
        role[cls] = role.get(cls, 0) + 1
        if 400 <= status < 500 and finding is None:
            try:
                code = json.loads(response.content).get("code", "?")
            except (ValueError, AttributeError):
                code = "?"
            codes = _tally.setdefault("codes", {})
            codes[f"{status} {code}"] = codes.get(f"{status} {code}", 0) + 1
            per_op = _tally.setdefault("code_ops", {})
            per_op[f"{status} {code} {label}"] = per_op.get(f"{status} {code} {label}", 0) + 1
            if code in ("input.control-character", "validation.failed", "request.malformed") and len(_tally.setdefault("samples", [])) < 400:
                _tally["samples"].append([label, status, code, response.request.url[-200:],
                                          (response.request.body or b"")[:300].decode("utf-8", "replace") if isinstance(response.request.body, bytes)
                                          else str(response.request.body)[:300], response.content[:300].decode("utf-8", "replace")])
        op = _tally["by_operation"].setdefault(label, {})
        op[cls] = op.get(cls, 0) + 1
        if finding is not None:
            key = (label, finding[0], finding[1][:80])
            if key not in _seen and len(_tally["findings"]) < 200:
                _seen.add(key)
                body = response.content[:600].decode("utf-8", "replace") if response.content else ""
                req = response.request
                req_body = req.body if isinstance(req.body, str) else (req.body or b"")[:600].decode("utf-8", "replace") if req.body else ""
                _tally["findings"].append({"kind": finding[0], "what": finding[1], "operation": label, "status": status,
                                           "role": login, "url": req.url, "request": req_body[:600], "response": body})


def _dump() -> None:
    out = os.environ.get("FENGQIAO_FUZZ_OUT")
    if out:
        with _lock, open(out, "w", encoding="utf-8") as f:
            json.dump(_tally, f, ensure_ascii=False)


atexit.register(_dump)
