"""The two flags that cut across categories: emergency, adverse event.  [pure]"""

from __future__ import annotations

import re
from collections.abc import Callable

from bot.classify.lexicon import DEATH_WORDS
from bot.classify.rules import Rules
from bot.classify.scan import Scan, gated
from bot.model import Reason

_URGENT = gated(re.compile(r"\b(?:urgent\w*|dringend\w*|urgente\w*|urgence|asap|eilig\w*|pilne|pilnie|"
                           r"spoed\w*|urgencia)\b", re.IGNORECASE))
# "not urgent", "nicht dringend", "no es urgente", "pas urgent", "non urgente"
_NOT_BEFORE = re.compile(r"(?i)\b(?:not|no|nicht|kein\w*|pas|non|nie|niet)\s+(?:\w+\s+)?$")
# the thing due within days is a decision or an answer (not paperwork)
_ANSWER = re.compile(r"(?i)\b(?:decision|decide|answer|response|respond|reply|hear\s+from|"
                     r"entscheid\w*|antwort\w*|rückmeldung|decyzj\w*|odpowied\w*|respuesta|decisi[óo]n|"
                     r"decidir|réponse|décision|décider|risposta|decisione|decidere|resposta|decisão|"
                     r"beslissing|antwoord)\b")
# An answer or a decision needed within days (with an urgent word: an emergency).
_SOON = gated(re.compile(
    r"\b(?:within|in)\s+(?:the\s+)?(?:next\s+)?(?:few|couple\s+of|two|three|2|3)\s+days\b|"
    r"\bby\s+(?:this\s+)?(?:monday|tuesday|wednesday|thursday|friday|the\s+end\s+of\s+(?:the|this)\s+week)\b|"
    r"\bbis\s+(?:spätestens\s+)?(?:montag|dienstag|mittwoch|donnerstag|freitag|ende\s+der\s+woche)\b|"
    r"\binnerhalb\s+(?:der\s+nächsten|weniger)\s+tage\b|\ben\s+los\s+próximos\s+días\b|"
    r"\bw\s+ciągu\s+(?:kilku|najbliższych)\s+dni\b|\bdans\s+les\s+(?:prochains|quelques)\s+jours\b|"
    r"\bentro\s+(?:pochi|qualche|i\s+prossimi)\s+giorni\b|\bnos\s+próximos\s+dias\b|"
    r"\bbinnen\s+(?:enkele|een\s+paar)\s+dagen\b", re.IGNORECASE))
_EXPLICIT_AE = gated(re.compile(
    r"\b(?:adverse\s+(?:event|reaction)|side[\s\-]effects?|serious adverse|"
    r"\bSAE\b|nebenwirkung\w*|efectos?\s+adversos?|effets?\s+indésirables?|"
    r"evento\s+avverso|acontecimiento\s+adverso|acontecimentos?\s+advers[oa]s?|evento\s+adverso|bijwerking\w*|effetti\s+collaterali|efectos\s+secundarios|effets\s+secondaires|efeitos\s+(?:colaterais|secundários|adversos)|działani\w+\s+niepożądan\w+|événement\s+indésirable|"
    r"unerwünschte[sn]?\s+ereignis|zdarzeni\w+\s+niepożądan\w+|ongewenst\w*\s+voorval|"
    r"\bAE[\s\-]+(?:page|form|formulier|formular|formulaire|formulario|log|crf|report|melding|meldung)|causality\s+\(?(?:possibly|probably|definitely)\s+related)",
    re.IGNORECASE))


# "what are the side effects", "the known adverse events", "side effects to expect": a
# question about the drug's profile, not a report of something that happened
_GENERAL_BEFORE = re.compile(
    r"(?i)\b(?:what|which|known|possible|potential|expected|common|usual|typical|any|"
    r"risks?\s+of|profile\s+of|information\s+(?:on|about)|data\s+on|(?:to\s+)?report(?:ing)?|"
    r"monitor(?:ing)?\s+for|(?:months|years|weeks)\s+of|"
    r"welche|welke|quali|quels?|quelles?|cuáles|qu[ée]|quais|bekannte\w*|possibili|posibles|possíveis|"
    r"ci\s+sono|hay|gibt\s+es|y\s+a-t-il|are\s+there|is\s+there|jakie|wat\s+zijn\s+de)"
    r"\s+(?:\w+\s+){0,3}$")
_GENERAL_AFTER = re.compile(
    r"(?i)\s*(?:profile|to\s+expect|should\s+(?:we|i|he|she)\s+expect|can\s+(?:we|i)\s+expect|"
    r"(?:are|were)\s+(?:known|reported|expected|common))")


def _general_question(text: str, m: re.Match[str]) -> bool:
    return bool(_GENERAL_BEFORE.search(text, max(0, m.start() - 60), m.start())
                or _GENERAL_AFTER.match(text, m.end()))


def _scan(text: str | Scan, rules: Rules) -> Scan:
    return text if isinstance(text, Scan) else rules.scan(text)


# (learnt from dev-z83) the family withdraws the request ("we have decided on hospice care at
# home ... Please close the request"): nothing is left for anyone to hurry. Not a question
# ("should we withdraw the request and re-submit?") nor negated ("please don't let them
# close the request", "no queremos retirar la solicitud") — see _withdraws_request
_WITHDRAWS_REQUEST = gated(re.compile(
    r"(?i)\b(?:close\s+(?:out\s+)?(?:the|this|our|his|her|my)\s+(?:\w+\s+)?(?:request|case|file)|"
    # (learnt from dev-za6: "consider our expanded access request for him withdrawn")
    r"withdraw\s+(?:the|this|our|his|her|my)\s+(?:[\w\-]+\s+){0,3}request|consider\s+(?:the|this|our|"
    r"his|her|my)\s+(?:[\w\-]+\s+){0,3}request\s+(?:for\s+(?:him|her|them|the\s+patient)\s+)?"
    r"(?:withdrawn|closed|cancell?ed)|retir(?:ar|amos)\s+(?:la|"
    r"nuestra)\s+solicitud|(?:anfrage|antrag)\s+zurück(?:ziehen|zuziehen|gezogen)|retirer\s+(?:la|notre)\s+"
    r"demande|ritirare\s+la\s+richiesta|retirar\s+o\s+pedido|wycofa\w*\s+(?:prośbę|wniosek)|"
    r"verzoek\s+in(?:trekken|getrokken))\b"))
# (a request replaced by another: no withdrawal)
# (not "emergency IND": an eIND case's own withdrawal names it, dev-q)
_SUPERSEDED = re.compile(r"(?i)\b(?:instead|resubmit\w*|replac\w+|(?:new|corrected|amended|revised|"
                         r"updated)\s+request)\b")
_NEGATION_BEFORE = re.compile(
    r"(?i)(?:\b(?:not|never|no|ne|nicht|kein\w*|non|não|nie|niet|nunca|jamais|pas)\b|n['’]t\b)"
    r"[^.!?\n]{0,40}$")


# in English, asked for or decided by the writer ("please close the request", "we would like
# to withdraw the request"), not what someone else may do ("they may close the request")
_ASKED_BEFORE = re.compile(
    r"(?i)\b(?:please|kindly|can\s+you|could\s+you|you\s+(?:can|may)|go\s+ahead\s+and|(?:we|i)(?:\s+"
    r"would\s+like\s+to|\s+want\s+to|\s+wish\s+to|\s+have\s+decided\s+to|\s+must|\s+need\s+to|"
    r"['’]d\s+like\s+to))\s+(?:\w+\s+){0,2}$")


_POLITE = re.compile(r"(?i)\b(?:please|kindly|could\s+you|can\s+you|would\s+you)\b")


def _withdraws_request(s: Scan) -> re.Match[str] | None:
    for m in s.matches_of(_WITHDRAWS_REQUEST):
        begin, end = _sentence_start(s.text, m.start()), _sentence_end(s.text, m.end())
        polite = _POLITE.search(s.text, begin, m.start())  # ("could you please close his file?")
        if ("?" in s.text[m.end():end + 1] and not polite) or _NEGATION_BEFORE.search(
                s.text, begin, m.start()):
            continue
        if _SUPERSEDED.search(s.text):
            continue  # ("withdraw the request for the 3-dose schedule and ask for ... instead")
        if m.group(0)[:1].lower() in "cw" and s.text[begin:m.start()].strip() and \
                not _ASKED_BEFORE.search(s.text, begin, m.start()):
            continue  # ("close"/"withdraw" said of someone else)
        return m
    return None


def emergency(text: str | Scan, rules: Rules,
              when: tuple[int, int] | None = None) -> tuple[bool, Reason]:
    """The emergency flag of a letter; ``when``: the year and month it was written (its
    Date), for stays it dates months before ("réanimation en mars 2025" in a 2026 letter)."""
    s = _scan(text, rules)
    flag, reason = _emergency(s, when)
    if flag and (withdrawn := _withdraws_request(s)) is not None:
        return False, Reason("flag", "no-emergency", f"{reason.detail}, but the letter "
                             f"withdraws the request ({withdrawn.group(0)!r}): no emergency")
    return flag, reason


def _emergency(s: Scan, when: tuple[int, int] | None) -> tuple[bool, Reason]:
    died = _patient_died(s)
    term = None  # "emergency IND", "eIND": the pathway's name; another cue is told first
    deadline = None  # "within 24 hours", "tonight": a time; news of the patient is told first
    aside = None  # the first cue the letter itself sets aside (negated, past, over)
    # (learnt from dev-za9) a reply's subject carries the first letter's cues ("RE: Emergency
    # IND request - pt in ICU - please call tonight"); a body that says "no longer an
    # emergency" sets them aside
    subject_end = s.text.find("\n")
    inherited = subject_end if subject_end > 0 and _REPLY_SUBJECT.match(s.text) and (
        _NOT_URGENT_NOW.search(s.text, subject_end) is not None
        or _OUT_OF_IT.search(s.text, subject_end) is not None) else -1
    # (learnt from dev-zb7) and an attached discharge report's "Motivo de ingreso: insuficiencia
    # respiratoria" under a letter that says the patient is out of it is history
    attached = s.text.find("\n[attached]\n")
    history_from = attached if attached > 0 and (
        _OUT_OF_IT.search(s.text, 0, attached) is not None
        or _NOT_URGENT_NOW.search(s.text, 0, attached) is not None) else -1
    over = None  # a cue set aside by a body that says the crisis is over
    for hit in s.matches("emergency"):
        if hit.end() <= inherited or 0 <= history_from <= hit.start():
            aside = aside or hit
            over = over or hit
            continue
        if died is not None and (hit.start() < _sentence_end(s.text, died.end()) or not
                                 _LIVE.search(s.text, _sentence_start(s.text, hit.start()),
                                              _sentence_end(s.text, hit.end()))):
            aside = aside or hit
            continue  # what led to the death the letter reports (not "my son is now in the ICU")
        before = s.text[max(0, hit.start() - 40):hit.start()].lower()
        if _negated(before, hit) or (_WITHOUT.search(before) and _FINDING.search(hit.group(0))) \
                or (_DENIED.search(before) and not _SELF_NEGATED.search(hit.group(0))):
            aside = aside or hit
            continue  # "it isn't an ICU situation", "no longer in the ICU", "no midline shift"
        if _RESOLVED_BEFORE.search(before) or _RESOLVED_AFTER.match(s.text, hit.end()) or \
                ((ago := _AGO_AFTER.match(s.text, hit.end())) and not _SINCE.search(ago.group(0))):
            aside = aside or hit
            continue  # "ICANS, resolved within 48 h", "a bleed, which resolved", "two years ago"
            # (not "in the ICU since yesterday (diagnosed in 2019)": a diagnosis's year)
        if _PAST_BEFORE.search(before) and (_PAST_AFTER.match(s.text, hit.end())
                                            or _RECOVERED_AFTER.match(s.text, hit.end())
                                            or _dated_earlier_in_sentence(s.text, hit.start(),
                                                                          hit.end())):
            aside = aside or hit
            continue  # "he was in the ICU in September ... recovered fully"
        if _ROTA_AFTER.match(s.text, hit.end()) and _INTENSIVE.fullmatch(hit.group(0)):
            aside = aside or hit
            continue  # "on ICU service this week"
        if _OVER_AFTER.match(s.text, hit.end()) or (
                _INTENSIVE.fullmatch(hit.group(0)) and _BOOKED_BEFORE.search(before)
                and _BED_FOR_AFTER.match(s.text, hit.end()) and not _UNPLANNED.search(
                    s.text, _sentence_start(s.text, hit.start()), _sentence_end(s.text, hit.end()))):
            aside = aside or hit
            continue  # "intubated 11/6, extubated yesterday"; "pre-booked an ICU bed for
            # overnight observation after the procedure" (learnt from dev-za5)
        other = _ANOTHER_PATIENT_BEFORE.search(
            s.text, max(_sentence_start(s.text, hit.start()), hit.start() - 80), hit.start())
        if other is not None and not _OURS_BETWEEN.search(s.text, other.end(), hit.start()):
            aside = aside or hit
            continue  # "un altro paziente del reparto in shock settico, intubato" (dev-za5)
        if _LEFT_BEFORE.search(before) or (before.endswith(("z ", "ze ")) and
                                           hit.group(0).lower().startswith("oiom")) or (
                _FROM_BEFORE.search(before) and _INTENSIVE.fullmatch(hit.group(0))
                and _TO_WARD_AFTER.match(s.text, hit.end())):
            aside = aside or hit
            continue  # "moved him out of the ICU", "przenieśliśmy go z OIOM-u": a stay that ended
        if _resolved_history(s.text, hit.start(), hit.end()):
            aside = aside or hit
            continue  # "In January ... a short ICU stay; this resolved ... Now stable"
        if (when is not None and _dated_before(s.text, hit.start(), hit.end(), when)) or \
                _if_worse(s.text, hit.start(), hit.end()):
            aside = aside or hit
            continue  # "ingreso en UCI en julio de 2025 (5 días)"; "... falls es schlechter wird"
        if _process_time(s.text, hit):
            aside = aside or hit
            continue  # "FDA review of a single-patient IND is a matter of weeks"
        if _IND_TERM.fullmatch(hit.group(0)):
            term = term or hit
            continue
        if _deadline(hit.group(0)):  # "within 24 hours": a news cue is told first
            deadline = deadline or hit
            continue
        return True, Reason("flag", "emergency", f"emergency cue: {hit.group(0)!r}")
    if deadline is not None:
        return True, Reason("flag", "emergency", f"emergency cue: {deadline.group(0)!r}")
    if term is not None:
        return True, Reason("flag", "emergency", f"emergency cue: {term.group(0)!r}")
    if died is not None:
        return False, Reason("flag", "no-emergency", f"the patient has died "
                             f"({died.group(0)!r}): no emergency any more")
    urgent = next((m for m in s.matches_of(_URGENT)
                   if not _NOT_BEFORE.search(s.text, max(0, m.start() - 20), m.start())), None)
    soon = next((m for m in s.matches_of(_SOON) if _ANSWER.search(
        s.text, max(0, m.start() - 80), m.end() + 80)), None) if urgent else None
    if urgent and soon:
        return True, Reason("flag", "emergency", f"{urgent.group(0)!r} and a decision needed "
                            f"{soon.group(0)!r}")
    calm = _NOT_URGENT_NOW.search(s.text) if aside is not None or not urgent else None
    if calm is not None:
        # (learnt from dev-za5) "intubated 11/6, extubated yesterday ... Not urgent on our end
        # anymore": a statement no model overrules (see model_flags)
        return False, Reason("flag", "no-emergency", f"the letter says it is not urgent "
                             f"({calm.group(0)!r})")
    if over is not None and (found := _OUT_OF_IT.search(s.text, max(0, s.text.find("\n")))):
        # (a statement no flag model overrules, see model_flags)
        return False, Reason("flag", "no-emergency", f"the letter says the crisis is over "
                             f"({found.group(0)!r}; {over.group(0)!r} is its subject's or an "
                             "attached report's)")
    if aside is not None:
        return False, Reason("flag", "no-emergency", f"the letter sets its emergency cue aside "
                             f"({aside.group(0)!r}: negated, past or over)")
    if urgent:
        return False, Reason("flag", "no-emergency",
                             f"{urgent.group(0)!r} without an emergency cue (ICU, ventilator, "
                             "days to live, 48 hours, eIND)")
    return False, Reason("flag", "no-emergency", "checked emergency cues: none")


# the writer says there is no hurry (not "the paperwork is not urgent, but she is in the ICU":
# read only when no emergency cue stands)
_NOT_URGENT_NOW = re.compile(
    r"(?i)\b(?:not\s+urgent\s+on\s+our\s+(?:end|side)(?:\s+any\s*more)?|not\s+urgent\s+any\s*more|"
    r"no\s+longer\s+(?:urgent|an?\s+emergency)|(?:it|this|that|things)\s+(?:is|are|'s)\s+(?:not|no\s+longer)\s+"
    r"(?:urgent|an?\s+emergency)|nicht\s+mehr\s+(?:dringend|eilig)|keine\s+besondere\s+eile\s+mehr|"
    r"niet\s+meer\s+(?:dringend|urgent)|n'est\s+plus\s+urgent|non\s+è\s+più\s+urgente|ya\s+no\s+es\s+urgente|"
    r"não\s+é\s+mais\s+urgente|nie\s+jest\s+już\s+pilne)\b(?![^.!?\n]{0,60}\b(?:but|aber|mais|pero|ma|maar)\b)")
# (learnt from dev-zb7) a reply's body that says the crisis of its subject is over: "fue
# extubado el jueves ... se trasladó desde la UCI a planta ... Actualmente está estable"
_OUT_OF_IT = re.compile(
    # (not "stable" alone: "he is stable on the ventilator" is the crisis itself)
    r"(?i)\b(?:(?:extubated|extubiert|extubad[oa]|extubée?|estubat[oa]|geëxtubeerd)\b|(?:moved|transferred|"
    r"trasladó|trasladado|verlegt|transféré|trasferit[oa]|transferid[oa])\s+(?:\w+\s+){0,3}?(?:from|out\s+of|"
    r"desde|de|aus|von|dalla|da)\s+(?:la\s+|the\s+|der\s+|l['’])?(?:icu|uci|its|intensiv\w*|réa\w*|"
    r"terapia\s+intensiva|cuidados\s+intensivos))")
_REPLY_SUBJECT = re.compile(r"(?i)\s*(?:re|aw|antw|sv|rv|r|odp|ynt|vs)\s*:")
_DEADLINE_CUE = re.compile(r"(?i)\b(?:hours?|hrs|horas|stunden|heures|ore|godzin\w*|uur|"
                           r"tonight|today|tomorrow|e-?ind|emergency\s+(?:ind|use))\b")


_IND_TERM = re.compile(r"(?i)\b(?:(?:emergency|e)[\s\-]?ind|emergency\s+use)\b")


def is_ind_term(reason: Reason) -> bool:
    """Whether the only emergency :func:`emergency` found is the pathway's name ("emergency
    IND"): in a case's later mail, the name of the paperwork, not news of the patient."""
    return reason.rule == "emergency" and _IND_TERM.search(reason.detail) is not None


def is_deadline_cue(reason: Reason) -> bool:
    """Whether an emergency :func:`emergency` found is a time or an IND term ("within 24
    hours", "tonight", "eIND"): an emergency for a patient's request, a deadline or a
    term in a vendor's pitch or a site's safety report."""
    return reason.rule == "emergency" and _deadline(reason.detail)


# "I need to talk to someone tonight who knows the drug": a clinician at the bedside, news
# of the patient rather than a deadline
_TALK_NOW = re.compile(r"(?i)\bneed\s+to\s+(?:talk|speak)\s+(?:to|with)\b")


def _deadline(text: str) -> bool:
    return _DEADLINE_CUE.search(text) is not None and _TALK_NOW.search(text) is None and \
        _SYMPTOM_FOR.search(text) is None


# (learnt from dev-zb8) "a nosebleed for almost 3 hours that will not stop": how long a
# symptom has lasted, not a deadline
_SYMPTOM_FOR = re.compile(r"(?i)\b(?:for|since|seit|depuis|desde|da|há|sinds|od)\s+(?:almost\s+|nearly\s+|"
                          r"over\s+|more\s+than\s+|about\s+|fast\s+|presque\s+|casi\s+|quasi\s+)?"
                          r"(?:\d+|an?|one|two|three|four|five|six)\s+(?:hours?|hrs|stunden|heures|horas|"
                          r"ore|uur|godzin\w*)\b[^\n]{0,40}?\b(?:not\s+stop|won'?t\s+stop|will\s+not|"
                          r"nicht\s+(?:auf|stoppen)|ne\s+s['’]arrête|no\s+para|non\s+si\s+ferma|"
                          r"blijft|nie\s+ustaje)")


_NEGATED = re.compile(r"(?:\bnot|n't|\bno\s+longer|\bout\s+of(?!\s+(?:options|time|ideas|treatments?))|"
                      r"\bleft|\bnever|\bnor|"
                      r"\bsorti\w*\s+de|\bsal(?:i[óo]|e)\s+de|\buscit\w*\s+dal|\bsaiu\s+d|\bnicht\s+mehr|"
                      r"\bno\s+(?:est[áa]|sta)|\bwieder\s+von\s+der|\bverlegt\s+von\s+der|"
                      r"\b(?:teve|tuvo|recebeu|deu|dad[oa]\s+de|dad[oa])\s+alta\s+d\w*|\bdimess[oa]\s+d\w*|"
                      r"\bdischarged\s+from|\bsortie?\s+de|"
                      r"\bextubated|\boff(?!\s+to\b))\b[^.;!?]{0,30}$", re.IGNORECASE)
# "sem insuficiência renal, sem hipercalcemia": a finding right after "without" is absent
# (not "without intubation he will die", "sin UCI no va a aguantar": a need)
_WITHOUT = re.compile(r"(?i)\b(?:without|sem|sin|senza|sans|ohne|bez|zonder)\s+$")
_FINDING = re.compile(r"(?i)insuffi|insufici|failure|versagen|falen|niewydolno|hypercalc|confus|"
                      r"consci|concien|coscien|bewusst|bewustzijn|midline|shift|compress|cord")
# a finding denied a word or two before it, as exam and imaging reports write ("no midline
# shift", "no lesion compressing the cord", "il n'a jamais été intubé", "não foi intubado")
_DENIED = re.compile(r"(?i)(?:\b(?:no|not|never|nessun[ao]?|keine?[nmrs]?|geen|nooit|jamais|nunca|"
                     r"não|nao|nicht|niet|non|nie)\s+|\bpas\s+d(?:e\s+|['’]))(?:\w+\s+){0,2}$")
# a cue that says "not" itself ("can't keep her stable") is not negated by an earlier "not";
# nor is one after "but" ("it isn't clear why, but she only responds to pain now")
_SELF_NEGATED = re.compile(r"(?i)n't|\bnot\b|\bcannot\b|\bnie\b|\bnicht\b|\bno\b")
_BUT = re.compile(r"(?i)\b(?:but|aber|mais|pero|ma|mas|ale|maar)\b")


def _negated(before: str, hit: re.Match[str]) -> bool:
    neg = _NEGATED.search(before)
    return neg is not None and not _SELF_NEGATED.search(hit.group(0)) and \
        not _BUT.search(before, neg.start())


# what ends an emergency cue right there: "ICANS, resolved within 48 h", "a bleed, which
# resolved", "two years ago"
_RESOLVED_AFTER = re.compile(r"(?i)[^.;!?\n]{0,60}?(?:\b(?:which|that)\s+|,\s*)(?:has\s+|had\s+)?"
                             r"(?:since\s+|then\s+|quickly\s+)?(?:resolved|settled|stopped|recovered)\b")
_AGO_AFTER = re.compile(r"(?i)[^.;!?\n]{0,40}?\b(?:(?:\d+|two|three|four|five|six|several|a\s+few|many)\s+"
                        r"(?:weeks|months|years)\s+ago|in\s+20[0-2]\d\b(?!\s*[/.\-]\d)|last\s+year)")
_RESOLVED_BEFORE = re.compile(r"(?i)\b(?:resolved|recovered|improved|settled|subsided|cleared)\s+$")
_PAST_BEFORE = re.compile(
    r"(?i)\b(?:was|were|had\s+been|spent\s+(?:\w+\s+){1,2}(?:days|weeks|nights))\s+(?:in\s+)?"
    r"(?:the\s+|our\s+|their\s+|an?\s+)?$|"
    # "il a été hospitalisé aux soins intensifs", "a passé deux semaines aux"
    r"\b(?:a\s+été|était|a\s+passé\s+(?:\w+\s+){1,2}(?:jours|semaines|nuits))\s+(?:\w+\s+)?"
    r"(?:aux?|en|dans\s+l[ae]s?)\s+$")
# "... four nights in our ICU, got tocilizumab and recovered completely": a stay that is over
# (not "her kidneys have not recovered fully")
_RECOVERED_AFTER = re.compile(r"(?i)[^.;!?]{0,80}?(?<!not\s)(?<!n't\s)(?<!never\s)(?<!yet\s)(?<!to\s)"
                              r"\b(?:(?:recovered|resolved)\s+(?:completely|fully)|avec\s+(?:une\s+)?"
                              r"bonne\s+récupération|s['’]en\s+est\s+(?:\w+\s+){0,2}remis[e]?|con\s+"
                              r"(?:un\s+)?buon\s+recupero|con\s+buena\s+recuperación|com\s+boa\s+"
                              r"recuperação|(?:hat\s+sich|sich)\s+(?:\w+\s+){0,2}erholt)\b")
# "transferred out of the ICU to the ward", "z OIOM-u z powrotem na oddział", "salió de la UCI"
_LEFT_BEFORE = re.compile(
    r"(?i)\b(?:out\s+of|(?:moved|transferred|discharged|stepped\s+down)\s+(?:\w+\s+)?from|left|"
    r"aus\s+der|uit\s+de|dalla|sali[óo]\s+de\s+la|(?:sortie?|transférée?)\s+de\s+la|"
    r"saiu\s+da|alta\s+de(?:\s+la)?|discharge\s+from)\s+(?:the\s+)?$")  # ("informe de alta de UCI")
# (learnt from dev-z99) "von der Intensivstation auf unsere Normalstation zurückverlegt", "from
# the ICU to the ward", "de la UCI a planta": from intensive care to an ordinary ward
_FROM_BEFORE = re.compile(r"(?i)\b(?:from|von\s+der|vom|van\s+de|desde\s+la|desde\s+el|de\s+la|del|da|"
                          r"dalla|dal|de|"
                          r"z|ze)\s+(?:the\s+)?$")
# (intensive care's names: the cues a rota, a ward transfer or a booked bed sets aside)
_INTENSIVE = re.compile(r"(?i)icu|micu|sicu|intensive\s+care(?:\s+unit)?|intensiv\w*|ic|uci|uti|"
                        r"réanimation|rianimazione|oiom\w*|hdu|imc|terapia\s+intensiva|"
                        r"cuidados\s+intensivos|soins\s+intensifs|medium\s+care")
_TO_WARD_AFTER = re.compile(
    r"(?i)\s+(?:(?:back\s+)?(?:to|onto)|auf|naar|a|à|para|al|na|zur[üu]ck\s+auf)\s+(?:the\s+|die\s+|"
    r"unsere\s+|eine\s+|de\s+|la\s+|el\s+|o\s+|il\s+|le\s+|a\s+|our\s+|a\s+regular\s+)?(?:general\s+|"
    r"regular\s+|normal\s+|medical\s+)?(?:ward|floor|normalstation|allgemeinstation|periphere?\s+station|"
    r"station|afdeling|verpleegafdeling|planta|sala|reparto|degenza|service|enfermaria|oddział\w*)\b")
# (learnt from dev-za5) a crisis the next words end ("intubated 11/6, extubated yesterday"); an
# intensive-care bed booked for a planned procedure; another patient's crisis told in passing
_OVER_AFTER = re.compile(
    r"(?i)(?:(?!\b(?:not|never|no|yet|cannot|can|could|may|might|hope\w*|try\w*|tried|want\w*|be|get|"
    r"pas|nicht|non|não|nie|niet)\b|n't)[^.;!?\n]){0,40}?\b(?:extubated|extubiert|extubad[oa]|extubée?|"
    r"estubat[oa]|ekstubowan\w*|geëxtubeerd)\s+(?:yesterday|today|this\s+morning|last\s+night|on\s+\w+day|"
    r"\w+day|\d{1,2}[/.]\d{1,2}|gestern|heute|ayer|hoy|hier|ieri|oggi|ontem|hoje|gisteren|vandaag|wczoraj)\b|"
    # (learnt from dev-zb7) "cinq jours en réanimation fin octobre ... Il en est sorti le 30
    # octobre", "five days in the ICU ... he came out on the 30th": a stay the next sentence ends
    r"(?:[^\n]{0,160}?[.;!?]\s+)?(?:il|elle)\s+en\s+est\s+sortie?\s+(?:le|depuis|il\s+y\s+a)\b|"
    r"(?:[^\n]{0,160}?[.;!?]\s+)?(?:he|she)\s+(?:came|got)\s+out\s+(?:of\s+(?:it|there|the\s+icu)\s+)?on\b")
_BOOKED_BEFORE = re.compile(r"(?i)\b(?:pre-?booked|booked|reserved|planned)\s+(?:an?\s+|the\s+)?$")
_UNPLANNED = re.compile(r"(?i)\b(?:emergenc\w*|went\s+wrong|complication\w*|last\s+night|tonight|"
                        r"urgent\w*|crash\w*)\b")
_BED_FOR_AFTER = re.compile(r"(?i)\s+bed\s+(?:for|after)\b[^.;\n]{0,40}?\b(?:observation|monitoring|"
                            r"procedure|surgery)\b")
# (of the ward: "another patient on the ward", "un altro paziente del reparto"; not "another
# patient, Mrs. K., now in the ICU", a new request's own patient)
_ANOTHER_PATIENT_BEFORE = re.compile(
    r"(?i)\b(?:(?:another|other)\s+patients?\s+(?:on|in|of|from)\s+(?:the|our|my)\s+(?:ward|unit|floor|"
    r"service|department)|un\s+altro\s+paziente\s+(?:del|in)\s+reparto|otro\s+paciente\s+(?:de\s+la\s+"
    r"planta|del\s+servicio)|un\s+autre\s+patient\s+du\s+service|ein(?:e|em)?\s+anderen?\s+patient\w*\s+"
    r"(?:auf|der)\s+(?:station|abteilung)|outro\s+paciente\s+(?:da\s+enfermaria|do\s+serviço)|"
    r"een\s+andere\s+pati[eë]nt\s+(?:op|van)\s+de\s+afdeling)\b")
# (a clause break or our own patient between the other patient and the cue: the cue is ours)
_OURS_BETWEEN = re.compile(
    r"(?i)[;]|\b(?:but|ma|pero|mais|aber|maar|ale|my|mio|mia|mi|mon|ma|mein\w*|mijn|mój|moja|our|he|she|him|"
    r"her|his|il\s+sig\w*|the\s+patient|wife|husband|father|mother|dad|mum|mom|son|daughter|padre|madre|"
    r"vater|mutter|père|mère|vader|moeder)\b")
# "Dr. Okafor is on ICU service this week": a physician's rota, not a patient's bed
_ROTA_AFTER = re.compile(r"(?i)\s+(?:service|rotation|duty|shift|block|cover)\b")
# when, in English: "in September", "in the spring", "in 2025"; "last year"
_EN_WHEN = (r"january|february|march|april|may|june|july|august|september|october|november|"
            r"december|the\s+(?:spring|summer|fall|autumn)|20\d\d")
_EN_LAST = r"last\s+(?:year|month|spring|summer|fall|autumn|winter)"
_PAST_AFTER = re.compile(
    r"(?i)[^.;!?]{0,25}?\b(?:in\s+(?:" + _EN_WHEN + r")|" + _EN_LAST + r"|\d+\s+(?:weeks|months|years)\s+"
    r"ago|(?:a\s+few|several)\s+(?:weeks|months|years)\s+ago|(?:en|im|nel|em|w)\s+20\d\d)\b")
# (learnt from dev-z82) "In September I spent nine days in the ICU": a past stay dated before
# the cue in its sentence (not "In 2019 he was diagnosed, and he is now in the ICU")
_DATED_BEFORE = re.compile(r"(?i)\b(?:in\s+(?:early\s+|late\s+|mid[\s\-]+)?(?:" + _EN_WHEN + r")|"
                           + _EN_LAST + r"|back\s+in)\b")


# (the date belongs to the stay: no clause between them, "diagnosed in March, and last night
# he was in the ICU"; nothing in the sentence says it goes on or came back)
_CLAUSE = re.compile(r"(?i)[,;:()]|\b(?:but|since|until|now)\b")
_GOES_ON = re.compile(r"(?i)\b(?:again|since|still|last\s+night|overnight|tonight|today|yesterday|"
                      r"this\s+(?:morning|week))\b")


# a time a process takes, not a prognosis: "the ethics approval is a matter of weeks"
_MATTER_OF = re.compile(r"(?i)matter\s+of|cuesti|quest|frage\s+von|kwesti")
_PROCESS = re.compile(
    r"(?i)\b(?:review\w*|approv\w*|authori[sz]\w*|permit|licen[cs]e|ship\w*|deliver\w*|paperwork|"
    r"import\w*|customs|irb|ethics|contract|aprobaci\w+|autorizaci\w+|env[ií]o|comit[ée]|"
    r"genehmigung|ethikkommission|lieferung|autorisation|approbation|livraison|approvazione|"
    r"autorizzazione|spedizione|aprovação|autorização|envio|zatwierdzen\w*|zgod\w*|goedkeuring|"
    r"levering|vergunning)\b")


def _process_time(text: str, hit: re.Match[str]) -> bool:
    return _MATTER_OF.search(hit.group(0)) is not None and _PROCESS.search(
        text, _sentence_start(text, hit.start()), _sentence_end(text, hit.end())) is not None


def _dated_earlier_in_sentence(text: str, start: int, end: int) -> bool:
    begin = _sentence_start(text, start)
    dated = next(reversed(list(_DATED_BEFORE.finditer(text, begin, start))), None)  # the last
    if dated is None:
        return False
    gap = text[dated.end():start]
    sentence = text[begin:_sentence_end(text, end)]
    return len(gap) <= 80 and not _CLAUSE.search(gap) and not _LIVE.search(sentence) and \
        not _GOES_ON.search(sentence)


_MONTHS = (r"(?:january|february|march|april|may|june|july|august|september|october|november|"
           r"december|januar|februar|märz|juni|juli|oktober|dezember|enero|febrero|marzo|abril|"
           r"mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|janvier|février|mars|"
           r"avril|mai|juin|juillet|août|septembre|octobre|novembre|décembre|gennaio|febbraio|"
           r"aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|janeiro|fevereiro|março|maio|"
           r"junho|julho|setembro|outubro|novembro|dezembro|januari|februari|maart|mei|augustus)")
_PAST_ANCHOR = re.compile(
    r"(?i)\b(?:(?:in|im|en|au|a|nel|em|w|in\s+early|in\s+late)\s+(?:" + _MONTHS + r"|20\d\d)|"
    r"(?:" + _MONTHS + r"|jan|feb|mar|apr|jun|jul|aug|sept?|oct|nov|dec)\.?\s+20[0-2]\d\b|"
    r"last\s+(?:year|spring|summer|fall|autumn|winter)|(?:\d+|two|three|four|five|six|several|"
    r"a\s+few|many)\s+(?:weeks|months|years)\s+ago|(?:a|one)\s+year\s+ago|back\s+in\s+(?:20\d\d|"
    + _MONTHS + r")|"
    r"letztes\s+jahr|(?:im\s+)?(?:letzten|vergangenen)\s+jahr|el\s+año\s+pasado|"
    r"l'ann[ée]e\s+derni[èe]re|l'an\s+dernier|l'anno\s+scorso|no\s+ano\s+passado|"
    r"w\s+(?:zeszłym|ubiegłym)\s+roku|vorig\s+jaar|afgelopen\s+jaar|"
    # "martedì scorso", "last Tuesday", "mardi dernier", "el martes pasado", "letzten Dienstag"
    r"(?:lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica)\s+scors[oa]|last\s+(?:monday|"
    r"tuesday|wednesday|thursday|friday|saturday|sunday)|(?:lundi|mardi|mercredi|jeudi|vendredi|"
    r"samedi|dimanche)\s+dernier|(?:lunes|martes|miércoles|jueves|viernes|sábado|domingo)\s+pasado|"
    r"(?:letzten|vergangenen)\s+(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)|"
    r"vorige\s+(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag))\b")
_ENDED = re.compile(
    r"(?i)\b(?:resolved|recovered|(?:made|making|with|had)\s+(?:a\s+)?full\s+(?:\w+\s+)?recovery|"
    r"(?<=,\s)full\s+(?:\w+\s+)?recovery|no\s+sequelae|fixed\s+it|(?:walk|walks|"
    r"walking)\s+(?:fine|normally)|discharged|extubated|stabili[sz]ed|back\s+to\s+(?:baseline|"
    r"normal|\d)|now\s+stable|fully\s+(?:recovered|resolved)|improved|doing\s+(?:ok|okay|well|"
    r"fine)|(?:is|are|was)\s+(?:back\s+)?(?:at\s+)?home|résolu\w*|rétabli\w*|guéri\w*|"
    r"sorti\w*|(?:si\s+è\s+)?ripres[oa]|guarit[oa]|dimess[oa]|se\s+recuper[óo]|recuperad[oa]|"
    r"dad[oa]\s+de\s+alta|erholt|entlassen|überstanden|hersteld|ontslagen|recuperou|teve\s+alta|"
    r"wyzdrowia\w+|jest\s+w\s+domu|wróci\w+\s+do\s+domu|dobrze\s+(?:się\s+)?skończy\w+|"
    r"skończy\w+\s+(?:się\s+)?dobrze|ended\s+well|"
    # (learnt from dev-z52) stabilised, extubated, back home, in the other languages
    r"stabilizzat[oa]|stabilisée?|stabilizad[oa]|stabilisiert|gestabiliseerd|ustabilizowan\w*|"
    r"extubad[oa]|extubée?|extubiert|estubat[oa]|geëxtubeerd|ekstubowan\w*|di\s+nuovo\s+a\s+casa|"
    r"de\s+retour\s+(?:à\s+la\s+maison|chez\s+(?:lui|elle))|de\s+nuevo\s+en\s+casa|wieder\s+zu\s+hause|"
    r"weer\s+thuis|de\s+volta\s+a\s+casa)\b")
# "has not improved", "never recovered": not over
_NOT_BEFORE_END = re.compile(r"(?i)\b(?:not|n't|never|no|nicht|nie|pas|non|não|nog\s+niet)\s+"
                             r"(?:\w+\s+)?$")
# a day that is now: "today", "heute", "wczoraj"
_TODAY = (r"tonight|today|yesterday|this\s+(?:morning|week)|heute|gestern|hoy|ayer|aujourd'hui|"
          r"hier|oggi|ieri|hoje|ontem|dziś|wczoraj|vandaag|gisteren")
# happening now, said right before the cue: "now in the ICU", "jetzt auf der Intensivstation"
_NOW_BEFORE = re.compile(r"(?i)\b(?:currently|now|right\s+now|again|jetzt|ahora|maintenant|adesso|"
                         r"ora|agora|teraz|nu|" + _TODAY + r")\b[^.!?\n]{0,40}$")
_SENTENCE_END = re.compile(r"(?<!\bMr)(?<!\bMrs)(?<!\bDr)(?<!\bSt)(?<!\bProf)(?<!\bDott)(?<!\bSr)"
                           r"(?<!\bSra)[.!?\n]\s")
# said to be happening now (after a death the letter reports: another person's emergency)
_LIVE = re.compile(r"(?i)\b(?:now|currently|right\s+now|still|at\s+the\s+moment|jetzt|derzeit|"
                   r"ahora|actualmente|maintenant|actuellement|adesso|ora|attualmente|agora|"
                   r"atualmente|teraz|obecnie|nu|momenteel)\b")


def _sentence_end(text: str, after: int) -> int:
    m = _SENTENCE_END.search(text, after)
    return m.start() if m else len(text)


# "Mr. Fairweather", "St. Brendan's", "Dr. Kamara": a title's dot ends no sentence (as
# written, capitalised: "48 hr." and "520 ms." do)
_TITLES = frozenset(("Mr", "Mrs", "Dr", "St", "Prof", "Dott", "Sr", "Sra"))


# "den 23. November, auf", "am 3. März 2025" (not "... 2021. May I ask")
_DAY_BEFORE = re.compile(r"(?:^|\D)\d{1,2}$")
_MONTH_AFTER = re.compile(r"(?i)\s+" + _MONTHS + r"(?=,|\s+(?:\d|(?-i:[a-zäöüßàâçéèêëîïôûùñ])))")


def _sentence_start(text: str, before: int) -> int:
    dot = text.rfind(". ", 0, before)
    while dot > 0 and ((text[max(0, dot - 5):dot].rsplit(None, 1)[-1:] and
                        text[max(0, dot - 5):dot].rsplit(None, 1)[-1] in _TITLES)
                       or (_DAY_BEFORE.search(text, max(0, dot - 3), dot)
                           and _MONTH_AFTER.match(text, dot + 1))):
        dot = text.rfind(". ", 0, dot)  # ("den 23. November": no sentence ends there)
    return max(dot, text.rfind("\n", 0, before), text.rfind("- ", 0, before)) + 1


# (learnt from dev-z76) a stay dated next to the cue, in an earlier year than the letter's:
# "séjour en réanimation en mars 2025", "ingreso en UCI en julio de 2025", "(05/2025)"; not a
# birth, a diagnosis or "since" ("diagnosticado en 2021, está intubado en la UCI")
_DATED = re.compile(
    r"(?i)(?:\b(?:in|im|en|au|a|nel|em|w|op|de|di|del|of)\s+(?:(?:early|late|mid)[\s\-]+)?"
    r"(?:(?P<m1>" + _MONTHS + r")\s+(?:de\s+|of\s+)?)?|\b(?P<m2>" + _MONTHS + r")\.?\s+(?:de\s+)?|"
    r"\((?P<m3>\d{1,2})/)(?P<y>(?:19|20)\d\d)(?!\d)")
# the words that date a diagnosis, a birth, or a start ("since"), not a stay
_ORIGIN = r"diagnos\w*|born|dob|geb\w*|jahrgang|since|seit|desde|depuis|dal|sinds"
_NOT_A_STAY = re.compile(r"(?i)(?:" + _ORIGIN + r"|od|nato|nata|née?|nacid[oa]|nascid[oa]|urodz\w*)"
                         r"[\s:,]*\S*\s*$")
_MONTH_NUMBER = {name: n for n, names in enumerate((
    "january januar enero janvier gennaio janeiro januari", "february februar febrero février "
    "febbraio fevereiro februari", "march märz marzo mars março maart", "april abril avril aprile",
    "may mayo mai maggio maio mei", "june juni junio juin giugno junho", "july juli julio juillet "
    "luglio julho", "august agosto août augustus", "september septiembre septembre settembre "
    "setembro", "october oktober octubre octobre ottobre outubro", "november noviembre novembre "
    "novembro", "december dezember diciembre décembre dicembre dezembro"), start=1)
    for name in names.split()}
# "the palliative ward, mentioned if it gets worse": a possibility someone raised, not the
# patient now (not "she is in the ICU, and if she gets worse they will stop")
_IF_WORSE_AFTER = re.compile(
    r"(?i)[^.;!?\n]{0,50}?\b(?:if\s+(?:he|she|it|things|her\s+\w+|his\s+\w+)\s+(?:gets?|get|"
    r"becomes?|turns?)\s+worse|should\s+(?:he|she|it|things)\s+(?:get|become)\s+worse|"
    r"(?:falls|wenn)\s+es\s+(?:ihm|ihr)?\s*(?:schlechter|schlimmer)\s+(?:wird|geht)|"
    r"si\s+(?:ça|cela|son\s+état)\s+s['’]aggrave|si\s+(?:empeora|se\s+agrava)|"
    r"se\s+(?:peggiora|dovesse\s+peggiorare)|se\s+piorar|je(?:śli|żeli)\s+(?:się\s+)?pogorszy|"
    r"als\s+het\s+(?:slechter|erger)\s+(?:gaat|wordt))")
_RAISED = re.compile(
    r"(?i)\b(?:mention\w*|brought\s+up|raised|discuss\w*|talked\s+about|suggest\w*|option|might|"
    r"could|would|erwähnt|angesprochen|besprochen|vorgeschlagen|könnte|eventuell|évoqué\w*|"
    r"mentionn\w*|pourrai\w*|mencion\w*|podría|menzion\w*|potrebbe|genoemd|besproken|zou|"
    r"mencionou|poderia|wspomnia\w*|możliw\w*)\b")


_NOW_WORDS = re.compile(r"(?i)\b(?:" + _TODAY + r"|since\s+(?:monday|tuesday|wednesday|thursday|"
                        r"friday|saturday|sunday|yesterday))\b")
# "in the ICU since yesterday (diagnosed in 2019)": the year of a diagnosis, a birth, not
# of the stay
_SINCE = re.compile(r"(?i)\b(?:" + _ORIGIN + r")\b")


def _if_worse(text: str, start: int, end: int) -> bool:
    """The cue is a possibility raised for later: "die Palliativstation erwähnt, falls es
    schlechter wird" (a word that raises it, then the condition)."""
    cond = _IF_WORSE_AFTER.match(text, end)
    return cond is not None and _RAISED.search(text, _sentence_start(text, start),
                                               cond.end()) is not None


def _dated_before(text: str, start: int, end: int, when: tuple[int, int]) -> bool:
    """The cue's own sentence dates it, right next to it, at least three months before the
    letter (``when``: its year and month), and says nothing of now ("séjour en réanimation en
    mars 2025, complètement récupérée"; a year alone: at least a calendar year before)."""
    own = max(_sentence_start(text, start), start - 80)
    stop = min(_sentence_end(text, end), end + 40)
    if _LIVE.search(text, own, stop) or _NOW_BEFORE.search(text, own, start) or \
            _NOW_WORDS.search(text, own, stop):
        return False
    year, month = when
    for m in _DATED.finditer(text, own, stop):
        if _NOT_A_STAY.search(text, max(0, m.start() - 30), m.start()):
            continue
        named = m.group("m1") or m.group("m2")
        at = _MONTH_NUMBER.get(named.lower()) if named else (int(m.group("m3")) if m.group("m3")
                                                              else None)
        y = int(m.group("y"))
        if (at is not None and 1 <= at <= 12 and (year - y) * 12 + month - at >= 3) or \
                (at is None and y < year):
            return True
    return False


def _resolved_history(text: str, start: int, end: int) -> bool:
    """A dated past episode that is over: "In January she ... required a short ICU stay;
    this resolved", "W zeszłym roku ... na OIOM-ie, ale teraz jest w domu", "l'anno scorso
    le CAR-T. Dopo è stato in terapia intensiva, poi si è ripreso" (a past anchor in the
    cue's sentence or the one before, a word saying it ended in it or the next, and
    nothing right before the cue saying it is now)."""
    own = _sentence_start(text, start)
    previous = _sentence_start(text, max(0, own - 2))
    first = _SENTENCE_END.search(text, end)
    stop = _SENTENCE_END.search(text, first.end()) if first else None
    own_end = first.start() if first else len(text)
    if not _PAST_ANCHOR.search(text[previous:own_end][-900:]) or \
            _NOW_BEFORE.search(text, own, start):
        return False
    after = text[end:(stop.start() if stop else len(text))][:700]  # it ended after the cue
    return any(not _NOT_BEFORE_END.search(after, max(0, m.start() - 25), m.start())
               for m in _ENDED.finditer(after))


# "She passed away a few hours ago", "Dad died on Sunday", "ist verstorben": the letter
# says the patient died — the emergency is over (a death after a dose is still an AE).
# Not someone else's death: "her brother died of it", "another patient died".
_DIED = re.compile(
    r"(?i)\b(?:passed\s+away|passed\s+peacefully|died(?!\s+(?:down|off|out|back))|has\s+died|(?:ist|sind)\s+(?:\w+\s+){0,3}?"
    r"(?:verstorben|gestorben|entschlafen)|(?:verstorben|gestorben)\s+(?:ist|sind)|falleci[óo]|ha\s+fallecido|(?:est|a)\s+(?:\w+\s+)?"
    r"décédée?|nous\s+a\s+quitt\w+|è\s+(?:\w+\s+)?(?:morto|morta|deceduto|deceduta|mancat[oa])|"
    r"ci\s+ha\s+lasciat\w|faleceu|(?:is|zijn)\s+(?:\w+\s+)?overleden|zmarł\w*)\b")
_OTHERS_DEATH = re.compile(
    r"(?i)\b(?:(?:his|her|their)\s+(?:own\s+)?(?:brother|sister|mother|father|mom|dad|husband|"
    r"wife|son|daughter|friend|cousin|aunt|uncle)|other\s+patients|patients|"
    r"people|who|which|children|if\s+(?:he|she)|almost|nearly|before\s+(?:he|she)|"
    r"(?:could|would|might|may|will|should)(?:\s+(?:not|never))?(?:\s+have)?)\s+"
    r"(?:\w+\s+){0,2}$|\banother\s+patient\b(?:\s+\w+){0,5}\s+$")


# a death told as news (not "my father died of it in 2015"): when it happened, or the
# request withdrawn with it
_RECENT = re.compile(
    r"(?i)[^.!?\n]{0,60}?\b(?:yesterday|today|this\s+(?:morning|afternoon|evening)|last\s+night|"
    r"overnight|(?:a\s+few|two|three|\d+)\s+hours\s+ago|earlier\s+today|on\s+(?:monday|tuesday|"
    r"wednesday|thursday|friday|saturday|sunday)|(?:early\s+)?(?:monday|tuesday|wednesday|thursday|"
    r"friday|saturday|sunday)\s+(?:morning|night|evening)|over\s+the\s+weekend|on\s+(?:the\s+)?"
    r"(?:\d{1,2}(?:st|nd|rd|th)?\s+(?:of\s+)?" + _MONTHS + r"|" + _MONTHS + r"\s+\d{1,2}(?:st|nd|rd|th)?)"
    r"(?!,?\s+(?:19|20)\d\d)|(?:on|am|le|il|el|em|op)\s+(?:the\s+)?\d{1,2}[./]\d{1,2}(?:[./](?:20)?2\d\b|(?![./]?\d))|"
    r"\b\d{1,2}\.?\s+(?:de\s+)?" + _MONTHS + r"\b(?!,?\s+(?:de\s+)?(?:19|20)\d\d)|"
    r"gestern|heute|letzte\s+nacht|heute\s+nacht|ayer|anoche|hoy|esta\s+"
    r"mañana|hier|cette\s+nuit|ce\s+matin|ieri|stanotte|stamattina|ontem|hoje|wczoraj|dziś|"
    r"gisteren|vannacht|vanochtend|vandaag|"
    # (learnt from dev-z68) a weekday in the other languages ("donderdagavond is overleden")
    r"(?:maandag|dinsdag|woensdag|donderdag|vrijdag|zaterdag|zondag)(?:avond|ochtend|middag|nacht)?|"
    r"(?:montag|dienstag|mittwoch|donnerstag|freitag|samstag|sonntag)(?:abend|morgen|nacht)?|"
    r"lunes|martes|miércoles|jueves|viernes|sábado|domingo|lundi|mardi|mercredi|jeudi|vendredi|"
    r"samedi|dimanche|lunedì|martedì|mercoledì|giovedì|venerdì|sabato|domenica|"
    r"(?:segunda|terça|quarta|quinta|sexta)-feira|poniedziałek|wtorek|środę|czwartek|piątek|"
    r"sobotę|niedzielę)\b")
_WITHDRAWN = gated(re.compile(
    r"(?i)\b(?:close\s+(?:the|this|our|his|her)\s+(?:\w+\s+)?(?:request|case|file)|withdraw\w*|"
    r"cancel\w*|no\s+longer\s+(?:be\s+)?need\w*|zurückziehen|zurückgezogen|retir(?:ar|amos)|"
    r"annul\w+|ritir\w+|cancelar|wycofa\w+|intrekken|ingetrokken)\b"))


def _patient_died(s: Scan) -> re.Match[str] | None:
    """The letter's news that its patient died (then no later emergency cue counts)."""
    withdrawn: bool | None = None
    for m in s.matches_of(_DEATH):
        if _OTHERS_DEATH.search(s.text, max(0, m.start() - 60), m.start()):
            continue
        own = _sentence_start(s.text, m.start())  # "today" in the sentence, not the one before
        if _RECENT.match(s.text, m.end()) or _RECENT.match(s.text, max(own, m.start() - 60), m.start()) \
                or _RECENT.match(s.text, max(own, m.start() - 100), m.start()):
            # ("am Montag, den 23. November, auf der Intensivstation ... verstorben": further
            # back in its sentence)
            return m
        if withdrawn is None:
            withdrawn = s.search(_WITHDRAWN) is not None
        if withdrawn:
            return m
    return None


_DEATH = gated(_DIED)
_GENERAL_AE = re.compile(r"(?i)^(?:side[\s\-]effects?|adverse|reaction|toxicit\w*|grade\s+\d)$")
_BEFORE_DOSE = re.compile(r"(?i)\s*(?:[\w,'’]+\s+){0,7}(?:before|without\s+(?:ever\s+)?(?:getting|"
                          r"receiving)|avant\s+(?:de\s+recevoir|la\s+première|le\s+traitement)|"
                          r"bevor|vor\s+der\s+(?:ersten\s+)?(?:gabe|dosis|infusion|behandlung)|"
                          r"antes\s+de\s+(?:recibir|receber|la\s+primera|a\s+primeira)|"
                          r"prima\s+(?:di\s+ricevere|della\s+prima))\b")
# the letter says the drug was never given: a death it reports came before any dose
_NEVER_GIVEN = gated(re.compile(
    r"(?i)\b(?:(?:hat|haben)\s+(?:(?!\w*(?:gabe|dosis|infusion|fraktion|zyklus))\w+\s+){0,3}nicht\s+mehr\s+"
    r"(?:erhalten|bekommen|stattgefunden)|"
    r"no\s+lleg[óo]\s+a\s+recibir|nunca\s+recibi[óo]|n'a\s+(?:jamais|pas)\s+(?:pu\s+)?(?:reçu|recevoir|"
    r"été\s+traitée?)|non\s+ha\s+(?:mai\s+|fatto\s+in\s+tempo\s+a\s+)?ricev\w+|não\s+(?:chegou\s+a\s+"
    r"receber|recebeu)|(?:(?:has|had)\s+not|hasn'?t|hadn'?t)\s+(?:yet\s+)?had\s+the\s+(?:dose|infusion|injection)|(?:(?:has|had)\s+not|hasn'?t|hadn'?t)\s+(?:yet\s+)?(?:received|been\s+(?:given|"
    r"dosed|treated\s+with))\s+(?:any|a\s+single|(?:the|your)\s+(?:drug|medicine|medication)|"
    r"iopofosin\w*|clr)|never\s+(?:actually\s+|really\s+)?(?:got|received|had)\s+(?:the\s+(?:dose|infusion|injection)|any(?!\s+(?:\w+\s+)?(?:trouble|problems?|issues?|side|complications?|"
    r"symptoms?|pain|reactions?|effects?))|your|the\s+(?:drug|medicine)|iopofosin\w*|"
    r"clr|(?:the\s+)?study\s+(?:drug|medication|treatment))\b|"
    r"(?:discontinued|withdrawn|died|death|fallecid[oa]|falleci[óo])\s+(?:\w+\s+)?(?:before|antes\s+de(?:l|\s+la)?)\s+"
    r"(?:any\s+|ninguna\s+)?(?:dosing|enrol+ment|randomi[sz]ation|dosis|la\s+primera\s+dosis|"
    r"the\s+first\s+(?:dose|infusion))\b(?!\s+of\s+(?:cycle|c\d|the\s+(?:second|third|next)))|no\s+recibi[óo]\s+(?:ninguna|ni\s+una)\s+dosis|"
    # (not "we did not receive anything since September", a travel refund, dev-zb4)
    r"did\s*(?:not|n'?t)\s+(?:get|receive)\s+any(?!one|thing\s+(?:since|back|yet\s+for|for\s+(?:the|our|"
    r"his|her|gas|travel))|\s+(?:money|payment|refund|reimbursement|response|reply|answer|word|news|call|"
    r"e-?mail|letter|forms?|paperwork))|"
    r"before\s+(?:he|she|they)\s+could\s+(?:get|receive|be\s+(?:given|treated|dosed))|"
    r"nie\s+(?:zdążył\w*\s+)?otrzyma\w*\s+(?:\w+\s+)?(?:leku|dawki|iopofosyny|clr)|"
    r"(?:nooit|niet\s+meer)\s+gekregen)"))
# a dose said to have been given ("received two doses", "nach der zweiten Gabe", "after F2"):
# then "she did not get the third" is no never-given letter
_DOSE_GIVEN = gated(re.compile(
    r"(?i)(?:(?<!not\s)(?<!n't\s)(?<!never\s)(?<!\bno\s)(?<!nunca\s)(?<!\bnão\s)(?<!\bnon\s)\b(?:received|got|had|was\s+given|a\s+reçu|avait\s+reçu|"
    r"recibió|ha\s+ricevuto|recebeu|erhielt|hat\s+\w+\s+erhalten)\s+(?:\w+\s+){0,3}?(?:doses?|dosis|"
    r"infusions?|fractions?|frazion[ei]|fraç(?:ão|ões)|perfusions?|gaben?|iopofosin\w*|clr)\b|"
    r"\b(?:nach|after|since|après|tras|dopo|após)\s+(?:der|the|la|a|her|his)?\s*(?:zweiten|dritten|second|third|"
    r"deuxième|troisième|segunda|tercera|seconda|terza|2\.|2nd|3rd)\s*(?:gabe|dosis|dose|infusion|"
    r"fraktion|fraction|perfusion|frazione|fração|infusión|infusione)(?!\s+(?:of|with|de|di|von|met)\s+"
    r"(?!(?:iopofosin\w*|clr|cl?r[\s\-]?131|your|the\s+study|study)\b))|\bafter\s+f[1-9]\b|"
    r"\bcompleted\s+(?:cycles?|c\d|(?:\w+\s+)?(?:doses|infusions|fractions))|\b(?:after|since|following)\s+"
    r"(?:c|cycle\s*)[1-9]\b|\b(?:after|since|following)\s+the\s+(?:infusion|injection)\b|"
    r"\bpo\s+(?:drugiej|trzeciej|pierwszej|ostatniej)\s+dawce|\bna\s+de\s+(?:tweede|derde|eerste)\s+"
    r"(?:dosis|infusie|toediening))"))
# "before the third dose", "bevor er die dritte erhalten konnte": earlier doses were given
_LATER_DOSE = re.compile(r"(?i)\s*(?:\w+\s+){0,4}?(?:second|third|fourth|next|2nd|3rd|4th|zweite\w*|"
                         r"dritte\w*|nächste\w*|deuxième|troisième|prochaine|segunda|tercera|"
                         r"próxima|seconda|terza|prossima|terceira)\b")
_A_DEATH = re.compile(DEATH_WORDS, re.IGNORECASE)
_GIVEN_BEFORE = re.compile(r"(?i)\b(?:received|was\s+given|were\s+given|got|had|treated\s+with|"
                           r"dosed\s+with)\s+(?:(?:your|the|his|her|my)\s+(?:drug|medicine|"
                           r"treatment)\s*\(?\s*)?$")
# "I was a patient in the study", "sono stato paziente nello studio": the writer is the
# exposed person, so an event anywhere in the letter is theirs
_SELF_EXPOSED = re.compile(r"(?i)(?:sono\s+stat[oa]|ero|fui|j['’]ai\s+été|ich\s+war|i\s+was|i\s+am|"
                           r"i['’]m|i\s+have\s+been)\s|(?:brał[ae]m|uczestniczył[ae]m|participé|"
                           r"participei)\b")  # ("brałem udział": dev-z46)
# "My husband Marcus (52) was in your CLR 131 trial": the letter is about him, as "I was in
# your trial" is about the writer (an event anywhere in it is his)
_KIN_EXPOSED = re.compile(r"(?i)\b(?:my|our)\s+(?:husband|wife|father|mother|dad|mom|mum|son|daughter|"
                          r"brother|sister|partner)\b[^.\n]{0,50}\b(?:was|is|has\s+been)\s+$")
# How close (in characters) an exposure to our drug and a plain-words event must be.
_EXPOSURE_WINDOW = 300
_OTHER_MAIL_WINDOW = 700  # (mail that is no request; 600 for every message: +5 found, +16 false)


def _events(s: Scan) -> list[re.Match[str]]:
    """Untoward occurrences in plain words, less a death right *before* a first dose
    ("died before the first dose", not "before the third")."""
    out = []
    for m in s.matches("ae_plain_event"):
        if _A_DEATH.fullmatch(m.group(0)):
            before = _BEFORE_DOSE.match(s.text, m.end())
            if before and not _LATER_DOSE.match(s.text, before.end()):
                continue
        out.append(m)
    return out


def _never_given(s: Scan) -> bool:
    """The letter says the drug was never given and says no dose was ("He never received
    CLR 131 … declined quickly … died"): nothing it tells came after a dose."""
    never = s.search(_NEVER_GIVEN)
    if never is None:
        return False
    # (a dose inside the denial, "never actually got the dose", is none)
    return not any(not never.start() <= m.start() < never.end()
                   and not _NOT_YET.search(s.text, max(0, m.start() - 30), m.start())
                   for m in s.matches_of(_DOSE_GIVEN))


def _near(events: list[re.Match[str]], cues: list[re.Match[str]],
          window: int) -> tuple[re.Match[str], re.Match[str]] | None:
    for c in cues:
        for e in events:
            if abs(e.start() - c.start()) <= window:
                return e, c
    return None


# "screen-failed from the CLR 131 study", "Screen failure in the CLR 131 trial", "excluded
# from your trial": never dosed, so no exposure (a request quoting its labs is no report)
_NEVER_DOSED = re.compile(
    r"(?i)\b(?:screen(?:ed)?[\s\-]?fail\w*|failed\s+screening|excluded|not\s+eligible|ineligible|"
    r"(?:did\s+not|didn'?t|does\s+not|doesn'?t)\s+qualify|turned\s+down|rejected|"
    r"ausgeschlossen|nicht\s+geeignet|excluid[oa]|exclu(?:e|s)|escluso|esclusa|"
    r"wykluczon\w*|uitgesloten)\b[^.;!?\n]{0,40}$")


_TRIAL_WORD = re.compile(r"(?i)trial|stud|essai|étude|ensayo|estudio|estudo|ensaio|badani|onderzoek")


_NONE_BEFORE = re.compile(r"(?i)\b(?:none|no\s+one|nobody|never|not|neither|nor|keine?r?|niemand|"
                          r"personne|ninguno|nessuno|nenhum|nikt|geen|niet)\b[^.;!?\n]*$")
_NOT_YET = re.compile(r"(?i)(?:\bnot|n['’]t|\bnever)\s+(?:(?:yet|actually|really|even|ever|once)\s+)?$")
# (and a phone's "couldnt be in your clover trial", learnt from dev-zb8)
_NOT_IN = re.compile(r"(?i)(?:\bnot|n't|\bnever|\b(?:couldnt|cant|wasnt|werent|didnt|dont|doesnt|wont|"
                     r"isnt|arent|hasnt|havent|hadnt|wouldnt|shouldnt))\s+(?:\w+\s+)?$")


# "La prima somministrazione ... è prevista per lunedì", "the first dose is scheduled for":
# a dose to come, no exposure yet
_PLANNED_AFTER = re.compile(
    r"(?i)(?:[^.;!?\n]|(?<=\b\w)\.|(?<=\bsig)\.|(?<=\b[dm]r)\.){0,40}?\b(?:(?:è|e|est|está|is|ist|staat|jest|será|sera|will\s+be)\s+"
    r"(?:now\s+|ora\s+)?(?:prevista|previsto|prévue?|programad[ao]|scheduled|planned|geplant|gepland|"
    r"zaplanowan\w*|planead[ao]|pianificat[ao])|(?:not|noch\s+nicht|pas\s+encore|todavía\s+no|"
    r"ancora|nog\s+niet)\s+(?:yet\s+)?(?:given|gegeben|administr\w+|somministrat\w+|toegediend))\b")


def _never_dosed(text: str, m: re.Match[str]) -> bool:
    """A trial mention right after a screen failure or exclusion, or right after "not"
    ("even if I am not in the study"); never a dose, a drug given or a subject number
    ("excluded from the substudy, subject 101-004 developed…")."""
    if _PLANNED_AFTER.match(text, m.end()):
        return True
    return _TRIAL_WORD.search(m.group(0)) is not None and (
        _NEVER_DOSED.search(text, max(0, m.start() - 60), m.start()) is not None
        or _NOT_IN.search(text, max(0, m.start() - 20), m.start()) is not None
        or _EXCLUDED_AFTER.match(text, m.end()) is not None)


# (learnt from dev-zb8) "tried to get me in your clover trial for the radioactive drug but i
# got excluded at screening": the exclusion told after the trial
_EXCLUDED_AFTER = re.compile(r"(?i)[^.;!?\n]{0,60}?\b(?:but|and|then)\s+(?:i|he|she|they|we)\s+"
                             r"(?:got|was|were|"
                             r"have\s+been|has\s+been)\s+(?:\w+\s+)?(?:excluded|rejected|turned\s+down|"
                             r"screen[\s\-]?failed|not\s+eligible|ineligible|declined)\b")


def _dose_denied(text: str, d: re.Match[str]) -> bool:
    """A dose the letter says nobody received ("none of our clients received it", "never
    got a dose") or one never given (see :func:`_never_dosed`)."""
    return _never_dosed(text, d) or _NONE_BEFORE.search(text, max(0, d.start() - 40),
                                                        d.start()) is not None


AdverseFlags = tuple[tuple[bool, Reason], tuple[bool, Reason], tuple[bool, Reason]]


def adverse_events(text: str | Scan, rules: Rules) -> AdverseFlags:
    """The adverse-event flag for a new message, for a message in an EA case, and for
    other mail (no request: a participant's visit, form or record, where an exposure and
    an event further apart than in a request are still one person's).

    Pharmacovigilance intake is sensitive by design: any untoward medical
    occurrence, in plain words, in a person exposed to our drug. Exposure is
    a trial/study participant, a dose, fraction or infusion of ours, our
    drug named with a dosing word, or — inside an EA case — "after the
    treatment". Not an AE: a death before any dose, a general question about
    side effects with no patient, events in a history with no exposure to our
    drug (a new request's "admitted after R-CHOP").
    """
    s = _scan(text, rules)
    # (the review of session 25: not "has not yet had the infusion", "never actually got the
    # dose"; "did not tolerate the infusion" is a dose)
    exposure = [m for m in s.matches("ae_exposure") if not _never_dosed(s.text, m)
                and not _NOT_YET.search(s.text, max(0, m.start() - 30), m.start())]
    dosing = [m for m in s.matches("adverse_received") if not _never_dosed(s.text, m)
              and not _NOT_YET.search(s.text, max(0, m.start() - 30), m.start())]
    if not exposure and not dosing and s.search(_EXPLICIT_AE) is None:
        # no exposure to anything and no safety wording: nothing to report (the
        # common case, and the cheap one); a letter that says the drug was never given says
        # so to the flag model too ("he never actually got the dose ... admitted")
        none = False, Reason("flag", "no-adverse-event", "the letter says the drug was never "
                             "given" if _never_given(s) else "checked safety cues: none")
        return none, none, none
    events = _events(s)
    legacy = list(s.matches("adverse_event"))
    if (events or legacy) and _never_given(s):
        none = False, Reason("flag", "no-adverse-event", "the letter says the drug was never "
                             "given: no event in it came after a dose")
        return none, none, none
    if not events and not legacy:
        none = False, Reason("flag", "no-adverse-event", "checked safety cues: none")
        return none, none, none
    specific = s.find("specific_patient") is not None
    events = [e for e in events if specific or not _GENERAL_AE.match(e.group(0))]
    drug = s.find("drug_names")

    def found(event: re.Match[str], cue: re.Match[str], why: str) -> tuple[bool, Reason]:
        return True, Reason("flag", "adverse-event",
                            f"{why}: {event.group(0)!r} near {cue.group(0)!r}")

    hit = _near(events, exposure, _EXPOSURE_WINDOW) or _near(
        events, [m for m in exposure if _SELF_EXPOSED.match(m.group(0)) or _KIN_EXPOSED.search(
            s.text, max(0, m.start() - 80), m.start())], len(s.text))
    if hit:
        flag = found(*hit, "event in a person exposed to our drug")
        return flag, flag, flag
    dosed: list[re.Match[str]] = []
    given: list[re.Match[str]] = []
    if drug:  # "received iopofosine", "the CLR 131 infusion", "after iopofosine"
        names = list(s.matches("drug_names"))
        dosed = [d for d in dosing if any(abs(d.start() - n.start()) <= 60 for n in names)
                 and not _dose_denied(s.text, d)]
        # "received your drug (CLR 131) through the expanded access program": given, in so
        # many words; an event anywhere in the letter is after it
        given = [n for n in names if _GIVEN_BEFORE.search(s.text, max(0, n.start() - 40), n.start())]
        hit = _near(events + legacy, dosed, _EXPOSURE_WINDOW) or _near(events, given, len(s.text))
        if hit:
            flag = found(*hit, f"event after a dose of {drug.text!r}")
            return flag, flag, flag
    near_dose = _near(events + legacy, dosing, _EXPOSURE_WINDOW)
    none = False, Reason("flag", "no-adverse-event",
                         "checked safety cues: no event near an exposure to our drug")
    if near_dose and exposure:
        # "I'm a patient in your study ... my platelets fell after each dose": exposed (far
        # from the event) and the event after a dose
        flag = found(*near_dose, f"exposed ({exposure[0].group(0)!r}) and an event after a dose")
        return flag, flag, flag
    # in a case (or a letter naming one), an exposure anywhere and an event anywhere: a patient's
    # week-by-week diary puts them far apart
    # (learnt from dev-za1) a dose of ours given in so many words ("the iopofosine dose received
    # 11/8 and administered 11/9") and, paragraphs on, "her second admission ... for bleeding"
    in_case_hit = near_dose or _near(events + legacy, exposure + dosed, len(s.text))
    # other mail: a participant's letter about a visit or a form tells the event a
    # paragraph or two from the study it names
    # (a dose of our drug is an exposure too: "die Infusion (CLR 131) bekommen ... seitdem
    # Durchfall", a nursing service's question two paragraphs on)
    wide = _near(events, exposure + dosed, _OTHER_MAIL_WINDOW)
    other = found(*wide, "in mail that is no request, event in a person exposed to our "
                  "drug") if wide else none
    if in_case_hit:
        return none, found(*in_case_hit, "in an EA case, event after a dose"), other
    explicit = next((m for m in s.matches_of(_EXPLICIT_AE) if not _general_question(s.text, m)), None)
    if explicit and specific:
        wording = True, Reason("flag", "adverse-event", f"safety wording {explicit.group(0)!r} "
                               "about a patient")
        return (wording if drug else none), wording, (wording if drug else other)
    if explicit and events:
        # in a case: "V.L. admitted, neutropenic fever, ANC 0.2. SAE form to follow" — the
        # safety wording and an event in the case's later mail, its patient named or not
        return none, (True, Reason("flag", "adverse-event", f"in an EA case, safety wording "
                                   f"{explicit.group(0)!r} and an event: {events[0].group(0)!r}")), other
    return none, none, other


_OURS = re.compile(r"(?i)\b(?:your|votre|vos|vostr[oa]|ihre[mnrs]?|uw|vosso|vossa|wasz\w*|cellectar)\b")


def exposure_of(text: str | Scan, rules: Rules, *, given_only: bool = False) -> str | None:
    """A person's exposure to *our* drug that the letter tells (a participant in our study,
    a dose of ours given; ``given_only``: only a dose given right before our drug's name),
    for the request judgement: None if it tells none."""
    s = _scan(text, rules)
    names = list(s.matches("drug_names"))
    for m in () if given_only else s.matches("ae_exposure"):
        if not _never_dosed(s.text, m) and not m.group(0).lower().startswith("from ") and (
                _OURS.search(m.group(0)) or any(abs(m.start() - n.start()) <= 80 for n in names)):
            return m.group(0)  # (not "the drug from your trial": what is asked for)
    for d in s.matches("adverse_received"):
        if d.group(0).endswith("ć"):
            continue  # "otrzymać": to receive, not received
        if any(0 <= n.start() - d.end() <= 30 for n in names) and not _dose_denied(s.text, d):
            return d.group(0)
    return None


def half_a_report(text: str | Scan, rules: Rules, *, asks: bool = False) -> bool:
    """Whether the letter holds half a safety report the rules could not complete: an
    untoward occurrence in plain words in a letter about our drug, a study or a safety
    report ("SAE", "adverse event"). Mentions of
    exposure that the letter itself denies ("not in the study", "screen-failed", "the
    first dose is planned", "none of our clients received it") do not count, nor does our
    drug's name or a study named within such a mention or near it; a letter that says the
    drug was never given holds none, and neither does one that denies an exposure and
    ``asks`` for our drug (a request: "can I get CLR 131 even if I am not in the
    study?"). The adverse-event model judges only such letters
    (:mod:`bot.classify.model_flags`)."""
    s = _scan(text, rules)
    if s.find("ae_plain_event") is None or _never_given(s):
        return False
    exposure = list(s.matches("ae_exposure"))
    denied = [m for m in exposure if _never_dosed(s.text, m)]
    if len(denied) < len(exposure):
        return True  # an exposure the letter does not deny
    denied += [d for d in s.matches("adverse_received") if _dose_denied(s.text, d)]
    if denied and asks:
        return False  # the person asked for is the one the letter says never had it
    near = [(m.start() - _DENIED_NEAR, m.end() + _DENIED_NEAR) for m in denied]

    def free(m: re.Match[str]) -> bool:
        return not any(a <= m.start() and m.end() <= b for a, b in near)

    # (a vaccine's second dose and a fever: nothing of ours; a site's SAE listing: ours)
    return any(free(m) for m in s.matches("drug_names")) or any(
        free(m) for m in _STUDY_WORD.finditer(s.text)) or any(
        free(m) for m in s.matches_of(_EXPLICIT_AE))


# How far around a denied exposure our drug's name or a study is part of the denial
# ("was not in your CLR 131 trial", "CLR 131: none of our clients received it").
_DENIED_NEAR = 80
# A study named in so many words (not "student", "industrial" or "studio" in a drawing
# room: whole words only)
_STUDY_WORD = re.compile(r"(?i)\b(?:trials?|stud(?:y|ies|ie|ien)\w*|essais?|études?|etudes?|"
                         r"ensayos?|estudios?|estudos?|ensaios?|badani[ae]\w*|onderzoek\w*)\b")


def earlier_exposure(history: str | Scan, rules: Rules) -> str | None:
    """The exposure to our drug that the sender's own earlier letter told (``history``: the
    letter this one quotes): a trial participant, a dose of ours."""
    s = _scan(history, rules)
    cue = next((m for m in s.matches("ae_exposure") if not _never_dosed(s.text, m)), None)
    return None if cue is None else cue.group(0)


def with_earlier_exposure(flags: AdverseFlags, own: Scan, exposure: str | None) -> AdverseFlags:
    """A reply whose own words tell an event ("he was admitted last night with a GI bleed")
    of a person its sender's quoted earlier letter said was exposed ("had his infusion of
    the CLR drug on 19th January"): one person's event after our drug. For mail that is no
    request only (a request's quoted letter tells a protocol it was *not* let into)."""
    if exposure is None or flags[2][0] or _never_given(own):
        return flags
    events = _events(own)
    if not events:
        return flags
    hit = True, Reason("flag", "adverse-event", f"event {events[0].group(0)!r} in a person the "
                       f"sender's quoted earlier letter says was exposed ({exposure!r})")
    return flags[0], flags[1], hit


def dose_given_in(text: str | Scan, rules: Rules) -> str | None:
    """A dose of our drug that ``text`` says was given, in so many words, right before the
    drug's name ("R.H. received iopofosine dose 1", "had his CLR 131"), not denied ("has
    not yet received iopofosine"); not "request received - iopofosine"."""
    s = _scan(text, rules)

    def denied(at: int) -> bool:
        return _NONE_BEFORE.search(s.text, max(0, at - 40), at) is not None

    for n in s.matches("drug_names"):
        given = _GIVEN_BEFORE.search(s.text, max(0, n.start() - 40), n.start())
        if given is not None and not denied(given.start()) and \
                _TO_BE.search(s.text, max(0, given.start() - 30), given.start()) is None:
            return s.text[given.start():n.end()]
        # "C1D1 (iopofosine) given 11/17", "First fraction of CLR 131 infused Monday",
        # "Iopofosine dose 1 went in on 11/17", "completed fraction 1 of CLR-131"
        done = _DOSE_DONE.search(s.text, max(0, n.start() - 60), min(len(s.text), n.end() + 60))
        if done is not None and not denied(done.start()):
            return done.group(0)
    return None


_TO_BE = re.compile(r"(?i)\b(?:to|will|would|shall|could)\s+(?:be\s+|have\s+)?$")
_DOSE_DONE = re.compile(
    r"(?i)\b(?:(?:c\d{1,2}d\d{1,2}|(?:dose|fraction|infusion|cycle)\s*#?\d{1,2}|(?:first|second|third|"
    r"1st|2nd|3rd)\s+(?:dose|fraction|infusion))\b[^.;\n]{0,40}?(?<!to\sbe\s)(?<!will\sbe\s)\b(?:given|"
    r"infused|administered|completed|went\s+in|done)\b|\bcompleted\s+(?:dose|fraction|infusion|cycle)\s*"
    r"#?\d{1,2}\b)")


def in_thread_exposure(flags: AdverseFlags, own: Scan,
                       exposure: Callable[[], str | None]) -> AdverseFlags:
    """(learnt from dev-z91) A reply in an EA case whose own words tell an event ("Admitted
    last night with fever 38.9, rigors. ANC 0.3") when the thread it quotes says the patient
    got our drug ("R.H. received iopofosine dose 1 on 11/17", the nurse's update): an event
    after a dose in that case. The flag for a message in an EA case only. (``exposure``:
    asked only when the reply tells an event. The reply's own "he never had any fevers
    before" does not deny the dose its thread tells.)"""
    if flags[1][0]:
        return flags
    events = _events(own)
    told = exposure() if events else None
    if told is None:
        return flags
    hit = True, Reason("flag", "adverse-event", f"in an EA case, event {events[0].group(0)!r} "
                       f"in a patient the quoted thread says was exposed ({told!r})")
    return flags[0], hit, flags[2]


def adverse_event(text: str | Scan, rules: Rules, *, in_case: bool) -> tuple[bool, Reason]:
    """An event after someone received the drug (a safety report).

    Both cues must occur within a short window; an explicit 'adverse event' /
    'side effect' phrase counts on its own when our drug is named or the
    message belongs to an EA case.
    """
    outside, inside, _ = adverse_events(text, rules)
    return inside if in_case else outside
