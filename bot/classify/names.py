"""People's names in display names and signatures.  [pure]"""

from __future__ import annotations

import re

_TITLES = frozenset(re.findall(r"\S+", """
dr dr. prof md m.d. phd do mbbs rn np bsn msn pharmd mr mrs ms miss mx facp frcp crc
ccrp esq jr sr ii iii
"""))


def person_name(display: str) -> str | None:
    """"Dr. Raul Esparza, MD" → "Raul Esparza" (first and last name), or None."""
    words = [w for w in re.findall(r"[^\W\d_][^\s,;()\"<>]*", display)
             if w.lower().strip(".") not in _TITLES and w.lower() not in _TITLES]
    words = [w.strip(".") for w in words if len(w.strip(".")) > 1]
    if len(words) < 2:
        return None
    first, last = words[0].capitalize(), words[-1]
    last = last[:1].upper() + last[1:]
    return f"{first} {last}"


def same_person(a: str, b: str) -> bool:
    """Two display names of one person: the same first name and a surname in common
    ("Dr. Alejandro Ruvalcaba Treviño, MD" and "Alejandro Ruvalcaba")."""
    def words(display: str) -> list[str]:
        return [w.strip(".").lower() for w in re.findall(r"[^\W\d_][^\s,;()\"<>]*", display)
                if w.lower().strip(".") not in _TITLES and len(w.strip(".")) > 1]
    x, y = words(a), words(b)
    return len(x) >= 2 and len(y) >= 2 and x[0] == y[0] and bool(set(x[1:]) & set(y[1:]))
