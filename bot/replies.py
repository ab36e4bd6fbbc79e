"""Reply templates: sandboxed Jinja2 → EmailMessage.  [pure, except TemplateSet.load]

A template is ``templates/NAME.txt.j2``. Its first rendered line is
``Subject: ...``; the rest is the plain-text body. Templates render in
Jinja2's ``SandboxedEnvironment`` with ``StrictUndefined``: a misspelt
variable or an attempt to reach Python internals is an error, found when the
set is loaded (every template is test-rendered against sample data).
"""

from __future__ import annotations

import functools
import hashlib
import re
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from email.policy import default as default_policy
from email.utils import format_datetime, formataddr, make_msgid
from pathlib import Path
from typing import Any

from jinja2 import StrictUndefined, TemplateError
from jinja2.sandbox import SandboxedEnvironment

# Long message ids fit on one line (fewer folding quirks in old clients).
OUTBOUND_POLICY = default_policy.clone(max_line_length=120)
_CTRL = re.compile(r"[\x00-\x1f\x7f]+")

SAMPLE_CONTEXT: dict[str, Any] = {
    "case_tag": "EA-2026-0001",
    "requester_name": "Dr. Jane Example",
    "requester_address": "jane.example@hospital.example",
    "original_subject": "Expanded access request for iopofosine I 131",
    "received_local": "Monday 2 November 2026, 09:15 EST",
    "due_local": "Monday 9 November 2026, 17:00 EST",
    "business_days": 5,
    "company_name": "Example Biosciences",
    "contact_phone": "+1 555 0100",
    "from_name": "Clinical Team",
    "from_address": "clinical@example.com",
    "emergency": False,
    "role": "physician",
    # escalation, emergency and adverse-event notices
    "level": "one-day-left",
    "time_left": "1 business day(s) left",
    "sender": "jane.example@hospital.example",
    "requester_role": "physician",
    "subject": "Expanded access request for iopofosine I 131",
    "adverse_event": False,
    "needs_review": False,
    "reasons": ["content:access-phrase: +3 expanded-access wording: 'expanded access'"],
    "review_link": "http://127.0.0.1:8001/case/EA-2026-0001",
    "cli_command": "eabot cases show EA-2026-0001",
    "message_row": 42,
    "category": "ea_followup",
    # digest
    "date": "Monday 9 November 2026",
    "open_cases": [{"tag": "EA-2026-0001", "requester": "jane@hospital.example",
                    "role": "physician", "subject": "EA request", "time_left": "2 business day(s) left",
                    "status": "open", "clock_stopped": False, "emergency": False,
                    "adverse_event": False, "needs_review": False,
                    "link": "http://127.0.0.1:8001/case/EA-2026-0001"}],
    "answered_open": [],
    "emergencies": [],
    "review": [],
    "messages_to_review": [{"row": 57, "sender": "reporter@news.example",
                            "received_at": "2026-11-09T15:00:00+00:00",
                            "received_local": "Mon 2026-11-09 10:00 EST",
                            "review_due_local": "Tue 2026-11-10 17:00 EST", "overdue": False}],
    "messages_to_review_overdue": 0,
    "adverse_events": [{"row": 42, "case_tag": "EA-2026-0001", "category": "ea_followup",
                        "sender": "jane@hospital.example", "received_at": "2026-11-09T14:00:00+00:00"}],
    "failed_sends": [{"kind": "ack", "to": "x@y.example", "case_tag": "EA-2026-0002",
                      "status": "failed", "error": "550 mailbox unknown"}],
    "volume": {"ea_request": 3, "other": 5},
    "total_open": 1,
    "overdue": 0,
    "polling_failing": False,
    "polling_problem": "",
    # dead-man alert
    "since": "Monday 9 November 2026, 09:00 EST",
    "failures": 12,
    "last_error": "mailbox: IMAP connection refused",
    "recovered": False,
    # review notice (messages marked for review past their review deadline)
    "count": 1,
    "messages": [{"row": 57, "sender": "pat@example.net", "received_local": "Mon 2026-11-09 10:00 EST",
                  "due_local": "Tue 2026-11-10 17:00 EST", "emergency": False,
                  "reasons": ["model:review-other: the rules found request evidence but the text "
                              "model reads it as not a request (p < 0.3): filed as other, marked "
                              "for review so a human checks"]}],
    "waiting_total": 2,
}
TEMPLATE_VARIABLES = tuple(sorted(SAMPLE_CONTEXT))


class TemplateProblem(Exception):
    """A template cannot be used; the message names the file and line."""


@dataclass(frozen=True)
class Template:
    name: str
    source: str
    sha256: str
    html_source: str | None = None  # NAME.html.j2, rendered with autoescaping

    @staticmethod
    def of(name: str, source: str, html_source: str | None = None) -> Template:
        digest = hashlib.sha256(source.encode())
        if html_source is not None:
            digest.update(b"\0html\0" + html_source.encode())
        return Template(name, source, digest.hexdigest(), html_source)


@dataclass(frozen=True)
class TemplateSet:
    templates: Mapping[str, Template]

    @staticmethod
    def load(directory: Path, required: tuple[str, ...] = ()) -> TemplateSet:
        """Read every ``*.txt.j2`` of ``directory`` and check it (I/O)."""
        found = read_templates(directory)
        problems = [f"{n}: template {directory / (n + '.txt.j2')} is missing"
                    for n in required if n not in found]
        for template in found.values():
            try:
                check(template)
            except TemplateProblem as exc:
                problems.append(str(exc))
        if problems:
            raise TemplateProblem("; ".join(problems))
        return TemplateSet(found)


def read_templates(directory: Path) -> dict[str, Template]:
    """Read ``NAME.txt.j2`` (and ``NAME.html.j2`` when present) files (I/O)."""
    found: dict[str, Template] = {}
    for file in sorted(directory.glob("*.txt.j2")):
        name = file.name.removesuffix(".txt.j2")
        html = directory / f"{name}.html.j2"
        found[name] = Template.of(name, file.read_text(encoding="utf-8"),
                                  html.read_text(encoding="utf-8") if html.exists() else None)
    return found


def _environment(html: bool = False) -> SandboxedEnvironment:
    return SandboxedEnvironment(undefined=StrictUndefined, autoescape=html,
                                keep_trailing_newline=True)


@functools.lru_cache(maxsize=64)
def _compiled(source: str, html: bool) -> Any:
    """Parse a template source once (sources are immutable; errors are not cached)."""
    return _environment(html=html).from_string(source)


_PLAIN = {"TemplateSyntaxError": "syntax error", "UndefinedError": "undefined value",
          "SecurityError": "not allowed in the sandbox"}


def _problem(file: str, exc: Exception) -> TemplateProblem:
    """The error in plain words with its file and line (a runtime error's line is the
    template frame's in the traceback Jinja2 rewrites)."""
    line = getattr(exc, "lineno", None)
    tb = exc.__traceback__
    while tb is not None and not line:
        if tb.tb_frame.f_code.co_filename == "<template>":
            line = tb.tb_lineno
        tb = tb.tb_next
    what = _PLAIN.get(type(exc).__name__, type(exc).__name__) if isinstance(
        exc, TemplateError) else f"cannot render ({type(exc).__name__})"
    return TemplateProblem(f"{file}" + (f", line {line}" if line else "") + f": {what}: {exc}")


def render_html(template: Template, context: Mapping[str, Any]) -> str | None:
    """The HTML alternative (autoescaped), or None when the template has none."""
    if template.html_source is None:
        return None
    try:
        return str(_compiled(template.html_source, True).render(**context))
    except Exception as exc:  # SecurityError and friends are TemplateErrors; be safe
        raise _problem(f"{template.name}.html.j2", exc) from None


def render_text(template: Template, context: Mapping[str, Any]) -> tuple[str, str]:
    """Render to (subject, body) or raise TemplateProblem with file and line."""
    try:
        out = str(_compiled(template.source, False).render(**context))
    except Exception as exc:  # SecurityError and friends are TemplateErrors; be safe
        raise _problem(f"{template.name}.txt.j2", exc) from None
    lines = out.lstrip("\n").split("\n")
    if not lines or not lines[0].lower().startswith("subject:"):
        raise TemplateProblem(f"{template.name}.txt.j2: the first rendered line must be "
                              "'Subject: ...'")
    subject = _CTRL.sub(" ", lines[0][len("subject:"):]).strip()
    body = "\n".join(lines[1:]).strip("\n") + "\n"
    return subject, body


def check(template: Template) -> None:
    """Parse and test-render against sample data; raise TemplateProblem."""
    for context in (SAMPLE_CONTEXT, {**SAMPLE_CONTEXT, "emergency": True,
                                     "role": "patient_or_family", "adverse_event": True,
                                     "needs_review": True, "recovered": True}):
        render_text(template, context)
        render_html(template, context)


def safe_header(value: str, limit: int = 200) -> str:
    """A header value with no control characters, capped."""
    return _CTRL.sub(" ", value).strip()[:limit]


@dataclass(frozen=True)
class Envelope:
    from_name: str
    from_address: str
    to_address: str
    message_id_domain: str
    in_reply_to: str | None = None
    references: tuple[str, ...] = ()
    bcc: tuple[str, ...] = ()
    case_tag: str | None = None


def outbound_headers(subject: str, env: Envelope, now: datetime, auto_reply: bool = True,
                     auto_submitted: str = "auto-replied") -> list[tuple[str, str]]:
    """The top-level headers of an outbound message, in order: loop-safe, no control
    characters. A fresh Message-ID each call."""
    headers = [("From", formataddr((safe_header(env.from_name), env.from_address))),
               ("To", safe_header(env.to_address, 320)),
               ("Subject", safe_header(subject, 250)),
               ("Date", format_datetime(now)),
               ("Message-ID", make_msgid(idstring="eabot", domain=env.message_id_domain))]
    if env.in_reply_to:
        headers.append(("In-Reply-To", safe_header(env.in_reply_to, 998)))
    refs = [r for r in env.references if r][-10:]
    if env.in_reply_to and env.in_reply_to not in refs:
        refs.append(env.in_reply_to)
    if refs:
        headers.append(("References", safe_header(" ".join(refs), 998)))
    if auto_reply:
        headers += [("Auto-Submitted", auto_submitted), ("X-Auto-Response-Suppress", "All")]
    if env.case_tag:
        headers.append(("X-EABot-Case", safe_header(env.case_tag, 40)))
    if env.bcc:
        headers.append(("Bcc", ", ".join(safe_header(b, 320) for b in env.bcc)))
    return headers


def build_message(subject: str, body: str, env: Envelope, now: datetime,
                  auto_reply: bool = True, auto_submitted: str = "auto-replied",
                  html: str | None = None) -> EmailMessage:
    """A complete outbound message with loop-safe headers.

    :func:`bot.outbox_rows.compose` writes the same text as this message's
    ``as_string()`` without building it (the stdlib generator deep-copies
    messages with 8-bit text to re-encode them; that is most of the cost).
    """
    msg = EmailMessage(policy=OUTBOUND_POLICY)
    for name, value in outbound_headers(subject, env, now, auto_reply, auto_submitted):
        msg[name] = value
    msg.set_content(body)
    if html is not None:
        msg.add_alternative(html, subtype="html")
    return msg
