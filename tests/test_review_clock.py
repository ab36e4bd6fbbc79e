"""The review clock of messages filed as other but marked for review (no case).

Pure: the review deadline by the case rule, the configuration value, which
messages are due (business hours, emergencies), which reasons are shown.
Whole cycles with injected time on a real store and the Maildir outbox: one
notice after the review deadline and never again, none before it, none for a
message staff re-filed, a burst is one notice, business hours; the digest,
``eabot status`` and the review UI's list mark the overdue ones.
"""

from __future__ import annotations

import email
import re
from datetime import UTC, datetime, time, timedelta
from email.policy import default as default_policy
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from click.testing import CliRunner

from bot.backends.maildir import deliver
from bot.cli import main
from bot.config import Config, ConfigError, load_config
from bot.deadlines import make_calendar
from bot.escalation import Hours
from bot.review_clock import (
    WaitingMessage,
    due_for_notice,
    parse_within,
    review_due,
    review_reasons,
)
from tests.conftest import EXAMPLES, write_config
from tests.test_notices import at, escalation_config, inbox, rows

NY = ZoneInfo("America/New_York")
CAL = make_calendar(timezone="America/New_York", country="US")
HOURS = Hours(time(8, 0), time(18, 0))
MON = datetime(2026, 11, 23, 10, 0, tzinfo=NY)  # Monday; the review deadline is Tue 24 Nov 17:00
# Filed as other but marked for review (a trial question with some request evidence).
DOUBTED = (EXAMPLES / "04_trial_eligibility_question.eml").read_bytes()
BODY_WORDS = ("zanubrutinib", "Austin", "eligibility")  # text and subject: never in the notice


def ny(month: int, day: int, hh: int, mm: int = 0) -> datetime:
    return datetime(2026, month, day, hh, mm, tzinfo=NY)


def doubted(n: int) -> bytes:
    """The doubted message from another sender, under its own Message-ID."""
    if n == 0:
        return DOUBTED
    return (DOUBTED.replace(b"pholloway.wm@example.net", f"sender{n}@example.net".encode())
            .replace(b"<3919e4f48e95.", f"<3919e4f48e95-{n}.".encode()))


def receive(cfg: Config, n: int, when: datetime) -> None:
    deliver(inbox(cfg), doubted(n), when.astimezone(UTC))


def review_notices(cfg: Config) -> list[dict]:  # type: ignore[type-arg]
    return rows(cfg, "SELECT * FROM outbox WHERE kind = 'review_overdue' ORDER BY id")


def body(raw: str) -> str:
    return str(email.message_from_string(raw, policy=default_policy).get_content())


# -- pure -------------------------------------------------------------------------------


def test_review_deadline_is_business_days_by_the_case_rule() -> None:
    assert review_due(MON, CAL, 1) == ny(11, 24, 17)
    assert review_due(MON, CAL, 0) == ny(11, 23, 17)
    # After the cut-off on Wednesday; Thursday is Thanksgiving: day 0 is Friday.
    assert review_due(ny(11, 25, 18, 30), CAL, 1) == ny(11, 30, 17)
    assert review_due(ny(11, 28, 9), CAL, 2) == ny(12, 2, 17)  # Saturday: day 0 is Monday


@pytest.mark.parametrize(("text", "days"), [("1d", 1), ("0d", 0), (" 3d ", 3), ("60d", 60),
                                            ("off", None), ("OFF", None)])
def test_parse_within(text: str, days: int | None) -> None:
    assert parse_within(text) == days


@pytest.mark.parametrize("bad", ["1h", "24h", "one day", "-1d", "61d", "", 1, None, "1 d 2"])
def test_parse_within_refuses(bad: object) -> None:
    with pytest.raises(ValueError, match=r'like "1d"'):
        parse_within(bad)


def test_due_for_notice_waits_for_business_hours_except_emergencies() -> None:
    late = WaitingMessage(1, MON)
    urgent = WaitingMessage(2, MON + timedelta(minutes=5), emergency=True)
    fresh = WaitingMessage(3, ny(11, 24, 16))
    waiting = [late, urgent, fresh]
    assert due_for_notice(waiting, 1, CAL, HOURS, ny(11, 24, 16, 59)) == []
    assert due_for_notice(waiting, 1, CAL, HOURS, ny(11, 24, 17, 1)) == [late, urgent]
    assert due_for_notice(waiting, 1, CAL, HOURS, ny(11, 24, 18, 1)) == [urgent]  # after hours
    assert due_for_notice(waiting, 1, CAL, HOURS, ny(11, 26, 10)) == [urgent]  # Thanksgiving
    assert due_for_notice(waiting, 1, CAL, HOURS, ny(11, 27, 8)) == [late, urgent, fresh]
    assert due_for_notice(waiting, None, CAL, HOURS, ny(12, 30, 10)) == []  # "off"


def test_review_reasons_are_the_ones_that_asked_for_review() -> None:
    stored = ["guard:none-fired: checked …", "content:drug: +2 names our drug: 'iopofosine'",
              "model:text-model: reads like a request with probability 0.06",
              "model:review-other: the rules found request evidence …: filed as other",
              "flag:no-emergency: checked emergency cues: none"]
    assert review_reasons(stored) == ["model:review-other: the rules found request evidence …: "
                                      "filed as other"]
    assert review_reasons(["error: cannot parse"]) == ["error: cannot parse"]
    assert review_reasons(["content:drug: x"]) == ["content:drug: x"]  # none says why: all


# -- whole cycles -----------------------------------------------------------------------


def test_one_notice_after_the_review_deadline_and_never_again(tmp_path: Path) -> None:
    cfg = escalation_config(tmp_path, extra='review_url = "https://review.example"')
    receive(cfg, 0, MON)
    at(cfg, MON)
    [m] = rows(cfg, "SELECT * FROM messages")
    assert (m["category"], m["needs_review"], m["case_id"]) == ("other", 1, None)
    at(cfg, ny(11, 24, 9))
    at(cfg, ny(11, 24, 16, 59))
    assert review_notices(cfg) == []  # not before the deadline
    at(cfg, ny(11, 24, 17, 1))
    [notice] = review_notices(cfg)
    assert notice["status"] == "sent" and notice["recipient"] == "ea-team@cellectar.example"
    text = body(notice["raw"])
    assert "1 message marked for review, past the review deadline" in notice["subject"]
    assert "pholloway.wm@example.net" in text
    assert "Received:  Monday 23 November 2026, 10:00 EST" in text
    assert "Review by: Tuesday 24 November 2026, 17:00 EST" in text
    assert "model:review-other" in text
    assert "https://review.example/list/messages_to_review" in text
    for word in BODY_WORDS:
        assert word not in notice["raw"], word
    day = ny(11, 24, 17, 1)
    while day < ny(12, 4, 12):  # a restart every 5 hours, for ten days
        day += timedelta(hours=5)
        at(cfg, day)
    assert len(review_notices(cfg)) == 1
    assert [r["key"] for r in rows(cfg, "SELECT key FROM notices WHERE kind = 'review_overdue'")] \
        == ["msg:1:review_overdue"]
    assert [e["kind"] for e in rows(cfg, "SELECT kind FROM events WHERE message_row = 1 AND "
                                    "kind LIKE 'review_overdue%' ORDER BY id")] == [
        "review_overdue_queued", "review_overdue_sent"]


def test_no_notice_for_messages_staff_handled(tmp_path: Path) -> None:
    cfg = escalation_config(tmp_path)
    receive(cfg, 0, MON)
    receive(cfg, 1, MON + timedelta(minutes=1))
    at(cfg, MON + timedelta(minutes=2))
    runner = CliRunner()
    for row, category in (("m1", "ea_request"), ("m2", "auto_reply")):
        result = runner.invoke(main, ["cases", "-c", str(cfg.path), "reclassify", row, category,
                                      "--reason", "read it", "--by", "mkeller"])
        assert result.exit_code == 0, result.output
    for when in (ny(11, 24, 17, 1), ny(11, 25, 9), ny(11, 30, 9)):
        at(cfg, when)
    assert review_notices(cfg) == []
    assert rows(cfg, "SELECT tag FROM cases") == [{"tag": "EA-2026-0001"}]  # m1's case, own clock


def test_no_notice_or_digest_line_for_a_message_checked_as_not_a_request(tmp_path: Path) -> None:
    cfg = escalation_config(tmp_path)
    receive(cfg, 0, MON)
    receive(cfg, 1, MON + timedelta(minutes=1))
    at(cfg, MON + timedelta(minutes=2))
    result = CliRunner().invoke(main, ["cases", "-c", str(cfg.path), "dismiss", "m1",
                                       "--by", "mkeller"])
    assert result.exit_code == 0, result.output
    assert "m1: checked by mkeller: not a request; it stays other" in result.output
    at(cfg, ny(11, 24, 17, 1))  # both past their review deadline: only m2 is announced
    [notice] = review_notices(cfg)
    assert re.findall(r"Message m(\d+)", body(notice["raw"])) == ["2"]
    assert "pholloway.wm@example.net" not in notice["raw"]
    at(cfg, ny(11, 25, 8, 40))
    at(cfg, ny(11, 30, 9))
    assert len(review_notices(cfg)) == 1
    assert rows(cfg, "SELECT key FROM notices WHERE kind = 'review_overdue'") == [
        {"key": "msg:2:review_overdue"}]
    [digest] = rows(cfg, "SELECT * FROM outbox WHERE kind = 'digest' ORDER BY id DESC LIMIT 1")
    section = body(digest["raw"]).split("Messages filed as other but marked for review")[1]
    assert "sender1@example.net" in section and "pholloway.wm@example.net" not in section


def test_a_burst_of_three_is_one_notice_listing_three(tmp_path: Path) -> None:
    cfg = escalation_config(tmp_path)
    for n in range(3):
        receive(cfg, n, MON + timedelta(hours=n))
    at(cfg, MON + timedelta(hours=3))
    at(cfg, ny(11, 25, 9))  # down on Tuesday: all three are past their deadline at once
    at(cfg, ny(11, 25, 10))
    [notice] = review_notices(cfg)
    text = body(notice["raw"])
    assert "3 messages marked for review" in notice["subject"]
    assert [int(r) for r in re.findall(r"Message m(\d+)", text)] == [1, 2, 3]
    for sender in ("pholloway.wm@example.net", "sender1@example.net", "sender2@example.net"):
        assert sender in text
    keys = rows(cfg, "SELECT key, outbox_id FROM notices WHERE kind = 'review_overdue'")
    assert len(keys) == 3 and {k["outbox_id"] for k in keys} == {notice["id"]}
    # A fourth, later: its own notice, listing it alone; the three are never listed again.
    receive(cfg, 3, ny(11, 25, 11))
    at(cfg, ny(11, 25, 11, 5))
    at(cfg, ny(11, 30, 9))  # Thursday is Thanksgiving, Friday a closure: due Mon 30 Nov 17:00
    assert len(review_notices(cfg)) == 1
    at(cfg, ny(11, 30, 17, 5))
    _first, second = review_notices(cfg)
    text = body(second["raw"])
    assert re.findall(r"Message m(\d+)", text) == ["4"] and "sender3@example.net" in text
    assert "4 messages wait for review in all" in text


def test_the_notice_waits_for_business_hours(tmp_path: Path) -> None:
    cfg = escalation_config(tmp_path)
    receive(cfg, 0, ny(11, 20, 10))  # Friday: the review deadline is Monday 23 Nov 17:00
    at(cfg, ny(11, 20, 10, 5))
    at(cfg, ny(11, 21, 12))  # Saturday
    at(cfg, ny(11, 23, 18, 30))  # past the deadline, but after business hours
    at(cfg, ny(11, 24, 7, 55))
    assert review_notices(cfg) == []
    assert rows(cfg, "SELECT * FROM notices WHERE kind = 'review_overdue'") == []
    at(cfg, ny(11, 24, 8, 5))
    assert len(review_notices(cfg)) == 1


def test_review_message_within_is_configurable_and_checked(tmp_path: Path) -> None:
    cfg = escalation_config(tmp_path / "two", extra='review_message_within = "2d"')
    assert cfg.escalation.review_message_days == 2
    receive(cfg, 0, MON)
    at(cfg, MON)
    at(cfg, ny(11, 24, 17, 30))
    assert review_notices(cfg) == []  # two business days: Wednesday 17:00
    at(cfg, ny(11, 25, 17, 30))
    assert len(review_notices(cfg)) == 1

    off = escalation_config(tmp_path / "off", extra='review_message_within = "off"')
    assert off.escalation.review_message_days is None
    assert "review_overdue" not in off.required_templates()
    default = escalation_config(tmp_path / "default")
    assert default.escalation.review_message_days == 1
    assert "review_overdue" in default.required_templates()

    for bad in ('"24h"', '"one day"', "1"):
        with pytest.raises(ConfigError) as exc:
            escalation_config(tmp_path / "bad", extra=f"review_message_within = {bad}")
        problems = dict(exc.value.problems)
        assert 'like "1d"' in problems["escalation.review_message_within"], problems
        assert "escalation.review_message_within" in str(exc.value)


def test_the_digest_says_which_messages_are_past_their_review_deadline(tmp_path: Path) -> None:
    cfg = escalation_config(tmp_path)
    receive(cfg, 0, MON)
    receive(cfg, 1, ny(11, 25, 7))
    at(cfg, ny(11, 25, 8, 40))
    [digest] = rows(cfg, "SELECT * FROM outbox WHERE kind = 'digest' ORDER BY id DESC LIMIT 1")
    assert "1 message(s) overdue for review" in digest["subject"]
    text = body(digest["raw"])
    section = text.split("Messages filed as other but marked for review")[1].split("Yesterday")[0]
    assert "(1 past the review deadline;" in section
    first, second = [line.strip() for line in section.strip().splitlines()[1:3]]
    assert first.startswith("m1  pholloway.wm@example.net  received Mon 2026-11-23 10:00 EST")
    assert "OVERDUE for review (due Tue 2026-11-24 17:00 EST)" in first
    assert second.startswith("m2  sender1@example.net") and "OVERDUE" not in second
    assert "review by Mon 2026-11-30 17:00 EST" in second


def test_status_counts_the_messages_waiting_for_review(tmp_path: Path) -> None:
    cfg = escalation_config(tmp_path)
    now = datetime.now(UTC)
    receive(cfg, 0, now - timedelta(days=20))
    receive(cfg, 1, now - timedelta(minutes=1))  # its review deadline is later today or after
    at(cfg, now)
    result = CliRunner().invoke(main, ["status", "-c", str(cfg.path)])
    assert "messages marked for review without a case: 2 waiting, 1 past the review deadline" \
        in result.output, result.output
    assert result.exit_code == 0  # informational: the exit code is the cases' and sends'


def test_the_review_ui_lists_overdue_messages_first_and_red(tmp_path: Path,
                                                            monkeypatch: pytest.MonkeyPatch) -> None:
    from bot.review import sqlfunctions
    from bot.review.server import make_datasette
    from tests.review_rig import REVIEW_SECTION, STAFF
    from tests.test_review_pages import ACCOUNTS, Browser, text

    cfg = load_config(write_config(tmp_path, REVIEW_SECTION))
    receive(cfg, 1, ny(11, 25, 7))  # not yet due (Mon 30 Nov 17:00)
    receive(cfg, 0, MON)  # overdue since Tue 24 Nov 17:00, logged second
    at(cfg, ny(11, 25, 7, 30))
    monkeypatch.setattr(sqlfunctions, "clock", lambda: ny(11, 25, 12).astimezone(UTC))
    staff = Browser(make_datasette(cfg, ACCOUNTS), STAFF)
    home = staff.get("/").text
    tile = re.search(r'<li class="([a-z ]+)">\s*<a href="/list/messages_to_review" '
                     r'aria-label="Messages to review: (\d+)">(.*?)</li>', home, re.S)
    assert tile is not None, home
    assert tile.group(1) == "tile hot" and tile.group(2) == "2"  # red: one is overdue
    assert "1 past the review deadline" in tile.group(3)
    page = staff.get("/list/messages_to_review").text
    table = page.split("<tbody>")[1].split("</tbody>")[0]
    senders = re.findall(r"(pholloway\.wm|sender1)@example\.net", table)
    assert senders == ["pholloway.wm", "sender1"]  # the overdue one first
    overdue_row, fresh_row = table.split("</tr>")[:2]
    assert '<tr class="overdue">' in overdue_row and "OVERDUE by" in overdue_row
    assert '<tr class="overdue">' not in fresh_row
    assert "Tue 2026-11-24 17:00 EST" in text(overdue_row)
    assert "filed as other, marked for review" in text(overdue_row)
    query = staff.get("/eabot/messages_to_review.json?_shape=objects").json()["rows"]
    assert [(r["from_addr"], r["review"]) for r in query] == [
        ("pholloway.wm@example.net", "OVERDUE"), ("sender1@example.net", "")]
