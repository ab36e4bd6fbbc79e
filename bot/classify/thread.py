"""Threading: does this message belong to an existing EA case?  [pure]"""

from __future__ import annotations

import re

from bot.classify.rules import Rules
from bot.model import Inbound, Reason, ThreadContext


def find_case(msg: Inbound, text: str, ctx: ThreadContext, rules: Rules) -> tuple[str | None, Reason]:
    """The case tag this message follows up, with the reason; (None, reason) if none."""
    for ref in (*msg.in_reply_to, *reversed(msg.references)):
        tag = ctx.case_by_message_id.get(ref)
        if tag:
            return tag, Reason("thread", "references", f"{ref} belongs to case {tag}")
    for m in rules.case_tag_re.finditer(msg.subject):
        if m.group(1) in ctx.known_case_tags:
            return m.group(1), Reason("thread", "subject-tag", f"subject carries [{m.group(1)}]")
    new_patient = re.search(r"\b(?:another|separate|second|new|different|additional)\s+"
                            r"(?:\w+\s+)?patient\b", text, re.IGNORECASE)
    for m in rules.case_tag_re.finditer(msg.body_text[:5000]):
        if m.group(1) in ctx.known_case_tags and not new_patient:
            return m.group(1), Reason("thread", "body-tag", f"body names [{m.group(1)}]")
    if ctx.open_case_tags_of_sender and not new_patient:
        phrase = rules.find("followup_phrases", text)
        if phrase:
            tag = ctx.open_case_tags_of_sender[0]
            return tag, Reason("thread", "same-sender",
                               f"sender has open case {tag} and writes {phrase.text!r}")
        return None, Reason("thread", "none", "sender has an open case but does not refer to it")
    return None, Reason("thread", "none", "no reference, case tag or open case of this sender")
