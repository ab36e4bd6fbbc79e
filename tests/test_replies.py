"""Templates render in a sandbox; outbound headers are loop-safe."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from bot.replies import (
    SAMPLE_CONTEXT,
    Envelope,
    Template,
    TemplateProblem,
    TemplateSet,
    build_message,
    render_text,
)
from tests.conftest import ROOT

NOW = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)


def tpl(source: str) -> Template:
    return Template("t", source, "x")


def test_shipped_templates_load_and_list_their_variables() -> None:
    ts = TemplateSet.load(ROOT / "templates", ("ack_physician", "ack_patient", "ack_other"))
    for t in ts.templates.values():
        head = t.source.split("-#}")[0]
        assert "Variables:" in head
        subject, body = render_text(t, SAMPLE_CONTEXT)
        if t.name.startswith("ack_") or t.name in ("escalation", "emergency"):
            assert SAMPLE_CONTEXT["case_tag"] in subject
        assert subject and body.strip()


def test_patient_template_explains_physician_route_and_3926() -> None:
    ts = TemplateSet.load(ROOT / "templates")
    _, body = render_text(ts.templates["ack_patient"], {**SAMPLE_CONTEXT, "emergency": True})
    assert "treating physician" in body
    assert "3926" in body
    assert "emergency" in body.lower()


@pytest.mark.parametrize("source", [
    "Subject: x\n{{ undefined_thing }}",
    "Subject: x\n{{ ''.__class__.__mro__ }}",
    "Subject: x\n{{ cycler.__init__.__globals__.os }}",
    "Subject: x\n{% for x in %}",
])
def test_sandbox_and_strict_undefined(source: str) -> None:
    with pytest.raises(TemplateProblem):
        render_text(tpl(source), SAMPLE_CONTEXT)


def test_first_line_must_be_subject() -> None:
    with pytest.raises(TemplateProblem, match="Subject"):
        render_text(tpl("Hello\nbody"), SAMPLE_CONTEXT)


def test_outbound_headers() -> None:
    msg = build_message("Re: [EA-2026-0001] hi\r\nBcc: evil@x.org", "body\n", Envelope(
        from_name="Clinical", from_address="clinical@cellectar.example",
        to_address="dr@hosp.example", message_id_domain="cellectar.example",
        in_reply_to="<orig@hosp.example>", references=("<a@b>",), case_tag="EA-2026-0001"), NOW)
    assert msg["Auto-Submitted"] == "auto-replied"
    assert msg["X-Auto-Response-Suppress"] == "All"
    assert msg["In-Reply-To"] == "<orig@hosp.example>"
    assert msg["References"] == "<a@b> <orig@hosp.example>"
    assert str(msg["Message-ID"]).endswith("@cellectar.example>")
    assert "\n" not in str(msg["Subject"]) and "\r" not in str(msg["Subject"])
    assert msg["Bcc"] is None
    raw = msg.as_bytes()
    assert b"\nBcc:" not in raw
