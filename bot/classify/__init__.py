"""Classification: guards → threading → content → role and flags.  [pure]

``classify`` takes everything it needs as arguments (the parsed message, the
compiled rules and what the store knows about threads) and does no I/O.
Each layer appends its reasons, so every decision explains itself.

Only threading depends on the :class:`ThreadContext`; everything else is the
message's :class:`Analysis`, which :func:`analyse` computes on its own (e.g.
in another process, ahead of time) and ``classify`` then takes instead of
recomputing it, with an identical result.
"""

from __future__ import annotations

import re
from typing import TypeVar

from bot.classify.analysis import (
    Analysis,
    Facts,
    analyse,
    machine_adverse_event,
    machine_emergency,
)
from bot.classify.content import ContentVerdict
from bot.classify.flags import is_deadline_cue, is_ind_term
from bot.classify.rules import Rules, build_rules
from bot.classify.thread import follow_case, thread_case, unknown_case_tag
from bot.model import Category, Classification, Inbound, Reason, ThreadContext

__all__ = ["Analysis", "Rules", "analyse", "build_rules", "classify"]

_T = TypeVar("_T")


# The emergency model's bar inside an open case (see README, "Flag models"): chosen on the
# follow-ups of dev-z66..z80, which the model never saw: alone it finds 51 of their 58
# emergencies at 0.6 for 5 false alarms in 226 (43 for none at its general 0.8).
IN_CASE_EMERGENCY = 0.6


def _given(value: _T | None, name: str) -> _T:
    if value is None:
        raise ValueError(f"the analysis lacks {name}: was it made by analyse() for this message?")
    return value


def classify(msg: Inbound, rules: Rules, ctx: ThreadContext | None = None,
             analysis: Analysis | None = None) -> Classification:
    """Classify ``msg``; ``analysis``, if given, must be ``analyse(msg, rules)``."""
    ctx = ctx or ThreadContext()
    facts: Analysis | Facts = analysis if analysis is not None else Facts(msg, rules)
    reasons: list[Reason] = list(facts.guard_reasons)
    if facts.machine:
        # Never answered; but a machine-looking message that reads like a
        # request (e.g. sent through a list) is put in front of a human.
        looks = facts.request
        if looks.is_request:
            reasons.append(Reason("policy", "machine-but-request",
                                  "machine mail that reads like an EA request: marked for review"))
        em = (facts.emergency if isinstance(facts, Analysis)
              else machine_emergency(msg, facts))
        if em is not None:
            reasons.append(em[1])
        ae = (facts.adverse_event if isinstance(facts, Analysis)
              else machine_adverse_event(msg, facts))
        if ae is not None:
            reasons.append(ae[1])
        return Classification(Category.AUTO_REPLY, None, bool(em and em[0]), bool(ae and ae[0]),
                              looks.is_request or bool(ae and ae[0]), None, tuple(reasons))
    threaded = thread_case(msg, facts, ctx)
    in_thread = None  # (a case whose thread a new patient's request was written in)
    # (learnt from dev-z83) "apologies for replying on this thread - this is about my OTHER
    # patient, R.T.": the open case of the sender's whose patient the letter's marks are
    elsewhere = [k for k in ctx.same_patient_cases if k.strong and k.tag in
                 ctx.open_case_tags_of_sender] if threaded is not None and facts.new_patient \
        and threaded[0] in ctx.other_patient_threads else []
    if threaded is not None and elsewhere and elsewhere[0].tag != threaded[0]:
        tag, thread_reason = elsewhere[0].tag, Reason(
            "thread", "other-patient-in-thread", f"a reply in the thread of case {threaded[0]} "
            f"that says it is about another patient, whose marks are those of the sender's open "
            f"case {elsewhere[0].tag} ({elsewhere[0].why}): attached to that case")
    elif threaded is not None and ctx.other_patient_reply is not None and \
            ctx.other_patient_reply.tag != threaded[0]:
        moved = ctx.other_patient_reply
        tag, thread_reason = moved.tag, Reason(
            "thread", "other-patient-in-thread", f"a reply in the thread of case {threaded[0]} "
            f"whose own words are about the patient of open case {moved.tag} ({moved.why}), "
            "not that case's: attached to that case and marked for review")
    elif threaded is not None and facts.new_patient and facts.request.is_request and \
            threaded[0] in ctx.other_patient_threads:
        # (learnt from dev-i, dev-y, dev-z80) "a different patient this time", written as a
        # reply in an earlier case's thread: a new case, linked to that one for review
        in_thread = threaded[0]
        tag, thread_reason = None, Reason(
            "thread", "new-patient-in-thread", f"a reply in the thread of case {in_thread} "
            "that says it is about another patient, with marks that case lacks: a new case, "
            "linked to it")
    elif threaded is not None:
        tag, thread_reason = threaded
    else:
        tag, thread_reason = follow_case(
            msg, facts, ctx, facts.request.is_request,
            # (learnt from dev-zb6: "the EA patient treated under our single-patient IND ...
            # first fraction of iopofosine given 11/24", an exposure the content judge did not
            # need to weigh)
            dosed=facts.exposed_person or any(r.rule in ("exposed-person", "trial-participant")
                                              for r in facts.request.reasons))
    reasons.append(thread_reason)
    is_emergency, e_reason = _given(facts.emergency, "emergency")
    # in a case, or from a requester with open cases (whose patients may have been dosed),
    # "after his dose" is exposure enough
    # (a case tag the log does not know names an EA case all the same)
    ae = (facts.adverse_event_in_case if tag is not None or ctx.open_case_tags_of_sender
          or facts.subject_tags or facts.body_tags else facts.adverse_event)
    is_ae, ae_reason = _given(ae, "adverse_event")
    if tag is not None:
        p = facts.emergency_probability
        model = rules.emergency_model
        if not is_emergency and p is not None and model is not None and p >= IN_CASE_EMERGENCY:
            # in an open case a patient's turn for the worse is told in fewer words ("they
            # asked us all to come in"): the emergency model's lower bar there
            is_emergency, e_reason = True, Reason(
                "flag", "emergency-model", f"the rules found no cue ({e_reason.detail}), but in "
                f"an open case's follow-up the text "
                f"{model.explain(model.score(facts.own_text), 'a patient in an emergency')}; "
                f"threshold {IN_CASE_EMERGENCY:.2f} in a case ({model.threshold:.2f} elsewhere)")
        if is_emergency and is_ind_term(e_reason):
            # "the emergency IND was approved; first dose Monday": the case's paperwork
            is_emergency, e_reason = False, Reason("flag", "no-emergency", f"{e_reason.detail}, "
                                                   "in a case's later mail: the pathway's name, "
                                                   "not news of the patient")
        reasons += [e_reason, ae_reason]
        if facts.unread is not None:  # (nothing the rules found in it can be trusted)
            reasons.append(facts.unread)
        return Classification(Category.EA_FOLLOWUP, None, is_emergency, is_ae,
                               facts.unread is not None or (thread_reason.rule ==
                               "other-patient-in-thread" and ctx.other_patient_reply is not None),
                               tag, tuple(reasons))
    verdict = facts.request
    reasons += verdict.reasons
    unknown = unknown_case_tag(facts, ctx)
    if unknown is not None:
        # "Re: [EA-2025-0402]": a case of ours from before this log (or another system's);
        # a human sees it, and no "thank you for your new request" goes out
        reasons.append(Reason("thread", "unknown-case-tag", f"names case {unknown}, which the "
                              "log does not know: marked for review"))
    if not verdict.is_request:
        if not is_ae:  # other mail: an exposure and an event further apart still count
            is_ae, ae_reason = _given(facts.adverse_event_other, "adverse_event_other")
        # "his doctor wrote to you about the medicine; he is in intensive care now": a letter
        # about a patient that refers to an earlier one the log cannot match reaches a human
        referral = facts.earlier_letter if (_about_a_patient(verdict) or (
            is_emergency and not is_deadline_cue(e_reason))) else None
        if referral is not None and ctx.review_thread is None:
            reasons.append(Reason("thread", "unmatched-follow-up", f"writes {referral!r} about a "
                                  "patient, but no open case matches: marked for review"))
        if ctx.review_thread is not None:
            # the earlier message waits for a human; its reply goes to the same human
            reasons += [Reason("thread", "review-thread", "a reply to, or more mail from the "
                               f"sender of, {ctx.review_thread}, which waits for human review: "
                               "marked for review too"), e_reason, ae_reason]
            return Classification(Category.OTHER, None, is_emergency, is_ae, True, None,
                                  tuple(reasons))
        # (a participant of ours is a patient: "the GP of a participant in your trial: he is
        # on life support")
        about_patient = referral or facts.exposed_person or any(
            r.rule == "specific-patient" for r in verdict.reasons)
        if is_emergency and ((is_deadline_cue(e_reason) and not (about_patient and _family_writes(
                verdict))) or (not is_ae and (any(r.rule == "business" for r in verdict.reasons)
                                              or not about_patient))):
            # "emergency IND" in a vendor's pitch, "report within 24 hours" in a site's
            # safety report: a deadline or a term, not a patient waiting for access (a
            # safety report's "intubated overnight" stays an emergency)
            is_emergency = False
            e_reason = Reason("flag", "no-emergency", f"{e_reason.detail}, but in mail that is "
                              "not a request and names no patient: not an emergency")
        reasons += [e_reason, ae_reason]
        return Classification(Category.OTHER, None, is_emergency, is_ae,
                              verdict.needs_review or unknown is not None or referral is not None,
                              None, tuple(reasons))
    if verdict.needs_review and not is_ae and tag is None and ae is facts.adverse_event:
        # a request the rules doubt may be other mail (a participant's family, a site): the
        # more sensitive reading of other mail holds for it too
        is_ae, ae_reason = _given(facts.adverse_event_other, "adverse_event_other")
    role, role_reason = _given(facts.role, "role")
    linked = None
    # (one shared mark links only a letter that says it was sent before: "I wrote on Monday
    # from my personal phone" under the requester's family name)
    resent = facts.resend_phrase is not None
    others = [link for link in ctx.same_patient_cases
              if link.tag not in ctx.open_case_tags_of_sender and (resent or not link.weak)]
    if others and not is_ae and ae is facts.adverse_event:
        # (learnt from dev-z69) the patient of an open EA case may have been dosed: "since
        # the treatment she's been so tired" from her mother is exposure enough
        is_ae, ae_reason = _given(facts.adverse_event_in_case, "adverse_event_in_case")
    reasons += [role_reason, e_reason, ae_reason]
    if others:
        linked, why = others[0].tag, others[0].why
        reasons.append(Reason("thread", "possible-duplicate",
                              f"may be the patient of open case {linked} ({why}): opened linked "
                              "to it and marked for review"))
    elif in_thread is not None:
        linked = in_thread
    return Classification(Category.EA_REQUEST, role, is_emergency, is_ae,
                          verdict.needs_review or linked is not None or unknown is not None,
                          None, tuple(reasons),
                          linked_case=linked)


_RELATIVE = re.compile(r"(?i)a specific patient: '(?:my|our|mi|mein\w*|mon|ma|mio|mia|meu|minha|"
                       r"mijn|onze|ons|m[oó]j\w*|moja|nasz\w*|unser\w*|nuestr[oa])\s")


def _family_writes(verdict: ContentVerdict) -> bool:
    """A relative or the patient writes ("my husband", "my father"): a time in their letter
    ("an answer tonight") is the patient's, not a vendor's or a site's reporting deadline."""
    return any(r.rule == "specific-patient" and _RELATIVE.search(r.detail) for r in verdict.reasons)


def _about_a_patient(verdict: ContentVerdict) -> bool:
    return any(r.rule in ("specific-patient", "illness") for r in verdict.reasons)
