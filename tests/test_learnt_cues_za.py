"""Cues learnt in session 24 from new development mail, each with a near miss that must not
fire: the rules learnt the turn of phrase, not the letter."""

from __future__ import annotations

import pytest

from bot.classify.patient import patient_marks
from bot.config import Config
from tests.mailgen import make
from tests.test_cycle import rows
from tests.test_intake import _cls, _from, _run


def _second_joins_third_apart(cfg: Config, first: bytes, second: bytes, third: bytes) -> None:
    """The second letter joins the first one's case; the third (a near miss) does not."""
    _run(cfg, first, second, third)
    msgs = rows(cfg, "SELECT case_id, category, reasons FROM messages ORDER BY id")
    assert msgs[1]["case_id"] == msgs[0]["case_id"], msgs[1]["reasons"]
    assert msgs[2]["case_id"] != msgs[0]["case_id"], msgs[2]["reasons"]


def _in_case(body: str) -> bool:
    from bot.classify import classify
    from bot.config import load_config
    from bot.model import ThreadContext
    from bot.parsing import parse
    from tests.test_intake import ROOT
    raw = make("Re: Vraag over behandeling", body, "family@mail.example",
               headers={"In-Reply-To": "<x@clinic.example>"})
    cls = classify(parse(raw), load_config(ROOT / "config.example.toml").rules,
                   ThreadContext(case_by_message_id={"<x@clinic.example>": "EA-2026-0003"}))
    assert cls.case_tag == "EA-2026-0003", cls.reasons
    return cls.emergency


@pytest.mark.parametrize(("text", "names"), [
    # (dev-z98) a relative typing on a phone names the patient in lower case
    ("my dad (frank moreno, 68) has waldenstroms", {"Frank Moreno"}),
    ("did u get my email about my dad frank moreno?? hes getting worse", {"Frank Moreno"}),
    ("this is franks son (frank moreno, my sister jess emailed u", {"Frank Moreno"}),
    # not a name: a given name that is also a word, then no family name
    ("my dad will be fine, thanks", set()),
    ("my mom linda too.", set()),
    ("my dad frank has been sick", set()),
    # a first word that is no given name
    ("my dad (retired welder, 68) has myeloma", set()),
])
def test_a_patients_name_typed_in_lower_case_after_a_kinship_word(text: str,
                                                                   names: set[str]) -> None:
    assert set(patient_marks(text).names) == names


@pytest.mark.parametrize(("text", "ages"), [
    ("Ik ben de moeder van Thijs van Dijk (9). Dr. Verhoeven heeft een aanvraag ingediend.", {9}),
    ("Noah Smith (5) has DIPG.", {5}),
    ("Hans-Jürgen Wendt (68) has myeloma.", {68}),
    # one digit in brackets after no full name, or after a form's words: no age
    ("Please see Section (2) of Form 3926.", set()),
    ("The patient (3) was seen.", set()),
])
def test_a_childs_one_digit_age_in_brackets_after_a_full_name(text: str, ages: set[int]) -> None:
    assert set(patient_marks(text).ages) == ages


def test_a_brother_writes_from_his_own_address_about_the_lower_case_patient(cfg: Config) -> None:
    """(dev-z98) Jess asked for "my dad (frank moreno, 68)"; her brother Mike writes from his
    own address with no subject about "frank moreno", now in the ICU: her case, not a new
    request. A stranger's letter about another lower-case patient is not attached."""
    first = _from(make("my dad", "hi sorry idk who to email about this. my dad (frank moreno, "
                       "68) has waldenstroms and nothing is working. is there any way he can get "
                       "the radioactive iodine drug iopofosine?? please\njess"),
                  "Jess Moreno", "jessmoreno.88@mail.example")
    brother = _from(make("", "this is franks son (frank moreno, my sister jess emailed u about "
                         "the waldenstrom drug). he couldnt breathe last nite and now hes in icu. "
                         "pls call me asap\nmike"), "Mike Moreno", "mmoreno@mail.example")
    stranger = _from(make("my mom", "my mom (linda garcia, 71) has myeloma and nothing works. "
                          "can she get iopofosine outside the trial?? please\ncarla"),
                     "Carla Garcia", "cgarcia@mail.example")
    _run(cfg, first, brother, stranger)
    msgs = rows(cfg, "SELECT case_id, category, emergency, reasons FROM messages ORDER BY id")
    assert msgs[1]["case_id"] == msgs[0]["case_id"], msgs[1]["reasons"]
    assert msgs[1]["category"] == "ea_followup" and msgs[1]["emergency"] == 1
    assert msgs[2]["case_id"] != msgs[0]["case_id"] and msgs[2]["category"] == "ea_request", \
        msgs[2]["reasons"]


def test_a_mother_asks_about_the_doctors_request_for_her_child(cfg: Config) -> None:
    """(dev-z98) The doctor's letter named a 9-year-old; the mother writes unthreaded from her
    own address about "Thijs van Dijk (9)" and the request Dr. Verhoeven sent: the doctor's
    case (the doctor's letter did not name him). A mother of a 7-year-old of the same doctor opens her own."""
    doctor = _from(make("Named-patient request iopofosine I 131 - paediatric DMG",
                        "Dear colleagues,\nI request named-patient access to iopofosine I 131 for "
                        "a 9-year-old patient with progressive diffuse midline glioma.\nDr. Marloes "
                        "Verhoeven, MD PhD\nPrinses Máxima Centrum"),
                   "Dr. Marloes Verhoeven", "m.verhoeven@pmc.example")
    mother = _from(make("aanvraag voor mijn zoon Thijs",
                        "Goedemorgen,\nIk ben de moeder van Thijs van Dijk (9). Dr. Verhoeven "
                        "heeft afgelopen dinsdag een aanvraag bij u ingediend voor iopofosine. Is "
                        "die goed aangekomen?\nSanne van Dijk"), "Sanne van Dijk",
                   "sannevdijk@mail.example")
    other = _from(make("aanvraag voor mijn zoon Daan",
                       "Goedemorgen,\nIk ben de moeder van Daan Bakker (7). Dr. Verhoeven "
                       "heeft afgelopen dinsdag een aanvraag bij u ingediend voor iopofosine. Is "
                       "die goed aangekomen?\nEva Bakker"), "Eva Bakker", "evabakker@mail.example")
    _second_joins_third_apart(cfg, doctor, mother, other)


@pytest.mark.parametrize(("body", "confident"), [
    # (dev-za1) a policy question whose "un paziente" is denied: no automatic acknowledgement
    ("Vorrei sapere se Cellectar ha attivo un programma di uso compassionevole per iopofosina I 131 "
     "in Italia, e quali documenti vi servono. Al momento non ho un paziente specifico da "
     "segnalare.\nDott.ssa Chiara Benedetti", False),
    ("Can my patients get iopofosine under expanded access, and what forms do you need? I don't "
     "have a specific patient in mind yet.\nDr. Jane Roe", False),
    # the denial does not hide a patient named elsewhere in the letter
    ("I don't have a specific patient in mind for the programme in general, but my patient, a "
     "71-year-old man with relapsed Waldenstrom, needs iopofosine now. I request expanded "
     "access for him.\nDr. Jane Roe", True),
])
def test_a_letter_that_says_it_has_no_specific_patient(body: str, confident: bool) -> None:
    """A confident request is acknowledged at once; the others reach a human first."""
    cls = _cls(make("Expanded access / uso compassionevole - iopofosine", body))
    assert (cls.category.value == "ea_request" and not cls.needs_review) is confident, cls.reasons
    assert cls.category.value == "ea_request" or cls.needs_review, cls.reasons


@pytest.mark.parametrize(("body", "expected"), [
    # (dev-z99) intensive care and a ventilator in letters eabot does not otherwise read
    ("11月23日、緊急入院となり、現在ICUにて人工呼吸管理中です。本日中にご連絡いただけますでしょうか。", True),
    ("אתמול בלילה העבירו אותו לטיפול נמרץ ילדים. אנחנו חייבים לשמוע מכם היום.", True),
    # from intensive care back to an ordinary ward: a stay that is over
    ("Er wurde am Montag von der Intensivstation auf unsere Normalstation zurückverlegt und ist "
     "stabil.", False),
    ("She was moved from the ICU to the ward yesterday and is eating again.", False),
    # the ICU doctor speaking: not a stay that ended
    ("Er liegt seit Sonntag auf der Intensivstation, die Ärzte sagen, die Familie soll kommen.",
     True),
])
def test_emergencies_in_unread_scripts_and_a_stay_that_ended(body: str, expected: bool) -> None:
    assert _in_case(body) is expected


def test_a_daughter_writes_about_the_request_her_fathers_doctor_made(cfg: Config) -> None:
    """(dev-z99) "Dr. Hallbauer ... bei Ihnen eine Anfrage für das Medikament CLR 131 gestellt
    hat": the daughter's unthreaded letter joins the doctor's case, as an emergency."""
    doctor = _from(make("Anfrage Compassionate Use - Iopofosine I 131 bei M. Waldenström",
                        "Sehr geehrte Damen und Herren,\nich bitte um Compassionate Use von "
                        "Iopofosine I 131 für meinen Patienten Herrn Werner K., 68 Jahre, mit "
                        "refraktärem M. Waldenström.\nDr. med. Jörg Hallbauer\nOberarzt"),
                   "Dr. med. Jörg Hallbauer", "joerg.hallbauer@klinikum.example")
    daughter = _from(make("Dringend: Medikament CLR 131 für meinen Vater",
                          "Sehr geehrte Damen und Herren,\nich bin die Tochter von Herrn Werner "
                          "K., für den Oberarzt Dr. Hallbauer letzte Woche bei Ihnen eine Anfrage "
                          "für das Medikament CLR 131 gestellt hat. Mein Vater liegt seit Sonntag "
                          "auf der Intensivstation.\nSabine Keßler"),
                     "Sabine Keßler", "sabine.kessler@mail.example")
    _run(cfg, doctor, daughter)
    msgs = rows(cfg, "SELECT case_id, category, emergency, reasons FROM messages ORDER BY id")
    assert msgs[1]["case_id"] == msgs[0]["case_id"], msgs[1]["reasons"]
    assert msgs[1]["category"] == "ea_followup" and msgs[1]["emergency"] == 1


def test_a_reply_in_one_patients_thread_about_another_open_case(cfg: Config) -> None:
    """(dev-za2, dev-z92) A nurse replies in Mrs. Delahunt's thread with the PET report of Dr.
    Okafor's other patient, "Mr. Villalobos (H.V., DOB 04/22/1967)": his case, marked for
    review. A reply in the same thread about Mrs. Delahunt herself stays in hers."""
    first = _from(make("Compassionate use request: CLR 131 for RRMM patient (M. Delahunt)",
                       "I request compassionate use of CLR 131 for my patient Mrs. Margaret "
                       "Delahunt (M.D.), a 68-year-old woman with multiple myeloma.\nPriya "
                       "Ramanathan, MD", message_id="<delahunt@brendan.example>"),
                  "Ramanathan, Priya", "pramanathan@brendan.example")
    second = _from(make("Expanded access - iopofosine I-131", "A second request, for a different "
                        "patient: H.V., 59-year-old male (DOB 04/22/1967), diffuse large B-cell "
                        "lymphoma. I request a single-patient IND for iopofosine.\nRaymond "
                        "Okafor, MD"), "Okafor, Raymond, MD", "rokafor@brendan.example")

    def reply(body: str) -> bytes:
        return _from(make("RE: Compassionate use request: CLR 131 for RRMM patient (M. Delahunt)",
                          body + "\n\n> I request compassionate use of CLR 131 for my patient",
                          headers={"In-Reply-To": "<delahunt@brendan.example>"}),
                     "Greene, Tasha, RN", "tgreene@brendan.example")
    other = reply("Attaching the PET/CT report you asked Dr. Okafor for on his lymphoma patient, "
                  "Mr. Villalobos (H.V., DOB 04/22/1967). This report is NOT for Mrs. Delahunt.")
    same = reply("Attaching the marrow report for M.D. that Dr. Ramanathan promised.")
    _run(cfg, first, second, other, same)
    msgs = rows(cfg, "SELECT case_id, category, needs_review, reasons FROM messages ORDER BY id")
    assert msgs[2]["case_id"] == msgs[1]["case_id"] and msgs[2]["needs_review"] == 1, \
        msgs[2]["reasons"]
    assert "other-patient-in-thread" in msgs[2]["reasons"]
    assert msgs[3]["case_id"] == msgs[0]["case_id"], msgs[3]["reasons"]


def test_a_patient_writes_again_from_a_new_address_under_his_full_name(cfg: Config) -> None:
    """(dev-za1) "mike d" signed his first letter "mike delacroix"; after a bounce he writes
    as "Michael Delacroix" from a new address: his case. Another Michael writing about
    himself from elsewhere opens his own."""
    first = _from(make("clr131", "hi. i have myeloma 6 yrs now. the va turned me down for the "
                       "clr131 trial because of my kidneys. is there any way to get the clr131 "
                       "outside the trial, compassionate or whatever its called?\n\nthanks\nmike "
                       "delacroix\n813-555-0164"), "mike d", "mikedelacroix61@mail.example")
    again = _from(make("clr131 (2nd email)", "my daughter set me up with this new email because "
                       "the old one is full. i sent you a message tuesday about getting the "
                       "clr131. did anybody get it??\nmike"), "Michael Delacroix",
                  "m.delacroix.tpa@mail.example")
    other = _from(make("clr131", "i sent you a message tuesday about getting the clr131 for my "
                       "myeloma. did anybody get it??\nmike"), "Michael Brennan",
                  "mbrennan@mail.example")
    _second_joins_third_apart(cfg, first, again, other)


def test_a_forwarded_portal_message_is_no_new_patient(cfg: Config) -> None:
    """(dev-za1) "FW: New patient message: Side effects?" from the doctor's nurse about her
    expanded-access patient R.H.: the doctor's case (a portal's message, not "a new patient"),
    an adverse event."""
    request = _from(make("Expanded access request - iopofosine I-131 (pt R.H.)",
                         "I request single-patient expanded access to iopofosine for R.H., a "
                         "71-year-old man with relapsed Waldenstrom macroglobulinemia.\nAnita "
                         "Kowalczyk, MD"), "Kowalczyk, Anita", "akowalczyk@lakeshore.example")
    portal = _from(make("FW: New patient message: Side effects?",
                        "Dr. Kowalczyk asked me to forward the patient portal message below. This "
                        "is R.H., her expanded access patient (iopofosine, dosed Tuesday 11/17).\n"
                        "\nFrom: Patient Portal\nSubject: New patient message: Side effects?\n\n"
                        "I had the radioactive treatment on Tuesday. Since Wednesday I threw up 3 "
                        "times and my neck is swollen.\nRich"), "Haugen, Kristi",
                   "khaugen@lakeshore.example")
    _run(cfg, request, portal)
    msgs = rows(cfg, "SELECT case_id, category, adverse_event, reasons FROM messages ORDER BY id")
    assert msgs[1]["case_id"] == msgs[0]["case_id"], msgs[1]["reasons"]
    assert msgs[1]["adverse_event"] == 1


@pytest.mark.parametrize(("body", "expected"), [
    # (dev-za1) a dose of ours given in so many words, and an event paragraphs on, in a case
    ("Attached: the accountability log for the iopofosine dose received 11/8 and administered "
     "11/9.\n\nPer the LOA our understanding is that the company covers shipping and pharmacy "
     "handling for the program; can you confirm who invoices should go to, the accounts payable "
     "address or a purchase order number, and whether a W-9 is needed from us first?\n\nOne "
     "more item for the invoice: line "
     "4 is waste handling for her second admission (11/24, for bleeding - hematuria and "
     "platelets 6, transfused).", True),
    # no dose of ours given: the admission is nobody's adverse event here
    ("Attached: the accountability log for the iopofosine shipment that arrived 11/8; the dose "
     "is scheduled for next week.\n\nOne more item for the invoice: line 4 is waste handling "
     "for her admission (11/24, for bleeding).", False),
    # the hospital pharmacy is no hospital stay
    ("Die Unterlagen für die Krankenhausapotheke haben wir erhalten; iopofosine wurde am 9.11. "
     "verabreicht.", False),
])
def test_a_dose_given_and_an_event_far_apart_in_a_case(body: str, expected: bool) -> None:
    from bot.classify import classify
    from bot.config import load_config
    from bot.model import ThreadContext
    from bot.parsing import parse
    from tests.test_intake import ROOT
    raw = make("Re: eIND pt D.M. - iopofosine", body, "pharmacy@gcu.example",
               headers={"In-Reply-To": "<x@gcu.example>"})
    cls = classify(parse(raw), load_config(ROOT / "config.example.toml").rules,
                   ThreadContext(case_by_message_id={"<x@gcu.example>": "EA-2026-0004"}))
    assert cls.case_tag == "EA-2026-0004" and cls.adverse_event is expected, cls.reasons


def test_a_new_doctor_writes_for_the_patient_who_signed_with_her_short_name(cfg: Config) -> None:
    """(dev-za4) "deb kowalski" asked to get iopofosine again; her new doctor writes
    unthreaded about "My patient Deborah Kowalski": her case. A doctor's patient Deborah
    Kowalczyk (another family name) is another patient."""
    first = _from(make("clr131 again??", "hi. i got your clr 131 last year thru expanded "
                       "access and it worked. my igm is creeping back up. can i get it again?"
                       "\n\ndeb kowalski"), "deb k", "debk62@mail.example")
    doctor = _from(make("Deborah Kowalski - iopofosine retreatment",
                        "My patient Deborah Kowalski forwarded me your reply. I took over her care "
                        "and I request retreatment with iopofosine under expanded access.\n"
                        "Jonathan Pryce, MD"), "Jonathan Pryce MD", "jpryce@harbor.example")
    other = _from(make("Deborah Kowalczyk - iopofosine",
                       "My patient Deborah Kowalczyk, 58, has relapsed myeloma. I request "
                       "expanded access to iopofosine for her.\nAnn Lee, MD"), "Ann Lee MD",
                  "alee@lake.example")
    _run(cfg, first, doctor, other)
    msgs = rows(cfg, "SELECT case_id, category, reasons FROM messages ORDER BY id")
    assert msgs[1]["case_id"] == msgs[0]["case_id"], msgs[1]["reasons"]
    assert msgs[2]["case_id"] not in (msgs[0]["case_id"], None), msgs[2]["reasons"]


@pytest.mark.parametrize(("body", "expected"), [
    # (dev-z90, dev-z91) a goals-of-care talk is routine planning, not an emergency by itself
    ("We had the goals-of-care conversation last week. Right now he is golfing and stable.", False),
    ("Our palliative team has been involved since October for goals-of-care conversations. ECOG "
     "1-2.", False),
    # the emergency is told by its own words
    ("We held a goals-of-care meeting today; he is on a morphine drip and may only have days.",
     True),
])
def test_a_goals_of_care_talk_alone_is_no_emergency(body: str, expected: bool) -> None:
    assert _in_case(body) is expected


@pytest.mark.parametrize(("body", "expected"), [
    # (dev-za3) the end near in families' words, in languages the rules had few words of
    ("De huisarts zei dat we er rekening mee moeten houden dat het nog maar om dagen gaat.", True),
    ("Sinds maandag houdt hij niks meer binnen en vannacht herkende hij mijn moeder even niet.",
     True),
    ("Läkaren i teamet säger att det kan handla om dagar.", True),
    ("Sabah doktorlar bizi odaya çağırıp ailece vedalaşmamızı söylediler.", True),
    ("Ateşi yükseldi, oksijeni %84'e kadar düştü.", True),
    ("His oxygen is at 84% on room air since this morning.", True),
    # near misses: a slow decline, a saturation that is fine or long past
    ("Hij gaat langzaam achteruit, elke maand een beetje vermoeider.", False),
    ("Sats 96% on room air, walking in the garden again.", False),
    ("SpO2 89 % unter 2 l O2, stationär aufgenommen, Antibiose läuft.", False),
    ("His oxygen saturation was 88% in 2019, before his COPD was treated.", False),
])
def test_the_end_near_in_families_words(body: str, expected: bool) -> None:
    assert _in_case(body) is expected


# --- the session's fresh-eyes review: near misses of the rules above -------------------------

@pytest.mark.parametrize("text", [
    "my husband mark was in the hospital all last week",
    "my dad ray has had three relapses",
    "my dad frank who has myeloma",
    "when the dr came in yesterday he said there is nothing left",
    "the dr emailed me, and the dr looked at the scan.",
])
def test_no_name_or_doctor_from_ordinary_lower_case_words(text: str) -> None:
    marks = patient_marks(text)
    assert not marks.names and not marks.doctors and not marks.ages, marks


def test_a_file_names_number_is_no_childs_age() -> None:
    assert not patient_marks("Attached: Lab Results (2).pdf for Harold Brennecke").ages


def test_two_relatives_whose_doctor_came_in_are_two_patients(cfg: Config) -> None:
    """(review) "the dr came in" in two strangers' letters is no shared treating doctor."""
    a = _from(make("please help my dad", "hi. my dad is 68 and has waldenstroms, nothing is "
                   "working. when the dr came in yesterday he said there is nothing left. can he "
                   "get iopofosine outside the trial?? please\njess"), "Jess M", "jessm@mail.example")
    b = _from(make("my husband", "hello, my husband is 68 and has waldenstrom macroglobulinemia. "
                   "the dr came in this morning and said there are no more options. is there a "
                   "way he can get iopofosine??\nmaria"), "Maria G", "mariag@mail.example")
    _run(cfg, a, b)
    msgs = rows(cfg, "SELECT case_id, category, reasons FROM messages ORDER BY id")
    assert msgs[1]["case_id"] != msgs[0]["case_id"], msgs[1]["reasons"]


@pytest.mark.parametrize("reply", [
    "The dose is scheduled for Tuesday; our pharmacist J.S. will call you at 10 A.M. to confirm.",
    "The dose is scheduled for Tuesday; our pharmacist will call you at 10 A.M. to confirm.",
])
def test_times_and_staff_initials_in_a_reply_keep_it_in_its_thread(cfg: Config,
                                                                    reply: str) -> None:
    """(review) "10 A.M." and "our pharmacist J.S." are no patient's initials: the reply in
    R.H.'s thread stays in his case though cases A.M. and J.S. are open at the institution."""
    a = _from(make("Expanded access request - iopofosine I-131 (pt R.H.)",
                   "I request single-patient expanded access to iopofosine for R.H., a "
                   "71-year-old man with relapsed Waldenstrom macroglobulinemia.\nAnita "
                   "Kowalczyk, MD", message_id="<rh@lakeshore.example>"),
              "Kowalczyk, Anita", "akowalczyk@lakeshore.example")
    others = [_from(make(f"Expanded access request - iopofosine (pt {i})",
                         f"I request single-patient expanded access to iopofosine for {i}, a "
                         "64-year-old woman with relapsed multiple myeloma.\nPeter Lindqvist, MD"),
                    "Lindqvist, Peter", "plindqvist@lakeshore.example") for i in ("J.S.", "A.M.")]
    r = _from(make("RE: Expanded access request - iopofosine I-131 (pt R.H.)",
                   f"The shipment arrived. {reply}\n\n> I request single-patient expanded access",
                   headers={"In-Reply-To": "<rh@lakeshore.example>"}),
              "Haugen, Kristi", "khaugen@lakeshore.example")
    _run(cfg, a, *others, r)
    msgs = rows(cfg, "SELECT case_id, reasons FROM messages ORDER BY id")
    assert msgs[-1]["case_id"] == msgs[0]["case_id"], msgs[-1]["reasons"]


@pytest.mark.parametrize(("body", "expected"), [
    ("He is suffering from septic shock in the medical ward.", True),
    ("Tedaviye birkaç gün kaldı, ilacın ne zaman geleceğini öğrenebilir miyiz?", False),
    ("Kan det handla om några dagar innan ni svarar?", False),
    ("Eerst herkende hij de symptomen niet.", False),
    ("His oxygen use dropped by 60% this week.", False),
    ("He sat up today and ate 75% of his lunch.", False),
    ("Transferrin saturation 62%, ferritin normal.", False),
    ("His oxygen saturation was 84% on arrival, now 96% and he went home today.", False),
    ("이전 치료에서 위독성은 없었습니다.", False),
    ("该患者无其他疾病危险因素。", False),
    ("ICUから一般病棟に移りました。", False),
    ("Legen sier det handler om dager.", True),
    ("Lægen siger, at det drejer sig om dage.", True),
    ("Het gaat nog maar om dagen.", True),
    ("His sats are in the low 80s on 4L.", True),
])
def test_the_reviews_emergency_near_misses_and_misses(body: str, expected: bool) -> None:
    assert _in_case(body) is expected


@pytest.mark.parametrize(("body", "expected"), [
    # (dev-za5) a crisis the next words end, a planned bed, another patient of the ward
    ("Quick update on HM - intubated 11/6, extubated yesterday, back on the onc floor. Not "
     "urgent on our end anymore.", False),
    ("Anesthesia has pre-booked an ICU bed for overnight observation after the procedure; she "
     "is doing well.", False),
    ("Nottata pesante: un altro paziente del reparto in shock settico, intubato. Il sig. R.G. "
     "è stabile, ECOG 1.", False),
    # ... and what they must not hide
    ("He was intubated overnight and is on norepinephrine.", True),
    ("Another patient, Mrs. K., is now in the ICU and needs iopofosine.", True),
    ("She was moved to the ICU tonight; they have booked a bed on the ward for later.", True),
    ("The forms are not urgent, but she is in the ICU since last night.", True),
])
def test_a_crisis_that_ended_a_planned_bed_and_another_patient_of_the_ward(
        body: str, expected: bool) -> None:
    assert _in_case(body) is expected


def test_the_patient_writes_under_one_part_of_her_double_family_name(cfg: Config) -> None:
    """(dev-z81) Dr. Farrow asked for "Margaret A. Hollis-Delgado"; "Margaret Delgado" writes
    herself, "I'm the patient Dr. Farrow wrote to you about": his case. "Margaret Hollis" of
    another doctor's case is no match for a third Margaret."""
    doctor = _from(make("Expanded access request - iopofosine I 131 - pt M. Hollis-Delgado",
                        "I request expanded access to iopofosine for one of my patients.\n\n"
                        "Patient: Margaret A. Hollis-Delgado, 71 y/o F, multiple myeloma.\n"
                        "Elena Farrow, MD"), "Farrow, Elena MD", "efarrow@mvrcc.example")
    patient = _from(make("From Peggy Delgado - a few questions",
                         "This is Margaret Delgado. I'm the patient Dr. Farrow wrote to you about "
                         "for the CLR 131. Would I have to stay in the hospital alone?\nPeggy"),
                    "Margaret Delgado", "peggyhd55@mail.example")
    stranger = _from(make("a few questions", "This is Margaret Lopez. Would I have to stay in "
                          "the hospital alone for the CLR 131 treatment? I have myeloma.\nMargaret"),
                     "Margaret Lopez", "mlopez@mail.example")
    _second_joins_third_apart(cfg, doctor, patient, stranger)


@pytest.mark.parametrize(("body", "expected"), [
    # (dev-za6) a decline overnight told by a pharmacist between logistics
    ("Dr. Feld would like to dose Monday. The patient declined further overnight - she is now "
     "on 2 L oxygen - so anything you can send today would help.", True),
    # a withdrawal told with more words between
    ("He was extubated Saturday but remains very weak and chose comfort-focused care. Please "
     "consider our expanded access request for him withdrawn.", False),
    # near misses: no decline; a withdrawal that is only asked about
    ("She slept well overnight and her counts are stable.", False),
])
def test_a_decline_overnight_and_a_withdrawal_in_more_words(body: str, expected: bool) -> None:
    assert _in_case(body) is expected


def test_the_doctor_an_association_named_writes_about_the_patients_initials(cfg: Config) -> None:
    """(dev-za8) An association asks for M. Didier Lambert (lymphoma), "suivi par le Dr Thomas
    Lefebvre"; "LEFEBVRE Thomas" (the family name first, in capitals, as French directories
    write it) confirms for his lymphoma patient: the association's case. His letter about a
    myeloma patient opens its own."""
    from bot.classify.names import person_name
    assert person_name("LEFEBVRE Thomas") == "Thomas LEFEBVRE"
    assert person_name("JD Smith") == "Jd Smith"  # (initials are no family name)
    assert person_name("Dijk, P.J. van") == "P.j Dijk"  # (nor "P.J.")
    association = _from(make("Demande d'accès compassionnel - iopofosine (CLR 131)",
                             "Je vous contacte à la demande de M. Didier Lambert, 67 ans, atteint "
                             "d'un lymphome B diffus. Il est suivi au CHU de Lille par le Dr Thomas "
                             "Lefebvre. Cellectar accepte-t-elle une demande d'accès compassionnel "
                             "pour l'iopofosine ?\nHélène Marchand"),
                        "Hélène Marchand - Lympho-Solidarité", "h.marchand@lympho.example")
    doctor = _from(make("Demande d'accès compassionnel iopofosine - M. D. L. - CHU de Lille",
                        "Suite au message de l'association concernant mon patient M. D. L., atteint "
                        "d'un lymphome B diffus, je vous confirme ma demande d'accès compassionnel "
                        "à l'iopofosine.\nDr Thomas Lefebvre"), "LEFEBVRE Thomas",
                   "thomas.lefebvre@chru.example")
    other = _from(make("Demande d'accès compassionnel iopofosine - Mme A. B.",
                       "Je vous adresse ma demande d'accès compassionnel à l'iopofosine pour ma "
                       "patiente Mme A. B., 54 ans, myélome.\nDr Thomas Lefebvre"),
                  "LEFEBVRE Thomas", "thomas.lefebvre@chru.example")
    _run(cfg, association, doctor, other)
    msgs = rows(cfg, "SELECT case_id, category, reasons FROM messages ORDER BY id")
    assert msgs[1]["case_id"] == msgs[0]["case_id"], msgs[1]["reasons"]
    assert msgs[2]["case_id"] not in (msgs[0]["case_id"], None), msgs[2]["reasons"]


@pytest.mark.parametrize(("body", "expected"), [
    # (the second review) a set-aside must not hide the patient's own emergency
    ("He is on a ventilator and may never be extubated.", True),
    ("The ICU team says he cannot be extubated.", True),
    ("She is on the ventilator, they want to try to get her extubated tomorrow but the doctors "
     "are not hopeful.", True),
    ("Sigue intubado en la UCI, no ha podido ser extubado.", True),
    ("Intubated since Friday, not yet extubated. The consent forms are not urgent, but please "
     "help.", True),
    ("He is in the ICU, not extubated yet. No rush on the invoice.", True),
    ("Un altro paziente del reparto ha avuto la stessa cosa, ma ora mio padre è intubato.", True),
    ("We share a room with another patient on the ward; my wife was intubated this morning.", True),
    ("Like another patient on the ward, my father was moved to the ICU overnight.", True),
    ("They got her an ICU bed for monitoring after the procedure went wrong.", True),
    ("We have scheduled the ICU transfer; she is declining.", True),
    ("We would like to withdraw the request for the 3-dose schedule and ask for a single dose "
     "instead; she is in the ICU and deteriorating.", True),
    # ... and no refusal is a decline
    ("The patient declined overnight admission and went home.", False),
    ("She declined overnight observation after the infusion.", False),
])
def test_the_second_reviews_hidden_emergencies(body: str, expected: bool) -> None:
    assert _in_case(body) is expected


def test_family_names_in_capitals_first() -> None:
    from bot.classify.names import person_name
    assert person_name("VAN DIJK Peter") == "Peter DIJK"
    assert person_name("NGUYEN Thi Mai") == "Nguyen Mai"  # (two given names: as before)
    assert person_name("O'BRIEN Sean") == "Sean O'BRIEN"


@pytest.mark.parametrize(("body", "expected"), [
    # (dev-z82) a Turkish father: breathing that changed overnight, a boy hard to wake
    ("Oğlumun nefes alışı dün gece değişti, çok yavaş ve aralıklı nefes alıyor, bu sabah "
     "uyandırmakta zorlandık.", True),
    ("Oğlum bu hafta iyi, nefesi normal, okula gidiyor.", False),
])
def test_a_turkish_fathers_words_for_the_end_near(body: str, expected: bool) -> None:
    assert _in_case(body) is expected


def test_a_turkish_doctors_name_and_a_childs_age_find_his_case(cfg: Config) -> None:
    """(dev-z82) "Doç. Dr. Emre Yıldırım" asked for a 9-year-old; the father writes in Turkish
    about "oğlum 9 yaşında" and the doctor's request: the doctor's case (the dotless ı is a
    letter of a name). Another doctor's patient of 9 is not."""
    assert patient_marks("Doç. Dr. Emre Yıldırım 5 Kasım'da size başvuru yaptı. Oğlum 9 yaşında.") \
        .doctors == {"yıldırım"}
    doctor = _from(make("Compassionate use request - iopofosine - pediatric HGG",
                        "I request compassionate use of iopofosine for my patient, a 9-year-old "
                        "boy with high-grade glioma.\nAssoc. Prof. Dr. Emre Yıldırım"),
                   "Emre Yıldırım", "emre.yildirim@hastane.example")
    father = _from(make("Oğlum Yusuf Kaya - Dr. Emre Yıldırım'ın ilaç başvurusu",
                        "Ben Yusuf Kaya'nın babasıyım. Oğlumun doktoru Doç. Dr. Emre Yıldırım size "
                        "oğlum için ilaç (iopofosine) başvurusu yaptı. Oğlum 9 yaşında."),
                   "Murat Kaya", "muratkaya@mail.example")
    other = _from(make("Oğlum Ali - ilaç başvurusu",
                       "Oğlumun doktoru Doç. Dr. Can Demir size oğlum için ilaç (iopofosine) "
                       "başvurusu yaptı. Oğlum 9 yaşında."), "Ahmet Şahin", "asahin@mail.example")
    _second_joins_third_apart(cfg, doctor, father, other)
