"""Default vocabulary of the content rules.  [pure data]

Every list is a set of case-insensitive regular expressions. Admins extend or
replace them in ``[classify.lexicon]`` of the TOML file; the names below are
the keys. Defaults are drawn from the company's EA policy and domain notes.
"""

from __future__ import annotations

# A relative writing: "unsere Tochter", "ich bin die Mutter von Lena", "soy la hija de ...".
_RELATIVE_OF = (
    r"\bunser(?:e|em|en|er)?\s+(?:tochter|sohn|kind|mutter|vater|mann|frau|enkel\w*)\b|"
    r"\b(?:ich\s+bin\s+(?:die|der)|soy(?:\s+(?:la|el))?|je\s+suis\s+(?:la|le)|sono(?:\s+(?:la|il))?|"
    r"sou(?:\s+(?:a|o))?|ik\s+ben(?:\s+de)?|jestem)\s+(?:\w+\s+)?(?:neto|neta|nieto|nieta|nipote|"
    r"petite?-(?:fils|fille)|kleinzoon|kleindochter|enkel(?:in)?|wnuk\w*|mutter|vater|tochter|sohn|schwester|"
    r"bruder|ehefrau|ehemann|madre|padre|hija|hijo|hermana|hermano|esposa|esposo|mère|père|fille|"
    r"fils|sœur|frère|épouse|figlia|figlio|sorella|fratello|moglie|marito|mãe|pai|filha|filho|"
    r"irmã|irmão|moeder|vader|dochter|zoon|zus|broer|matką|ojcem|córką|synem|siostrą|bratem|"
    r"żoną|mężem)\b"
)

# Relatives beyond the parents and friends, in the supported languages ("mio nonno", "mi
# abuela", "ma tante", "meine Oma", "my mother-in-law"): a specific patient, written by family
# (learnt from a probe in session 16).
_MORE_RELATIVES = (
    r"\b(?:mein(?:e|em|en|er)?|unser(?:e|em|en|er)?)\s+(?:opa|oma|gro(?:ß|ss)(?:vater|mutter)|onkel|tante|"
    r"cousin\w*|nichte|neffe|schwester|bruder|schwager|schwägerin|schwieger(?:mutter|vater)|"
    r"lebensgefährt\w*|freund\w*)\b|\b(?:mi|nuestr[oa])\s+(?:abuel[oa]|t[ií][oa]|prim[oa]|sobrin[oa]|"
    r"herman[oa]|suegr[oa]|cuñad[oa]|novi[oa]|pareja|amig[oa])\b|\b(?:mon|ma|notre)\s+(?:grand[\s\-]?"
    r"(?:père|mère|pere|mere)|oncle|tante|cousin\w*|neveu|nièce|frère|s(?:œ|oe)ur|beau[\s\-]père|"
    r"belle[\s\-]mère|conjoint\w*|compagn\w*|ami\w*)\b|\b(?:il\s+mio|la\s+mia|mio|mia|nostr[oa])\s+"
    r"(?:nonn[oa]|zi[oa]|cugin[oa]|nipote|fratello|sorella|suocer[oa]|cognat[oa]|compagn[oa]|amic[oa])\b|"
    r"\b(?:o\s+meu|a\s+minha|meu|minha|nosso|nossa)\s+(?:av[ôóo]|ti[oa]|prim[oa]|sobrinh[oa]|irm[ãa]o?|"
    r"sogr[oa]|cunhad[oa]|namorad[oa]|companheir[oa]|amig[oa])\b|\b(?:mijn|onze|ons)\s+(?:grootvader|"
    r"grootmoeder|oom|tante|neef|nicht|schoonvader|schoonmoeder|zwager|schoonzus|vriend\w*)\b|"
    r"\b(?:m[oó]j\w*|moja|mojej|mojego|nasz\w*)\s+(?:wuj\w*|cioci\w*|ciotk\w*|kuzyn\w*|teś\w*|szwagr\w*|"
    r"przyjaciel\w*)|\bmy\s+(?:grandpa|grandma|grand-?dad|nana|step(?:father|mother|son|daughter)|"
    r"(?:mother|father|brother|sister|son|daughter)[\s\-]in[\s\-]law|girlfriend|boyfriend)\b"
)


# A death, in the supported languages: an event of its own, and (bot.classify.flags) the one
# that "before the first dose" or a letter saying the drug was never given takes back.
DEATH_WORDS = (
    r"died|passed\s+away|death|deceased|décédée?|décès|verstorben|gestorben|fallecid[oa]|"
    r"falleci[óo]|fallecimiento|decedut[oa]|decesso|faleceu|falecid[oa]|falecimento|overleden|"
    r"(?:is|was)\s+(?:\w+\s+){0,2}ingeslapen|overleed|"
    r"zmarł\w*|è\s+mort[oa]|muri[óo]|morreu"
)


# (learnt from dev-z81 and its review) the writer's own earlier letter to us, first person:
# "Les escribí el 6 de noviembre sobre mi papá", "Ich habe Ihnen am 6. November geschrieben" —
# a follow-up phrase, and what sets a person's "estoy fuera de la oficina" apart from an
# auto-reply (bot/classify/guards.py). Not "le escribí a su hematólogo" (to him), nor the
# present "les escribimos" (we write).
OWN_EARLIER_LETTER = (
    r"\b(?:(?:i|we)\s+(?:have\s+|had\s+)?(?:already\s+)?(?:wrote|written|emailed|e-mailed|"
    r"contacted|messaged)\s+(?:to\s+)?you\b|(?:les|os)\s+(?:escrib[ií]|envi[ée]|mand[ée])|(?:les|os)\s+"
    r"hab[ií]a(?:mos)?\s+(?:escrito|enviado)|les\s+escribo\s+desde\s+mi\s+(?:correo|e-?mail)|"
    r"(?:ich|wir)\s+(?:habe|haben|hatte|hatten)\s+Ihnen\s+(?:\S+\s+){0,6}?(?:geschrieben|gemailt|"
    r"(?:eine\s+)?(?:e-?mail|nachricht)\s+geschickt)|(?:lhes|vos)\s+(?:escrevi|enviei)|"
    r"escrevi-(?:vos|lhes)|escrevi\s+(?:para|a)\s+vocês|(?:je\s+vous\s+(?:ai|avais)|nous\s+vous\s+"
    r"(?:avons|avions))\s+(?:déjà\s+)?(?:écrit|contactés?|envoyé)|vi\s+(?:ho|avevo|abbiamo|avevamo)\s+"
    r"(?:già\s+)?(?:scritto|contattato|inviato|mandato)|(?:ik\s+heb|we\s+hebben|wij\s+hebben)\s+u\s+"
    r"(?:\S+\s+){0,5}?(?:gemaild|geschreven|gecontacteerd)|pisa(?:łem|łam|liśmy|łyśmy)\s+(?:już\s+)?"
    r"do\s+Pa[ńn]stwa)\b"
)

DEFAULT_LEXICON: dict[str, tuple[str, ...]] = {
    # Our investigational products and how people name them.
    "drug_names": (
        r"\b(?:radiactiv\w*|radioaktiv\w*|radioactie\w*|radioattiv\w*|radioativ\w*|radioaktywn\w*|radioacti[fv]\w*|radiof[aá]rmac\w*|radiopharmaz\w*)\s+(?:\w+\s+)?(?:middel|medicijn|medicament\w*|medicamento|fármaco|farmaco|medikament\w*|arzneimittel|médicament|traitement|tratamiento|trattamento|tratamento|lek\w*|behandlung|behandeling|terapi\w*|therapie|mittel)\b",
        r"\b(?:middel|medicijn|medicament\w*|medicamento|fármaco|farmaco|medikament\w*|arzneimittel|médicament|traitement|tratamiento|trattamento|tratamento|lek\w*|behandlung|behandeling|terapi\w*|therapie|mittel)\s+(?:\w+\s+){0,2}(?:radiactiv\w*|radioaktiv\w*|radioactie\w*|radioattiv\w*|radioativ\w*|radioaktywn\w*|radioacti[fv]\w*|radiof[aá]rmac\w*|radiopharmaz\w*)",
        r"\b(?:yodo|iodo|iodio|jod|iode|jodium)[\s\-]+radi\w*|\b(?:con|mit|met|à\s+l\'|all\'|com)\s+(?:yodo|jod|iode|iodio|iodo|jodium)\b",
        r"\biopofosin\w*",
        r"\bclr[\s_\-]*(?:1[3l][1l]|1404|1900|1700|1602)\b",
        # spoken, as a voicemail transcription writes it: "the CLR one thirty one treatment"
        # (dev-z94)
        r"\bc\.?\s?l\.?\s?r\.?[\s\-]+(?:one[\s\-]+thirty[\s\-]+one|one[\s\-]+three[\s\-]+one|(?:a|one)\s+"
        r"hundred\s+(?:and\s+)?thirty[\s\-]+one)\b|\bc[\s.]+l[\s.]+r\.?[\s\-]*1[3l][1l]\b",
        r"\bi[\s\-]*131[\s\-]+(?:labell?ed\s+)?phospholipid\b",
        r"\bi[\s\-]*131[\s\-]*clr[\s\-]*1404\b",
        r"\bphospholipid[\s\-]+(?:ether|drug|conjugate|agent)\b",
        r"\bphospholipid drug conjugates?\b",
        r"\b(?:radio[\s\-]?iod\w*|iodine)[\s\-]+(?:drug|therapy|treatment|medication|medicine)\b",
        # "una medicina allo iodio", "un medicamento con yodo", "le médicament à l'iode"
        r"\b(?:medicin\w*|farmac\w*|fármac\w*|medicament\w*|médicament\w*|rem[ée]dio|remedio|"
        r"medikament\w*|arzneimittel|mittel|geneesmiddel|middel|medicijn|lek\w*|terapi\w*|tratam\w*|"
        r"trattam\w*|traitement|behandlung|behandeling|kuracj\w*|droga|cura)\s+(?:[\w']+\s+){0,3}?"
        r"[\"“”«»„]?(?:(?:allo|alla|al|all'|con|com|de|di|do|du|dello|della|à\s+l'|a\s+base\s+d[ie]|mit|met|z|na)\s*[\"“”«»„]?)?"
        r"(?:yodo|iodo|iodio|jod|jodu|jodem|iode|jodium)\b",
        r"\b(?:radioactive|radiopharmaceutical|radioligand)[\s\-]+(?:drug|therapy|treatment|medication|medicine|agent)\b",
        r"\bcellectar'?s?\s+(?:drug|product|compound|therapy|treatment|medication|medicine)\b",
        r"\b(?:new|novel|experimental|your|targeted)\s+(?:radiation|radioactive|radio)[\s\-]*"
        r"(?:drug|medication|medicine|therapy|treatment|infusion)\b",
        r"\bradiation\s+drug\b",
    ),
    # Spelled-out names for fuzzy matching of misspellings (token similarity).
    "drug_fuzzy": ("iopofosine",),
    # A drug of ours named generically ("your investigational drug").
    "generic_drug": (
        r"\bclover[\s\-]*(?:1|2|wam|one|two)\b",  # our trials, by name
        r"\b(?:your|the|this|cellectar'?s)\s+(?:new\s+|novel\s+|experimental\s+|"
        r"investigational\s+|study\s+|trial\s+)+(?:drug|medication|medicine|agent|therapy|"
        r"treatment|product|compound)\b",
        r"\b(?:investigational|experimental)\s+(?:drug|agent|therapy|treatment|product|medication)\b",
        r"\b(?:su|votre|vostro|seu|ihr\w*)\s+(?:medicamento|médicament|farmaco|medicamento|medikament)\b",
        r"\b(?:prüfpräparat|prüfmedikament|medicamento en investigación|medicamento experimental|"
        r"médicament expérimental|farmaco sperimentale)\b",
    ),
    # Explicit expanded-access vocabulary (strong), several languages.
    "access_phrases": (
        r"\b(?:program\w*\s+dost[eę]p\w*|dost[eę]p\w*\s+(?:do\s+)?(?:leku|terapii|technologii)|ratunkow\w+\s+dost[eę]p\w*)\b",
        r"\b(?:vroege|uitgebreide|vroegtijdige)\s+toegang\b|\bschrijnende\s+gevallen\b|\bcompassionate\s+use[\s\-]?programma\b",
        r"\bexpanded[\s\-]+access\b",
        r"\bcompassionate[\s\-]+(?:use|basis|grounds|access|exemption|release)\b",
        r"\bpre[\s\-]?approval[\s\-]+access\b",
        r"\bearly[\s\-]+access\b",
        r"\bnamed[\s\-]+patient\b",
        r"\bsingle[\s\-]+patient\s+(?:ind|protocol|use|request|access|expanded)\b",
        r"\bindividual[\s\-]+patient\s+(?:ind|expanded|access|protocol)\b",
        r"\b(?:emergency|e)[\s\-]?ind\b",
        r"\bemergency\s+use\b",
        r"\b(?:form\s+)?(?:fda\s+)?3926\b",
        r"\bletter\s+of\s+(?:authori[sz]ation|cross[\s\-]?reference)\b",
        r"\bloa\b",
        r"\bright[\s\-]+to[\s\-]+try\b",
        r"\bh[äa]rtefall\w*",
        r"\bcompassionate[\s\-]+use[\s\-]+programm?\b",
        r"\buso\s+compasi?vo\b",
        r"\buso\s+compassivo\b",
        r"\bacceso\s+(?:expandido|ampliado|temprano|compasivo)\b",
        r"\bacesso\s+(?:expandido|ampliado|precoce|compassivo)\b",
        r"\baccès\s+(?:compassionnel|précoce|élargi)\b",
        r"\bautorisation\s+d'accès\b",
        r"\busage\s+compassionnel\b",
        r"\baccesso\s+(?:allargato|precoce|compassionevole)\b",
        r"\b(?:outside|off|beyond|apart from)\s+(?:of\s+)?(?:a|the|your|any)?\s*"
        r"(?:clinical\s+)?(?:trials?|stud(?:y|ies)|protocols?)\b",
        r"\bfuera\s+(?:del?|de\s+los|de\s+un)\s+(?:ensayos?|estudios?)\b|\bhors\s+(?:d'un\s+|des\s+)?(?:essais?|études?)\b",
        r"\bfuori\s+(?:dagli|dai|da|dalle)\s+(?:studi|protocolli|sperimentazion\w+)\b|"
        r"\bfora\s+(?:dos|de)\s+(?:ensaios?|estudos?)\b|\baußerhalb\s+(?:von\s+)?(?:klinischen\s+)?studien\b|"
        r"\ben\s+dehors\s+des\s+(?:essais|études)\b|\bpoza\s+(?:badaniem|badaniami)\s+klinicz\w+\b",
        r"\ben\s+dehors\s+(?:de\s+l'|d'un\s+|du\s+)(?:essai|étude)\b",
        r"\baußerhalb\s+(?:der|einer)\s+(?:studie|klinischen)\b",
        r"\b(?:al\s+di\s+)?fuori\s+(?:della|dello|dallo|dalla|di\s+una|di\s+uno)\s+"
        r"(?:sperimentazione|studio|protocollo)\b",
        r"\bfora\s+(?:do|de\s+um)\s+(?:ensaio|estudo)\b|\bbuiten\s+(?:de|het|een)\s+(?:studie|onderzoek)\b|"
        r"\bpoza\s+(?:badaniem|badaniami|próbą)\b",
    ),
    # "compassionate" alone: weak, also used for free supply of approved drugs.
    "weak_access": (r"\bcompassion\w*", r"\bcompassionevole\b"),
    # Asking for something.
    "request_intent": (
        r"\b(?:prośb\w*|prosz\w*|czy\s+(?:jest|istnieje)\s+(?:jaka\w*\s+)?możliwoś\w*|dosta\w*|otrzyma\w*)\b",
        r"\b(?:verzoek\w*|aanvra\w*|graag|zou\s+(?:hij|zij)|kan\s+(?:hij|zij|mijn)|krijgen|ontvangen)\b",
        r"\brequest\w*",
        r"\b(?:would|'d)\s+like\s+to\s+(?:obtain|access|request|ask|treat|apply|get|receive|use|start)\b",
        r"\b(?:is\s+(?:it|there)\s+(?:any\s+way|possible|a\s+way|a\s+possibility|any\s+chance))\b",
        r"\b(?:could|can|may|might)\s+(?:we|i|my|our|she|he|they|the\s+patient)\b[^.?!\n]{0,60}"
        r"\b(?:get|receive|obtain|access|have|be\s+given|be\s+treated|be\s+considered|try)\b",
        r"\bseeking\b",
        r"\bapply(?:ing)?\s+for\b",
        r"\bplease\s+(?:help|consider|provide|let)\b",
        r"\b(?:provide|supply|make\s+available|release)\b",
        r"\baccess\s+to\b",
        r"\b(?:anfrage|anfragen|beantragen|bitten|bitte)\b",
        r"\b(?:solicit\w*|petici[óo]n|pedimos|pido|pedir|quisiera|quisiéramos)\b",
        r"\b(?:demande\w*|solliciter|sollicitons|souhaiter\w*|souhaite\w*)\b",
        r"\b(?:richiesta|richiedere|chiedere|chiedo|chiediamo|vorremmo)\b",
        r"\b(?:pedido|solicitamos|gostaria\w*)\b",
        # (learnt from dev-z56 probes) "can you help us", in every language the rules read
        r"\b(?:can|could|would)\s+you\s+(?:please\s+)?help\s+(?:us|him|her|them|my)\b|\bpotete\s+aiutar(?:ci|lo|la|mi)\b|"
        r"\baiutateci\b|\b(?:pueden|podrían|puede|podría)\s+ayudar(?:nos|le|la|lo|me)\b|\bayúdennos\b|"
        r"\b(?:pouvez|pourriez)[\s\-]vous\s+(?:nous|l['’]|m['’])\s*aider\b|\baidez[\s\-]nous\b|"
        r"\b(?:können|könnten)\s+sie\s+(?:uns|ihm|ihr|mir)\s+(?:\w+\s+){0,3}helfen\b|\bhelfen\s+sie\s+uns\b|"
        r"\b(?:podem|poderiam|pode)\s+(?:nos\s+)?ajudar(?:-nos|-me|-lo|-la)?\b|\bajudem[\s\-]nos\b|"
        r"\bkunt\s+u\s+(?:ons|hem|haar|mij)\s+(?:\w+\s+){0,3}helpen\b|\bhelp\s+ons\b|"
        r"\b(?:możecie|mogą\s+państwo|może\s+pan\w*)\s+(?:nam|mu|jej|mi)\s+pomóc\b|\bpomóżcie\b",
        # (learnt from dev-z59) asking for it in so many words, in more languages
        r"\b(?:pidiendo|pedí|pido|pedimos|asking\s+for|asked\s+for|peço|pedi|pedindo|pedimos|"
        r"ik\s+vraag|wij\s+vragen|we\s+vragen|vraag\s+(?:ik|wij)|vroeg|chiedendo|ho\s+chiesto|"
        r"demandant|j['’]ai\s+demandé|gebeten|ich\s+bitte|prosz[ęe]|prosiłe?m|prosiła?m)\b",
    ),
    # A patient and their illness.
    "patient_context": (
        r"\b(?:m[oó]j\w*|moja|moje|mojej|mojego|naszego|naszej|nasz\w*)\s+(?:tat\w*|ojc\w*|mam\w*|matk\w*|mę[żz]\w*|żon\w*|syn\w*|córk\w*|brat\w*|siostr\w*|dzieck\w*|dziadk\w*|babci\w*)",
        r"\b(?:mijn|onze|ons)\s+(?:vader|moeder|man|vrouw|zoon|dochter|broer|zus|kind|partner|opa|oma|echtgeno\w*)\b",
        _RELATIVE_OF,  # "unsere Tochter", "ich bin die Mutter von Lena", "soy la hija de ..."
        r"\b(?:szpicza\w*|chłonia\w*|nowotw\w*|rak\w*|myeloom|lymfoom|kanker|tumor\w*|ziekte\s+van\s+waldenstr\w*)\b",
        r"\bpatient\w*",
        r"\b(?:paciente|patiente|paziente|patientin|patienten)\b",
        r"\bmy\s+(?:husband|wife|mother|mom|mum|father|dad|son|daughter|brother|sister|partner|"
        r"child|grandmother|grandfather|aunt|uncle|friend|fianc\w*|niece|nephew|boy|girl)\b",
        r"\b(?:mein(?:e|em|er)?|mi|mon|ma|mio|mia|meu|minha)\s+(?:mann|frau|mutter|vater|sohn|tochter|"
        r"esposo|esposa|marido|madre|padre|hijo|hija|mari|femme|mère|père|fils|fille|marito|moglie|"
        r"figlio|figlia|mãe|pai|filho|filha)\b",
        r"\b(?:myeloma|lymphoma|waldenstr\w*|macroglobulin\w*|glioma|neuroblastoma|sarcoma|"
        r"carcinoma|leuk[a]?emia|cancer|tumou?r|dipg|malignan\w*|oncolog\w*|metasta\w*)\b",
        r"\b(?:myelom|mieloma|myélome|linfoma|lymphome|krebs|cáncer|cancro|câncer|tumor\w*)\b",
        r"\b(?:relapsed|refractory|progress\w*|r/r|rrmm|ecog|kps|lines?\s+of\s+(?:therapy|treatment))\b",
        r"\bno\s+(?:other|remaining|further|more|standard)\s+(?:options?|treatments?|therap\w*|alternatives?)\b",
        r"\b(?:exhausted|terminal|last\s+hope|life[\s\-]threatening|run\s+out\s+of\s+options)\b",
    ),
    # Left a trial / could not join it: the "excluded from your trial" trap.
    "trial_excluded": (
        r"\b(?:excluded|ineligible|not\s+eligible|disqualified|screen[\s\-]?fail\w*|screened\s+out|"
        r"(?:did|does|do)\s*n[o']t\s+(?:qualify|meet)|not\s+(?:a\s+)?candidate|too\s+(?:sick|ill|frail)|"
        r"no\s+longer\s+eligible|no\s+trial\s+(?:slot|spot|place|option)s?|"
        r"(?:isn'?t|is\s+not|not)\s+(?:open|enrolling|recruiting)|closed\s+to\s+(?:accrual|enrol\w*)|"
        r"(?:was\s+)?(?:turned\s+down|rejected|declined)\s+(?:for|from)|cannot\s+be\s+enrolled|"
        r"can'?t\s+be\s+enrolled|don'?t\s+see\s+it\s+open|no\s+open\s+(?:trials?|stud\w+|zentren)|"
        r"couldn'?t\s+(?:enrol|enroll|join)|unable\s+to\s+(?:enrol|enroll|join)|"
        r"not\s+able\s+to\s+(?:enrol|enroll|join|participate)|"
        r"ausgeschlossen|nicht\s+geeignet|excluid[oa]|no\s+es\s+elegible|exclu[e]?|non\s+éligible|"
        r"esclus[oa]|non\s+eleggibile)\b",
    ),
    # "Am I eligible for your trial?": enrolment questions, not EA.
    "trial_enrolment": (
        r"\b(?:dove|dónde|donde|où|wo|gdzie|waar)\b[^?\n]{0,80}\b(?:studio|studi|estudio|ensayo|essai|étude|studie|badani\w*|onderzoek|sperimentazion\w*)\b",
        r"\b(?:centri|centros?|centres?|zentren|ośrodk\w*)\s+(?:sperimentali\s+|de\s+estudio\s+|clínicos?\s+)?(?:in|en|nel|nella|na|no|w|im)\s+[A-ZÀ-Ýa-zà-ÿ]",
        r"\b(?:participar|partecipare|participer|teilnehmen|uczestnicz\w*|deelnemen|iscriver\w*|inscri\w*)\b",
        r"\b(?:am\s+i|is\s+(?:he|she|my\s+\w+)|would\s+(?:i|he|she|my\s+\w+)|could\s+(?:i|he|she)|"
        r"can\s+(?:i|he|she|we)|how\s+(?:can|do|would)\s+(?:i|we|he|she)|where\s+can|are\s+there|"
        r"(?:if|whether)\s+(?:i|he|she|we|my\s+\w+))\b[^.?!\n]{0,80}\b(?:eligib\w*|enrol\w*|"
        r"participat\w*|join|sign\s+up|qualif\w*|take\s+part|be\s+(?:in|part\s+of)|screened)\b"
        r"[^.!\n]{0,60}\b(?:trials?|stud(?:y|ies))\b",
        r"\b(?:sites?|locations?|centers?|centres?|hospitals?)\s+(?:near|close\s+to|closest\s+to)\s+"
        r"(?:me|us|my|where)\b",
        r"\b(?:trials?|study)\s+(?:sites?|locations?)\s+(?:in|near)\b",
        r"\bis\s+(?:the|your|this|that)\s+(?:\w+\s+){0,3}(?:trial|study)\s+(?:still\s+)?"
        r"(?:recruiting|enrolling|open|accepting)\b",
        # (learnt from dev-z87) "which hospitals are part of it?" (of a named trial)
        r"\bwhich\s+(?:hospitals?|cent(?:er|re)s?|sites?|clinics?|institutions?)\s+(?:are|is)\s+"
        r"(?:part\s+of|in|participating|taking\s+part|involved)\b",
        r"\bhow\s+(?:do|can)\s+(?:i|we)\s+(?:enrol|enroll|join|sign\s+up|participate)\b",
        r"\b(?:studienzentr\w*|an\s+der\s+studie\s+teilnehmen|participar\s+en\s+(?:el|un)\s+ensayo|"
        r"centros?\s+(?:del|de)\s+ensayo|participer\s+à\s+(?:l'|un\s+)essai|"
        r"partecipare\s+(?:allo|a\s+uno)\s+studio|participar\s+do\s+estudo)\b",
        # (learnt from dev-z60) "¿qué requisitos piden para entrar?", "algún hospital del estudio"
        r"\b(?:requisitos|criterios|critères|requisiti|criteri|voraussetzungen|voorwaarden|kryteria)\s+"
        r"(?:\w+\s+){0,2}(?:para|pour|per|für|om|do)\s+(?:entrar|participar|ingresar|entrer|participer|"
        r"entrare|partecipare|die\s+teilnahme|deel\s+te\s+nemen|udziału)\b|\b(?:hospital(?:es)?|centros?|"
        r"hôpita(?:l|ux)|ospedal[ei]|kliniken?|ziekenhuizen|szpital\w*)\s+del?\s+(?:estudio|ensayo|estudo)\b",
    ),
    # Free supply / assistance for approved medicines (not EA).
    "approved_drug_assistance": (
        r"\bpatient[\s\-]+assistance\b",
        r"\bco[\s\-]?pay\w*",
        r"\b(?:insurance|medicare|medicaid|reimburs\w*|prior\s+authori[sz]ation|formulary)\b",
        r"\b(?:approved|commercially\s+available|marketed|on\s+the\s+market)\s+(?:drug|medication|"
        r"medicine|product|therapy)\b",
        r"\bafford\w*",
        # (learnt from dev-z60) a donation programme for a medicine one cannot pay, a health
        # insurer that will not authorise it
        r"\bdona(?:ci[oó]n|ção|tion|zione)\s+de\s+medicamentos\b|\bdonazione\s+di\s+farmaci\b|"
        r"\b(?:que\s+no\s+pueden|que\s+não\s+podem|who\s+cannot)\s+pagar(?:los|las)?\b|\bEPS\s+(?:\w+\s+){0,4}"
        r"(?:sin\s+)?autoriz\w*",
    ),
    # Business and other non-request topics.
    "business_topics": (
        r"\b(?:our\s+(?:services|platform|solution|company|team\s+of)|we\s+(?:offer|provide|specialize|"
        r"help\s+sponsors)|cro\b|partnership|schedule\s+a\s+(?:call|meeting|demo)|quick\s+call|"
        r"site\s+feasibility|feasibility|patient\s+recruitment\s+services|vendor|proposal)\b",
        r"\b(?:journalist|reporter|editor|article|story|interview|comment\s+for|press\s+inquiry|"
        r"media\s+inquiry|podcast|newsroom)\b",
        r"\b(?:investor|shareholder|shares|stock|analyst|valuation|earnings|nasdaq|fund\s+manager)\b",
        # (not a forwarder's "job no." or "job ref": dev-z63)
        r"\b(?:resume|curriculum\s+vitae|cv|job(?!\s*(?:no\b|no\.|nr\b|number|#|ref\w*|id\b))|position|vacancy|"
        r"career|internship|hiring|"
        r"bewerbung|candidatura|candidature)\b",
        r"\b(?:webinar|conference|congress|symposium|sponsorship|exhibit\w*|newsletter|"
        r"unsubscribe|seo|backlinks?|crypto|lottery|winner)\b",
        r"\b(?:mechanism\s+of\s+action|published\s+data|poster|abstract|publication|"
        r"medical\s+information|dosimetry\s+data)\b",
        # (learnt from dev-z55) the business of a death: no request can be for the deceased
        r"\b(?:mortuary|cremation|crematorium|funeral\s+director|bereavement\s+services|post[\s\-]?mortem|"
        r"autopsy|autopsie|autopsia|obduktion|sectie|leichenhalle|kremation|crémation|cremazione|"
        r"cremación|cremação|kremacj\w*)\b",
    ),
    # Requester role cues.
    "physician_cues": (
        r"\b(?:my|our)\s+patients?\b",
        # (learnt from dev-z74) terse clinicians: "I have a 77 yo man with WM", "I'm the primary
        # oncologist for a 9 y/o"
        r"\bi\s+have\s+an?\s+\d{1,3}\s*(?:yo|y/o|y\.o\.|yr?s?\s+old|[\s\-]year[\s\-]old)\s+(?:man|woman|"
        r"male|female|m|f|gentleman|lady|pt|patient)\b|"
        r"\bi['’]m\s+(?:the|her|his|their)\s+(?:primary\s+|treating\s+|attending\s+|main\s+)?(?:\w+\s+)?"
        r"(?:oncologist|ha?ematologist|physician|doctor|neuro-?oncologist|pa?ediatrician)\b",
        # (learnt from dev-z82) non-native, without the article: "I am pediatric oncologist"
        r"\bi\s+am\s+(?:(?:the|her|his|their|a|an)\s+)?(?:treating\s+|attending\s+|primary\s+)?"
        r"(?:oncologist|physician|hematologist|haematologist|doctor|neuro-?oncologist|surgeon|"
        r"pediatric\s+oncologist|paediatric\s+oncologist)\b",
        r"\b(?:treating|attending)\s+(?:physician|oncologist|hematologist)\b",
        r"(?:^|\n)[^\n]{0,60}(?:,\s*|\s+)(?:m\.?d\.?|d\.o\.|mbbs|frcpc?|mrcp|phd|facp|dr\.?\s*med\.?)(?![\w.])",
        r"\b(?:dr\.?|prof\.?|professor|doctor)\s+[a-zà-ÿ]",
        r"\b(?:department|division|dept\.?)\s+of\s+\w*",
        r"\b(?:hospital|cancer\s+(?:center|centre|institute)|medical\s+(?:center|centre)|clinic|"
        r"university|klinik\w*|universitätsklinikum|hôpital|hospitalier|chu|ospedale|policlinico)\b",
        r"\b(?:ecog|s/p|r/r|progressed\s+on|lines?\s+of\s+therapy|ind\b|irb|ethics\s+committee)\b",
        r"\b(?:mi|mio|mon|ma|mein\w*)\s+(?:paciente|paziente|patiente?|patient\w*)\b",
        # "I am the (treating) doctor" in the other languages
        r"\b(?:sono\s+(?:la|il)\s+(?:dott\.?(?:ssa)?|dr\.?|medico|ematolog\w|oncolog\w)|soy\s+(?:la|el)\s+"
        r"(?:dra?\.?|m[ée]dic[oa]|hemat[óo]log[oa]|onc[óo]log[oa])|je\s+suis\s+(?:le|la|l')\s*(?:dr|docteur|"
        r"m[ée]decin|h[ée]matologue|oncologue|p[ée]diatre)|ich\s+bin\s+(?:die\s+|der\s+)?(?:behandelnde\w*\s+)?"
        r"(?:ärztin|arzt|onkolog\w*|hämatolog\w*|oberärzt\w*)|sou\s+(?:a|o)\s+(?:dra?\.?|m[ée]dic[oa]|"
        r"hematologista|oncologista)|jestem\s+(?:lekarz\w*|onkolog\w*|hematolog\w*)|ik\s+ben\s+(?:de\s+)?"
        r"(?:behandelend\w*\s+)?(?:arts|hematoloog|oncoloog|kinderoncoloog|kinderarts))",
        r"\b(?:dott\.?(?:ssa)?|dra\.)\s+[a-zà-ÿ]|\bdirigente\s+medico\b",
        # a physician's title in a signature, in the other languages
        r"\b(?:assistente\s+hospitalar|médic[oa]\s+(?:hematologista|oncologista|assistente)|"
        r"(?:kinder)?(?:oncoloog|hematoloog)|kinderarts|internist-\w+|praticien\s+hospitalier|"
        r"m[ée]decin\s+(?:h[ée]matologue|oncologue)|facultativo\s+especialista|médico\s+adjunto|"
        r"oberärzt\w*|fachärzt\w*|assistenzärzt\w*|lekarz\s+(?:hematolog|onkolog)\w*)\b",
    ),
    "family_cues": (
        r"\b(?:m[oó]j\w*|moja|moje|mojej|mojego|naszego|naszej|nasz\w*)\s+(?:tat\w*|ojc\w*|mam\w*|matk\w*|mę[żz]\w*|żon\w*|syn\w*|córk\w*|brat\w*|siostr\w*|dzieck\w*|dziadk\w*|babci\w*)",
        r"\b(?:mijn|onze|ons)\s+(?:vader|moeder|man|vrouw|zoon|dochter|broer|zus|kind|partner|opa|oma|echtgeno\w*)\b",
        _RELATIVE_OF,  # "unsere Tochter", "ich bin die Mutter von Lena", "soy la hija de ..."
        r"\bmy\s+(?:best\s+|dear\s+|close\s+|old\s+)?friend\b",
        r"\b(?:i\s+am|i\'m)\s+(?:his|her|their)\s+(?:son|daughter|wife|husband|mother|father|sister|brother|partner|friend)\b",
        r"\bmy\s+(?:husband|wife|mother|mom|mum|father|dad|son|daughter|brother|sister|partner|"
        r"child|grandmother|grandfather|aunt|uncle|fianc\w*|niece|nephew|boy|girl|little)\b",
        r"\b(?:mein(?:e|em|er)?|mi|mon|ma|mio|mia|meu|minha)\s+(?:mann|frau|mutter|vater|sohn|"
        r"tochter|esposo|esposa|marido|madre|padre|hijo|hija|mari|femme|mère|père|fils|fille|"
        r"marito|moglie|figlio|figlia|mãe|pai|filho|filha)\b",
        r"\bi\s+(?:have|'ve)\s+(?:had\s+|been\s+)?(?:diagnosed|stage|multiple\s+myeloma|myeloma|lymphoma|"
        r"cancer|waldenstr\w*|a\s+(?:rare\s+)?(?:cancer|tumou?r|lymphoma|sarcoma))\b",
        r"\bi\s+was\s+diagnosed\b|\bi'?m\s+\d{2}\b|\bi\s+am\s+(?:a\s+)?(?:patient|\d{2})\b",
        r"\bour\s+(?:son|daughter|child|little\s+\w+|mother|father|mom|dad|boy|girl|baby)\b",
        r"\bmy\s+(?:cancer|myeloma|lymphoma|tumou?r|diagnosis|oncologist|doctor)\b",
        r"\b(?:last\s+hope|please\s+help|we\s+are\s+desperate|praying|our\s+family)\b",
        _MORE_RELATIVES,  # grandparents, aunts, uncles, cousins, in-laws, friends
    ),
    "other_role_cues": (
        # (learnt from dev-z74) a physician's assistant sends the letter: "Administrative
        # Assistant to Vikram Patel, MD", "Dr. Patel asked me to send you the attached"
        r"\b(?:administrative\s+|executive\s+|medical\s+|office\s+|personal\s+)?(?:assistant|secretary)\s+"
        r"to\b|\b(?:dr\.?|doctor|prof\.?)\s+\w+['’]s\s+(?:assistant|secretary|office\s+manager|pa)\b|\b(?:dr\.?|doctor|professor|prof\.?)\s+\w+\s+(?:has\s+)?asked\s+me\s+to\s+(?:send|forward|write)\b",
        r"\b(?:named[\s\-]patient\s+(?:supply|access|import|program\w*|services?)|access\s+"
        r"(?:program(?:me)?\s+)?(?:provider|partner|company|services|specialists?)|(?:import|supply|"
        r"distribution)\s+(?:company|partner|specialists?)|on\s+behalf\s+of\s+(?:the\s+)?treating|"
        r"practice\s+manager|office\s+(?:staff|coordinator)|forwarding\s+(?:this|the)\b)\b",
        r"\bon\s+behalf\s+of\s+(?:dr\.?|doctor|prof\w*|the\s+(?!patient\b)|his|her|a\s+(?:physician|"
        r"doctor|colleague|client|family|customer|hospital|clinic))\b|\bon\s+behalf\s+of\s+(?:my|our)\s+"
        r"(?!(?:patients?|husband|wife|mother|mom|mum|father|dad|son|daughter|brother|sister|partner|child|"
        r"children|friend|family|grand\w*|aunt|uncle|niece|nephew|little|baby|boy|girl|parents?)\b)\w+",
        r"\b(?:i\s+am|i'm|i\s+work\s+as|writing\s+as)\s+(?:a|an|the|his|her)?\s*(?:\w+\s+){0,3}"
        r"(?:nurse|coordinator|navigator|pharmacist|social\s+worker|attorney|lawyer|paralegal|"
        r"case\s*worker|advocate|assistant|secretary|caseworker|staffer|agent)\b",
        r"(?:^|\n)[^\n]{0,60}\b(?:rn|np|bsn|msn|pharmd|lcsw|msw|esq\.?|j\.d\.|crc|ccrp)\b",
        r"\b(?:social\s+worker|caseworker|case\s+worker|attorney|lawyer|law\s+(?:firm|office)|"
        r"paralegal|medical\s+(?:travel|tourism)|travel\s+agency|agency|constituent\s+services|"
        r"district\s+office|staff\s+assistant|patient\s+advocate)\b",
        r"\b(?:nurse|np|rn|research\s+coordinator|study\s+coordinator|clinical\s+coordinator|"
        r"care\s+coordinator|nurse\s+navigator|patient\s+navigator|case\s+manager|pharmacist|"
        r"physician\s+assistant|medical\s+secretary|office\s+manager|infirmi[èe]re?|enfermer[oa]|"
        r"enfermeir[oa]|infermier[ea]|pielęgniar\w+|verpleegkundige|krankenschwester|pflegefachkraft|"
        r"study\s+nurse|studienkoordinator\w*|coordinatrice|coordinadora|coordenadora|"
        # pharmacists and secretaries in the other languages ("Farmacéutica Adjunta",
        # "ziekenhuisapotheker", "mgr farm.", "Segreteria UOC Ematologia")
        r"farmac[ée]utic[oa]|farmacêutic[oa]|farmacista|pharmacien\w*|radiopharmac\w*|"
        r"(?:ziekenhuis)?apotheker\w*|farmaceut\w*|mgr\s+farm)\b",
        # (a secretariat signs on a line of its own; "joignable par le secrétariat" is a physician's)
        r"(?:^|\n)[ \t]*(?:segreteria|secretar[íi]a|secrétariat|sekretariat|secretariaat)\b"
        r"(?![ \t]*(?:[:\-–(]|\d|\+|t[ée]l|fax|\n))",
        r"\b(?:advocacy|patient\s+organi[sz]ation|support\s+group|petition|coalition)\b",
        # (learnt from dev-zb1, dev-zb3) a facilitation company's or an access provider's staff,
        # a Dutch nurse specialist: "Senior Patient Coordinator - International Patient
        # Services", "Senior Access Manager", "Verpleegkundig specialist", "Namens dr. Bakker"
        r"\b(?:patient\s+facilitation|facilitation\s+(?:company|services)|international\s+patient\s+"
        r"services|patient\s+coordinator|access\s+manager|verpleegkundig\s+specialist\w*|namens\s+"
        r"(?:dr\.?|dokter|prof\w*)|early\s+access\s+(?:programme|program)\s+provider)\b",
        r"\b(?:senator|congressman|congresswoman|representative|constituent|office\s+of\s+"
        r"(?:senator|congress\w*|rep\.?))\b",
        r"\bim\s+auftrag\s+von\b|\ben\s+nombre\s+de(?:l)?\b|\bau\s+nom\s+du?\b|\bper\s+conto\s+del?\b|"
        r"\bsu\s+incarico\s+del?\b|\bde\s+la\s+part\s+du?\b|\bw\s+imieniu\b|\bem\s+nome\s+d[oa]\b",
        # (learnt from dev-z57) people around the patient by their trade, in every language
        # the rules read: social workers, chaplains, interpreters, teachers, carers, employers
        r"\b(?:trabajador[a]?\s+social|trabajo\s+social|servicio\s+social|assistante?\s+sociale?|"
        r"service\s+social|assistente\s+sociale|servizio\s+sociale|servi[çc]o\s+social|assistente\s+social|"
        r"sozialarbeiter\w*|sozialdienst\w*|maatschappelijk\s+werk\w*|pracownik\w*\s+socjaln\w*|"
        r"chaplain|aum[oô]nier|cappellano|capell[aá]n|capel[aã]o|seelsorger\w*|klinikseelsorge\w*|"
        r"geestelijk\s+verzorger|kapelan\w*|p[aá]rroco|parroco|pastor|priest|interpreter|int[ée]rpret[ea]|"
        r"interprète|dolmetscher\w*|tolk|tłumacz\w*|home\s+(?:health\s+)?aide|caregiver|badante|"
        r"cuidador[a]?|aide[\s\-]soignante|pflegekraft|pflegedienst\w*|verzorgende|opiekun\w*|"
        r"human\s+resources|recursos\s+humanos|ressources\s+humaines|risorse\s+umane|personalabteilung|"
        r"pracodawc\w*|employer)\b",
    ),
    # A specific patient (not "patients" in general).
    "specific_patient": (
        r"\b(?:m[oó]j\w*|moja|moje|mojej|mojego|naszego|naszej|nasz\w*)\s+(?:tat\w*|ojc\w*|mam\w*|matk\w*|mę[żz]\w*|żon\w*|syn\w*|córk\w*|brat\w*|siostr\w*|dzieck\w*|dziadk\w*|babci\w*)",
        r"\b(?:mijn|onze|ons)\s+(?:vader|moeder|man|vrouw|zoon|dochter|broer|zus|kind|partner|opa|oma|echtgeno\w*)\b",
        _RELATIVE_OF,  # "unsere Tochter", "ich bin die Mutter von Lena", "soy la hija de ..."
        r"\bmy\s+(?:best\s+|dear\s+|close\s+|old\s+)?friend\b",
        r"\b(?:pacjent\w*|pati[eë]nt(?:e|en)?)\b",
        r"\b\d{1,2}\s?(?:lat|jaar|jahre|años|anos|ans|anni)\b",
        r"\b(?:my|our|his|her|their|this|one\s+of\s+(?:my|our))\s+(?:[\w\-]+\s+){0,2}"
        r"(?:patient|pt)\b(?![\s\-]+(?:population|groups?|advocacy|organi[sz]ations?|communit\w*))",
        r"\ba\s+(?:[\w\-]+\s+){0,2}patient\s+of\s+(?:mine|ours)\b|\bpatient\s*(?:name|initials|id)?\s*[:#]",
        r"\b(?:treating|caring\s+for|seeing|following|managing|referr\w+)\s+(?:a|an|this)\s+"
        r"(?:[\w\-/]+\s+){0,3}(?:patient|man|woman|boy|girl|gentleman|lady|child|adolescent)\b",
        r"\bthe\s+patient\s+(?:is|was|has|had|progressed|relapsed|received|remains)\b",
        r"\b(?:dob|d\.o\.b\.|date\s+of\s+birth|geb\.|né[e]?\s+le|fecha\s+de\s+nacimiento)\b",
        r"\bone\s+of\s+(?:my|our)\s+patients\b",
        r"\b\d{1,2}[\s\-]?(?:year|yr|jahre|jährig\w*|años|ans|anni|anos)s?[\s\-]?(?:old|alt\w*)?\b",
        r"\b\d{1,2}\s?(?:yo|y/o|y\.o\.|[mf])\b",
        r"\b(?:mein\w*|meine\w*|einen|eine\w*|mi|un|una|mon|ma|une|il\s+mio|la\s+mia|un|meu|minha|"
        r"nuestro|nuestra)\s+(?:pacient\w*|patient\w*|pazient\w*)\b",
        r"\bmy\s+(?:husband|wife|mother|mom|mum|father|dad|son|daughter|brother|sister|partner|"
        r"child|grandmother|grandfather|aunt|uncle|friend|fianc\w*|niece|nephew|boy|girl|cousin)\b",
        r"\b(?:our|whose|her|his)\s+(?:son|daughter|child|mother|father|mom|dad|boy|girl|baby|"
        r"husband|wife|partner)\b",
        r"\b(?:mein(?:e|em|er)?|mi|mon|ma|mio|mia|meu|minha)\s+(?:mann|frau|mutter|vater|sohn|tochter|"
        r"esposo|esposa|marido|madre|padre|hijo|hija|mari|femme|mère|père|fils|fille|marito|moglie|"
        r"figlio|figlia|mãe|pai|filho|filha)\b",
        r"\bi\s+(?:have|'ve)\s+(?:had\s+|been\s+)?(?:diagnosed|stage|myeloma|lymphoma|cancer|waldenstr\w*)",
        r"\bi\s+was\s+diagnosed\b|\bi'?m\s+\d{2}\b|\bi\s+am\s+\d{2}\b|\bfor\s+(?:him|her)\b",
        r"\bmy\s+(?:myeloma|cancer|lymphoma|disease|tumou?r|leuk\w+|waldenstr\w*|wm|sarcoma|glioma|"
        r"diagnosis|oncologist|hematologist|doctor)\b",
        r"\bi\s+(?:was|have\s+been|got)\s+(?:screened|treated|told|turned\s+down|through|diagnosed)\b",
        # the patient writing, in the other languages: "my doctor", "I took part in your study"
        r"\b(?:mein(?:e|em)?\s+(?:arzt|ärztin|hämatolog\w*|onkolog\w*|hausarzt)|mi\s+(?:médic[oa]|"
        r"hematólog[oa]|oncólog[oa]|doctor[a]?)|mon\s+(?:médecin|hématologue|oncologue)|(?:il\s+)?mio\s+"
        r"(?:medico|ematologo|oncologo)|(?:o\s+)?meu\s+(?:médico|hematologista|oncologista)|"
        r"mój\s+(?:lekarz|hematolog|onkolog)|mijn\s+(?:arts|hematoloog|oncoloog|dokter|huisarts))\b",
        r"\bich\s+(?:habe|hatte)\s+(?:[\w()]+\s+){0,8}(?:teilgenommen|myelom|lymphom|krebs|morbus)|"
        r"\bich\s+(?:bin|war)\s+(?:\w+\s+){0,3}(?:erkrankt|teilnehmer\w*|patient\w*)\b|"
        r"\b(?:particip[éeo]i?|partecipato|participé)\b|\bj'ai\s+(?:\w+\s+){0,3}(?:participé|un\s+myélome|"
        r"un\s+lymphome)|\b(?:tengo|padezco)\s+(?:un\s+|una\s+)?(?:mieloma|linfoma|sarcoma|c[áa]ncer)|"
        r"\beu\s+(?:tenho|tive)\s+(?:\w+\s+)?(?:mieloma|linfoma|sarcoma|câncer|cancro)|"
        r"\b(?:choruj[eę]|chorowałe[mś]|brałe[mś]\s+udział|brałam\s+udział)\b|"
        r"\bik\s+(?:heb|had)\s+(?:\w+\s+){0,3}(?:deelgenomen|myeloom|lymfoom|kanker)\b|"
        r"\bi\s+(?:took\s+part|participated|was\s+(?:in|on)\s+(?:your|the|a)\s+(?:[\w\-]+\s+){0,2}"
        r"(?:study|trial))\b",
        r"\bthis\s+(?:man|woman|gentleman|lady|boy|girl|child|young\s+\w+)\b",
        r"\b(?:he|she)\s+(?:has|had|is|was)\s+(?:\w+\s+){0,2}(?:diagnosed|progress\w*|refractory|"
        r"relapsed|treated|failed|exhausted)\b",
        _MORE_RELATIVES,  # grandparents, aunts, uncles, cousins, in-laws, friends
        # (learnt from dev-z59) the writer's own illness: "para mi Waldenstrom", "pour mon lymphome",
        # "per il mio mieloma", "für mein Myelom", "para o meu mieloma", "voor mijn myeloom"
        r"\b(?:my|mi|mon|ma|il\s+mio|la\s+mia|mio|mia|mein(?:e|em|en)?|o\s+meu|a\s+minha|meu|minha|mijn|"
        r"m[oó]j|moja|mojego|mojej)\s+(?:waldenstr\w*|m\.?\s+waldenstr\w*|mielom\w*|myelom\w*|myeloom|"
        r"linfom\w*|lymphom\w*|lymfoom|glioblastom\w*|gliom\w*|sarcom\w*|sarkom\w*|leucemi\w*|leukämie|"
        r"leukemi\w*|leukemie|cáncer|cancer|cancro|câncer|kanker|krebs|nowotw[oó]r\w*|szpiczak\w*|"
        r"chłoniak\w*|tumou?r|tumeur|tumor\w*|enfermedad|maladie|malattia|doença|ziekte|erkrankung|"
        r"choroba|choroby|neuroblastom\w*)\b",
        # (learnt from dev-z57) a carer's client; a titled name with an age ("Mrs. Dolores
        # Kingsley (79)")
        r"\b(?:my|our)\s+client\b|\bmein(?:e|er)?\s+klient(?:in)?\b|\bmi\s+cliente\b|\bma\s+cliente\b|"
        r"\b(?:il\s+mio\s+assistito|la\s+mia\s+assistita)\b|\bmijn\s+cli[eë]nt\b|\b(?:mrs?|ms|frau|herr|sra?|"
        r"mme|sig(?:ra)?|dhr|mevr)\.?\s+[A-ZÀ-Ý][\w\-]+(?:\s+[A-ZÀ-Ý][\w\-]+){0,2}\s*\(\s*\d{1,2}\s*\)",
    ),
    # Questions about approval or market timing (not a request for access).
    "approval_question": (
        r"\bwhen\s+(?:will|might|do\s+you\s+expect)\s+(?:it|this|the\s+drug|\w+)\s+(?:to\s+)?be\s+"
        r"(?:approved|available|on\s+the\s+market|launched|registered|commercially)",
        r"\b(?:approval|launch|registration)\s+(?:status|timeline|date|plans?)\b",
        r"\bquando\b[^.?!]{0,80}\b(?:aprovad\w*|registrad\w*|comerciali\w*|approvat\w*)",
        r"\bwann\b[^.?!]{0,80}\b(?:zugelassen|zulassung|verfügbar)",
        r"\bcu[áa]ndo\b[^.?!]{0,80}\b(?:aprobad\w*|comerciali\w*)",
        r"\bquand\b[^.?!]{0,80}\b(?:autoris\w*|approuv\w*|commerciali\w*)",
    ),
    # Already in a trial, or a safety report about trial use: not a new EA request.
    # the patient already received our drug under expanded access: news, thanks, or a
    # retreatment a human should look at (lowers confidence: review, never filed away)
    "already_treated": (
        r"\b(?:received|got|had|was\s+given|was\s+treated\s+with|been\s+treated\s+with)\s+"
        r"(?:it|clr[\s\-]?131|iopofosine(?:\s+i[\s\-]?131)?|(?:the|your|this|her|his)\s+(?:[\w\-]+\s+)?"
        r"(?:drug|medicine|medication|treatment|infusions?|doses?))\s+(?:through|under|via|in|from)\s+"
        r"(?:your|the)\s+(?:[\w\-]+\s+)?(?:expanded[\s\-]access|compassionate[\s\-]use|"
        r"single[\s\-]patient)",
        r"\b(?:got|gave|given)\s+(?:him|her|them|me)\s+(?:your|the)\s+(?:[\w\-]+\s+){0,2}(?:drug|"
        r"medicine|treatment)\s+(?:on|under|through|via)\s+(?:a\s+|the\s+)?(?:compassionate[\s\-]use|"
        r"expanded[\s\-]access)|\bobtenu\s+(?:pour\s+(?:lui|elle)\s+)?votre\s+(?:médicament|"
        r"traitement)\s+(?:\([^)]{0,30}\)\s+)?(?:en|dans\s+le\s+cadre\s+d'un)\s+accès|"
        r"\bthank\s+you\s+for\s+saying\s+yes\b|\byou\s+gave\s+(?:me|him|her|us|them)\s+"
        r"(?:\w+\s+){0,3}(?:life|time|chance|years?|months)\s+back\b",
        # "received your medicine, CLR 131, through an expanded access arrangement"; "recibió el
        # medicamento de ustedes, el del yodo, por el programa de uso compasivo" (es/pt/fr/it/de)
        r"\b(?:received|got|had|was\s+given)\s+(?:your|the)\s+(?:drug|medicine|medication|treatment)"
        r"(?:\s*,[^,.\n]{1,40},)?\s+(?:through|under|via|in|on)\s+(?:an?|your|the)\s+(?:[\w\-]+\s+)?"
        r"(?:expanded[\s\-]access|compassionate[\s\-]use|single[\s\-]patient)|"
        r"\b(?:recibi[óo]|recebeu|a\s+reçu|ha\s+ricevuto|hat\s+\w+\s+erhalten|erhielt)\s+(?:el|o|le|il|su|"
        r"votre|vostro|ihr\w*)\s+(?:medicamento|tratamiento|tratamento|médicament|traitement|farmaco|"
        r"medikament)[^.\n]{0,60}?\b(?:por|en|pelo|no|dans|par|nel|tramite|im|über)\s+(?:el|un|o|um|le|"
        r"un|il|das|ein)?\s*(?:programa|programme|programma|rahmen|accès|acesso|acceso|uso|usage|härtefall)"
        r"\w*\s+(?:de\s+|di\s+|des\s+|del\s+)?(?:uso\s+compasivo|compassionate|compassionevole|"
        r"compassionnel|compassivo|acceso\s+ampliado|acesso\s+expandido|accès\s+compassionnel)",
    ),
    "trial_participant": (
        r"\b(?:was|were|am|is|been)\s+(?:a\s+)?(?:patient|participant|subject)?\s*(?:in|on)\s+"
        r"(?:one\s+of\s+)?(?:the|your|a|this)\s+(?:[\w\-]+\s+){0,3}(?:trials?|stud(?:y|ies))\b",
        r"\b(?:is|was|has\s+been|am|are|were)\s+(?:currently\s+|still\s+)?(?:in|on|enrolled\s+in|"
        r"participating\s+in|part\s+of)\s+(?:the|your|a|this)\s+(?:\w+\s+){0,3}(?:trial|study)\b",
        r"\b(?:safety\s+report|sae\s+report|serious\s+adverse\s+event\s+report|medwatch|cioms|"
        r"subject\s+(?:id|number|no\.?|#)|study\s+subject|site\s+\d{2,})\b",
        # (learnt from dev-z45) a site's subject number ("401-003", "pt 105-022"), not a phone
        # number's "555-0148" nor a date
        r"(?<![\d\-‐+(/.])\b[1-9]\d{2}[\-‐]0\d{2}\b(?![\-‐\d/.])",
        # "had the CLR 131 infusion ... 3 weeks ago in the study at Mountain States"
        r"\b(?:had|got|received)\s+(?:the|his|her|my)\s+(?:[\w\-]+\s+){0,3}(?:infusion|dose|treatment|"
        r"injection)\s+(?:[\w\-]+\s+){0,6}?in\s+(?:the|your|a)\s+(?:[\w\-]+\s+){0,3}(?:study|trial)\b",
        # in the other languages: takes or took part in a (your) study
        r"\b(?:deelgenomen\s+aan|neemt\s+deel\s+aan|deelnemer\s+(?:aan|van))\s+(?:een|de|uw|het)\s+"
        r"(?:\w+\s+)?(?:studie|onderzoek)|\b(?:nimmt|nahm)\s+an\s+(?:einer|der|ihrer|dieser)\s+"
        r"(?:\w+\s+)?studie\s+teil|\ban\s+(?:einer|der|ihrer|dieser)\s+(?:\w+\s+)?studie\s+"
        r"teilgenommen|\b(?:participa|participaba|particip[óo]|ha\s+participado)\s+en\s+(?:un|el|"
        r"su|este)\s+(?:\w+\s+)?(?:ensayo|estudio)|\b(?:participe|participait|a\s+particip[ée])\s+"
        r"à\s+(?:l'|une?\s+|votre\s+|cet(?:te)?\s+)(?:\w+\s+)?(?:essai|étude)|\b(?:partecipa|"
        r"partecipava|ha\s+partecipato)\s+(?:a|al|allo|alla|ad)\s+(?:uno\s+|un\s+|vostro\s+)?"
        r"(?:\w+\s+)?(?:studio|sperimentazione)|\b(?:participa|participou|participava)\s+(?:do|no|de\s+um|"
        r"num|em\s+um)\s+(?:\w+\s+)?(?:estudo|ensaio)|\b(?:uczestniczy\w*|brał\w*\s+udział)\s+w\s+"
        r"(?:\w+\s+)?badani\w+",
        # (learnt from dev-z42) "je participe depuis l'an dernier à l'étude", "traité par le CLR 131
        # dans l'essai clinique", and the same in the other languages
        r"\b(?:je\s+participe|il\s+participe|elle\s+participe)\s+(?:[\w'’]+\s+){1,5}?à\s+(?:l['’]|une?\s+|"
        r"votre\s+|cet(?:te)?\s+)(?:\w+\s+)?(?:essai|étude)|\btrait[ée]e?s?\s+(?:par|avec)\s+(?:le\s+|l['’])?"
        r"(?:[\w\-]+\s+){0,3}?dans\s+(?:l['’]|un\s+|une\s+|votre\s+|cet(?:te)?\s+)(?:\w+\s+)?(?:essai|étude)|"
        r"\btratad[oa]s?\s+con\s+(?:el\s+)?(?:[\w\-]+\s+){0,3}?en\s+(?:el|un|su)\s+(?:\w+\s+)?(?:ensayo|estudio)|"
        r"\btrattat[oa]\s+con\s+(?:il\s+)?(?:[\w\-]+\s+){0,3}?(?:nello|in\s+uno|nel\s+vostro)\s+(?:\w+\s+)?"
        r"(?:studio|sperimentazione)|\btratad[oa]\s+com\s+(?:o\s+)?(?:[\w\-]+\s+){0,3}?(?:no|num)\s+(?:\w+\s+)?"
        r"(?:estudo|ensaio)|\bim\s+rahmen\s+(?:der|einer|ihrer)\s+(?:\w+\s+)?studie\s+(?:\w+\s+){0,3}?behandelt|"
        r"\btreated\s+with\s+(?:[\w\-]+\s+){1,3}?in\s+(?:the|your|a)\s+(?:[\w\-]+\s+){0,2}(?:trial|study)\b",
        # (learnt from dev-z52) "mi padre ... esta en el ensayo clinico del CLR 131" (phone
        # Spanish, no accent), "está no estudo", "è nello studio"
        r"\b(?:est[áa]|estar|estaba)\s+en\s+(?:el|un|su|este)\s+(?:\w+\s+){0,2}?(?:ensayo|estudio)\b|"
        r"\b(?:est[áa]|estava)\s+(?:no|num)\s+(?:\w+\s+){0,2}?(?:estudo|ensaio)\b|"
        r"\b(?:è|era)\s+(?:nello|in\s+uno|nel\s+vostro)\s+(?:\w+\s+){0,2}?(?:studio|sperimentazione)\b",
    ),
    # Flags.
    "emergency": (
        # the signs of the last weeks in ordinary words: not eating, sleeping all day,
        # bedbound, "weeks rather than months", palliative care or sedation now
        r"\b(?:weeks,?\s+(?:rather\s+than|not|instead\s+of)\s+months|(?:stopped|no\s+longer|barely|"
        r"hardly)\s+(?:eating|drinking)|(?:sleeps|sleeping|asleep)\s+(?:most\s+of|all)\s+(?:of\s+)?"
        r"the\s+day|barely\s+(?:rousable|arousable|responsive|conscious|awake)|bed[\s\-]?bound|"
        r"bedridden|palliative\s+sedation|(?:declining|going\s+downhill|falling|worsening)\s+"
        r"(?:very\s+|pretty\s+|so\s+|really\s+)?(?:fast|quickly|rapidly)|rapidly\s+worsening|"
        r"(?:dropping|fell|falling)\s+off\s+a\s+cliff|comfort[\s\-](?:focused\s+)?care|"
        r"hospice\s+(?:conversation|discussion|talk)|days,?\s+not\s+weeks|eats?\s+(?:very\s+)?little|"
        r"palliative\s+(?:care\s+)?(?:team\s+)?(?:is\s+|are\s+|has\s+)?(?:recommend\w*|suggest\w*|"
        r"discuss\w*|talk\w*))\b",
        r"\b(?:isst\s+(?:kaum|nichts|nicht\s+mehr)|schläft\s+(?:fast\s+)?(?:den\s+ganzen\s+tag|die\s+"
        r"meiste\s+zeit)|bettlägerig|eher\s+wochen\s+als\s+monate|wochen\s+statt\s+monate|wochen,?\s+nicht\s+monate\w*|"
        r"palliativ(?:versorgung|station|gespräch\w*|team)|"
        r"eet\s+(?:bijna\s+)?niet(?:s)?\s+meer|eet\s+(?:heel\s+|erg\s+)?weinig|niets\s+meer\s+"
        r"(?:eten|drinken)|niet\s+meer\s+wakker|(?:in\s+)?weken\s+dan\s+(?:in\s+)?maanden|"
        r"grootste\s+deel\s+van\s+de\s+dag\s+(?:op|in)\s+bed|sta\s+precipitando|perso\s+la\s+"
        r"deambulazione|fatica\s+a\s+deglutire|mange\s+très\s+peu|come\s+muy\s+poco|isst\s+sehr\s+"
        r"wenig|come\s+muito\s+pouco|je\s+bardzo\s+mało|slaapt\s+(?:bijna\s+)?(?:de\s+hele\s+dag|het\s+grootste\s+"
        r"deel)|bedlegerig|(?:eerder\s+)?weken\s+(?:in\s+plaats\s+van|dan)\s+maanden|palliatieve\s+"
        r"(?:sedatie|zorg)|"
        r"ne\s+mange\s+(?:presque\s+)?plus|mange\s+à\s+peine|dort\s+(?:presque\s+)?(?:toute\s+la\s+"
        r"journée|la\s+plupart\s+du\s+temps)|alité\w*|semaines\s+plutôt\s+que|semaines,?\s+(?:et\s+)?(?:pas|non)\s+(?:des\s+|de\s+)?mois|soins\s+palliatifs|"
        r"non\s+mangia\s+più|mangia\s+pochissimo|dorme\s+(?:quasi\s+)?(?:tutto\s+il\s+giorno|la\s+"
        r"maggior\s+parte)|allettat[oa]|settimane,?\s+non\s+(?:di\s+)?mesi|cure\s+palliative|"
        r"(?:ya\s+)?no\s+come|casi\s+no\s+come|apenas\s+come|duerme\s+(?:casi\s+)?(?:todo\s+el\s+"
        r"día|la\s+mayor\s+parte)|postrad[oa]|semanas,?\s+(?:y\s+)?no\s+(?:de\s+)?meses|cuidados\s+paliativos|"
        r"(?:quase\s+)?não\s+come|dorme\s+(?:quase\s+)?o\s+dia\s+(?:todo|inteiro)|acamad[oa]|"
        r"semanas,?\s+não\s+(?:de\s+)?meses|"
        r"(?:prawie\s+)?nie\s+je|śpi\s+(?:prawie\s+)?cały\s+dzień|leżąc\w*|opiek\w+\s+paliatywn\w*|"
        r"tygodnie,?\s+nie\s+miesiące)\b",
        # what clinicians and families write when time is short: eligibility about to be
        # lost, cord compression, no longer walking or recognising family, a morphine drip,
        # goals-of-care talks, "take her home", "a matter of days", worse by the hour
        r"\b(?:los(?:e|es|ing)\s+(?:his\s+|her\s+|their\s+)?eligibility|(?:spinal\s+)?cord\s+"
        r"compression|rückenmarks?kompression|querschnitt\w*|compression\s+médullaire|compresión\s+"
        r"medular|compressione\s+midollare|compressão\s+medular|(?:can|could)\s+no\s+longer\s+walk|"
        r"no\s+longer\s+(?:able\s+to\s+walk|recogni[sz]\w*)|(?:doesn'?t|does\s+not)\s+recogni[sz]e\s+"
        r"(?:us|anyone|his|her)|morphine\s+(?:drip|pump|infusion)|told\s+"
        r"(?:us\s+|the\s+family\s+|them\s+)?to\s+take\s+(?:her|him|them)\s+home|(?:we|he|she|they)\s+"
        r"(?:are|is|'re|'s)\s+out\s+of\s+time|(?:pls|please|kindly)\s+expedite|rapidly\s+progressive|"
        r"(?:weaker|sicker|worse)\s+(?:every|each|by\s+the)\s+(?:day|hour)|(?:deteriorat\w*|worsening|"
        r"declining)\s+(?:daily|hourly|by\s+the\s+hour)|palliative\s+(?:care\s+)?(?:unit|floor|ward)|"
        r"hospice\s+(?:on\s+|by\s+|this\s+|next\s+)?(?:monday|tuesday|wednesday|thursday|friday|"
        r"saturday|sunday|tomorrow|within))\b",
        # (learnt from dev-z93) a terse clinician's "pt deteriorating, needs decision this week";
        # a wife's Dutch: moved to medium care, "het gaat hard achteruit", does not recognise
        # the grandchildren, very short of breath
        r"\b(?:(?:pt|patient)\s+(?:is\s+)?|(?:he|she)\s+is\s+)deteriorating\b(?![,;]?\s+(?:albeit\s+|but\s+)?"
        r"(?:slowly|gradually|a\s+bit|somewhat|over\s+the))|(?<!\bnobody\s)(?<!\bno\s)(?<!\bone\s)\bneeds?\s+"
        r"(?:a\s+|your\s+)?(?:decision|answer|response)\s+(?:this\s+week|today|tonight|tomorrow|by\s+"
        r"(?:monday|tuesday|wednesday|thursday|friday))\b(?!\s+(?:on|about|regarding|whether|which)\b)|"
        r"\b(?:gaat|ging)\s+(?:heel\s+)?(?:hard|snel)\s+achteruit\b|\bherkent\s+(?:ons|mij|me|niemand|"
        r"(?:de|zijn|haar)\s+(?:eigen\s+)?(?:kinderen|kleinkinderen|familie|vrouw|man|dochter|zoon))\s+"
        r"(?:soms\s+|vaak\s+)?(?:niet|niet\s+meer)\b|(?<!\bic\s)(?<!\bcare\s)\bnaar\s+de\s+(?:medium\s+care|"
        r"intensive\s+care|ic)\s+(?:gebracht|overgebracht|overgeplaatst|verhuisd)\b|\bis\s+(?:nu\s+)?(?:erg|heel|"
        r"zo|zeer)\s+benauwd\b(?!\s+(?:voor|om|dat))",
        r"\b(?:quest[ãa]o\s+de\s+dias|cuesti[óo]n\s+de\s+d[íi]as|question\s+de\s+jours|questione\s+di\s+"
        r"giorni|frage\s+von\s+tagen|kwestia\s+dni|kwestie\s+van\s+dagen|nicht\s+mehr\s+geh(?:fähig|en)|"
        r"erkennt\s+(?:uns|niemanden)\s+nicht\s+mehr|ne\s+nous\s+reconna[iî]t\s+plus|non\s+(?:ci\s+)?"
        r"riconosce\s+più|ya\s+no\s+nos\s+reconoce|não\s+nos\s+reconhece|herkent\s+ons\s+niet\s+meer|"
        r"nie\s+poznaje|ne\s+(?:peut|marche)\s+plus|ya\s+no\s+(?:puede\s+)?camina|non\s+cammina\s+più|"
        r"não\s+(?:consegue\s+)?anda[r]?\s+mais|(?:täglich|stündlich)\s+schlechter|di\s+ora\s+in\s+ora|"
        r"d'heure\s+en\s+heure|de\s+hora\s+en\s+hora|a\s+cada\s+hora|morphin(?:pumpe|perfusor)|pompe\s+à\s+"
        r"morphine|bomba\s+de\s+morfina|pompa\s+(?:di|della)\s+morfina|schwächer\s+von\s+tag|"
        r"más\s+débil\s+cada|plus\s+faible\s+chaque|più\s+debole\s+ogni|mais\s+fraco\s+a\s+cada)\b",
        # acute events: can hardly breathe, rushed in by ambulance, emergency admission,
        # "it will be too late", "moving fast", an answer needed by Monday, high-flow oxygen
        r"\b(?:(?:can|could)(?:\s*not|n'?t)?\s+(?:hardly|barely)?\s*breathe|struggling\s+to\s+breathe|"
        r"rushed\s+(?:him|her)?\s*(?:in|into|to)\b|by\s+ambulance|emergency\s+admission|admitted\s+"
        r"(?:him|her\s+)?(?:through|via)\s+the\s+(?:er|ed|emergency)|(?:hardly|barely|can'?t)\s+stay\s+"
        r"awake|(?:it\s+)?will\s+be\s+too\s+late|before\s+it'?s\s+too\s+late|(?:disease|cancer|tumou?rs?|"
        r"it|everything)\s+(?:is\s+|are\s+)?(?:moving|progressing|growing|went|going)\s+(?:very\s+|so\s+)?"
        r"fast|(?:know|answer|decision|hear)\s+(?:\w+\s+){0,3}by\s+(?:monday|tuesday|wednesday|thursday|"
        r"friday|tomorrow|tonight)|high[\s\-]flow\s+oxygen)\b",
        r"\b(?:bijna\s+niet\s+meer\s+ademen|met\s+de\s+ambulance|aan\s+de\s+zuurstof|"
        r"ricoverat[oa]\s+(?:d'|in\s+)urgenza|insufficienza\s+respiratoria|semi-?intensiva|non\s+riesce\s+"
        r"(?:quasi\s+|più\s+)?a\s+respirare|ossigeno\s+ad\s+alti\s+flussi|ne\s+(?:peut|parvient)\s+plus\s+à\s+"
        r"respirer|détresse\s+respiratoire|hospitalisée?\s+en\s+urgence|insuffisance\s+respiratoire|"
        r"(?:no|apenas)\s+puede\s+respirar|ingresad[oa]\s+de\s+urgencia|insuficiencia\s+respiratoria|"
        r"n[ãa]o\s+consegue\s+respirar|internad[oa]\s+(?:de|em)\s+urg[êe]ncia|insufici[êe]ncia\s+"
        r"respirat[óo]ria|(?:bekommt|kriegt)\s+kaum\s+(?:noch\s+)?luft|notarzt|notfallmäßig|"
        r"ateminsuffizienz|nie\s+może\s+oddychać|niewydolnoś\w+\s+oddechow\w*|karetk\w+)\b",
        # worse day by day, in the supported languages
        r"\b(?:deterior\w*|empeor\w*|pior\w*|peggior\w*|dégrad\w*|aggrav\w*|verschlechter\w*|"
        r"pogarsz\w*|achteruit\w*|worse\w*|declin\w*)\s+(?:\w+\s+){0,2}?(?:día\s+a\s+día|dia\s+a\s+dia|"
        r"de\s+dia\s+para\s+dia|z\s+dnia\s+na\s+dzień|de\s+jour\s+en\s+jour|di\s+giorno\s+in\s+giorno|"
        r"von\s+tag\s+zu\s+tag|met\s+de\s+dag|day\s+by\s+day|by\s+the\s+day|every\s+day|cada\s+día|"
        r"ogni\s+giorno|chaque\s+jour|rapidamente|rápidamente|velocemente|rapidement|in\s+fretta|muito\s+rápido|"
        r"depressa|deprisa|"
        r"gwałtownie|szybko)\b",
        r"\b(?:rapide|rapida|rapido|rápida|rápido|rasche\w?|schnelle\w?|brutale)\s+(?:aggravation|"
        r"peggioramento|deterioro|empeoramiento|verschlechterung|dégradation|détérioration|piora)\b|"
        r"\b(?:aggravation|dégradation)\s+rapide\b|"
        # a decline told with its kind between ("piora neurológica rápida", "rapid neurological
        # decline"), consciousness falling, "a few weeks, possibly days"
        r"\b(?:piora|deterioro|empeoramiento|peggioramento|dégradation|détérioration|aggravation|"
        r"verschlechterung|deterioration|decline)\s+(?:neurol[óo]gic[oa]|neurologique|neurologic[oa]|"
        r"neurologische|clínic[oa]|clinique|clinic[oa]|général[e]?|geral|general[e]?)\s+(?:muito\s+|muy\s+|"
        r"très\s+|molto\s+)?(?:rápid[oa]|rapid[oa]|rapide|rasche)\b|\b(?:rapid|snelle|rasche)\s+(?:neurologic(?:al)?|"
        r"clinical|general|neurologische|klinische)\s+(?:decline|deterioration|worsening|achteruitgang|"
        r"verslechtering|verschlechterung)\b|"
        r"\b(?:rebaixamento|diminuição|redução|queda)\s+do\s+nível\s+de\s+consciência|disminución\s+del\s+"
        r"nivel\s+de\s+conciencia|(?:baisse|altération|diminution)\s+(?:du\s+niveau\s+)?de\s+(?:la\s+)?"
        r"conscience|(?:calo|riduzione|alterazione)\s+(?:del\s+livello\s+)?(?:di|della)\s+coscienza|"
        r"bewusstseinseintrübung|bewustzijnsdaling|(?:decreased|declining|reduced|falling|lowered)\s+level\s+"
        r"of\s+consciousness\b|level\s+of\s+consciousness\s+(?:is\s+|has\s+been\s+)?(?:decreasing|"
        r"falling|dropping|declining)\b|"
        r"\b(?:a\s+few|few|some|only|poucas|algumas|pocas|algunas|quelques|poche|qualche|wenige|einige|enkele|"
        r"kilka)\s+(?:weeks|semanas|semaines|settimane|wochen|weken|tygodni\w*),?\s+(?:possibly|maybe|perhaps|"
        r"if\s+not|or\s+even|possivelmente|talvez|se\s+não|posiblemente|quizás?|tal\s+vez|si\s+no|peut[\s\-]être|"
        r"voire|forse|se\s+non|vielleicht|möglicherweise|wenn\s+nicht|misschien|mogelijk|zo\s+niet|może)\s+(?:(?:even|até|mesmo|incluso|même|anche|sogar|zelfs|nawet)\s+)?"
        r"(?:(?:only|just|apenas|solo|seulement|nur|maar)\s+)?(?:(?:des|some|a\s+few|alguns|algunos|unos|einige|"
        r"enkele|pochi|qualche|quelques|poucos|pocos|wenige|kilka)\s+)?(?:days|dias|días|jours|giorni|tage|dagen|dni)\b|"
        r"\b(?:deutlich|rasch|rapide|massiv|dramatisch|zusehends)\s+verschlechter\w*|"
        r"\bverschlechter\w*\s+sich\s+(?:\w+\s+){0,4}?(?:deutlich|rapide|massiv|dramatisch)\b|"
        r"\b(?:gwałtown\w+|szybk\w+)\s+(?:się\s+)?pogarsz\w*|\b(?:gaat|ging)\s+(?:\w+\s+)?(?:snel|hard)\s+achteruit\b",
        # a short prognosis told in so many words
        r"\b(?:lebenserwartung|life\s+expectancy|esperanza\s+de\s+vida|espérance\s+de\s+vie|"
        r"aspettativa\s+di\s+vita|expectativa\s+de\s+vida|levensverwachting)\s+(?:\w+\s+){0,4}?"
        r"(?:wenigen|few|pocas|quelques|poche|poucas|enkele|einigen)\s+(?:wochen|tagen|weeks|days|"
        r"semanas|semaines|settimane|weken|dagen|días|jours|giorni|dias)\b",
        r"\b(?:(?:it\s+is|it's|is)\s+(?:likely|probably)\s+(?:only\s+)?days|told\s+(?:us\s+|them\s+|the\s+family\s+)?"
        r"to\s+prepare|di\s+prepararci|que\s+nos\s+preparemos|de\s+nous\s+préparer|para\s+nos\s+prepararmos|"
        r"uns\s+(?:darauf\s+)?vorzubereiten|(?:weeks|days)\s+(?:left\s+)?to\s+live)\b",
        # (learnt from dev-z82) "it is likely a matter of weeks now", in the other languages too
        # (not a process's time: "FDA review is a matter of weeks", see flags._process_time)
        r"\b(?:(?:a|only\s+a)\s+matter\s+of\s+(?:(?:a\s+)?few\s+)?(?:days|weeks)|cuesti[óo]n\s+de\s+"
        r"(?:pocos\s+|pocas\s+)?(?:días|semanas)|quest(?:ão|ion)\s+de\s+(?:poucos\s+|poucas\s+|quelques\s+)?"
        r"(?:dias|jours|semanas|semaines)|questione\s+di\s+(?:pochi\s+|poche\s+)?(?:giorni|settimane)|"
        r"(?:eine\s+)?frage\s+von\s+(?:wenigen\s+)?(?:tagen|wochen)|kwestia\s+(?:kilku\s+)?(?:dni|tygodni)|"
        r"(?:een\s+)?kwestie\s+van\s+(?:enkele\s+)?(?:dagen|weken))\b",
        r"\b(?:running\s+out\s+of\s+time|time\s+is\s+running\s+out|(?:very\s+)?little\s+time\s+left|"
        r"before\s+it'?s\s+too\s+late|(?:he|she|they)\s+(?:is|are)\s+dying|end[\s\-]of[\s\-]life|"
        r"comfort\s+care|hours\s+(?:to\s+live|matter)|"
        r"in\s+a\s+matter\s+of\s+(?:days|hours)|(?:respiratory|multi[\s\-]?organ|organ|liver)\s+failure|"
        r"septic\s+shock|gravely\s+ill|critically\s+unwell)\b",
        # (learnt from dev-z89) "falou em cuidados de conforto", "sei que o tempo é muito pouco"
        r"\b(?:cuidados\s+de\s+conforto|(?:o\s+)?tempo\s+é\s+(?:muito\s+)?(?:pouco|curto)|soins\s+de\s+confort|"
        r"cure\s+di\s+comfort|comfort\s*care)\b",
        r"\b(?:se\s+(?:nos\s+)?acaba\s+el\s+tiempo|queda\s+(?:muy\s+)?poco\s+tiempo|il\s+reste\s+peu\s+de\s+temps|"
        r"resta\s+poco\s+tempo|o\s+tempo\s+(?:pode\s+ser|é|será)\s+(?:muito\s+)?curto|el\s+tiempo\s+(?:puede\s+ser|es)\s+"
        r"(?:muy\s+)?corto|le\s+temps\s+(?:est|pourrait\s+être|risque\s+d['’]être)\s+(?:très\s+)?(?:court|compté)|"
        r"il\s+tempo\s+(?:potrebbe\s+essere|è)\s+(?:molto\s+)?(?:breve|poco|limitato)|die\s+zeit\s+(?:ist|könnte|"
        r"wird)\s+(?:sehr\s+)?knapp|time\s+(?:may|might|could)\s+be\s+(?:very\s+)?short|"
        r"es\s+bleibt\s+(?:nur\s+)?wenig\s+zeit|zostało\s+niewiele\s+czasu|"
        r"er\s+is\s+(?:nog\s+)?weinig\s+tijd|resta\s+pouco\s+tempo)\b",
        r"\b(?:(?:in|im|en|au|na|w|nel|dans)\s+(?:het\s+|el\s+|der\s+|l\'|o\s+|un\s+)?(?:hospice|hospiz|hospicio|hospicjum|hospizio)|hospice\s+(?:care|nurse|team))\b",
        r"\b(?:nog\s+maar\s+(?:een\s+paar\s+)?dagen|enkele\s+dagen\s+(?:te\s+leven)?(?!\s*(?:na|later|geleden|voor)\b)|quelques\s+jours\s+(?:à\s+vivre)?(?!\s*(?:après|plus\s+tard|avant|auparavant)\b)|pocos\s+días\s+de\s+vida|pochi\s+giorni\s+di\s+vita|wenige\s+tage(?!\s+(?:nach|später|vor|zuvor|danach|her)\b)|kilka\s+dni\s+życia|poucos\s+dias\s+de\s+vida|levensverwachting)\b",
        r"\b(?:window|slot|chance|deadline|opportunity)\s+(?:\w+\s+){0,3}(?:closes|ends|expires|runs\s+out)\s+(?:\w+\s+)?(?:tomorrow|tonight|today|friday|monday)\b",
        r"\b(?:may|might|will)\s+not\s+(?:make\s+it|survive|last)\s+(?:through|past|until|to)\b",
        r"\b(?:en|dentro\s+de|w\s+ciągu|innerhalb\s+(?:von\s+)?|entro|dans\s+les|binnen|in|em\s+até|d['’]ici)\s+(?:las\s+"
        r"próximas\s+|den\s+nächsten\s+|le\s+prossime\s+)?(?:24|48|72)(?:\s*[-–/]\s*(?:48|72))?\s*"
        r"(?:horas|h|godzin\w*|stunden|std|ore|heures|uur)\b",
        r"\b(?:24|48)\s*[-–]\s*(?:48|72)\s*(?:hours|hrs|horas|heures|ore|stunden|godzin)\b",
        r"\b(?:respuesta|decisión)\s+(?:\w+\s+){0,3}(?:hoy|esta\s+noche|mañana\s+temprano)\b|"
        r"\b(?:réponse|décision)\s+(?:\w+\s+){0,2}(?:aujourd'hui|ce\s+soir)\b|"
        r"\b(?:risposta|decisione)\s+(?:\w+\s+){0,2}(?:oggi|stasera)\b|"
        r"\b(?:antwort|entscheidung)\s+(?:\w+\s+){0,2}(?:heute|bis\s+morgen)\b|"
        r"\b(?:odpowied\w*|decyzj\w*)\s+(?:\w+\s+){0,2}(?:dzisiaj|dziś)\b|"
        r"\b(?:antwoord|beslissing)\s+(?:\w+\s+){0,2}(?:vandaag|vanavond)\b",
        r"\b(?:empeoramiento\s+(?:\w+\s+)?rápido|empeora\w*\s+rápidamente|deterioro\s+rápido|"
        r"détérioration\s+rapide|se\s+dégrade\s+rapidement|peggioramento\s+rapido|"
        r"rasche\w?\s+verschlechterung|verschlechtert\s+sich\s+(?:rasch|schnell)|szybk\w+\s+pogorsz\w*|"
        r"snelle\s+achteruitgang|piora\s+rápida)\b",
        r"\b(?:(?:is|on|in|entered|into|to)\s+hospice|hospice\s+care|probably\s+(?:only\s+)?days|maybe\s+(?:only\s+)?days|(?:only|just)\s+(?:a\s+few\s+)?days\s+left|a\s+matter\s+of\s+days)\b",
        r"\bventilat\w*|\bintubat\w*|\bmechanical\s+ventilation\b",
        r"\b(?:icu|intensive\s+care|critical\s+care|picu|nicu|micu|sicu|oiom|oit|ic-afdeling)\b|"
        r"\b(?:is|ligt|liggen|wordt)\s+(?:[\w,]+\s+){0,8}?(?:op|naar)\s+de\s+ic\b|"
        r"\b(?:na|em|internad[oa]\s+na)\s+uti\b",
        r"\bhospice\s+(?:has\s+been|was|is\s+being|is)\s+(?:called|coming|arranged)|\bcalled\s+(?:in\s+)?hospice\b|"
        r"\b(?:could|may|might)\s+be\s+(?:only\s+)?(?:a\s+week\s+or\s+two|days|a\s+few\s+days)\b",
        r"\b(?:days|hours|weeks)\s+to\s+live\b|\bdays\s+left\b|\bimminent\w*|\bactively\s+dying\b",
        r"\bdays\s+to\s+(?:a\s+few\s+)?weeks\b|\bgiven\s+(?:only\s+)?(?:days|a\s+few\s+weeks)\b",
        r"\bwithin\s+(?:the\s+next\s+)?(?:24|48|72|twenty[\s\-]four|forty[\s\-]eight)\s*(?:hours|hrs|h)\b",
        r"\b(?:emergency|e)[\s\-]?ind\b|\bemergency\s+use\b",
        r"\b(?:rapidly|quickly)\s+(?:deteriorat\w*|declin\w*|progressing)\b",
        # (learnt from dev-z47) intensive care, a ventilator, "a matter of days" in languages the
        # rules do not otherwise read (such a letter is marked for review as well)
        r"중환자실|인공\s?호흡기|며칠이\s?고비|重症监护|重症監護|集中治療室|人工呼吸器|реанимаци\w*|"
        r"интенсивн\w+\s+терапи\w*|аппарат\w*\s+ИВЛ|εντατική|yoğun\s+bakım|intenzív\s+osztály\w*|"
        r"napok\s+kérdése|lélegeztetőgép\w*|hồi\s+sức\s+tích\s+cực|thở\s+máy",
        # (learnt from dev-z99) "現在ICUにて人工呼吸管理中", "危篤", "病危"; Hebrew "טיפול נמרץ"
        # (intensive care), "מונשם" (ventilated); Arabic intensive care, a ventilator
        r"icu(?!から)(?=[\u3040-\u30ff\u4e00-\u9fff\uac00-\ud7af])|人工呼吸|危篤|(?<!疾)病危|呼吸机|"
        r"위독(?!성)|טיפול\s+נמרץ|מונשם|מונשמת|العناية\s+(?:المركزة|المشددة)|جهاز\s+التنفس",
        # (learnt from dev-z50) bleeding that will not stop, in the supported languages
        r"\b(?:sangr\w+|sangre|sangue|saign\w+|blut\w*|sanguin\w+|bloed\w*)\b[^.\n]{0,60}\b(?:no\s+(?:se\s+"
        r"(?:le\s+)?)?(?:para|detiene|corta)|não\s+(?:para|pára)|ne\s+s['’]arrête\s+pas|hört\s+nicht\s+auf|"
        r"non\s+si\s+ferma|stopt\s+niet)\b",
        r"\b(?:intensivstation|beatmet|beatmung|uci|cuidados\s+intensivos|réanimation|"
        r"soins\s+intensifs|terapia\s+intensiva|rianimazione|urgence\s+vitale|lebensbedrohlich\s+akut)\b",
        # ordinary words: an answer needed within hours, a fast decline
        r"\b(?:answer|decision|reply|response|word|yes\s+or\s+no)\s+(?:from\s+you\s+)?(?:by\s+|before\s+)?"
        r"(?:tonight|today|this\s+(?:evening|afternoon)|tomorrow\s+morning|by\s+tomorrow|"
        r"within\s+(?:a|one|the)\s+day)\b",
        r"\b(?:need|needs|needed)\s+(?:to\s+(?:know|hear)|(?:an?\s+)?(?:answer|decision|response|reply))\s+"
        r"(?:[\w\-]+\s+){0,3}(?:tonight|today|now|immediately|by\s+tomorrow|tomorrow\s+morning)\b",
        # the time left in ordinary words, and a decision due tomorrow, in the other languages
        r"\b(?:(?:looking\s+at|talking\s+about)\s+(?:only\s+)?days|"
        r"(?:le|les|nos|me)\s+quedan\s+(?:pocos\s+)?d[íi]as|lui\s+rest(?:e|ait|erait)\s+(?:peut-être\s+)?"
        r"(?:que\s+)?quelques\s+jours|se\s+est[áa]\s+apagando|"
        r"(?:ha|hanno)\s+(?:pochi|solo\s+pochi)\s+giorni|(?:il\s+ne\s+lui|ne\s+lui)\s+reste\s+que\s+"
        r"quelques\s+jours|nur\s+noch\s+(?:wenige\s+)?tage|verschlechtert\s+sich\s+(?:innerhalb\s+von\s+"
        r"(?:wenigen\s+)?tagen|zusehends|täglich)|snel\s+achteruit|nog\s+maar\s+(?:enkele\s+)?dagen|"
        r"najbliższe\s+dni\s+będą\s+decyduj\w*|zosta\w*\s+(?:mu|jej)\s+(?:kilka\s+)?dni)\b",
        r"\b(?:morgen\s+(?:früh\s+)?(?:\w+\s+){0,6}(?:entscheiden|beslissen)|"
        # (learnt from dev-z86) "Vocês conseguem dar alguma resposta até amanhã?": an answer too
        r"(?:entscheidung|beslissing|decisión|décision|decisione|decyzj\w*|decisão|resposta|respuesta|"
        r"réponse|risposta|antwort|antwoord|odpowied\w*)\s+(?:\w+\s+){0,3}"
        r"(?:bis\s+morgen|morgen|mañana|demain|domani|jutr[oa]|amanhã)|dziś\s+wieczorem|stasera|ce\s+soir|"
        r"esta\s+noche|vanavond|heute\s+abend)\b",
        r"\b(?:worse|worsening|deteriorat\w*|declin\w*|downhill|failing)\s+(?:so\s+|very\s+)?"
        r"(?:fast|quickly|rapidly|by\s+the\s+(?:day|hour)|every\s+(?:day|hour)|"
        # (not "declined overnight admission": a refusal)
        r"overnight(?!\s+(?:admission|observation|stay|monitoring|visit))|hour\s+by\s+hour)\b",
        # "he has gone downhill over the weekend", "we have a week, perhaps two", "what I need
        # from you first thing tomorrow"
        r"\b(?:(?:gone|went|going)\s+downhill|(?<!traffic\s)(?<!sales\s)(?<!numbers\s)deteriorated|(?:he|she|they|"
        r"has|have|had)\s+declined)\s+(?:badly\s+|sharply\s+|a\s+lot\s+)?(?:over|during|since)\s+"
        r"(?:the\s+)?(?:long\s+)?(?:weekend|night|last\s+(?:few\s+|two\s+|couple\s+of\s+)?days|past\s+(?:few\s+|two\s+|couple\s+of\s+)?days)\b|"
        r"\b(?:we|he|she|they)\s+(?:ha(?:ve|s)|may\s+have|might\s+have)\s+(?:only\s+)?(?:a\s+week|days),?\s+(?:perhaps|maybe|possibly|or|at\s+most)\s+"
        r"(?:two|a\s+week|a\s+few\s+weeks)\b|\bneed\s+from\s+you\s+(?:first\s+thing\s+)?(?:tomorrow|by\s+tomorrow)\b",
        r"\b(?:life\s+support|comatose|unresponsive|critically\s+ill|critical\s+condition|"
        r"final\s+days|last\s+days|may\s+not\s+(?:survive|make\s+it)|won'?t\s+(?:survive|make\s+it)|"
        r"not\s+expected\s+to\s+(?:survive|live)|running\s+out\s+of\s+time\s+fast)\b",
        # (learnt from dev-z42) "the intensivist does not expect him to survive this week", "op het
        # ergste voorbereid", in the supported languages
        r"\b(?:(?:doesn'?t|does\s+not|don'?t|do\s+not)\s+expect\s+(?:him|her|them)\s+to\s+(?:survive|live|"
        r"make\s+it)|verwacht(?:en)?\s+niet\s+dat\s+(?:hij|zij|ze)\s+(?:\w+\s+){0,4}(?:overleeft|haalt)|"
        r"(?:hij|zij|ze)\s+(?:\w+\s+){0,3}niet\s+(?:zal\s+)?overleven|op\s+het\s+ergste\s+voorbereid|"
        r"(?:davon\s+aus|erwartet\s+nicht),?\s+dass\s+(?:er|sie)\s+(?:\w+\s+){0,5}nicht\s+überleben|"
        r"aufs\s+schlimmste\s+(?:vorbereitet|gefasst)|ne\s+(?:pense|pensent|s['’]attend(?:ent)?)\s+pas\s+"
        r"(?:à\s+ce\s+)?qu['’](?:il|elle)\s+(?:\w+\s+){0,2}(?:survive|passe)|no\s+(?:esperan|creen|espera|cree)\s+que\s+"
        r"(?:\w+\s+){0,3}(?:sobreviva|pase\s+de)|non\s+(?:pensano|credono|si\s+aspettano)\s+che\s+(?:\w+\s+){0,3}"
        r"(?:sopravviva|superi)|não\s+(?:esperam|acreditam|creem)\s+que\s+(?:\w+\s+){0,3}(?:sobreviva|passe\s+d)|"
        r"nie\s+przeżyje)\b",
        # the family summoned to the bedside, oxygen climbing, a move to step-down, new confusion
        r"\b(?:(?:family|relatives|brother|sister|son|daughter|children|kids|parents|siblings|"
        r"everyone)\s+(?:is\s+|are\s+|has\s+been\s+|have\s+been\s+|were\s+)?(?:(?:flying|being\s+"
        r"called|called|gathering)\s+in\b|(?:driving|travell?ing|coming)\s+in\s+from)|called\s+(?:the\s+)?"
        r"(?:family|children|kids)\s+in|(?:oxygen|o2)\s+(?:requirements?\s+|needs?\s+|demand\s+)?"
        r"(?:keeps\s+|is\s+|are\s+|has\s+been\s+)?(?:going\s+up|rising|increasing|climbing)|"
        r"(?:moved|transferred|went)\s+(?:him\s+|her\s+)?(?:back\s+)?(?:to|into)\s+(?:the\s+)?"
        r"step[\s\-]?down|new(?:\s+onset)?\s+confusion|"
        r"die\s+familie\s+(?:wurde\s+)?(?:gerufen|herbeigerufen|reist\s+an)|"
        r"la\s+famille\s+a\s+été\s+(?:appelée|prévenue)|la\s+famiglia\s+è\s+stata\s+chiamata|"
        r"llamaron\s+a\s+la\s+familia|a\s+família\s+foi\s+chamada|de\s+familie\s+is\s+"
        r"(?:gebeld|opgeroepen)|rodzin\w+\s+(?:została\s+)?wezwan\w+|zuurstofbehoefte\s+(?:neemt\s+"
        r"toe|stijgt)|sauerstoffbedarf\s+steigt|besoins?\s+en\s+oxygène\s+augment\w*|"
        r"fabbisogno\s+di\s+ossigeno\s+(?:in\s+)?aument\w*|necesidad\s+de\s+oxígeno\s+"
        r"(?:en\s+)?aument\w*)\b",
        # a clinic's own deadline, eligibility about to be lost, hospice talk, can hardly stand
        r"\b(?:(?:will|would|may)\s+(?:not|no\s+longer)\s+(?:qualify|be\s+eligible)\s+for\s+"
        r"anything|(?:not|no\s+longer)\s+(?:qualify|be\s+eligible)\s+(?:\w+\s+){0,5}?within\s+"
        r"(?:a|one|two|\d+)\s+(?:days?|weeks?)|hospice\s+"
        r"(?:is\s+|was\s+|has\s+been\s+)?(?:being\s+)?(?:discussed|mentioned|recommended|suggested|"
        r"raised|offered)|hospice\s+(?:\w+\s+){0,2}(?:on|for|by|this|next)\s+(?:monday|tuesday|"
        r"wednesday|thursday|friday|saturday|sunday|tomorrow)|(?:in\s+bed|asleep|"
        r"sleeping|lying\s+down)\s+most\s+of\s+the\s+day|(?:practical|real|hard)\s+"
        r"deadline\s+is\s+(?:this\s+week|today|tonight|tomorrow|monday|tuesday|wednesday|thursday|"
        r"friday)|need\s+from\s+you\s+(?:\w+\s+)?(?:today|tonight)|(?:weeks|days)\s+of\s+"
        r"(?:function|life)\s+left|(?:on|still\s+on|started\s+on|needs?)\s+(?:\w+\s+)?"
        r"(?:norepi\w*|noradrenalin\w*|pressors?|vasopressors?|levophed|vasopressin|inotropes?)|"
        r"(?:can|could)\s*(?:not|n'?t)?\s+(?:hardly|barely)\s+(?:stand|walk|talk|speak|swallow)|"
        r"czasu\s+jest\s+(?:bardzo\s+)?mało|zosta(?:ło|je)\s+(?:bardzo\s+)?mało\s+czasu|stan\s+(?:\w+\s+)?"
        r"(?:bardzo\s+|gwałtownie\s+|nagle\s+)?się\s+pogorszył\w*)\b",
        # told to call the family in, barely awake, moved to intermediate care, high-flow
        # oxygen, worse overnight, in the other languages too
        r"\b(?:(?:told|asked)\s+(?:us|me|the\s+family)\s+to\s+(?:call|notify|tell|gather)\s+(?:the\s+)?"
        r"(?:family|children|kids|relatives)|"
        # (learnt from dev-zb3, and its review) "the doctors said we should bring the (whole)
        # family", "told us to bring in the family", "time to bring the family", "Doctor say no
        # more time, maybe one or two weeks only", "no time left", in the other languages too
        # (not "bring the family along to the visit", "the family meeting forward")
        r"(?:(?:said|say|says|told\s+(?:us|me)|asked\s+(?:us|me))\s+(?:that\s+)?(?:we\s+(?:should|must|"
        r"need\s+to)\s+|to\s+|it\s+is\s+time\s+to\s+)|time\s+to\s+)(?:bring|call|gather)\s+(?:in\s+)?"
        r"(?:the\s+|all\s+the\s+)?(?:whole\s+)?(?:family|children|relatives)(?!\s+(?:along|to\s+(?:the|a|an|our|"
        r"his|her|clinic|appointment|visit|meeting)|for|with|meeting|conference|doctor)\b)|"
        r"(?:doctors?|they)\s+(?:say|said|says|told\s+us)\s+(?:there\s+is\s+)?no\s+(?:more\s+time|time\s+"
        r"left)|"
        # (learnt from dev-zb4) "Dr. Okafor tell me if no new medicine maybe only few weeks"
        # (and its review: "tell me he have only few weeks", "Dr. Van der Berg told me", "he has
        # maybe two or three weeks"; not "a few weeks of radiation", "a few weeks is normal")
        r"(?:doctors?|dr\.?\s+(?:\w+\s+){0,2}\w+|they)\s+(?:say|said|says|tell|tells|told)\s+(?:me\s+|us\s+)?"
        r"(?:that\s+)?(?:if\s+no\s+(?:new\s+)?(?:medicine|drug|treatment)\s+)?(?:(?:he|she)\s+(?:has|have)\s+)?"
        r"(?:maybe\s+|perhaps\s+)?(?:only\s+)?(?:a\s+)?(?:few|couple\s+of|one|two|three|1|2|3)(?:\s+(?:or|to)\s+"
        r"(?:two|three|four|2|3|4))?\s+(?:weeks|days)(?!\s+(?:of|is|are|for|to|until|before|after|ago|back|later|"
        r"earlier|more|off|rest)\b)|(?:maybe|perhaps|only)\s+(?:(?:one|two|1|2|a)(?:\s+(?:or|to|-)\s+(?:two|three|2|3))?\s+weeks?"
        r"(?:\s+or\s+two)?\s+(?:only|left)|(?:one|1)\s+week,?\s+(?:maybe|perhaps)\s+two)|"
        r"(?:die\s+)?familie\s+(?:holen|kommen\s+lassen|rufen)|faire\s+venir\s+(?:la\s+famille|les\s+"
        r"enfants)|chiamare\s+(?:la\s+famiglia|i\s+figli)|chamar\s+(?:a\s+família|os\s+filhos)|"
        r"familie\s+(?:moeten\s+|moest\s+)?laten\s+komen|wezwa[ćc]\s+rodzin[ęe]|"
        r"(?:vielleicht|peut-être|quizás|quizá|tal\s+vez|forse|talvez|misschien|może)\s+(?:noch\s+|nog\s+)?"
        r"(?:ein(?:e)?|une|una|uma|een|tydzień)\s+(?:oder|ou|o|of|lub)\s+(?:zwei|deux|dos|due|duas|twee|dwa)"
        r"(?:\s+(?:wochen|semaines|semanas|settimane|weken|tygodnie))?|"
        # (learnt from dev-zb7) "the next slot is next week, and I'm not sure he has that", "may
        # not survive until"
        r"(?:i['’]?m|i\s+am)\s+not\s+sure\s+(?:he|she|they)\s+(?:has|have)\s+(?:that(?:\s+long|\s+much\s+"
        r"time)?|the\s+time|a\s+week|that\s+week)\b|(?:may|might)\s+not\s+(?:survive|make\s+it|live)\s+"
        r"(?:until|till|to|through)\b|"
        # (learnt from dev-z77) "they asked us all to come in today": the family summoned
        r"(?:told|asked)\s+(?:us\s+all|all\s+of\s+us|everyone|the\s+(?:whole\s+)?family)\s+to\s+"
        r"come\s+in(?!\s+(?:for|on|next|to\s+(?:sign|discuss|talk|meet)))|avis(?:ar|áramos|asemos)\s+a\s+(?:los\s+hijos|la\s+"
        r"familia)|llam(?:ar|áramos)\s+a\s+(?:los\s+hijos|la\s+familia)|(?:die\s+)?familie\s+"
        r"(?:zu\s+)?benachrichtigen|prévenir\s+(?:la\s+famille|les\s+enfants)|"
        r"avvisare\s+(?:la\s+famiglia|i\s+figli)|avisar\s+(?:a\s+família|os\s+filhos)|"
        r"(?:semi[\s\-]?cr[íi]tic\w*|semi[\s\-]?intensiv\w*|cuidados\s+intermedios|intermediate\s+care|"
        r"soins\s+continus|high[\s\-]care\s+(?:unit|afdeling|station))|"
        r"(?:on|onto)\s+high[\s\-]?flow|le\s+cuesta\s+(?:mucho\s+)?respirar|(?:ya\s+)?no\s+puede\s+"
        r"levantarse|kaum\s+(?:noch\s+)?(?:wach|ansprechbar|erweckbar)|nauwelijks\s+(?:nog\s+)?"
        r"(?:wakker|aanspreekbaar)|à\s+peine\s+(?:réveillée?|consciente?)|apenas\s+(?:está\s+)?"
        r"(?:despiert[oa]|consciente)|a\s+malapena\s+(?:sveglio|sveglia|cosciente)|mal\s+"
        r"(?:acorda|consciente)|(?:über\s+nacht|seit\s+gestern)\s+(?:\w+\s+){0,2}verschlechtert|"
        r"verschlechtert\w*\s+(?:sich\s+)?(?:\w+\s+)?über\s+nacht|worse\s+overnight|overnight\s+(?:he|she)\s+(?:got|became)\s+worse|"
        # (learnt from dev-za6) "the patient declined further overnight"
        r"declined\s+(?:further|again|sharply|badly)\s+overnight|(?:deteriorated|worsened)\s+(?:further\s+|"
        r"again\s+|sharply\s+|badly\s+)?overnight|"
        # (learnt from dev-zb2, and its review) "she is still declining (more dysphagia today)",
        # "continues to decline", "keeps getting worse": said of the patient (not "his platelet
        # count is still declining", "still declining slowly", "still declining surgery")
        r"(?:she|he|they)\s+(?:is\s+|are\s+|'s\s+|’s\s+)?(?:still\s+(?:declining|deteriorating|worsening|"
        r"getting\s+worse|going\s+downhill)|(?:continues|keeps)\s+(?:to\s+)?(?:decline|declining|"
        r"deteriorat(?:e|ing)|worsen(?:ing)?|getting\s+worse|going\s+downhill))(?=\s*(?:[.,;:!)(\-–]|$|"
        r"\s+(?:and|fast|quickly|rapidly|today|daily|overnight|every|by\s+the|so|very|now)\b))|"
        r"(?:es\s+geht\s+(?:ihm|ihr)\s+immer\s+noch\s+schlechter|continue\s+(?:de|à)\s+se\s+dégrader|"
        r"sigue\s+empeorando|continua\s+a\s+peggiorare|continua\s+(?:a\s+)?pior(?:ar|ando)|gaat\s+nog\s+steeds\s+"
        r"achteruit|wciąż\s+się\s+pogarsza))\b",
        # (learnt from dev-za3) the end near in families' words in Dutch, Swedish, Norwegian,
        # Danish, Turkish and Romanian: "dat het nog maar om dagen gaat", "houdt niks meer
        # binnen", "det kan handla om dagar", "ailece vedalaşmamızı söylediler", "slutade han
        # prata"; an oxygen saturation of 50 to 87 % in any language ("oksijeni %84'e"; not a
        # site report's "SpO2 89 %")
        r"\b(?:(?:nog\s+maar\s+|slechts\s+)?om\s+(?:enkele\s+|een\s+paar\s+)?dagen\s+(?:gaat|zal\s+gaan)|"
        r"gaat\s+(?:nog\s+)?(?:maar\s+)?om\s+(?:enkele\s+|een\s+paar\s+)?dagen|"
        r"houdt\s+(?:niks|niets)\s+(?:meer\s+)?binnen|herkende\s+(?:hij|zij|ze)\s+(?:mij|me|ons|(?:mijn|zijn|"
        r"haar|onze)\s+\w+|de\s+(?:kinderen|kleinkinderen|familie))\s+(?:even\s+|soms\s+)?(?:niet|niet\s+"
        r"meer)|wist\s+(?:hij|zij|ze)\s+niet\s+meer\s+waar\s+(?:hij|zij|ze)\s+(?:was|is)|"
        r"(?:kan|kunde)\s+handla\s+om\s+dagar|fråga\s+om\s+dagar|ta\s+farväl|säga\s+adjö|kan\s+inte\s+"
        r"(?:längre\s+)?svälja|slutade\s+(?:han|hon)\s+(?:att\s+)?prata|(?:dreier\s+seg|handler|drejer\s+sig)\s+"
        r"om\s+dag(?:er|e)|spørsmål\s+om\s+dag(?:er|e)|ta\s+farvel|sige\s+farvel|vedalaş\w*|birkaç\s+"
        r"gün\w*\s+ömr\w+|nefes\s+al(?:a|ma)\w*\s+(?:zorlan\w*|güçlük)|uyandırmakta\s+zorlan\w*|"
        r"aralıklı\s+nefes|nefes\s+alışı\s+(?:\w+\s+){0,2}değişti|o\s+chestiune\s+de\s+zile|"
        r"terapie\s+intensiv[ăa]|să\s+ne\s+lu[ăa]m\s+r[ăa]mas\s+bun)\b",
        # (a saturation, not "oxygen use dropped by 60%", "ate 75% of his lunch", a value
        # followed by "now 96%")
        r"\b(?:o2\s+sat\w*|spo2|sats|(?:oxygen\s+)?(?<!transferrin\s)(?<!iron\s)saturation|oksijen\w*|sauerstoffsättigung|sättigung|"
        r"saturaci[óo]n|saturação|saturazione|saturatie|syremättnad|saturacja|saturație)\b"
        r"(?:(?!\b(?:by|down|reduced|use|requirement|need|needs)\b)[^\d\n%]){0,25}"
        r"(?:%\s?(?:[5-7]\d|8[0-7])\b|\b(?:[5-7]\d|8[0-7])\s?%)(?![^.\n]{0,40}\bnow\s+(?:at\s+)?9\d\s?%)|"
        r"\bsats?\s+(?:are\s+|is\s+)?(?:in\s+the\s+)?(?:low|mid)\s+[5-8]0s\b",
        # the end near, in the words people use: organs failing, a rapid decline, days or
        # weeks of prognosis, saying goodbye, "before he dies", "while she is still strong enough"
        r"\b(?:(?:kidney|renal)\s+failure|(?:kidneys?|organs?|liver)\s+(?:are\s+|is\s+)?(?:failing|"
        r"shutting\s+down)|blood\s+pressure\s+(?:is\s+|keeps\s+)?(?:dropping|crashing|falling)|"
        r"(?:rapid|sharp|fast|steep)\s+decline|fading\s+(?:fast|quickly)|slipping\s+away|"
        r"(?:any\s+day\s+now|could\s+go\s+any\s+day)|say(?:ing)?\s+(?:our\s+)?goodbyes?|last\s+rites|"
        r"code\s+blue|rapid\s+response\s+(?:team|was\s+called)|unconscious|"
        r"prognosis\s+(?:is\s+|of\s+)?(?:only\s+|maybe\s+|probably\s+)?(?:days|weeks|a\s+few\s+weeks|"
        r"\d+\s*(?:-|to)?\s*\d*\s+weeks|two\s+weeks|one\s+month|a\s+month)|given\s+(?:him|her)\s+"
        r"(?:only\s+)?(?:days|weeks|a\s+few\s+weeks|\w+\s+weeks)|(?:only|just|a\s+few)\s+weeks\s+"
        r"(?:left|to\s+live)|before\s+(?:he|she)\s+(?:dies|passes)|while\s+(?:he|she)\s+is\s+still\s+"
        r"(?:strong|well|alive|able)|too\s+weak\s+(?:for|to)\s+(?:any|chemo|treatment|travel|"
        r"another|more)|nierenversagen|organversagen|insuficiencia\s+renal|"
        r"insuffisance\s+rénale|insufficienza\s+renale|insuficiência\s+renal|nierfalen|"
        r"niewydolnoś\w+\s+nerek|abschied\s+nehmen|despedir(?:nos|se)|dire\s+au\s+revoir|"
        r"dire\s+addio|afscheid\s+nemen|pożegna\w+|bewusstlos|inconsciente|inconscient|"
        r"privo\s+di\s+sensi|bewusteloos|nieprzytomn\w*)\b",
        # an acute event as it happens: the emergency number called, an ambulance on its way,
        # "should I take him to the ER", bleeding that will not stop, fever with new confusion
        # or fast breathing; in the supported languages
        r"\b(?:(?:called|rang|dialled|dialed)\s+(?:an\s+)?(?:911|999|112|000|"
        r"(?:an\s+|the\s+)?ambulance|ems|paramedics)|(?:ambulance|ems|paramedics)\s+(?:is\s+|are\s+)?"
        r"(?:on\s+(?:the|their|its)\s+way|coming|here|en\s+route)|waiting\s+for\s+(?:the\s+)?"
        r"(?:ambulance|ems|paramedics)|(?:take|bring|drive|taking|bringing|driving|rush|rushing)\s+"
        r"(?:him|her|them|my\s+\w+)\s+(?:in\s+)?to\s+(?:the\s+)?(?:er|ed|emergency(?:\s+room|"
        r"\s+department)?|a\s*&\s*e|casualty)|(?:on\s+(?:our|the)\s+way|heading)\s+to\s+(?:the\s+)?"
        r"(?:er|emergency(?:\s+room|\s+department)?|a\s*&\s*e)|(?:bleeding|nosebleed|bleed)\s+"
        r"(?:\w+\s+){0,5}?(?:won'?t|will\s+not|doesn'?t|does\s+not|can'?t|cannot)\s+stop|"
        r"(?:won'?t|will\s+not|can'?t|cannot|couldn'?t)\s+stop\s+(?:the\s+)?(?:bleeding|nosebleed)|"
        r"(?:he|she|they|dad|mom|mum|father|mother|husband|wife)\s+(?:is|was|seems|became|got|"
        r"'s)\s+(?:now\s+|suddenly\s+|very\s+|more\s+|really\s+|so\s+)*confused(?!\s+(?:about|by|"
        r"as|with|why|whether|if|over))|(?:doesn'?t|does\s+not|didn'?t|did\s+not)\s+know\s+"
        r"(?:what\s+day\s+it\s+is|where\s+(?:he|she)\s+is|who\s+(?:i|we)\s+(?:am|are))|"
        r"(?:breathing|breaths?)\s+(?:is\s+|are\s+)?(?:very\s+|really\s+|so\s+)?(?:fast|rapid|"
        r"shallow|laboured|labored)|gasping|"
        r"(?:112|notruf|rettungswagen|krankenwagen|notarzt)\s+(?:\w+\s+){0,3}(?:gerufen|alarmiert|"
        r"unterwegs|kommt)|(?:112|ambulance)\s+(?:\w+\s+){0,2}(?:gebeld|onderweg|komt)|"
        r"(?:appelé|appelle)\s+(?:le\s+)?(?:15|112|samu|les\s+pompiers)|(?:samu|ambulance)\s+"
        r"(?:est\s+)?en\s+route|(?:llamé|llamamos|he\s+llamado)\s+(?:al\s+)?(?:112|911|061|"
        r"emergencias|una\s+ambulancia)|(?:la\s+)?ambulancia\s+(?:ya\s+)?(?:viene|está\s+en\s+camino)|"
        r"(?:chiamato|chiamiamo)\s+(?:il\s+)?(?:118|112|l'ambulanza)|(?:l'\s*)?ambulanza\s+(?:sta\s+)?"
        r"arriva\w*|(?:liguei|ligamos)\s+(?:para\s+)?(?:o\s+)?(?:112|192|samu|a\s+ambulância)|"
        r"(?:zadzwoni\w+|wezwa\w+)\s+(?:na\s+|po\s+)?(?:112|999|karetk\w+|pogotowi\w+)|"
        r"krwawieni\w*\s+(?:\w+\s+){0,3}nie\s+(?:ustaje|przestaje)|hört\s+nicht\s+auf\s+zu\s+bluten|"
        r"blutung\s+(?:\w+\s+){0,3}nicht\s+(?:zu\s+)?stillen|ne\s+s'arrête\s+pas\s+de\s+saigner|"
        r"no\s+(?:para|deja)\s+de\s+sangrar|non\s+smette\s+di\s+sanguinare|não\s+para\s+de\s+sangrar|"
        r"blijft\s+bloeden|(?:er|sie|ist|is|zij|hij)\s+(?:\w+\s+)?(?:verwirrt|verward)|"
        r"(?:il|elle)\s+est\s+(?:\w+\s+)?confuse?|(?:está|esta|è|e\'|é)\s+(?:\w+\s+)?confus[oa]|"
        r"(?:jest|był\w*)\s+(?:\w+\s+)?splątan\w*)\b",
        # told through the bedside: a resuscitation (code status) talk with the family,
        # "every day counts", "may not make it to Christmas", "it has to be this week or it's
        # hospice", "can't keep her stable much longer", drowsy (somnolent, GCS 11, wakes only
        # to pain), dialysis started today, kidneys that stopped, a calcium of 14, a massive
        # bleed feared; in the supported languages
        r"\b(?:(?:want|wanted|wants)\s+(?:him|her|them)\s+(?:to\s+be\s+)?resuscitated|resuscitat\w+\s+"
        r"(?:\w+\s+){0,3}(?:if|should|in\s+case)\s+(?:his|her)\s+heart|(?:asked|decided|agreed)\s+(?:that\s+)?"
        r"(?:he|she)\s+(?:should\s+)?not\s+be\s+resuscitated|seja\s+reanimad[oa]|"
        r"reanimad[oa]\s+ou\s+n[ãa]o|(?:fosse|seja|ser)\s+ressuscitad[oa]|rianim(?:are|assero|asse|ino|arlo|"
        r"arla)|keine\s+reanimation|reanimationsverzicht|nicht\s+(?:mehr\s+)?(?:zu\s+)?reanimier\w*|"
        r"therapiebegrenzung|no\s+reanimar|reanimarl[oa]|resucitarl[oa]|ne\s+pas\s+(?:le\s+|la\s+)?"
        r"réanimer|limitation\s+des\s+(?:soins|thérapeutiques)|nie\s+reanimowa\w*|czy\s+(?:\w+\s+)?reanimowa\w*|"
        r"niet\s+(?:meer\s+)?reanimeren|niet[\s\-]reanimeer\w*|"
        r"(?:given|because\s+of|due\s+to|in\s+view\s+of|angesichts|aufgrund|wegen|ze\s+względu\s+na|vu|"
        r"étant\s+donné|dado|dada|visto|dato|gezien)\s+(?:\w+\s+){0,4}?(?:condition|stan\w*|zustand\w*|"
        r"état|condizion\w*|estado|condição|toestand)\s*(?:\w+\s+){0,2}?,?\s*(?:(?:every|each)\s+day\s+"
        r"(?:counts|matters)|liczy\s+się\s+każdy\s+dzień|zählt\s+jeder\s+tag|jeder\s+tag\s+zählt|cada\s+d[íi]a\s+"
        r"(?:cuenta|conta)|chaque\s+jour\s+compte|ogni\s+giorno\s+conta|elke\s+dag\s+telt)|"
        r"(?:won'?t|will\s+not)\s+make\s+it\s+(?:to|through|until|past)\b|make\s+it\s+(?:to|through|until|"
        r"past)\s+(?:christmas|the\s+weekend|new\s+year|the\s+holidays|next\s+(?:week|month))|"
        r"(?:chega|chegar|chegará|llega|llegar|llegará|arrive|arrivera|arriva|arriverà|haalt|halen)\s+"
        r"(?:a|ao|à|al|a\s+la|tot)?\s*(?:o\s+)?(?:natal|navidad|noël|natale|kerst(?:mis)?)|"
        r"(?:weihnachten|ostern)\s+(?:noch\s+)?(?:erlebt|erleben)|dożyje\w*|"
        r"(?:it|this|anything|treatment|something|whatever\s+we\s+do)\s+(?:has|needs)\s+to\s+(?:be|start|happen)\s+"
        r"(?:within\s+(?:the\s+(?:next\s+)?)?(?:week|few\s+days|days)|this\s+week|in\s+the\s+next\s+(?:few\s+)?days)|"
        r"or\s+it'?s\s+(?:hospice|too\s+late)|"
        r"(?:can'?t|cannot|can\s+not|won'?t\s+be\s+able\s+to|(?:don'?t|do\s+not)\s+think\s+(?:i|we)\s+can)\s+"
        r"keep\s+(?:him|her|them)\s+(?:stable|going|alive)|(?:can'?t|cannot|(?:doesn'?t|don'?t|does\s+not|do\s+"
        r"not)\s+think\s+(?:he|she|they)\s+can)\s+wait\s+(?:for|until)\s+(?:a|the|another)\s+(?:trial\s+|study\s+)?"
        r"(?:slot|spot|opening|cohort|place)|(?:brought\s+up|raised|suggested|recommended|bringing\s+up)\s+"
        r"hospice|hospicj\w+\s+domow\w+|domow\w+\s+hospicj\w+|"
        r"(?:żeby|abyśmy|byśmy)\w*\s+(?:\w+\s+)?(?:byli\s+)?przygotowan\w+|"
        r"przesta\w+\s+jeść|ha\s+smesso\s+di\s+mangiare|parou\s+de\s+comer|dejó\s+de\s+comer|"
        r"(?:a\s+)?arrêté\s+de\s+manger|aufgehört\s+zu\s+essen|gestopt\s+met\s+eten|palliative\s+"
        r"versorgung|(?:is|was|became|becoming|more|increasingly|very|now|getting|quite|deutlich|zunehmend|"
        r"sehr|est[áa]|muy|più|très|bardzo)\s+(?:somnolent\w*|somnolient[oa]|sonnolent[oa]|soporös)|"
        # (learnt from dev-z69) "more drowsy than yesterday": drowsiness getting worse
        r"(?:more|increasingly)\s+(?:drowsy|lethargic)(?!\s+(?:than\s+usual\s+)?(?:after|from|with|on)\b)|"
        r"obtunded|stuporous|(?:gcs|glasgow\s+(?:coma\s+)?(?:scale|score)|\(glasgow)\s*(?:(?:of|von|is|was|now|de|"
        r"dropped\s+to|down\s+to|fell\s+to)\s+|[:=]\s*)?"
        r"(?:[3-9]|1[0-2])\b|"
        r"(?:only|just)\s+(?:responds|responsive|rousable|wakes)\s+to\s+pain|(?:nur\s+(?:noch\s+)?)?auf\s+"
        r"schmerzreiz\s+erweckbar|(?:started|starting|began|begun|initiated)\s+(?:\w+\s+){0,2}?"
        r"(?:dialysis|hemodialysis|haemodialysis|hd|crrt)\s+(?:today|tonight|yesterday|this\s+(?:morning|"
        r"afternoon|evening)|now)|(?:dialysis|hemodialysis|haemodialysis|crrt)\s+(?:was\s+|has\s+been\s+)?"
        r"(?:started|initiated|began)\s+(?:today|tonight|yesterday|this\s+(?:morning|afternoon|evening)|"
        r"overnight)|"
        r"kidneys?\s+(?:have\s+|has\s+)?(?:stopped\s+(?:working|functioning)|shut\s+down)|rins\s+"
        r"(?:pararam|param)|nieren\s+(?:haben\s+)?versagt|riñones\s+(?:dejaron|han\s+dejado)|reins\s+"
        r"(?:ne\s+fonctionnent\s+plus|se\s+sont\s+arrêtés)|reni\s+(?:non\s+funzionano|hanno\s+smesso)|"
        r"nerki\s+przesta\w+|(?:corrected\s+)?(?:calcium|kalzium|calcio|cálcio|calcémie|wapń)\s*(?:(?:of|was|is|at|"
        r"up\s+to|came\s+back\s+at|now|von|bei|de|di)\s+|[:=]\s*)?(?:1[4-9](?:[.,]\d)?|3[.,][5-9]\d?|[45][.,]\d\d?)"
        r"\b(?![\-‐]\d|\s*(?:%|kg|tage|days|jahre|years|patient))|ca\s*(?:of\s+|[:=]\s*)?1[4-9][.,]\d\b(?!\s*"
        r"(?:kg|%|cm))|hypercalc\w+\s+crisis|(?:muita|mucha)\s+falta\s+de\s+(?:ar|aire)|(?:para|pra)\s+a\s+uti|"
        r"(?:^|(?<=[,;:]\s))(?:acutely\s+|now\s+|newly\s+)?confused(?=\s*[.,;])|"
        r"(?:very|severely|so|extremely)\s+short\s+of\s+breath)\b",
        # organ threats as clinicians write them: no longer swallowing, anuric or dialysis begun,
        # leukapheresis, retinal bleeds (not "hyperviscosity": WM letters name it as history),
        # a sentinel bleed, stridor, a new paraplegia or cord compression (not a subdural
        # bleed: histories list them), desaturation and a move to
        # intermediate care, bleeding for hours, no longer out of bed; in the other languages
        r"\b(?:(?:can|could)\s*(?:no\s+longer|not|n'?t)\s+swallow|no\s+longer\s+swallow\w*|ne\s+déglutit\s+plus|"
        r"schluckt\s+nicht\s+mehr|non\s+(?:riesce\s+(?:più\s+)?a\s+)?deglut\w+\s+più|nie\s+(?:może\s+)?połyka|"
        r"não\s+consegue\s+engolir|ya\s+no\s+(?:puede\s+)?traga|kan\s+niet\s+meer\s+slikken|"
        r"somnolence\s+de\s+plus\s+en\s+plus|de\s+plus\s+en\s+plus\s+somnolent\w*|anuri\w+|anúric\w+|anurisch|"
        r"(?:não|no)\s+(?:urina|orina)\s+nada|(?:iniciou|começou|inició|comenzó|avviat[oa]|iniziat[oa]|commencé|"
        r"rozpoczęto|begonnen)\s+(?:a\s+|la\s+|die\s+|l')?(?:hemo|hämo|emo|hémo)?di[aá]li[sz][ei]s?\w*\s+"
        r"(?:ontem|hoje|ayer|hoy|gestern|heute|ieri|oggi|hier|aujourd'hui|wczoraj|dziś|gisteren|vandaag)|"
        r"(?:hemo|hämo|emo)?di[aá]li[sz]\w*\s+(?:todos\s+os\s+dias|todos\s+los\s+días|seit\s+gestern|"
        r"da\s+ieri|depuis\s+hier|every\s+day|daily)|leu[ck]?a?pher\w+|leucaferesi|leucaféres\w+|"
        r"leukafere\w+|retinal\s+(?:vein\s+occlusion|h(?:a)?emorrhag\w*|bleed\w*)|netvliesbloeding\w*|bloedingen\s+in\s+"
        r"het\s+netvlies|netzhautblutung\w*|hémorragies?\s+rétinien\w*|emorragi\w+\s+retinic\w*|"
        r"hemorragia\w*\s+(?:de\s+)?retin\w*|sentinel\s+bleed\w*|stridor|paraplegi\w*|paraplégi\w*|"
        r"paraplej\w*|ucisk\w*\s+rdzenia|sättigungsabfall|desaturat\w+|verlegung\s+auf\s+"
        r"(?:die\s+)?(?:imc|intensiv\w*)|auf\s+(?:die\s+)?imc|(?:bleed\w*|nosebleed|hemorragia|sangrado|"
        r"blutung|nasenbluten|saignement|emorragia|krwawieni\w*|bloeding)\s+(?:\w+\s+){0,4}?(?:for\s+hours|"
        r"demorou\s+horas|durante\s+horas|stundenlang|pendant\s+des\s+heures|per\s+ore|godzinami|urenlang)|"
        r"(?:can\s+no\s+longer|can'?t|cannot)\s+get\s+out\s+of\s+bed|(?:já\s+)?não\s+se\s+consegue\s+"
        r"levantar|ne\s+peut\s+plus\s+se\s+lever|non\s+riesce\s+più\s+ad?\s+alzarsi|kann\s+nicht\s+mehr\s+"
        r"aufstehen|kan\s+niet\s+meer\s+opstaan|(?:cure|soins|cuidados|care)\s+(?:exclusivamente|"
        r"esclusivamente|exclusivement|uniquement|purely|only)\s+palliati\w+|comfort\s+measures\s+only)\b",
        r"\b(?:se\s+est[áa]\s+muriendo|estado\s+cr[íi]tico|[ée]tat\s+critique|condizioni\s+critiche|"
        r"in\s+fin\s+di\s+vita|stan\s+krytyczny|kritieke\s+toestand|kritische[rn]?\s+zustand|"
        r"stirbt|está\s+morrendo|sta\s+morendo)\b",
        # told plainly: the walk lost (not platelets under 10: a site's report of a patient
        # in care), a family told to go to hospital or asking whether to go to the ER (not
        # for a scheduled visit), things changing fast, a physician who fears the patient
        # will not live through the weekend, no longer eating, bedridden since Monday
        r"\b(?:(?:has\s+|have\s+)?lost\s+the\s+ability\s+to\s+walk|(?:can|could)\s*(?:no\s+longer|not|"
        r"n['’]?t)\s+walk\s+(?:any\s*more|at\s+all)|no\s+longer\s+(?:able\s+to\s+)?walk(?:ing|s)?\b|"
        r"ne\s+(?:peut|marche)\s+plus(?:\s+marcher)?\b|kann\s+nicht\s+mehr\s+(?:gehen|laufen)|"
        r"non\s+(?:riesce\s+più\s+a\s+camminare|cammina\s+più)|ya\s+no\s+(?:puede\s+)?camina\w*|"
        r"não\s+(?:consegue\s+)?(?:anda\s+mais|mais\s+andar)|"
        r"(?:said|told\s+(?:us|me|him|her))\s+(?:that\s+)?(?:he|she|they|mom|dad|my\s+\w+)\s+(?:needs?|has|"
        r"have|must|should)\s+(?:to\s+)?go\s+(?:to\s+)?(?:the\s+)?(?:hospital|er|emergency\s+room|a&e)\b"
        r"(?!\s+(?:every|each|once|twice|weekly|for\s+(?:his|her|a|the|their)\s+(?:appointment|visit|"
        r"transfusions?|scans?|infusions?|check\w*)))|"
        r"should\s+(?:we|i)\s+(?:go|take\s+(?:him|her))\s+to\s+(?:the|our|a)\s+(?:local\s+)?(?:er|"
        r"emergency\s+(?:room|department)|a&e|hospital)\b|"
        r"(?:will\s+not|won['’]t|may\s+not|might\s+not)\s+(?:live|survive)\s+(?:through|until|past)\s+"
        r"the\s+weekend|"
        r"(?:things|it|he|she|his\s+condition|her\s+condition|the\s+situation)\s+(?:has\s+|have\s+|is\s+|"
        r"are\s+)?(?:changed|changing|deteriorat\w+|declin\w+|worsen\w*|getting\s+worse)\s+(?:so\s+|"
        r"very\s+|really\s+)?(?:fast|quickly|rapidly)|"
        r"ne\s+passe(?:ra)?\s+pas\s+(?:le\s+week-?end|la\s+nuit|la\s+semaine)|ne\s+s['’]alimente\s+"
        r"(?:quasiment\s+|presque\s+|pratiquement\s+)?plus|grabataire\s+depuis|(?:das\s+)?wochenende\s+"
        r"nicht\s+(?:überlebt|übersteht|überleben|überstehen)|no\s+(?:pase|pasará|llegue|llegará)\s+(?:del|al)\s+"
        r"fin\s+de\s+semana|non\s+(?:arrivi|arriverà|superi|supererà)\s+(?:al|il)\s+fine\s+settimana|"
        r"não\s+(?:passe|passará|chegue|chegará)\s+(?:do|ao)\s+fim\s+de\s+semana|ne\s+passera\s+"
        r"(?:probablement\s+|sans\s+doute\s+)?pas\s+le\s+week-?end)\b",
        # bleeding that will not stop, for hours, a circulation at its limit, black tarry
        # stools, on the way to the ER now
        r"\b(?:(?:bleed\w*|nosebleed|épistaxis|saignement|hémorragie|blutung|nasenbluten|sangrado|"
        r"hemorragia|emorragia|epistassi|sanguinamento|sangramento)\s*,?\s+(?:[\w,'’]+\s+){0,8}?(?:(?:will\s+"
        r"not|won['’]?t|doesn['’]?t|does\s+not|can['’]?t\s+be|cannot\s+be)\s+(?:stop|be\s+stopped|stopped)|"
        r"for\s+(?:more\s+than\s+|over\s+|almost\s+)?(?:\d+|two|three|four|several)\s+hours|qui\s+ne\s+"
        r"cède\s+pas|ne\s+s['’]arrête\s+pas|steht\s+nicht|(?:das\s+)?nicht\s+aufhört|no\s+(?:cede|se\s+"
        r"detiene|para)|non\s+si\s+(?:ferma|arresta)|não\s+(?:para|cede))|bled\s+for\s+(?:more\s+than\s+|"
        r"over\s+)?(?:\d+|two|three|four|several)\s+hours|h(?:a)?emodynamic(?:ally|al)?\s+(?:unstable|instability|"
        r"limit\w*)|hémodynamiquement\s+(?:limite|instable)|hämodynamisch\s+instabil|"
        r"emodinamicamente\s+instabile|hemodin[áa]micamente\s+(?:inestable|instável)|"
        r"(?:black|tarry)\s+stools?(?!\s+(?:from|because\s+of|due\s+to)\s+(?:the\s+)?iron)|mel(?:a)?ena|méléna|teerstuhl|heces\s+negras|feci\s+nere|"
        r"fezes\s+(?:pretas|negras)|(?:driving|going|heading|rushing|on\s+(?:our|the|my)\s+way)\s+"
        r"(?:him\s+|her\s+)?to\s+the\s+(?:er|emergency\s+(?:room|department)|a&e|hospital)\s+(?:right\s+)?now"
        r"(?!\s+for\s+(?:his|her|a|the|my|their)\s+(?:scheduled|regular|routine|next|planned|appointment))|"
        r"go\s+to\s+(?:the\s+)?(?:emergency\s+room|er|a&e|emergency\s+department)\s+(?:right\s+)?now)\b",
        # a clinician's "we are talking days", a child now aspirating, "if we ask, it should be
        # now"
        r"\b(?:(?:we\s+are|we['’]re)\s+talking\s+(?:about\s+)?(?:days|hours)|now\s+aspirat\w+|aspirating\s+"
        r"(?:thin\s+)?(?:liquids|fluids|secretions)|(?:it|this)\s+(?:should|has\s+to|needs\s+to|must)\s+be\s+"
        r"now)\b",
        # told to prepare, breathing badly on high-flow oxygen, very drowsy and a drain put in,
        # in the other languages
        r"\b(?:devemos\s+preparar-nos|preparar(?:-nos|nos)?\s+para\s+o\s+pior|(?:nous\s+)?préparer\s+au\s+pire|"
        r"prepararnos\s+para\s+lo\s+peor|prepararci\s+al\s+peggio|(?:auf\s+das\s+schlimmste|darauf)\s+"
        r"vorbereiten|oxygène\s+(?:à\s+)?(?:fort|haut)\s+débit|sauerstoff\s+(?:mit\s+)?hoh\w*\s+fluss|"
        r"(?:oxígeno|ossigeno|oxigénio|oxigênio)\s+(?:de\s+|ad\s+|a\s+)?(?:alto\s+(?:flujo|flusso|fluxo))|"
        r"respire\s+très\s+mal|respira\s+(?:muy|molto|muito)\s+mal|atmet\s+sehr\s+schlecht|"
        r"(?:está|esta)\s+muy\s+(?:dormid[oa]|adormilad[oa]|somnolient[oa])|(?:le|lhe)\s+(?:han|foi)\s+"
        r"(?:puesto|colocado)\s+un\s+drenaje)\b",
        # on BiPAP or moved to a step-up unit; "the next 48 hours are decisive"; a blood pressure
        # "very low", in the supported languages
        r"\b(?:(?:now\s+)?on\s+(?:bipap|cpap|niv|non[\s\-]?invasive\s+ventilation)|step[\s\-]?up\s+unit|"
        r"(?:next|próximas|nächsten|prochaines|prossime)\s+(?:24|48|72)\s+(?:hours|horas|stunden|heures|ore)\s+"
        r"(?:are|são|son|sind|sont|sono|serán|seront|saranno)\s+(?:decisiv\w*|entscheidend|critical|crucial|"
        r"critiques|cruciales|critiche|críticas)|(?:tensão|pressão|tension|tensión|pressione|blutdruck|"
        r"blood\s+pressure)\s+(?:arterial\s+)?(?:está\s+|est\s+|ist\s+|is\s+|è\s+)?(?:muito|très|muy|"
        r"molto|sehr|very)\s+(?:baixa|basse|baja|bassa|niedrig|low))\b",
        # blue lips, fainting today or again (en/fr/es/it/pt/de)
        r"\b(?:(?:her|his|my)\s+lips\s+(?:are|were|turned|turning|look)\s+(?:blue|purple|gr[ae]y)|blue\s+lips|"
        r"cyanotic|cyanos[ei]s|lèvres\s+bleues|labios\s+azules|labbra\s+blu|lábios\s+(?:azuis|roxos)|"
        r"blaue\s+lippen|(?:fainted|passed\s+out|collapsed|blacked\s+out)\s+(?:twice|again|three\s+times)?\s*"
        r"(?:today|tonight|this\s+(?:morning|afternoon|evening)|twice|again))\b",
        # a prognosis in weeks or days, told by a family ("his doctors say he has maybe two
        # weeks", "they gave her a few days")
        r"\b(?:(?:has|have)\s+(?:maybe|perhaps|only|just|probably|possibly)\s+(?:a\s+few\s+|a\s+|one\s+|two\s+|"
        r"three\s+|\d\s+)(?:weeks?|days?)\b|(?:has|have)\s+(?:a\s+few|one|two|three|\d)\s+(?:weeks?|days?)\s+"
        r"(?:left|to\s+live)\b|gave\s+(?:him|her|them)\s+(?:only\s+|just\s+)?(?:a\s+few\s+|two\s+|three\s+|"
        r"\d\s+)?(?:weeks|days)\b(?!\s+(?:of|off|to\s+(?:decide|think|consider|recover))))",
        # a patient sent to the emergency department or the ICU, a blood pressure under 90
        # systolic (not "hypotensive": "on admission he was also hypotensive"), a fever of 40
        # or more
        r"\b(?:(?:sent|referred|rushed|transferred)\s+(?:him|her|them|the\s+patient)\s+(?:\w+\s+)?(?:to|into)\s+"
        r"(?:the\s+)?(?:emergency\s+(?:department|room)|er|a&e|ed|icu|intensive\s+care)|"
        r"(?:bp|blood\s+pressure|ta|rr|pa)\s*(?:of\s+|is\s+|was\s+|now\s+|down\s+to\s+|:\s*)?[5-8]\d\s*/\s*"
        r"[2-6]\d|(?:fever|temperature|temp|fieber|fièvre|fiebre|febbre|febre)\s+(?:of\s+|von\s+|de\s+|di\s+|"
        r"à\s+|a\s+)?4[0-2](?:[.,]\d)?\s*(?:°\s*c|c|grad|degrees)?)\b",
        # what clinicians see when it is acute (not plasma exchange alone: a WM patient's
        # routine, two authors said so): an eye counting fingers, an external ventricular
        # drain, an obstructive hydrocephalus, stridor and a tracheostomy tomorrow (in the
        # supported languages)
        r"\b(?:counting\s+fingers|(?:lost|losing)\s+(?:the\s+)?(?:vision|sight)\s+in|flame\s+h(?:a)?emorrhag\w*|"
        r"external\s+ventricular\s+drain\w*|externe\s+ventrikeldrainage|dérivation\s+ventriculaire\s+"
        r"externe|drenaje\s+ventricular\s+externo|derivazione\s+ventricolare\s+esterna|"
        r"verschlusshydro[cz]e?phalus|hidrocefalia\s+obstrutiva|derivação\s+ventricular\s+externa|obstructive\s+hydrocephalus|hydrocéphalie\s+obstructive|"
        r"hidrocefalia\s+obstructiva|idrocefalo\s+ostruttivo|(?:deutlich|zunehmend|sehr)\s+schläfrig|"
        r"estridor|stridore|tracheostomy\s+(?:tomorrow|tonight|today)|traqueostom[íi]a\s+(?:mañana|hoy)|"
        r"tracheo(?:s)?tomie\s+(?:morgen|heute)|trachéotomie\s+(?:demain|aujourd['’]hui)|tracheo(?:s)?tomia\s+"
        r"(?:domani|oggi)|traqueostomia\s+(?:amanhã|hoje)|"
        # a GI bleed or blood vomited or coughed up, a dose that must go in while the patient
        # is still stable enough (not CRRT alone: "under CVVHD he stabilised")
        r"(?:upper|lower)\s+gi\s+bleed\w*|h(?:a)?ematemesis|vomit\w*\s+(?:up\s+)?blood|coughing\s+up\s+"
        r"blood|h(?:a)?emoptysis|while\s+(?:she|he|they)\s+(?:is|are)\s+still\s+(?:stable|"
        r"well|strong)\s+enough|solange\s+(?:er|sie)\s+noch\s+(?:stabil|transportfähig)|tant\s+qu['’](?:il|"
        r"elle)\s+est\s+encore\s+(?:stable|transportable)|mientras\s+(?:todavía\s+|aún\s+)?(?:esté|está)\s+"
        r"estable|finché\s+è\s+ancora\s+stabile|enquanto\s+(?:ainda\s+)?(?:está|estiver)\s+estável)\b",
        # breathing that stopped for a while or is now done by a machine (es/it/pt/fr/de/nl);
        # "will not get through the coming week"; an IND authorised by phone (the FDA's duty
        # officer); a cord being compressed, the walk about to be lost; a bleed that may not be
        # stopped (a herald bleed, another bleed could come at any moment); a brain bleed with
        # midline shift, surgery this evening (not a routine transfusion, a consent form's "a
        # major bleed could occur", "scheduled to operate today until 3 pm")
        r"\b(?:(?:long\s+)?pauses?\s+in\s+(?:his|her|their)\s+breathing(?!\s+(?:at\s+night|during\s+(?:the\s+)?"
        r"(?:night|sleep)|while\s+(?:he|she)\s+(?:is\s+)?sleep))|(?:he|she|they)\s+stopped\s+breathing|"
        r"(?:his|her)\s+breathing\s+(?:kept|keeps)\s+stopping|(?:on|onto|to)\s+a\s+breathing\s+machine|"
        r"m[áa]quina\s+para\s+respirar|respiraci[óo]n\s+(?:asistida|mec[áa]nica)|ventilaci[óo]n\s+"
        r"mec[áa]nica|ventila[çc][ãa]o\s+mec[âa]nica|ventilazione\s+meccanica|ventilation\s+m[ée]canique|"
        r"beademd|intubad[oa]|intubat[oa]|intub[ée]e?|zaintubowan\w*|wentylowan\w*\s+mechanicznie|"
        r"(?:he|she|they|the\s+patient)\s+(?:will\s+not|won'?t|may\s+not|might\s+not|would\s+not|wouldn'?t)\s+"
        r"(?:get|make\s+it)\s+through\s+(?:the\s+)?(?:coming|next|this)\s+(?:week|few\s+days|days|night|"
        r"weekend)|fda(?:'s)?\s+(?:\w+\s+)?(?:duty|on[\s\-]call)\s+officer|(?:e?ind|emergency\s+use)\s+"
        r"(?:\w+\s+){0,2}by\s+(?:phone|telephone)\s+(?:tonight|today|now|this\s+(?:evening|afternoon))|compress\w*\s+(?:the\s+|his\s+|her\s+)?(?:spinal\s+)?cord|"
        r"lose\s+(?:the|his|her)\s+ability\s+to\s+walk\s+within\s+(?:days|hours|a\s+few\s+days)|herald\s+bleed|"
        r"(?:another|a\s+further)\s+bleed\s+(?:\w+\s+){0,3}?(?:could|may|might|will|would)\s+(?:happen|come|"
        r"occur|kill)|(?:bleed|haemorrhage|hemorrhage)\s+(?:could|may|might)\s+(?:happen|come|occur)\s+at\s+any\s+"
        r"(?:moment|time)|bleed\w*[^.]{0,80}?(?:may|might|will|would)\s+not\s+be\s+able\s+to\s+stop\s+it|"
        r"(?:may|might|will|would)\s+not\s+be\s+able\s+to\s+stop\s+the\s+bleed\w*|midline\s+shift|shift\s+of\s+"
        r"the\s+midline|mittellinienverlagerung|desviaci[óo]n\s+de\s+la\s+l[íi]nea\s+media|(?:plans?|planning|"
        r"going|will)\s+to\s+operate\s+(?:on\s+(?:him|her)\s+)?(?:this\s+evening|tonight)|will\s+operate\s+"
        r"(?:on\s+(?:him|her)\s+)?(?:this\s+evening|tonight))\b",
        # acute events told by relatives, GPs and wards: a cardiac arrest, an air ambulance,
        # seizures that will not stop, resus or high dependency, life in danger (de/fr/es/it/pt/
        # nl/pl), the family called in at night, "he has days", unable to breathe
        r"\b(?:(?:cardiac\s+arrest|herzstillstand|arr[êe]t\s+cardiaque|parada\s+card[íi]aca|arresto\s+"
        r"cardiaco|paragem\s+card[íi]aca|hartstilstand|zatrzymani\w+\s+krążenia)\s+(?:\w+\s+){0,3}?(?:yesterday|"
        r"last\s+night|this\s+morning|today|tonight|overnight|hier|gestern|heute|ayer|hoy|anoche|ieri|oggi|"
        r"stanotte|ontem|hoje|gisteren|vandaag|vannacht|wczoraj|dzisiaj|cette\s+nuit|ce\s+matin)|(?:yesterday|"
        r"last\s+night|this\s+morning|today|overnight)\s+(?:\w+\s+){0,3}?(?:a\s+)?cardiac\s+arrest|airlift\w*|"
        r"air\s+ambulance|"
        r"seizures?\s+(?:\w+\s+){0,3}(?:won'?t|will\s+not|don'?t|do\s+not|that\s+won'?t)\s+stop|status\s+"
        r"epilepticus|(?:in|to|into)\s+resus|hdu|high[\s\-]dependency\s+unit|kritische[mn]?\s+zustand|"
        r"lebensgefahr|pericolo\s+di\s+vita|condizioni\s+critiche|risco\s+de\s+vida|levensgevaar|kritieke\s+"
        r"toestand|en\s+danger\s+de\s+mort|peligro\s+de\s+muerte|stan\w*\s+krytyczn\w*|zagrożeni\w+\s+życia|"
        r"(?:called|phoned|rang)\s+(?:us|the\s+family)\s+in\s+(?:at|during|overnight|last|in\s+the\s+night)|(?:call|get|bring)\s+the\s+family\s+in\b|"
        r"(?:he|she|they)\s+(?:has|have)\s+(?:only\s+)?days\b(?!\s+(?:of|off|to\s+(?:decide|think)))|"
        r"(?:can'?t|cannot|could\s+not|couldn'?t)\s+breathe\b|"
        r"(?:lips|face)\s+(?:are|is|were|was|turned|turning|going)\s+(?:\w+\s+)?blue)\b",
        # time told short in a family's or a physician's plain words ("not sure how much time
        # we have", "weeks at most", "he may not have long", "we're losing him"), worse since
        # the weekend, too weak to get out of bed, a DNR asked about, moved
        # to palliative care, not waking up, bleeding from the gums, the airway pressed on;
        # de/pt/pl "worse day by day", "they talk of days"
        r"\b(?:(?:not\s+sure|(?:don'?t|do\s+not)\s+know|no\s+idea)\s+how\s+(?:much\s+time|long)\s+(?:we|he|she|"
        r"they)\s+(?:have|has)|(?:weeks|days)\s+at\s+(?:most|best)|(?:we|he|she|they)\s+(?:may|might)\s+(?:only\s+)?"
        r"have\s+(?:only\s+)?days|(?:may|might)\s+not\s+have\s+(?:very\s+|much\s+)?long\b(?!\s+to\s+wait)|"
        r"(?:does\s+not|doesn'?t)\s+have\s+(?:very\s+|much\s+)?long\s+(?:left|to\s+live)|time\s+is\s+(?:very\s+|"
        r"running\s+)?short\s+for\s+(?:him|her|them|the\s+patient|my\s+\w+)|(?:we'?re|we\s+are)\s+losing\s+"
        r"(?:him|her)\b|(?:much|a\s+lot|far|significantly)\s+worse\s+(?:since|over)\s+(?:the\s+weekend|yesterday|"
        r"last\s+night|this\s+morning|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|too\s+weak\s+to\s+(?:get\s+out\s+of\s+bed|stand|"
        r"walk|eat|swallow)|(?:asked|asking|talked|talking|discuss\w*)\s+(?:(?:us|me|with\s+us)\s+)?about\s+(?:a\s+|"
        r"the\s+)?(?:dnr|dnacpr|do[\s\-]not[\s\-]resuscitate)|(?:moved|transferred)\s+(?:him|her|them)\s+"
        r"(?:to|into)\s+(?:palliative|hospice|end[\s\-]of[\s\-]life)\s+care|(?:hasn'?t|has\s+not|have\s+not|"
        r"not)\s+(?:properly\s+)?woken\s+up|won'?t\s+wake\s+up|(?:is|are|keeps?|has\s+been)\s+bleeding\s+from\s+"
        r"(?:the|her|his)\s+(?:gums|mouth|nose)|(?:pressing\s+on|compress\w*|narrowing|blocking)\s+(?:his|her|the)\s+"
        r"(?:airway|trachea|windpipe)|von\s+tag\s+zu\s+tag\s+schlechter|(?:immer|zusehends)\s+schlechter|"
        r"coraz\s+gorzej|mówi\w*\s+o\s+dniach|piorand\w*\s+(?:muito\s+)?(?:rápido|depressa)|"
        # a physician at night in one line: "is a person reading this mailbox tonight?", "I'm in
        # house until 7am"
        r"is\s+(?:a\s+person|anyone|someone|anybody)\s+(?:reading|monitoring|checking)\s+(?:this|your)\s+(?:\w+\s+)?"
        r"(?:tonight|now|over\s+the\s+weekend)|(?:i'?m|i\s+am)\s+in[\s\-]house\s+(?:until|till))\b",
        # a machine breathing for them; a drip to keep the pressure up, a pressure in the 70s; the
        # spouse asked to come in now; "don't know if she'll make it to Monday" (es/fr/it/pt/de);
        # relatives told to be warned (es); a physician who needs to talk to someone tonight
        r"\b(?:(?:a\s+|the\s+)?(?:machine|ventilator|respirator)\s+(?:is\s+)?(?:now\s+)?breathing\s+for\s+"
        r"(?:him|her|them)|(?:drip|infusion|medication|meds|drugs?)\s+to\s+keep\s+(?:his|her|their|the)\s+"
        r"(?:blood\s+)?pressure\s+up|(?:blood\s+)?pressure\s+(?:is\s+|was\s+)?(?:in\s+the|down\s+(?:in|to)\s+the)\s+"
        r"[4-8]0s(?!\s+(?:diastolic|over)|,?\s+(?:well|stable|normal|controlled))|(?:asked|told|called)\s+(?:her|his|their|the)\s+(?:husband|wife|partner|son|daughter|"
        r"children|kids|family|parents|mother|father|mum|mom|dad)\s+to\s+come\s+(?:in|over)\s+(?:this\s+"
        r"morning|tonight|now|right\s+now|right\s+away|immediately|straight\s+away|at\s+once)\b"
        r"(?!\s+(?:to|for)\s+(?:sign|the\s+consent|a\s+consent|consent|the\s+(?:\w+\s+)?visit|an?\s+appointment))|"
        r"(?:not\s+sure|(?:don'?t|do\s+not|doesn'?t|does\s+not)\s+know)\s+(?:if\s+|whether\s+)?(?:he|she|they)\s*"
        r"(?:will|'ll|is\s+going\s+to)\s+(?:make\s+it|survive|last)\b(?!\s+(?:to|through|in\s+time\s+for)\s+"
        r"(?:the\s+|his\s+|her\s+|their\s+|a\s+)?(?:[\w\-]+\s+){0,2}(?:trial|study|screening|appointment|visit|"
        r"consent|clinic|meeting|scan|dose))|"
        r"no\s+(?:saben|sabemos|sé|se\s+sabe)\s+si\s+(?:va\s+a\s+)?(?:llega|llegar[áa]?|pasa|pasar[áa]?|"
        r"aguanta|aguantar[áa]?|sobrevive|sobrevivir[áa]?)\b(?!\s+(?:a\s+tiempo|el\s+env[íi]o|la\s+"
        r"(?:visita|cita|muestra|caja)|el\s+(?:paquete|medicamento|courier|kit)))|ne\s+(?:savent|savons|sait)\s+pas\s+s['’]"
        r"(?:il|elle)\s+(?:passera|tiendra|survivra)|non\s+(?:sanno|sappiamo|so)\s+se\s+(?:arriva|"
        r"arriverà|supera|superà|sopravvive|sopravviverà|ce\s+la\s+fa)\b(?!\s+(?:in\s+tempo|alla\s+visita|"
        r"all['’]appuntamento|la\s+spedizione|il\s+(?:pacco|farmaco|kit)))|não\s+(?:sabem|sabemos|sei)\s+se\s+"
        r"(?:ele\s+|ela\s+)?(?:chega|aguenta|sobrevive|resiste)|(?:wissen|weiß)\s+nicht,?\s+ob\s+(?:er|sie)\s+"
        r"(?:\w+\s+){0,4}(?:überlebt|schafft|durchhält)|avis(?:ar|áramos|asemos|emos)\s+a\s+(?:mis|sus|los|"
        r"las)\s+(?:tíos|tías|hermanos|hermanas|hijos|hijas|familiares|parientes|abuelos)|"
        r"need\s+to\s+(?:talk|speak)\s+(?:to|with)\s+(?:someone|somebody|a\s+person|anyone|a\s+human)\s+"
        r"(?:\w+\s+){0,2}?(?:tonight|right\s+now|now|urgently|immediately))\b(?!\s+(?:about|regarding|re)\s+"
        r"(?:the\s+|a\s+|our\s+)?(?:\w+\s+)?(?:shipment|delivery|invoice|order|courier|contract|budget|"
        r"kits?|supply|portal|meeting))",
        # (learnt from dev-z12 once quoted Dutch history was cut) "als er een mogelijkheid is moet
        # het deze week", "es muss diese Woche sein", comfort care discussed with the family
        r"\b(?:moet\s+(?:het\s+)?(?:nog\s+)?deze\s+week|muss\s+(?:es\s+)?(?:noch\s+)?diese\s+woche|doit\s+"
        r"(?:se\s+faire\s+)?cette\s+semaine|tiene\s+que\s+ser\s+esta\s+semana|deve\s+essere\s+"
        r"(?:entro\s+)?questa\s+settimana|tem\s+de\s+ser\s+esta\s+semana|musi\s+to\s+być\s+w\s+tym\s+"
        r"tygodniu)\b|\bcomfort(?:zorg|pflege|\s+care)\s+(?:als\s+optie\s+|as\s+an\s+option\s+)?"
        r"(?:besproken|besprochen|discussed)\b|\b(?:discussed|besproken|besprochen)\s+(?:\w+\s+){0,3}"
        r"comfort(?:zorg|pflege|\s+care)\b",
        # (learnt from dev-z56) "i medici dicono che ormai sono giorni", "puede que no salga",
        # "si no mejora en los próximos días"
        r"\b(?:me|lui|leur|nous)\s+rest(?:e|ait|erait|ent|aient)\s+(?:peut[\s\-]?[êe]tre\s+|plus\s+que\s+|que\s+)?"
        r"(?:quelques|peu\s+de)\s+jours\b|\b(?:mi|gli|le|ci)\s+rest(?:ano|avano)\s+(?:solo\s+)?pochi\s+giorni\b|"
        r"\b(?:me|lhe|nos)\s+rest(?:am|avam)\s+(?:só\s+|apenas\s+)?poucos\s+dias\b|\bzostało\s+(?:mi|mu|jej|"
        r"nam)\s+(?:tylko\s+)?(?:kilka|parę)\s+dni\b|"
        r"\bormai\s+(?:sono|è\s+(?:una\s+)?questione\s+di)\s+(?:pochi\s+)?giorni\b|\bpuede\s+que\s+no\s+"
        r"(?:salga|sobreviva|aguante|llegue)\b|\bsi\s+no\s+mejora\s+en\s+(?:los\s+)?próximos\s+días\b",
        # (learnt from dev-z73/z74) the last days in the other languages: barely wakes, no
        # longer eats; worse by the hour; no time left; an answer needed tonight
        r"\b(?:ya\s+)?casi\s+no\s+(?:despierta|reacciona)\b|\bkaum\s+(?:noch\s+)?(?:wach|ansprechbar)\b|"
        r"\b(?:se\s+réveille|réagit)\s+à\s+peine\b|\bne\s+se\s+réveille\s+(?:presque\s+)?plus\b|"
        r"\b(?:quasi\s+)?non\s+si\s+sveglia\s+(?:quasi\s+)?più\b|\bmal\s+(?:acorda|reage)\b|"
        r"\bquase\s+não\s+acorda\b|\b(?:nauwelijks|bijna\s+niet)\s+(?:meer\s+)?(?:wakker|aanspreekbaar)\b|"
        r"\b(?:prawie|ledwo)\s+(?:się\s+)?(?:nie\s+)?(?:budzi|reaguje)\b|"
        r"\bya\s+no\s+(?:quiere\s+)?comer\b|\bno\s+(?:quiere\s+)?come[rs]?\s+nada\b|\bisst\s+(?:gar\s+)?nichts\s+mehr\b|"
        r"\bne\s+mange\s+(?:presque\s+)?plus\b|\bnon\s+mangia\s+(?:quasi\s+)?più\b|\b(?:já\s+)?não\s+come\s+(?:mais|nada)\b|"
        r"\beet\s+(?:bijna\s+)?niet(?:s)?\s+meer\b|\bprzesta(?:ł|ła)\s+jeść\b|"
        r"\b(?:worse|weaker|deteriorat\w*|declin\w*)\s+(?:by\s+the\s+hour|hour\s+by\s+hour)\b|"
        r"\bvon\s+stunde\s+zu\s+stunde\b|\bstündlich\s+(?:schlechter|schlimmer|schwächer)\b|"
        r"\bde\s+hora\s+en\s+hora\b|\bd['’]heure\s+en\s+heure\b|\bdi\s+ora\s+in\s+ora\b|"
        r"\bde\s+hora\s+(?:em|para)\s+hora\b|\bmet\s+het\s+uur\s+(?:slechter|zwakker)\b|"
        r"\bz\s+godziny\s+na\s+godzinę\b|"
        r"\b(?:we|he|she|they)\s+(?:have|has)\s+no\s+time\s+left\b|\b(?:wir\s+haben\s+|es\s+bleibt\s+)?keine\s+"
        r"zeit\s+mehr\b|\bno\s+(?:nos\s+)?queda\s+(?:mucho\s+)?tiempo\b|\bn['’](?:avons|a)\s+plus\s+de\s+temps\b|"
        r"\bnon\s+(?:c['’]è|abbiamo)\s+più\s+tempo\b|\bnão\s+(?:temos|há)\s+mais\s+tempo\b|\bgeen\s+tijd\s+"
        r"meer\b|\bnie\s+mamy\s+(?:już\s+)?czasu\b|"
        r"\bneed\w*\s+(?:the\s+|an?\s+|your\s+)?(?:answer|reply|response|decision|loa|letter\s+of\s+"
        r"authori[sz]ation|authori[sz]ation|approval|drug|shipment)\b[^.!?\n]{0,60}?\b(?:tonight|by\s+"
        r"tonight|first\s+thing\s+tomorrow)\b|"
        r"\b(?:answer|reply|response|decision)\s+(?:by\s+|before\s+)?tonight\b",
    ),
    "adverse_received": (
        r"\b(?:dispensed|dosed|infused)\b",
        # "had your treatment last year", "the last infusion made her very sick"
        r"\b(?:had|got|received)\s+your\s+(?:\w+\s+)?(?:treatment|drug|medicine|medication|infusions?|"
        r"therapy)\b|\b(?:the|her|his|my)\s+(?:last|final|second|third)\s+(?:infusion|dose|injection|fraction)\b"
        r"(?!\s+of\s+(?!(?:iopofosin\w*|clr|cl?r[\s\-]?131|your|the\s+study|study)\b))",
        r"\b(?:got|received|given)\s+(?:dose|cycle|infusion|fraction)\s*#?\d",  # "got dose 2 on 2/24"
        # (learnt from dev-za9: not "her dr never got the chance to send anything in")
        r"\b(?<!\bnever\s)(?<!\bnot\s)(?:got|had)\s+(?:the|her|his|its)\b(?!\s+(?:chance|opportunity|"
        r"call|news|message|e-?mail|letter|results?|impression|feeling|sense|paperwork|forms?)\b)",
        r"\bafter\s+(?:the\s+|her\s+|his\s+)?(?:[\w\-]+\s+){0,2}(?:dose|infusion|administration|"
        r"injection|treatment\s+with|cycle)\b",
        r"\b(?:in|on)\s+(?:one\s+of\s+)?(?:your|the)\s+(?:[\w\-]+\s+){0,2}(?:trials?|study)\b",
        r"\b(?:since|following|after)\s+(?:the\s+|her\s+|his\s+)?(?:first\s+|second\s+)?"
        r"(?:dose|infusion|administration|injection|treatment)\b",
        # (learnt from dev-zb5) "twaalf dagen na de behandeling"
        r"\b(?:na|sinds)\s+de\s+(?:behandeling|toediening|infusie|injectie)\b(?!\s+(?:met|van|voor)\b)",
        # (not "you answered you received it", "we have received it": a letter received)
        r"\b(?:(?<!\byou\s)(?<!\bwe\s)(?<!\bthey\s)(?<!\bwe\shave\s)(?<!\byou\shave\s)(?<!\bnever\s)(?<!\bnot\s)(?!(?<=\brequest\s)received\s*(?:\[|[\-–—]|\n|$))received(?!\s+(?:the\s+|a\s+|your\s+|any\s+|an\s+|our\s+)?(?:\w+\s+)?(?:confirmation|e-?mail|mail|message|letter|reply|response|acknowledg\w*|form|reference|call|answer|invoice|shipment\s+notice|transfusion|platelet|antibiotic)s?\b)|was\s+given|administered|"
        r"dosed|infused|treated\s+with)\b",
        r"\b(?:erhalten|bekommen|recibió|recibio|reçu|ricevuto|recebeu|otrzyma\w*|gekregen)\b"
        # (not a letter received: "no recibió ninguna respuesta")
        r"(?!\s+(?:\w+\s+){0,2}?(?:respuestas?|correos?|mensajes?|réponses?|courriers?|messages?|risposte?|"
        r"messaggi|respostas?|mensage[mn]s?|antwort\w*|nachricht\w*|bericht\w*|antwoord\w*|odpowied\w*|"
        r"wiadomo\w*|e-?mails?|mails?|cartas?|lettres?|brief\w*|"
        # (nor a transfusion received: "ha ricevuto una trasfusione" is an event, not our dose)
        r"\w*trasfus\w*|\w*transfus\w*|transfuzj\w*)\b)",
        r"\bpost[\s\-]?(?:infusion|dose|treatment)\b",
        r"\bnach\s+der\s+(?:ersten|zweiten|dritten)?\s*(?:dosis|infusion|gabe|behandlung)\b",
        r"\bdespués\s+de\s+la\s+(?:primera|segunda|tercera)?\s*(?:dosis|infusión)\b",
        r"\baprès\s+la\s+(?:première|deuxième|troisième)?\s*(?:dose|perfusion|injection)\b",
        r"\bdopo\s+la\s+(?:prima|seconda|terza)?\s*(?:dose|infusione|somministrazione)\b",
        r"\bap[óo]s\s+a\s+(?:primeira|segunda)?\s*(?:dose|infusão)\b",
    ),
    "adverse_event": (
        r"\b(?:adverse\s+(?:event|reaction|effect)s?|side[\s\-]effects?|sae|serious\s+adverse|"
        r"toxicit\w*|grade\s+[345](?!\s+(?:glioma|astrocytoma|tumou?r|lymphoma|ependymoma|glioblastoma))|cytopenia|thrombocytop\w*|neutropen\w*|pancytopen\w*|anaemi\w*|"
        r"anemi\w*|febrile|sepsis|bleed\w*|haemorrhag\w*|hemorrhag\w*|rash|anaphyla\w*|"
        r"hospitali[sz]\w*|admitted|passed\s+away|died|death|fatal|developed|suffered|"
        r"myelodysplas\w*|mds|secondary\s+(?:cancer|malignanc\w*|leuk\w*))\b",
        r"\b(?:related\s+to|caused\s+by|due\s+to)\s+(?:the\s+|your\s+)?(?:[\w\-]+\s+){0,2}"
        r"(?:drug|treatment|infusion|therapy)\b",
        # (not the "Krankenhausapotheke", the hospital pharmacy: learnt from dev-za1)
        r"\b(?:nebenwirkung\w*|unerwünscht\w*|krankenhaus(?!-?apothek)\w*|efectos?\s+(?:adversos?|secundarios?)|"
        r"evento\s+adverso|effets?\s+(?:indésirables?|secondaires?)|evento\s+avverso|"
        r"ricover\w*|hospitalisiert|hospitalizad\w*|hospitalisée?)\b",
    ),
    # Exposure to OUR drug (pharmacovigilance: a trial participant, a former
    # participant, an EA patient), in plain words.
    "ae_exposure": (
        # (learnt from dev-z49/z50) a subject number with its doses ("021-004 (dose 2 on 2/26)",
        # "214-002 (2 doses, 12/15 and 1/13)"), a subject number beside SAE wording, "AE log for
        # 104-007", "le dieron la medicina"
        r"\b\d{3}[\-‐]\d{3}\s*\(\s*(?:dose|cycle|fraction|infusion|c)\s*#?\d|\b\d\s+doses?\s*,?\s*"
        r"\d{1,2}/\d{1,2}\b|\b\d{3}[\-‐]\d{3}\b[^.\n]{0,30}\b(?:sae|serious\s+adverse)\b|"
        r"\b(?:for|pt\.?|patient|re)\s+(?!(?:19|20)\d\d[\-‐])\d{3}[\-‐]\d{3}(?![\-‐\d])|"
        r"\b(?:le|les|me)\s+(?:dieron|pusieron|administraron)\s+(?:la\s+|el\s+|su\s+)?(?:medicina|"
        r"medicamento|tratamiento)\b",
        # (learnt from dev-z45/z46) an access we granted or arranged ("the expanded access we
        # arranged with your team", "die genehmigte Härtefallbehandlung", "single-patient IND
        # update"), "nach Infusion", "após a primeira administração"
        r"\b(?:approved|granted|authori[sz]ed|arranged)\s+(?:\w+\s+){0,2}(?:expanded[\s\-]access|"
        r"compassionate[\s\-]use|single[\s\-]patient\s+ind|named[\s\-]patient)|\b(?:expanded[\s\-]access|"
        r"compassionate[\s\-]use|single[\s\-]patient\s+ind)\s+(?:\w+\s+){0,4}?(?:was\s+|were\s+|has\s+been\s+)?"
        r"(?:approved|granted|authori[sz]ed|arranged)\b|\bsingle[\s\-]patient\s+ind\s+update|"
        r"\bgenehmigte[nr]?\s+härtefall\w*|\bhärtefall\w*\s+(?:wurde\s+)?genehmigt|\b(?:uso\s+compasivo|"
        r"accès\s+compassionnel|uso\s+compassionevole|uso\s+compassivo)\s+(?:\w+\s+){0,2}(?:aprobado|"
        r"autorizado|accordé|autorisé|approvato|autorizzato|aprovado)|\b(?:nach|après|después\s+de|dopo|"
        r"após|na|po)\s+(?:infusion|infusie|perfusion|infusión|infusione|infusão|infuzji)\b|"
        r"\b(?:após|depois\s+d)a?\s+(?:a\s+)?(?:primeira|segunda|terceira|última)\s+administração\b|"
        r"\b(?:zwei|drei|two|three|deux|trois|dos|tres|due|duas|twee)\s+(?:applikationen|administrations|"
        r"administraciones|somministrazioni|administrações|toedieningen|gaben|doses|dosis)\s+(?:am|on|le|les|"
        r"el|los|il|em|op|w)\s+\d",  # (given on dates: past, not a plan's "two administrations")
        # (learnt from dev-z42) "his most recent infusion", a Cellectar-sponsored study, "neem deel
        # aan de studie", "na de tweede behandeling", "depois da última dose", "le pusieron la dosis",
        # "da quando ho finito le infusioni"
        r"\b(?:his|her|my|their|the)\s+(?:most\s+recent|latest)\s+(?:[\w\-]+\s+)?(?:infusion|dose|fraction|"
        r"injection|treatment|cycle)\b|\b(?:a\s+|the\s+)?cellectar[\s\-‐]sponsored\s+(?:study|trial)\b|"
        r"\b(?:neem|neemt|nam|namen|nemen)\s+(?:\w+\s+){0,3}deel\s+aan\s+de\s+(?:studie|trial|onderzoek)\b|"
        r"\b(?:na|sinds)\s+de\s+(?:eerste|tweede|derde|laatste)\s+behandeling\b|"
        r"\bdepois\s+da\s+(?:última|primeira|segunda|terceira)\s+(?:dose|infusão|aplicação)\b|"
        r"\b(?:le|les|me)\s+(?:pusieron|administraron|dieron)\s+(?:la\s+|su\s+|una\s+)?(?:primera\s+|"
        r"segunda\s+|última\s+)?(?:dosis|infusión|inyección)\b|\bda\s+quando\s+(?:ho|ha|abbiamo)\s+"
        r"(?:finito|fatto|ricevuto)\s+(?:le|la|il)\s+(?:infusion[ei]|dos[ei]|trattamento|terapia)\b",
        # (learnt from dev-z39/z40) a participant in German and by site number in Portuguese,
        # "after his last treatment", "after the treatment (two infusions)", "after the first
        # gift" (nl), "the last administration of CLR 131"
        r"\bstudienteilnehmer\w*|\bteilnehmernummer\b|\bparticipante\s+\d{3,4}[\-‐]\d{2,4}\b|"
        r"\bnach\s+(?:seiner|ihrer)\s+(?:letzten|ersten|zweiten|dritten)\s+(?:behandlung|gabe|infusion|dosis)\b|"
        r"\bdespués\s+del\s+tratamiento(?!\s+(?:con|de)\b)|\bdespués\s+de\s+(?:las?\s+)?(?:dos\s+|primeras?\s+|"
        r"segundas?\s+)?(?:infusiones|infusión|dosis)\b|\b(?:da\s+)?dopo\s+il\s+trattamento(?!\s+con\b)|"
        r"\b(?:na|sinds)\s+de\s+(?:eerste|tweede|derde|laatste|\d+e)\s+(?:gift|toediening|infusie|dosis|kuur)\b|"
        r"\b(?:última|primeira|segunda|terceira)\s+administração\s+de\s+(?:clr|iopofosin)",
        # since the injection / infusion; "received your medicine" in the other word orders
        r"\b(?:desde|após|depois\s+d)a?\s+(?:a\s+)?(?:injeç[ãa]o|infus[ãa]o)|\bsinds\s+(?:het|de)\s+(?:infuus|"
        r"injectie|toediening)|\bseit\s+der\s+(?:spritze|injektion)|\bdepuis\s+l'(?:injection|perfusion)|"
        r"\bdesde\s+la\s+(?:inyecci[óo]n|infusi[óo]n)|\bdall'(?:iniezione|infusione)|\bod\s+(?:zastrzyku|"
        r"wlewu|infuzji)|\b(?:since|after)\s+the\s+(?:injection|shot)|\b(?:uw|jullie)\s+(?:medicijn|middel|"
        r"geneesmiddel)\s+(?:\w+\s+)?gekregen|\brecebeu\s+o\s+vosso\s+(?:\w+\s+)?(?:medicamento|tratamento)",
        # "qui a reçu sa première administration le 03/02", "recibió su segunda dosis" (a site's
        # words for a participant's dose, fr/es/it/pt/de)
        r"\b(?:a|avait)\s+reçu\s+(?:sa|son|la|le)\s+(?:première|deuxième|troisième|dernière|\d+e)\s+"
        r"(?:administration|dose|perfusion|injection)|\brecibi[óo]\s+(?:su|la)\s+(?:primera|segunda|tercera|"
        r"última)\s+(?:dosis|administración|infusión)|\bha\s+ricevuto\s+la\s+(?:prima|seconda|terza|ultima)\s+"
        r"(?:dose|somministrazione|infusione)|\brecebeu\s+a\s+(?:primeira|segunda|terceira|última)\s+(?:dose|"
        r"administração|infusão)|\berhielt\s+(?:seine|ihre|die)\s+(?:erste|zweite|dritte|letzte)\s+(?:gabe|"
        r"dosis|infusion)",
        # since or after the administration / the end of the treatment, a patient of the trial
        r"\b(?:desde|após|apos|depuis|après|seit|nach|dalla|dopo\s+la|desde|tras|sinds|na|od|since|after)\s+"
        r"(?:a\s+|la\s+|l'|der\s+|de\s+|the\s+)?(?:administra[çc][ãa]o|administration|administración|"
        r"verabreichung|gabe|somministrazione|toediening|podania)\b|"
        r"\b(?:depuis|après)\s+la\s+fin\s+(?:du\s+traitement|de\s+l'(?:essai|étude))|"
        r"\b(?:doente|paciente|participante|patient|patiente|paziente|deelnemer|pacjent\w*)\s+(?:do|no|de\s+l'|"
        r"del|dello|della|van\s+de|w)\s+(?:ensaio|estudo|essai|étude|ensayo|estudio|studio|studie|badani\w*)\b",
        r"\b(?:participou|participó|participé|partecipato|partecipò|uczestniczy\w*|brał\w*\s+udział|nahm\s+an|ha\s+partecipato)\b",
        # since the infusion / the study / the nth cycle, in the supported languages
        r"\b(?:seit|nach)\s+(?:der|dem|den)\s+(?:\d+\.\s*|ersten|zweiten|dritten|letzten)?\s*"
        r"(?:infusion|studie|gabe|dosis|behandlung|zyklus|therapie|bestrahlung)\b|"
        r"\bdesde\s+(?:la|el|o|a)\s+(?:primera\s+|segunda\s+|última\s+)?(?:infusión|infusão|dosis|dose|"
        r"estudio|estudo|tratamiento|tratamento|ensayo|ensaio)\b|"
        r"\bdepuis\s+(?:la|le|l')\s*(?:première\s+|deuxième\s+)?(?:perfusion|traitement|essai|étude|dose|injection)\b|"
        r"\b(?:dall'|dopo\s+l'|da\s+quando\s+ho\s+fatto\s+l')(?:infusione|iniezione|studio)\b|"
        r"\bod\s+(?:czasu\s+)?(?:infuzji|badania|leczenia|podania)\b|"
        r"\bsinds\s+de\s+(?:eerste\s+|tweede\s+|derde\s+|laatste\s+)?(?:infusie|behandeling|studie|"
        r"toediening|kuur|dosis)\b|\bkrijgt\s+(?:\w+\s+){0,2}(?:uw|jullie)\s+(?:medicijn|middel|"
        r"geneesmiddel)\b|\b(?:inclus?e?|participe|participait|a\s+particip[ée])\s+(?:dans|à)\s+"
        r"votre\s+(?:\w+\s+)?(?:essai|étude)\b|\b(?:está|estaba|estuvo|incluid[oa]|particip\w+)\s+"
        r"en\s+(?:su|vuestro)\s+(?:\w+\s+)?(?:ensayo|estudio)\b|\b(?:nel|al)\s+vostro\s+"
        r"(?:\w+\s+)?studio\b|\bno\s+vosso\s+(?:\w+\s+)?(?:estudo|ensaio)\b|"
        r"\b(?:participei|participamos|participaba|participava|partecipavo|participais)\b|"
        r"\bteilnehmer(?:in)?\s+(?:ihrer|der|an\s+der|einer|dieser)\s+(?:\w+\s+)?studie\b|"
        r"\b(?:participante|paciente)\s+(?:de\s+(?:su|vuestro)|del|do|da)\s+(?:\w+\s+)?(?:estudio|estudo|ensayo|ensaio)\b|"
        r"\b(?:nach|after|después\s+del?|après\s+le|dopo\s+il|após\s+o|po)\s+(?:\d+\.\s*|\d+(?:st|nd|rd|th)\s+)"
        r"(?:zyklus|cycle|ciclo|cyklu|fraction|fraktion|gabe|dosis|dose)\b",
        r"\b(?:a\s+participar|participa|participando|participante)\s+(?:no|do|num|en\s+el|del)\s+(?:estudo|ensaio|"
        r"estudio|ensayo)\b|\bfez\s+(?:as|a)\s+(?:duas\s+|tr[êe]s\s+|primeira\s+|segunda\s+)?doses?\b|"
        r"\bmee(?:ge)?daan\s+(?:aan|met)\b|\b(?:klaar|gestopt)\s+(?:ben|was|is)\s+met\s+de\s+studie\b|"
        r"\bpo\s+zakończeniu\s+(?:badania|leczenia)\b|\b(?:aan|in)\s+de\s+(?:clover|clr)[\w\-]*[\s\-]studie\b|"
        r"\b(?:an|in)\s+der\s+(?:clover|clr)[\w\-]*[\s\-]studie\b|"
        # "CLR 131 (studie)" in a list of past lines; a site's subject number ("for 0104-011")
        r"\b(?:clr[\s\-]?131|iopofosin\w*)\s*\((?:studie|study|estudio|estudo|étude|studio|trial|ensayo|ensaio)\)|"
        r"\b(?:for|pt\.?|patient|re)\s+(?!(?:19|20)\d\d[\-‐])\d{4}[\-‐]\d{3}(?![\-‐\d])",
        # "ever since he came off the CLR 131 study" (dev-z90)
        r"\b(?:came|come|coming|went|taken)\s+off\s+(?:your\s+(?:[\w\-]+\s+){0,3}?|(?:the\s+)?(?:clr[\s\-]?131|"
        r"iopofosin\w*)[\w\-]*\s+(?:[\w\-]+\s+){0,2}?)(?:study|trial)\b|"
        r"\bdosed\s+(?:on\s+)?\d|\b(?:subject|subj|participant|pt)\.?\s*(?:#|no\.?|id)?\s*:?\s*\d{2,4}[\-‐]\d{2,4}\b",
        # "Last dose: cycle 1, fraction 2 on 02/24", "fraction 2 on 11/17": a dosing date
        r"\b(?:cycle\s+\d+\s*,\s*)?fraction\s+#?\d\s+(?:on|given|administered)\s+\d",
        # a site's SAE report on a subject number; a dose delayed or held (the patient is dosed)
        r"\b(?:sae|serious\s+adverse\s+event)\b[\s\-–#:]*(?:(?:report|follow[\s\-]?up)\s*#?\s*\d*"
        r"[\s\-–:]*)?\d{2,4}[\-‐]\d{2,4}\b|\b(?:dose|cycle|infusion|fraction)\s+#?\d{1,2}\s+"
        r"(?:was\s+|is\s+|will\s+be\s+|has\s+been\s+)?(?:delayed|held|postponed|skipped|reduced|"
        r"deferred)\b|"
        # a later dose on hold: an earlier one was given ("Dose 2 (planned for today, 12/1) is on
        # hold", "C2D1 held today": dev-z91; not dose 1, never given)
        r"\b(?:dose|cycle|infusion|fraction)\s+#?(?:[2-9]|1\d)\s+(?:\((?:planned|scheduled|due|set|"
        r"booked)\b[^()\n]{0,40}\)\s+)?(?:(?:was|is)\s+currently\s+|was\s+|is\s+|will\s+be\s+|has\s+been\s+|"
        r"now\s+|currently\s+)?(?:delayed|held|postponed|skipped|deferred|on\s+hold|(?:put|placed)\s+on\s+"
        r"hold)\b|\bc(?:[2-9]|1\d)d1\s+(?:was\s+|is\s+)?(?:held|delayed|postponed|deferred)\b",

        # "got him your iodine drug", "after your radiation drug", "signed up for this trial",
        # "a eu la perfusion", "obtenu pour lui votre médicament"
        r"\b(?:got|gave|given)\s+(?:him|her|them|me)\s+(?:your|the)\s+(?:[\w\-]+\s+){0,2}(?:drug|"
        r"medicine|medication|treatment)|\bafter\s+(?:your|the)\s+(?:[\w\-]+\s+){0,2}(?:drug|medicine|"
        r"medication)\b|\bsigned\s+up\s+for\s+(?:this|the|your)\s+(?:[\w\-]+\s+)?(?:trial|study)|"
        r"\b(?:a|avait)\s+(?:eu|reçu)\s+(?:la|sa|une)\s+(?:perfusion|dose|injection)|\bobtenu\s+"
        r"(?:pour\s+(?:lui|elle)\s+)?votre\s+(?:médicament|traitement)|\bon\s+a\s+compassionate[\s\-]"
        r"use\s+basis",
        # "completed two cycles of iopofosine", "treated with your drug", "in a clinical trial
        # with your drug"
        r"\b(?:completed|received|had|got|finished)\s+(?:\w+\s+){0,2}(?:cycles?|doses?|"
        r"infusions?|fractions?)\s+of\s+(?:iopofosine|clr|your\s+drug|the\s+(?:study|trial)\s+drug)|"
        r"\btreated\s+with\s+(?:your|the\s+study|the\s+trial)\s+(?:drug|medicine|medication|"
        r"product)|\b(?:in|on)\s+a\s+(?:clinical\s+)?(?:trial|study)\s+(?:with|of)\s+"
        r"(?:your|the\s+cellectar)\s+(?:drug|medicine|product|\w*\s*clr)",
        r"\b(?:an|in)\s+(?:ihrer|der|dieser|eurer)\s+studie|\bteilgenommen\b|\bdeelgenomen\b|\bdeelname\b|\bonderzoeksmiddel\b|\b(?:aan|in)\s+uw\s+(?:studie|onderzoek)\b",
        r"\b(?:reçu|recibido|recibió|erhalten|gekregen|ricevuto|recebeu|otrzyma\w*)\s+(?:votre|su|ihr\w*|uw|il\s+vostro|o\s+seu|wasz\w*|el|le|het|das)\s+(?:\w+\s+)?(?:traitement|médicament|tratamiento|medicamento|medikament|middel|onderzoeksmiddel|farmaco|trattamento|lek\w*)\b",
        r"\b(?:dans\s+le\s+cadre\s+d\'un\s+accès|en\s+el\s+marco\s+del?\s+uso|im\s+rahmen\s+(?:des|eines)\s+härtefall\w*|nell\'ambito\s+dell\'uso|no\s+âmbito\s+do\s+uso|in\s+het\s+kader\s+van)\b",
        # (learnt from dev-z69) an Italian carer: "fa la terapia sperimentale", "le hanno fatto
        # l'iniezione" (they gave her the injection)
        r"\b(?:fa|faceva|ha\s+fatto|sta\s+facendo)\s+(?:la\s+|una\s+)?terapia\s+sperimentale\b|"
        r"\b(?:le|gli|mi|ci)\s+hanno\s+(?:fatto|dato|somministrato)\s+(?:l['’]\s*|la\s+|il\s+|le\s+)?"
        r"(?:iniezion[ei]|infusion[ei]|terapia|trattamento|farmaco|dose)\b",
        # (learnt from dev-z66) "dostała w szpitalu ... Państwa lek" (Polish: she got your
        # drug; past tense only: "dostać" is the ask)
        r"\b(?:dosta|otrzyma)(?:ł|ła|li|ły|ło|łam|łem)\s+(?:[\w.]+\s+){0,8}?(?:państwa|wasz\w*)\s+"
        r"(?:lek(?:u|iem|i)?|preparat\w*|leczeni\w*)\b",
        r"\b(?:got|had|received|was\s+given|started|finished|completed)\s+(?:the|her|his|your|their|my)\s+(?:[\w\-]+\s+){0,2}(?:treatment|infusion|dose|therapy|injection|drug|medicine|medication)s?\b",
        r"\btreated\s+(?:on|in|with)\s+(?:the|your)\s+(?:[\w\-]+\s+){0,2}(?:expansion|cohort|arm|study|trial)\b",
        r"\b(?:in|on|from|during|finished|completed|after|since|left|joined|part\s+of)\s+"
        r"(?:one\s+of\s+(?:your|the)\s+(?:[\w\-]+\s+){0,3}(?:trials|studies)|"
        r"(?:your|the|this|that|his|her|my|our)\s+(?:[\w\-()]+\s+){0,3}(?:trial|study|protocol))\b",
        r"\b(?:trial|study|research)\s+(?:participant|patient|subject|drug|medication|dose|treatment)s?\b",
        r"\b(?:former|previous|past)\s+(?:trial\s+|study\s+)?(?:participant|subject)\b",
        # "our EA patient", "dose 1 given 10/20", "dostał lek", "continue with the next dose"
        r"\b(?:ea|expanded[\s\-]access|compassionate[\s\-]use|single[\s\-]patient(?:\s+ind)?)\s+"
        r"patient\b|\b(?:dose|cycle|infusion|fraction)\s+#?\d\s+(?:was\s+)?(?:given|administered|infused)\b|"
        r"\bdosta(?:ł|ła|li|ło)\s+(?:\w+\s+)?(?:lek\w*|dawk\w*|infuzj\w*|leczeni\w*)|"
        r"\b(?:continue|resume|hold|delay|postpone|skip)\w*\s+(?:with\s+)?(?:the\s+|his\s+|her\s+)?"
        r"(?:next|second|2nd|third|3rd)\s+(?:dose|cycle|infusion|fraction)\b",
        # "could he get CLR 131 again": he had it before
        r"\b(?:get|have|receive|take|be\s+given|be\s+treated\s+with)\s+(?:\w+\s+){0,3}again\b|"
        # (not "rituximab retreatment": another company's drug in the history)
        r"(?<!mab\s)(?<!ib\s)(?<!chemo\s)\b(?:re-?treat\w*|retreat\w*|second\s+course)\b",
        r"\b(?:participated|participating|took\s+part|taking\s+part)\s+in\b|\benrolled\s+(?:in|on)\b|"
        r"\bsubject\s+(?:id|no\.?|number|#)",
        r"\b(?:his|her|my|the|their)\s+(?:first|second|third|last|final|\d(?:st|nd|rd|th))\s+"
        r"(?:[\w\-]+\s+){0,2}(?:dose|fraction|infusion|injection|cycle|treatment)\b"
        r"(?!\s+of\s+(?!(?:iopofosin\w*|clr|cl?r[\s\-]?131|your|the\s+study|study)\b))",
        r"\b(?:since|after|following)\s+(?:the\s+)?(?:first|second|third|last|final)?\s*fraction\b",
        r"\bunder\s+(?:expanded|compassionate|the\s+single[\s\-]patient)\b",
        r"\b(?:was|were|got|has\s+been|had\s+been)\s+(?:dosed|infused)\b",
        r"\b(?:in\s+der|an\s+der|im|en\s+el|dans\s+l'|à\s+l'|nello|nella|allo|no\s+estudo|"
        r"do\s+estudo|w\s+badaniu|in\s+het|aan\s+het)\s+(?:[\w\-]+\s+){0,1}(?:studie|estudio|"
        r"ensayo|étude|essai|studio|sperimentazione|estudo|badaniu|onderzoek)\b",
        r"\b(?:erste|zweite|dritte|letzte)n?\s+(?:gabe|dosis|infusion|zyklus|fraktion)\b|"
        r"\b(?:primera|segunda|tercera|última)\s+(?:dosis|infusión|fracción)\b|"
        r"\b(?:première|deuxième|seconde|troisième|dernière)\s+(?:dose|perfusion|injection|fraction)\b|"
        r"\b(?:prima|seconda|terza|ultima)\s+(?:dose|infusione|somministrazione|frazione)\b|"
        r"\b(?:primeira|segunda|terceira|última)\s+(?:dose|infusão|fração)\b|"
        r"\b(?:pierwsz|drug|trzeci|ostatni)\w*\s+(?:daw|infuzj|frakcj)\w*|"
        r"\b(?:eerste|tweede|derde|laatste)\s+(?:dosis|infuus|toediening|fractie)\b",
        # a site's subject number ("Patient 305-002"; not a numbered site alone: its patient
        # may be in screening, and "Center\n1650" is an address), a fraction given or held by
        # number ("F1 given 3/9", "holding fraction 2", "his fraction 3 shipment"), trial-day
        # "après la 2e fraction" (none of them followed by another company's drug: "her cycle 2
        # of R-CHOP"; not "cycle" or "cure" alone, nor C1D15: any trial's)
        r"\b(?:patient|patiente|paziente|paciente|patiënt|pacjent|doente)\s*(?:#|n[o°º]\.?\s*)?\d{2,4}[\-‐]\d{2,4}\b|"
        r"\bf\d\s+(?:was\s+)?(?:given|administered|infused|on)\b|"
        # our protocol's number ("CLR-131-MM-04", "CLR 131-WM-02"): its subjects were dosed
        r"\bclr[\s\-‐]?131[\-‐][a-z]{1,6}[\-‐]?\d{1,3}\b|"
        r"\b(?:hold|holding|held|delay\w*|postpon\w*|skip\w*|push\w*|resched\w*)\s+(?:the\s+|his\s+|"
        r"her\s+)?(?:dose|infusion|fraction|f)\s*#?\d\b(?!\\s+(?:of|de|di|do|da|von|der|du|des)\\s+(?!(?:iopofosin|clr|the\\s+(?:study|trial)|your|the\\s+drug|votre|ihr|su\\b|il\\s+vostro))\\w)|"
        r"\b(?:his|her|their|my)\s+(?:dose|infusion|fraction)\s+#?\d\b(?!\\s+(?:of|de|di|do|da|von|der|du|des)\\s+(?!(?:iopofosin|clr|the\\s+(?:study|trial)|your|the\\s+drug|votre|ihr|su\\b|il\\s+vostro))\\w)|"
        r"\b(?:après|depuis)\s+(?:la|le)\s+(?:\d+\s*(?:e|ème|re|er)|première|deuxième|seconde|troisième)\s+"
        r"(?:fraction|dose|perfusion|injection)\b(?!\\s+(?:of|de|di|do|da|von|der|du|des)\\s+(?!(?:iopofosin|clr|the\\s+(?:study|trial)|your|the\\s+drug|votre|ihr|su\\b|il\\s+vostro))\\w)|"
        r"\b(?:dopo|dalla)\s+(?:la\s+)?(?:\d+[ªa°]?|prima|seconda|terza)\s+(?:frazione|dose|infusione|"
        r"somministrazione)\b|\b(?:nach|seit)\s+der\s+\d+\.\s*(?:fraktion|gabe|dosis|infusion)\b|"
        # "recebeu a 3.ª fração", "a reçu la 2e dose", "ha ricevuto la 2ª dose", "recibió la 2.ª dosis"
        r"\b(?:recebeu|recibió|a\s+reçu|ha\s+ricevuto|erhielt|received|got)\s+(?:a|la|le|il|die|the|his|her)?\s*"
        r"\d+\s*(?:\.?\s*[ªaºo°]|e|ème|nd|rd|th|st|\.)?\s*(?:fração|fracción|fraction|frazione|fraktion|dose|"
        r"dosis|infusão|infusión|perfusion|infusione|infusion)\b",
        r"\bwas\s+a\s+(?:participant|patient|subject)\s+in\s+(?:your|the|this|one\s+of\s+your)\b|"
        r"(?:\b(?:depuis|après)\s+(?:la|sa)\s+dernière\s+(?:perfusion|dose|injection|fraction)|"
        r"\b(?:seit|nach)\s+der\s+letzten\s+(?:infusion|gabe|dosis|fraktion)|"
        r"\b(?:desde|tras|después\s+de)\s+la\s+última\s+(?:infusión|dosis|fracción)|"
        r"\b(?:dall['’]|dopo\s+l['’])ultima\s+(?:infusione|dose|somministrazione|frazione)|"
        r"\b(?:desde|após)\s+a\s+última\s+(?:infusão|dose|fração))\b(?!\\s+(?:of|de|di|do|da|von|der|du|des)\\s+(?!(?:iopofosin|clr|the\\s+(?:study|trial)|your|the\\s+drug|votre|ihr|su\\b|il\\s+vostro))\\w)",
        # a second dose to come ("whether a second dose makes sense") means a first was
        # given (not "patients of another drug received a second dose"); a case notified to a
        # pharmacovigilance system is an event in an exposed person
        r"\b(?:whether|if|when|about|discuss\w*|consider\w*|plan\w*|schedul\w*|before|for)\s+(?:\w+\s+){0,2}?"
        r"(?:a\s+second|another)\s+(?:dose|infusion|fraction)\b(?!\\s+(?:of|de|di|do|da|von|der|du|des)\\s+(?!(?:iopofosin|clr|the\\s+(?:study|trial)|your|the\\s+drug|votre|ihr|su\\b|il\\s+vostro))\\w)(?!\s+of\s+(?:the\s+)?"
        r"(?:shingles|flu|covid|pneumo\w*|vaccin\w*)\b)|"
        r"\b(?:notificad[oa]|notified|reported|gemeldet|segnalat[oa]|notifié|signalé|déclaré)\s+"
        r"(?:[\w'’]+\s+|\w+['’]){0,6}?(?:farmacovigil[âa]ncia|pharmacovigilance|farmacovigilanza|"
        r"pharmakovigilanz|bfarm|ansm|aifa|aemps|vigimed|medwatch|infarmed|fda)\b|"
        r"\b(?:bfarm|pei|ansm|aifa|aemps)\s+gemeldet\b",
        # the writer was a participant: the whole letter is about an exposed person
        # (a study or trial, not "a patient of Dr Rivera", nor a waiting or screening list)
        r"\b(?:i\s+am|i['’]m|i\s+was|i\s+have\s+been)\s+(?:still\s+)?(?:in|on|part\s+of|enrolled\s+in)\s+"
        r"(?:the|your|this|a)\s+(?!(?:[\w\-]+\s+){0,3}?(?:waiting|wait|list|screening|different|other)\b)"
        r"(?:[\w\-]+\s+){0,7}?(?:study|trial)\b|"
        r"\b(?:sono\s+stat[oa]|ero|fui|j['’]ai\s+été|ich\s+war|i\s+was|i\s+am|i['’]m)\s+(?:un[ao]?\s+|a\s+)?"
        r"(?:paziente|paciente|patient|patiente|participant\w*|partecipante|teilnehmer\w*|subject)\s+"
        r"(?:in|of|nello|nella|del|dello|della|en\s+el|dans|de\s+l['’]|in\s+der|an\s+der|no|do)\s+"
        r"(?:the\s+|your\s+|this\s+|la\s+|il\s+|lo\s+|vostro\s+|votre\s+|ihrer\s+|su\s+|o\s+)?"
        r"(?:[\w\-]+\s+){0,4}?(?:study|trial|studio|studie|étude|essai|estudio|ensayo|estudo|ensaio|"
        r"sperimentazione)\b",
        # the study medication (nl/de/fr/es/it/pt/pl); a site's subject number next to a protocol
        # visit ("lab C2D15: de TSH van 305-003", "204-019 will not be making her Day 15 dose")
        r"\b(?:study\s+(?:medication|medicine|treatment)|studiemedicatie|studiemiddel|studienmedikation|"
        r"studienmedikament|prüfpräparat|médicament\s+(?:de\s+l['’]étude|à\s+l['’]étude)|"
        r"medicamento\s+(?:del|do)\s+(?:estudio|estudo)|medicamento\s+en\s+estudio|"
        r"farmaco\s+(?:dello|in)\s+studio|lek\s+z\s+badania)\b(?!\s+(?:shipment|supply|kits?|storage|"
        r"order|delivery|inventory|accountability))",
        r"\b(?:c\d{1,2}d\d{1,2}|(?:day|dag|tag|día|jour|giorno|dia)\s+\d{1,2}\s+(?:dose|visit|infusion|"
        r"fraction|visite|bezoek|dosis))\b[^.\n]{0,60}?(?<![\-‐\d/.])\d{3}[\-‐]\d{3}(?![\-‐\d])|"
        r"(?<![\-‐\d/.])\b\d{3}[\-‐]\d{3}\b(?![\-‐\d])[^.\n]{0,60}?\b(?:c\d{1,2}d\d{1,2}|(?:day|dag|tag|"
        r"día|jour|giorno|dia)\s+\d{1,2}\s+(?:dose|visit|infusion|fraction|visite|bezoek|dosis))\b",
        # (learnt from dev-z51) a participant in Polish ("jest w badaniu klinicznym leku CLR 131"),
        # the treatment a patient had with our drug ("la terapia che ha fatto ... con il vostro
        # farmaco")
        r"\b(?:jest|by[łl][aoy]?|by[łl](?:em|am)|bierze\s+udzia[łl]|bra[łl](?:[ao]|em|am)?\s+udzia[łl])\s+w\s+badaniu\b|"
        r"\b(?:fatt[oa]|ricevut[oa]|trattat[oa])\s+(?:[\w']+\s+){0,4}?con\s+il\s+vostro\s+farmaco\b",
        # a study number given as one ("studienummer 502-011", "Pat.-Nr. 049-0112")
        r"\b(?:studienummer|study\s+(?:number|no\.?|id)|subject\s+(?:number|no\.?|id)|patiëntnummer|"
        r"patient\s+(?:number|no\.?)|num[ée]ro\s+(?:de\s+|di\s+)?(?:patient|participant|paciente|"
        r"participante|paziente|soggetto)|número\s+de\s+(?:paciente|participante)|pat\.?[\s\-]?nr\.?|"
        r"numer\s+(?:pacjenta|uczestnika))\s*:?\s*#?\s*\d{2,4}[\-‐]\d{2,4}\b",
        # (learnt from dev-z54/z55/z56) staff outside the study team: "die deelneemt aan een studie
        # met iopofosine", "in a study of iopofosine", "estar en un estudio clínico con CLR 131",
        # "uczestniczką badania", "treatment with your investigational product", a last
        # administration, a Dutch first infusion
        r"\bdeelneemt\s+aan\s+(?:een|de|uw|het)\s+(?:\w+\s+)?(?:studie|onderzoek)\b|"
        r"\bin\s+a\s+(?:clinical\s+)?(?:study|trial)\s+(?:of|with)\s+[\"'“]?\s*(?:iopofosin\w*|clr|your)\b|"
        r"\ben\s+(?:un|el)\s+(?:estudio|ensayo)\s+(?:clínico\s+|clinico\s+)?(?:con|de|del)\s+(?:el\s+)?[\"'“]?\s*"
        r"(?:clr|iopofosin\w*)|\buczestni(?:czką|czka|czki|kiem|ka|ku|cy|k)\s+badania\b|\bpo\s+(?:pierwszym|drugim|"
        r"trzecim|ostatnim)\s+podaniu\b|\bbadan(?:y|ego|ym)\s+produkt\w*\s+lecznicz\w*|\b(?:treatment|treated)\s+with\s+"
        r"your\s+(?:investigational\s+)?(?:product|drug|medicine|compound)\b|\b(?:last|most\s+recent|"
        r"letzte|dernière|última|ultima|ostatnie)\s+(?:administration|verabreichung|applikation|"
        r"aplicación|aplicacion|administración|somministrazione|administração|podanie)\b|"
        r"\b(?:eerste|tweede|derde)\s+(?:infusie|toediening|dosis)\b|\blast\s+exposure\b",
        # (learnt from dev-z57) people around the patient: "doet mee aan uw onderzoek", "na zijn
        # laatste behandeling", "fa lo studio con la medicina radioattiva", "she had received a
        # radioactive injection the day before"
        r"\bdoet\s+mee\s+aan\s+(?:uw|een|het|de|dat)\s+(?:\w+\s+)?(?:onderzoek|studie)\b|\bna\s+(?:zijn|haar|de)\s+"
        r"(?:laatste|eerste|tweede|derde)\s+(?:behandeling|infusie|toediening|kuur)\b|\b(?:fa|faceva|sta\s+facendo)\s+"
        r"(?:lo|uno|il)\s+studio\s+(?:con|del|sul)\b|\b(?:received|got|had)\s+(?:a|the|her|his|their)\s+"
        r"radioactive\s+(?:injection|infusion|treatment|dose|medicine|drug)\b",
        # (learnt from dev-z58) "hij deed in 2024 mee aan de studie", "kreeg de laatste behandeling",
        # "infusioni del 13/01 e del 27/01", "one of y'all's studies"
        r"\bdeed\s+(?:\w+\s+){0,3}mee\s+aan\s+(?:de|een|uw|het)\s+(?:\w+\s+)?(?:studie|onderzoek)\b|"
        r"\bkreeg\s+(?:de|zijn|haar)\s+(?:laatste|eerste|tweede|derde)\s+(?:behandeling|infusie|toediening)\b|"
        r"\b(?:infusion[ei]|infusions?|infusiones|infusões|infuzj[ei]|infusies|infusionen)\s+(?:del|on|am|le|el|em|"
        r"op|w|dia)\s+\d{1,2}[./]\d{1,2}\b|\bone\s+of\s+y['’]?all['’]?s\s+(?:studies|trials)\b|"
        # (learnt from dev-z64) shorthand: "our EA pt (CLR 131 2nd dose 27 Feb)"
        r"\b(?:our|the|this|an?)\s+(?:ea|expanded[\s\-]access)\s+pts?\b|\b(?:1st|2nd|3rd|4th|first|second|third)\s+"
        r"(?:dose|infusion|fraction|cycle)\s+(?:on\s+)?\d{1,2}\b|\b(?:former|ancien(?:ne)?|ex|antigu[oa]|"
        r"ehemalig\w*|oud)[\s\-]+(?:patient\w*|paciente|paziente|patiënt)\s+(?:of|de|di|in|aus|van)\s+(?:your|votre|"
        r"su|vostro|ihrer|uw)\s+(?:trial|study|essai|étude|ensayo|estudio|studio|studie|onderzoek)\b",
        # (learnt from dev-z62) "a week after your radioactive poison", in every language
        r"\b(?:after|since)\s+your\s+(?:\w+\s+)?(?:poison|drug|treatment|medicine|medication|stuff|infusion|"
        r"injection|product)\b|\b(?:después\s+de|desde)\s+su\s+(?:medicamento|tratamiento|veneno)\b|"
        r"\b(?:nach|seit)\s+ihre[mr]\s+(?:medikament|behandlung|gift)\b|\b(?:après|depuis)\s+votre\s+"
        r"(?:médicament|traitement|poison)\b|\b(?:dopo|da)\s+il\s+vostro\s+(?:farmaco|trattamento|veleno)\b|"
        r"\b(?:depois|desde)\s+(?:d?o\s+)?(?:vosso|seu)\s+(?:medicamento|tratamento|veneno)\b|\b(?:na|sinds)\s+uw\s+"
        r"(?:middel|medicijn|behandeling|gif)\b|\bpo\s+waszym\s+(?:leku|leczeniu)\b",
        # (learnt from dev-z54) treated with our drug in so many words ("foi tratado com iopofosina
        # I-131 em 2022"), a former participant ("ex partecipante studio"), after our drug
        r"\b(?:foi|fue|was|has\s+been|a\s+été|è\s+stat[oa]|wurde|werd|został[ao]?)\s+(?:\w+\s+)?(?:tratad[oa]|"
        r"treated|traitée?|trattat[oa]|behandelt|behandeld|leczon[aey])\s+(?:\w+\s+)?(?:com|con|with|avec|mit|"
        r"met|przez)\s+(?:a\s+|la\s+|el\s+|le\s+|l['’]|het\s+)?(?:iopofosin\w*|iopofosyn\w*|clr[\s\-]?131)|"
        r"\b(?:ex|ehemalig\w*|ancien(?:ne)?|antigu[oa]|voormalig\w*|oud|były|była)[\s\-]+(?:partecipante|"
        r"teilnehmer\w*|participant\w*|participante|deelnemer|uczestni\w*|studienpatient\w*|"
        r"paziente\s+dello\s+studio)\b",
        # (learnt from dev-zb4) a family's words: "My husband get the medicine on Friday 13",
        # "he got it on Monday the 16th"
        # (and its review: not a plan, "could he get the medicine on Monday", "she can get the
        # infusion on Monday the 14th", nor another drug's "got the shot last week (his Xgeva)")
        r"\b(?:got|received)\s+(?:the|your)\s+(?:new\s+)?(?:medicine|drug)\s+(?:on\s+(?:\w+day|the\s+\d)|"
        r"last\s+\w+|yesterday)\b|(?<!\bcan\s)(?<!\bcould\s)(?<!\bwill\s)(?<!\bwould\s)(?<!\bto\s)"
        r"(?<!\bmay\s)(?<!\bmight\s)(?<!\bshould\s)(?<!\bhe\s)(?<!\bshe\s)(?<!\bthey\s)(?<!\bi\s)"
        r"(?<!\bwe\s)\bget\s+the\s+(?:new\s+)?medicine\s+on\s+\w+day\s+(?:the\s+)?\d{1,2}\b|"
        r"\b(?:he|she)\s+got\s+it\s+(?:on\s+(?:\w+day|the\s+\d)|last\s+\w+day|yesterday)\b",
        # (learnt from dev-zb1) a safety system's case form: "Suspect product: iopofosine I 131",
        # "Site / subject: 112 / 112-004"
        # (and its review: "Suspect Product Name:", CIOMS "SUSPECT DRUG(S) (include generic
        # name):", "I-131 CLR1404", in the other languages)
        r"\b(?:suspect(?:ed)?\s+(?:product|drug|medication|medicine)(?:s|\(s\))?(?:\s+name)?|"
        r"verdächtige[sn]?\s+arzneimittel|médicament\s+suspect|medicamento\s+(?:sospechoso|suspeito)|"
        r"farmaco\s+sospetto|verdacht\s+geneesmiddel)\s*(?:\([^()\n]{0,40}\)\s*)?[:=]?\s*"
        r"(?:iopofosin\w*|clr[\s\-‐]?(?:131|1404)|i[\s\-‐]?131[\s\-‐]?clr[\s\-‐]?1404)|\bsubject\s*(?:no\.?|"
        r"number|#|id)?\s*[:=]\s*\d{2,4}\s*/\s*\d{3}[\-‐]\d{3}\b",
    ),
    # Ordinary words for an untoward medical occurrence (sensitive by design).
    "ae_plain_event": (
        # (learnt from dev-z42) platelets that went down or needed bags, worn out, a shingles with
        # an accent, weak and thinner, sleeping all day and no appetite, a condition that worsened,
        # a stay in hospital, in the supported languages
        r"\b(?:(?:platelets?|counts?|blood\s+counts?)\s+(?:went|have\s+gone|had\s+gone|dropped|fell)\s+"
        r"(?:way\s+|really\s+|very\s+)?(?:down|low)|bags?\s+of\s+(?:platelets|blood)|platelet\s+"
        r"transfusions?|worn\s+out|(?:piastrine|plaquettes|plaquetas|thrombozyten|bloedplaatjes|płytki)\s+"
        r"(?:\w+\s+){0,6}?(?:basse|bas|bajas|baixas|niedrig|laag|sotto|sous|por\s+debajo|abaixo|poniżej|"
        r"non\s+sono\s+(?:mai\s+)?tornate)|(?<!contra\so\s)(?<!contra\sel\s)(?<!contre\sle\s)(?<!gegen\s)"
        r"(?<!contro\sl['’])(?<!against\s)(?<!herpes\s)(?<!herpes-)(?:herpes[\s\-])?zóster|(?:ficou|está|anda)\s+(?:muito\s+|"
        r"tão\s+)?frac[oa]|perdeu\s+(?:muito\s+)?peso|"
        r"(?:no\s+tiene|sin)\s+(?:ganas\s+de\s+comer|apetito)|(?:pas|plus)\s+d['’]appétit|(?:senza|non\s+ha\s+"
        r"(?:più\s+)?)appetito|(?:sem|não\s+tem)\s+apetite|keinen\s+appetit|geen\s+eetlust|brak\s+apetytu|"
        r"(?:zustand|befinden)\s+(?:hat\s+sich\s+)?(?:\w+\s+){0,6}verschlechtert|(?:s['’]est|est)\s+(?:\w+\s+)?"
        r"(?:dégradée?|aggravée?)|(?:ha|han)\s+empeorado|empeoró|(?:è|sono)\s+peggiorat[oaie]|piorou|"
        r"(?:is|was)\s+(?:\w+\s+)?(?:verslechterd|achteruitgegaan)|(?:in\s+het\s+)?ziekenhuis\s+(?:\w+\s+){0,2}"
        r"(?:gelegen|opgenomen)|(?:condition|health)\s+(?:has\s+)?(?:worsened|deteriorated|declined))\b",
        # (learnt from dev-z39) developed new pain, a kidney function that declines, always exhausted
        # (it), a fall
        r"\b(?:developed|develops|has|had)\s+(?:a\s+)?(?:new|severe|worsening|increasing)\s+(?:[\w\-]+\s+){0,2}"
        r"pain\b|"
        r"\b(?:renal|kidney)\s+(?:function\s+)?(?:decline|deteriorat\w+|failure|injury|impairment)\b|"
        r"\bdecline\s+in\s+(?:his\s+|her\s+)?(?:renal|kidney)\s+function\b|\bstanchissim[oa]\b|"
        r"\bsempre\s+stanc[oa]\b|\bsofreu\s+uma\s+queda\b|\bsufri[óo]\s+una\s+caída\b",
        # bleeding gums, red dots, a fever in Fahrenheit, taste gone, glands swelling up
        r"\b(?:œdèmes?|oedèmes?|oed[eè]ma|edemas?|ödeme?|edemi|edema\s+(?:nas|nos|en\s+las)|inchaço|"
        r"hinchaz[óo]n|gonfiore|swollen\s+(?:ankles|legs|feet)|très\s+fatigu\w+|(?:est|suis|si|tellement)\s+"
        r"(?:fatiguée?|épuisée?)|(?:está|estoy|muy|tan)\s+agotad[oa]|(?:è|sono|molto|così)\s+(?:esaust[oa]|"
        r"stanc[oa])|(?:está|estou|muito|tão)\s+exaust[oa]|(?:ist|bin|sehr|so)\s+erschöpft)\b",
        r"\b(?:oozing|bleeding\s+gums|(?:little\s+)?red\s+(?:dots|spots)|petechiae|"
        r"(?:temp|temperature|fever)\s+(?:was\s+|is\s+|of\s+)?(?:up\s+to\s+)?10[0-4](?:\.\d)?|"
        r"(?:more\s+tired|tired\s+(?:a\s+lot\s+)?more)|can'?t\s+taste|(?:lost|losing)\s+(?:my|his|her)\s+"
        r"(?:sense\s+of\s+)?taste|tastes?\s+(?:like\s+)?(?:metal|metallic|pennies)|metallic\s+taste|"
        r"swell(?:s|ed)?\s+up|saliva(?:ry)?\s+glands?|washed\s+out)\b",
        # a decline after the doses: downhill, home on hospice
        r"\b(?:went|going|gone)\s+downhill|(?:came|come|went|gone|is|now)\s+(?:home\s+)?(?:on|into|to)\s+"
        r"hospice|declined\s+(?:very\s+)?(?:fast|quickly|rapidly)\b",
        # heart, clots, strokes, falls and fractures, headaches, cough, jaundice, vision, in
        # the supported languages
        r"\b(?:chest\s+pain|heart\s+attack|palpitations|irregular\s+heart\w*|atrial\s+fibrillation|"
        r"a[\s\-]?fib|arrhythmi\w*|stroke|blood\s+clots?|dvt|pulmonary\s+embol\w*|fractur\w*|broke\s+"
        r"(?:his|her|my)\s+\w+|(?:a|bad|another)\s+fall|fell\s+(?:down|at\s+home|in\s+the|and)|"
        r"headaches?|migraines?|blurr(?:ed|y)\s+vision|vision\s+(?:problems?|changes?)|hearing\s+loss|"
        r"ringing\s+in\s+(?:his|her|my)\s+ears|tinnitus|cough\w*|jaundice|yellow\s+(?:skin|eyes)|"
        r"high\s+blood\s+pressure|(?:lost|no|loss\s+of)\s+(?:his\s+|her\s+|my\s+)?appetite|"
        r"insomnia|passed\s+out|blacked\s+out|herzinfarkt|schlaganfall|thrombose|lungenembolie|"
        r"knochenbruch|gestürzt|sturz|kopfschmerz\w*|husten|gelbsucht|infarto|ictus|trombosis|"
        r"embolia|fractura|se\s+cayó|dolor\s+de\s+cabeza|tos\b|ictericia|infarctus|avc|thrombose|"
        r"embolie|est\s+tombée?|maux?\s+de\s+tête|toux|jaunisse|trombosi|frattura|è\s+caduto|"
        r"è\s+caduta|mal\s+di\s+testa|tosse|ittero|enfarte|trombose|fratura|caiu|dor\s+de\s+cabeça|"
        r"icterícia|hartinfarct|beroerte|gevallen|hoofdpijn|hoest|geelzucht|zawał|udar|zakrzepic\w*|"
        r"złamani\w*|upad(?:ł|ła|ek)|ból\s+głowy|kaszel|żółtaczk\w*)\b",
        # plain events in the other languages: stomach, mouth, swelling, weight, infection, marrow
        r"\b(?:diarrea|diarreia|diarrhée|durchfall|biegunk\w*|diarree|llagas|aftas|feridas\s+na\s+boca|"
        r"úlceras?\s+(?:en\s+la|na)\s+boca|mucosit\w*|n[áa]use\w*|nausées|übelkeit|nudności|misselijk\w*|"
        r"v[óo]mit\w*|erbrechen|wymiot\w*|braakt?\w*|enjo(?:o|ad[oa]s?)|enjôo)\b",
        r"\b(?:boca\s+(?:\w+\s+)?seca|xerostom\w*|parot\w*|speicheldrüs\w*|incha\w*|inchou|inchaç\w*|hinch\w+|gonfi\w+|"
        r"gonfl\w+|schwellung\w*|geschwollen|obrzęk\w*|spuchn\w*|zwelling\w*|opgezwollen)\b",
        r"\b(?:abgenommen|gewichtsverlust|perdido\s+peso|pérdida\s+de\s+peso|perda\s+de\s+peso|perdu\s+(?:du\s+|\d+\s*kg\s+de\s+)?poids|"
        r"perso\s+(?:\w+\s+){0,2}peso|schud\w+|afgevallen|lost\s+(?:\d+\s*(?:kg|lbs?|pounds)|(?:a\s+lot\s+of\s+|so\s+much\s+|some\s+)?weight)|"
        r"(?:kidney|renal)\s+function\s+(?:has\s+)?(?:got|gotten|is\s+getting|became)\s+worse|(?:kidney|renal)\s+"
        r"function\s+(?:has\s+)?(?:declined|worsened|deteriorated|dropped))\b",
        # plain words of families: "we lost him last Thursday", out of breath, off his food,
        # lost 4 kilos, a funny turn, mouth ulcers, "hasn't been himself", sleeping all the time
        r"\b(?:(?:we|they|i)\s+lost\s+(?:him|her|my\s+\w+|our\s+\w+)\s+(?:last|on|this|yesterday|a\s+week|two\s+"
        r"weeks|in\s+(?:the\s+)?(?:night|early)|peacefully)|out\s+of\s+breath|short(?:ness)?\s+of\s+breath|"
        r"breathless\w*|off\s+(?:his|her|their)\s+food|lost\s+\d+\s*(?:kilos?|kgs?|stone)|(?:a|another)\s+funny\s+"
        r"turn|mouth\s+(?:ulcers|sores)|(?:hasn'?t|has\s+not|haven'?t)\s+been\s+(?:himself|herself|themselves)|"
        r"sleeping\s+all\s+the\s+time)\b",
        r"\b(?:infecci[óo]n|infecção|infezion\w*|infekt\w*|infekcj\w*|infectie\w*|neumonía|pneumonie|"
        r"polmonite|pneumonia|zapaleni\w+\s+płuc|longontsteking|pneumopathie|pneumonite|pneumonitis|"
        r"lungenentzündung|sangre\s+(?:de|por)\s+la\s+nariz|sangrado\s+nasal|manchas\s+(?:moradas|rojas)|"
        r"mareado|mareos|septic\s+shock|shock\s+séptico|choc\s+septique|przetoczeni\w*|transfuzj\w*|(?:bardzo\s+)?niskie\s+płytki|płytki\s+(?:krwi\s+)?"
        r"(?:spadły|bardzo\s+niskie|niskie)|hypothyreose|hipotiroidismo|hypothyroïdie|ipotiroidismo|hypothyreoïdie|"
        r"(?:weißen?\s+blutkörperchen|leukozyten|blutplättchen|thrombozyten)\s+(?:\w+\s+){0,3}?"
        r"(?:sehr\s+|zu\s+|stark\s+)?(?:niedrig|gesunken|abgefallen|gefallen)|creatinina\s+(?:aumentad[ao]|"
        r"elevad[ao]|subiu|de\s+\d)|lesão\s+renal|insuficiência\s+renal)\b",
        r"\b(?:myelodysplas\w*|mds|pre-?leuk\w*|secondary\s+(?:cancer|malignanc\w*|leuk\w*)|"
        r"counts?\s+(?:went|have\s+gone|had\s+gone|came)\s+down|bone\s+marrow\s+(?:failure|problems?))\b",
        r"\b(?:shingles|herpes\s+zoster|zoster|półpas\w*|gordelroos|gürtelrose|culebrilla|bruises?|hematomas?|nódoas\s+negras|moratones|bleus|lividi|siniak\w*|blauwe\s+plekken)\b",
        r"\b(?:schilddrüs\w*|müde|müdigkeit|cansad\w*|cansancio|stanchezz\w*|vermoeid\w*|zmęcz\w*|saignement\w*|sangrado\w*|sangramento\w*|sanguinament\w*|emorragi\w*|bloeding\w*|bloedneus\w*|krwawi\w*|nasenbluten|hémorragi\w*|fièvre|fiebre|koorts\w*|gorączk\w*)",
        r"\b(?:droge\s+mond|boca\s+seca|bouche\s+sèche|secchezza\s+(?:delle\s+)?(?:fauci|bocca)|mundtrockenheit|trockene[nr]?\s+mund|suchość\s+w\s+ustach|smaakverlies|perte\s+du\s+goût|pérdida\s+del\s+gusto|transfus\w+\s+(?:de|di|van)|transfusões|transfusiones|transfusions)\b",
        r"\b(?:platelets?|hemoglobin|haemoglobin|neutrophils?)\s+(?:count\s+)?(?:\w+\s+)?(?:down\s+to|"
        r"dropped\s+to|fell\s+to|as\s+low\s+as)\s+\d|\bcreatinine\s+(?:has\s+)?(?:gone\s+up|went\s+up|"
        r"risen|rose|increased|climbed|doubled|(?:gone|went)\s+from\s+[\d.,]+\s+(?:\w+\s+){0,3}to\s+\d)\b|"
        r"\bplatelets?\s+(?:\w+\s+){0,3}?(?:are|were|is|was)\s+(?:only\s+|now\s+)?\d{1,2}(?:[kK]|,000)?\b|"
        # (learnt from dev-z90) counts that stayed low after a study: "his platelets have sat at
        # 60-75k ever since … never got back to his pre-study baseline"
        r"\b(?:platelets?|platelet\s+counts?)\s+(?:have\s+|has\s+)?(?:sat|stayed|remained|hovered|been|"
        r"been\s+sitting|been\s+stuck|are\s+still|is\s+still)\s+(?:at\s+|around\s+|near\s+|in\s+the\s+)?\d{1,2}"
        r"(?:\s*[\-–]\s*\d{1,2})?\s*(?:k|,000|s)\b|\bnever\s+(?:got|came|went|gone|returned|recovered|bounced)\s+"
        r"(?:back\s+)?(?:up\s+)?to\s+(?:(?:his|her|their|the)\s+)?(?:pre[\s\-]?(?:study|trial|treatment)\s+)?"
        r"(?:baseline|normal)\b|\b(?:counts?|platelets?|marrow|blood\s+counts?)\s+(?:have\s+|has\s+)?(?:never|"
        r"not|n['’]t)\s+(?:fully\s+|really\s+)?(?:recovered|bounced\s+back|come\s+back)\b|"
        r"\b(?:platelets?|platelet\s+count|counts?)\s+(?:has|have)\s+(?:stayed|remained)\s+low\b|"
        r"\b(?:tingling|numbness|wiped\s+out|neuropath\w*)\b|\bplatelet\s+nadir\b|\bgrade\s+[1-5]\s+(?:fatigue|nausea|vomiting|\w*penia|an(?:a)?emia|"
        r"rash|mucositis|diarrh\w*|toxicit\w*|adverse|events?|infection|pneumonitis|bleeding|"
        r"neuropathy|dry\s+mouth|xerostomia|sialadenitis|hypothyroidism)\b",
        r"\b(?:temp(?:erature)?\s+(?:of\s+)?3[89][.,]\d|(?:anc|plt|wbc|hgb)\s+(?:of\s+)?\d+[.,]?\d*|"
        r"platelets?(?:\s+count)?\s*(?:(?:of|was|is|now|at)\s+|[:=]\s*)?(?:\d{1,2}(?:[.,]\d)?\b(?![.,]\d)|"
        r"\d{1,2}\s*k\b|\d{1,2},000\b)|white\s+(?:blood\s+)?(?:cell\s+)?count\s*(?:(?:of|was|is|now|at)\s+|"
        r"[:=]\s*)?[0-3](?:[.,]\d)?\b(?![.,]\d)|came\s+in\s+through\s+(?:our|the)\s+(?:ed|er)|(?:in|to)\s+(?:the\s+|our\s+)?ed\b|readmitted)",
        r"\b(?:fevers?|febrile|chills|rigors|temperature\s+of|shaking)\b",
        r"\b(?:admitted|admission|hospitali[sz]\w*|in\s+(?:the\s+)?hospital|emergency\s+room|"
        r"(?:the|to)\s+er|a&e|urgent\s+care)\b",
        r"\b(?:rash\w*|itch\w*|hives|manchas\s+vermelhas|uitslag|jeuk|bijwerking\w*|ausschlag|juckreiz|"
        r"wunde[nr]?\s+mund|pijnlijke?\s+mond|éruption\w*|démangeaison\w*|erupci[óo]n|picor|eruzion\w*|"
        r"prurito|erupç[ãa]o|coceira|comich[ãa]o|wysypk\w*|swędz\w*)\b|"
        r"\bmund\s+(?:\w+\s+){0,2}wund|\bmond\s+(?:\w+\s+){0,3}pijnlijk|"
        r"\bglobules\s+blancs\s+(?:\S+\s+){0,3}bas|\bplaquettes\s+(?:\S+\s+){0,2}basses|"
        r"\b(?:low|dropping|dropped|falling|fell)\s+(?:blood\s+)?(?:counts?|white|platelets?|"
        r"neutrophils?|hemoglobin|haemoglobin|wbc|anc)\b|\b(?:counts?|platelets?|wbc|anc|"
        r"neutrophils?)\s+(?:are|were|is|was|has|have)?\s*(?:very\s+)?(?:low|dropped|down|tanked)\b|"
        r"\b(?:platelet|blood|red\s+cell|rbc|prbc)\s+transfusions?\b|"
        r"\bneeded\s+(?:a\s+|one\s+|two\s+|several\s+)?(?:\w+\s+)?transfusions?\b|"
        # "made her very sick", "in bed with a temperature", "they had to give her blood"
        r"\bmade\s+(?:her|him|me|them)\s+(?:very\s+|so\s+|really\s+|quite\s+)?(?:sick|ill|unwell)\b|"
        r"\bwith\s+a\s+(?:high\s+|raised\s+)?temperature\b(?!\s+(?:excursion|log|logger|alarm|probe|"
        r"monitor\w*|range|deviation|record\w*|of\s+\d|controlled|below|above))|\b(?:had|needed)\s+to\s+give\s+(?:her|him|them)\s+"
        r"(?:some\s+)?(?:blood|platelets)\b|\b(?:had|needed)\s+to\s+transfuse\s+(?:her|him|them)\b",
        r"\b(?:t?h?rombo(?:cyto|zyto|cito)?p[ée]ni\w*|neutrop[ée]ni\w*|leu[ck]op[ée]ni\w*|"
        r"pancytop[ée]ni\w*|pan(?:zyto|cito)p[ée]ni\w*|zytop[ée]ni\w*|plaquetopeni\w*|piastrinopeni\w*|"
        r"an[ée]mie|anämie|bloedarmoede|niedokrwistoś\w*|hipotiroid\w*|"
        r"ipotiroid\w*|hypothyr[eé]o\w*|hypothyroïd\w*|niedoczynnoś\w*\s+tarczycy|"
        r"bloedtransfusie\w*|bluttransfusion\w*|transfusion\s+(?:de\s+)?(?:sang|plaquettes|"
        r"globules))\b",
        r"\b(?:neutropeni\w*|thrombocytopeni\w*|pancytopeni\w*|cytopeni\w*|"
        r"an(?:a)?emi\w*|myelosuppress\w*|marrow\s+suppress\w*)\b",
        r"\b(?:swelling|swollen|parotid\w*|salivary|sialadenitis|dry\s+mouth|xerostomia|"
        r"taste\s+(?:changes?|loss))\b",
        r"\b(?:thyroid|tsh|hypothyroid\w*|hyperthyroid\w*)\b",
        r"\b(?:hair\s+(?:loss|is\s+falling|falling\s+out)|losing\s+(?:his|her|my)\s+hair|"
        r"alopecia)\b",
        # (learnt from dev-z69) "my hair started coming out in clumps"
        r"\bhair\s+(?:\w+\s+){0,2}?(?:coming|came|falling|fell)\s+out\b|\bhair\s+in\s+clumps\b|"
        r"\bclumps\s+of\s+(?:my\s+|his\s+|her\s+)?hair\b",
        r"\b(?:so\s+tired|(?:very|always|constantly|extremely|really)\s+tired|tired\s+all\s+the\s+time|"
        r"exhausted(?!\s+(?:all|every|each|the|his|her|their|our|my|standard|available|other|"
        r"approved|treatment|therap\w*|options?|lines?))|fatigue|weakness|very\s+weak)\b",
        r"\b(?:hair\s+(?:thinned|thinning|came\s+out|fell\s+out|started\s+falling)|mouth\s+(?:was|is|felt|"
        r"feels|has\s+been)\s+(?:\w+\s+){0,3}dry)\b",
        r"\b(?:bleed\w*|nosebleeds?|nose\s+bleeds?|epistaxis|bruis\w*|blood\s+in)\b",
        r"\b(?:rash|itch\w*|hives|nausea|nauseous|vomit\w*|throwing\s+up|diarrh\w*|mucositis|"
        r"mouth\s+sores|infection|pneumonia|sepsis|shortness\s+of\s+breath|short\s+of\s+breath|"
        r"dizz\w*|faint\w*|seizure|confus\w*|kidney\s+(?:failure|injury|problems?)|"
        r"liver\s+(?:enzymes|values)\s+(?:went\s+up|rose|are\s+up))\b",
        r"\b(?:" + DEATH_WORDS + r"|fatal)\b",
        # a second cancer after the doses, as families and physicians name it
        r"\b(?:acute\s+(?:myeloid\s+)?leuk(?:a)?emia|leucémie\s+aiguë|akute[nr]?\s+(?:myeloische[nr]?\s+)?"
        r"leukämie|leucemia\s+(?:mieloide\s+)?(?:aguda|acuta)|ostr\w+\s+białaczk\w*|acute\s+leukemie)\b",
        r"\b(?:side[\s\-]effects?|adverse|reaction|toxicit\w*|grade\s+[2345])\b(?!\s+(?:glioma|astrocytoma|tumou?r|lymphoma|ependymoma|glioblastoma|brain))",
        r"\b(?:fieber|fiebre|fièvre|febbre|febre|gorączk\w*|koorts)\b",
        r"\b(?:nebenwirkung\w*|efectos?\s+(?:adversos?|secundarios?)|effets?\s+(?:indésirables?|"
        r"secondaires?)|effetti\s+collaterali|efeitos?\s+(?:colaterais|adversos)|evento\s+avverso|"
        r"ricover\w*|hospitalisiert|hospitalizad\w*|hospitalisée?|internad\w*|ingresad\w*|"
        r"plaquetas|plaquettes|piastrine|blutplättchen|tiroides|thyroïde|tiroide|schilddrüse)\b",
        # hair, tiredness, blood counts and the thyroid in the other languages
        r"\b(?:haarausfall|haare\s+(?:fallen|gehen)\s+aus|cabelo\s+(?:\w+\s+){0,3}cair|queda\s+d[oe]\s+"
        r"cabelo|(?:se\s+le\s+)?cae\s+el\s+pelo|ca[íi]da\s+del\s+(?:pelo|cabello)|(?:perte|chute)\s+des?\s+"
        r"cheveux|(?:perdita|caduta)\s+dei\s+capelli|wypada\w*\s+włos\w*|łysie\w*|haaruitval|"
        r"haar\s+(?:valt|viel)\s+uit|(?:ben|is|was|erg)\s+(?:de\s+hele\s+tijd\s+|heel\s+|zo\s+)?moe|"
        r"schildklier\w*|tarczyc\w*|tireoide|płytk\w*|przetacza\w*|transfuzj\w*|"
        r"(?:spadły|spadła|niskie)\s+(?:\w+\s+){0,2}(?:wyniki|płytki|leukocyty|krwinki)|bloedplaatjes|"
        r"(?:lage|slechte)\s+(?:bloed)?waarden|plaquetas\s+(?:baixas|bajas)|globules?\s+blancs?\s+bas)\b",
        # a machine breathing for them, a drip keeping the pressure up, in through the ED
        r"\b(?:(?:machine|ventilator|respirator)\s+(?:is\s+)?(?:now\s+)?breathing\s+for|to\s+keep\s+(?:his|her|"
        r"their|the)\s+(?:blood\s+)?pressure\s+up|(?:came|brought)\s+(?:him\s+|her\s+|them\s+)?in\s+(?:through|via|to)\s+"
        r"(?:our|the)\s+(?:ed|er|a&e|emergency))\b(?!\s+(?:entrance|door|doors|parking|lobby|reception))",
        # (learnt from dev-z51/z53) an infection named in a compound ("luchtweginfectie",
        # "Atemwegsinfekt"; not a disinfection), red itching patches, a fall in renal
        # function, transfusions in Italian, a course of antibiotics dispensed again
        r"\b(?:lucht|long|blaas|urineweg|atemwegs?|harnwegs?|lungen|borst)\w*(?:infectie|infekt)\w*|"
        r"\bplaques\s+rouges|\b(?:qui\s+)?grattai(?:en)?t\b|\b(?:decline|fall|drop|deterioration|"
        r"worsening)\s+in\s+(?:his\s+|her\s+|their\s+)?(?:renal|kidney)\s+function\b|\btrasfus\w*|"
        r"\b(?:kuur|course\s+of)\s+(?:antibiotica|antibiotics|amoxicill\w*)\b",
        # (learnt from dev-z55/z56) an embolism or thrombosis, short of breath, black stools and
        # dizziness (nl), septic shock and intubated (pl), petechiae and bleeding gums (es), found
        # on the floor
        r"\b\w*embol(?:ie|ia|ism|ism\w*|y)\b|\b\w*trombo(?:se|si)\b|\bkortademig\w*|\bzwarte,?\s+(?:\w+,?\s+){0,2}"
        r"ontlasting|\bduizelig\w*|\bwstrząs\w*\s+septyczn\w*|\bzaintubowan\w*|\bpetequias\b|"
        r"\bgingivorragia\b|\bfound\s+(?:\w+\s+){0,2}on\s+the\s+(?:\w+\s+)?floor\b|"
        # (learnt from dev-z54) infertility found years after a child's dose
        r"\bazoosperm\w*|\bipogonadism\w*|\bhypogonadism\w*|\bhipogonadism\w*|\bcataracts?\b|"
        r"\bplts?\s*(?:of\s+)?\d+\s*k\b|\btransfused\s*x\s*\d\b|\bniedoczynno(?:ść|sc)\b|"
        r"\bcatarat\w*|\bkatarakt\w*|\bgrauer\s+star\b|\bstaar\b|\bzaćm\w*|"
        # (learnt from dev-z57) vomiting and confusion as a neighbour or a carer says it
        r"\b(?:overgegeven|overgeven|braakt\w*|gebraakt)\b|\bnon\s+capisce\s+(?:più|bene)\b|\bverwirrt\b",
        # (learnt from dev-zb1) a laboratory's alert: "Result: 14 K/uL [CRITICAL LOW]", "critical
        # value notification"
        r"\bcritical(?:ly)?\s+(?:low|high)\b|\bcritical\s+(?:lab\s+)?(?:values?|results?)\s+(?:notification|"
        r"alert|called)\b|\(ll\)\s+critical|\bpanic\s+(?:value|result)s?\b|\bkritisch\s+(?:niedrig|hoch)\b|"
        r"\bvaleur\s+critique\b|\bvalor\s+crítico\b|\bvalore\s+critico\b|\bkritieke\s+waarde\b",
    ),
    # A re-send from another address (with a shared family name, enough to join the case).
    "resend_phrases": (
        r"\bre-?sen(?:d|ding|t)\b|\bsending\s+(?:this|it|my\s+request)\s+again\b|"
        r"\b(?:second|2nd)\s+(?:request|attempt|try)\b|\b(?:bounced|did\s*n[o']t\s+go\s+through|"
        r"undeliverable|was\s+returned)\b|\b(?:my|a|her|his)\s+(?:\w+'s\s+)?(?:personal|private|gmail|"
        r"home|new|other|different|daughter's|son's)\s+(?:e-?mail|address|account)\b|\bwriting\s+from\b|"
        r"\b(?:wrote|written|emailed|sent\s+it)\s+(?:\w+\s+){0,3}?(?:from|on)\s+(?:my|his|her)\s+(?:personal|private|own)\s+"
        r"(?:phone|mobile|cell|iphone)\b|"
        r"\b(?:reenv\w*|erneut|nochmals|renvo\w*|ponownie|opnieuw|nogmaals|reinvi\w*|novamente)\b|"
        r"\b(?:neue[nr]?|andere[nr]?|private[nr]?)\s+(?:e-?mail-?)?adresse\b|\b(?:nueva|otra)\s+"
        r"(?:direcci[óo]n|cuenta)\b|\b(?:nouvelle|autre)\s+adresse\b|\b(?:nuovo|altro)\s+indirizzo\b|"
        r"\bnowy\s+adres\b|\bnieuw\s+adres\b|\bnovo\s+endere[çc]o\b",
        # (learnt from dev-z70) "I send again from my personal mail"
        r"\bsen(?:d|ding|t)\s+(?:it\s+|this\s+|you\s+)?again\b|\bagain\s+sen(?:d|ding)\b|"
        r"\b(?:my|a|her|his)\s+(?:personal|private|gmail|home|own|other)\s+(?:e-?)?mail\b",
    ),
    # "Following up on my request ..." from a sender with an open case.
    # A letter about the patient reached us before, from the writer or someone else: "my
    # sister emailed you", "seine Ärztin hat Ihnen geschrieben", "I wrote to you last week".
    "earlier_letter": (
        # someone else already wrote: "my sister emailed you", "seine Ärztin hat Ihnen geschrieben"
        # (learnt from dev-z88: "my big sister Diane wrote to you", "my oncologist, Dr. Eberhardt
        # in Fargo, sent in the paperwork")
        r"\b(?:she|he|they|(?:my|his|her|their|our|the)\s+(?:\w+\s+){0,2}\w+)\s+(?:has\s+|had\s+|have\s+)?"
        r"(?:already\s+)?(?:wrote|written|emailed|e-mailed|contacted|messaged|sent)\s+(?:to\s+)?(?:you|your)\b|"
        # (learnt from dev-zb4) "His neighbor Brenda has been writing to you about him"
        r"\b(?:has|have)\s+been\s+(?:writing|emailing|e-mailing|in\s+touch)\s+(?:to\s+|with\s+)?you\b|"
        r"\b(?:oncologist|doctor|physician|ha?ematologist|dr\.?\s+[^\W\d_]+)\b[^.!?\n]{0,40}?\b(?:sent|submitted|"
        r"filed)\s+(?:in\s+|over\s+)?(?:the\s+|a\s+|his\s+|her\s+)?(?:paperwork|forms?|request|application)\b|"
        r"\b(?:Ihnen|euch)\s+(?:\w+\s+){0,10}?geschrieben\b|\bhat\s+sich\s+(?:schon\s+|bereits\s+)?bei\s+"
        r"Ihnen\s+gemeldet|\bvous\s+(?:a|ont)\s+(?:déjà\s+)?(?:écrit|contacté)|\b(?:les|le|os)\s+(?:ha\s+|"
        r"han\s+)?(?:escribi[óo]|escrito|escribieron|contact[óo]|contactado)\b|\bvi\s+(?:ha|hanno)\s+(?:già\s+)?"
        r"(?:scritto|contattato)|\b(?:vos|lhes)\s+(?:\w+\s+)?(?:escreveu|escreveram|contactou|contatou)|"
        # (learnt from dev-z81) "I'm the patient Dr. Farrow wrote to you about"
        r"\b(?:dr|doctor|prof)\.?\s+[^\W\d_]+\s+(?:has\s+|had\s+)?(?:already\s+)?(?:wrote|written|"
        r"emailed|e-mailed|contacted)\s+(?:to\s+)?you\b|"
        r"\bescreve(?:u|ram)\s+(?:para|a)\s+vocês|\bheeft\s+u\s+(?:al\s+)?(?:gemaild|geschreven|"
        r"gecontacteerd)|\bu\s+(?:al\s+)?(?:gemaild|geschreven)\s+heeft|\bpisa(?:ł|ła|li)\s+(?:już\s+)?do\s+"
        r"Pa[ńn]stwa|\bkontaktowa(?:ł|ła|li)\s+si[ęe]\s+z\s+Pa[ńn]stwem",
        r"\b(?:i|we)\s+(?:already\s+|also\s+)?(?:wrote|emailed|e-mailed|contacted|messaged|sent)\s+(?:to\s+)?"
        r"(?:you|your)\b",
        # (learnt from dev-z69) "Frau K. hat sich Anfang November an Sie gewandt", "(Ihre
        # Korrespondenz mit Frau K.)"; the same turn of phrase in the other languages
        r"\b(?:hat|haben)\s+sich\s+(?:\w+\s+){0,4}?an\s+(?:Sie|euch)\s+gewandt\b|\b(?:ihre|eure|your)\s+"
        r"(?:korrespondenz|correspondence|e-?mails?|exchange)\s+(?:mit|with)\b|"
        r"\b(?:got|been|was|were)\s+in\s+(?:touch|contact)\s+with\s+you\b|\breached\s+out\s+to\s+you\b|"
        r"\bs['’]est\s+adress[ée]e?s?\s+à\s+vous\b|\bvous\s+a\s+(?:déjà\s+)?contact[ée]\b|"
        r"\bse\s+(?:puso|pusieron|ha\s+puesto)\s+en\s+contacto\s+con\s+ustedes\b|\bse\s+dirigi(?:ó|eron)\s+a\s+ustedes\b|"
        r"\bsi\s+(?:è|sono)\s+rivolt[aoie]\s+a\s+voi\b|\bentr(?:ou|aram)\s+em\s+conta(?:c)?to\s+(?:convosco|com\s+vocês)\b|"
        r"\bheeft\s+(?:al\s+)?contact\s+met\s+u\s+opgenomen\b|\bzwróci(?:ł|ła|li)\s+się\s+do\s+Pa[ńn]stwa\b",
        # (learnt from dev-z72) "mi hermano ya les envió un correo" and the same in the others
        r"\b(?:ya\s+)?les\s+(?:envió|mandó|escribió)\s+(?:un\s+)?(?:correo|e-?mail|mensaje)\b|"
        r"\b(?:já\s+)?(?:vos|lhes)\s+(?:enviou|mandou)\s+(?:um\s+)?(?:e-?mail|mensagem)\b|"
        r"\bvi\s+ha\s+(?:già\s+)?(?:mandato|inviato)\s+(?:una\s+)?(?:e-?mail|mail|messaggio)\b|"
        r"\bvous\s+a\s+(?:déjà\s+)?envoyé\s+(?:un\s+)?(?:e-?mail|mail|courriel|message)\b|"
        r"\bhat\s+Ihnen\s+(?:bereits\s+|schon\s+)?(?:eine\s+)?(?:E-?Mail|Mail|Nachricht)\s+geschickt\b|"
        r"\bheeft\s+u\s+(?:al\s+)?(?:een\s+)?(?:mail|e-?mail|bericht)\s+gestuurd\b|"
        r"\bwysła(?:ł|ła|li)\s+(?:już\s+)?(?:do\s+Pa[ńn]stwa\s+)?(?:maila|wiadomość|e-?mail)\b",
        # (learnt from dev-z99, dev-za2) the request the doctor made with us: "Dr. Hallbauer ...
        # bei Ihnen eine Anfrage für das Medikament gestellt hat", "een aanvraag bij u
        # ingediend", "dr ramanathan ... sent you a request"
        r"\bbei\s+Ihnen\s+(?:\w+\s+){0,3}?(?:eine\s+|die\s+)?Anfrage\b[^.!?\n]{0,60}?\b(?:gestellt|"
        r"eingereicht|geschickt|gesendet)\b|\bAnfrage\s+(?:\w+\s+){0,4}?bei\s+Ihnen\s+(?:\w+\s+){0,2}?"
        r"(?:gestellt|eingereicht)\b|"
        r"\b(?:een\s+)?aanvraag\s+(?:\w+\s+){0,4}?bij\s+u\s+(?:\w+\s+){0,2}?(?:ingediend|gestuurd|"
        r"verstuurd)\b|\bbij\s+u\s+(?:een\s+)?aanvraag\s+(?:\w+\s+){0,3}?(?:ingediend|gestuurd)\b|"
        r"\b(?:sent|submitted|emailed)\s+(?:you|to\s+you)\s+(?:a|the|his|her|their)\s+(?:\w+\s+)?"
        r"(?:request|application|paperwork|forms?)\b|"  # ("sent you the official request", dev-zb6)
        r"\b(?:les|vous|vi|lhes|vos)\s+(?:ha\s+|a\s+|han\s+)?(?:envió|mandó|hizo|envoyé|adressé|fait|"
        r"inviato|fatto|inoltrato|enviou|fez|mandou)\s+(?:una|une|um|uma)\s+(?:solicitud|demande|"
        r"richiesta|pedido|solicitação)\b",
    ),
    "followup_phrases": (
        r"\b(?:reenv\w*|vuelvo\s+a\s+enviar|erneut|nochmals|noch\s+einmal|renvo\w*|ponownie|opnieuw|"
        r"nogmaals|reinvi\w*|novamente|de\s+nuevo|otra\s+vez|à\s+nouveau|di\s+nuovo)\b",
        r"\b(?:follow(?:ing)?[\s\-]?up|my\s+(?:earlier|previous|prior)\s+(?:request|email|message)|"
        r"(?:request|email|message)\s+(?:i|we)\s+sent|as\s+(?:previously\s+)?(?:requested|discussed)|"
        r"update\s+on\s+(?:my|our|the)\s+request|additional\s+(?:information|documents)|"
        r"(?:still\s+)?(?:waiting|awaiting)\s+(?:for\s+)?(?:a\s+)?(?:response|reply|answer)|"
        r"(?:case|reference)\s+(?:number|no\.?|#)|"
        r"nachfrage|seguimiento|suivi\s+de|sollecito)\b",
        # "Complemento ao meu pedido de 27/01", "enviei um pedido", "escrevo do meu e-mail do
        # trabalho" (pt/es/fr/it/de/nl)
        r"\b(?:complemento\s+(?:ao|a)\s+(?:meu|mi)\s+(?:pedido|solicitud)|(?:enviei|mandei|fiz)\s+um\s+pedido|"
        r"(?:envi[ée]|mand[ée])\s+una\s+solicitud|j['’]ai\s+(?:envoyé|fait)\s+une\s+demande|ho\s+(?:inviato|"
        r"fatto)\s+una\s+richiesta|(?:meine|unsere)\s+(?:anfrage|e-?mail)\s+vom|ik\s+heb\s+(?:een\s+)?"
        r"(?:verzoek|aanvraag)\s+(?:gestuurd|ingediend)|escrevo\s+do\s+meu\s+e-?mail|le\s+escribo\s+desde\s+"
        r"mi\s+(?:correo|e-?mail)|je\s+vous\s+écris\s+depuis\s+(?:mon|ma)\s+(?:adresse|messagerie))\b",
        OWN_EARLIER_LETTER,
        r"\b(?:i|we)\s+(?:wrote|emailed|e-mailed|sent|contacted|reached\s+out)\s+(?:to\s+)?(?:you|your|"
        r"this|an?\s+e-?mail|last|on|earlier)\b",
        # another address of the same people: "writing from my daughter's email"
        r"\b(?:writing|write|sending\s+this|i'?m\s+writing)\s+from\s+(?:my|a|her|his|our|the)\s+"
        r"(?:\w+'s\s+)?(?:new\s+|other\s+|personal\s+|work\s+)?(?:e-?mail|address|account|phone|computer)\b",
        # someone else wrote first: "whose wife contacted your company", "she emailed you"
        r"\b(?:he|she|they|wife|husband|mother|father|mom|mum|dad|son|daughter|sister|brother|"
        r"family|doctor|oncologist|physician|ha?ematologist|nurse)\s+(?:\w+\s+)?(?:has\s+|had\s+)?"
        r"(?:already\s+)?(?:emailed|e-mailed|wrote\s+to|written\s+to|contacted|reached\s+out\s+to)\s+"
        r"(?:you|your\s+(?:company|team|office|clinical))\b",
        r"\b(?:has\s+anyone|did\s+anyone|any\s+(?:news|update)|haven'?t\s+heard|not\s+heard\s+back|"
        r"no\s+(?:reply|response)\s+yet|hello\s+again|writing\s+again)\b",
        r"\b(?:second|2nd|third|another)\s+(?:request|attempt|try|e-?mail)|re-?sen(?:d|ding|t)\b|"
        r"sending\s+(?:this|it|my\s+request)\s+again|(?:bounced|did\s*n[o']t\s+go\s+through|"
        r"was\s+returned|undeliverable)|(?:my|a)\s+(?:personal|private|gmail|home)\s+"
        r"(?:e-?mail|address|account)|same\s+patient|regarding\s+(?:the\s+)?(?:same|my)\s+patient|"
        r"(?:his|her|my\s+\w+'s)\s+(?:doctor|oncologist|physician)\s+(?:has\s+)?(?:already\s+)?"
        r"(?:wrote|written|sent|contacted)|already\s+(?:wrote|written|sent|contacted|requested)\b",
        # (learnt from dev-z70) terse and non-native: "I send again from my personal mail",
        # "patient is same"
        r"\bsen(?:d|ding|t)\s+(?:it\s+|this\s+|you\s+)?again\b|\bagain\s+sen(?:d|ding)\b|"
        r"\b(?:my|a|her|his)\s+(?:personal|private|gmail|home|own|other)\s+(?:e-?)?mail\b|"
        r"\bpatient\s+is\s+(?:the\s+)?same\b",
        # (learnt from dev-z98) texting: "did u get my email about my dad", "my sister jess
        # emailed u", "he asked about ur drug 2 weeks ago", "my request didnt get lost"
        r"\bdid\s+(?:u|ya|you)\s+(?:get|receive|see)\s+my\s+(?:e-?mails?|msgs?|messages?|mail|request|note)\b|"
        r"\b(?:emailed|e-mailed|wrote|sent|messaged|texted)\s+(?:u|ya)\b|\bmy\s+request\s+(?:didn'?t|did\s+not)\s+"
        r"get\s+lost\b|\b(?:asked|wrote|emailed)\s+(?:u|you)\s+about\s+(?:ur|your)\s+(?:drug|medicine|med|"
        r"medication|treatment)\b",
        # (learnt from dev-zb7) "hi this is dale hutchins again, i filled out the form on your
        # website last sunday"
        r"\b(?:this\s+is|it['’]s)\s+(?:[^\W\d_]+\s+){1,3}again\b|\b(?:i|we)\s+(?:filled\s+(?:out|in)|"
        r"submitted|sent)\s+(?:the|your|a)\s+(?:web\s*|contact\s+|online\s+)?form\s+on\s+your\s+"
        r"(?:web\s*site|site|page)\b",
        # (learnt from dev-zb7) the decision on the request already made: "falls Sie eine
        # Entscheidung zum Härtefallantrag beschleunigen können", "any decision on our request"
        r"\b(?:entscheidung|decision|answer|update|news)\s+(?:zum|zu\s+unserem|zu\s+dem|on\s+(?:the|our|my|"
        r"this|his|her))\s+(?:härtefallantrag|antrag|(?:ea\s+|eap\s+|compassionate[\s\-]use\s+)?request|"
        r"application)\b",
    ),
}
