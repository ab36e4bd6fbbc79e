"""Content rules: is this an expanded-access request, and who asks?  [pure]

A small evidence score, every point of which is a :class:`Reason`. Misses
cost more than false alarms: a human message that *might* be a request is
returned as a request marked for review rather than filed as ``other``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import lru_cache

from bot.classify.flags import exposure_of
from bot.classify.lowered import lower_text, lowered
from bot.classify.names import person_name, unaccented
from bot.classify.rules import Rules
from bot.classify.scan import Scan, gated
from bot.model import Reason, Role

# Score at or above which a message is a request; one point less means
# "request, marked for review".
REQUEST_THRESHOLD = 4
_TOKEN = re.compile(r"[a-zà-ÿ0-9]{7,14}", re.IGNORECASE)
_QUOTED = re.compile(r"^\s*>.*$", re.MULTILINE)
_QUOTE_HEADER = re.compile(
    r"^(?:-{2,}\s*original message\s*-{2,}|on .{5,120} wrote:|am .{5,80} schrieb .*:|"
    r"le .{5,80} a écrit\s*:|el .{5,80} escribió:|from:\s.*\nsent:\s.*|"
    # the same in the other languages' mail clients (Outlook's header block, Gmail's line)
    r"(?:von|van|de|da|od)\s?:\s.*\n(?:gesendet|verzonden|envoyé|enviado|inviato|wysłano)\s?:\s.*|"
    r"em .{5,120} escreveu:|il giorno .{5,120} ha scritto:|op .{5,120} schreef .{0,80}:|"
    r"w dniu .{5,120} napisał\w*:)",
    re.IGNORECASE | re.MULTILINE,
)


# A forward: what it quotes is its substance (a GP forwards a family's letter, a nurse a
# patient's portal message), so the quoted text is kept, less the quote marks.
_FORWARD_SUBJECT = re.compile(r"^\s*\[?(?:fwd?|wg|tr|rv|i|enc|doorst|pd)\s*:", re.IGNORECASE)
_FORWARD_MARK = re.compile(
    r"-{2,}\s*(?:forwarded\s+message|weitergeleitete\s+nachricht|message\s+transf[ée]r[ée]|"
    r"mensaje\s+reenviado|messaggio\s+inoltrato|mensagem\s+encaminhada|doorgestuurd\s+bericht|"
    r"wiadomo[śs][ćc]\s+przekazana)|\bbegin\s+forwarded\s+message\b|"
    r"\bforwarding\s+(?:you\s+)?(?:this|the\s+(?:below|following|attached)|a|an|her|his|their|my|our)\s+"
    r"(?:[\w\-]+\s+){0,3}(?:message|mail|e-?mail|letter|request|note|enquiry|inquiry|question)\b|"
    r"\bforwarding\s+(?:below|the\s+message\s+below)\b",
    re.IGNORECASE)
QUOTE_MARKS = re.compile(r"^[ \t]*(?:>[ \t]?)+", re.MULTILINE)
ATTACHED = "\n[attached]\n"  # between a letter's own text and its attachments' text


def _signed_above(letter: str, line: str) -> str:
    """A signature's physician line with the two lines above it, as the letter has them."""
    at = letter.rfind(line.strip())
    if at < 0:
        return line
    lines = letter[:at].rstrip("\n").split("\n")[-2:]
    return "\n".join([*lines, line])


def _letter(text: str) -> str:
    """The letter itself: its own text, without the attachments read with it."""
    return text.split(ATTACHED, 1)[0]
_FORWARD_MARK_GATED = gated(_FORWARD_MARK)  # (no prefix to scan for: its RE2 twin rules it out)


def _is_forward(subject: str, body: str) -> bool:
    """A forward: by its subject, or a forward mark in the body's first 3,000 characters."""
    return bool(_FORWARD_SUBJECT.match(subject)) or \
        Scan(body[:3000], {}).search(_FORWARD_MARK_GATED) is not None


_QUOTE_HEADER_LOW = lowered(_QUOTE_HEADER)


@lru_cache(maxsize=8)
def _quote_header(body: str) -> int | None:
    """Where the first quote header of ``body`` starts (None: it has none); searched on
    the lower-cased body where that finds the same (twice as fast: bot/classify/lowered.py);
    cached: own_text and quoted_history read the same body."""
    low = lower_text(body) if _QUOTE_HEADER_LOW is not None else None
    found = _QUOTE_HEADER.search(body) if low is None or _QUOTE_HEADER_LOW is None \
        else _QUOTE_HEADER_LOW.search(low)
    return None if found is None else found.start()


def own_text(subject: str, body: str, limit: int = 20_000) -> str:
    """Subject plus the body without quoted history (what the sender wrote); of a
    forward, the forwarded text too."""
    if _is_forward(subject, body):
        return f"{subject}\n{QUOTE_MARKS.sub('', body[:limit]) if '>' in body else body[:limit]}"
    cut = _quote_header(body)
    if cut is not None and cut > 40:
        body = body[:cut]
    if ">" in body:  # (every quoted line has one)
        body = _QUOTED.sub("", body)
    return f"{subject}\n{body[:limit]}"


def quoted_history(subject: str, body: str, limit: int = 20_000) -> str:
    """What :func:`own_text` leaves out of a reply: the history it quotes, without quote
    marks ("" for a forward, whose quoted text is its own)."""
    if _is_forward(subject, body):
        return ""
    cut = _quote_header(body)
    head, rest = (body[:cut], body[cut:limit]) if cut is not None and cut > 40 else (body, "")
    quoted = "\n".join(m.group(0) for m in _QUOTED.finditer(head[:limit])) if ">" in head else ""
    return QUOTE_MARKS.sub("", f"{quoted}\n{rest}" if quoted else rest)


def fuzzy_drug(text: str, rules: Rules) -> str | None:
    """A token that looks like a misspelling of one of our drug names."""
    # One matcher per name, reused (difflib caches the name's side); the
    # quick ratios are documented upper bounds of ratio(), so a token they
    # rule out could not have reached the threshold.
    matchers = [(name, SequenceMatcher(None, "", name)) for name in rules.drug_fuzzy]
    for token in _TOKEN.findall(text):
        assert isinstance(token, str)
        low = token.lower()
        for name, sm in matchers:
            if low[0] != name[0] or abs(len(low) - len(name)) > 3:
                continue
            sm.set_seq1(low)
            if sm.real_quick_ratio() >= 0.75 and sm.quick_ratio() >= 0.75 and sm.ratio() >= 0.75:
                return token
    return None


@dataclass(frozen=True)
class ContentVerdict:
    is_request: bool
    needs_review: bool
    score: int
    reasons: tuple[Reason, ...]


def _scan(text: str | Scan, rules: Rules) -> Scan:
    return text if isinstance(text, Scan) else rules.scan(text)


_ACQUIRE = gated(re.compile(
    r"\b(?:get|receive|obtain|access|acquire|supply|provide|make\s+available|treat(?:ed)?\s+"
    r"(?:him|her|them|my|our|this|the)\b|use\s+(?:it|your|the)|try\s+(?:it|your|the)|give\s+(?:him|her)|"
    r"be\s+(?:given|treated|considered|eligible\s+for\s+(?:expanded|compassionate))|"
    r"erhalten|bekommen|behandeln|recibir|obtener|tratar|recevoir|obtenir|traiter|ricevere|"
    r"ottenere|trattare|receber|obter|tratar)\b",
    re.IGNORECASE,
))


def judge_request(text: str | Scan, rules: Rules) -> ContentVerdict:
    """Score the evidence that ``text`` (see :func:`own_text`) asks for EA.

    Three questions, each worth points: is it about our drug or access to an
    investigational drug (topic)? does it ask for it (ask)? for a specific,
    ill person (patient)? Traps subtract. Without a topic it is never a
    request; without a specific patient it is at most borderline.
    """
    reasons: list[Reason] = []
    score = 0

    def add(points: int, rule: str, detail: str) -> None:
        nonlocal score
        score += points
        sign = f"+{points}" if points >= 0 else str(points)
        reasons.append(Reason("content", rule, f"{sign} {detail}"))

    # Lists whose result cannot change the verdict or its reasons (given
    # what was found before) are not searched: see the uses below.
    s = _scan(text, rules)
    drug = s.hit("drug_names") or fuzzy_drug(s.text, rules)
    generic = None if drug else s.hit("generic_drug")
    access = s.hit("access_phrases")
    weak = None if access else s.hit("weak_access")
    intent = s.hit("request_intent")
    acquire = s.search(_ACQUIRE)  # always: the "ask" detail below reads it even with intent
    specific = s.hit("specific_patient")
    denied = s.search(_NO_PATIENT) if specific else None
    if denied is not None:  # (the cues outside the denial still count)
        specific = next((m.group(0) for m in s.matches("specific_patient")
                         if not denied.start() <= m.start() < denied.end()), None)
    illness = s.find_all("patient_context", limit=6)
    excluded = s.hit("trial_excluded")
    enrol = None if access else s.hit("trial_enrolment")
    assist = None if access else s.hit("approved_drug_assistance")
    approval = None if access else s.hit("approval_question")
    participant = None if access or excluded else s.hit("trial_participant")
    treated = s.hit("already_treated") if drug or access else None
    if treated and _someone_elses(s.text, treated):
        treated = None  # "a friend from our support group received the drug under EA"
    # access asked for another company's drug ("compassionate access to ZN-414"), ours unnamed
    other = None if drug else (s.search(_OTHER_DRUG) or s.search(_OTHER_DRUG_NEAR))
    business = s.find_all("business_topics", limit=3)

    if drug:
        add(2, "drug", f"names our drug: {drug!r}")
    elif generic:
        add(1, "generic-drug", f"names an investigational drug generically: {generic!r}")
    if access:
        add(3, "access-phrase", f"expanded-access wording: {access!r}")
    elif weak:
        add(1, "weak-access", f"'compassionate' wording (also used for approved drugs): {weak!r}")
    if intent or acquire:
        add(1, "ask", f"asks for something: {intent or (acquire.group(0) if acquire else '')!r}")
    if specific:
        add(1, "specific-patient", f"a specific patient: {specific!r}")
    distinct = list(dict.fromkeys(m.text.lower() for m in illness))
    if distinct:
        add(1, "illness", f"illness or treatment history: {distinct[0]!r}")
    medicine = None
    if not (drug or generic or access or weak) and (specific or illness):
        m = s.search(_ASK_MEDICINE)
        medicine = m.group(0) if m else None
        if medicine:
            add(1, "asks-for-medicine", f"asks whether a patient can get a medicine: {medicine!r}")
    if excluded and (drug or generic or enrol or access or medicine):
        add(3, "trial-excluded", f"cannot be in the trial but wants the drug: {excluded!r}")
    elif enrol and not access:
        add(-3, "trial-enrolment", f"trap: a trial-enrolment question, not EA: {enrol!r}")
    if assist and not access:
        add(-2, "approved-drug-help", f"trap: help with approved/paid medicines: {assist!r}")
    if approval and not access:
        add(-2, "approval-question", f"asks about approval/availability: {approval!r}")
    if other:
        add(-2, "other-drug", "asks about another company's drug, not ours: "
            f"{next(g for g in other.groups() if g)!r}")
    thyroid = s.search(_THYROID) if drug and _RADIOIODINE.fullmatch(drug) else None
    if thyroid and not s.search(_OUR_INDICATIONS):
        # "cápsulas de yodo radiactivo" for a thyroid: sodium iodide, not ours (a review case)
        add(-2, "other-drug", f"radioactive iodine for the thyroid, not ours: {thyroid.group(0)!r}")
    if treated:
        add(-2, "already-treated", f"the patient already had our drug under expanded access: "
            f"{treated!r}")
    if participant and not (access or excluded):
        add(-2, "trial-participant", f"about a trial participant, not new access: {participant!r}")
    elif not (treated or participant or excluded) and (drug or generic):
        # (learnt from dev-z54/z55) a letter about a person who already had our drug (a former
        # participant's daughter at a genetic counsellor, a mortuary, an emergency room): no
        # new request unless it asks for the drug again (then a human decides); with access
        # wording, only a dose given in so many words ("recibió su medicamento, el CLR 131,
        # por uso compasivo")
        dosed = exposure_of(s, rules, given_only=bool(access))
        if dosed and not s.search(_AGAIN):  # (asking for it again is a request: issue 11)
            add(-2, "exposed-person", f"about a person who already received our drug: {dosed!r}")
    if business:
        add(-2, "business", f"a non-request topic: {business[0].text!r}")
        if len({b.text.lower() for b in business}) >= 2:
            add(-1, "business", f"another non-request topic: {business[1].text!r}")

    if not (drug or generic or access or weak or excluded or medicine):
        reasons.append(Reason("content", "no-topic", "neither our drug nor access wording"))
        return ContentVerdict(False, False, min(score, REQUEST_THRESHOLD - 2), tuple(reasons))
    # There is request evidence. From here a negative rule can lower the
    # confidence (to a case marked for review) but files the message away only
    # when it is specific and nothing speaks against it.
    negatives = [r.rule for r in reasons if r.detail.startswith("-")]
    asks = bool(intent or acquire or excluded or medicine)
    strong = bool(drug or access or excluded)
    if not specific:
        if business or not strong or not (asks or access):
            why = (f"a non-request topic ({business[0].text!r})" if business else
                   "no specific patient" + ("" if asks else " and no ask"))
            reasons.append(Reason("content", "no-patient",
                                  f"talks about our drug or access but {why}: not a request"))
            return ContentVerdict(False, False, min(score, REQUEST_THRESHOLD - 2), tuple(reasons))
        reasons.append(Reason("content", "review", "our drug or access wording, but it names "
                              "no specific patient: opened for human review"))
        return ContentVerdict(True, True, score, tuple(reasons))
    if score >= REQUEST_THRESHOLD and not negatives and (strong or asks):
        reasons.append(Reason("content", "score", f"score {score} (threshold "
                              f"{REQUEST_THRESHOLD}): request"))
        return ContentVerdict(True, False, score, tuple(reasons))
    if negatives and not asks and not strong:
        reasons.append(Reason("content", "negative", f"{', '.join(negatives)} with no ask and no "
                              "access wording: not a request"))
        return ContentVerdict(False, False, score, tuple(reasons))
    doubt = (f"request evidence, but {', '.join(negatives)}" if negatives
             else f"weak evidence (score {score})")
    reasons.append(Reason("content", "review", f"{doubt}: opened for human review, "
                          "never filed away"))
    return ContentVerdict(True, True, score, tuple(reasons))


# our drug asked for again: a former participant's or patient's new request
_AGAIN = gated(re.compile(
    r"(?i)\b(?:again|once\s+more|another\s+(?:course|round|dose|cycle)|second\s+(?:course|round|cycle)|"
    r"re-?treat\w*|retratamiento|retratamento|ritrattamento|re-?traitement|wiederbehandlung|"
    r"herbehandeling|ponown\w*|de\s+nuevo|otra\s+vez|nuevamente|di\s+nuovo|ancora\s+una\s+volta|"
    r"de\s+nouveau|à\s+nouveau|nochmals|erneut|noch\s+einmal|novamente|de\s+novo|outra\s+vez|"
    r"opnieuw|nogmaals|segund[oa]\s+(?:curso|ciclo|tratamiento|tratamento)|secondo\s+ciclo|"
    r"deuxième\s+(?:cure|cycle|traitement)|zweite[nr]?\s+(?:zyklus|behandlung|kurs))\b"))


# the generic name a family may give our drug, and what marks it as thyroid radioiodine
# ("radioactive iodine", "yodo radiactivo", "con yodo", "the iodine drug", "yodo-131": iodine,
# with one word before or after, and no name of ours)
_RADIOIODINE = re.compile(r"(?i)(?:radio[\s\-]?(?:active\s+)?iodine|(?:\w+[\s\-]+)?"
                          r"(?:iodine|yodo|iodo|iodio|iode|jod\w*)(?:[\s\-]*131|[\s\-]+\w+)?)")
# (learnt from dev-za1) the writer says there is no patient yet: "Al momento non ho un
# paziente specifico", "I don't have a specific patient in mind": a policy question, whose
# "un paziente" is no specific patient
_NO_PATIENT = gated(re.compile(
    r"(?i)\b(?:(?:do\s+not|don'?t|does\s+not|doesn'?t|not|no)\s+(?:currently\s+|yet\s+)?(?:have\s+|about\s+|"
    r"regarding\s+|concern\s+)?(?:a\s+|any\s+)?(?:specific|particular|individual|concrete)\s+patient|"
    r"no\s+(?:specific\s+|particular\s+)?patient\s+in\s+mind|"
    r"non\s+(?:ho|abbiamo|si\s+tratta\s+di|riguarda)\s+(?:(?:al|per\s+il)\s+momento\s+|ancora\s+)?"
    r"(?:un|alcun|nessun)\s+paziente\s+(?:specifico|in\s+particolare|concreto)|"
    r"nessun\s+paziente\s+(?:specifico|in\s+particolare|concreto)|"
    r"no\s+(?:tengo|tenemos|se\s+trata\s+de|es\s+para)\s+(?:(?:por\s+)?ahora\s+|de\s+momento\s+|todavía\s+)?"
    r"(?:un|ningún)\s+paciente\s+(?:concreto|específico|en\s+particular)|"
    r"ningún\s+paciente\s+(?:concreto|específico|en\s+particular)|"
    r"(?:pas|aucun)\s+(?:de\s+|d'un\s+)?patiente?\s+(?:précis|particulier|spécifique|concret)e?|"
    r"(?:keinen|kein|keine)\s+(?:konkreten|bestimmten|spezifischen)\s+(?:patient\w*|fall)|"
    r"geen\s+(?:specifieke|concrete|bepaalde)\s+pati[eë]nt|"
    r"não\s+(?:tenho|temos|se\s+trata\s+de)\s+(?:ainda\s+)?(?:um|nenhum)\s+paciente\s+(?:específico|concreto)|"
    r"nenhum\s+paciente\s+(?:específico|concreto)|"
    r"nie\s+(?:mam|mamy|dotyczy)\s+(?:jeszcze\s+)?(?:konkretnego|określonego)\s+pacjenta)"))
_THYROID = gated(re.compile(r"(?i)\b(?:thyroid\w*|tiroides|tiroidea|thyroïd\w*|tiroide\w*|tireoide|"
                            r"schilddrüse\w*|schildklier\w*|tarczyc\w*|hipertiroid\w*|hyperthyr\w*|"
                            r"ipertiroid\w*|graves|basedow\w*|c[áa]psulas?|capsules?|kapseln?)\b"))
_OUR_INDICATIONS = gated(re.compile(
    r"(?i)\b(?:myelom\w*|mielom\w*|lymphom\w*|linfom\w*|waldenstr\w*|leuk[aä]?emi\w*|leucemi\w*|"
    r"glioma\w*|sarcom\w*|neuroblastom\w*|iopofosin\w*|clr)\b"))


# "access to ZN-414 (zelnorvimab)", "compassionate use of linvoseltamab": a product code or
# an antibody/inhibitor/cell-therapy name as what access is asked for (ours is never one)
# an antibody's, inhibitor's or cell therapy's international name (ours is never one)
_INN_NAME = r"[a-z]{4,}(?:mab|nib|cel|stat|lisib|parib|degib|zomib|tide|cept)"
_OTHER_DRUG = gated(re.compile(
    r"\b(?:access|use|supply|provision|availability|request\w*|programme|program)\s+(?:\w+\s+){0,2}?"
    rf"(?:to|of|for)\s+(?:the\s+)?((?-i:[A-Z]{{2,5}})[\s\-]?\d{{2,6}}(?![\d\-])|{_INN_NAME}\b)",
    re.IGNORECASE))


# (learnt from dev-z65) the same in the other languages, either order: "obtenir le naxitamab en
# accès compassionnel", "dinutuximab por uso compasivo"
_INN = rf"({_INN_NAME})"
_ACCESS_WORD = (r"(?:accès|acceso|acesso|accesso|zugang|toegang|dostęp\w*|compassionnel|compasivo|"
                r"compassionevole|compassivo|härtefall\w*|obtenir|obtener|obter|ottenere|compassionate)")
_OTHER_DRUG_NEAR = gated(re.compile(
    rf"\b{_INN}\b[^.\n]{{0,60}}?\b{_ACCESS_WORD}\b|\b{_ACCESS_WORD}\b[^.\n]{{0,40}}?\b{_INN}\b",
    re.IGNORECASE))


_ASK_MEDICINE = gated(re.compile(
    r"(?:get|receive|have|try|obtain|be\s+given|access)\s+(?:the|this|that|your|a|any)?\s*"
    r"(?:new\s+|experimental\s+|study\s+|trial\s+|radioactive\s+|iodine\s+)*"
    r"(?:medicine|medication|drug|treatment|therapy|infusion)|"
    r"(?:medicine|medication|drug|treatment|therapy)\s+(?:for\s+)?(?:him|her|my\s+\w+)\b",
    re.IGNORECASE,
))


_SIG_PHYSICIAN = re.compile(
    # (DO only in capitals: "for the work you do." is no osteopath's degree)
    r"(?:,\s*|\s)(?:m\.?d\.?|(?-i:D\.O\.|DO\b)|mbbs|mbchb|frcpc?|mrcp|facp|dr\.?\s*med\.?)(?:\b|$)|"
    # ("Pr" only so written: the French professor's title, not "PR team")
    # (learnt from dev-z82) an academic rank before the title: "Assoc. Prof. Dr.", "Doç. Dr."
    r"^\s*(?:(?:assoc(?:iate)?|assist(?:ant)?|doç|doc|priv\.-doz|pd)\.?\s+(?:prof\.?\s+)?(?=dr\b|prof\b))?"
    r"(?:dr\.?|prof\.?|professor|doctor|dra\.|dott\.(?:ssa\.?)?|dott|dott\.?ssa|(?-i:Pr)\.?)\s+\w|"
    # a physician's title on a signature line ("kinderoncoloog, Noorderkempen", "Oberarzt")
    r"^[^\n]{0,40}\b(?:(?:pediatric\s+|paediatric\s+|consultant\s+)?(?:oncologist|ha?ematologist)|"
    r"(?:kinder)?(?:oncoloog|hematoloog)|kinderarts|ober[äa]rzt\w*|fach[äa]rzt\w*|assistente\s+hospitalar|"
    r"praticien\s+hospitalier|facultativo\s+especialista|m[ée]dico\s+adjunto|dirigente\s+medico|"
    r"ematolog[oa]|h[ée]matologue|oncologue|hemat[óo]log[oa]|onc[óo]log[oa]|hematologista|oncologista)\b",
    re.IGNORECASE,
)


def _signature(text: str) -> str:
    """The last lines that can be a signature: short lines, not sentences."""
    lines = [ln.strip() for ln in text.strip().splitlines() if ln.strip()][-8:]
    return "\n".join(ln for ln in lines if len(ln) <= 70 and len(ln.split()) <= 8
                     and not re.match(r"(?i)(?:cc|bcc|to|from|sent|date)\s*:", ln))


# "writing on behalf of our team": the writer's own team (learnt from dev-z74)
_OWN_TEAM = re.compile(r"(?i)on\s+behalf\s+of\s+(?:our|my|the)\s+(?:\w+\s+){0,2}?(?:team|service|"
                       r"department|group|division|unit|clinic|practice|colleagues)\b")
# the relatives a writer names as their own
_KIN_WORDS = (r"daughter|son|wife|husband|mother|father|mom|mum|dad|sister|brother|parent|partner|"
              r"niece|nephew|granddaughter|grandson|spouse|child|family(?:\s+member)?")
_RELATIVE = rf"(?:{_KIN_WORDS}|friend)"
# the capacity the writer states: "writing as a daughter", "as his wife" (learnt from dev-z74)
_AS_KIN = gated(re.compile(
    r"(?i)\b(?:writing|write|asking|ask|here|speaking)\s+(?:to\s+you\s+)?(?:only\s+|simply\s+)?as\s+"
    r"(?:a|his|her|their|the\s+patient['’]s)\s+(?:" + _KIN_WORDS + r")\b|"
    r"\b(?:i['’]m|i\s+am)\s+(?:\w+\s+){0,2}?asking,?\s+as\s+(?:his|her|their)\s+(?:" + _KIN_WORDS + r")\b|"
    # (learnt from dev-zb3) "I am a staff nurse ... I am writing on behalf of my mother"
    r"\b(?:writing|write|contacting\s+you|reaching\s+out|e-?mailing)\s+on\s+behalf\s+of\s+my\s+"
    r"(?:(?:elderly|sick|late|beloved|dear|little|older|younger|grand)\s*)?(?!partner\b)(?:" + _KIN_WORDS
    + r"|friend|grand\w+|uncle|aunt)\b(?!['’]s|\s+(?:medicine|practice|physician|doctor|colleagues?))|"
    r"\b(?:writing|write|reaching\s+out|e-?mailing)\s+on\s+my\s+(?:" + _KIN_WORDS + r"|grand\w+|uncle|aunt)"
    r"['’]s\s+behalf\b"))
_OWN_KIN = re.compile(r"(?i)on\s+behalf\s+of\s+my\s+" + _RELATIVE)
_NOT_AS = re.compile(r"(?i)\b(?:not|n['’]t|never)\s+(?:\w+\s+){0,2}$")


def _stated_kin(s: Scan) -> re.Match[str] | None:
    """The family capacity the writer states in their own words: not in a forwarded or
    attached letter (a physician sending the daughter's), not denied ("not writing as
    a family member but as her oncologist")."""
    m = s.search(_AS_KIN)
    if m is None:  # (the common case: the rest only when a capacity is stated)
        return None
    own = _letter(s.text)
    forward = _FORWARD_MARK.search(own) or re.search(r"(?m)^-{2,}\s*(?:Forwarded|Original)", own)
    if forward is not None:
        own = own[:forward.start()]
    if m.start() >= len(own):
        return None
    opened = own[max(0, own.rfind("\n", 0, m.start()) - 400):m.start()]
    if opened.count('"') % 2 or opened.count("“") > opened.count("”"):
        return None  # (the review of session 25) quoted: 'her note said: "I am writing on behalf
        # of my mother"' in the treating physician's own request
    return None if _NOT_AS.search(own, max(0, m.start() - 30), m.start()) else m
# The writer's own relative (or self) is the patient: "my son", "mój tata", "mijn vader".
_KIN = gated(re.compile(
    r"\b(?:my|our)\s+(?:husband|wife|mother|mom|mum|father|dad|son|daughter|brother|sister|"
    r"partner(?!,?\s+(?:dr|doctor|prof)\b)|child|grandmother|grandfather|aunt|uncle|fianc\w*|niece|nephew|boy|girl|"
    r"(?:best\s+|dear\s+|close\s+)?friend|little\s+\w+|baby|cousin)\b|"
    r"\b(?:mein(?:e|em|er|en)?|mi|mon|ma|mio|mia|meu|minha|mijn|onze)\s+(?:mann|frau|mutter|vater|"
    r"sohn|tochter|esposo|esposa|marido|madre|padre|hijo|hija|mari|femme|mère|père|fils|fille|"
    r"marito|moglie|figlio|figlia|mãe|pai|filho|filha|vader|moeder|man|vrouw|zoon|dochter)\b|"
    r"\b(?:m[oó]j\w*|moja|mojej|mojego)\s+(?:tat\w*|ojc\w*|mam\w*|matk\w*|mę[żz]\w*|żon\w*|"
    r"syn\w*|córk\w*|brat\w*|siostr\w*)|\bi\s+(?:have|was|'ve\s+been)\s+(?:been\s+)?diagnosed\b|"
    # brothers, sisters, mums and dads in the other languages
    r"\b(?:mi|mis)\s+(?:mamá|mama|papá|papa|hermano|hermana|abuel[oa]|t[íi][oa]|novi[oa])\b|"
    r"\b(?:meu|minha)\s+(?:irmão|irmã|irma|avó|avô|tio|tia|noivo|noiva|mulher)\b|"
    # (learnt from dev-zb3) in Arabic: my brother, sister, mother, father, husband, wife, son,
    # daughter
    r"(?<!\w)(?:أخي|أختي|أمي|والدي|والدتي|زوجي|زوجتي|ابني|ابنتي)(?!\w)|"
    r"\b(?:mio|mia)\s+(?:fratello|sorella|papà|papa|mamma|nonno|nonna|zio|zia)\b|"
    r"\b(?:mon|ma)\s+(?:frère|sœur|soeur|papa|maman|grand-\w+|oncle|tante)\b|"
    r"\bmein(?:e|em|er|en)?\s+(?:bruder|schwester|papa|mama|opa|oma|onkel|tante)\b|"
    r"\bmijn\s+(?:broer|zus|papa|mama|opa|oma|oom|tante)\b",
    re.IGNORECASE))
# The patient writing in the first person ("I took part in your study", "mein Arzt",
# "tengo mieloma"): checked after the physician cues, which a physician's letter has.
_SELF_PATIENT = gated(re.compile(
    r"\bi\s+(?:took\s+part|participated|was\s+(?:in|on)\s+(?:your|the|a)\s+(?:[\w\-]+\s+){0,2}"
    r"(?:study|trial))\b|\bmy\s+(?:own\s+)?(?:oncologist|hematologist|haematologist)\b(?!\s+colleague)|"
    r"\bmein(?:e)?\s+(?:arzt|ärztin|hämatolog\w*|onkolog\w*)\b|\bmon\s+(?:hématologue|oncologue)\b|"
    r"\bmijn\s+(?:hematoloog|oncoloog)\b|\bj'ai\s+(?:\w+\s+){0,3}participé\b|\bik\s+heb\s+"
    r"(?:\w+\s+){0,4}deelgenomen\b|\bich\s+habe\s+(?:[\w()]+\s+){0,8}teilgenommen\b|"
    r"\bchoruj[eę]\b|\bjestem\s+chor\w*|\b(?:tengo|padezco)\s+(?:un\s+|una\s+)?(?:mieloma|linfoma|"
    r"sarcoma|c[áa]ncer|leucemia|macroglobulinemia)\b|\bje\s+suis\s+atteinte?\b|\bho\s+(?:un\s+)?"
    r"(?:mieloma|linfoma|sarcoma|tumore)\b|\bich\s+habe\s+(?:ein(?:en)?\s+)?(?:\w+\s+)?(?:myelom|"
    r"lymphom|sarkom|krebs)\b|\beu\s+tenho\s+(?:\w+\s+)?(?:mieloma|linfoma|sarcoma|câncer|cancer)\b|"
    r"\bik\s+heb\s+(?:\w+\s+)?(?:myeloom|lymfoom|kanker)\b|"
    # "I am 59", "my doctor" in the supported languages: the writer is the patient
    r"\b(?:i\s+am|i'm)\s+(?:a\s+)?\d{2}(?:[\s\-]years?[\s\-]old\b|\s?y/?o\b|\s*[,.;](?!\d)|\s+and\b)|\bi'?m\s+a\s+patient\s+(?:in|on|of|at)\b|"
    r"\b(?:tenho|tengo)\s+\d{2}\s+a[ñn]os\b|\bj'ai\s+\d{2}\s+ans\b|\bho\s+\d{2}\s+anni\b|"
    r"\bich\s+bin\s+\d{2}\s+jahre\b|\bmam\s+\d{2}\s+lat\b|\bik\s+ben\s+\d{2}\s+jaar\b|"
    r"\b(?:meu|minha)\s+(?:médic[oa]|hematologista|oncologista)\b|\bmi\s+(?:médic[oa]|hematólog[oa]|"
    r"oncólog[oa])\b|\bmon\s+médecin\b|\b(?:il\s+)?mio\s+(?:medico|ematologo|oncologo)\b|"
    r"\bm[óo]j\s+(?:lekarz|hematolog|onkolog)\b|\bmijn\s+(?:behandelend\s+)?arts\b|"
    r"\bfui\s+exclu[ií]d[oa]\b|\bmy\s+(?:own\s+)?(?:doctor|physician)\b(?!\s+colleague)",
    re.IGNORECASE))
def writes_as_patient(s: Scan) -> bool:
    """The writer is the patient: "I'm a patient of Dr. Hale", "I have waldenstroms", "I am
    59" (a first-person cue), and no relative of the writer's is named."""
    if s.search(_KIN) is not None or _OTHER_KIN.search(s.text) is not None or \
            s.hit("other_role_cues") is not None:
        return False  # (a relative, or staff: "I'm the office manager. My doctor asked me")
    family = s.hit("family_cues")
    if family is not None:  # (a relative in any language, or the writer's own "I have myeloma";
        # not "ich bin die Mutter von Leon")
        return re.match(r"(?i)i\b|i['’]", family) is not None
    cue = s.search(_SELF_PATIENT)
    # (in the first person: not "choruje", she is ill, of a Polish mother's daughter)
    return cue is not None and _FIRST_PERSON.match(cue.group(0)) is not None


# relatives _KIN does not name, in the languages the rules read (the review of session 25)
_OTHER_KIN = re.compile(
    r"(?i)\b(?:step-?(?:father|mother|dad|mom|mum|son|daughter)|\w+-in-law|grand(?:mother|father|ma|pa|"
    r"son|daughter)|uncle|aunt|cousin|niece|nephew|fianc\w*|boyfriend|girlfriend|partner|spouse|"
    r"suegr[oa]|pareja|cuñad[oa]|conjoint|compagne|compagnon|beau-père|belle-mère|beau-frère|"
    r"belle-sœur|compagn[oa]|suocer[oa]|cognat[oa]|sogr[oa]|companheir[oa]|cunhad[oa]|"
    r"schoonvader|schoonmoeder|zwager|schoonzus|te[śs][ćc]|te[śs]ciow\w*|szwagier\w*|"
    r"lebensgefährt\w*|schwiegervater|schwiegermutter|schwager|schwägerin|opa|oma|großvater|"
    r"großmutter|abuel[oa]|nonn[oa]|avó|avô|grand-père|grand-mère|dziadek|babcia)\b")
_FIRST_PERSON = re.compile(r"(?i)(?:i\b|i['’]|my\b|mein|mon\b|mijn\b|je\b|j['’]|ich\b|ik\b|eu\b|"
                           r"tengo\b|padezco\b|jestem\b|choruję|ho\b|mi\b|meu\b|minha\b|m[óo]j\b|"
                           r"mam\b|sou\b|soy\b|fui\b|il\s+mio\b|mio\b)")


# A public office or an organisation writing for a constituent or member (it may quote
# "my husband"): someone else, whatever relative its letter names.
_OFFICE = re.compile(r"(?i)\b(?:caseworker|case\s+worker|constituent\s+services|district\s+office|"
                     r"office\s+of\s+(?:senator|congress\w*|rep\.?|representative|the\s+governor)|"
                     r"congress(?:man|woman|ional)|senator|advocacy|patient\s+organi[sz]ation)\b")
# a line naming someone else's doctor ("My treating physician, N. Patel, MD", "cc: Dr. X")
_OTHERS_DOCTOR_LINE = re.compile(r"(?i)\s*(?:my|our|his|her|their|the\s+patient'?s|cc|bcc|c\.c\.)\b|"
                                 # "Administrative Assistant to Vikram Patel, MD" (dev-z74)
                                 r"[^\n]{0,40}\b(?:assistant|secretary|coordinator|scheduler|"
                                 r"manager|nurse)\s+(?:to|for)\b")
_DOCTOR_MENTION = re.compile(r"(?i)\s*(?:dr|dra|prof|professor|doctor)\b\.?\s")
# "my treating physician" is the patient's physician, not the writer
_THEIR_DOCTOR = re.compile(r"(?i)\b(?:my|our|his|her|their|the\s+patient's)\s+$")


_DOTT = re.compile(r"(?i)\s*dott")
_ASSOCIATION = re.compile(r"(?i)\b(?:associazione|associa[çc][ãa]o|asociaci[óo]n|association|fondazione|"
                          r"fundaci[óo]n|fondation|stichting|verein|presidente?|président|segretari[oa])\b")
# the one treated is someone else: a friend, another patient, a neighbour (en/es/fr/it/de/nl/pl/pt)
_SOMEONE_ELSE = re.compile(
    r"(?i)\b(?:friends?|another|other\s+patients?|neighbou?rs?|colleagues?|someone|somebody|a\s+(?:man|woman|"
    r"lady|girl|boy)|amig[oa]s?|vecin[oa]s?|otr[oa]s?|ami[e]?s?|amic[oa]|collega|freund\w*|bekannte\w*|"
    r"vriend\w*|buurm\w*|znajom\w*|sąsiad\w*|outr[oa]s?|vizinh[oa]s?)\b[^.!?\n]*$")
# "received the drug through an expanded access program (venetoclax, AbbVie)": another drug
_OTHER_PRODUCT_AFTER = re.compile(
    r"(?i)[^.\n(]{0,40}\(\s*(?!iopofosin|clr)[a-z\-]+(?:mab|nib|ib|clax|lax|mide|zomib|tide|cel)\b")


def _someone_elses(text: str, cue: str) -> bool:
    at = text.find(cue)
    if at < 0:
        return False
    start = max(text.rfind(".", 0, at), text.rfind("\n", 0, at), at - 120, 0)
    return bool(_SOMEONE_ELSE.search(text, start, at)
                or _OTHER_PRODUCT_AFTER.match(text, at + len(cue)))


def _theirs(s: Scan, cue: str) -> bool:
    """Whether "treating physician" is the patient's ("my treating physician"), not the writer."""
    if not cue.lower().startswith(("treating", "attending")):
        return False
    at = s.text.find(cue)
    return at > 0 and _THEIR_DOCTOR.search(s.text[max(0, at - 20):at]) is not None


def judge_role(text: str | Scan, from_addr: str, from_name: str, rules: Rules) -> tuple[Role, Reason]:
    """Who is asking: the treating physician, the patient/family, or someone else.

    Order: a trusted physician domain; someone who says they write for another
    (first person or signature); a physician by first-person claim or a
    credentialled signature; a relative or the patient in the first person;
    weaker institutional cues.
    """
    domain = from_addr.rpartition("@")[2]
    if domain and domain in rules.trusted_physician_domains:
        return Role.PHYSICIAN, Reason("role", "trusted-domain", f"sender domain {domain} is trusted")
    s = _scan(text, rules)
    # (the letter's own signature: not the last lines of an attachment read with it)
    signature = _signature(_letter(s.text))
    as_kin = _stated_kin(s)
    if as_kin is not None:
        # "I'm an ICU nurse, but I'm writing as a daughter": the capacity the writer
        # states outweighs a signature or a profession (learnt from dev-z74)
        return Role.PATIENT_OR_FAMILY, Reason("role", "patient-or-family",
                                              f"writes as family: {as_kin.group(0)!r}")
    others = [m.text for m in s.find_all("other_role_cues", limit=6)]
    other = others[0] if others else None
    first_person_other = next((o for o in others if re.match(
        r"(?i)(on behalf|i am|i'm|i work|writing as|we are)", o) and not _OWN_KIN.match(o)
        and not _OWN_TEAM.match(o)), None)
    sig_other = rules.scan(signature).hit("other_role_cues")
    phys = s.prefixed(from_name).find_all("physician_cues", limit=4)  # from_name + "\n" + text
    strong_phys = [p for p in phys if re.match(
        r"(?i)(my|our|i am|i['’]m|i have|treating|attending|mi|mio|mon|ma|mein|sono|soy|je suis|"
        r"ich bin|sou|jestem|ik ben)", p.text.strip()) and not _theirs(s, p.text)]
    sig_phys = next((ln for ln in signature.splitlines() if _SIG_PHYSICIAN.search(ln)
                     and not _OTHERS_DOCTOR_LINE.match(ln)), None)
    if not sig_phys and _SIG_PHYSICIAN.search(from_name):
        sig_phys = from_name
    if sig_phys and _DOTT.match(sig_phys) and _ASSOCIATION.search(signature):
        sig_phys = None  # "Dott." is any graduate's title: an association's president
    kin = s.search(_KIN)
    my_patient = any(re.match(r"(?i)(?:my|our)\s+patient|i\s+am\s+(?:the|her|his|their)",
                              p.text.strip()) for p in phys)
    office = _OFFICE.search(signature) or _OFFICE.search(from_name)
    if office and not sig_phys:
        return Role.OTHER, Reason("role", "other", f"an office or organisation writes: "
                                  f"{office.group(0)!r}")
    if kin and not my_patient and not first_person_other:
        # a physician-parent writing as a father is family here
        return Role.PATIENT_OR_FAMILY, Reason("role", "patient-or-family",
                                              f"writes about their own relative: {kin.group(0)!r}")
    if sig_other and not sig_phys:
        return Role.OTHER, Reason("role", "other", f"signs as someone else: {sig_other!r}")
    if first_person_other:
        return Role.OTHER, Reason("role", "other", f"writes for someone else: {first_person_other!r}")
    me = person_name(from_name)
    # (the sender's name on the physician's line or the two lines above it: "Dr. med.
    # Katharina Brenner" above "Oberärztin", learnt from dev-z86; "Yıldırım" signs "Yildirim")
    if sig_phys and others and me and unaccented(me.split()[-1].lower()) not in \
            unaccented(_signed_above(_letter(s.text), sig_phys).lower()):
        # an office, an access company or a coordinator sends a physician's letter
        return Role.OTHER, Reason("role", "other", f"sends a physician's letter ({sig_phys.strip()!r}) "
                                  f"as someone else: {others[0]!r}")
    if sig_phys or strong_phys:  # (a family cue does not outweigh these)
        cue = sig_phys.strip() if sig_phys else strong_phys[0].text
        return Role.PHYSICIAN, Reason("role", "physician", f"treating physician: {cue!r}")
    family = s.hit("family_cues")
    if family:
        return Role.PATIENT_OR_FAMILY, Reason("role", "patient-or-family", f"first-person: {family!r}")
    self_patient = s.search(_SELF_PATIENT)
    if self_patient and not first_person_other:
        return Role.PATIENT_OR_FAMILY, Reason("role", "patient-or-family",
                                              f"the patient writes: {self_patient.group(0)!r}")
    if other:
        return Role.OTHER, Reason("role", "other", f"writes for someone else: {other!r}")
    # "Dr. Feldmann" in a letter is the doctor someone mentions, not a cue to the writer
    initials = {w[0].lower() for w in re.findall(r"[^\W\d_]+", from_name)}
    own_cues = [p for p in phys if not initials or not _DOCTOR_MENTION.match(p.text)
                or p.text.strip()[-1:].lower() in initials]  # "Dr. B" signed by Jonas Brandt
    if len(own_cues) >= 2:
        cues = ", ".join(repr(p.text) for p in own_cues[:2])
        return Role.PHYSICIAN, Reason("role", "physician", f"clinical/institution cues: {cues}")
    return Role.OTHER, Reason("role", "unknown", "no clear role cues; treated as other")
