"""Value objects that flow through eabot.  [pure: no I/O]

The stable vocabulary (``Category``, ``Role``) is read by other tools; do not
rename its values.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from enum import StrEnum


class Category(StrEnum):
    EA_REQUEST = "ea_request"
    EA_FOLLOWUP = "ea_followup"
    OTHER = "other"
    AUTO_REPLY = "auto_reply"


class Role(StrEnum):
    PHYSICIAN = "physician"
    PATIENT_OR_FAMILY = "patient_or_family"
    OTHER = "other"


class CaseStatus(StrEnum):
    """A case's status, the one vocabulary of the CLI, the digest, the export and the UI.

    ``open``: nobody has answered yet, the clock runs (whether or not the
    automatic acknowledgement went out; with ``stop_on = "acknowledgement"`` the
    acknowledgement stops the clock, but the case stays open until a human
    answers or closes it). ``answered``: a human answer is recorded (from the
    Sent folder or ``eabot cases respond``), the clock stopped. ``closed``:
    nothing more to do, no escalations.
    """

    OPEN = "open"
    ANSWERED = "answered"
    CLOSED = "closed"


class AckStatus(StrEnum):
    SENT = "sent"
    PENDING = "pending"
    HELD = "held"  # a review case's acknowledgement, waiting for staff to confirm the request
    FAILED = "failed"
    NOT_NEEDED = "not_needed"
    SUPPRESSED = "suppressed"


@dataclass(frozen=True)
class Inbound:
    """A parsed inbound message; every field is safe to use (never raises).

    Header values are unfolded, decoded, stripped of CR/LF and control
    characters, and capped in length. ``defects`` lists what could not be
    read cleanly. ``body_text`` is the best plain-text rendering of the body
    (text/plain parts, else HTML with tags stripped), capped in size.
    """

    message_id: str | None
    from_addr: str  # lower-cased address, "" when unknown
    from_name: str
    to_addrs: tuple[str, ...]
    subject: str
    date_header: str
    in_reply_to: tuple[str, ...]
    references: tuple[str, ...]
    headers: tuple[tuple[str, str], ...]  # (lower-cased name, sanitised value)
    content_type: str  # of the top-level part, lower-cased
    body_text: str
    raw_sha256: str
    raw_size: int
    attachment_names: tuple[str, ...] = ()
    # Text of readable attachments (PDF, Word, text, attached messages), for
    # classification only: never stored, not even with store_bodies = true.
    attachment_text: str = ""
    defects: tuple[str, ...] = ()

    def header(self, name: str) -> str | None:
        """First value of header ``name`` (case-insensitive), or None."""
        wanted = name.lower()
        for key, value in self.headers:
            if key == wanted:
                return value
        return None

    @property
    def content_sha256(self) -> str:
        """A hash of what the sender wrote (sender, subject, body, attachment
        names): the same message delivered twice has the same one even when
        transport headers differ; a different message under a reused
        Message-ID does not."""
        text = "\x00".join((self.from_addr, self.subject, self.body_text,
                             *self.attachment_names))
        return hashlib.sha256(text.encode("utf-8", "replace")).hexdigest()

    def header_all(self, name: str) -> list[str]:
        wanted = name.lower()
        return [value for key, value in self.headers if key == wanted]


@dataclass(frozen=True)
class Reason:
    """One step of a classification: which layer/rule, and on what text."""

    layer: str  # "guard", "thread", "content", "role", "flag", "policy"
    rule: str
    detail: str

    def __str__(self) -> str:
        return f"{self.layer}:{self.rule}: {self.detail}"


@dataclass(frozen=True)
class PatientLink:
    """An open case that may be a letter's patient, and how sure that is."""

    tag: str
    why: str  # the kinds of mark that agree, in words (never a patient's name)
    strong: bool  # enough to attach a letter that does not say it follows up
    weak: bool = False  # one shared mark (a diagnosis): never attaches a new request
    decisive: bool = False  # the patient's own marks settle it (a date of birth, a full name)


@dataclass(frozen=True)
class ThreadContext:
    """What the store knows that classification may need (looked up by the
    daemon before calling the pure classifier)."""

    case_by_message_id: dict[str, str] = field(default_factory=dict)
    known_case_tags: frozenset[str] = frozenset()
    open_case_tags_of_sender: tuple[str, ...] = ()
    # Open cases that seem to be about the same patient, strongest first.
    same_patient_cases: tuple[PatientLink, ...] = ()
    # A referenced earlier message that waits for human review without a case (the
    # reply to it must reach the same human): its Message-ID.
    review_thread: str | None = None
    # Cases whose thread the message replies in but whose patient the letter's marks are not
    # (it brings another age, other initials, another diagnosis): "a different patient".
    other_patient_threads: frozenset[str] = frozenset()
    # The sender's open cases whose patient a request-like letter's marks are not, by the
    # same test (a physician's "Hello again - #2 of 3" about another of her patients).
    other_patient_cases: frozenset[str] = frozenset()
    # A reply in one case's thread whose own words (not its subject, not the quoted
    # thread) are about another open case's patient: that case, and how it was found.
    other_patient_reply: PatientLink | None = None


@dataclass(frozen=True)
class Classification:
    category: Category
    role: Role | None
    emergency: bool
    adverse_event: bool
    needs_review: bool
    case_tag: str | None  # for ea_followup: the case it belongs to
    reasons: tuple[Reason, ...]
    linked_case: str | None = None  # a new request that may be this open case's patient

    def __post_init__(self) -> None:
        if not self.reasons:
            raise ValueError("a classification must carry at least one reason")

    @property
    def reason_strings(self) -> list[str]:
        return [str(r) for r in self.reasons]
