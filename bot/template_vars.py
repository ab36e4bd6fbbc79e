"""Which variables each kind of template is given, and a check of what a template uses.  [pure]

The sets are the keys of the contexts the code renders with (``ack_context``,
the notices' contexts, ``compose_digest``, the dead-man alert); a test keeps
them equal. ``eabot templates check`` compares every variable a template uses
(Jinja2's ``meta.find_undeclared_variables``, so branches the sample data
never takes are checked too) with the set of its kind.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from jinja2 import TemplateSyntaxError, meta
from jinja2.sandbox import SandboxedEnvironment

from bot.config import Config

_BOTH = frozenset({"company_name", "from_name"})
VARIABLES: dict[str, frozenset[str]] = {
    "acknowledgement": _BOTH | {
        "case_tag", "requester_name", "requester_address", "original_subject",
        "received_local", "due_local", "business_days", "contact_phone", "from_address",
        "emergency", "role"},
    "escalation or emergency notice": _BOTH | {
        "case_tag", "level", "time_left", "due_local", "received_local", "sender",
        "requester_role", "subject", "emergency", "adverse_event", "needs_review", "reasons",
        "review_link", "cli_command"},
    "adverse-event notice": _BOTH | {
        "case_tag", "message_row", "category", "sender", "received_local", "subject", "reasons",
        "review_link", "cli_command"},
    "digest": _BOTH | {
        "date", "open_cases", "answered_open", "emergencies", "review", "adverse_events",
        "failed_sends", "volume", "total_open", "overdue", "polling_failing",
        "polling_problem", "messages_to_review", "messages_to_review_overdue"},
    "dead-man alert": _BOTH | {"since", "failures", "last_error", "recovered"},
    "review notice": _BOTH | {"count", "messages", "waiting_total", "review_link", "cli_command"},
}


def kinds(cfg: Config) -> dict[str, str]:
    """Template name → its kind, from the configuration."""
    esc = cfg.escalation
    out = {name: "acknowledgement" for name in cfg.ack.templates.values()}
    out.update({lv.template: "escalation or emergency notice" for lv in esc.levels})
    out[esc.emergency_template] = "escalation or emergency notice"
    out[esc.adverse_event_template] = "adverse-event notice"
    out[esc.digest_template] = "digest"
    out[esc.dead_man_template] = "dead-man alert"
    out[esc.review_message_template] = "review notice"
    return out


def kind_of(name: str, cfg: Config) -> str | None:
    """The kind of template ``name``; a name the configuration does not use is
    judged by its prefix (``ack_…``), else None."""
    known = {**_DEFAULT_KINDS, **kinds(cfg)}
    if name in known:
        return known[name]
    return "acknowledgement" if name.startswith("ack") else None


# The names the shipped templates have, for a configuration that does not use them (yet).
_DEFAULT_KINDS = {"escalation": "escalation or emergency notice",
                  "emergency": "escalation or emergency notice",
                  "adverse_event": "adverse-event notice", "digest": "digest",
                  "dead_man": "dead-man alert", "review_overdue": "review notice"}


@dataclass(frozen=True)
class VariableProblem:
    file: str
    line: int
    text: str

    def __str__(self) -> str:
        return f"{self.file} line {self.line}: {self.text}"


def check_variables(file: str, source: str, kind: str | None) -> list[VariableProblem]:
    """Every variable ``source`` uses that a template of ``kind`` is never given
    (each with the line it is first used on), or its syntax error."""
    env = SandboxedEnvironment()
    try:
        used = meta.find_undeclared_variables(env.parse(source))
    except TemplateSyntaxError as exc:
        return [VariableProblem(file, exc.lineno or 1, f"syntax error: {exc.message}")]
    allowed = VARIABLES.get(kind or "", frozenset().union(*VARIABLES.values()))
    problems = []
    for name in sorted(used - allowed):
        what = (f"{'an' if kind[0] in 'aeiou' else 'a'} {kind} template is never given"
                if kind else "no template is ever given")
        problems.append(VariableProblem(file, _first_line(source, name), (
            f"uses the variable {name!r}, which {what} (misspelt?); it may use: "
            + ", ".join(sorted(allowed)))))
    return problems


def _first_line(source: str, name: str) -> int:
    word = re.compile(rf"(?<![\w.]){re.escape(name)}\b")
    in_comment = False
    for number, line in enumerate(source.splitlines(), 1):
        code = line
        if in_comment:
            if "#}" not in line:
                continue
            code, in_comment = line.split("#}", 1)[1], False
        code = re.sub(r"\{#.*?#\}", "", code)
        if "{#" in code:
            code, in_comment = code.split("{#", 1)[0], True
        if word.search(code):
            return number
    return 1
