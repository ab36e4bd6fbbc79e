"""A pattern's looser twin in RE2 syntax: every text it matches in, the twin matches.  [pure]

:func:`superset` reads a Python pattern's parse tree (``re._parser``, what ``re``
compiles from) and writes an RE2 pattern that matches wherever the original
can, and possibly elsewhere:

* zero-width tests (``\\b``, ``^``, ``$``, look-arounds) are left out;
* ``\\w`` becomes ``[\\pL\\pN_]`` (Python's word characters are letters and
  numbers), ``\\d`` ``\\pN``, ``\\s`` the characters Python counts as white
  space; their negations, back-references and anything unknown become "any
  character" (or "any text");
* long bounded repeats become unbounded ones.

Case-insensitive patterns are written case-sensitively and searched in the
lower-cased text, under the conditions of :mod:`bot.classify.lowered` (the
caller checks both). Other patterns with case-insensitive parts (``(?i:…)``,
``(?-i:…)``, a capital in a case-insensitive pattern: "CLR 2000") are searched
in the text itself, each case-insensitive character as every character
IGNORECASE lets it match (``[kK]``, and the Kelvin sign's stand-in).

So an RE2 set of the twins (:class:`bot.classify.scan`) can say in one pass
which patterns *may* match a text: the others provably do not, and only the
first are searched with ``re``, which decides.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from functools import cache
from importlib import import_module
from typing import Any

from bot.classify.lowered import lowered

try:  # private parts of ``re``; without them there is no twin
    _parser: Any = import_module("re._parser")
    _c: Any = import_module("re._constants")
except ImportError:  # pragma: no cover - another Python
    _parser = _c = None

_MAX_REPEAT = 8  # a bounded repeat above this is written unbounded (a smaller automaton)
# the text is searched as Latin-1 bytes; every other character is one of three stand-ins
WORD, SPACE, OTHER = 1, 2, 3
_STAND_INS = (WORD, SPACE, OTHER)
_ANY = "[\\x00-\\xff]"


def stand_in(c: str) -> int:
    """The byte a character is searched as: itself below 256, else its kind."""
    code = ord(c)
    if code < 256:
        return code
    return WORD if c.isalnum() or c == "_" else SPACE if c.isspace() else OTHER


def _latin1_stand_ins(error: UnicodeError) -> tuple[str, int]:
    if not isinstance(error, UnicodeEncodeError):
        raise error
    run = error.object[error.start:error.end]
    return "".join(chr(stand_in(c)) for c in run), error.end


codecs.register_error("eabot-stand-ins", _latin1_stand_ins)


def as_bytes(text: str) -> bytes:
    """``text`` as the twins search it (see :func:`stand_in`)."""
    return text.encode("latin-1", "eabot-stand-ins")


class _NoTwin(Exception):
    pass


def superset(pattern: re.Pattern[str]) -> tuple[str, bool] | None:
    """The RE2 twin of ``pattern`` and whether it is for the lower-cased text; None if
    there is none (the pattern is then always searched)."""
    if _parser is None or not isinstance(pattern.pattern, str) or pattern.flags & (re.LOCALE |
                                                                                 re.ASCII):
        return None
    # a case-insensitive pattern that lowers is searched lower-cased; any other has its
    # case-insensitive characters widened (``ignore``) and is searched in the text itself
    lower = bool(pattern.flags & re.IGNORECASE) and lowered(pattern) is not None
    try:
        tree = _parser.parse(pattern.pattern, pattern.flags)
        body = _seq(tree, _Flags(bool(pattern.flags & re.DOTALL),
                                 bool(pattern.flags & re.IGNORECASE) and not lower, lower))
    except (_NoTwin, re.error, RecursionError, ValueError, TypeError):
        return None
    return body, lower


@dataclass(frozen=True)
class _Flags:
    dotall: bool
    ignore: bool  # case-insensitive here: a character stands for all IGNORECASE lets it match
    lowered: bool  # the twin reads lower-cased text (no flag may change within)

    def within(self, add: int, drop: int) -> _Flags:
        """The flags inside ``(?add-drop:…)``."""
        if (add | drop) & (re.LOCALE | re.ASCII) or (self.lowered and (add | drop) & re.IGNORECASE):
            raise _NoTwin
        return _Flags(bool((self.dotall or add & re.DOTALL) and not drop & re.DOTALL),
                      bool((self.ignore or add & re.IGNORECASE) and not drop & re.IGNORECASE),
                      self.lowered)


def _seq(tree: Any, flags: _Flags) -> str:
    return "".join(_node(op, av, flags) for op, av in tree)


def _node(op: Any, av: Any, flags: _Flags) -> str:
    if op in (_c.LITERAL, _c.NOT_LITERAL, _c.ANY, _c.IN, _c.CATEGORY):
        accepted = _accepts([(op, av)], flags.dotall)
        if flags.ignore:
            accepted |= _accepts_ignoring_case(op, av)
        return _bytes(accepted)
    if op is _c.AT or op in (_c.ASSERT, _c.ASSERT_NOT):
        return ""
    if op is _c.BRANCH:
        return "(?:" + "|".join(_seq(sub, flags) for sub in av[1]) + ")"
    if op is _c.SUBPATTERN:
        _group, add_flags, del_flags, sub = av
        return "(?:" + _seq(sub, flags.within(add_flags, del_flags)) + ")"
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        lo, hi, sub = av
        inner = "(?:" + _seq(sub, flags) + ")"
        if hi is _c.MAXREPEAT or hi > _MAX_REPEAT:
            return inner + ("*" if lo == 0 else "+")
        return inner + f"{{{lo},{hi}}}"
    if op is _c.ATOMIC_GROUP:
        return "(?:" + _seq(av, flags) + ")"
    if op is _c.GROUPREF:
        return _ANY + "*"
    if op is _c.GROUPREF_EXISTS:
        _group, yes, no = av
        return "(?:" + _seq(yes, flags) + "|" + ("" if no is None else _seq(no, flags)) + ")"
    raise _NoTwin


def _accepts_ignoring_case(op: Any, av: Any) -> frozenset[int]:
    """The bytes a one-character node may match under IGNORECASE (beyond those it matches
    as it is): each Latin-1 character as ``re`` itself decides, the node alone compiled
    case-insensitively. Beyond Latin-1, IGNORECASE pairs a Latin-1 character only with
    letters (İ ı ſ Ÿ ẞ, µ's Greek mu, the Kelvin and Ångström signs: the WORD stand-in);
    a node with items beyond Latin-1 may meet their partners, of any kind."""
    if op in (_c.ANY, _c.CATEGORY):
        return frozenset()  # (no case: the same characters either way)
    items = av if op is _c.IN else [(op, av)]
    return _ignoring_case(_class_source(items), any(_beyond_latin1(o, a) for o, a in items))


@cache
def _ignoring_case(source: str, beyond: bool) -> frozenset[int]:
    node = re.compile(source, re.IGNORECASE)
    found = {b for b in range(256) if node.fullmatch(chr(b))}
    if beyond:
        found |= set(_STAND_INS)
    elif any(chr(b).lower() != chr(b).upper() for b in found):  # a cased letter
        found.add(WORD)
    return frozenset(found)


def _class_source(items: Any) -> str:
    """One-character parse-tree items as an ``re`` class."""
    parts: list[str] = []
    for op, av in items:
        if op is _c.NEGATE:
            parts.insert(0, "^")
        elif op is _c.LITERAL:
            parts.append(f"\\U{av:08x}")
        elif op is _c.NOT_LITERAL:
            return f"[^\\U{av:08x}]"
        elif op is _c.RANGE:
            parts.append(f"\\U{av[0]:08x}-\\U{av[1]:08x}")
        elif op is _c.CATEGORY and str(av) in _CATEGORY_TEST:
            parts.append(_CATEGORY_TEST[str(av)])
        else:
            raise _NoTwin
    return "[" + "".join(parts) + "]"


def _beyond_latin1(op: Any, av: Any) -> bool:
    if op in (_c.LITERAL, _c.NOT_LITERAL):
        return bool(av > 0xFF)
    if op is _c.RANGE:
        return bool(av[1] > 0xFF)
    return False


_CATEGORY_TEST = {"CATEGORY_WORD": r"\w", "CATEGORY_NOT_WORD": r"\W", "CATEGORY_DIGIT": r"\d",
                  "CATEGORY_NOT_DIGIT": r"\D", "CATEGORY_SPACE": r"\s",
                  "CATEGORY_NOT_SPACE": r"\S"}
# the stand-ins a category may meet beyond Latin-1 (digits and letters are WORD)
_CATEGORY_KINDS = {"CATEGORY_WORD": {WORD}, "CATEGORY_NOT_WORD": {SPACE, OTHER},
                   "CATEGORY_DIGIT": {WORD}, "CATEGORY_NOT_DIGIT": {WORD, SPACE, OTHER},
                   "CATEGORY_SPACE": {SPACE}, "CATEGORY_NOT_SPACE": {WORD, OTHER}}


def _accepts(items: Any, dotall: bool) -> frozenset[int]:
    """The bytes a one-character node may match, its characters seen as :func:`stand_in`
    sees them: a Latin-1 character as itself; a stand-in byte if the node may match the
    character itself or any other character it stands in for."""
    return _accepts_cached(repr(items), dotall, items)


_CACHE: dict[tuple[str, bool], frozenset[int]] = {}


def _accepts_cached(key: str, dotall: bool, items: Any) -> frozenset[int]:
    found = _CACHE.get((key, dotall))
    if found is None:
        found = frozenset(b for b in range(256) if _may_match(items, b, dotall))
        _CACHE[(key, dotall)] = found
    return found


def _may_match(items: Any, b: int, dotall: bool) -> bool:
    op, av = items[0]
    kinds = {b} if b in _STAND_INS else set()
    if op is _c.ANY:
        return dotall or b != 0x0A
    if op is _c.LITERAL:
        return av == b or stand_in(chr(av)) == b
    if op is _c.NOT_LITERAL:
        return av != b or bool(kinds)
    if op is _c.CATEGORY:
        return _in_class([(op, av)], b, kinds)
    return _in_class(av, b, kinds)


def _in_class(items: Any, b: int, kinds: set[int]) -> bool:
    """Whether the class ``items`` may match byte ``b`` (character ``chr(b)``, or, for a
    stand-in, a character of its kind beyond Latin-1)."""
    negate = bool(items) and items[0][0] is _c.NEGATE
    body = items[1:] if negate else items
    char = chr(b)
    itself = any(_item_has(op, av, char) for op, av in body)
    if itself != negate:
        return True
    if not kinds:
        return False
    # beyond Latin-1: may some character of this kind be (not) in the class?
    if not negate:
        return any(_item_may_have(op, av, kinds) for op, av in body)
    covered = any(op is _c.CATEGORY and kinds <= _CATEGORY_KINDS.get(str(av), set())
                  and str(av) in ("CATEGORY_WORD", "CATEGORY_NOT_WORD", "CATEGORY_SPACE",
                                  "CATEGORY_NOT_SPACE") for op, av in body)
    return not covered


def _item_has(op: Any, av: Any, char: str) -> bool:
    if op is _c.LITERAL:
        return bool(chr(av) == char)
    if op is _c.RANGE:
        return bool(av[0] <= ord(char) <= av[1])
    if op is _c.CATEGORY:
        test = _CATEGORY_TEST.get(str(av))
        return test is None or re.match(test, char) is not None
    raise _NoTwin


def _item_may_have(op: Any, av: Any, kinds: set[int]) -> bool:
    if op is _c.LITERAL:
        return bool(av >= 256 and stand_in(chr(av)) in kinds)
    if op is _c.RANGE:
        return bool(av[1] >= 256)
    if op is _c.CATEGORY:
        return bool(kinds & _CATEGORY_KINDS.get(str(av), {WORD, SPACE, OTHER}))
    raise _NoTwin


def _bytes(accepted: frozenset[int]) -> str:
    """A byte set as an RE2 class (Latin-1)."""
    if not accepted:
        return "[^\\x00-\\xff]"
    runs: list[list[int]] = []
    for b in sorted(accepted):
        if runs and runs[-1][1] == b - 1:
            runs[-1][1] = b
        else:
            runs.append([b, b])
    return "[" + "".join(f"\\x{lo:02x}" if lo == hi else f"\\x{lo:02x}-\\x{hi:02x}"
                         for lo, hi in runs) + "]"
