"""The review UI's read-only side: metadata, canned queries, login, and a real browser run.

The store is filled by a real triage cycle (``eabot demo`` over
``examples/mail/``) plus one physician request delivered a few business days
before *now*, so that its case is due within 2 business days whatever the
date the suite runs on. The browser test starts ``eabot review`` as a
subprocess on a free port and drives Debian's headless Chromium with
Playwright; it skips (and says why) where Chromium or Playwright is missing,
unless ``EABOT_REQUIRE_SERVERS=1``, which turns the skip into a failure.
The workspace (dashboard, case page, actions) is tested in test_review_workspace.py.
"""

from __future__ import annotations

import asyncio
import os
import sqlite3
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

from bot.backends.maildir import deliver
from bot.cli import main
from bot.config import Config, load_config
from bot.deadlines import business_days_left, compute_deadline
from bot.review import sqlfunctions
from bot.review.access import (
    PASSWORD_HASH_ENV,
    Accounts,
    ReviewSettings,
    accounts_from_env,
    login_user_from_env,
)
from bot.review.columns import TABLES
from bot.review.metadata import HIDDEN, build_metadata, canned_queries
from bot.review.server import make_datasette
from tests.conftest import CHROMIUM_FLAGS, EXAMPLES, write_config
from tests.review_rig import review_server

DUE_SOON_SENDER = "praman@lakeshore-oncology.example.org"
DUE_SOON_MAIL = f"""\
From: "Dr. Priya Raman" <{DUE_SOON_SENDER}>
To: clinical@cellectar.example
Subject: Expanded access request for iopofosine I 131 - 58F, relapsed lymphoplasmacytic lymphoma
Message-ID: <review-ui-due-soon@lakeshore-oncology.example.org>
MIME-Version: 1.0
Content-Type: text/plain; charset=utf-8

Dear Clinical Team,

I am the treating oncologist of a 58-year-old woman with relapsed
lymphoplasmacytic lymphoma who has exhausted the approved options. I would
like to request expanded access (single-patient use) to iopofosine I 131 for
her. I can send her records and prepare Form FDA 3926 on request.

Kind regards,
Priya Raman, MD
Lakeshore Oncology Associates
"""
REQUIRED_QUERIES = {"open_cases_by_time_left", "due_within_2_business_days", "overdue",
                    "emergencies", "adverse_events", "marked_for_review",
                    "failed_or_pending_sends", "from_sender", "message_trail",
                    "volume_per_day_and_category"}


@dataclass
class Filled:
    config_path: Path
    cfg: Config
    due_soon_tag: str


def receipt_due_soon(cfg: Config, now: datetime) -> datetime:
    """A business-hours receipt time whose deadline is 1-2 business days after ``now``."""
    tz = cfg.calendar.tz
    for back in range(1, 30):
        day = (now.astimezone(tz) - timedelta(days=back)).date()
        received = datetime.combine(day, datetime.min.time(), tzinfo=tz).replace(hour=10)
        due = compute_deadline(received, cfg.calendar, cfg.business_days).due_at
        if due > now + timedelta(hours=1) and 1 <= business_days_left(now, due, cfg.calendar) <= 2:
            return received
    raise AssertionError("no receipt time gives a deadline within 2 business days")


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Filled:
    tmp = tmp_path_factory.mktemp("review")
    config_path = write_config(tmp)
    cfg = load_config(config_path)
    deliver(tmp / "var" / "Maildir", DUE_SOON_MAIL.encode(), receipt_due_soon(cfg, datetime.now(UTC)))
    result = CliRunner().invoke(main, ["demo", "-c", str(config_path), "--examples", str(EXAMPLES)])
    assert result.exit_code == 0, result.output
    with sqlite3.connect(f"file:{cfg.store_path}?mode=ro", uri=True) as conn:
        tag = conn.execute("SELECT tag FROM cases WHERE requester_addr = ?",
                           (DUE_SOON_SENDER,)).fetchone()[0]
    return Filled(config_path, cfg, tag)


NO_ACCOUNTS = Accounts(hash_vars={}, staff=frozenset())


def metadata_for(cfg: Config, accounts: Accounts | None = None) -> dict[str, Any]:
    return build_metadata(calendar=cfg.calendar, stop_on=cfg.escalation.stop_on,
                          business_days=cfg.business_days, accounts=accounts)


def get_all(ds: Any, *paths: str, cookies: dict[str, str] | None = None) -> list[Any]:
    async def run() -> list[Any]:
        await ds.invoke_startup()
        return [await ds.client.get(p, cookies=cookies or {}) for p in paths]
    return asyncio.run(run())


# --- metadata (pure) --------------------------------------------------------

def test_metadata_queries_are_read_only_and_complete(cfg: Config) -> None:
    meta = metadata_for(cfg)
    db = meta["databases"]["eabot"]
    assert set(db["queries"]) >= REQUIRED_QUERIES
    for name, query in db["queries"].items():
        assert not query.get("write"), name
        assert query["sql"].lstrip().upper().startswith(("SELECT", "WITH")), name
        assert query["title"] and query["description"], name
    assert all(db["tables"][t] == {"hidden": True} for t in HIDDEN)
    assert meta["plugins"]["eabot"]["calendar"]["timezone"] == "America/New_York"
    assert "allow" not in meta  # no login configured


def test_clock_stop_follows_the_configuration() -> None:
    assert "c.responded_at IS NOT NULL" in canned_queries("staff_reply")["overdue"]["sql"]
    assert "c.acknowledged_at IS NOT NULL" in canned_queries("acknowledgement")["overdue"]["sql"]


def test_every_visible_column_is_described(filled: Filled) -> None:
    with sqlite3.connect(f"file:{filled.cfg.store_path}?mode=ro", uri=True) as conn:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table' "
                                             "AND name NOT LIKE 'sqlite_%'")]
        for table in tables:
            if table in HIDDEN:
                continue
            assert table in TABLES, f"describe table {table} in bot/review/columns.py"
            for col in (r[1] for r in conn.execute(f"PRAGMA table_info({table})")):
                assert col == "id" or col in TABLES[table]["columns"], \
                    f"describe {table}.{col} in bot/review/columns.py"


# --- Datasette in-process ------------------------------------------------------

def test_every_canned_query_runs_on_a_real_store(filled: Filled) -> None:
    ds = make_datasette(filled.cfg, NO_ACCOUNTS)
    names = sorted(canned_queries(filled.cfg.escalation.stop_on))
    paths = [f"/eabot/{n}.json?_shape=objects&sender=sokonkwo@greatplains-uh.example.edu&message=1"
             for n in names]
    for name, resp in zip(names, get_all(ds, *paths), strict=True):
        assert resp.status_code == 200, (name, resp.text[:300])
        assert resp.json()["ok"], name
    due, trail, sender, by_tag, volume = (r.json() for r in get_all(
        ds, "/eabot/due_within_2_business_days.json?_shape=objects",
        "/eabot/message_trail.json?_shape=objects&message=1",
        "/eabot/from_sender.json?_shape=objects&sender=SOkonkwo@greatplains-uh.example.edu",
        f"/eabot/cases.json?_shape=objects&tag={filled.due_soon_tag}",
        "/eabot/volume_per_day_and_category.json?_shape=objects"))
    assert filled.due_soon_tag in {r["tag"] for r in due["rows"]}
    assert {r["what"] for r in trail["rows"]} >= {"received", "classified", "reason",
                                                   "event: case_opened"}
    assert sender["rows"] and all(r["category"] for r in sender["rows"])
    assert [r["tag"] for r in by_tag["rows"]] == [filled.due_soon_tag]
    assert sum(r["messages"] for r in volume["rows"]) == len(list(EXAMPLES.glob("*.eml"))) + 1


def test_sql_functions_match_the_pure_deadline_code(filled: Filled,
                                                    monkeypatch: pytest.MonkeyPatch) -> None:
    now = datetime(2026, 11, 24, 15, 0, tzinfo=UTC)
    monkeypatch.setattr(sqlfunctions, "clock", lambda: now)
    ds = make_datasette(filled.cfg, NO_ACCOUNTS)
    [resp] = get_all(ds, "/eabot.json?_shape=objects&sql=select+due_at,+business_days_left(due_at)"
                         "+as+left,+local_date(due_at)+as+day+from+cases")
    rows = resp.json()["rows"]
    assert rows
    tz = filled.cfg.calendar.tz
    for row in rows:
        due = datetime.fromisoformat(row["due_at"])
        assert row["left"] == business_days_left(now, due, filled.cfg.calendar)
        assert row["day"] == due.astimezone(tz).date().isoformat()


def test_nothing_can_write_through_the_ui(filled: Filled) -> None:
    ds = make_datasette(filled.cfg, NO_ACCOUNTS)
    before = filled.cfg.store_path.stat().st_mtime_ns
    plain, sneaky = get_all(
        ds, "/eabot.json?sql=DELETE+FROM+cases",
        "/eabot.json?sql=WITH+x+AS+(SELECT+1)+UPDATE+cases+SET+status='closed'")
    assert plain.status_code == 400 and "must be a SELECT" in plain.text
    assert "readonly database" in sneaky.json()["error"]

    async def direct_write() -> None:
        await ds.get_database("eabot").execute_write("DELETE FROM cases")
    with pytest.raises(sqlite3.OperationalError, match="readonly"):
        asyncio.run(direct_write())
    assert all(not q.get("write") for q in canned_queries("staff_reply").values())
    assert filled.cfg.store_path.stat().st_mtime_ns == before
    with sqlite3.connect(f"file:{filled.cfg.store_path}?mode=ro", uri=True) as conn:
        assert conn.execute("SELECT count(*) FROM cases WHERE status = 'closed'").fetchone()[0] == 0


def test_optional_login(filled: Filled, monkeypatch: pytest.MonkeyPatch) -> None:
    from datasette_auth_passwords.utils import hash_password

    monkeypatch.setenv(PASSWORD_HASH_ENV, hash_password("correct horse"))
    assert login_user_from_env() == "staff"
    accounts = accounts_from_env(ReviewSettings())
    assert accounts.login_required and accounts.role({"id": "staff"}) == "viewer"
    ds = make_datasette(filled.cfg, accounts)

    async def run() -> list[Any]:
        await ds.invoke_startup()
        anonymous = await ds.client.get("/eabot/cases")
        token = (await ds.client.get("/-/login")).cookies["ds_csrftoken"]
        jar = {"ds_csrftoken": token}
        bad = await ds.client.post("/-/login", cookies=jar, data={
            "username": "staff", "password": "wrong", "csrftoken": token})
        good = await ds.client.post("/-/login", cookies=jar, data={
            "username": "staff", "password": "correct horse", "csrftoken": token})
        page = await ds.client.get("/eabot/cases", cookies={"ds_actor": good.cookies["ds_actor"]})
        return [anonymous, bad, good, page]
    anonymous, bad, good, page = asyncio.run(run())
    assert anonymous.status_code == 403
    assert "Invalid username or password" in bad.text and "ds_actor" not in bad.cookies
    assert good.status_code == 302 and page.status_code == 200
    assert login_user_from_env({}) is None


def test_review_command_help_and_missing_store(tmp_path: Path) -> None:
    from bot.cli_review import review

    help_text = CliRunner().invoke(review, ["--help"]).output
    assert "Example: eabot review -c config.toml --port 8001" in help_text
    assert "staff = [...]" in help_text.replace("\n  ", " ")
    assert "--port" in help_text and "127.0.0.1" in help_text
    result = CliRunner().invoke(main if "review" in main.commands else review,
                                (["review"] if "review" in main.commands else [])
                                + ["-c", str(write_config(tmp_path))])
    assert result.exit_code != 0 and "no log at" in result.output
    assert "Traceback" not in result.output


# --- a real browser ---------------------------------------------------------------

@pytest.fixture
def server(filled: Filled, tmp_path: Path) -> Iterator[str]:
    """``eabot review`` with no accounts (the environment's password hashes removed)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(PASSWORD_HASH_ENV)}
    with review_server(filled.config_path, env, tmp_path / "review.log") as base:
        yield base


def test_in_a_real_browser(chromium: str, filled: Filled, server: str, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    tag = filled.due_soon_tag
    with sync_playwright() as pw:
        browser = pw.chromium.launch_persistent_context(
            str(tmp_path / "profile"), executable_path=chromium, headless=True,
            args=CHROMIUM_FLAGS, viewport={"width": 1280, "height": 800})
        try:
            page = browser.new_page()
            page.goto(server + "/")
            assert "what is due" in page.title()
            page.get_by_role("link", name="eabot", exact=True).last.click()
            page.wait_for_url("**/eabot")
            page.get_by_role("link", name="Due within 2 business days").click()
            page.wait_for_url("**/eabot/due_within_2_business_days")
            row = page.locator("table.rows-and-columns tbody tr", has_text=tag)
            assert row.count() == 1
            assert "business day(s) left" in row.inner_text()
            shot = tmp_path / "review.png"
            page.screenshot(path=str(shot))
            row.get_by_role("link", name=tag).click()
            page.wait_for_url(f"**/case/{tag}")
            assert tag in page.locator("h1").inner_text()
            assert "log in as staff to act" in page.content()  # no accounts: nobody acts

            # Write attempts: Datasette refuses non-SELECTs; SQLite refuses the rest.
            page.goto(server + "/eabot?sql=DELETE+FROM+cases")
            assert "Statement must be a SELECT" in page.content()
            page.goto(server + "/eabot?sql=WITH+x+AS+(SELECT+1)+UPDATE+cases+SET+status%3D'closed'")
            assert "attempt to write a readonly database" in page.content()
        finally:
            browser.close()
    with sqlite3.connect(f"file:{filled.cfg.store_path}?mode=ro", uri=True) as conn:
        assert conn.execute("SELECT count(*) FROM cases WHERE status = 'closed'").fetchone()[0] == 0
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
