"""Who the patient is, as far as a letter says: for possible duplicates.  [pure]

The same patient can arrive twice from different senders (a daughter, then
the physician; a physician re-sending from a personal address after our
acknowledgement bounced). :func:`patient_marks` takes the few identifying
marks a letter gives — age, initials, surname after a title, date of birth,
diagnosis — and :func:`same_patient` says whether two sets of marks name the
same patient, with the marks that agree as the reason. Marks are stored with
a case (they are health data of the same kind as the subject) so a later
letter can be compared with the open cases.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import unicodedata
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, replace
from email.utils import parsedate_to_datetime
from functools import lru_cache

from bot.classify.content import own_text
from bot.classify.names import (
    given_name_forms,
    known_given_name,
    person_name,
    short_name_forms,
    unaccented,
)
from bot.classify.twins import twin_gate
from bot.model import Inbound

# Ages: a number of one or two digits with a unit after it ("68 years old", "68 J.", "68M"),
# and a number after words ("aged 68", "she is 68", "Hans Wendt (68)"). Two patterns, each
# fast to scan (a digit first, or a word first), not one long alternation.
_AGE_NUMBER = re.compile(  # (not "3.5 yr" of a response's length)
    r"(?<![.,])\b(\d{1,2})(?:[\s\-]?(?:years?|yrs?)[\s\-]?old\b|\s?(?:y/?o|yo|y\.o\.)\b|"
    r"[\s\-]?(?:jährige\w*|jahre|j\.|años|ans|anni|anos|lat|jaar)(?!\w)|\s?-?(?:year|yr)\b|\s?[MF]\b|"
    r"\s(?:yaşında|yaşındaki|yaşinda)\b)",  # (Turkish "9 yaşında", learnt from dev-z82)
    re.IGNORECASE)
# ("aged 68"; a clinician's "M/52" and "52/F", learnt from dev-z43; not a date's "3/12/2026")
_AGE_WORDS = re.compile(r"\baged?\s+(\d{1,2})\b|(?-i:\b[MF])\s?/\s?(\d{1,2})\b(?!\s?[/.\-]\d)|"
                        r"(?<![/.\-\d])\b(\d{1,2})\s?/\s?(?-i:[MF])\b", re.IGNORECASE)
# "Hans-Jürgen Wendt (68)": a capitalised name, then the age in brackets ("patient (12)" is no age)
# ("Mrs. Priya Raghunathan (45 yrs)", learnt from dev-z72: a unit in the brackets too; a
# child's one digit, "Thijs van Dijk (9)", learnt from dev-z98)
_AGE_BRACKETS = re.compile(r"\s\(([1-9]\d?)(?:\s?(?:yrs?|years?|y|años|anos|ans|anni|jahre|j|lat|jaar))?"
                           r"\)(?!\s*\d)(?!\.\w)")
_NAME_BEFORE = re.compile(r"\b([A-ZÀ-ÝĄĆĘŁŃŚŹŻ][a-zà-ÿąćęłńśźż]+|"
                          r"[Ii]ch|I|[Jj]e|[Yy]o|[Ii]o|[Ee]u|[Jj]a|[Ii]k)$")
# "she is 68", "J.D. was 41": the verb and number first (fast to find), then the word before
_AGE_VERB = re.compile(r"\s(?:is|was|turned)\s+(?:only\s+)?(\d{1,2})\b"
                       r"(?![.,]\d|\s*(?:%|mg|kg|days|weeks|months|minutes|mins?\b|hours|hrs|cm|mm|ml|"
                       r"units|points|dagen|weken|tage|wochen|stunden|uur|minuten))", re.IGNORECASE)
_AGE_SUBJECT = re.compile(r"(?:\b(?:he|she|who|patient|father|mother|dad|mom|son|daughter|husband|"
                          r"wife)|"
                          r"\b[A-Z]\.[A-Z]\.)\s*$", re.IGNORECASE)


# (learnt from dev-zb5, narrowed by its review) "Hij was 78 en ...", "Er war 81.": a pronoun,
# two digits and the clause's end (not "hij is 12 kilo afgevallen", "Sie war 6 Monate ...")
_AGE_PRONOUN = re.compile(r"\b(?i:hij|zij|er|sie)\s+(?:was|war|is|ist)\s+(?:nu\s+|erst\s+)?(\d{2})"
                          r"(?=\s*(?:[.,;)]|$)|\s+(?:en|und|jaar|jahre)\b)")
_AGE_COMMAS = re.compile(r"\b([A-ZÀ-Ý][a-zà-ÿ]{2,}),\s([1-9]\d?),\s")
_TWO_NAMES = re.compile(r"\b([A-ZÀ-Ý][a-zà-ÿ]+)\s+(?:(?:van|de|der|den|von|da|di|del|du|dos|das|la|le|ter|"
                        r"ten)\s+){0,2}([A-ZÀ-Ý][a-zà-ÿ]+)$")


def _full_name_before(text: str, at: int) -> bool:
    """"Harold Brennecke is 58": a full name (two capitalised words) right before."""
    m = _TWO_NAMES.search(text, max(0, at - 40), at)
    return m is not None and not {m.group(1).lower(), m.group(2).lower()} & _NOT_AGE_NAMES


# capitalised words before a number that is no age ("Total Protein is 7", "Dear Sir, 12,")
_NOT_AGED = frozenset(re.findall(r"\S+", """
sir madam protein hemoglobin haemoglobin platelets count score level levels calcium creatinine
albumin ldh igm igg iga ecog karnofsky kps stage grade cycle cycles line lines day week dose
ward room bed floor unit suite street road avenue box version page item number
section see appendix table figure part step question point note field annex attachment
results result summary scan scans report reports letter document file files image images photo
photos copy draft labs lab marrow biopsy pathology
"""))


def _ages(text: str, may: int) -> set[int]:
    found = [n for rx in (_AGE_NUMBER, _AGE_WORDS) for m in _GATE.finditer(rx, text, may)
             for n in m.groups() if n]
    for m in _GATE.finditer(_AGE_BRACKETS, text, may):
        name = _NAME_BEFORE.search(text, max(0, m.start() - 30), m.start())
        if name and name.group(1).lower() not in _NOT_NAMES and (
                len(m.group(1)) == 2 or _full_name_before(text, m.start())):
            found.append(m.group(1))  # (one digit: after a full name only, not "Section (2)")
    found += [m.group(1) for m in _GATE.finditer(_AGE_VERB, text, may)
              if _AGE_SUBJECT.search(text, max(0, m.start() - 12), m.start())
              or _full_name_before(text, m.start())]
    if "war " in text or "was " in text or "is " in text:
        found += _AGE_PRONOUN.findall(text)
    # "my father Robert, 72, has myeloma"
    found += [m.group(2) for m in _GATE.finditer(_AGE_COMMAS, text, may)
              if m.group(1).lower() not in _NOT_AGE_NAMES]
    return {int(n) for n in found if 0 < int(n) < 100}


_INITIALS = re.compile(
    # (learnt from dev-r, session 25: "single-patient EA." is no patient E.A.)
    r"\b(?:(?<!single[\s\-‐])(?<!named[\s\-‐])(?<!Single[\s\-‐])(?<!Named[\s\-‐])(?i:patient)|(?i:pt\.?|initials?)|mr\.?|mrs\.?|ms\.?|miss|"
    r"for)\s*:?\s+(?!(?:ID|IN|NO|NR|OF|ON|TO|IS)\b)([A-Z])\.?\s?([A-Z])\.?(?=[\s,;:)]|$)"
    r"|\b([A-Z])\.\s?([A-Z])\.(?=[\s,;:)]|$)")
# (learnt from dev-z75) "Grupo Alta Venta S.A. de C.V.", "Monterrey, N.L.", "Washington,
# D.C. 20001", "U.S.": a company's or a place's letters, not a patient's initials (which then
# contradicted the patient's own in another letter)
_COMPANY_AFTER = re.compile(r"\s+de\s+[A-Z]\.\s?[A-Z]\.")
_COMPANY_BEFORE = re.compile(r"[A-Z]\.\s?[A-Z]\.\s+de\s+$")
_PLACE_BEFORE = re.compile(r"[^\W\d_]{3,},[ \t]*$")
_PLACE_AFTER = re.compile(r"[ \t]*(?:$|\n|\d{4,6}\b)")
_COUNTRY = re.compile(r"U\.\s?[SK]\.")
# "Pt: Garza, R.L.": a patient's initials after a label stay
_NAME_LABEL = re.compile(r"(?i)\b(?:pat(?:ient|iënt)\w*|pacient\w*|pazient\w*|pacjent\w*|pt|name|"
                         r"nombre|nom|nome|naam|initials?|re)\b")


def _place_or_company(text: str, m: re.Match[str]) -> bool:
    start = m.start(1) if m.group(1) else m.start(3)  # where the two letters begin
    return bool(_COMPANY_AFTER.match(text, m.end())
                or _COMPANY_BEFORE.search(text, max(0, start - 12), start)
                or (_PLACE_BEFORE.search(text, max(0, start - 30), start)
                    and _PLACE_AFTER.match(text, m.end())
                    and not _NAME_LABEL.search(text, max(0, start - 40), start))
                or _COUNTRY.fullmatch(text, start, m.end()))


_SURNAME = re.compile(
    r"\b(?:Mr|Mrs|Ms|Miss|Mx|Herr|Frau|Sr|Sra|M|Mme|Sig|Sig\.ra|[Mm]evrouw|[Mm]eneer|[Mm]evr|[Dd]hr|"
    r"[Ss]eñora|[Ss]eñor|[Dd]oña|[Dd]on|[Mm]adame|[Mm]onsieur|[Ss]ignora|[Ss]ignor|[Ss]enhora|"
    r"[Ss]enhor|[Pp]ani|[Pp]an)\.?\s+(?:[A-Z]\.\s*)?(?:(?:van|de|der|den|von|da|di|del|la|le)\s+)*"
    r"([A-Z][a-zà-ÿ]+(?:-[A-Z][a-zà-ÿ]+)?)\b"
    r"|\b[A-Z]\.\s?([A-Z][a-zà-ÿ]{2,}(?:-[A-Z][a-zà-ÿ]+)?)\b")
_DOB = re.compile(r"\b(?:dob|d\.o\.b\.|date\s+of\s+birth|born|geb\.?|geboren(?:\s+am)?|geburtsdatum|"
                  r"geboortedatum|n[ée]e?\s+le|date\s+de\s+naissance|nat[oa]\s+il|data\s+di\s+nascita|"
                  r"nacid[oa]\s+el|fecha\s+de\s+nacimiento|nascid[oa]\s+em|data\s+de\s+nascimento|"
                  r"urodzon[ya]|data\s+urodzenia)\W{0,3}"
                  r"(\d{1,2}[/.\-]\d{1,2}[/.\-]\d{2,4})", re.IGNORECASE)
_DATE = re.compile(r"\d[/.\-]\d{1,2}[/.\-]\d\d")
# Each diagnosis: word stems (found anywhere, "myelom" in "myelomatosis") and whole
# words (abbreviations: "mm", not the "mm" of "mmol").
_DIAGNOSES: dict[str, tuple[tuple[str, ...], frozenset[str]]] = {
    "myeloma": (("myelom", "mieloma", "rrmm", "myélom", "myeloom", "szpiczak", "kahler"),
                frozenset({"mm"})),
    "lymphoma": (("lymphom", "linfoma", "lymfom", "chłoniak"), frozenset({"dlbcl", "mcl", "cll"})),
    "waldenstrom": (("waldenstr", "macroglobulin", "makroglobulin"), frozenset({"wm", "lpl"})),
    "glioma": (("gliom", "glioblastom", "glejak"), frozenset({"dipg", "hgg"})),
    "neuroblastoma": (("neuroblastom", "nerwiak zarodkowy"), frozenset()),
    "sarcoma": (("sarcom", "sarkom", "mięsak"), frozenset()),
    "head_neck": (("oropharyn", "laryn"), frozenset({"hnscc"})),
    "leukemia": (("leukemi", "leukaemi", "leucemi", "leukämi", "leucém", "białaczk"), frozenset()),
}
_HEAD_NECK = re.compile(r"head\s+and\s+neck")
_WORDS = re.compile(r"\w+")


def diagnoses(text: str) -> frozenset[str]:
    """The diagnoses a text names (lower-cased stems and abbreviations)."""
    low = text.lower()
    words: set[str] | None = None
    found = set()
    for name, (stems, abbreviations) in _DIAGNOSES.items():
        if any(s in low for s in stems):
            found.add(name)
        elif abbreviations:
            if words is None:
                words = set(_WORDS.findall(low))
            if not words.isdisjoint(abbreviations):
                found.add(name)
    if "head_neck" not in found and "neck" in low and _HEAD_NECK.search(low):
        found.add("head_neck")
    return frozenset(found)


# letters of names in the supported languages (Polish and Czech ones too: "Zając", "Łukasz")
# (with Turkish letters: "Doç. Dr. Emre Yıldırım", "Ayşe", "Doğan", learnt from dev-z82)
_UP = "A-ZÀ-ÖØ-ÝĄĆĘŁŃŚŹŻČŘŠŽŤĎŇĚŮŐŰİĞŞ"
_LOW = "a-zà-öø-ÿąćęłńśźżčřšžťďňěůőűığş"
_DOCTOR = re.compile(r"\b(?:[Dd]r|[Dd]ra|[Ll]ek|Doctor|[Dd]oktor|[Dd]okter|[Dd]octeur|[Dd]outora?|"
                     r"[Dd]ottor(?:e|essa)|[Dd]ott|[Dd]ott\.ssa|Prof|Professor)\.?\s+"
                     r"(?:(?:hab|n\.\s?med|med|h\.\s?c)\.?\s+)*"
                     # (learnt from dev-zb5) "dr. Van der Meulen": the family name after its
                     # particles, as the requester's display name ends
                     rf"(?:[{_UP}][{_LOW}]+\s+)?(?:(?:[Vv]an|[Vv]on|[Dd]e|[Dd]er|[Dd]en|[Tt]er|[Tt]en)\s+){{0,2}}"
                     rf"([{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)?)\b")
# (learnt from dev-za2) a phone's lower-case "dr okafor at st brendan sent", "el dr mendez nos
# dijo": the word after "dr" when what follows tells of a person (not "dr appointment at 3")
_LOWER_DOCTOR = re.compile(r"\b[Dd]r\.?[ \t]+([a-z]{3,})(?=[ \t]+(?:at|from|in|of|sent|said|says|"
                           r"told|will|wants|asked|is|has|and|nos|dijo|dice|me|us)\b|[ \t]*[,.])")
_NOT_LOWER_DOCTORS = frozenset(re.findall(r"\S+", """
said says told tells wants wanted thinks thought appointment appt appts visit visits office
note notes letter orders team here there that this also just still already then again really
only even never because will would could should called sent wrote mentioned asked gave
recommended suggested ordered visit today yesterday tomorrow week month year next last first
second third about with from into over after before when where what which while since until
came come comes went goes got gets looked look looks saw sees see say says put did does can
was were has had have and the who him her his she they them our your its not yet now
habil phil med rer nat jur dent vet oec pol sci
"""))
_POSSESSED = re.compile(r"\s+(?:patients?|pt|office|team|nurse|clinic|practice|secretary|ward|unit)\b",
                        re.IGNORECASE)
_NOT_SURNAMES = frozenset({"Dear", "Doctor", "Team", "Cellectar", "Clinical", "Sir", "Madam"})
# "Anneke de Vries" is Anneke Vries, as a display name reads (names.person_name)
_PARTICLES = r"(?:(?:van|de|der|den|von|da|di|del|du|dos|das|la|le|ter|ten)\s+){0,2}"
_NAME = rf"[{_UP}][{_LOW}]+(?:-[{_UP}][{_LOW}]+)?"
# Names of three parts ("Nguyen Thi Mai", "Park Ji Hoon") and names in capitals after a title or
# a form's label ("Mr. PARK JI HOON", "Patient name: NGUYEN THI MAI"): compared in any order
_PART = rf"[{_UP}][{_LOW}]+(?:-[{_UP}{_LOW}][{_LOW}]+)?"  # ("Ji-hoon", "Seung-woo" too)
# (not across a blank line: "Jenna\n\nJenna Morales", a sign-off above a signature)
_TWO_PARTS = re.compile(rf"\b({_PART})(?:[ \t]+|[ \t]*\n[ \t]*)(?:[A-Z]\.\s+)?" + _PARTICLES
                        + rf"({_PART})\b")
_THREE_NAMES = re.compile(rf"\b({_PART})[ \t]+({_PART})[ \t]+({_PART})\b")
# "M. DIALLO Mamadou", "Mamadou DIALLO", "WONG Kin Kwok": a family name in capitals beside given names
_MIXED_NAME = re.compile(rf"\b([{_UP}]{{2,}}(?:-[{_UP}]{{2,}})?)((?:[ \t]+{_PART}){{1,2}})\b|"
                         rf"\b({_PART})[ \t]+([{_UP}]{{2,}}(?:-[{_UP}]{{2,}})?)\b")
_TITLE_WORDS = frozenset({"frau", "herr", "herrn", "mr", "mrs", "ms", "mme", "madame", "monsieur",
                          "sra", "sr", "señora", "señor", "signora", "signor", "sig", "pan", "pani",
                          "dhr", "mevr", "mevrouw", "meneer", "dona", "senhora", "senhor"})
# (learnt from dev-z76) German writes kin as capitalised nouns: "meine Schwester Sabine
# Krüger" names Sabine Krüger (the open case's requester), not "Schwester Sabine"
_KIN_NOUNS = frozenset({"schwester", "bruder", "mutter", "vater", "sohn", "tochter", "ehemann",
                        "ehefrau", "mann", "onkel", "tante", "opa", "oma", "enkel", "enkelin",
                        "schwager", "schwägerin", "schwiegervater", "schwiegermutter",
                        "schwiegersohn", "schwiegertochter", "cousin", "cousine", "neffe",
                        "nichte", "sister", "brother", "mother", "father", "son", "daughter",
                        "husband", "wife"})
_TITLE_BEFORE = re.compile(r"\b(?:M|Mme|Mlle|Mr|Mrs|Ms|Sr|Sra|Herr|Frau|Pan|Pani|Dhr|Mevr|Sig|Sig\.ra|"
                           r"[Pp]atient|[Pp]aciente|[Pp]atiente|[Pp]aziente)\.?[ \t]+$")
_CAPS_NAME = re.compile(r"\b(?:Mr|Mrs|Ms|Miss|MR|MRS|MS|Patient|PATIENT|[Pp]atient\s+name|Name|NAME|"
                        r"Nombre|Nom|Nome|Naam|Paciente|Patiente?|Pacjent)\.?\s*:?[ \t]+"
                        rf"([{_UP}][{_UP}'’\-]+(?:[ \t]+[{_UP}][{_UP}'’\-]+){{1,3}})\b")
_CUED_NAME = re.compile(
    r"(?:\b(?:patient|pt\.?|mr|mrs|ms|miss|for|regarding|re|about|named|my\s+(?:mother|mom|mum|"
    r"father|dad|husband|wife|son|daughter|brother|sister|friend|partner|uncle|aunt)|our\s+(?:son|daughter)|"
    r"grandpa|grandma|granddad|grandad|granny|grandfather|grandmother|avô|avó|abuelo|abuela|nonno|nonna|"
    r"grand-père|grand-mère|"
    r"opa|oma|dziadek|babcia|"
    r"mother|father|husband|wife|son|daughter|vrouw|man|vader|moeder|zoon|dochter|frau|mann|vater|"
    r"mutter|sohn|tochter|esposa|esposo|marido|mujer|padre|madre|hijo|hija|femme|mari|père|mère|fils|"
    r"fille|moglie|marito|figlio|figlia|mãe|pai|filho|filha|żona|mąż|ojciec|matka|syn|córka)\b\.?[\s,:\-]+)"
    rf"({_NAME})\s+(?:[A-Z]\.\s+)?" + _PARTICLES + rf"({_NAME})\b")
# (learnt from dev-zb4) "I'm Harold (Hal) Jensen's niece": the relative OF the named person
# (and its review: said by the writer, "I'm ...", not "Dr. Anna Lopez's husband has myeloma")
_CUED_POSSESSIVE = re.compile(
    rf"\b(?:I['’]m|I\s+am|as)\s+(?:the\s+)?({_NAME})\s+({_NAME})(?:\s+\([^()\n]{{0,30}}\))?['’]s\s+"
    r"(?:niece|nephew|daughter|son|wife|husband|"
    r"sister|brother|granddaughter|grandson|neighbou?r|caregiver|carer|mother|father|stepdaughter|"
    r"stepson|daughter-in-law|son-in-law)\b")
# (learnt from dev-z96, narrowed by its review) "soy el marido de Rosa María Echeverría", "je
# suis la conjointe de Réjean Tremblay": THE relative OF the named person, who is the patient
# (a definite article, "soy" or an apposition's comma: "un hijo de Buenos Aires" is from a
# city); two or three names
_CUED_OF = re.compile(
    r"(?:\b(?:el|la|le|il|lo|o|a|soy|sou|sono|suis|the)\s+|(?<=,\s))(?:husband|wife|son|daughter|"
    r"mother|father|brother|sister|partner|marido|mari|esposa|esposo|mujer|femme|épouse|époux|conjointe?|"
    r"compagne|compagnon|pareja|moglie|marito|mulher|filho|filha|hijo|hija|fils|fille|figlio|figlia|"
    r"padre|madre|père|mère|pai|mãe|"
    r"hermana|hermano|sorella|fratello|sœur|frère|irmã|irmão)\s+(?:(?:of|de|di|da|do|du|del|della|dello)\s+|"
    r"d['’])"
    rf"({_NAME})\s+" + _PARTICLES + rf"({_NAME})(?:\s+({_NAME}))?\b")
# A patient's first name where a relative or a physician introduces it: "my son Noah",
# "Noah's mom", "Vater von Lukas", "mijn vader Jan", "sono la sorella di Giulia",
# "9-year-old Lukas B.", "Noah (5)".
_FIRST = rf"([{_UP}][{_LOW}]{{2,}})"
_FIRST_NAME = re.compile(  # (cue words in any case, "My son", "Mutter von"; the name capitalised)
    r"\b(?i:my|our)\s+(?i:little\s+)?(?i:son|daughter|husband|wife|father|dad|mother|mum|mom|brother|"
    r"sister|boy|girl|grandson|granddaughter|nephew|niece|patient)\s*,?\s+" + _FIRST + r"\b|"
    r"\b(?i:mein(?:e|em|en)?|mijn|mi|mon|ma|mio|mia|meu|minha|m[óo]j\w*|moja|mojej|mojego)\s+"
    r"(?i:sohn|tochter|mann|frau|vater|mutter|bruder|schwester|enkel\w*|zoon|dochter|man|vrouw|"
    r"vader|moeder|broer|zus|hijo|hija|esposo|marido|esposa|padre|madre|papá|mamá|hermano|hermana|"
    r"fils|fille|mari|femme|père|mère|frère|sœur|figlio|figlia|marito|moglie|fratello|sorella|"
    r"filho|filha|pai|mãe|irmão|irmã|syn\w*|córk\w*|mą\w+|żon\w*|tat\w*|ojc\w*|mam\w*)\s*,?\s+"
    + _FIRST + r"\b|"
    r"\b(?i:vater|mutter|oma|opa|bruder|schwester|onkel|tante|padre|madre|sorella|fratello|figlia|"
    r"figlio|nonna|nonno|zia|zio)\s+(?i:von|di)\s+" + _FIRST + r"\b|"
    r"\b\d{1,2}[\s\-](?i:year|yr)s?[\s\-](?i:old)\s+(?i:boy\s+|girl\s+)?" + _FIRST + r"\b")
# ... and where what follows it says so ("Noah's mom", "Noah B.", "Noah (5)"): found by what
# follows (a pattern that starts with a capital letter is tried at every one), then the name
_AFTER_FIRST = re.compile(
    r"'s\s+(?i:mom|mum|mother|dad|father|wife|husband|sister|brother|grandmother|grandma|"
    r"grandfather|uncle|aunt)\b|\s+[A-Z]\.(?=[\s,;)])|\s+\(\d{1,2}\)")
_FIRST_BEFORE = re.compile(rf"[{_UP}][{_LOW}]{{2,}}$")


def _first_names(text: str, may: int) -> set[str]:
    found = {n for m in _GATE.finditer(_FIRST_NAME, text, may) for n in m.groups()
             if n and n[:1].isupper()}
    for m in _GATE.finditer(_AFTER_FIRST, text, may):
        name = _FIRST_BEFORE.search(text, max(0, m.start() - 40), m.start())
        if name:
            found.add(name.group(0))
    return found
# Capitalised words that are not names (greetings, places, institutions, medicine...).
_NOT_NAMES = frozenset(re.findall(r"\S+", """
dear hello hi thank thanks best kind warm regards sincerely yours cordially greetings
good morning afternoon evening happy cancer center centre hospital medical medicine
university clinic clinical institute department division oncology hematology
haematology health care services service network group foundation society association
program programme team office multiple myeloma lymphoma waldenstrom waldenström
macroglobulinemia glioma sarcoma leukemia neuroblastoma disease expanded access
compassionate use form fda ind irb trial study studies research patient patients
request requests subject sent from date re fw fwd cellectar iopofosine clr monday
tuesday wednesday thursday friday saturday sunday january february march april may june
july august september october november december new york san los las saint north south
east west city county state states united national general regional memorial children
mercy valley river lake park mount street avenue road suite floor building mr mrs ms
miss dr prof professor md phd rn np nurse coordinator navigator director manager
assistant specialist senior chief head attending fellow resident the this that our your
his her their its and or but for with please sent iphone android outlook gmail mail
email phone fax tel mobile confidential notice privacy message original forwarded right
try act emergency intensive unit care icu european america american europe germany
spain france italy portugal brazil poland netherlands mexico argentina canada england
london paris berlin madrid
investigational drug drugs pediatric paediatric great lakes neuro radiation safety
pharmacy pharmacist information compliance quality regulatory affairs operations support
global development business partners partner solutions sciences science therapeutics
biosciences pharma pharmaceuticals access medical affairs review board committee ethics
hematologic haematologic malignancies malignancy oncologic disorders transplant cellular
therapy therapies radiology nuclear solid tumor tumors tumour palliative infusion
"""))
_NOT_AGE_NAMES = _NOT_NAMES | _NOT_AGED  # (no name before an age)
# (words of places that are family names too: "Park Ji-hoon", "Anna West")
_NOT_NAME_PARTS = _NOT_NAMES - {"park", "west", "north", "south", "east", "lake", "river", "mercy",
                                "mount", "valley", "hope", "grace", "may", "june"}


@dataclass(frozen=True)
class PatientMarks:
    ages: frozenset[int] = frozenset()
    initials: frozenset[str] = frozenset()
    surnames: frozenset[str] = frozenset()
    names: frozenset[str] = frozenset()  # "Firstname Lastname" pairs
    cued: frozenset[str] = frozenset()  # of those, the ones a patient cue introduces
    dob: frozenset[str] = frozenset()
    diagnoses: frozenset[str] = frozenset()
    families: frozenset[str] = frozenset()  # family names (of names and surnames)
    doctors: frozenset[str] = frozenset()  # family names after "Dr." (the treating team)
    first_names: frozenset[str] = frozenset()  # "my son Noah", "Vater von Lukas", "Lukas B."
    # every capitalised word, IN CLEAR and never stored or hashed with the rest: the
    # sender's own open case is probed for its patient's first name with them ("Eli had a
    # bad seizure"), see :func:`named_first_names`
    words: frozenset[str] = frozenset()
    # the initials of the full names ("Harold Brennecke": HB), matched with the initials
    # another letter gives ("H.B., 58"): a family names, a physician abbreviates
    name_initials: frozenset[str] = frozenset()
    # the full names in any order, without hyphens, with a middle part dropped or joined
    # ("Park Ji-hoon", "PARK JI HOON" and "Jihoon Park" meet; "Nguyen Thi Mai" and "Mai
    # Nguyen"): hashed with ``names``, never stored apart
    name_forms: frozenset[str] = frozenset()
    cued_forms: frozenset[str] = frozenset()  # of those, the forms of names a patient cue introduces
    # the same full names by their consonants ("Mohammed Alharbi", "Muhammad Al-Harbi" and
    # "Mohamed Al Harbi" are mhmd|alhrb): another spelling, enough only to LINK for review
    spellings: frozenset[str] = frozenset()

    def hashed(self, key: bytes) -> PatientMarks:
        """Names, initials and dates of birth as keyed hashes (HMAC-SHA-256 with the
        install's patient key, see :mod:`bot.patient_key`): what is stored and
        compared (equality is all matching needs; the log keeps no patient names,
        and without the key a name cannot be tried against them)."""
        return PatientMarks(
            self.ages, _hs(self.initials, key), _hs(self.surnames, key),
            _hs(self.names | self.name_forms, key),
            _hs(self.cued | self.cued_forms, key), _hs(self.dob, key), self.diagnoses,
            _hs({f for n in self.names for f in _families(n)} | {s.lower() for s in self.surnames},
                key),
            _hs(self.doctors, key),
            _hs(_forms(self.first_names), key),
            name_initials=_hs(self.name_initials, key), spellings=_hs(self.spellings, key))

    @property
    def empty(self) -> bool:
        return not (self.ages or self.initials or self.surnames or self.names or self.dob)

    def as_dict(self) -> dict[str, list[str | int]]:
        return {k: sorted(v) for k, v in (("ages", self.ages), ("initials", self.initials),
                                          ("surnames", self.surnames), ("names", self.names),
                                          ("cued", self.cued),
                                          ("dob", self.dob),
                                          ("diagnoses", self.diagnoses),
                                          ("families", self.families),
                                          ("doctors", self.doctors),
                                          ("first", self.first_names),
                                          ("ni", self.name_initials),
                                          ("sp", self.spellings)) if v}

    @classmethod
    def from_dict(cls, d: dict[str, list[str | int]]) -> PatientMarks:
        return cls(frozenset(int(a) for a in d.get("ages", [])),
                   frozenset(str(x) for x in d.get("initials", [])),
                   frozenset(str(x) for x in d.get("surnames", [])),
                   frozenset(str(x) for x in d.get("names", [])),
                   frozenset(str(x) for x in d.get("cued", [])),
                   frozenset(str(x) for x in d.get("dob", [])),
                   frozenset(str(x) for x in d.get("diagnoses", [])),
                   frozenset(str(x) for x in d.get("families", [])),
                   frozenset(str(x) for x in d.get("doctors", [])),
                   frozenset(str(x) for x in d.get("first", [])),
                   name_initials=frozenset(str(x) for x in d.get("ni", [])),
                   spellings=frozenset(str(x) for x in d.get("sp", [])))


def marks_of(msg: Inbound, text: str | None = None, *, with_subject: bool = True) -> PatientMarks:
    """The marks of what the sender wrote (subject, own words, attachments: ``text``
    when the caller has it), in clear: :meth:`PatientMarks.hashed` before they are
    stored or compared; the sender's own name is not a patient's. ``with_subject``: whether
    ``text`` is read with the subject's name (False: the caller's text alone)."""
    if text is None:
        text = f"{own_text(msg.subject, msg.body_text)}\n{msg.attachment_text}"
    marks = patient_marks(_subject_name(msg.subject) + text if with_subject else text)
    if marks.dob and not marks.ages:  # "born 12/07/1964" is also "61": an age another letter may give
        year = letter_year(msg.date_header)
        if year is not None:
            marks = replace(marks, ages=marks.ages | _ages_from_birth(marks.dob, year))
    me = person_name(msg.from_name)
    mine = me.split()[-1].lower() if me else None
    first = me.split()[0] if me else None
    if marks.initials and msg.from_name:
        # (learnt from dev-zb5) the sender's own initials before the sender's own family name
        # ("J.M. Postma, huisarts" signs): no patient's
        # (and its review: the first initial must be one of the sender's own, not "my father,
        # R.J. Kowalski" from Anna Kowalski)
        sender_words = re.findall(r"[^\W\d_]{3,}", msg.from_name)
        letters = {w[0].upper() for w in re.findall(r"[^\W\d_]+", msg.from_name)}
        if sender_words:
            own = {a + b for a, b in re.findall(
                r"\b([A-Z])\.\s?([A-Z])\.?\s?(?:" + "|".join(map(re.escape, sender_words)) + r")\b",
                text) if a in letters and b in letters}
            marks = replace(marks, initials=marks.initials - own)
    # a first name the letter is about: in the subject, or written twice ("Eli had a bad
    # seizure ... Eli can't"), not a capitalised word that is also a name ("Will you ...")
    found = [w for w in _CAPITALISED.findall(text[:2_500])
             if w.lower() not in _NOT_NAMES and w.lower() not in _COMMON_WORDS]
    subject = set(_CAPITALISED.findall(msg.subject))
    counts = Counter(found)
    words = frozenset(w for w, n in counts.items() if n > 1 or w in subject)
    plain_me = unaccented(me) if me else None  # (the sender's name, however accented)
    names = frozenset(n for n in marks.names if unaccented(n) != plain_me)
    # (with the full forms of the sender's first name: "Anna Berger" signs, "annie|berger" is
    # hers too)
    own = _full_first(me.split()) | _full_first(unaccented(me).split()) if me else set()
    return replace(marks, names=names,
                   name_initials=frozenset(w[0][0] + w[-1][0] for w in (n.split() for n in names)
                                           if len(w) > 1),
                   words=frozenset(w for w in words if w != first),
                   cued=frozenset(n for n in marks.cued if unaccented(n) != plain_me),
                   doctors=frozenset(d for d in marks.doctors
                                     if mine is None or unaccented(d) != unaccented(mine)),
                   first_names=frozenset(f for f in marks.first_names
                                         if first is None or unaccented(f) != unaccented(first)),
                   name_forms=frozenset(f for f in marks.name_forms if f not in own),
                   cued_forms=frozenset(f for f in marks.cued_forms if f not in own))


def as_the_patient(marks: PatientMarks, sender_name: str, text: str = "") -> PatientMarks:
    """``marks`` of a letter whose writer is the patient: the writer's own name and initials
    are the patient's (:func:`marks_of` leaves the sender's name out, as a physician's or a
    relative's is no patient's); (learnt from dev-zb6) so are the name the letter gives in
    "my name is gerry kowalczyk" under a display name "gerry k", and the age in "im 68"."""
    ages = {int(a) for a in _OWN_AGE.findall(text[:2_500])}
    named = _MY_NAME.search(text[:2_500])
    first, last = (named.group(1).split()[0], named.group(2)) if named is not None else ("", "")
    # (a phone's "hi my name is gerry kowalczyk", all in lower case, or a name in capitals)
    typed_low = named is not None and named.group(0) == named.group(0).lower()
    if named is not None and not {first.lower(), last.lower()} & (_NOT_NAMES | _NOT_MY_NAME) and \
            (typed_low or (first[0].isupper() and last[0].isupper())):
        me = f"{first.capitalize()} {last.capitalize()}"
    elif role_like(sender_name) or _NO_PERSON.search(sender_name):
        me = ""  # ("Cellectar Website" relays a patient's own words: not its name)
    else:
        me = person_name(sender_name) or ""
    parts = me.split()
    if len(parts) < 2 or len(parts[-1]) < 2:
        return replace(marks, ages=marks.ages | ages) if ages else marks
    initials = (parts[0][0] + parts[-1][0]).upper()
    return replace(marks, ages=marks.ages | ages, names=marks.names | {me},
                   initials=marks.initials | {initials},
                   name_initials=marks.name_initials | {initials},
                   name_forms=marks.name_forms | _full_first(parts))


# (and its review: "Linda Sue Jones" is L.J., "Maria del Carmen Ruiz" M.R.; not "my name is not
# important"; "I'm 68." but not "I'm 30 lbs lighter", "I am 15 years out")
_MY_NAME = re.compile(r"(?i)\bmy\s+name\s+is\s+((?:[^\W\d_]+[ \t]+){1,3}?)([^\W\d_]{3,})"
                      r"(?=\s*(?:[,.;:!)\n]|$)|\s+(?:and|i|from|im|age)\b)")
_OWN_AGE = re.compile(r"(?i)\b(?:i['’]?m|i\s+am)\s+(\d{2})(?=\s*(?:[.,;!)]|$)|\s+(?:and|years?\s+old|"
                      r"y/?o|yrs?\s+old|still|now)\b)")
_NOT_MY_NAME = frozenset(re.findall(r"\S+", """not important irrelevant unimportant anonymous
private confidential withheld the a an of and just only also"""))
_NO_PERSON = re.compile(r"(?i)\b(?:web\s*site|website|web|form|portal|no-?reply|notifications?|system|"
                        r"mychart|online)\b")
_CAPITALISED = re.compile(rf"\b[{_UP}][{_LOW}]{{2,}}\b")
_NICKNAMED = re.compile(rf"\b([{_UP}][{_LOW}]+)\s+[\"“(]([{_UP}][{_LOW}]+)[\"”)]\s+([{_UP}][{_LOW}]+)\b")
# first names that are also everyday words at the start of a sentence
_COMMON_WORDS = frozenset(re.findall(r"\S+", """
will may june april august grace hope faith joy rose dawn art mark bill pat rich frank chase
miles guy sunny summer autumn iris ivy holly eve sky star rob sue don gene ray bob jack
"""))


def named_first_names(words: frozenset[str], theirs: PatientMarks, key: bytes) -> bool:
    """Whether one of a letter's capitalised ``words`` (clear: those in its subject or
    written twice, see :func:`marks_of`) is the first name of an open case's patient
    (``theirs``, hashed)."""
    return bool(theirs.first_names) and not _hs(_forms(sorted(words)[:80]), key).isdisjoint(
        theirs.first_names)


def _forms(first_names: Iterable[str]) -> set[str]:
    """First names with the full names they are short forms of (Ollie: Oliver), hashed
    and stored so, so that "Ollie" finds the case of "Oliver" and "Peggy" that of "Maggie"."""
    return {f for n in first_names for f in given_name_forms(n)}


def letter_year(date_header: str) -> int | None:
    """The year of a Date header (None if it has none or it cannot be read)."""
    when = letter_month(date_header)
    return when[0] if when else None


def letter_month(date_header: str) -> tuple[int, int] | None:
    """The year and month of a Date header (None if it has none or it cannot be read)."""
    try:
        date = parsedate_to_datetime(date_header) if date_header else None
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    return (date.year, date.month) if date else None


def _ages_from_birth(dobs: frozenset[str], year: int) -> frozenset[int]:
    """The ages (before and after this year's birthday) of each date of birth."""
    ages = set()
    for dob in dobs:
        born = int(dob.rsplit("-", 1)[1])
        if born < 100:  # "12.07.64"
            born += 2000 if born <= year % 100 else 1900
        if 0 < year - born < 110:
            ages |= {year - born - 1, year - born} - {0}
    return frozenset(a for a in ages if 0 < a < 100)


# (learnt from dev-z98) a relative typing on a phone names the patient in lower case after
# the kinship word: "my dad (frank moreno, 68)", "my dad frank moreno??", "franks son (frank
# moreno, my sister ...)", "my wife is peggy delahunt and dr ramanathan": a known given name,
# then a family name, then punctuation, a number, the line's end or a short word ("and",
# "who"; not "my dad will be"); written capitalised for the name patterns
_LOWER_KIN_NAME = re.compile(
    r"\b(?i:dad|father|mom|mum|mother|husband|wife|son|daughter|brother|sister|grandpa|grandma|"
    r"grandfather|grandmother|uncle|aunt|papa|mama)(?:[ \t]+is)?[ \t]*(?:\([ \t]*)?([a-z]{3,})[ \t]+"
    r"([a-z]{3,})(?=[ \t]*(?:[,?!.)]|\d|$)|[ \t]+(?:and|who|has|had|is|was|from|at|in|with)\b)",
    re.MULTILINE)
# (learnt from dev-za1) a phone letter signed in lower case on a line of its own: "mike
# delacroix"
_LOWER_SIGNED = re.compile(r"^[ \t]*([a-z]{3,})[ \t]+([a-z]{3,})[ \t]*$", re.MULTILINE)
_NOT_LOWER_SURNAMES = frozenset(re.findall(r"\S+", """
too now again here there today tonight yesterday tomorrow also please pls plz thanks thx
anymore still yet already though either ever soon later lately much more less well back home
sick ill worse better fine okay asap yes not either
was were has had have who whom whose and but nor for with from into will would can could
did does doing got gets get went goes going came comes come said says say told tells needs
wants likes lives lived died passed just really only never always also even then been being
the that this these those his her him she they them their our your its are isnt wasnt doesnt
didnt cant wont hasnt hadnt payment payments call calls down update info question request
form forms drug trial study help news report results list
"""))


def _verb_like(word: str) -> bool:
    """A lower-case word that reads as a verb or an adverb ("emailed", "looking", "finally"),
    not a name, after "dr" or a kinship word."""
    return len(word) > 4 and word.endswith(("ed", "ing", "ly"))


def _capitalised_name(m: re.Match[str]) -> str:
    first, last = m.group(1), m.group(2)
    if not known_given_name(first) or last in _NOT_LOWER_SURNAMES or last in _NOT_NAMES \
            or (known_given_name(last) and last in _COMMON_WORDS) \
            or _verb_like(last):
        return m.group(0)
    return (m.group(0)[:m.start(1) - m.start()] + first.capitalize()
            + m.group(0)[m.end(1) - m.start():m.start(2) - m.start()] + last.capitalize())


# (learnt from dev-z98) a phone's subject that is only the patient's name in lower case:
# "ray delgado"
_LOWER_SUBJECT_NAME = re.compile(r"(?:(?i:re|fw|fwd|aw|wg|sv)\s*:\s*)*([a-z]{3,})\s+([a-z]{3,})\s*")


def _subject_name(subject: str) -> str:
    """The subject's lower-case full name, capitalised, on a line of its own ("" if none)."""
    m = _LOWER_SUBJECT_NAME.fullmatch(subject)
    if m is None or _capitalised_name(m) == m.group(0):
        return ""
    return f"{m.group(1).capitalize()} {m.group(2).capitalize()}\n"


def patient_marks(text: str, limit: int = 2_500) -> PatientMarks:
    text = text[:limit]
    if '"' in text or "“" in text or "(" in text:
        # (learnt from dev-z78) 'Dolores "Dee" Fairbanks': the full name, and the nickname's
        text = _NICKNAMED.sub(r"\1 \3 (\2 \3)", text)
    may = _GATE.mask(text)  # (which of the rarer patterns may match: one RE2 pass)
    lowered = text
    for rx in (_LOWER_KIN_NAME, _LOWER_SIGNED):  # (lower-case names: capitalised first)
        if any(True for _ in _GATE.finditer(rx, lowered, may)):
            lowered = rx.sub(_capitalised_name, lowered)
    if lowered != text:
        text, may = lowered, _GATE.mask(lowered)
    ages = _ages(text, may)
    initials = {"".join(g for g in m.groups() if g) for m in _GATE.finditer(_INITIALS, text, may)
                if not _place_or_company(text, m)}
    surnames = {n for m in _GATE.finditer(_SURNAME, text, may) for n in m.groups() if n} \
        - _NOT_SURNAMES
    dob = {re.sub(r"[/.\-]", "-", m.group(1)) for m in _DOB.finditer(text)} \
        if _DATE.search(text) else set()  # (no date, no date of birth: the common, cheap case)
    dx = diagnoses(text)
    found = list(_TWO_PARTS.finditer(text))
    # "Frau Sabine Krüger", "Herr Thomas Krüger" (a title with no full stop): the name
    # after the title too, not only the title and the first name
    found += [n for m in found if m.group(1).lower() in _TITLE_WORDS | _KIN_NOUNS
              and (n := _TWO_PARTS.match(text, m.start(2))) is not None]
    pairs = [(m.group(1), m.group(2)) for m in found]
    titled = [[m.group(1), m.group(2)] for m in found  # ("Mr. Mohammed Alharbi": for spellings)
              if _TITLE_BEFORE.search(text, max(0, m.start() - 12), m.start())]
    names = {f"{a} {b}" for a, b in pairs  # (not "Jenna Jenna": a sign-off and its signature)
             if a.lower() not in _NOT_NAMES and b.lower() not in _NOT_NAMES and a != b}
    parts = [[a, b] for a, b in pairs if a != b] + [list(m.groups()) for m in
                                                    _GATE.finditer(_THREE_NAMES, text, may)]
    caps = [m.group(1).split() for m in _GATE.finditer(_CAPS_NAME, text, may)]  # (a title before)
    mixed = [(m, [m.group(1), *m.group(2).split()] if m.group(1) else [m.group(3), m.group(4)])
             for m in _GATE.finditer(_MIXED_NAME, text, may)]
    # (only after a title: "ASCT Ewing" or "ECOG Waldenstrom" in a clinical summary is no name)
    caps += [p for m, p in mixed if _TITLE_BEFORE.search(text, max(0, m.start() - 12), m.start())]
    cued_pairs = [[m.group(1), m.group(2)] for m in _GATE.finditer(_CUED_NAME, text, may)]
    of = [[n for n in m.groups() if n] for m in _CUED_OF.finditer(text)] \
        if " d" in text or " of " in text else []
    cued_pairs += [p for p in of if len(p) == 2]  # (three: only its forms, never two of them)
    if "'s " in text or "’s " in text:
        cued_pairs += [[m.group(1), m.group(2)] for m in _CUED_POSSESSIVE.finditer(text)]
    cued_parts = [p for p in cued_pairs + caps + of if _may_be_name(p)]
    forms = {f for p in parts + caps if _may_be_name(p) for f in _full_first(p)}
    cued_forms = {f for p in cued_parts for f in _full_first(p)}
    cued = {f"{a} {b}" for a, b in cued_pairs} & names
    doctors = set()
    for m in _GATE.finditer(_DOCTOR, text, may):
        name = m.group(1).lower()
        if name in _NOT_NAMES:
            continue
        doctors.add(name)
        if name.endswith("s") and len(name) > 3 and _POSSESSED.match(text, m.end()):
            doctors.add(name[:-1])  # "hes Dr Patels patient" (dev-z93): no apostrophe
    doctors |= {n for m in _GATE.finditer(_LOWER_DOCTOR, text, may) if (n := m.group(1))
                not in _NOT_LOWER_DOCTORS and n not in _NOT_NAMES
                and not _verb_like(n)}
    # (the cue words in any case, "My son Noah", "Mutter von Lena"; the name capitalised)
    first = _first_names(text, may) | {c.split()[0] for c in cued}
    return PatientMarks(frozenset(ages), frozenset(i for i in initials if len(i) == 2),
                        frozenset(surnames), frozenset(names), frozenset(cued), frozenset(dob),
                        frozenset(dx), doctors=frozenset(doctors),
                        first_names=frozenset(f for f in first if f.lower() not in _NOT_NAMES),
                        name_forms=frozenset(forms), cued_forms=frozenset(cued_forms),
                        spellings=frozenset(spelling(p) for p in cued_parts + titled
                                            if _may_be_name(p)))


def _may_be_name(parts: list[str]) -> bool:
    """No part of it is a word that is no name ("Medical Center"; a place that is also a
    family name, "Park", may be)."""
    return not any(w.lower() in _NOT_NAME_PARTS for w in parts)


_JOINED = frozenset({"al", "el", "abu", "bin", "ibn", "van", "von", "de", "da", "di", "le", "la"})


def spelling(words: list[str]) -> str:
    """A full name by its first and last name's consonants, in any order ("Muhammad Al-Harbi",
    "Mohamed Al Harbi", "Mohammed Abdullah Alharbi": alhrb|mhmd): the spellings of one name
    in another script's transliterations."""
    parts: list[str] = []
    for w in (unicodedata.normalize("NFKD", x).encode("ascii", "ignore").decode().lower()
              .replace("-", "").replace("'", "") for x in words):
        if parts and parts[-1] in _JOINED:
            parts[-1] += w
        else:
            parts.append(w)
    ends = [p for p in (parts[0], parts[-1]) if p] if parts else []

    def key(p: str) -> str:
        out = p[0] + "".join(c for c in p[1:] if c not in "aeiouy")
        return re.sub(r"(.)\1+", r"\1", out)
    return "|".join(sorted(key(p) for p in ends))


def _full_first(words: list[str]) -> set[str]:
    """:func:`order_free` forms of a name, and of it with its first name's full forms: (learnt
    from dev-za4) "deb kowalski" signs her letter, her new doctor writes "My patient Deborah
    Kowalski"; "Peggy Delahunt" is "Margaret Delahunt" (a hint a second mark must confirm,
    as every name form is)."""
    forms = order_free(words)
    if len(words) == 2:
        first = words[0].lower()
        for full in sorted(given_name_forms(first) - {first})[:8]:
            forms |= order_free([full, words[1]])
    return forms


def order_free(words: list[str]) -> set[str]:
    """A full name's forms in any order: its parts lower case and without hyphens, sorted
    ("Park Ji-hoon" and "Jihoon Park": jihoon|park); of three parts, also with the middle
    part joined to either neighbour or dropped ("PARK JI HOON": jihoon|park, "Nguyen Thi
    Mai": mai|nguyen)."""
    w = [x.replace("-", "").replace("'", "").replace("’", "").lower() for x in words]
    forms = {"|".join(sorted(w))}
    parts = words[1].split("-") if len(words) == 2 else []
    if len(parts) > 1 and all(len(p) >= 3 and p[:1].isupper() for p in parts):
        # (learnt from dev-z81) a double family name: "Margaret Hollis-Delgado" is also
        # Margaret Delgado (and Margaret Hollis) to her family and friends
        # (not "Park Ji-hoon", a given name written second)
        forms |= {"|".join(sorted((w[0], part.lower()))) for part in parts}
    if len(w) == 3:
        forms |= {"|".join(sorted(p)) for p in ((w[0], w[1] + w[2]), (w[0] + w[1], w[2]),
                                                 (w[0], w[2]))}
    elif len(w) == 4:
        forms.add("|".join(sorted((w[0], w[3]))))
    return forms


def sender_link(sender_name: str, requester_name: str, mine: PatientMarks,
                theirs: PatientMarks, key: bytes,
                misspelt: bool = False) -> tuple[str, bool] | None:
    """A link between two letters through the people who wrote them: the new
    sender is named in the open case's letter (the patient's doctor writing
    after the family did), or the new letter names the open case's requester's
    family name and the same diagnosis (a son writing after his mother did)."""
    if contradicts(mine, theirs):
        return None  # a link through people, but the letters describe different patients
    me = person_name(sender_name)
    if me and _named(me, key, theirs.names):
        return "the sender is named in its letter", True
    if me and _hit(_family(me), key, theirs.doctors) and (
            mine.diagnoses & theirs.diagnoses or mine.ages & theirs.ages):
        return "the sender is the doctor its letter names, same age or diagnosis", True
    them = person_name(requester_name)
    if them and _hit(them, key, mine.names):
        return "names its requester", True  # a wife writes about her husband's request
    treating = names_requester_as_doctor(requester_name, mine, theirs, key)
    if treating and (mine.ages & theirs.ages or mine.diagnoses & theirs.diagnoses):
        # a daughter writes that "Dr. Brenner" treated her father, of Dr. Brenner's case
        return "names its requester as the treating doctor, same age or diagnosis", True
    if treating and (
            _name_initials(mine, theirs) or (mine.initials and mine.initials <= theirs.initials)
            or (mine.first_names and mine.first_names <= theirs.first_names)
            or (mine.families & theirs.families) - mine.doctors - theirs.doctors):
        # (learnt from dev-z76) "my husband Richard Moreno ... Dr. Whitfield" about Dr.
        # Whitfield's case of patient R.M.; "Maya ... Dr. Whitcombe" about his case of Maya:
        # the doctor and the patient's own initials or first name, two marks; (learnt from
        # dev-za2) or the patient's family name: "my wife is peggy delahunt and dr
        # ramanathan ... sent you a request" about her case of Margaret Delahunt
        return "names its requester as the treating doctor, and the patient's initials, " \
               "first name or family name", True
    if treating:
        # "my father Jan, patient of dr. Smit": not enough alone (Dr. Smit may have other
        # patients), enough with a follow-up phrase ("my mother emailed you")
        return "names its requester as the treating doctor", False
    if misspelt and not contradicts(mine, theirs) and (
            _name_initials(mine, theirs) or (mine.initials and mine.initials <= theirs.initials)
            or (mine.first_names and mine.first_names <= theirs.first_names)):
        # "Dr Ramen gave me this email ... Tom Parker" of Dr. Raman's case of T.P.: a link for
        # a human (or a follow-up phrase) to confirm, never enough alone
        return "names its requester, misspelt, as the treating doctor, and the patient's " \
               "initials or first name", False
    if them:
        family = them.split()[-1]
        if _hit(_family(them), key, mine.families) and family.lower() not in _NOT_NAMES and \
                (mine.diagnoses & theirs.diagnoses):
            # with the same patient's full name in both letters too, three marks agree
            return ("its requester's family name, diagnosis "
                    f"{sorted(mine.diagnoses & theirs.diagnoses)[0]}"
                    + (", and a full name" if mine.names & theirs.names else "")), \
                bool(mine.names & theirs.names)
    return None


def _full_forms(person: str) -> list[str]:
    """A person's name with its first name's full forms ("Becky Lindqvist": "rebecca
    Lindqvist", ...): how a physician's letter names the patient who writes herself."""
    first, _, rest = person.partition(" ")
    forms = given_name_forms(first) | short_name_forms(first)  # (Becky: Rebecca; Michael: Mike)
    return [f"{form} {rest}" for form in sorted(forms)[:16] if form != first.lower()]


def _named(person: str, key: bytes, names: frozenset[str]) -> bool:
    """A person's full name among hashed names, or with the first name as its full form:
    (learnt from dev-z88) "Becky Lindqvist" writes about herself, the case's letter named
    "Rebecca Lindqvist"; (learnt from dev-z81) or one part of the letter's double family name:
    "Margaret Delgado" writes, the case's letter named "Margaret Hollis-Delgado"."""
    return _hit(person, key, names) or any(_hit(f, key, names) for f in _full_forms(person)) \
        or any(_hit(f, key, names) for f in order_free(person.split()))


def _differ(a: PatientMarks, b: PatientMarks) -> bool:
    """Both letters give an age (or initials) and none is shared: another patient."""
    return bool((a.ages and b.ages and not a.ages & b.ages)
                or (a.initials and b.initials and not a.initials & b.initials))


def another_patient(a: PatientMarks, b: PatientMarks) -> bool:
    """(learnt from dev-z81, and its review) A letter about another patient than an open
    case's, for a request-like letter from the case's own requester: other initials (both
    give some, none shared), or both a different age (by more than a birthday) and a
    different diagnosis. Marks a letter only adds ("he turned 74; it has transformed") or
    one changed mark are no other patient."""
    if a.initials and b.initials and not a.initials & b.initials:
        return True
    older = bool(a.ages and b.ages and not any(abs(x - y) <= 1 for x in a.ages for y in b.ages))
    return older and bool(a.diagnoses and b.diagnoses and not a.diagnoses & b.diagnoses)


def contradicts(a: PatientMarks, b: PatientMarks) -> bool:
    """Two letters that give different ages, initials or diagnoses (each giving some):
    about different patients, whoever wrote them (a physician with two open cases)."""
    return _differ(a, b) or bool(a.diagnoses and b.diagnoses and not a.diagnoses & b.diagnoses)


def _name_initials(a: PatientMarks, b: PatientMarks) -> frozenset[str]:
    return (a.name_initials & b.initials) | (a.initials & b.name_initials)


def agreement(a: PatientMarks, b: PatientMarks) -> int:
    """How many kinds of mark two letters share (to rank links to several open cases)."""
    return sum(bool(x & y) for x, y in ((a.ages, b.ages), (a.initials, b.initials),
                                        (a.diagnoses, b.diagnoses), (a.surnames, b.surnames),
                                        (a.names, b.names), (a.dob, b.dob),
                                        (a.doctors, b.doctors)))


def names_requester_as_doctor(requester_name: str, mine: PatientMarks, theirs: PatientMarks,
                              key: bytes) -> bool:
    """Whether a letter names an open case's requester as the patient's doctor ("I'm the
    patient Dr. Farrow wrote to you about", of Dr. Farrow's case)."""
    them = person_name(requester_name) if mine.doctors else None
    return bool(them and _doctor_keys(them, theirs, key) & mine.doctors)


def colleague_link(sender_addr: str, requester_addr: str, requester_name: str,
                   mine: PatientMarks, theirs: PatientMarks, key: bytes) -> str | None:
    """A colleague of the open case's requester writes about "Dr. Adeyemi's patient": the
    letter names the requester as a doctor, from the requester's own institution's mail
    domain (not a free-mail one), and no age, initials or diagnosis contradicts."""
    if not names_requester_as_doctor(requester_name, mine, theirs, key) or contradicts(mine, theirs):
        return None
    domain = institution_domain(sender_addr)
    if domain is None or domain != institution_domain(requester_addr):
        return None
    return "names its requester as the doctor, from the requester's institution"


# consumer mail services: a shared one says nothing about two people working together
_FREE_MAIL = frozenset(re.findall(r"\S+", """
gmail googlemail yahoo ymail hotmail outlook live msn icloud me mac aol gmx web t-online
orange wanadoo free laposte sfr libero virgilio tiscali alice wp o2 onet interia proton
protonmail mail yandex comcast verizon att bellsouth charter frontier cox sbcglobal
btinternet sky ziggo kpnmail planet uol bol terra sapo telefonica movistar seznam zoho
mailbox posteo freenet arcor bluewin
"""))


def institution_domain(addr: str) -> str | None:
    """The mail domain of an address when it is an institution's, not a free-mail service's."""
    domain = addr.rpartition("@")[2].lower()
    if "." not in domain or domain.split(".")[0] in _FREE_MAIL:
        return None
    return domain


def family_link(sender_name: str, requester_name: str) -> bool:
    """The sender shares the open case's requester's family name: the requester re-sending
    from another account under another display name, or a relative. Weak (strangers share
    family names too): it attaches only mail that says it is a re-send from another
    address, and never makes a possible-duplicate link."""
    me, them = person_name(sender_name), person_name(requester_name)
    return bool(me and them and me != them and _family(me) == _family(them)
                and _family(me) not in _NOT_NAMES)


def named_relative(sender_name: str, theirs: PatientMarks, key: bytes) -> bool:
    """Whether the sender's given name is a first name the open case's letter introduced
    (``theirs``, hashed): "my husband Ryan" in the mother's letter, then Ryan Kowalczyk
    writes from his own address."""
    me = person_name(sender_name)
    if not me or not theirs.first_names:
        return False
    return not _hs(_forms({me.split()[0]}), key).isdisjoint(theirs.first_names)


def _family(name: str) -> str:
    return name.split()[-1].lower()


def _families(name: str) -> set[str]:
    """A name's family name and, of a double one, each part ("Hollis-Dunn": "Mrs. Dunn" too,
    learnt from dev-zb6)."""
    family = _family(name)
    return {family, *(p for p in family.split("-") if len(p) > 2)}


def _doctor_keys(them: str, theirs: PatientMarks, key: bytes) -> set[str]:
    """The requester's family name as a letter would write "Dr. X", hashed: the display
    name's last word, or its first when the case's own letter signs the name the other way
    round ("Bellandi Chiara" signs "Chiara Bellandi")."""
    words = them.split()
    first, last = words[0], words[-1]
    keys = set(_hv(last, key))
    if _hit(f"{last} {first}", key, theirs.names):
        keys |= _hv(first, key)
    return keys


def _skeleton(family: str) -> str:
    """A doctor's family name as families misspell it: its consonants, doubles once, in a
    form no name has ("~rmn" of "raman" and "ramen", learnt from dev-zb4); "" for a name
    too short to tell (under five letters or three consonants)."""
    plain = unaccented(family.lower())
    if len(plain) < 5:
        return ""
    consonants = re.sub(r"(.)\1+", r"\1", re.sub(r"[^b-df-hj-np-tv-z]", "", plain))
    return f"~{consonants}" if len(consonants) >= 3 else ""


def misspelt_doctor(requester_name: str, doctors: frozenset[str]) -> bool:
    """Whether a letter's doctors (IN CLEAR) name the requester's family name misspelt by one
    letter with the same consonants ("Dr Ramen" of Dr. Raman, learnt from dev-zb4): a hint
    only, as "Hanson" and "Hansen" are two doctors too (the review of session 25)."""
    them = person_name(requester_name)
    if not them:
        return False
    family = unaccented(them.split()[-1].lower())
    sound = _skeleton(family)
    return bool(sound) and any(
        d != family and _skeleton(d) == sound and d[0] == family[0] and len(d) == len(family)
        and sum(a != b for a, b in zip(d, family, strict=True)) == 1
        for d in map(unaccented, doctors))


def sound_probes(doctors: frozenset[str], key: bytes) -> set[str]:
    """The keys :func:`sound_keys` indexed, of a letter's doctors (IN CLEAR)."""
    return {f"r:{h}" for d in doctors if (sound := _skeleton(unaccented(d)))
            for h in _hv(sound, key)}


def sound_keys(requester_name: str, key: bytes) -> set[str]:
    """The requester's family name by its consonants, hashed: a key under which a letter that
    misspells the doctor finds the case (compared by :func:`misspelt_doctor`)."""
    them = person_name(requester_name)
    sound = _skeleton(unaccented(them.split()[-1].lower())) if them else ""
    return set(_hv(sound, key)) if sound else set()


@lru_cache(maxsize=16_384)  # a letter's marks are compared with many cases
def _h(value: str, key: bytes) -> str:
    """A name's keyed hash, accents folded: "Lucía Fernández" from Madrid and "Lucia
    Fernandez" from a phone in Miami are one name (learnt from dev-z72)."""
    return _h_as_written(unaccented(value), key)


@lru_cache(maxsize=16_384)
def _h_as_written(value: str, key: bytes) -> str:
    """The hash as marks were stored before accents were folded (kept beside the folded
    one, so the open cases of an older log still match)."""
    return hmac.new(key, value.lower().encode(), hashlib.sha256).hexdigest()[:16]


def _hv(value: str, key: bytes) -> frozenset[str]:
    """Both hashes of a name (one if it has no accent)."""
    return frozenset({_h(value, key), _h_as_written(value, key)})


def _hit(value: str, key: bytes, hashes: frozenset[str]) -> bool:
    """Whether a name is among hashed marks, accents folded or as written."""
    return not _hv(value, key).isdisjoint(hashes)


def _hs(values: frozenset[str] | set[str], key: bytes) -> frozenset[str]:
    return frozenset(h for v in values for h in _hv(v, key))


def index_keys(marks: PatientMarks, requester_name: str, key: bytes) -> set[str]:
    """Keys under which an open case is found by :func:`probe_keys` of a later
    letter (so the store compares a letter with a few candidates, not every case)."""
    keys = {f"n:{n}" for n in marks.names} | {f"i:{i}" for i in marks.initials | marks.name_initials}
    keys |= {f"s:{s}" for s in marks.surnames | marks.families}
    keys |= {f"a:{a}" for a in marks.ages} | {f"d:{d}" for d in marks.dob}
    keys |= {f"t:{t}" for t in marks.doctors} | {f"f:{f}" for f in marks.first_names}
    keys |= {f"k:{k}" for k in marks.spellings}
    requester = person_name(requester_name)
    if requester:
        keys |= {f"r:{k}" for k in _doctor_keys(requester, marks, key)}
        keys |= {f"r:{k}" for k in sound_keys(requester_name, key)}
        keys |= {f"p:{h}" for h in _hv(requester, key)}
    return keys


def role_like(display_name: str) -> bool:
    """"Clinical Trials Office", "Pharmacy Team": a role's display name, not a person's."""
    return any(w.lower() in _NOT_NAMES for w in re.findall(r"[^\W\d_]+", display_name))


def requester_keys(display_name: str, key: bytes) -> tuple[str, ...]:
    """The index keys (see :func:`index_keys`) of the cases this person requested (none
    without a full name)."""
    me = person_name(display_name)
    return tuple(sorted(f"p:{h}" for h in _hv(me, key))) if me else ()


def probe_keys(marks: PatientMarks, sender_name: str, key: bytes) -> set[str]:
    """Keys of the open cases that may be this letter's patient (a superset)."""
    keys = index_keys(marks, "", key) - {f"a:{a}" for a in marks.ages}  # an age alone is common
    keys |= {f"r:{f}" for f in marks.families} | {f"p:{n}" for n in marks.names}
    keys |= {f"r:{d}" for d in marks.doctors}  # "Dr. Adeyemi's patient": his open case
    me = person_name(sender_name)
    if me:
        mine, family = _hv(me, key), _hv(_family(me), key)
        keys |= {f"n:{h}" for f in (*_full_forms(me), *order_free(me.split()))
                 for h in _hv(f, key)}  # (see _named)
        keys |= {f"n:{h}" for h in mine}
        keys |= {f"p:{h}" for h in mine}  # the same requester writing from another address
        keys |= {f"r:{h}" for h in family}  # the same requester under another display name
        keys |= {f"t:{h}" for h in family}  # the doctor a family's letter named
    return keys


def same_patient(a: PatientMarks, b: PatientMarks) -> tuple[str, bool] | None:
    """``(the agreeing marks, decisive)`` when ``a`` and ``b`` likely name one
    patient, else None; decisive: a date of birth, a patient's full name or three
    marks agree (enough to attach a letter that does not say it follows up).

    A date of birth alone suffices; otherwise at least two different marks
    must agree and weigh 4 (a patient's full name 3, surname 3, initials 2, age 2,
    another shared name or a diagnosis 1) —
    or a patient's full name alone ("my mother Margaret Okafor") — and
    no age may contradict (both give ages, none shared).
    """
    if a.dob & b.dob:
        return "date of birth", True
    if _differ(a, b):
        return None  # a different age or different initials: another patient
    agree: list[str] = []
    weight = 0
    cued = (a.cued & b.names) | (a.names & b.cued)
    for name, w, shared in (("name", 3, cued),
                            ("shared name", 1, (a.names & b.names) - cued),
                            ("surname", 3, a.surnames & b.surnames),
                            ("initials", 2, a.initials & b.initials),
                            ("initials of a name", 2, _name_initials(a, b) - (a.initials & b.initials)),
                            ("first name", 2, a.first_names & b.first_names),
                            ("age", 2, {str(x) for x in a.ages & b.ages}),
                            ("treating doctor", 2, a.doctors & b.doctors),
                            ("diagnosis", 1, a.diagnoses & b.diagnoses)):
        if shared:
            weight += w
            agree.append(f"{name} {sorted(shared)[0]}" if name in _SHOWN else name)
    if (weight >= 4 and len(agree) >= 2) or cued:
        return ", ".join(agree), bool(cued) or len(agree) >= 3
    return None


def near_patient(a: PatientMarks, b: PatientMarks) -> str | None:
    """Less than :func:`same_patient`, enough to open a letter LINKED to a case for a human
    to reconcile (never to attach it): one of the patient's own names (first name, surname,
    initials) and one more mark agree ("my son Oliver" with glioma; "Oliver H., DOB ...,
    glioma" from his consultant), and nothing contradicts (age, initials, diagnosis)."""
    if contradicts(a, b):
        return None
    named = [name for name, shared in (
        ("name", (a.cued & b.names) | (a.names & b.cued)), ("surname", a.surnames & b.surnames),
        ("initials", a.initials & b.initials), ("first name", a.first_names & b.first_names),
        ("a name spelt otherwise", a.spellings & b.spellings))
        if shared]
    more = [name for name, shared in (("age", a.ages & b.ages), ("treating doctor", a.doctors & b.doctors),
                                      ("diagnosis", a.diagnoses & b.diagnoses)) if shared]
    if _name_initials(a, b) and set(more) - {"diagnosis"}:
        # (a full name's initials are a guess: with an age or the doctor, not a diagnosis alone)
        named.append("initials of a name")
    kinds = named + more
    return ", ".join(kinds) if named and len(kinds) >= 2 else None


def same_own_patient(a: PatientMarks, b: PatientMarks) -> str | None:
    """For a sender's own open case, less is needed: any agreeing mark, a
    diagnosis included, and no contradicting age or initials (a diagnosis may be told
    otherwise: "lymphoplasmacytic lymphoma" of a WM case, a transformation)."""
    if _differ(a, b):
        return None
    found = same_patient(a, b)
    if found:
        return found[0]
    # (learnt from dev-z78) "Update on Mr. Jensen" from the requester of Harold Jensen's case:
    # a surname is the family name of the other letter's full name too
    surname = (a.surnames & (b.surnames | b.families)) | (a.families & b.surnames)
    for name, shared in (("name", a.names & b.names), ("surname", surname),
                         ("initials", a.initials & b.initials),
                         ("first name", a.first_names & b.first_names),
                         ("age", {str(x) for x in a.ages & b.ages}),
                         ("diagnosis", a.diagnoses & b.diagnoses)):
        if shared:
            return f"{name} {sorted(shared)[0]}" if name in _SHOWN else name
    return None


_SHOWN = ("age", "diagnosis")  # names, initials and dates of birth are hashes: named by kind


# the patient marks' rarer patterns, gated together (bot/classify/twins.py)
_GATE = twin_gate((_INITIALS, _SURNAME, _CAPS_NAME, _CUED_NAME, _DOCTOR, _MIXED_NAME, _THREE_NAMES,
                   _AGE_BRACKETS, _AGE_COMMAS, _AGE_VERB, _AGE_NUMBER, _AGE_WORDS, _FIRST_NAME,
                   _AFTER_FIRST, _LOWER_KIN_NAME, _LOWER_SIGNED, _LOWER_DOCTOR))
