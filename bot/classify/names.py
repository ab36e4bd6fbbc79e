"""People's names in display names and signatures.  [pure]"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

from nicknames import NickNamer

_TITLES = frozenset(re.findall(r"\S+", """
dr dr. prof md m.d. phd do mbbs rn np bsn msn pharmd mr mrs ms miss mx facp frcp crc
ccrp esq jr sr ii iii lek dott dott.ssa dra drs
assoc doç doc pd priv.-doz uzm med
"""))
# letters Unicode does not decompose into a base letter and an accent ("Yıldırım", "Łukasz")
_FOLD = str.maketrans({"ı": "i", "ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D",
                       "ß": "ss", "æ": "ae", "Æ": "AE", "œ": "oe", "Œ": "OE"})


@lru_cache(maxsize=8192)  # the same few senders and requesters, compared case by case
def _words(display: str) -> tuple[str, ...]:
    """The name words of a display name, first name first: "Greer, Nathan MD" (the
    "Last, First" form of directories and Outlook) reads as Nathan Greer."""
    def words(part: str) -> list[str]:
        found = [w.strip(".") for w in re.findall(r"[^\W\d_][^\s,;()\"<>]*", part)
                 if w.lower().strip(".") not in _TITLES and w.lower() not in _TITLES]
        return [w for w in found if len(w) > 1]
    before, comma, after = display.partition(",")
    if comma:
        last, first = words(before), words(after)
        if last and first and len(last) <= 2:
            return (*first, *last)
    return tuple(words(display))


@lru_cache(maxsize=8192)
def person_name(display: str) -> str | None:
    """"Dr. Raul Esparza, MD" → "Raul Esparza" (first and last name), or None."""
    words = _words(display)
    if len(words) < 2:
        return None
    caps = 0  # the leading words in capitals ("VAN DIJK Peter": two)
    while caps < len(words) and len(words[caps]) > 1 and words[caps].isupper() and \
            words[caps].replace("-", "").replace("'", "").replace("’", "").isalpha():
        caps += 1
    if caps and len(words[0]) > 2 and caps == len(words) - 1:
        # (learnt from dev-za8) "LEFEBVRE Thomas", "ROSSI Mario", "VAN DIJK Peter": the family
        # name in capitals first, then one given name, as French and Italian directories
        # write it (not "NGUYEN Thi Mai", nor initials: "JD Smith")
        words = (*words[caps:], *words[:caps])
    first, last = words[0].capitalize(), words[-1]
    last = last[:1].upper() + last[1:]
    return f"{first} {last}"


@lru_cache(maxsize=16_384)
def unaccented(value: str) -> str:
    """A name with its accents folded ("Lucía Fernández" is "Lucia Fernandez")."""
    if value.isascii():
        return value
    return "".join(c for c in unicodedata.normalize("NFKD", value.translate(_FOLD))
                   if not unicodedata.combining(c))


def same_person(a: str, b: str) -> bool:
    """Two display names of one person: the same first name and a surname in common
    ("Dr. Alejandro Ruvalcaba Treviño, MD" and "Alejandro Ruvalcaba")."""
    x, y = [unaccented(w.lower()) for w in _words(a)], [unaccented(w.lower()) for w in _words(b)]
    return len(x) >= 2 and len(y) >= 2 and _same_first(x[0], y[0]) and bool(set(x[1:]) & set(y[1:]))


def _same_first(a: str, b: str) -> bool:
    """One first name, or its short form ("Greg" and "Gregory", "Sam" and "Samuel", "Bob"
    and "Robert")."""
    short, long = sorted((a, b), key=len)
    return a == b or (len(short) >= 3 and long.startswith(short)) or bool(
        given_name_forms(a) & given_name_forms(b))


@lru_cache(maxsize=1)
def _nicknamer() -> NickNamer:
    return NickNamer()  # (the `nicknames` package's curated table of English given names)


@lru_cache(maxsize=16_384)
def given_name_forms(name: str) -> frozenset[str]:
    """A given name, lower case, with the full names it is a short form of: "Ollie" is
    {ollie, oliver, olive, olivia}, "Peggy" {peggy, margaret, ...}, "Robert" {robert}.
    Two letters name one person when their forms meet (Ollie and Oliver, Peggy and
    Maggie); a hint, never alone a match."""
    n = name.strip().lower()
    return frozenset({n} | _nicknamer().canonicals_of(n)) if n else frozenset()


@lru_cache(maxsize=4_096)
def known_given_name(name: str) -> bool:
    """Whether a lower-case word is a given name of the `nicknames` table (a full name with
    short forms, or a short form): "frank", "linda", "jess"; not "moreno" or "now"."""
    n = name.strip().lower()
    return bool(n) and bool(_nicknamer().canonicals_of(n) or _nicknamer().nicknames_of(n))


@lru_cache(maxsize=4_096)
def short_name_forms(name: str) -> frozenset[str]:
    """The short forms of a full given name, lower case: "michael" {mike, mikey, mick, ...}
    (learnt from dev-za1: "Michael Delacroix" writes from a new address, his first letter
    was signed "mike delacroix")."""
    n = name.strip().lower()
    return frozenset(_nicknamer().nicknames_of(n)) if n else frozenset()
