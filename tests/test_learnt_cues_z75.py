"""Cues learnt in session 21 from new development mail (dev-z75, dev-z76), each with a near
miss that must not fire: the rules learnt the turn of phrase, not the letter."""

from __future__ import annotations

import pytest

from bot.classify.patient import patient_marks
from bot.config import Config
from tests.mailgen import make
from tests.test_cycle import rows
from tests.test_intake import _cls, _from, _run

EMERGENCY = [
    # a stay the letter dates in an earlier year than its own (2026), in any language
    ("Elle a fait un séjour en réanimation en mars 2025 (choc septique), complètement "
     "récupérée. Nous demandons un accès compassionnel à l'iopofosine.", False),
    ("- Axicabtagén ciloleucel (05/2025): SLC grado 3 con ingreso en UCI en julio de 2025 "
     "(5 días), resuelto. Solicitamos acceso expandido a iopofosina.", False),
    ("After his relapse in 2025 he is now in the ICU on a ventilator. We ask for emergency "
     "access to iopofosine.", True),  # a past year, but now
    ("Since yesterday she has been in the ICU (first diagnosed in 2019). Please help with "
     "iopofosine.", True),
    # (from a review) a birth, a diagnosis, "since", a recent full date: not a past stay
    ("My father (born 1957) was admitted to the ICU last night. Can he get iopofosine?", True),
    ("Mi padre, diagnosticado en 2021, está intubado en la UCI desde el sábado. ¿Iopofosina?",
     True),
    ("Unser Vater (Jahrgang 1955) liegt seit Samstag auf der Intensivstation. CLR 131?", True),
    ("He was admitted to the ICU on 30.10.2026 and is on a ventilator. Iopofosine?", True),
    ("Myeloma diagnosed 2019, transplant 2021. May I ask for help, he is intubated in the ICU.",
     True),
    ("My husband is 70; he had a short ICU stay two years ago. Can he get iopofosine?", False),
    # a possibility, not now
    ("Der Arzt hat auch schon die Palliativstation erwähnt, falls es schlechter wird – aber im "
     "Moment ist mein Vater zu Hause. Gibt es ein Härtefallprogramm für CLR 131?", False),
    ("Mein Vater liegt seit gestern auf der Palliativstation. Gibt es ein Härtefallprogramm "
     "für CLR 131?", True),
    ("She is in the ICU on a ventilator and if she gets worse they will stop treatment. Can "
     "she get iopofosine?", True),
    ("Mein Vater liegt auf der Intensivstation, und wenn es ihm schlechter geht, wird er "
     "intubiert. Gibt es CLR 131?", True),
    # the family summoned, understated (dev-z77); not a scheduled visit
    ("Hi it's Jenna again. Dad got moved to a different floor last night and they asked us "
     "all to come in today. Is there any news about CLR 131?", True),
    ("They asked everyone to come in for the family meeting about his options next month. "
     "Is there any news about CLR 131?", False),
    # drowsiness getting worse (dev-z69); not a medicine's side effect
    ("Mr. B.'s labs this morning are worse and he is more drowsy than yesterday. Could the "
     "iopofosine arrive Saturday?", True),
    ("He is a bit more drowsy after the new pain medicine. Could the iopofosine arrive "
     "Saturday?", False),
    # "weeks, not months" with the preposition (dev-z79), in four languages
    ("Nuestro equipo estima que el margen de tiempo es de semanas, no de meses. Solicitamos "
     "iopofosina por uso compasivo.", True),
    ("Wir rechnen mit Wochen, nicht Monaten. Wir bitten um CLR 131.", True),
    ("Il nous reste des semaines, pas des mois. Nous demandons l'iopofosine.", True),
    # a past stay that ended well, in Polish (dated in the sentence before)
    ("Moje leczenie: autoprzeszczep w 2021 r. Po przeszczepie leżałem 6 dni na OIOM-ie, ale "
     "wszystko się wtedy dobrze skończyło. Proszę o CLR 131.", False),
]


@pytest.mark.parametrize(("body", "expected"), EMERGENCY)
def test_emergencies_dated_in_the_past_or_only_possible(body: str, expected: bool) -> None:
    cls = _cls(make("Compassionate use", body, "someone@mail.example"))
    assert cls.emergency is expected, cls.reasons


def test_a_death_dated_with_a_german_ordinal_ends_the_emergency() -> None:
    dead = _cls(make("Werner Haas", "Leider muss ich Ihnen mitteilen, dass unser Vater am "
                     "Montag, den 23. November, auf der Intensivstation der Uniklinik Essen "
                     "verstorben ist. Das Medikament hat er nicht mehr bekommen.",
                     "sohn@mail.example"))
    assert not dead.emergency and any("has died" in r.detail for r in dead.reasons), dead.reasons
    alive = _cls(make("Werner Haas", "Unser Vater liegt seit Montag, den 23. November, auf der "
                      "Intensivstation. Gibt es ein Härtefallprogramm für CLR 131?",
                      "sohn@mail.example"))
    assert alive.emergency, alive.reasons


def test_a_death_dated_in_a_portuguese_month_is_news() -> None:
    # (session 22) "novembro" was missing from the month names: the date was not read
    dead = _cls(make("Jorge Almeida", "Infelizmente nosso pai faleceu na UTI do Hospital "
                     "Sírio-Libanês em 3 de novembro. Ele não chegou a receber o medicamento.",
                     "filho@mail.example"))
    assert not dead.emergency and any("has died" in r.detail for r in dead.reasons), dead.reasons


@pytest.mark.parametrize(("text", "initials"), [
    ("Daniela Garza\nGerente de Compras | Grupo Alta Venta S.A. de C.V.\n", set()),
    ("Centro Oncológico del Noreste, Monterrey, N.L.\n", set()),
    ("Our U.S. sites are full.", set()),
    ("Patient: Garza, R.L.\nAge 69", {"RL"}),  # a patient's initials after a label stay
    ("Paciente: Garza, R.L.\n", {"RL"}),
    ("Pacjent: Kowalski, J.K.\n", {"JK"}),
    ("R.T., 71M, Waldenström", {"RT"}),
])
def test_a_companys_or_a_places_letters_are_no_patients_initials(text: str,
                                                                 initials: set[str]) -> None:
    assert set(patient_marks(text).initials) == initials


def test_a_german_sister_named_as_a_capitalised_noun_is_her_full_name() -> None:
    marks = patient_marks("Ich bin der Sohn von Werner Haas, für den meine Schwester Sabine "
                          "Krüger bei Ihnen angefragt hat.")
    assert "Sabine Krüger" in marks.names


@pytest.mark.parametrize(("subject", "body", "sender", "attached"), [
    # the doctor and the patient's initials (R.M.): two marks, attached
    ("My husband Richard Moreno", "Hello,\nMy husband Richard Moreno got his first iopofosine "
     "treatment on Tuesday with Dr. Whitfield. Since Thursday he has had fever and chills and "
     "was admitted for two nights.\nGail Moreno", ("Gail Moreno", "gail.moreno@mail.example"),
     True),
    # only the doctor named: another patient of hers, a new request
    ("My husband John Baker", "Hello,\nMy husband John Baker is treated by Dr. Whitfield for "
     "lymphoma. Could he get iopofosine through compassionate use?\nMary Baker",
     ("Mary Baker", "mary.baker@mail.example"), False),
])
def test_a_relative_naming_the_requester_as_the_doctor(cfg: Config, subject: str, body: str,
                                                       sender: tuple[str, str],
                                                       attached: bool) -> None:
    request = _from(make("Single-patient IND request - R.M., 68M", "Dear team,\nI request "
                         "single-patient access to iopofosine for R.M., a 68-year-old man with "
                         "penta-refractory myeloma.\nKaren Whitfield, MD"),
                    "Whitfield, Karen MD", "kwhitfield@sthelens.example")
    _run(cfg, request, _from(make(subject, body), *sender))
    msgs = rows(cfg, "SELECT case_id, category, reasons FROM messages ORDER BY id")
    if attached:
        assert msgs[1]["category"] == "ea_followup" and msgs[1]["case_id"] == msgs[0]["case_id"], \
            msgs[1]["reasons"]
    else:
        assert msgs[1]["category"] == "ea_request" and msgs[1]["case_id"] != msgs[0]["case_id"], \
            msgs[1]["reasons"]


def test_a_physician_with_two_open_cases_writing_from_her_phone(cfg: Config) -> None:
    """The follow-up phrase says "a case of mine"; the marks say which of her two."""
    first = _from(make("EA request - R.T., WM", "Dear team,\nI request expanded access to "
                       "iopofosine for R.T., a 71-year-old man with Waldenström "
                       "macroglobulinemia after five lines.\nPriya Raman, MD"),
                  "Raman, Priya", "praman@lakeshore.example")
    second = _from(make("Second EA request - D.O., myeloma", "Dear team,\nA second, unrelated "
                        "patient: D.O., 58-year-old woman, penta-refractory multiple myeloma. I "
                        "request expanded access to iopofosine for her.\nPriya Raman, MD"),
                   "Raman, Priya", "praman@lakeshore.example")
    news = _from(make("Diane getting worse", "Sorry, writing from my phone. Diane (my 58F "
                      "myeloma pt) was admitted overnight and is deteriorating. Can we speed up "
                      "the LOA?\nPriya"), "Priya Raman", "praman@lakeshore.example")
    _run(cfg, first, second, news)
    msgs = rows(cfg, "SELECT case_id, reasons FROM messages ORDER BY id")
    assert msgs[2]["case_id"] == msgs[1]["case_id"] != msgs[0]["case_id"], msgs[2]["reasons"]


@pytest.mark.parametrize(("child", "attached"), [("Maya", True), ("Leo", False)])
def test_a_mother_naming_the_doctor_and_her_childs_first_name(cfg: Config, child: str,
                                                             attached: bool) -> None:
    request = _from(make("URGENT: emergency IND, 9yo with DMG", "Dear team,\nI request "
                         "emergency access to iopofosine for my patient Maya (9), with diffuse "
                         "midline glioma progressing after radiotherapy.\nDaniel Whitcombe, MD"),
                    "Daniel Whitcombe", "dwhitcombe@childrens.example")
    mother = _from(make(f"{child} - question", f"Hi,\nI'm {child}'s mom. Dr. Whitcombe told us "
                        "about iopofosine. Since last week she is so tired and her neck is "
                        "swollen. What should we do?\nJennifer Ruiz"),
                   "Jennifer Ruiz", "jen.ruiz@mail.example")
    _run(cfg, request, mother)
    msgs = rows(cfg, "SELECT case_id, reasons FROM messages ORDER BY id")
    assert (msgs[1]["case_id"] == msgs[0]["case_id"]) is attached, msgs[1]["reasons"]


def test_a_nurse_both_letters_name_is_not_the_patient(cfg: Config) -> None:
    """(from a review) The doctor and a first name both letters share, but the new letter
    introduces another child: a new request, not the first child's follow-up."""
    request = _from(make("URGENT: emergency IND, 9yo with DMG", "Dear team,\nI request "
                         "emergency access to iopofosine for my patient Maya (9), with diffuse "
                         "midline glioma. Our nurse coordinator Jennifer M. will send the forms."
                         "\nDaniel Whitcombe, MD"),
                    "Daniel Whitcombe", "dwhitcombe@childrens.example")
    other = _from(make("Iopofosine for my son", "Hello,\nMy son Leo is treated by Dr. Whitcombe. "
                       "His nurse Jennifer M. told us about iopofosine. Could he get it?\nSarah "
                       "Ruiz"), "Sarah Ruiz", "sarah.ruiz@mail.example")
    _run(cfg, request, other)
    msgs = rows(cfg, "SELECT case_id, category, reasons FROM messages ORDER BY id")
    assert msgs[1]["case_id"] != msgs[0]["case_id"], msgs[1]["reasons"]


def test_a_relative_the_requester_named_writes_from_his_own_address(cfg: Config) -> None:
    """(dev-z78) "my husband Ryan" in the mother's letter; Ryan Kowalczyk writes later."""
    mother = _from(make("Compassionate use for my daughter", "Hello,\nMy daughter Amelia "
                        "Kowalczyk is 9 and has a diffuse midline glioma. My husband Ryan and I "
                        "ask whether she could get iopofosine.\nJoanna Kowalczyk"),
                   "Joanna Kowalczyk", "joanna.k84@mail.example")
    father = _from(make("please help", "It is 3 am. She is on a ventilator in the PICU after a "
                        "seizure. Please, is there any answer?\nRyan"),
                   "Ryan Kowalczyk", "ryan.k@other.example")
    stranger = _from(make("please help", "It is 3 am. My son is on a ventilator in the PICU "
                          "after a seizure. Please, is there any answer about iopofosine?\nAdam"),
                     "Adam Kowalczyk", "adam.k@third.example")
    _run(cfg, mother, father, stranger)
    msgs = rows(cfg, "SELECT case_id, reasons FROM messages ORDER BY id")
    assert msgs[1]["case_id"] == msgs[0]["case_id"], msgs[1]["reasons"]
    assert msgs[2]["case_id"] != msgs[0]["case_id"], msgs[2]["reasons"]


def test_the_requester_telling_of_a_dose_given_is_news_of_her_case(cfg: Config) -> None:
    """(dev-z78, z79) "She got her first dose of iopofosine" / "our EA patient, fraction 1
    on 11/17, came in with fever": news from the requester of one open case, not a request."""
    request = _from(make("Single-patient IND - RRMM", "Dear team,\nI request a single-patient "
                         "IND supply of iopofosine for my 67-year-old patient with penta-"
                         "refractory myeloma.\nDaniel Whitcombe, MD"),
                    "Whitcombe, Daniel J", "dwhitcombe@lakeshore.example")
    sae = _from(make("SAE - iopofosine EA pt - admitted w/ neutropenic fever", "Heads up: our "
                     "single-patient EA patient (iopofosine, fraction 1 on 11/17) came in through "
                     "our ED last night with fever 38.9. ANC 0.2, plt 8K. Formal SAE report by "
                     "Monday.\nDan"), "Whitcombe, Daniel J", "dwhitcombe@lakeshore.example")
    _run(cfg, request, sae)
    msgs = rows(cfg, "SELECT case_id, category, adverse_event, reasons FROM messages ORDER BY id")
    assert msgs[1]["category"] == "ea_followup" and msgs[1]["case_id"] == msgs[0]["case_id"], \
        msgs[1]["reasons"]
    assert msgs[1]["adverse_event"] == 1


@pytest.mark.parametrize(("second", "own_case"), [
    # another patient, asked for in the first one's thread: a case of its own, linked
    ("Thank you. A different patient this time, please: L.M., 72M, Waldenström, five prior "
     "lines. Could he get iopofosine under expanded access too?", False),
    # the thread's own patient, told as "my second patient": the same case
    ("Update on my second patient D.S.: 66M, myeloma, now inpatient and mostly sleeping. "
     "Could iopofosine be sent sooner?", True),
])
def test_a_reply_in_a_cases_thread_about_another_patient(cfg: Config, second: str,
                                                         own_case: bool) -> None:
    request = _from(make("EA request - D.S., 66M, myeloma", "Dear team,\nOn behalf of Dr. "
                         "Patel I request expanded access to iopofosine for D.S., a 66-year-old "
                         "man with relapsed myeloma.\nKelly Dunn, RN", message_id="<ds1@clinic.example>"),
                    "Dunn, Kelly", "kdunn@clinic.example")
    reply = _from(make("Re: EA request - D.S., 66M, myeloma", second,
                       headers={"In-Reply-To": "<ds1@clinic.example>",
                                "References": "<ds1@clinic.example>"}),
                  "Dunn, Kelly", "kdunn@clinic.example")
    _run(cfg, request, reply)
    cases = rows(cfg, "SELECT id, linked_case_id FROM cases ORDER BY id")
    msgs = rows(cfg, "SELECT case_id, category, reasons FROM messages ORDER BY id")
    if own_case:
        assert msgs[1]["case_id"] == msgs[0]["case_id"], msgs[1]["reasons"]
    else:
        assert msgs[1]["category"] == "ea_request" and msgs[1]["case_id"] != msgs[0]["case_id"], \
            msgs[1]["reasons"]
        assert cases[-1]["linked_case_id"] == cases[0]["id"]


def test_the_emergency_model_has_a_lower_bar_inside_an_open_case() -> None:
    """A letter the emergency model reads at p = 0.7 (between the bar in a case, 0.6, and
    elsewhere, 0.8) is an emergency as a case's follow-up, not as a new letter."""
    import dataclasses
    import math

    from bot.classify import IN_CASE_EMERGENCY, classify
    from bot.classify.textmodel import TextModel
    from bot.model import ThreadContext
    from bot.parsing import parse
    from tests.test_intake import ROOT, load_config

    text = "She has been so sleepy since the weekend and we are scared. Any news about CLR 131?"
    raw = make("Re: our request", text, "mum@mail.example",
               headers={"In-Reply-To": "<case1@x.example>"})
    rules = load_config(ROOT / "config.example.toml").rules
    probe = TextModel({"w:sleepy": 1.0}, 0.0, threshold=0.8)
    z0 = math.log(probe.probability(text) / (1 - probe.probability(text)))
    model = TextModel({"w:sleepy": 1.0}, math.log(0.7 / 0.3) - z0, threshold=0.8)
    assert IN_CASE_EMERGENCY < model.probability(text) < model.threshold
    tuned = dataclasses.replace(rules, emergency_model=model)
    alone = classify(parse(raw), tuned)
    in_case = classify(parse(raw), tuned, ThreadContext(
        case_by_message_id={"<case1@x.example>": "EA-2026-0001"},
        known_case_tags=frozenset({"EA-2026-0001"})))
    assert not alone.emergency, alone.reasons
    assert in_case.emergency and any(r.rule == "emergency-model" for r in in_case.reasons)
