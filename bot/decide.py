"""What to do with a classified message: case and acknowledgement.  [pure]

Policy table (``ack_status`` vocabulary is stable):

| situation                                   | case        | ack_status  |
|---------------------------------------------|-------------|-------------|
| machine mail (auto_reply)                   | none        | not_needed  |
| other human mail                            | none        | not_needed  |
| ea_followup                                 | attach      | not_needed  |
| ea_request, sender already acked this case  | attach      | not_needed  |
| ea_request, acks disabled / role not acked  | open        | suppressed  |
| ea_request, sender over the daily limit     | open        | suppressed  |
| ea_request, no usable sender address        | open        | suppressed  |
| ea_request, part of a campaign              | campaign    | pending     |
| ea_request marked for review, review_cases = "hold" | open | held   |
| ea_request otherwise                        | open        | pending     |

A *review case* (the classifier is not sure it is a request) is opened like
any other: its clock runs and its escalations fire, so a human sees it in
time. Only its acknowledgement waits (``held``) until staff confirm the
request (``eabot cases confirm``, the review UI); with
``acknowledgement.review_cases = "send"`` it goes out at once.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.config import AckSettings
from bot.model import AckStatus, Category, Classification, Role


@dataclass(frozen=True)
class Facts:
    """What the store knows that the decision needs."""

    sender: str
    acks_to_sender_last_day: int
    campaign_case_id: int | None  # an existing campaign case this copy joins
    sender_acked_in_campaign: bool


@dataclass(frozen=True)
class Decision:
    open_case: bool
    join_case_id: int | None
    ack_status: AckStatus
    template: str | None
    why: str


def decide(cls: Classification, facts: Facts, ack: AckSettings) -> Decision:
    if cls.category in (Category.AUTO_REPLY, Category.OTHER):
        return Decision(False, None, AckStatus.NOT_NEEDED, None, f"{cls.category.value}: no ack")
    if cls.category is Category.EA_FOLLOWUP:
        return Decision(False, None, AckStatus.NOT_NEEDED, None, "follow-up: no second ack")
    role = cls.role or Role.OTHER
    template = ack.templates.get(role.value)
    join = facts.campaign_case_id
    if join is not None and facts.sender_acked_in_campaign:
        return Decision(False, join, AckStatus.NOT_NEEDED, None,
                        "campaign copy from a sender already acknowledged")
    opening = join is None
    if not ack.enabled:
        return Decision(opening, join, AckStatus.SUPPRESSED, None, "acknowledgements disabled")
    if role is Role.OTHER and not ack.acknowledge_other_role:
        return Decision(opening, join, AckStatus.SUPPRESSED, None,
                        "acknowledgement.acknowledge_other_role = false")
    if "@" not in facts.sender:
        return Decision(opening, join, AckStatus.SUPPRESSED, None, "no usable sender address")
    if facts.acks_to_sender_last_day >= ack.max_per_sender_per_day:
        return Decision(opening, join, AckStatus.SUPPRESSED, None,
                        f"sender already got {facts.acks_to_sender_last_day} acknowledgements "
                        f"in 24 h (limit {ack.max_per_sender_per_day})")
    if cls.needs_review and ack.review_cases == "hold":
        return Decision(opening, join, AckStatus.HELD, template,
                        "marked for review: the acknowledgement waits for staff to confirm "
                        "the request (acknowledgement.review_cases = \"hold\")")
    why = "campaign copy: joins the campaign case" if join else "new request: acknowledge"
    return Decision(opening, join, AckStatus.PENDING, template, why)
