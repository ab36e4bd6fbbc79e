"""The context-free part of classification, computable ahead of time.  [pure]

Everything :func:`bot.classify.classify` needs that does not depend on the
:class:`~bot.model.ThreadContext`: the machine guards, the sender's own text,
the content verdict, the role, both flags and the threading evidence.
:func:`analyse` computes it into an :class:`Analysis` (plain data: it pickles
cheaply, so another process can compute it); ``classify`` without one uses
:class:`Facts`, which computes the same values on first use only.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from functools import cached_property

from bot.classify.combine import combine
from bot.classify.content import (
    ATTACHED,
    QUOTE_MARKS,
    ContentVerdict,
    judge_request,
    judge_role,
    own_text,
    quoted_history,
    writes_as_patient,
)
from bot.classify.flags import (
    adverse_events,
    dose_given_in,
    earlier_exposure,
    emergency,
    half_a_report,
    in_thread_exposure,
    is_deadline_cue,
    with_earlier_exposure,
)
from bot.classify.guards import check_machine
from bot.classify.language import unread_language
from bot.classify.lexicon import OWN_EARLIER_LETTER
from bot.classify.model_flags import Opinion, settled, with_model
from bot.classify.patient import PatientMarks, as_the_patient, letter_month, marks_of
from bot.classify.rules import Rules
from bot.classify.scan import Scan
from bot.classify.thread import LazyCues
from bot.model import Inbound, Reason, Role

Flag = tuple[bool, Reason]


@dataclass(frozen=True)
class Analysis:
    """What :func:`analyse` found. Fields classification never reads for this
    message keep their defaults: for machine mail everything after ``request``
    but ``emergency`` (when it reads like a request) and ``adverse_event``;
    ``role`` unless ``request.is_request``; ``followup_phrase`` if ``new_patient``."""

    machine: bool
    guard_reasons: tuple[Reason, ...]
    own_text: str
    request: ContentVerdict
    role: tuple[Role, Reason] | None = None
    emergency: Flag | None = None
    adverse_event: Flag | None = None  # as a new message
    adverse_event_in_case: Flag | None = None  # as part of an EA case
    adverse_event_other: Flag | None = None  # as other mail (no request)
    exposed_person: bool = False  # names a person exposed to our drug (a participant, a patient)
    subject_tags: tuple[str, ...] = ()
    body_tags: tuple[str, ...] = ()
    new_patient: bool = False
    followup_phrase: str | None = None
    replies_to_us: bool = False
    resend_phrase: str | None = None
    earlier_letter: str | None = None
    patient: PatientMarks | None = None  # who the letter is about (for the same patient)
    unread: Reason | None = None  # written in a language the rules do not read: a human reads it
    # the emergency model's probability where the rules found no cue and no settled
    # negative (None: not asked), for the lower bar inside an open case
    emergency_probability: float | None = None


class Facts:
    """The fields of an :class:`Analysis` for one message, each computed when first read."""

    def __init__(self, msg: Inbound, rules: Rules):
        self.msg, self.rules = msg, rules

    @cached_property
    def _guards(self) -> tuple[bool, tuple[Reason, ...]]:
        machine, reasons = check_machine(self.msg, self.rules)
        return machine, tuple(reasons)

    @property
    def machine(self) -> bool:
        return self._guards[0]

    @property
    def guard_reasons(self) -> tuple[Reason, ...]:
        return self._guards[1]

    @cached_property
    def own_text(self) -> str:
        text = own_text(self.msg.subject, self.msg.body_text)
        if self.msg.attachment_text:  # "please see the attached letter"
            text += ATTACHED + self.msg.attachment_text
        return text

    @cached_property
    def scan(self) -> Scan:
        return self.rules.scan(self.own_text)

    @cached_property
    def request(self) -> ContentVerdict:
        verdict = judge_request(self.scan, self.rules)
        if self.machine:  # never answered: the rules' "reads like a request" is enough
            return verdict
        verdict = combine(verdict, self.rules.model, self.own_text)
        if self.unread is not None:
            # the rules cannot read it: a human does; one that names our drug or access is a
            # request until a human says otherwise (the clock runs, the acknowledgement waits)
            ours = self.scan.find("drug_names") or self.scan.find("access_phrases")
            verdict = replace(verdict, is_request=verdict.is_request or ours is not None,
                              needs_review=True, reasons=(*verdict.reasons, self.unread))
        return verdict

    @cached_property
    def unread(self) -> Reason | None:
        why = unread_language(self.own_text)
        return None if why is None else Reason(
            "content", "unread-language", f"written in a language eabot does not read ({why}): "
            "marked for a human to read")

    @cached_property
    def role(self) -> tuple[Role, Reason]:
        return judge_role(self.scan, self.msg.from_addr, self.msg.from_name, self.rules)

    @cached_property
    def _rules_emergency(self) -> Flag:
        return emergency(self.scan, self.rules, letter_month(self.msg.date_header))

    @cached_property
    def _emergency_opinion(self) -> Opinion:
        return Opinion(self.rules.emergency_model, self.own_text)

    @cached_property
    def emergency(self) -> Flag:
        flag = self._rules_emergency
        if self.machine:  # the flag models know human mail only
            return flag
        return with_model(flag, self._emergency_opinion, "emergency")

    @property
    def emergency_probability(self) -> float | None:
        flag = self.emergency
        if self.machine or flag[0] or self.rules.emergency_model is None or \
                settled(flag, "emergency"):
            return None
        return self._emergency_opinion.probability

    @cached_property
    def _adverse(self) -> tuple[Flag, Flag, Flag]:
        flags = adverse_events(self.scan, self.rules)
        if flags[2][0] or self.machine:
            return flags
        flags = with_earlier_exposure(flags, self.scan, self._earlier_exposure)
        if (self.msg.in_reply_to or self.msg.references) and \
                not self.new_patient:  # (a reply; a new patient's letter: not the thread's)
            flags = in_thread_exposure(flags, self.scan, lambda: self._thread_exposure)
        if all(f[0] for f in flags) or not half_a_report(
                self.scan, self.rules, asks=self.request.is_request):
            return flags
        opinion = Opinion(self.rules.adverse_event_model, self.own_text)
        new, in_case, other = (with_model(f, opinion, "adverse-event") for f in flags)
        return new, in_case, other

    @property
    def _earlier_exposure(self) -> str | None:
        """An exposure told in the sender's own earlier letter that this one quotes."""
        if not _by_sender(self.msg.body_text, self.msg):  # (the history is part of the body,
            return None  # less quote marks: a sender not in the body is not in it; cheaper)
        history = quoted_history(self.msg.subject, self.msg.body_text)
        if not history or not _by_sender(history, self.msg):
            return None
        return earlier_exposure(self.rules.scan(history), self.rules)

    @property
    def _thread_exposure(self) -> str | None:
        """A dose of our drug given that the history a reply quotes tells in so many words,
        whoever wrote it (in an EA case: the case's own thread)."""
        history = quoted_history(self.msg.subject, self.msg.body_text)
        if not history.strip():
            return None
        return dose_given_in(self.rules.scan(history), self.rules)

    @property
    def adverse_event(self) -> Flag:
        return self._adverse[0]

    @property
    def adverse_event_in_case(self) -> Flag:
        return self._adverse[1]

    @property
    def adverse_event_other(self) -> Flag:
        return self._adverse[2]

    @cached_property
    def exposed_person(self) -> bool:
        return self.scan.find("ae_exposure") is not None

    @cached_property
    def _cues(self) -> LazyCues:
        return LazyCues(self.msg, self.scan, self.rules)

    @property
    def subject_tags(self) -> tuple[str, ...]:
        return self._cues.subject_tags

    @property
    def body_tags(self) -> tuple[str, ...]:
        return self._cues.body_tags

    @property
    def new_patient(self) -> bool:
        return self._cues.new_patient

    @property
    def followup_phrase(self) -> str | None:
        return self._cues.followup_phrase

    @property
    def replies_to_us(self) -> bool:
        return self._cues.replies_to_us

    @property
    def resend_phrase(self) -> str | None:
        return self._cues.resend_phrase

    @property
    def earlier_letter(self) -> str | None:
        return self._cues.earlier_letter

    @cached_property
    def patient(self) -> PatientMarks:
        text = self.own_text
        if self.new_patient:
            # (learnt from dev-z78) "I wrote on Wednesday about Harold Jensen (WM). This is a
            # separate patient.": the earlier letter's patient is not this one
            text = _EARLIER_SENTENCE.sub(" ", text)
        # (learnt from dev-zb2) and the patient a letter says it is not about, in any letter:
        # "records for Walter Kowalski ... NOT the same person as Dorothy Kowalski"
        text = _CONTRASTED.sub(" ", text[:3_000])  # (the marks read 2,500 characters)
        marks = marks_of(self.msg, text)
        if self.request.is_request and self.role[0] is Role.PATIENT_OR_FAMILY and \
                writes_as_patient(self.scan):
            # (learnt from dev-zb2) "My name is Greg Pham, I have waldenstroms, I'm a patient
            # of Dr. Hale": the writer's own initials are the patient's, and they are not
            # those of Dr. Hale's open case of W.K.
            marks = as_the_patient(marks, self.msg.from_name, text)
        return marks


# a sentence about the writer's earlier letter (in a letter about another patient)
_EARLIER_SENTENCE = re.compile(
    r"(?i)[^.!?\n]*(?:\b(?:i|we)\s+(?:wrote|emailed|e-mailed|sent|contacted)\b|\bmy\s+(?:earlier|"
    r"previous|last|first)\s+(?:e-?mail|letter|message|request)\b|" + OWN_EARLIER_LETTER +
    r")[^.!?\n]*[.!?]?")


# (learnt from dev-z91) the patient a new patient's letter says it is not about: "Patient 2
# of 2 - MCL (L.T.) - NOT the same as E.V.", "different patient from E.V. (WM)", "unlike Mr.
# Jensen"
_CONTRASTED = re.compile(
    r"(?i:\b(?:not\s+(?:the\s+same\s+(?:patient\s+|person\s+)?as|(?:the\s+)?patient)|different\s+"
    r"(?:patient\s+|person\s+)?(?:from|than|to)|other\s+than|separate(?:ly)?\s+from|unlike|"
    # (the review of session 25) "not related to", "don't confuse him with", and "NOT the same
    # person as" in the other languages
    r"not\s+related\s+to|(?:not\s+to\s+be|(?:do\s+not|don['’]t)\s+(?:\w+\s+)?)confused?\s+(?:\w+\s+)?with|"
    r"nicht\s+(?:dieselbe|die\s+gleiche|derselbe|der\s+gleiche)\s+(?:person|patientin|patient)\s+wie|"
    r"no\s+es\s+(?:la\s+misma\s+persona|el\s+mismo\s+paciente|la\s+misma\s+paciente)\s+que|"
    r"(?:n['’]est\s+)?pas\s+(?:la\s+même\s+personne|le\s+même\s+patient|la\s+même\s+patiente)\s+que|"
    r"non\s+è\s+(?:la\s+stessa\s+persona|lo\s+stesso\s+paziente|la\s+stessa\s+paziente)\s+(?:di|che)|"
    r"não\s+é\s+(?:a\s+mesma\s+pessoa|o\s+mesmo\s+paciente|a\s+mesma\s+paciente)\s+que|"
    r"niet\s+(?:dezelfde\s+persoon|dezelfde\s+patiënt|dezelfde\s+patient)\s+als|"
    r"(?:to\s+)?nie\s+(?:ta\s+sama\s+osoba|ten\s+sam\s+pacjent|ta\s+sama\s+pacjentka)\s+(?:co|jak)))\s+"
    r"(?:(?i:mr|mrs|ms|dr|patient)\.?\s+)?(?:[A-Z]\.(?:[A-Z]\.){0,2}|[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)?|"
    r"#?\d+\b)(?:\s*\((?![^()\n]*\b(?:this|is|she|he)\b)[^()\n]{0,30}\))?")


def _by_sender(history: str, msg: Inbound) -> bool:
    """Whether the quoted history holds the sender's own letter (their address, or a
    display name of two words or more, in its quote header)."""
    low = history.lower()
    if msg.from_addr and msg.from_addr.lower() in low:
        return True
    name = " ".join((msg.from_name or "").replace('"', "").split())
    return len(name.split()) >= 2 and name.lower() in low


_REPORTS = ("multipart/report", "message/delivery-status", "message/disposition-notification",
            "message/feedback-report")


def machine_emergency(msg: Inbound, f: Analysis | Facts) -> Flag | None:
    """A machine message put in front of a human because it reads like a request (a
    voicemail transcript, a fax relay) carries its patient's emergency too; not a
    list's post or digest (List-Id, Precedence: list/bulk) or a vendor's mailing (no
    specific patient, or only a deadline or an IND term), nor a delivery report (our
    own mail coming back)."""
    if msg.content_type in _REPORTS or _list_mail(msg, bulk=False):
        return None
    if not f.request.is_request:
        # (learnt from dev-z55) a voicemail transcript or a portal's relay that carries a
        # safety report about a patient carries its emergency too ("vomiting since the study
        # drug ... now barely responsive")
        ae = f.adverse_event  # (a safety system's alert is often "Precedence: bulk")
        if ae is None or not ae[0]:
            return None
        flag = f.emergency
        return flag if flag is not None and flag[0] and not is_deadline_cue(flag[1]) else None
    if _list_mail(msg):
        return None
    flag = f.emergency
    if flag is not None and flag[0] and (is_deadline_cue(flag[1]) or not any(
            r.rule == "specific-patient" for r in f.request.reasons)):
        return None
    return flag


def _list_mail(msg: Inbound, *, bulk: bool = True) -> bool:
    """A mailing list's post or digest: its patients are other people's, told to a list
    (``bulk``: "Precedence: bulk" counts too; a safety system's alerts are bulk)."""
    kinds = ("list", "bulk") if bulk else ("list",)
    return bool(msg.header_all("list-id")) or any(
        v.strip().lower() in kinds for v in msg.header_all("precedence"))


def machine_adverse_event(msg: Inbound, f: Analysis | Facts) -> Flag | None:
    """Pharmacovigilance reads machine mail too (a patient list's digest can carry
    a safety report); delivery and feedback reports are our own mail coming back.
    A notification that quotes a person's post ("ken_in_tulsa wrote: > I got 2 doses of
    CLR 131 … platelets went down to 11", a forum's, learnt from dev-z94) is read with
    its quoted part and subject: there the post is the content, not an earlier letter. Not
    a reply (an auto-reply quoting our own mail, our safety notices included)."""
    flag = _machine_adverse_event(msg, f)
    if flag is not None and flag[0] and isinstance(f, Facts) and \
            _SUBJECT_NUMBER.search(flag[1].detail.rpartition(" near ")[2]) is not None and \
            _OTHER_PROTOCOL.search(msg.body_text[:20_000]) is not None and \
            f.rules.scan(f"{msg.subject}\n{msg.body_text[:20_000]}").find("drug_names") is None:
        # (the review of session 25) a site's or a laboratory's alert about a subject of
        # another sponsor's study ("Protocol: ABC-201 (venetoclax) ... Research subject:
        # 118-007 ... [CRITICAL LOW]"): a machine's report on a subject number is ours only
        # when its protocol line names another drug and ours is named nowhere (a fax about
        # "Subject 104-019" with no drug named is ours: it came to our mailbox)
        return False, Reason("flag", "no-adverse-event", f"{flag[1].detail}, but the machine "
                             "message names no drug of ours")
    return flag


_SUBJECT_NUMBER = re.compile(r"(?i)subject|\d{3}[\-‐]\d{3}")
# (and its review) a protocol or study line that names a drug by its kind of name ("ABC-201
# (venetoclax)", "XYZ-301 - daratumumab in CLL"; not "CLOVER-WaM (Phase 2b)")
_OTHER_PROTOCOL = re.compile(
    r"(?im)^[ \t]*(?:study|protocol|trial|studie|étude|estudio|studio)(?:[ \t]+(?:no\.?|id|number|#|"
    r"nr\.?))?[ \t]*:[^\n]*?\b[^\W\d_]{3,}(?:mab|nib|clax|lisib|mide|zomib|platin|taxel|rubicin|parib|"
    r"cel|tide|stat|rafenib|ciclib|lukast|ximab|zumab|mumab|tuzumab)\b")


def _machine_adverse_event(msg: Inbound, f: Analysis | Facts) -> Flag | None:
    if msg.content_type in _REPORTS:
        return None
    flag = f.adverse_event
    if flag is None or flag[0] or not isinstance(f, Facts) or msg.in_reply_to or \
            msg.references or not QUOTE_MARKS.search(msg.body_text) or any(
                r.rule in _REPLYING or "auto-replied" in r.detail for r in f.guard_reasons):
        return flag  # (a reply, an out-of-office's quote of our own mail: not a post)
    whole = f"{msg.subject}\n{QUOTE_MARKS.sub('', msg.body_text[:20_000])}"
    quoted = adverse_events(f.rules.scan(whole), f.rules)[2]  # (mail that is no request)
    return quoted if quoted[0] else flag


_REPLYING = frozenset({"auto-subject", "autoreply-header", "out-of-office-text", "own-sender",
                       "own-message-id"})


def analyse(msg: Inbound, rules: Rules) -> Analysis:
    """The context-free part of ``classify(msg, rules, ctx)``, for any ``ctx``."""
    f = Facts(msg, rules)
    if f.machine:
        return Analysis(True, f.guard_reasons, f.own_text, f.request,
                        emergency=machine_emergency(msg, f),
                        adverse_event=machine_adverse_event(msg, f))
    return Analysis(
        False, f.guard_reasons, f.own_text, f.request,
        role=f.role if f.request.is_request else None,
        emergency=f.emergency,
        adverse_event=f.adverse_event,
        adverse_event_in_case=f.adverse_event_in_case,
        adverse_event_other=f.adverse_event_other,
        exposed_person=f.exposed_person,
        subject_tags=f.subject_tags,
        body_tags=f.body_tags,
        new_patient=f.new_patient,
        followup_phrase=None if f.new_patient else f.followup_phrase,
        replies_to_us=f.replies_to_us,
        resend_phrase=f.resend_phrase,
        earlier_letter=f.earlier_letter,
        patient=f.patient,
        unread=f.unread,
        emergency_probability=f.emergency_probability,
    )
