"""TOML configuration → frozen, validated objects.  [I/O: reads one file]

All problems are collected and reported at once, each with its key path and
how to fix it (``ConfigError``). Regexes are compiled, the calendar resolved
and templates parsed and test-rendered here, so a bad setting fails at load.
Secrets never live in the file: only the *names* of environment variables or
a command that prints them.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from datetime import date, time
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.classify.rules import RuleError, Rules, build_rules
from bot.config_escalation import EscalationSettings, parse_escalation
from bot.deadlines import BusinessCalendar, make_calendar
from bot.patient_key import ENV as PATIENT_KEY_ENV
from bot.patient_key import PatientKeyError, configured_key
from bot.review.access import ReviewSettings, parse_review

MAILBOX_BACKENDS = ("maildir", "imap", "ews", "graph")
OUTBOX_BACKENDS = ("maildir", "smtp", "ews", "graph")
_WEEKDAYS = {"mon": 0, "tue": 1, "wed": 2, "thu": 3, "fri": 4, "sat": 5, "sun": 6}
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*(s|sec|m|min|h|d)?\s*$")
_SECRET_KEY = re.compile(r"(password|secret|token)$")


class ConfigError(Exception):
    """The configuration is invalid; ``problems`` holds (key path, message)."""

    def __init__(self, path: Path | str, problems: list[tuple[str, str]]):
        self.path = str(path)
        self.problems = problems
        lines = "\n".join(f"  {key}: {msg}" for key, msg in problems)
        super().__init__(f"{path}: {len(problems)} problem(s) in the configuration:\n{lines}")


@dataclass(frozen=True)
class AckSettings:
    enabled: bool = True
    templates: dict[str, str] = field(default_factory=dict)  # role -> template name
    acknowledge_other_role: bool = True
    max_per_sender_per_day: int = 3
    retry_backoff: tuple[int, ...] = (60, 300, 900, 3600)
    max_attempts: int = 12
    bcc: tuple[str, ...] = ()
    # A request marked for review: "hold" its acknowledgement until staff
    # confirm it is a request, or "send" it at once like any other.
    review_cases: str = "hold"


@dataclass(frozen=True)
class Config:
    path: Path
    base_dir: Path
    store_path: Path
    store_bodies: bool
    poll_interval: float
    from_address: str
    from_name: str
    message_id_domain: str
    company_name: str
    contact_phone: str
    templates_dir: Path
    case_tag_prefix: str
    business_days: int
    calendar: BusinessCalendar
    rules: Rules
    ack: AckSettings
    mailbox: dict[str, Any]
    outbox: dict[str, Any]
    campaign_window_days: int
    mailbox_settings: Any = None  # ImapSettings etc. for server backends
    outbox_settings: Any = None
    escalation: EscalationSettings = field(default_factory=EscalationSettings)
    redact_subject: tuple[re.Pattern[str], ...] = ()
    prepare_worker: bool = True  # parse/analyse a backlog in a second process
    background_flush: bool = True  # a long backlog's mail is sent while it is read
    review: ReviewSettings = field(default_factory=ReviewSettings)  # review UI accounts

    def required_templates(self) -> tuple[str, ...]:
        return tuple(sorted(set(self.ack.templates.values()) |
                            set(self.escalation.template_names())))


_KIND_WORDS = {int: "an integer", float: "a number", str: "a string", bool: "true or false",
               list: "a list", dict: "a table"}


class _Reader:
    """Typed access to a TOML table that records problems instead of raising."""

    def __init__(self, data: dict[str, Any], problems: list[tuple[str, str]], prefix: str = ""):
        self.data, self.problems, self.prefix = data, problems, prefix

    def key(self, name: str) -> str:
        return f"{self.prefix}{name}"

    def table(self, name: str) -> _Reader:
        value = self.data.get(name, {})
        if not isinstance(value, dict):
            self.problems.append((self.key(name), "must be a table, e.g. [" + self.key(name) + "]"))
            value = {}
        return _Reader(value, self.problems, f"{self.key(name)}.")

    def get(self, name: str, kind: type | tuple[type, ...], default: Any) -> Any:
        value = self.data.get(name, default)
        if value is None:
            return None
        if kind is float and isinstance(value, int) and not isinstance(value, bool):
            return float(value)
        if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
            kinds = kind if isinstance(kind, tuple) else (kind,)
            want = " or ".join(_KIND_WORDS.get(k, k.__name__) for k in kinds)
            self.problems.append((self.key(name), f"must be {want}, got {value!r}"))
            return default
        return value

    def unknown(self, known: set[str]) -> None:
        for name in self.data:
            if name not in known:
                self.problems.append((self.key(name), f"unknown key; known keys: "
                                      f"{', '.join(sorted(known))}"))


def parse_duration(text: str | int | float) -> float | None:
    if isinstance(text, int | float) and not isinstance(text, bool):
        return float(text)
    m = _DURATION.match(str(text))
    if not m:
        return None
    unit = {"s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600, "d": 86400}[m.group(2) or "s"]
    return float(m.group(1)) * unit


def _hhmm(r: _Reader, name: str, default: str) -> time:
    raw = r.get(name, str, default)
    try:
        return time.fromisoformat(raw)
    except ValueError:
        r.problems.append((r.key(name), f"must be a local time like \"17:00\", got {raw!r}"))
        return time.fromisoformat(default)


def _check_no_secrets(r: _Reader) -> None:
    for name, value in r.data.items():
        if isinstance(value, dict):
            _check_no_secrets(r.table(name))
        elif _SECRET_KEY.search(name) and isinstance(value, str) and value:
            r.problems.append((r.key(name), "secrets may not be written in the file; use "
                               f"{name}_env = \"VARIABLE\" or {name}_command = \"...\" instead"))


def _calendar(r: _Reader) -> BusinessCalendar | None:
    weekend_names = r.get("weekend", list, ["sat", "sun"])
    weekend: set[int] = set()
    for i, day_name in enumerate(weekend_names):
        idx = _WEEKDAYS.get(str(day_name).strip().lower()[:3])
        if idx is None:
            r.problems.append((f"{r.key('weekend')}[{i}]", f"unknown weekday {day_name!r}; use "
                               "Mon, Tue, Wed, Thu, Fri, Sat or Sun"))
        else:
            weekend.add(idx)
    closures: dict[date, str] = {}
    raw_closures = r.get("closures", dict, {})
    for day_text, label in raw_closures.items():
        try:
            closures[date.fromisoformat(str(day_text))] = str(label)
        except ValueError:
            r.problems.append((f"{r.key('closures')}.{day_text}", "must be a date like "
                               "\"2026-12-24\" = \"Christmas Eve\""))
    tz = r.get("timezone", str, "America/New_York")
    country = r.get("country", str, "US")
    subdiv = r.get("subdivision", str, "") or None
    try:
        ZoneInfo(tz)
    except (ValueError, ZoneInfoNotFoundError):
        r.problems.append((r.key("timezone"), f"unknown time zone {tz!r}; use an IANA zone "
                           "such as America/New_York or Europe/Berlin"))
        return None
    try:
        return make_calendar(timezone=tz, country=country, subdivision=subdiv,
                             weekend=frozenset(weekend), closures=closures,
                             cutoff=_hhmm(r, "cutoff", "17:00"),
                             due_time=_hhmm(r, "due_time", "17:00"))
    except Exception as exc:  # zoneinfo / holidays raise various types
        key = r.key("subdivision") if subdiv and "subdiv" in str(exc).lower() else r.key("country")
        r.problems.append((key, f"no holiday calendar for {country!r}"
                           + (f"/{subdiv!r}" if subdiv else "") + f": {exc}; use an ISO country "
                           "code such as US (and a subdivision such as NY)"))
        return None


def load_config(path: str | Path, *, check_templates: bool = True) -> Config:
    """Read, validate and resolve a configuration file, or raise ConfigError.

    ``check_templates=False`` skips test-rendering the templates (for staff
    commands that only read the log: a broken template must not lock them out).
    """
    path = Path(path)
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ConfigError(path, [("(file)", "not found; copy config.example.toml and edit it")]) from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(path, [("(file)", f"cannot be read: {exc}")]) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(path, [("(file)", f"is not valid TOML: {exc}")]) from None
    problems: list[tuple[str, str]] = []
    root = _Reader(data, problems)
    root.unknown({"bot", "mailbox", "outbox", "deadline", "acknowledgement", "classify",
                  "escalation", "review"})
    _check_no_secrets(root)
    try:
        configured_key()
    except PatientKeyError as exc:
        problems.append(("(environment) " + PATIENT_KEY_ENV, str(exc)))
    base = path.resolve().parent
    bot = root.table("bot")
    bot.unknown({"store", "store_bodies", "poll_interval", "from_address", "from_name",
                 "message_id_domain", "company_name", "contact_phone", "templates_dir",
                 "case_tag_prefix", "redact_subject_patterns", "prepare_worker",
                 "background_flush"})
    redact: list[re.Pattern[str]] = []
    for i, pattern in enumerate(bot.get("redact_subject_patterns", list, [])):
        try:
            redact.append(re.compile(str(pattern), re.IGNORECASE))
        except re.error as exc:
            problems.append((f"bot.redact_subject_patterns[{i}]",
                             f"invalid regular expression {pattern!r}: {exc}"))
    interval = parse_duration(bot.get("poll_interval", (str, int, float), "60s"))
    if interval is None or interval < 1:
        problems.append(("bot.poll_interval", "must be a duration of at least 1 second, "
                         "e.g. \"60s\" or \"5m\""))
        interval = 60.0
    from_address = bot.get("from_address", str, "")
    if "@" not in from_address:
        problems.append(("bot.from_address", "must be the mailbox address the bot sends from, "
                         "e.g. \"clinical@example.com\""))
    msgid_domain = bot.get("message_id_domain", str, from_address.rpartition("@")[2])
    tag_prefix = bot.get("case_tag_prefix", str, "EA")
    if not re.fullmatch(r"[A-Z]{1,8}", tag_prefix):
        problems.append(("bot.case_tag_prefix", "must be 1-8 capital letters, e.g. \"EA\""))
    deadline = root.table("deadline")
    deadline.unknown({"business_days", "timezone", "country", "subdivision", "weekend",
                      "closures", "cutoff", "due_time"})
    days = deadline.get("business_days", int, 5)
    if not 1 <= days <= 60:
        problems.append(("deadline.business_days", "must be between 1 and 60"))
    calendar = _calendar(deadline)
    ack = _ack(root.table("acknowledgement"))
    classify = root.table("classify")
    classify.unknown({"lexicon", "replace_defaults", "trusted_physician_domains",
                      "campaign_threshold", "campaign_window_days", "text_model"})
    rules: Rules | None = None
    lexicon = classify.get("lexicon", dict, {})
    try:
        rules = build_rules(
            extend=lexicon, replace=classify.get("replace_defaults", list, []),
            own_domains=[d for d in {msgid_domain.lower(), from_address.rpartition("@")[2]} if d],
            trusted_physician_domains=classify.get("trusted_physician_domains", list, []),
            case_tag_prefix=tag_prefix,
            campaign_threshold=classify.get("campaign_threshold", int, 3),
            text_model=classify.get("text_model", bool, True))
    except RuleError as exc:
        problems.extend(exc.problems)
    except TypeError as exc:
        problems.append(("classify.lexicon", f"each list must be a list of strings: {exc}"))
    mailbox = root.table("mailbox")
    outbox = root.table("outbox")
    for reader, allowed in ((mailbox, MAILBOX_BACKENDS), (outbox, OUTBOX_BACKENDS)):
        backend = reader.get("backend", str, "maildir")
        if backend not in allowed:
            problems.append((reader.key("backend"), f"unknown backend {backend!r}; choose one of "
                             f"{', '.join(allowed)}"))
        if backend == "maildir" and not reader.get("path", str, ""):
            problems.append((reader.key("path"), "the maildir backend needs a path"))
    mailbox_settings = _server_settings(mailbox, problems)
    outbox_settings = _server_settings(outbox, problems)
    escalation = parse_escalation(root.table("escalation").data, problems, parse_duration)
    review = parse_review(root.table("review").data, problems)
    templates_dir = base / bot.get("templates_dir", str, "templates")
    if not templates_dir.is_dir():
        problems.append(("bot.templates_dir", f"{templates_dir} is not a directory"))
    elif check_templates:
        from bot.replies import TemplateProblem, TemplateSet

        required = set(ack.templates.values()) | set(escalation.template_names())
        try:
            TemplateSet.load(templates_dir, tuple(sorted(required)))
        except TemplateProblem as exc:
            for part in str(exc).split("; "):
                problems.append(("bot.templates_dir", part))
    if problems or calendar is None or rules is None:
        raise ConfigError(path, problems)
    return Config(
        path=path, base_dir=base,
        store_path=base / bot.get("store", str, "var/eabot.sqlite3"),
        store_bodies=bot.get("store_bodies", bool, False),
        poll_interval=interval, from_address=from_address,
        from_name=bot.get("from_name", str, "Clinical Team"), message_id_domain=msgid_domain,
        company_name=bot.get("company_name", str, "Cellectar Biosciences"),
        contact_phone=bot.get("contact_phone", str, ""),
        templates_dir=templates_dir, case_tag_prefix=tag_prefix, business_days=days,
        calendar=calendar, rules=rules, ack=ack,
        mailbox=dict(mailbox.data), outbox=dict(outbox.data),
        campaign_window_days=classify.get("campaign_window_days", int, 14),
        mailbox_settings=mailbox_settings, outbox_settings=outbox_settings,
        escalation=escalation, redact_subject=tuple(redact),
        prepare_worker=bot.get("prepare_worker", bool, True),
        background_flush=bot.get("background_flush", bool, True), review=review,
    )


# Keys of a [mailbox]/[outbox] table that are eabot's, not the backend's.
_OWN_KEYS = {"backend", "path", "sent_path", "append_to_sent"}


def _server_settings(r: _Reader, problems: list[tuple[str, str]]) -> Any:
    """Build the settings object of a server backend, reporting bad keys."""
    backend = r.data.get("backend", "maildir")
    if backend == "imap":
        from bot.backends.imap import ImapSettings as cls
    elif backend == "smtp":
        from bot.backends.smtp import SmtpSettings as cls  # type: ignore[assignment]
    elif backend == "ews":
        from bot.backends.ews import EwsSettings as cls  # type: ignore[assignment]
    elif backend == "graph":
        from bot.backends.graph import GraphSettings as cls  # type: ignore[assignment]
    else:
        return None
    import dataclasses

    fields = {f.name for f in dataclasses.fields(cls) if f.init}
    kwargs = {k: v for k, v in r.data.items() if k not in _OWN_KEYS}
    for key in sorted(set(kwargs) - fields):
        problems.append((r.key(key), f"unknown key for the {backend} backend; known keys: "
                         f"{', '.join(sorted(fields | _OWN_KEYS))}"))
        kwargs.pop(key)
    try:
        settings = cls(**kwargs)
    except ValueError as exc:
        # The settings name their keys by backend (``imap.password_env``); the file
        # has them under [mailbox] or [outbox]: report the key path of the file.
        for part in str(exc).split("; "):
            text = re.sub(rf"\b{re.escape(cls.section)}\.", r.prefix, part)
            named = re.search(rf"{re.escape(r.prefix)}\w+", text)
            problems.append((named.group(0) if named else r.prefix.rstrip("."), text))
        return None
    except TypeError as exc:
        problems.append((r.prefix.rstrip("."), f"missing or wrong keys: {exc}"))
        return None
    # Messages at run time name keys by the settings' ``section`` ("imap.password");
    # this instance's keys live in [mailbox] or [outbox]: name them so.
    object.__setattr__(settings, "section", r.prefix.rstrip("."))
    return settings


def _ack(r: _Reader) -> AckSettings:
    r.unknown({"enabled", "templates", "acknowledge_other_role", "max_per_sender_per_day",
               "retry_backoff", "max_attempts", "bcc", "review_cases"})
    templates = {"physician": "ack_physician", "patient_or_family": "ack_patient",
                 "other": "ack_other"}
    given = r.get("templates", dict, {})
    for role, name in given.items():
        if role not in templates:
            r.problems.append((f"{r.key('templates')}.{role}", "unknown role; use physician, "
                               "patient_or_family or other"))
        elif not isinstance(name, str) or not re.fullmatch(r"[A-Za-z0-9_\-]+", name):
            r.problems.append((f"{r.key('templates')}.{role}", "must be a template name like "
                               "\"ack_physician\" (file templates/NAME.txt.j2)"))
        else:
            templates[role] = name
    backoff: list[int] = []
    for i, item in enumerate(r.get("retry_backoff", list, ["1m", "5m", "15m", "1h"])):
        seconds = parse_duration(item)
        if seconds is None or seconds <= 0:
            r.problems.append((f"{r.key('retry_backoff')}[{i}]", "must be a duration like \"5m\""))
        else:
            backoff.append(int(seconds))
    per_day = r.get("max_per_sender_per_day", int, 3)
    if per_day < 1:
        r.problems.append((r.key("max_per_sender_per_day"), "must be at least 1"))
    review = r.get("review_cases", str, "hold")
    if review not in ("hold", "send"):
        r.problems.append((r.key("review_cases"), f"must be \"hold\" or \"send\", not {review!r}"))
    return AckSettings(
        enabled=r.get("enabled", bool, True), templates=templates,
        acknowledge_other_role=r.get("acknowledge_other_role", bool, True),
        max_per_sender_per_day=per_day, retry_backoff=tuple(backoff) or (60,),
        max_attempts=r.get("max_attempts", int, 12), bcc=tuple(r.get("bcc", list, [])),
        review_cases=review)
