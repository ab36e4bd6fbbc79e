"""The flag models' second opinion on the adverse-event and emergency flags.  [pure]

The flag rules (:mod:`bot.classify.flags`) know words; the flag models
(:mod:`bot.classify.textmodel`, trained on the development mail) know how
safety reports and emergencies are *written* by people the rules have not
met. Pharmacovigilance intake is sensitive first, so a model can only raise
a flag, never lower one:

| the rules say                                  | the model          | the flag          |
|------------------------------------------------|--------------------|-------------------|
| yes                                            | (not asked)        | yes, the rules'   |
| no: a negative the letter states (the drug was | (not asked)        | no                |
| never given; the patient has died; it is not   |                    |                   |
| urgent)                                        |                    |                   |
| no: nothing found                              | p >= its threshold | yes, the model's  |
| no: nothing found                              | below              | no                |

The adverse-event model is asked only about a letter with half a report the
rules could not complete (:func:`bot.classify.flags.half_a_report`: a
plain-words event in a letter about our drug or a study, and no exposure the
letter denies): it judges how the exposure was put, it does not invent both
halves. Measured on mail the rules had not learned, that gate kept the false
alarms where the rules alone had them.

The model's reason names the words that weighed most for it, so the notice
to pharmacovigilance (or the emergency escalation) says what triggered it.
Machine mail is left to the rules: the models were trained on human mail.
The thresholds ship in each model's file; they were chosen on development
mail the rules had not learned (see the README, "Flag models").
"""

from __future__ import annotations

from functools import cached_property

from bot.classify.textmodel import Scored, TextModel
from bot.model import Reason

Flag = tuple[bool, Reason]

# What a flag model adds to, and the rules' negatives it leaves standing: a
# fact the letter states, not the absence of a cue.
_WHAT = {
    "adverse-event": ("a safety report (an event in a person exposed to our drug)",
                      ("the drug was never given",)),
    # (not a cue the letter sets aside: "I am on ICU service this week" or a past stay says
    # nothing of the patient now, and the model reads the rest)
    "emergency": ("a patient in an emergency", ("the patient has died",
                                                "the letter says it is not urgent",
                                                "the letter says the crisis is over")),
}


class Opinion:
    """A model's view of one letter, each part worked out on first use only (one letter's
    three adverse-event flags ask the same question; most letters never need the reasons)."""

    def __init__(self, model: TextModel | None, text: str):
        self.model, self.text = model, text

    @cached_property
    def probability(self) -> float:
        return 0.0 if self.model is None else self.model.probability(self.text)

    @cached_property
    def scored(self) -> Scored | None:
        return None if self.model is None else self.model.score(self.text)


def settled(flag: Flag, kind: str) -> bool:
    """Whether the rules' "no" is a fact the letter states, which no model overrules."""
    return any(s in flag[1].detail for s in _WHAT[kind][1])


def with_model(flag: Flag, opinion: Opinion, kind: str) -> Flag:
    """``flag`` (the rules' ``kind``: "adverse-event" or "emergency"), raised when the
    model of ``opinion`` reads the letter as that kind."""
    raised, why = flag
    model = opinion.model
    if raised or model is None:
        return flag
    reads_like = _WHAT[kind][0]
    if settled(flag, kind) or opinion.probability < model.threshold:
        return flag
    scored = opinion.scored
    assert scored is not None
    return True, Reason("flag", f"{kind}-model", f"the rules found no cue ({why.detail}), but "
                        f"the text {model.explain(scored, reads_like)}; threshold "
                        f"{model.threshold:.2f}")
