"""Classification: guards → threading → content → role and flags.  [pure]

``classify`` takes everything it needs as arguments (the parsed message, the
compiled rules and what the store knows about threads) and does no I/O.
Each layer appends its reasons, so every decision explains itself.
"""

from __future__ import annotations

from bot.classify.content import judge_request, judge_role, own_text
from bot.classify.flags import adverse_event, emergency
from bot.classify.guards import check_machine
from bot.classify.rules import Rules, build_rules
from bot.classify.thread import find_case
from bot.model import Category, Classification, Inbound, Reason, ThreadContext

__all__ = ["Rules", "build_rules", "classify"]


def classify(msg: Inbound, rules: Rules, ctx: ThreadContext | None = None) -> Classification:
    ctx = ctx or ThreadContext()
    reasons: list[Reason] = []
    machine, guard_reasons = check_machine(msg, rules)
    reasons += guard_reasons
    text = own_text(msg.subject, msg.body_text)
    if machine:
        # Never answered; but a machine-looking message that reads like a
        # request (e.g. sent through a list) is put in front of a human.
        looks = judge_request(text, rules)
        if looks.is_request:
            reasons.append(Reason("policy", "machine-but-request",
                                  "machine mail that reads like an EA request: marked for review"))
        return Classification(Category.AUTO_REPLY, None, False, False, looks.is_request, None,
                              tuple(reasons))
    tag, thread_reason = find_case(msg, text, ctx, rules)
    reasons.append(thread_reason)
    is_emergency, e_reason = emergency(text, rules)
    is_ae, ae_reason = adverse_event(text, rules, in_case=tag is not None)
    if tag is not None:
        reasons += [e_reason, ae_reason]
        return Classification(Category.EA_FOLLOWUP, None, is_emergency, is_ae, False, tag,
                              tuple(reasons))
    verdict = judge_request(text, rules)
    reasons += verdict.reasons
    if not verdict.is_request:
        reasons += [e_reason, ae_reason]
        return Classification(Category.OTHER, None, is_emergency, is_ae, False, None,
                              tuple(reasons))
    role, role_reason = judge_role(text, msg.from_addr, msg.from_name, rules)
    reasons += [role_reason, e_reason, ae_reason]
    return Classification(Category.EA_REQUEST, role, is_emergency, is_ae, verdict.needs_review,
                          None, tuple(reasons))
