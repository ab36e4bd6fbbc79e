"""Cues learnt in session 25 from new development mail (dev-za9, dev-zb1, dev-zb2, dev-zb3),
each with a near miss that must not fire: the rules learnt the turn of phrase, not the letter."""

from __future__ import annotations

from dataclasses import replace

import pytest

from bot.classify import Classification, analyse, classify
from bot.classify.analysis import Analysis
from bot.classify.patient import patient_marks
from bot.classify.rules import Rules
from bot.config import Config, load_config
from bot.model import ThreadContext
from bot.parsing import parse
from tests.mailgen import make
from tests.test_cycle import rows
from tests.test_intake import ROOT, _cls, _from, _run
from tests.test_learnt_cues_za import _in_case, _second_joins_third_apart


def _rules() -> Rules:
    return load_config(ROOT / "config.example.toml").rules


def _analysis(raw: bytes) -> Analysis:
    return analyse(parse(raw), _rules())


def _in_case_cls(subject: str, body: str, tag: str = "EA-2026-0003") -> Classification:
    """``body`` as a reply in case ``tag``'s thread under ``subject``."""
    raw = make(subject, body, headers={"In-Reply-To": "<x@clinic.example>"})
    return classify(parse(raw), _rules(), ThreadContext(case_by_message_id={"<x@clinic.example>": tag}))


def test_a_physicians_second_unrelated_request_opens_its_own_case(cfg: Config) -> None:
    """(dev-zb2) "Hello again. A second, unrelated request ... please open this separately
    from R.K.": a new case, though the physician has one open and writes "hello again"; her
    "hello again" about R.K. himself stays in his case."""
    first = _from(make("Expanded access request - CLR 131 for RRMM patient (R.K.)",
                       "I request expanded access to iopofosine for my patient R.K., a "
                       "67-year-old man with multiple myeloma.\nPriya Raman, MD"),
                  "Raman, Priya", "praman@lakeshore.example")
    second = _from(make("New EAP request - retreatment with iopofosine - L.B.",
                        "Hello again,\nA second, unrelated request from our program - please "
                        "open this separately from R.K.\nPatient L.B. (Lorraine Bishop, 64F), "
                        "RRMM. Could we request single-patient expanded access?\nPriya"),
                   "Raman, Priya", "praman@lakeshore.example")
    same = _from(make("R.K. - labs", "Hello again, attaching R.K.'s latest labs for the "
                      "request.\nPriya"), "Raman, Priya", "praman@lakeshore.example")
    _run(cfg, first, second, same)
    msgs = rows(cfg, "SELECT case_id, category, reasons FROM messages ORDER BY id")
    assert msgs[1]["category"] == "ea_request" and msgs[1]["case_id"] != msgs[0]["case_id"], \
        msgs[1]["reasons"]
    assert msgs[2]["case_id"] == msgs[0]["case_id"], msgs[2]["reasons"]


def test_a_patient_naming_a_doctor_with_another_patients_case_is_not_that_patient(
        cfg: Config) -> None:
    """(dev-zb2) Dr. Hale asked for W. Kowalski (WM); Greg Pham, "a patient of Dr. Hale",
    with WM too, writes for himself: his own request, not Mr. Kowalski's case. Mr. Kowalski
    writing for himself about Dr. Hale's request joins it."""
    doctor = _from(make("Single-patient EA request - W. Kowalski (WM)",
                        "I request single-patient expanded access to iopofosine for my patient "
                        "W.K., with Waldenstrom macroglobulinemia.\nMarcus Hale, MD"),
                   "Hale, Marcus", "mhale@lakeshore.example")
    other = _from(make("can I still get CLR 131 outside the trial?",
                       "Hi, my name is Greg Pham I have waldenstroms since 2019 and I'm a "
                       "patient of Dr. Hale at Lakeshore. Can I still get the drug even though "
                       "I'm not in the trial?\nGreg Pham"), "Greg Pham", "gpham@mail.example")
    same = _from(make("my request", "Hello, I'm a patient of Dr. Hale at Lakeshore and I have "
                      "waldenstroms. He sent you a request for me about iopofosine. Is there "
                      "any news?\nWalter Kowalski"), "Walter Kowalski", "wkowalski@mail.example")
    _run(cfg, doctor, other, same)
    msgs = rows(cfg, "SELECT case_id, category, reasons FROM messages ORDER BY id")
    assert msgs[1]["case_id"] != msgs[0]["case_id"], msgs[1]["reasons"]
    assert msgs[2]["case_id"] == msgs[0]["case_id"], msgs[2]["reasons"]


def test_a_coordinators_records_for_another_doctors_patient_join_his_case(cfg: Config) -> None:
    """(dev-zb2) A coordinator with two open cases of her own sends "records for Dr. Hale's WM
    patient Walter Kowalski - the request he emailed you ... NOT the same person as Dorothy
    Kowalski": Dr. Hale's case, not hers, and not the one of the patient she names as not
    hers."""
    hale = _from(make("EA request - Walter Kowalski (WM)",
                      "I request single-patient expanded access to iopofosine for my patient "
                      "Walter Kowalski, 74, with Waldenstrom macroglobulinemia.\nMarcus Hale, MD"),
                 "Hale, Marcus", "mhale@lakeshore.example")
    daughter = _from(make("my mother Dorothy Kowalski", "Can my mother Dorothy Kowalski, who has "
                          "multiple myeloma, get iopofosine? Her doctor is Dr. Bhatt.\nAnna "
                          "Kowalski"), "Anna Kowalski", "annak@mail.example")

    def coordinator(subject: str, body: str) -> bytes:
        return _from(make(subject, body + "\n\nJenna\n\nJenna Morales, CCRP\nClinical Research "
                          "Coordinator II\nHematologic Malignancies Clinical Research Office"),
                     "Morales, Jenna", "jmorales@lakeshore.example")
    first = coordinator("EA request - J.M. (DLBCL)", "On behalf of Dr. Lindqvist I request "
                        "expanded access to iopofosine for patient J.M., 58, with DLBCL.")
    second = coordinator("EA request - J.M. (myeloma)", "A second, separate request: patient "
                         "J.M., 71, with myeloma, for Dr. Bhatt. Expanded access to iopofosine.")
    records = coordinator("Records - Dr. Hale WM patient W. Kowalski",
                          "Dr. Hale asked me to send supporting records for his WM patient "
                          "Walter Kowalski - the request he emailed you on Monday. Please note "
                          "this is NOT the same person as Dorothy Kowalski (Dr. Bhatt's myeloma "
                          "patient).")
    _run(cfg, hale, daughter, first, second, records)
    msgs = rows(cfg, "SELECT case_id, category, reasons FROM messages ORDER BY id")
    assert len({m["case_id"] for m in msgs[:4]}) == 4, [m["reasons"] for m in msgs]
    assert msgs[4]["case_id"] == msgs[0]["case_id"], msgs[4]["reasons"]


@pytest.mark.parametrize(("text", "names"), [
    # a sign-off above its signature is no name, nor a department's words
    ("Best,\nJenna\n\nJenna Morales, CCRP\nHematologic Malignancies Clinical Research Office",
     {"Jenna Morales"}),
    # a name wrapped at the end of a line still is one
    ("I write about my father John\nSmith, who has myeloma.", {"John Smith"}),
])
def test_no_name_across_a_blank_line_or_from_a_department(text: str, names: set[str]) -> None:
    assert set(patient_marks(text).names) == names


@pytest.mark.parametrize(("body", "expected"), [
    # (dev-zb2) an ongoing decline in a case's reply
    ("We'd like to dose Monday if at all possible - she is still declining (more dysphagia "
     "today, NG tube discussed).", True),
    ("He is still getting worse.", True),
    # a refusal, not a decline
    ("She's still declining the offer of hospice; we will talk again next week.", False),
])
def test_a_decline_that_goes_on(body: str, expected: bool) -> None:
    assert _in_case(body) is expected


@pytest.mark.parametrize(("body", "expected"), [
    # (dev-zb3) a family's words for the end near, as a new request
    ("Please i am writing for my husband Emeka 52yrs. He has lymphoma. Yesterday the doctors "
     "said we should bring the family. Please can they give him iopofosine?", True),
    ("My mother have multiple myeloma. Doctor say no more time, maybe one or two weeks only. "
     "Can you send the medicine CLR 131?", True),
    # near misses: the family asked along to a visit; weeks a form needs
    ("My husband has lymphoma. The doctors said to bring the family to the meeting on Tuesday. "
     "Can he get iopofosine?", False),
    ("My mother has myeloma. The hospital said it will need two weeks more for the forms. "
     "Can she get CLR 131?", False),
])
def test_the_end_near_in_a_familys_plain_words(body: str, expected: bool) -> None:
    cls = _cls(make("please help", body))
    assert cls.emergency is expected, cls.reasons


@pytest.mark.parametrize(("body", "expected"), [
    # (dev-zb1) a safety system's and a laboratory's automatic alerts about a subject on our drug
    ("Case number: 2026-CLRB-000318\nStudy: CLR-131-WM-EXT\nSite / subject: 112 / 112-004\n"
     "Suspect product: iopofosine I 131\nEvent(s) (MedDRA): Febrile neutropenia\n"
     "Seriousness: Hospitalization", True),
    ("Protocol: CLR-131-MM (iopofosine I 131)\nResearch subject: 118-007\nTest: PLATELET "
     "COUNT\nResult: 14 K/uL [CRITICAL LOW]", True),
    # no event: a product named, a normal result
    ("Suspect product: iopofosine I 131\nCase status: closed, no new information", False),
    ("Protocol: CLR-131-MM (iopofosine I 131)\nResearch subject: 118-007\nTest: PLATELET "
     "COUNT\nResult: 214 K/uL", False),
])
def test_a_safety_systems_alert_about_a_subject_on_our_drug(body: str, expected: bool) -> None:
    raw = make("Automated notification", body, headers={"Auto-Submitted": "auto-generated"})
    cls = _cls(raw)
    assert cls.category.value == "auto_reply", cls.reasons
    assert cls.adverse_event is expected, cls.reasons


@pytest.mark.parametrize(("body", "role"), [
    # (dev-zb3) a nurse writes as a daughter
    ("My name is Maricel Dizon, I am a staff nurse working in Riyadh. I am writing on behalf of "
     "my mother, Mrs. Lourdes Dizon, 64, who has multiple myeloma. Can she receive iopofosine "
     "through compassionate use?\nMaricel Dizon, RN", "patient_or_family"),
    # (dev-zb3, dev-za9) a brother in Arabic, a husband in Portuguese
    ("أكتب لكم بخصوص أخي خالد، عمره 49 سنة، مريض بالليمفوما. نرجو السماح له بالحصول على دواء "
     "CLR 131 (compassionate use).", "patient_or_family"),
    ("Escrevo por causa da minha mulher, Ana Paula, de 48 anos, com leiomiossarcoma. Há "
     "possibilidade de uso compassivo de iopofosine para ela?", "patient_or_family"),
    # (dev-zb3, dev-zb1) a facilitation company's and an access provider's staff
    ("We are writing on behalf of our patient Mr. Haider Al-Zubaidi (61/M), relapsed myeloma. "
     "Please confirm whether he can be considered for compassionate use of CLR 131.\nBest "
     "Regards,\nNeha Sharma\nSenior Patient Coordinator - International Patient Services\n"
     "MediBridge Global Health Pvt. Ltd.", "other"),
    ("We would like to ask whether Cellectar would supply iopofosine for a named patient of "
     "Prof. Shalev; the treating physician can import it for his patient.\nKind regards,\n"
     "Sophie Klein\nSenior Access Manager\nMeridian Early Access Ltd.", "other"),
    # near miss: a physician signing as one
    ("I request compassionate use of iopofosine for my patient, a 61-year-old man with "
     "relapsed myeloma.\nBest regards,\nDr. Neha Sharma\nConsultant Haematologist", "physician"),
])
def test_roles_a_nurse_daughter_kin_in_arabic_and_portuguese_facilitators(body: str,
                                                                          role: str) -> None:
    cls = _cls(make("Compassionate use request - iopofosine", body))
    assert cls.role is not None and cls.role.value == role, cls.reasons


@pytest.mark.parametrize(("sender", "body", "expected"), [
    # (dev-zb2) the patient writes: her own name's initials are the patient's
    ("Greg Pham", "My name is Greg Pham I have waldenstroms since 2019.", {"GP"}),
    # not a mother whose Polish letter says her daughter "choruje" (is ill), nor a web form
    # relaying a patient's words, nor a physician's "single-patient EA."
    ("Anna Wiśniewska", "Moja 6-letnia córka Zofia choruje na neuroblastomę. Czy może "
     "otrzymać iopofosine?", set()),
    ("Sabine Krüger", "ich bin die Mutter von Leon, für den Dr. Vogt Ihnen geschrieben hat. Leon "
     "geht es viel schlechter.", set()),
    ("Cellectar Website", "I'm 34 and I have sarcoma. Can I get iopofosine outside the trial?",
     set()),
    ("Dr. Kevin Marsh", "Tanya Brooks, 58, has WM; I would like to request single-patient EA. "
     "Please send the forms.", set()),
])
def test_a_patients_own_initials_only_when_the_patient_writes(sender: str, body: str,
                                                             expected: set[str]) -> None:
    raw = _from(make("iopofosine", body), sender, "someone@mail.example")
    analysis = _analysis(raw)
    assert set(analysis.patient.initials) == expected


@pytest.mark.parametrize(("body", "expected"), [
    # (dev-za9) the reply's subject still says ICU; its body says the emergency is over
    ("She was extubated yesterday afternoon and is off pressors. So this is no longer an "
     "emergency IND situation; we would still like to pursue expanded access.", False),
    # the body's own news still counts
    ("So this is no longer an emergency IND situation, but she was intubated again tonight.",
     True),
    ("Thanks for the call. Records follow next week.", True),
])
def test_a_replys_inherited_subject_and_a_body_that_says_it_is_over(body: str,
                                                                    expected: bool) -> None:
    cls = _in_case_cls("RE: Emergency IND request - iopofosine - pt in ICU - please call tonight",
                       body, "EA-2026-0007")
    assert cls.emergency is expected, cls.reasons


# The fresh-eyes review of this session's rules: what they missed or wrongly fired on.

@pytest.mark.parametrize("note", [
    "Please note he is not related to Dorothy Kowalski (Dr. Bhatt's myeloma patient).",
    "Please don't confuse him with Dorothy Kowalski (Dr. Bhatt's myeloma patient).",
    "Bitte beachten Sie: das ist NICHT dieselbe Person wie Dorothy Kowalski (Dr. Bhatt).",
    "Attention : ce n'est PAS la même personne que Dorothy Kowalski (Dr Bhatt, myélome).",
    "Atención: NO es la misma persona que Dorothy Kowalski (paciente del Dr. Bhatt).",
])
def test_the_patient_a_letter_is_not_about_in_more_words(cfg: Config, note: str) -> None:
    hale = _from(make("EA request - Walter Kowalski (WM)",
                      "I request single-patient expanded access to iopofosine for my patient "
                      "Walter Kowalski, 74, with Waldenstrom macroglobulinemia.\nMarcus Hale, MD"),
                 "Hale, Marcus", "mhale@lakeshore.example")
    daughter = _from(make("my mother Dorothy Kowalski", "Can my mother Dorothy Kowalski, who has "
                          "multiple myeloma, get iopofosine? Her doctor is Dr. Bhatt.\nAnna "
                          "Kowalski"), "Anna Kowalski", "annak@mail.example")
    records = _from(make("Records - W. Kowalski", "Dr. Hale asked me to send supporting records "
                         "for his WM patient Walter Kowalski - the request he emailed you on "
                         f"Monday. {note}\nJenna Morales, CCRP"), "Morales, Jenna",
                    "jmorales@lakeshore.example")
    _run(cfg, hale, daughter, records)
    msgs = rows(cfg, "SELECT case_id, reasons FROM messages ORDER BY id")
    assert msgs[2]["case_id"] == msgs[0]["case_id"], msgs[2]["reasons"]


@pytest.mark.parametrize(("text", "initials"), [
    ("Patient initials: MR, 67", {"MR"}),
    ("for patient PD (67M, WM)", {"PD"}),
    ("Patient: EA, 45", {"EA"}),
    ("I would like to request single-patient EA. Please send the forms.", set()),
    ("a named-patient IV supply", set()),
])
def test_bare_initials_after_patient_but_not_single_patient_ea(text: str,
                                                              initials: set[str]) -> None:
    assert set(patient_marks(text).initials) == initials


@pytest.mark.parametrize("body", [
    "Following up on our request for R.K.: his PET-CT report is attached as a zip file - you "
    "may need to open it separately.",
    "Following up on R.K. - this is the same patient, please do not open this as a separate case.",
    "Following up on our request for R.K. Also an unrelated request: could you send the pharmacy "
    "manual?",
    # (and an own case's diagnosis told otherwise is the same patient)
    "J.D. here: no, R.K. (lymphoplasmacytic lymphoma, as you know) has a rising IgM again and we "
    "would still very much like iopofosine for him.",
])
def test_a_follow_up_that_only_sounds_like_a_new_patient(cfg: Config, body: str) -> None:
    first = _from(make("Expanded access request - CLR 131 (R.K.)",
                       "I request expanded access to iopofosine for my patient R.K., a "
                       "67-year-old man with Waldenstrom macroglobulinemia.\nPriya Raman, MD"),
                  "Raman, Priya", "praman@lakeshore.example")
    again = _from(make("R.K.", body + "\nPriya"), "Raman, Priya", "praman@lakeshore.example")
    _run(cfg, first, again)
    msgs = rows(cfg, "SELECT case_id, category, reasons FROM messages ORDER BY id")
    assert msgs[1]["case_id"] == msgs[0]["case_id"], msgs[1]["reasons"]


@pytest.mark.parametrize(("sender", "body"), [
    ("Maria Lopez", "My stepfather has Waldenstrom macroglobulinemia. I have read about "
     "iopofosine. Can he get it?"),
    ("Lucía García", "Mi suegro tiene mieloma múltiple. ¿Puede recibir iopofosina por uso "
     "compasivo? Tengo 45 años y me ocupo de él."),
    ("Anna Weber", "Mein Lebensgefährte hat ein multiples Myelom. Kann er iopofosine im "
     "Härtefallprogramm bekommen? Ich bin 60 Jahre alt."),
    ("Jenna Morales", "I am the office manager for Dr. Hale. My doctor asked me to send the "
     "records for his patient's iopofosine request."),
    ("Jenna Morales", "Hi, I'm Dr. Hale's assistant; my physician asked me to follow up on his "
     "iopofosine request."),
])
def test_a_relative_or_staff_is_not_the_patient(sender: str, body: str) -> None:
    raw = _from(make("iopofosine", body), sender, "someone@mail.example")
    analysis = _analysis(raw)
    assert not analysis.patient.initials, analysis.role


@pytest.mark.parametrize(("body", "expected"), [
    ("The doctor told us to bring in the family.", True),
    ("The doctors said we should bring the whole family.", True),
    ("Doctor say maybe a week or two only.", True),
    ("Doctor says no time left.", True),
    ("She continues to decline (more dysphagia today).", True),
    ("She keeps declining.", True),
    ("Die Ärzte haben gesagt, wir sollen die Familie holen.", True),
    ("Es geht ihr immer noch schlechter.", True),
    ("Les médecins nous ont dit de faire venir la famille.", True),
    ("Sigue empeorando.", True),
    ("Ci hanno detto di chiamare la famiglia.", True),
    ("Hij gaat nog steeds achteruit.", True),
    ("Lekarze mówią: może tydzień lub dwa.", True),
    ("His kidney function is still declining slowly but he is at home and eating.", False),
    ("His platelet count is still declining.", False),
    ("He is still declining surgery.", False),
    ("We have to wait perhaps two weeks more for the scan results.", False),
    ("Only two weeks more until his next appointment.", False),
    ("The doctor said we should bring the family meeting forward.", False),
])
def test_the_reviews_emergency_variants_and_near_misses(body: str, expected: bool) -> None:
    assert _in_case(body) is expected


@pytest.mark.parametrize(("body", "expected"), [
    ("Study: ABC-201 (venetoclax, AbbVie)\nSite / subject: 112 / 112-004\nEvent(s) (MedDRA): "
     "Febrile neutropenia\nSeriousness: Hospitalization", False),
    ("Protocol: ABC-201 (venetoclax)\nResearch subject: 118-007\nTest: PLATELET COUNT\n"
     "Result: 14 K/uL [CRITICAL LOW]", False),
    ("Suspect Product Name: iopofosine I 131\nEvent: febrile neutropenia, hospitalised", True),
    ("14. SUSPECT DRUG(S) (include generic name): iopofosine I 131\nReaction: febrile "
     "neutropenia", True),
    ("Verdächtiges Arzneimittel: Iopofosin I 131\nEreignis: febrile Neutropenie, stationär", True),
    ("Protocol: CLR-131-MM (iopofosine I 131)\nResearch subject: 118-007\nTest: POTASSIUM\n"
     "Result: 6.9 mmol/L [CRITICAL HIGH]", True),
])
def test_a_machines_safety_report_names_our_drug(body: str, expected: bool) -> None:
    cls = _cls(make("Automated notification", body, headers={"Auto-Submitted": "auto-generated"}))
    assert cls.adverse_event is expected, cls.reasons


@pytest.mark.parametrize(("body", "role"), [
    ("My patient's daughter contacted me; her note said: \"I am writing on behalf of my mother, "
     "who cannot use email.\" I am the treating hematologist and I request expanded access to "
     "iopofosine for her mother, 67, with myeloma.\nMark Davis, MD", "physician"),
    ("I am writing on behalf of my family medicine colleagues. Our patient, 67, has myeloma; I "
     "request expanded access to iopofosine.\nMark Davis, MD", "physician"),
    ("I am writing on behalf of my partner, Dr. Lisa Chen, who is away. Her patient, 67, has "
     "myeloma; we request expanded access to iopofosine.\nMark Davis, MD", "physician"),
    ("I am reaching out on behalf of my elderly mother, 80, who has myeloma. Can she get "
     "iopofosine?\nSara Lin, RN", "patient_or_family"),
    ("I am writing on my mother's behalf: she has myeloma. Can she get iopofosine?\nSara Lin, RN",
     "patient_or_family"),
])
def test_the_reviews_roles(body: str, role: str) -> None:
    cls = _cls(make("Expanded access - iopofosine", body))
    assert cls.role is not None and cls.role.value == role, cls.reasons


def test_a_dose_never_given_is_no_exposure() -> None:
    cls = _cls(make("my father", "My father was approved for iopofosine but he never actually got "
                    "the dose. He was admitted to hospital with pneumonia on Monday. Can he still "
                    "get it?"))
    assert cls.adverse_event is False, cls.reasons


def test_a_wife_writes_about_the_doctor_she_misspells(cfg: Config) -> None:
    """(dev-zb4) Dr. Raman asked for T.P.; Tom's wife writes "Dr Ramen gave me this email ...
    Tom got the medicine on Monday ... his platelets were very low": linked to his case for a
    human to confirm (a misspelt doctor is a hint: Hanson and Hansen are two doctors), an
    adverse event. A letter naming "Dr Roman" and another patient is not linked."""
    doctor = _from(make("EA request - T.P. (myeloma)", "I request single-patient expanded access "
                        "to iopofosine for my patient T.P., a 71-year-old man with myeloma.\n"
                        "Anita Raman, MD"), "Anita Raman, MD", "araman@lakeshore.example")
    wife = _from(make("Tom Parker", "Hi this is Linda Parker Tom Parker's wife Dr Ramen gave me "
                      "this email. Thank you for letting Tom get CLR 131, he got the medicine on "
                      "Monday the 16th. Saturday his gums "
                      "were bleeding and they said his platelets were very low and gave him a "
                      "transfusion.\nLinda"), "Linda Parker", "lparker@mail.example")
    other = _from(make("Sam Ortiz", "Hi this is Ana Ortiz, Sam Ortiz's wife. Dr Roman told us "
                       "about iopofosine. Can Sam get it?\nAna"), "Ana Ortiz", "aortiz@mail.example")
    _run(cfg, doctor, wife, other)
    msgs = rows(cfg, "SELECT m.case_id, m.adverse_event, m.reasons, c.linked_case_id FROM "
                     "messages m LEFT JOIN cases c ON c.id = m.case_id ORDER BY m.id")
    assert msgs[1]["case_id"] == msgs[0]["case_id"] or \
        msgs[1]["linked_case_id"] == msgs[0]["case_id"], msgs[1]["reasons"]
    assert msgs[1]["adverse_event"] == 1, msgs[1]["reasons"]
    assert msgs[2]["case_id"] != msgs[0]["case_id"] and \
        msgs[2]["linked_case_id"] != msgs[0]["case_id"], msgs[2]["reasons"]


def test_a_doctor_whose_name_sounds_alike_is_only_a_hint(cfg: Config) -> None:
    """(the review of session 25) Dr. Hansen's case of J.M., 66, with WM; Kate Miller's "my
    mother Joan Miller has Waldenstrom and her oncologist Dr. Hanson": not attached to Dr.
    Hansen's case (at most linked for review)."""
    doctor = _from(make("EA request - J.M.", "I request expanded access to iopofosine for my "
                        "patient J.M., a 66-year-old woman with Waldenstrom.\nErik Hansen, MD"),
                   "Erik Hansen, MD", "ehansen@clinic.example")
    daughter = _from(make("my mother", "My mother Joan Miller has Waldenstrom and her "
                          "oncologist Dr. Hanson says there is nothing left. Can she get CLR "
                          "131?\nKate Miller"), "Kate Miller", "kmiller@mail.example")
    _run(cfg, doctor, daughter)
    msgs = rows(cfg, "SELECT case_id, category, reasons FROM messages ORDER BY id")
    assert msgs[1]["category"] == "ea_request" and msgs[1]["case_id"] != msgs[0]["case_id"], \
        msgs[1]["reasons"]


@pytest.mark.parametrize(("text", "cued", "doctors", "ages"), [
    ("My name is Karen Sorensen, I'm Harold (Hal) Jensen's niece in Tucson.", {"Harold Jensen"},
     set(), set()),
    ("Please see Dr. Smith's office.", set(), {"smith"}, set()),
    ("via dr. Van der Meulen (Isala, Zwolle)", set(), {"meulen"}, set()),
    ("Hij was 78 en wist dat het een gok was.", set(), set(), {78}),
    ("Er war 81 und sehr tapfer.", set(), set(), {81}),
    ("He was 5 minutes late.", set(), set(), set()),
])
def test_a_niece_a_dutch_doctor_and_ages_in_other_words(text: str, cued: set[str],
                                                         doctors: set[str], ages: set[int]) -> None:
    marks = patient_marks(text)
    assert (set(marks.cued), set(marks.doctors), set(marks.ages)) == (cued, doctors, ages)


@pytest.mark.parametrize(("subject", "body", "expected"), [
    # (dev-zb4) a family's own words for the dose, and the event later in the letter
    ("my husband Jin-ho Lee", "My husband get the medicine on Friday 13. He come home Tuesday. "
     "From Sunday both his ankle is swelling big and many small red spots on the legs.", True),
    # (dev-zb4) a participant's husband asks about a refund and tells of side effects
    ("reimbursement for travel - Lourdes Santiago (WM study)", "She is patient in the WM study. "
     "We did not receive anything since September for the gas. Also since the second dose my "
     "wife has very dry mouth and the side of her neck is swollen.", True),
    # (dev-zb5) a daughter's gentle words for her father's death twelve days after the dose
    ("Mijn vader", "Ik wil jullie laten weten dat mijn vader op zondag rustig is ingeslapen in het "
     "ziekenhuis, twaalf dagen na de behandeling.", True),
    # near miss: a dose not yet given
    ("my father", "He is approved but did not get the medicine yet. He was admitted with a "
     "fever.", False),
])
def test_adverse_events_in_a_familys_words_in_a_case(subject: str, body: str,
                                                     expected: bool) -> None:
    cls = _in_case_cls("Re: " + subject, body, "EA-2026-0004")
    assert cls.adverse_event is expected, cls.reasons


@pytest.mark.parametrize(("body", "expected"), [
    ("Dr. Okafor tell me if no new medicine maybe only few weeks.", True),
    ("They told us she has only a few days.", True),
    ("The doctor said a few days ago that the forms were sent.", False),
    ("The doctor said a few weeks for the paperwork.", False),
])
def test_the_doctors_few_weeks(body: str, expected: bool) -> None:
    assert _in_case(body) is expected


def test_an_excluded_patient_with_strong_evidence_stays_a_case() -> None:
    """(dev-zb5) "they said i can't do it ... maybe the company can give it anyway outside the
    trial??": the text model doubts (p 0.26), the rules' score is 8 with a patient: a review
    case whose clock runs, not a message filed as other."""
    cls = _cls(make("excluded from clover trial", "hi. i have waldenstroms since 2018 and went to "
                    "screening for your study at stanford in october, they said i can't do it "
                    "because i had CAR-T in a trial last year (it didn't work). my dr at stanford "
                    "said maybe the company can give it anyway outside the trial?? is that a "
                    "thing. i'm 58, still working, igm keeps going up and i've run out of stuff "
                    "to try honestly. who do i talk to\n\ntamara\n\nSent from my iPhone"))
    assert cls.category.value == "ea_request" and cls.needs_review, cls.reasons


@pytest.mark.parametrize(("body", "expected"), [
    # a fax about a subject with no drug named came to our mailbox: ours
    ("FAX from Mercy Lakes ED\nRe: Research Subject 104-019\nPresented to our ED with fever and "
     "hypotension, admitted.", True),
    # a subject of another sponsor's study, its drug named on the protocol line
    ("Protocol: ABC-201 (venetoclax)\nResearch subject: 118-007\nPresented to the ED with fever, "
     "admitted.", False),
])
def test_a_machine_alert_on_a_subject_number(body: str, expected: bool) -> None:
    cls = _cls(make("Notification", body, headers={"Auto-Submitted": "auto-generated"}))
    assert cls.adverse_event is expected, cls.reasons


def test_a_wife_writes_for_the_husband_who_wrote_as_gerry_k(cfg: Config) -> None:
    """(dev-zb6) "gerry k" wrote "my name is gerry kowalczyk i have multiple myeloma ... im 68";
    his wife writes from her own address about "My husband Gerald J. Kowalczyk": his case. A
    stranger's husband of another name is not attached."""
    gerry = _from(make("clr131", "hi my name is gerry kowalczyk i have multiple myeloma since "
                       "2017. they said my platelets are too low so im excluded from the trial. "
                       "is there a way to still get clr131 outside the trial. im 68.\ngerry"),
                  "gerry k", "gkowal58@mail.example")
    wife = _from(make("Gerald Kowalczyk", "My husband Gerald J. Kowalczyk sent you an email "
                      "yesterday from his phone about getting the drug even though the trial "
                      "turned him down. Please use this email instead.\nDonna Kowalczyk"),
                 "Donna Kowalczyk", "donnak@mail.example")
    other = _from(make("Gerald Novak", "My husband Gerald Novak has myeloma and the trial turned "
                       "him down. Can he get iopofosine outside the trial?\nMary Novak"),
                  "Mary Novak", "mnovak@mail.example")
    _second_joins_third_apart(cfg, gerry, wife, other)


def test_the_doctor_reports_on_mrs_dunn_of_his_hollis_dunn_case(cfg: Config) -> None:
    """(dev-zb6) Dr. Venkataraman has two open cases; his safety report on "the EA patient
    treated under our single-patient IND (Mrs. Dunn, 71F, first fraction of iopofosine given
    11/24)" is news of M. Hollis-Dunn's case, not a new request."""
    doc = ("Rajesh Venkataraman MD", "rvenkataraman@bhlex.example")
    first = _from(make("EA request - M. Hollis-Dunn", "I request single-patient expanded access "
                       "to iopofosine for my patient Mrs. Margaret Hollis-Dunn, a 71-year-old "
                       "woman with penta-refractory myeloma."), *doc)
    second = _from(make("EA request - R.T.", "A second, separate request: my patient R.T., a "
                        "64-year-old man with DLBCL. Expanded access to iopofosine."), *doc)
    report = _from(make("EA patient - hospital admission (safety)", "Reporting for the EA "
                        "patient treated under our single-patient IND (Mrs. Dunn, 71F, first "
                        "fraction of iopofosine given 11/24/2026). She presented to our ED with "
                        "a nosebleed; platelets 14K. Please let me know where to send the "
                        "MedWatch form."), *doc)
    _run(cfg, first, second, report)
    msgs = rows(cfg, "SELECT case_id, category, adverse_event, reasons FROM messages ORDER BY id")
    assert msgs[2]["case_id"] == msgs[0]["case_id"], msgs[2]["reasons"]
    assert msgs[2]["adverse_event"] == 1, msgs[2]["reasons"]


def test_the_doctor_sent_you_the_official_request() -> None:
    rules = _rules()
    said = analyse(parse(make("PICU", "Dr. Raman sent you the official request on Wednesday.")),
                   rules)
    assert said.followup_phrase is not None
    none = analyse(parse(make("PICU", "Dr. Raman will send you the request on Wednesday.")), rules)
    assert none.followup_phrase is None


# The second fresh-eyes review of this session's rules.

@pytest.mark.parametrize(("value", "addr", "name"), [
    ("Okafor, Samuel (NIH/NCI) [E] <samuel.okafor@nih.gov>", "samuel.okafor@nih.gov",
     "Okafor, Samuel (NIH/NCI) [E]"),
    ("Okafor; Samuel <s@x.org>", "s@x.org", "Okafor; Samuel"),
])
def test_a_from_header_the_parser_splits_keeps_its_address(value: str, addr: str,
                                                           name: str) -> None:
    msg = parse(f"From: {value}\nTo: clinical@x.example\nSubject: x\n\nhi\n".encode())
    assert (msg.from_addr, msg.from_name) == (addr, name)


@pytest.mark.parametrize(("text", "ages"), [
    ("Zij is 2 keer opgenomen in het ziekenhuis.", set()),
    ("Sie war 6 Monate in Remission.", set()),
    ("Een update over P.V.: hij is 12 kilo afgevallen.", set()),
    ("Hij is nu 78.", {78}),
])
def test_a_pronouns_age_only_at_the_clauses_end(text: str, ages: set[int]) -> None:
    assert set(patient_marks(text).ages) == ages


@pytest.mark.parametrize(("text", "cued"), [
    ("Dr. Anna Lopez's husband has myeloma.", set()),
    ("I am writing as Mary Smith's daughter-in-law.", {"Mary Smith"}),
])
def test_a_possessive_names_the_patient_only_in_the_writers_words(text: str,
                                                                  cued: set[str]) -> None:
    assert set(patient_marks(text).cued) == cued


@pytest.mark.parametrize(("sender", "body", "initials", "ages"), [
    ("Linda Jones", "Hi, my name is Linda Sue Jones and I have Waldenstrom. Can I get "
     "iopofosine?", {"LJ"}, set()),
    ("Maria Ruiz", "Hello, my name is Maria del Carmen Ruiz, I have myeloma. Can I get "
     "iopofosine outside the trial?", {"MR"}, set()),
    ("Greg Pham", "My name is not important. I have waldenstroms. Can I get iopofosine outside "
     "the trial?", {"GP"}, set()),
    ("Greg Pham", "I have waldenstroms and I'm 30 lbs lighter. Can I get iopofosine outside "
     "the trial?", {"GP"}, set()),
    ("Anna Kowalski", "My father, R.J. Kowalski (74), has myeloma. Can he get iopofosine?\n"
     "Anna Kowalski", {"RJ"}, {74}),
])
def test_the_patients_own_name_and_age_and_a_relatives_initials(
        sender: str, body: str, initials: set[str], ages: set[int]) -> None:
    raw = _from(make("iopofosine", body), sender, "someone@mail.example")
    marks = _analysis(raw).patient
    assert (set(marks.initials), set(marks.ages)) == (initials, ages)


def test_a_plan_to_dose_is_no_dose_of_a_new_patient(cfg: Config) -> None:
    """A physician with one open case asks for a second patient who "can get the infusion on
    Monday the 14th" if approved: a new request, not news of the first patient."""
    doc = ("Raman, Priya", "praman@lakeshore.example")
    first = _from(make("EA request (R.K.)", "I request expanded access to iopofosine for my "
                       "patient R.K., a 67-year-old man with multiple myeloma."), *doc)
    second = _from(make("EA request", "I request expanded access to iopofosine for my patient "
                        "with Waldenstrom macroglobulinemia, refractory to BTK inhibitors. If "
                        "approved she can get the infusion on Monday the 14th at our infusion "
                        "center."), *doc)
    _run(cfg, first, second)
    msgs = rows(cfg, "SELECT case_id, category, reasons FROM messages ORDER BY id")
    assert msgs[1]["category"] == "ea_request" and msgs[1]["case_id"] != msgs[0]["case_id"], \
        msgs[1]["reasons"]


@pytest.mark.parametrize(("body", "expected"), [
    ("Could he get the medicine on Monday if his doctor sends the forms this week? He is very "
     "weak and has a fever.", False),
    ("My husband was approved for CLR 131 in April, but he died before the first dose. He had "
     "been very weak with pneumonia since his second dose of daratumumab.", False),
    ("My husband was enrolled in your CLR 131 study in April, but he did not receive anything: "
     "he developed pneumonia during screening week and died on May 3.", False),
])
def test_the_reviews_false_adverse_events(body: str, expected: bool) -> None:
    cls = _cls(make("iopofosine", body))
    assert cls.adverse_event is expected, cls.reasons


@pytest.mark.parametrize(("body", "expected"), [
    ("Mijn vader kreeg op 3 mei de eerste dosis CLR 131. Hij is gisteren rustig ingeslapen.",
     True),
    ("Mijn vader wacht nog op het besluit over CLR 131. Twee jaar na de behandeling met "
     "rituximab kreeg hij koorts en een longontsteking; dat is nu over.", False),
])
def test_dutch_words_for_a_death_and_another_drugs_treatment(body: str, expected: bool) -> None:
    cls = _in_case_cls("Re: mijn vader", body, "EA-2026-0003")
    assert cls.adverse_event is expected, cls.reasons


@pytest.mark.parametrize(("body", "expected"), [
    ("Protocol: CLOVER-WaM (Phase 2b)\nResearch subject: 118-007\nTest: PLATELET COUNT\n"
     "Result: 14 K/uL [CRITICAL LOW]", True),
    ("Protocol No.: ABC-201 (venetoclax)\nResearch subject: 118-007\nTest: PLATELET COUNT\n"
     "Result: 14 K/uL [CRITICAL LOW]", False),
    ("Protocol: ABC-201 - venetoclax in relapsed CLL\nResearch subject: 118-007\nTest: PLATELET "
     "COUNT\nResult: 14 K/uL [CRITICAL LOW]", False),
])
def test_a_protocol_line_that_names_another_drug(body: str, expected: bool) -> None:
    cls = _cls(make("Critical value", body, headers={"Auto-Submitted": "auto-generated"}))
    assert cls.adverse_event is expected, cls.reasons


@pytest.mark.parametrize(("body", "expected"), [
    ("Dr. Okafor tell me he have only few weeks.", True),
    ("Dr. Van der Berg told me maybe only few weeks.", True),
    ("The doctor says he has maybe two or three weeks.", True),
    ("Dr. Okafor said a few weeks of radiation comes first.", False),
    ("The doctors told us a few days of rest and then he can travel.", False),
    ("They said a few weeks is normal for insurance approval.", False),
])
def test_the_doctors_weeks_in_more_words(body: str, expected: bool) -> None:
    assert _in_case(body) is expected


@pytest.mark.parametrize(("body", "expected"), [
    # (dev-zb7) the next slot is too late for him; a stay the next sentence ends
    ("If it misses tomorrow the next manufacturing slot is next week, and I'm not sure he has "
     "that.", True),
    ("She may not survive until the next shipment.", True),
    ("Pierre a passé cinq jours en réanimation fin octobre. Il en est sorti le 30 octobre, il est "
     "rentré à la maison.", False),
    ("Pierre est en réanimation depuis hier. Il en est sorti une fois déjà l'an dernier.", True),
    ("Ayer se trasladó desde la UCI a planta de Hematología.", False),
])
def test_the_slot_he_may_not_live_to_and_a_stay_that_ended(body: str, expected: bool) -> None:
    assert _in_case(body) is expected


def test_an_attached_discharge_report_under_a_letter_that_says_it_is_over() -> None:
    """(dev-zb7) "fue extubado ... se trasladó desde la UCI a planta ... Actualmente está
    estable" with the ICU discharge report attached ("Motivo de ingreso: insuficiencia
    respiratoria"): no emergency, and no flag model overrules it. The same report under a
    letter that says nothing of the kind stays an emergency."""
    rules = _rules()
    report = ("\n[attached]\nINFORME DE ALTA\nMotivo de ingreso: insuficiencia respiratoria aguda "
              "por neumonía bilateral; intubación orotraqueal.")
    over = parse(make("RE: Solicitud de uso compasivo - paciente A.S.G.", "El paciente fue "
                      "extubado el jueves y ayer se trasladó desde la UCI a planta. Actualmente "
                      "está estable."))
    over = replace(over, attachment_text=report.split("]\n", 1)[1])
    assert analyse(over, rules).emergency[0] is False
    live = parse(make("RE: Solicitud de uso compasivo - paciente A.S.G.", "Les adjunto el "
                      "informe."))
    live = replace(live, attachment_text=report.split("]\n", 1)[1])
    assert analyse(live, rules).emergency[0] is True


def test_a_patient_writes_again_after_his_web_form() -> None:
    rules = _rules()
    again = analyse(parse(make("my request", "hi this is dale hutchins again, i filled out the "
                               "form on your website last sunday.")), rules)
    assert again.followup_phrase is not None
    first = analyse(parse(make("request", "Hi, I am Dale Hutchins. Please fill out the form on "
                               "your website for me.")), rules)
    assert first.followup_phrase is None


def test_a_trial_patient_in_the_er_with_a_bleed_for_hours() -> None:
    """(dev-zb8) A participant in the ER: "a nosebleed for almost 3 hours that will not stop ...
    my platelets are 9": an emergency (how long a symptom lasted is no deadline) and an AE."""
    cls = _cls(make("EMERGENCY ROOM - study patient - need someone to call",
                    "I am a patient in your CLOVER-WaM study. I had my second dose of the study "
                    "drug three weeks ago. Tonight I have had a nosebleed for almost 3 hours that "
                    "will not stop and I am in the emergency room. They just told me my "
                    "platelets are 9. PLEASE have someone call the ER."))
    assert cls.emergency and cls.adverse_event, cls.reasons


@pytest.mark.parametrize(("body", "expected"), [
    # (dev-zb8) excluded at screening, told after the trial; a phone's "couldnt"
    ("my doctor tried to get me in your clover trial for the radioactive drug but i got excluded "
     "at screening because my platelets were 48. can i still get it?", False),
    ("they said i couldnt be in your clover trial, my platelets were 48. can i still get it?",
     False),
    ("I was in your clover trial and got two doses; now my platelets were 48 last week.", True),
])
def test_an_exclusion_told_after_the_trial(body: str, expected: bool) -> None:
    cls = _cls(make("clover trial", body))
    assert cls.adverse_event is expected, cls.reasons
