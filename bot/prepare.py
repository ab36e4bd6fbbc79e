"""What can be worked out about one message before the log is consulted.  [pure]

Parsing, the context-free part of classification (:func:`bot.classify.analyse`)
and the campaign fingerprint depend on the raw bytes and the rules only, so
they can be computed ahead, in another process (:mod:`bot.prepare_worker`),
while the daemon records earlier messages. ``classify(msg, rules, ctx,
prepared.analysis)`` then gives exactly what ``classify(msg, rules, ctx)``
would.
"""

from __future__ import annotations

from dataclasses import dataclass

from bot.campaign import simhash
from bot.classify import Analysis, Rules, analyse
from bot.classify.content import own_text
from bot.classify.relay import unwrap
from bot.model import Inbound
from bot.parsing import parse


@dataclass(frozen=True)
class Prepared:
    msg: Inbound
    analysis: Analysis
    fingerprinted: bool  # whether ``fingerprint`` was computed (it is when a request is possible)
    fingerprint: str | None


def fingerprint_of(msg: Inbound) -> str | None:
    """The campaign fingerprint of a request: SimHash of the sender's own text."""
    return simhash(own_text("", msg.body_text))


def prepare(raw: bytes, rules: Rules) -> Prepared:
    msg = unwrap(parse(raw), rules.own_domains)
    analysis = analyse(msg, rules)
    maybe = not analysis.machine and analysis.request.is_request  # only then EA_REQUEST
    return Prepared(msg, analysis, maybe, fingerprint_of(msg) if maybe else None)
