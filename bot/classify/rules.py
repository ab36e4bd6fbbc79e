"""Compiled classification rules (the admin-configurable part).  [pure]

``Rules`` is built once at config load from the default lexicon plus the
admin's TOML additions; every pattern is compiled there, so a bad regex is a
load-time error with its key path, never a 3 a.m. surprise. Each pattern's
prefilter (:mod:`bot.classify.prefilter`) is derived there too.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from bot.classify import textmodel as shipped
from bot.classify.lexicon import DEFAULT_LEXICON
from bot.classify.scan import GatedList, Match, Scan, gated_list
from bot.classify.textmodel import TextModel

FLAGS = re.IGNORECASE | re.UNICODE


@dataclass(frozen=True)
class Rules:
    lexicon: Mapping[str, tuple[re.Pattern[str], ...]]
    drug_fuzzy: tuple[str, ...]
    own_domains: tuple[str, ...]
    trusted_physician_domains: tuple[str, ...] = ()
    case_tag_prefix: str = "EA"
    campaign_threshold: int = 3
    extra_noreply_locals: tuple[str, ...] = field(default_factory=tuple)
    # The statistical layer (bot/classify/textmodel.py); None = rules alone.
    model: TextModel | None = None  # an EA request
    adverse_event_model: TextModel | None = None  # a safety report (bot/classify/model_flags.py)
    emergency_model: TextModel | None = None  # a patient in an emergency
    # Derived from ``lexicon`` here, once: each pattern with its prefilter.
    gated: dict[str, GatedList] = field(init=False, repr=False, compare=False)
    case_tag_re: re.Pattern[str] = field(init=False, repr=False, compare=False)
    case_ref_re: re.Pattern[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "gated", {name: gated_list(pats) for name, pats in self.lexicon.items()})
        object.__setattr__(self, "case_tag_re", re.compile(
            r"\[(" + re.escape(self.case_tag_prefix) + r"-\d{4}-\d{3,6})\]"))
        # as people copy it into their own words: "Ihr Zeichen EA-2026-0144", "under EA-2025-0377"
        object.__setattr__(self, "case_ref_re", re.compile(
            r"(?<![\w\-])\[?(" + re.escape(self.case_tag_prefix) + r"-\d{4}-\d{3,6})\]?(?![\w\-])"))

    def __reduce__(self) -> tuple[type[Rules], tuple[object, ...]]:
        """Pickle what was given; the derived fields are rebuilt on loading."""
        return Rules, (dict(self.lexicon), self.drug_fuzzy, self.own_domains,
                       self.trusted_physician_domains, self.case_tag_prefix, self.campaign_threshold,
                       self.extra_noreply_locals, self.model, self.adverse_event_model,
                       self.emergency_model)

    def scan(self, text: str) -> Scan:
        """A :class:`Scan` of ``text`` with these rules' lists."""
        return Scan(text, self.gated)

    def find(self, name: str, text: str) -> Match | None:
        """The first hit of any pattern of lexicon ``name`` in ``text``."""
        return self.scan(text).find(name)

    def find_all(self, name: str, text: str, limit: int = 5) -> list[Match]:
        return self.scan(text).find_all(name, limit)


class RuleError(ValueError):
    """Problems found while building rules; ``problems`` holds (key path, message)."""

    def __init__(self, problems: list[tuple[str, str]]):
        self.problems = problems
        super().__init__("; ".join(f"{k}: {m}" for k, m in problems))


def build_rules(
    *,
    extend: Mapping[str, Sequence[str]] | None = None,
    replace: Sequence[str] = (),
    own_domains: Sequence[str] = (),
    trusted_physician_domains: Sequence[str] = (),
    case_tag_prefix: str = "EA",
    campaign_threshold: int = 3,
    key_prefix: str = "classify.lexicon",
    text_model: bool = True,
) -> Rules:
    """Compile defaults plus additions; ``replace`` names lists whose defaults are dropped."""
    problems: list[tuple[str, str]] = []
    extend = extend or {}
    for name in list(extend) + list(replace):
        if name not in DEFAULT_LEXICON:
            known = ", ".join(sorted(DEFAULT_LEXICON))
            problems.append((f"{key_prefix}.{name}", f"unknown list; known lists: {known}"))
    compiled: dict[str, tuple[re.Pattern[str], ...]] = {}
    fuzzy: tuple[str, ...] = ()
    for name, defaults in DEFAULT_LEXICON.items():
        sources = [] if name in replace else [(f"default {name}", p) for p in defaults]
        sources += [(f"{key_prefix}.{name}[{i}]", p) for i, p in enumerate(extend.get(name, ()))]
        if name == "drug_fuzzy":
            fuzzy = tuple(p.lower() for _, p in sources)
            continue
        pats: list[re.Pattern[str]] = []
        for key, source in sources:
            try:
                pats.append(re.compile(source, FLAGS))
            except re.error as exc:
                problems.append((key, f"invalid regular expression {source!r}: {exc}"))
        compiled[name] = tuple(pats)
    models: list[TextModel | None] = [None, None, None]
    if text_model:  # the paths are read at call time: a benchmark may point them elsewhere
        for i, path in enumerate((shipped.DEFAULT_PATH, shipped.ADVERSE_EVENT_PATH,
                                  shipped.EMERGENCY_PATH)):
            try:
                models[i] = TextModel.load(path)
            except (OSError, ValueError, KeyError, TypeError, AttributeError) as exc:
                problems.append(("classify.text_model", f"the shipped model {path.name} cannot "
                                 f"be read ({exc}); reinstall eabot or set "
                                 "classify.text_model = false"))
    if problems:
        raise RuleError(problems)
    return Rules(
        lexicon=compiled,
        drug_fuzzy=fuzzy,
        own_domains=tuple(d.lower() for d in own_domains),
        trusted_physician_domains=tuple(d.lower() for d in trusted_physician_domains),
        case_tag_prefix=case_tag_prefix,
        campaign_threshold=campaign_threshold,
        model=models[0],
        adverse_event_model=models[1],
        emergency_model=models[2],
    )
