"""Whether a letter is written in a language the rules read.  [pure]

The rules read English, German, French, Spanish, Italian, Portuguese, Dutch and
Polish. A physician in Seoul, a son in Hong Kong or a father in Budapest may write
in their own language; such a letter must reach a human, never be filed away
because no rule understood it (learnt from dev-z47: a Chinese and a Japanese
request filed as other, a Korean and a Hungarian "she is on a ventilator" read as
nothing).
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter

# Words that are frequent in every letter of a supported language (articles,
# pronouns, prepositions), none of them a word of the others' common vocabulary.
_FUNCTION_WORDS = frozenset(re.findall(r"\S+", """
the and to of is for with that this have my our your please we you he she his her
und der die das ist nicht mit ich sie ein eine mein meine bitte wir
le la les et est pour je vous une des mon ma nous avec pas que au du en sur par ce qui il elle
el los las por para con una mi su es muy gracias usted
il che per sono una di mio mia della grazie non
que para com uma não meu minha os da do obrigado
de het een en van niet ik mijn voor met zijn
nie jest się na do że mój moja jak proszę dziękuję w z i o oraz dla przez od po pana pani
"""))
_WORD = re.compile(r"[^\W\d_]+")
# letters beyond Basic Latin to Latin Extended-B (the supported languages' letters)
_NON_LATIN = re.compile(r"[^\W\d_\u0000-\u024f]")
_LATIN_LAST = "\u024f"
_SCRIPTS = (("CJK", "Chinese or Japanese"), ("HIRAGANA", "Japanese"), ("KATAKANA", "Japanese"),
            ("HANGUL", "Korean"), ("CYRILLIC", "Cyrillic"), ("ARABIC", "Arabic"),
            ("HEBREW", "Hebrew"), ("GREEK", "Greek"), ("THAI", "Thai"),
            ("DEVANAGARI", "Devanagari"))


def _script(ch: str) -> str:
    name = unicodedata.name(ch, "")
    return next((label for prefix, label in _SCRIPTS if name.startswith(prefix)), "Latin")


def unread_language(text: str, limit: int = 3_000) -> str | None:
    """What makes ``text`` (a letter's own words) unreadable to the rules, or None: most
    of its letters in a script they do not read ("Korean script"), or enough words and
    almost none of the supported languages' function words ("no common words of the
    languages eabot reads")."""
    text = text[:limit]
    if len(text) < 25:
        return None
    other = _NON_LATIN.findall(text)  # (few or none: the common case)
    if len(other) >= 0.25 * len(text):  # (a quarter of the characters, spaces included)
        script, _ = Counter(_script(ch) for ch in other[:500]).most_common(1)[0]
        return f"most of its letters in {script} script"
    sample = [w for w in _WORD.findall(text, 0, 1_500) if w[0] <= _LATIN_LAST]
    if len(sample) >= 40 and sum(w.lower() in _FUNCTION_WORDS for w in sample) < 0.03 * len(sample):
        return "no common words of the languages eabot reads"
    return None
