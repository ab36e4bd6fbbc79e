"""Threading: does this message belong to an existing EA case?  [pure]

The evidence that does not depend on the store (case tags in the subject and
body, "another patient" wording, a follow-up phrase) is separate from its use
with a :class:`ThreadContext`, so it can be gathered ahead of time.
"""

from __future__ import annotations

import re
from functools import cached_property
from typing import Protocol

from bot.classify.rules import Rules
from bot.classify.scan import Scan, gated
from bot.model import Inbound, Reason, ThreadContext

_NEW_PATIENT = gated(re.compile(r"\b(?:another|separate|second|new|different|additional)\s+"
                                # (not a portal's "New patient message", learnt from dev-za1)
                                r"(?:\w+\s+)?patient\b(?!\s+(?:message|msg|portal|notification|mychart))|"
                                # (learnt from dev-z83) "this is actually about my OTHER patient",
                                # said of the letter (not "unlike my other patient", in passing)
                                r"\b(?:about|regarding|concerning|re:?)\s+(?:my|our)\s+other\s+"
                                r"patient\b|"
                                # (learnt from dev-zb2) "A second, unrelated request ... please
                                # open this separately from R.K.": another patient, said of the
                                # letter (not "a second request", a re-send for the same one)
                                # (not "please do not open this as a separate case", "you may
                                # need to open it separately", "an unrelated request: the manual")
                                r"\b(?:second|another|new|separate|different),?\s+(?:and\s+)?unrelated\s+"
                                r"(?:request|case|referral)\b|\bunrelated\s+(?:patient|case)\b|"
                                r"\b(?<!not\s)(?<!n't\s)(?<!n’t\s)open\s+(?:this|it)\s+(?:up\s+)?(?:separately\s+"
                                r"from|as\s+a\s+(?:separate|new)\s+(?:case|request))\b|"
                                r"\b(?:a|this\s+is\s+a)\s+second,?\s+separate\s+request\b|"
                                # (learnt from dev-z77) "una segunda paciente, distinta del paciente
                                # J.L.M." and the same in the other languages
                                r"\b(?:(?:otr[oa]|segund[oa]|distint[oa]|nuev[oa])\s+paciente|"
                                r"(?:outr[oa]|segund[oa]|nov[oa])\s+paciente|(?:zweite[rn]?|andere[rn]?|"
                                r"weitere[rn]?|neue[rn]?)\s+patient(?:in)?|(?:un\s+autre|une\s+autre|"
                                r"deuxième|second[e]?|nouvel(?:le)?)\s+patient(?:e)?|(?:altr[oa]|second[oa]|"
                                r"nuov[oa])\s+paziente|(?:inn[ya]|drug[ai]|now[ya])\s+pacjent(?:ka)?|"
                                r"(?:andere|tweede|nieuwe)\s+patiënt)\b", re.IGNORECASE))


class ThreadCues(Protocol):
    """Context-free threading evidence (an :class:`~bot.classify.analysis.Analysis` is one)."""

    @property
    def subject_tags(self) -> tuple[str, ...]: ...

    @property
    def body_tags(self) -> tuple[str, ...]: ...

    @property
    def new_patient(self) -> bool: ...

    @property
    def followup_phrase(self) -> str | None: ...

    @property
    def replies_to_us(self) -> bool: ...

    @property
    def resend_phrase(self) -> str | None: ...


class LazyCues:
    """:class:`ThreadCues` of one message, each looked for only when first asked."""

    def __init__(self, msg: Inbound, scan: Scan, rules: Rules):
        self._msg, self._scan, self._rules = msg, scan, rules

    @cached_property
    def subject_tags(self) -> tuple[str, ...]:
        subject = self._msg.subject
        if self._rules.case_tag_prefix + "-" not in subject:
            return ()
        return tuple(m.group(1) for m in self._rules.case_ref_re.finditer(subject))

    @cached_property
    def body_tags(self) -> tuple[str, ...]:
        # bracketed anywhere (our subject in a quoted reply), bare in the sender's own words
        prefix = self._rules.case_tag_prefix + "-"
        body, own = self._msg.body_text[:5000], self._scan.text[:5000]
        found = [m.group(1) for m in self._rules.case_tag_re.finditer(body)] if prefix in body else []
        if prefix in own:
            found += [m.group(1) for m in self._rules.case_ref_re.finditer(own)]
        return tuple(dict.fromkeys(found))

    @cached_property
    def new_patient(self) -> bool:
        return self._scan.search(_NEW_PATIENT) is not None

    @cached_property
    def followup_phrase(self) -> str | None:
        return self._scan.hit("followup_phrases") or self.earlier_letter

    @cached_property
    def earlier_letter(self) -> str | None:
        """A letter about the patient reached us before ("my sister emailed you")."""
        return self._scan.hit("earlier_letter")

    @cached_property
    def resend_phrase(self) -> str | None:
        """A re-send from another address ("re-sending from my personal Gmail")."""
        return self._scan.hit("resend_phrases")

    @cached_property
    def replies_to_us(self) -> bool:
        """A reply to mail of ours (a Message-ID on our own domain)."""
        own = self._rules.own_domains
        for ref in (*self._msg.in_reply_to, *self._msg.references):
            domain = ref.strip().strip("<>").rpartition("@")[2].lower()
            if domain and any(domain == d or domain.endswith("." + d) for d in own):
                return True
        return False


# "Re: Roberto", "AW: Anfrage", "Odp: pytanie": a reply (the sender's open case is what it
# most likely answers, when nothing else names a case)
_REPLY_SUBJECT = re.compile(r"(?i)^\s*(?:re|aw|antw|odp|rv|res|r|sv|vs|ynt)\s*(?:\[\d+\])?\s*:")


def _reply_subject(subject: str) -> str | None:
    # (the subject itself is not echoed: reasons are logged, and subjects carry patients)
    return "a reply subject ('Re:')" if _REPLY_SUBJECT.match(subject) else None


def unknown_case_tag(cues: ThreadCues, ctx: ThreadContext) -> str | None:
    """A case tag the message names that the log does not know ("Re: [EA-2025-0402]")."""
    return next((t for t in (*cues.subject_tags, *cues.body_tags) if t not in ctx.known_case_tags),
                None)


def thread_case(msg: Inbound, cues: ThreadCues, ctx: ThreadContext) -> tuple[str, Reason] | None:
    """The case whose thread the message replies in (its references), or whose tag its
    subject carries, with the reason."""
    for ref in (*msg.in_reply_to, *reversed(msg.references)):
        tag = ctx.case_by_message_id.get(ref)
        if tag:
            return tag, Reason("thread", "references", f"{ref} belongs to case {tag}")
    for tag in cues.subject_tags:
        if tag in ctx.known_case_tags:
            return tag, Reason("thread", "subject-tag", f"subject carries [{tag}]")
    return None


def follow_case(msg: Inbound, cues: ThreadCues, ctx: ThreadContext,
                is_request: bool = False, dosed: bool = False) -> tuple[str | None, Reason]:
    """The case tag this message follows up, with the reason; (None, reason) if none.
    ``dosed``: the letter says its patient already received our drug, or is in a study
    (news, not a new ask: "our EA patient, fraction 1 on 11/17, came in with fever")."""
    in_thread = thread_case(msg, cues, ctx)
    if in_thread is not None:
        return in_thread
    if ctx.known_case_tags:  # (else no body tag can be known)
        for tag in cues.body_tags:
            if tag in ctx.known_case_tags and not cues.new_patient:
                return tag, Reason("thread", "body-tag", f"body names [{tag}]")
    if cues.replies_to_us and not cues.new_patient:
        # a reply to mail of ours that the log does not know (another system sent it, or
        # the log was restored): the sender's case of the same patient; the sender's only
        # open case if it is no new request; else a strong link to another sender's case
        own = [k for k in ctx.same_patient_cases
               if k.tag in ctx.open_case_tags_of_sender and not k.weak]
        if own:
            return own[0].tag, Reason("thread", "reply-to-us", "a reply to mail of ours the log "
                                      f"does not know, about the patient of the sender's open "
                                      f"case {own[0].tag} ({own[0].why})")
        if len(ctx.open_case_tags_of_sender) == 1 and (not is_request or cues.subject_tags):
            # (a request-like reply only when its subject carries a case tag of ours: a reply
            # to an acknowledgement, not to a newsletter)
            tag = ctx.open_case_tags_of_sender[0]
            return tag, Reason("thread", "reply-to-us", "a reply to mail of ours the log does "
                               f"not know; the sender's one open case is {tag}")
        others = [k for k in ctx.same_patient_cases if k.strong]
        if others:
            return others[0].tag, Reason("thread", "reply-to-us", "a reply to mail of ours the "
                                         f"log does not know, about the patient of open case "
                                         f"{others[0].tag} ({others[0].why})")
    # a case tag the log does not know ("Re: [EA-2025-0871]"): about that case, not the
    # sender's open one
    elsewhere = unknown_case_tag(cues, ctx) is not None
    # (learnt from dev-z81) a request-like letter about another patient than a case's, by its
    # marks (age, initials, diagnosis): "Hello again - #2 of 3" is not news of patient #1
    mine = [t for t in ctx.open_case_tags_of_sender
            if not (is_request and t in ctx.other_patient_cases)]
    if mine and not cues.new_patient and not elsewhere:
        # a reply subject says which case only when the sender has one
        phrase = cues.followup_phrase or (_reply_subject(msg.subject)
                                          if len(ctx.open_case_tags_of_sender) == 1 else None)
        if phrase is not None:
            # (learnt from dev-z75) a physician with two open cases writes "from my phone"
            # about the second patient: the case whose patient the letter's marks fit, else
            # the newest
            fits = [k for k in ctx.same_patient_cases if k.tag in ctx.open_case_tags_of_sender]
            if len(ctx.open_case_tags_of_sender) > 1 and fits:
                return fits[0].tag, Reason("thread", "same-sender-patient",
                                           f"sender has open case {fits[0].tag} about the same "
                                           f"patient ({fits[0].why}) and writes {phrase!r}")
            elsewhere_strong = [k for k in ctx.same_patient_cases if k.strong
                                and k.tag not in ctx.open_case_tags_of_sender]
            if not fits and elsewhere_strong:
                # (learnt from dev-zb2) a coordinator with open cases of her own sends "records
                # for Dr. Hale's WM patient Walter Kowalski - the request he emailed you": the
                # patient of another requester's case, not of hers
                link = elsewhere_strong[0]
                return link.tag, Reason("thread", "same-patient",
                                        f"writes {phrase!r} about the patient of open case "
                                        f"{link.tag} ({link.why}), none of the sender's own: "
                                        "attached to it")
            tag = mine[0]
            return tag, Reason("thread", "same-sender",
                               f"sender has open case {tag} and writes {phrase!r}")
    settled = [k for k in ctx.same_patient_cases if k.decisive]
    if cues.new_patient and settled:
        # "Dr. X's second patient ... Mrs. K., DOB ...": "another patient" of the physician,
        # but her date of birth or full name is that of an open case
        return settled[0].tag, Reason("thread", "same-patient", "says another patient, but "
                                      f"the patient's own marks are those of open case "
                                      f"{settled[0].tag} ({settled[0].why}): attached to it")
    if not cues.new_patient:  # ("another patient" never follows up anything else)
        phrase = cues.followup_phrase
        own = [k for k in ctx.same_patient_cases if k.tag in ctx.open_case_tags_of_sender]
        # (learnt from dev-z78) "she got her first dose of iopofosine on Friday": from the
        # requester, about a patient of hers who was dosed, one weak mark suffices
        if own and (not own[0].weak or phrase is not None or not is_request or dosed):
            return own[0].tag, Reason("thread", "same-sender-patient",
                                      f"sender has open case {own[0].tag} about the same "
                                      f"patient ({own[0].why})")
        others = [k for k in ctx.same_patient_cases if k.tag not in ctx.open_case_tags_of_sender
                  and not (k.weak and cues.resend_phrase is None)]
        if others and (phrase is not None or others[0].strong):
            link = others[0]
            says = f"writes {phrase!r} " if phrase else ""
            return link.tag, Reason("thread", "same-patient",
                                    f"{says}about the patient of open case {link.tag} "
                                    f"({link.why}), from another sender: attached to it")
    if len(ctx.open_case_tags_of_sender) == 1 and len(mine) == 1 and not (
            cues.new_patient or elsewhere or (is_request and not dosed)):
        # the requester of one open case writes again, and it is no new request: news of
        # that patient ("she had her first treatment, some vomiting"); with several open
        # cases the letter must say which (marks or a tag), not be filed under the newest
        tag = ctx.open_case_tags_of_sender[0]
        what = ("tells of a patient already dosed or in a study" if is_request
                else "is not a new request")
        return tag, Reason("thread", "same-sender", f"sender's one open case is {tag} and this "
                           f"{what}: attached to it")
    if ctx.open_case_tags_of_sender and not cues.new_patient:
        return None, Reason("thread", "none", "sender has an open case but does not refer to it")
    return None, Reason("thread", "none", "no reference, case tag or open case of this sender")


def find_case(msg: Inbound, text: str | Scan, ctx: ThreadContext, rules: Rules) -> tuple[str | None, Reason]:
    """The case tag this message follows up, with the reason; (None, reason) if none."""
    scan = text if isinstance(text, Scan) else rules.scan(text)
    return follow_case(msg, LazyCues(msg, scan, rules), ctx)
