"""The workspace's pages and actions in-process (Datasette's own test client), on a real store.

Who may look and act, the CSRF token, refusals shown in words, the
dashboard's counts against the lists, the case page's content, and the
``[review]`` configuration.
"""

from __future__ import annotations

import asyncio
import re
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

import pytest

from bot.config import ConfigError, load_config
from bot.review import schedule, sqlfunctions, words
from bot.review.access import Accounts, ReviewSettings, accounts_from_env, hash_env, parse_review
from bot.review.server import make_datasette
from bot.review_clock import waiting_sql
from tests.conftest import write_config
from tests.review_rig import STAFF, VIEWER, Workspace, fill

ACCOUNTS = Accounts(hash_vars={STAFF: hash_env(STAFF), VIEWER: hash_env(VIEWER)},
                    staff=frozenset({STAFF}))


@pytest.fixture(scope="module")
def ws(tmp_path_factory: pytest.TempPathFactory) -> Workspace:
    return fill(tmp_path_factory.mktemp("pages"), store_bodies=True)


class Browser:
    """Datasette's in-process client with a cookie jar and a signed login."""

    def __init__(self, ds: Any, user: str | None):
        self.ds, self.jar = ds, {}
        if user:
            self.jar["ds_actor"] = ds.sign({"a": {"id": user}}, "actor")

    def get(self, path: str) -> Any:
        resp = asyncio.run(self._get(path))
        return resp

    async def _get(self, path: str) -> Any:
        await self.ds.invoke_startup()
        resp = await self.ds.client.get(path, cookies=self.jar)
        self.jar.update(dict(resp.cookies))
        return resp

    def post(self, path: str, data: dict[str, str], *, token: bool = True) -> Any:
        async def run() -> Any:
            await self.ds.invoke_startup()
            if token and "ds_csrftoken" not in self.jar:
                await self._get(path.rsplit("/", 1)[0])  # the case page sets the token cookie
            form = {**data, **({"csrftoken": self.jar["ds_csrftoken"]} if token else {})}
            resp = await self.ds.client.post(path, cookies=self.jar, data=form)
            self.jar.update(dict(resp.cookies))
            return resp
        return asyncio.run(run())

    def flash(self) -> str:
        """The case page after a redirect, with the messages Datasette carries in a cookie."""
        return str(self.get(f"/case/{self.tag}").text)

    tag = ""


def text(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def test_who_may_look_and_act(ws: Workspace) -> None:
    ds = make_datasette(ws.cfg, ACCOUNTS)
    tag = ws.emergency_tag
    anonymous, viewer, staff = Browser(ds, None), Browser(ds, VIEWER), Browser(ds, STAFF)
    stranger = Browser(ds, "mallory")
    for path in ("/", f"/case/{tag}", "/list/overdue", f"/case/{tag}/message/1"):
        resp = anonymous.get(path)
        assert resp.status_code == 302 and resp.headers["location"].endswith("/-/login"), path
        assert stranger.get(path).status_code == 403, path
    assert viewer.get(f"/case/{tag}").status_code == 200
    assert "can look but not act" in viewer.get(f"/case/{tag}").text
    assert 'action="/case/' not in viewer.get(f"/case/{tag}").text
    refused = viewer.post(f"/case/{tag}/note", {"text": "viewer note"})
    assert refused.status_code == 403 and "can look but not act" in refused.text
    no_token = staff.post(f"/case/{tag}/note", {"text": "forged"}, token=False)
    assert no_token.status_code == 403
    assert not [e for e in ws.events(tag) if e["kind"] == "note"]

    staff.tag = tag
    done = staff.post(f"/case/{tag}/note", {"text": "called the ICU; records follow"})
    assert done.status_code == 302 and done.headers["location"] == f"/case/{tag}"
    page = text(staff.flash())
    assert "called the ICU; records follow" in page and STAFF in page
    [note] = [e for e in ws.events(tag) if e["kind"] == "note"]
    assert note["actor"] == STAFF


def test_refusals_are_shown_in_words(ws: Workspace) -> None:
    ds = make_datasette(ws.cfg, ACCOUNTS)
    tag = ws.emergency_tag
    staff = Browser(ds, STAFF)
    staff.tag = tag
    staff.post(f"/case/{tag}/close", {"reason": ""})
    assert "close refused: A reason is required" in staff.flash()
    staff.post(f"/case/{tag}/reopen", {"reason": "new records"})
    page = staff.flash()
    assert "reopen refused" in page and tag in page  # reopening an open case says why
    staff.post(f"/case/{tag}/reclassify", {"category": "spam", "reason": "x"})
    assert "choose a category" in staff.flash()
    staff.post(f"/case/{tag}/respond", {"at": "yesterday"})
    assert "cannot read the time" in staff.flash()
    assert staff.post(f"/case/{tag}/explode", {}).status_code == 302
    assert "unknown action" in staff.flash()
    assert ws.case(tag)["status"] == "open"


def test_nobody_acts_without_accounts(ws: Workspace) -> None:
    ds = make_datasette(ws.cfg, Accounts(hash_vars={}, staff=frozenset()))
    tag = ws.emergency_tag
    anyone = Browser(ds, None)
    assert anyone.get("/").status_code == 200
    assert "log in as staff to act" in anyone.get(f"/case/{tag}").text
    # No cookie at all: Datasette's CSRF check lets it through; the view refuses it.
    resp = asyncio.run(_bare_post(ds, f"/case/{tag}/close"))
    assert resp.status_code == 403 and ws.case(tag)["closed_at"] is None


async def _bare_post(ds: Any, path: str) -> Any:
    await ds.invoke_startup()
    return await ds.client.post(path, data={"reason": "no login"})


def test_dashboard_counts_match_the_lists(ws: Workspace) -> None:
    ds = make_datasette(ws.cfg, ACCOUNTS)
    staff = Browser(ds, STAFF)
    home = staff.get("/").text
    counts = dict((name, int(n)) for n, name in re.findall(
        r'<span class="n">(\d+)</span>([^<]+)</a>', home))
    assert {"Overdue", "Due today", "Due within 2 business days", "Emergencies",
            "Adverse events awaiting pharmacovigilance", "Review queue", "Unassigned",
            "My cases"} <= set(counts)
    for name, path in (("Overdue", "overdue"), ("Emergencies", "emergencies"),
                       ("Unassigned", "unassigned"), ("My cases", "mine")):
        page = staff.get(f"/list/{path}").text
        assert page.count('<tr class="') == counts[name], name
    assert counts["Overdue"] >= 1 and counts["Emergencies"] >= 1
    overdue = text(staff.get("/list/overdue").text)
    for label in ("Case", "Flags", "Time left", "Due (local time)", "Requester", "Owner"):
        assert label in overdue
    assert "Dr. Amara Osei" in overdue and (" EST" in overdue or " EDT" in overdue)
    assert staff.get("/list/nope").status_code == 404
    assert staff.get("/case/EA-1999-0001").status_code == 404


def test_case_page_facts(ws: Workspace) -> None:
    ds = make_datasette(ws.cfg, ACCOUNTS)
    staff = Browser(ds, STAFF)
    page = text(staff.get(f"/case/{ws.emergency_tag}").text)
    for expected in ("Dr. Amara Osei", "aosei@riverside-med.example.org", "Treating physician",
                     "EMERGENCY", "Day 0", "Days counted", "Escalation schedule",
                     "emergency (on call)", "Expanded-access request", "Content:",
                     "ack_physician", "version", "Text as sent", "opened the case"):
        assert expected in page, expected
    html = staff.get(f"/case/{ws.emergency_tag}").text
    messages = html.split('id="messages"')[1].split('id="outgoing"')[0]
    assert "content:drug" not in text(messages)  # reasons in words; codes only as tooltips
    assert 'title="content:drug' in messages
    # store_bodies = true: the text is on the page, escaped
    assert "&lt;b&gt;Hematology&lt;/b&gt;" in html and "<b>Hematology</b>" not in html


def test_schedule_fired_and_pending(ws: Workspace) -> None:
    case = ws.case(ws.emergency_tag)
    due = datetime.fromisoformat(str(case["due_at"]))
    early = due - timedelta(days=10)
    steps = schedule.escalation_schedule(case, [], ws.cfg, early)
    assert [s.state for s in steps] == ["pending"] * len(ws.cfg.escalation.levels)
    assert all(s.when for s in steps)
    fired = [{"key": f"case:{case['id']}:level:two-days-left", "kind": "escalation",
              "status": "queued", "outbox_status": "sent", "recorded_at": early.isoformat(),
              "fire_at": early.isoformat(), "recipient": "ea-team@cellectar.example"}]
    states = {s.name: s.state for s in schedule.escalation_schedule(case, fired, ws.cfg, early)}
    assert states["two-days-left"] == "fired" and states["one-day-left"] == "pending"
    closed = dict(case, status="closed")
    assert {s.state for s in schedule.escalation_schedule(closed, [], ws.cfg, early)} == {"not-needed"}
    reasoning = schedule.deadline_reasoning(case, ws.cfg)
    assert reasoning is not None and len(reasoning["counted"]) == ws.cfg.business_days


def test_words() -> None:
    assert words.reason_words("content:drug: +2 names our drug: 'iopofosine'") == (
        "Content", "+2 names our drug: 'iopofosine'")
    tz = sqlfunctions.calendar_from({"timezone": "America/New_York", "country": "US"}).tz
    what, why = words.event_words("closed", '{"reason": "LOA sent", "at": '
                                  '"2026-11-24T15:00:00+00:00"}', tz)
    assert what == "closed the case" and "LOA sent" in why and "10:00 EST" in why
    assert words.who({"actor": "mkeller"}) == "mkeller" and words.who({"detail": "{}"}) == "eabot"
    assert words.status_words("answered").startswith("Answered")


def test_review_configuration(tmp_path: Path) -> None:
    cfg = load_config(write_config(tmp_path, '[review]\nstaff = ["mkeller"]\nviewers = ["qa.lead"]\n'))
    assert cfg.review == ReviewSettings(staff=("mkeller",), viewers=("qa.lead",))
    problems: list[tuple[str, str]] = []
    parse_review({"staff": ["a b", "ok"], "viewers": ["ok"], "admins": []}, problems)
    keys = [k for k, _ in problems]
    assert keys == ["review.admins", "review.staff[0]", "review.viewers"]
    with pytest.raises(ConfigError, match=r"review\.staff"):
        load_config(write_config(tmp_path, '[review]\nstaff = "mkeller"\n'))
    env = {hash_env("mkeller"): "pbkdf2_sha256$x", "EABOT_REVIEW_PASSWORD_HASH": "pbkdf2_sha256$y"}
    accounts = accounts_from_env(cfg.review, env)
    assert hash_env("qa.lead") == "EABOT_REVIEW_PASSWORD_HASH_QA_LEAD"
    assert accounts.role({"id": "mkeller"}) == "staff"
    assert accounts.role({"id": "staff"}) == "viewer"  # the older single login looks only
    assert accounts.role({"id": "qa.lead"}) is None  # no hash in the environment: no login
    meta = accounts.auth_metadata()
    assert meta["allow"] == {"id": ["mkeller", "staff"]}
    assert meta["plugins"]["datasette-auth-passwords"]["mkeller_password_hash"] == {
        "$env": hash_env("mkeller")}
    assert "pbkdf2" not in str(meta)  # hashes stay in the environment


def test_notices_link_to_the_case_page(ws: Workspace) -> None:
    import sqlite3

    with sqlite3.connect(f"file:{ws.cfg.store_path}?mode=ro", uri=True) as conn:
        [raw] = conn.execute("SELECT o.raw FROM outbox o JOIN cases c ON c.id = o.case_id WHERE "
                             "c.tag = ? AND o.kind = 'emergency'", (ws.emergency_tag,)).fetchone()
    assert f"http://127.0.0.1:8001/case/{ws.emergency_tag}" in raw


def test_close_reopen_assign_reclassify_from_the_page(ws: Workspace) -> None:
    import sqlite3

    with sqlite3.connect(f"file:{ws.cfg.store_path}?mode=ro", uri=True) as conn:
        [tag] = conn.execute("SELECT tag FROM cases WHERE requester_addr = ?",
                             ("sokonkwo@greatplains-uh.example.edu",)).fetchone()
    ds = make_datasette(ws.cfg, ACCOUNTS)
    staff = Browser(ds, STAFF)
    staff.tag = tag
    staff.post(f"/case/{tag}/close", {"reason": "LOA sent"})
    assert ws.case(tag)["status"] == "closed" and "Reopen" in staff.flash()
    staff.post(f"/case/{tag}/close", {"reason": "again"})
    assert "close refused" in staff.flash()  # closing a closed case says so
    staff.post(f"/case/{tag}/reopen", {"reason": "new records arrived"})
    case = ws.case(tag)
    assert case["status"] == "open" and case["close_reason"] is None
    staff.post(f"/case/{tag}/assign", {"owner": STAFF})
    assert ws.case(tag)["owner"] == STAFF
    staff.post(f"/case/{tag}/assign", {"owner": ""})
    assert ws.case(tag)["owner"] is None
    staff.post(f"/case/{tag}/confirm_review", {"note": "fine"})
    assert "confirm review refused" in staff.flash()  # not under review
    staff.post(f"/case/{tag}/reclassify", {"category": "ea_request", "role": "physician",
                                           "emergency": "yes", "adverse_event": "keep",
                                           "reason": "ICU transfer mentioned by phone"})
    assert ws.case(tag)["emergency"] == 1
    trail = text(staff.get(f"/case/{tag}").text).split("Trail", 1)[1]
    for words_ in ("closed the case", "LOA sent", "reopened the case", "new records arrived",
                   "reclassified", "ICU transfer mentioned by phone"):
        assert words_ in trail, words_
    kinds = [e["kind"] for e in ws.events(tag) if e["actor"] == STAFF]
    assert kinds[:2] == ["closed", "reopened"] and "reclassified" in kinds


def test_messages_to_review_opened_or_checked_from_the_list(tmp_path: Path) -> None:
    import sqlite3

    ws = fill(tmp_path)  # its own store: these actions change the queue
    ds = make_datasette(ws.cfg, ACCOUNTS)
    anonymous, viewer, staff = Browser(ds, None), Browser(ds, VIEWER), Browser(ds, STAFF)
    path = "/list/messages_to_review"

    def listed(browser: Browser) -> list[str]:
        table = browser.get(path).text.split("<tbody>")[1].split("</tbody>")[0]
        return sorted(re.findall(r'/eabot/messages/(\d+)"', table), key=int)

    def message(row: int) -> dict[str, Any]:
        with sqlite3.connect(f"file:{ws.cfg.store_path}?mode=ro", uri=True) as conn:
            conn.row_factory = sqlite3.Row
            return dict(conn.execute("SELECT * FROM messages WHERE id = ?", (row,)).fetchone())

    def events(row: int) -> list[tuple[str, str]]:
        with sqlite3.connect(f"file:{ws.cfg.store_path}?mode=ro", uri=True) as conn:
            return conn.execute("SELECT kind, actor FROM events WHERE message_row = ? AND actor "
                                "IS NOT NULL ORDER BY id", (row,)).fetchall()

    with sqlite3.connect(f"file:{ws.cfg.store_path}?mode=ro", uri=True) as conn:
        waiting = conn.execute("SELECT id, category, from_addr FROM messages m WHERE "
                               f"{waiting_sql('m')} ORDER BY id").fetchall()
        in_case, tag_of = conn.execute("SELECT m.id, c.tag FROM messages m JOIN cases c ON "
                                       "c.id = m.case_id ORDER BY m.id LIMIT 1").fetchone()
    # The demo files a trial question as other and two machine mails marked for review.
    assert [w[1] for w in waiting] == ["other", "auto_reply", "auto_reply"]
    trial = waiting[0][0]
    relay = next(w[0] for w in waiting if w[2] == "rlindgren@northlake-cancer.example.org")
    rest = next(w[0] for w in waiting if w[0] not in (trial, relay))
    assert listed(staff) == [str(w[0]) for w in waiting]
    page = staff.get(path).text
    for row, *_ in waiting:
        assert f'action="/message/{row}/open_request"' in page
        assert f'action="/message/{row}/dismiss_review"' in page
    assert page.count(">Not a request (checked)</button>") == 3
    assert page.count(">Open as a request</button>") == 3
    viewed = viewer.get(path).text
    assert 'action="/message/' not in viewed and "can look but not act" in viewed
    refused = viewer.post(f"/message/{trial}/dismiss_review", {"reason": "viewer"})
    assert refused.status_code == 403 and "can look but not act" in refused.text
    no_token = staff.post(f"/message/{trial}/dismiss_review", {}, token=False)
    assert no_token.status_code == 403
    resp = anonymous.post(f"/message/{trial}/dismiss_review", {}, token=False)
    assert resp.status_code in (302, 403)
    assert message(trial)["staff_correction"] is None and events(trial) == []

    done = staff.post(f"/message/{trial}/dismiss_review", {"reason": "a trial question, no patient"})
    assert done.status_code == 302 and done.headers["location"] == path
    page = text(staff.get(path).text)
    assert (f"m{trial}: checked by mkeller: not a request: a trial question, no patient; it "
            "stays other and leaves the review queue") in page
    assert listed(staff) == sorted([str(relay), str(rest)], key=int)
    assert message(trial)["staff_correction"] == ("checked: not a request: a trial question, "
                                                  "no patient")
    assert events(trial) == [("review_dismissed", STAFF)]
    staff.post(f"/message/{trial}/dismiss_review", {})
    assert f"Not a request (checked) refused: m{trial} was already handled by mkeller" in text(
        staff.get(path).text)
    staff.post(f"/message/{in_case}/dismiss_review", {})
    assert f"m{in_case} belongs to case {tag_of}" in text(staff.get(path).text)
    staff.post(f"/message/{relay}/open_request", {"reason": " "})
    assert "Open as a request refused: a reason is required" in text(staff.get(path).text)
    staff.post(f"/message/{relay}/explode", {})
    assert "unknown action" in text(staff.get(path).text)
    assert len(listed(staff)) == 2 and events(relay) == []

    staff.post(f"/message/{relay}/open_request", {"reason": "a real request under an auto-reply",
                                                  "role": "physician", "send_ack": "on"})
    flashed = text(staff.get(path).text)
    [tag] = re.findall(r"(EA-2026-\d{4}) opened", flashed)
    assert "acknowledgement to rlindgren@northlake-cancer.example.org queued" in flashed
    assert listed(staff) == [str(rest)]
    assert ws.case(tag)["requester_role"] == "physician"
    trail = text(staff.get(f"/case/{tag}").text).split("Trail", 1)[1]
    assert STAFF in trail and "a real request under an auto-reply" in trail
    home = staff.get("/").text
    assert 'aria-label="Messages to review: 1"' in home
