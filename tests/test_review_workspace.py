"""The staff workspace in a real browser: Debian's Chromium driven by Playwright.

A staff member logs in, opens the dashboard, opens an overdue emergency case
from it, reads the message text (fetched from the Maildir), records an
answer and takes the case; the clock stops and the trail shows her name. A
read-only viewer sees the case but cannot act, and a POST without the CSRF
token is refused. ``eabot review`` runs as a subprocess on a free port.
Skips (and says why) where Chromium or Playwright is missing, unless
``EABOT_REQUIRE_SERVERS=1``. ``EABOT_UPDATE_SCREENSHOT=1`` also writes the
screenshots to docs/review-dashboard.png and docs/review-case.png.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.conftest import CHROMIUM_FLAGS, ROOT
from tests.review_rig import (
    EMERGENCY_LINE,
    STAFF,
    STAFF_PW,
    VIEWER,
    VIEWER_PW,
    Workspace,
    account_env,
    fill,
    review_server,
)


@pytest.fixture
def workspace(tmp_path: Path) -> Workspace:
    return fill(tmp_path / "ws")


@pytest.fixture
def server(workspace: Workspace, tmp_path: Path) -> Iterator[str]:
    with review_server(workspace.config_path, account_env(), tmp_path / "review.log") as base:
        yield base


def log_in(browser: Any, server: str, user: str, password: str) -> Any:
    page = browser.new_page()
    page.goto(server + "/")
    page.wait_for_url("**/-/login")  # accounts are configured: nothing without a login
    page.fill("input[name=username]", user)
    page.fill("input[name=password]", password)
    page.click("input[type=submit], button[type=submit]")
    page.wait_for_url(server + "/")
    return page


def test_a_morning_in_the_workspace(chromium: str, workspace: Workspace, server: str,
                                    tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    tag = workspace.emergency_tag
    assert workspace.case(tag)["responded_at"] is None
    with sync_playwright() as pw:
        staff = pw.chromium.launch_persistent_context(
            str(tmp_path / "staff"), executable_path=chromium, headless=True,
            args=CHROMIUM_FLAGS, viewport={"width": 1280, "height": 900})
        try:
            page = log_in(staff, server, STAFF, STAFF_PW)
            assert "what is due" in page.title()
            assert f"Logged in as {STAFF}" in page.inner_text("body")
            (tmp_path / "shots").mkdir()
            page.screenshot(path=str(tmp_path / "shots" / "review-dashboard.png"), full_page=True)
            page.get_by_role("link", name="Overdue:").click()
            page.wait_for_url("**/list/overdue")
            rows = page.locator("table.cases tbody tr")
            flags = [rows.nth(i).inner_text() for i in range(rows.count())]
            assert any(tag in text for text in flags)
            emergencies = [("EMERGENCY" in text) for text in flags]
            assert emergencies == sorted(emergencies, reverse=True), "emergencies come first"
            row = page.locator("table.cases tbody tr", has_text=tag)
            assert "EMERGENCY" in row.inner_text() and "OVERDUE" in row.inner_text()
            assert "Dr. Amara Osei" in row.inner_text()  # sender names, not only addresses
            row.get_by_role("link", name=tag).click()
            page.wait_for_url(f"**/case/{tag}")
            body = page.inner_text("body")
            for expected in ("Deadline reasoning", "Day 0", "Escalation schedule", "Trail",
                             "Treating physician", "EMERGENCY", "OVERDUE", "ack_physician"):
                assert expected in body, expected

            page.get_by_role("link", name="Read the message text").first.click()
            page.wait_for_url(f"**/case/{tag}/message/*")
            text = page.inner_text("#message-text")
            assert EMERGENCY_LINE in text
            assert "<b>Hematology</b>" in text  # shown as text: escaped, never markup
            assert page.locator("#message-text b").count() == 0
            assert "request-letter.pdf" in page.inner_text("body")
            page.go_back()

            page.fill("form[action$='/respond'] input[name=note]", "phoned Dr. Osei")
            page.click("form[action$='/respond'] button")
            page.wait_for_url(f"**/case/{tag}")
            assert "clock stopped" in page.inner_text("body")
            page.click("form[action$='/take'] button")
            page.wait_for_url(f"**/case/{tag}")
            assert f"Owner{STAFF}" in page.inner_text("dl.facts").replace("\n", "").replace("\t", "")
            trail = page.inner_text("#trail")
            assert STAFF in trail and "recorded the answer" in trail and "phoned Dr. Osei" in trail
            page.screenshot(path=str(tmp_path / "shots" / "review-case.png"), full_page=True)

            # A POST without the CSRF token, with the staff member's login cookie: refused.
            refused = staff.request.post(f"{server}/case/{tag}/close",
                                         form={"reason": "no token"}, max_redirects=0)
            assert refused.status == 403
        finally:
            staff.close()

        case = workspace.case(tag)
        assert case["responded_at"] is not None and case["status"] == "answered"
        assert case["owner"] == STAFF and case["closed_at"] is None
        acted = {str(e["kind"]) for e in workspace.events(tag) if e["actor"] == STAFF}
        assert "staff_reply" in acted and acted & {"assigned", "taken"}, acted

        viewer = pw.chromium.launch_persistent_context(
            str(tmp_path / "viewer"), executable_path=chromium, headless=True,
            args=CHROMIUM_FLAGS, viewport={"width": 1280, "height": 900})
        try:
            page = log_in(viewer, server, VIEWER, VIEWER_PW)
            page.goto(f"{server}/case/{tag}")
            assert "can look but not act" in page.inner_text("#actions")
            assert page.locator("#actions form").count() == 0
            token = next(c["value"] for c in viewer.cookies() if c["name"] == "ds_csrftoken")
            denied = viewer.request.post(f"{server}/case/{tag}/close", max_redirects=0,
                                         form={"csrftoken": token, "reason": "viewer tries"})
            assert denied.status == 403 and "can look but not act" in denied.text()
        finally:
            viewer.close()
    assert workspace.case(tag)["status"] == "answered"
    if os.environ.get("EABOT_UPDATE_SCREENSHOT") == "1":
        for name in ("review-dashboard.png", "review-case.png"):
            shutil.copyfile(tmp_path / "shots" / name, ROOT / "docs" / name)
