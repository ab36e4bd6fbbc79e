"""Session 22's rules, as a fresh-eyes review probed them: each near miss below went wrong
with the first version of a rule (tests/test_learnt_cues_z81.py has the cues themselves),
and the dev-z77/z78 lessons learnt after it (whose letter is about which of a physician's
patients)."""

from __future__ import annotations

import pytest

from bot.classify.patient import patient_marks
from bot.config import Config
from tests.mailgen import make
from tests.test_cycle import rows
from tests.test_intake import _cls, _from, _run

STILL_EMERGENCIES = [
    # not a withdrawal: negated, asked as a question, someone else's, another application
    "My father (68, myeloma) is on a ventilator in the ICU since Sunday. The hospital says "
    "they may close the request if the forms are late - please don't let them close the "
    "request! Can he get iopofosine?",
    "My wife is in the ICU on a ventilator. Her oncologist asks: should we withdraw the "
    "request and have him re-submit it as an emergency IND? Please tell us what to do.",
    "Mi padre está intubado en la UCI desde ayer. No queremos retirar la solicitud; por "
    "favor, ¿puede recibir la iopofosina?",
    "Mein Vater liegt seit gestern intubiert auf der Intensivstation. Wir wollen auf keinen "
    "Fall die Anfrage zurückziehen. Kann er CLR 131 bekommen?",
    # a date earlier in the sentence that is not the stay's
    "My husband was diagnosed in March, and last night he was in the ICU again with a bleed. "
    "Can he get iopofosine?",
    "In September he had a stem cell transplant that failed, and since Saturday he was in "
    "the ICU. Can he get iopofosine?",
    # a prognosis in close variants
    "My father has myeloma; his doctor says it is a matter of a few weeks. Can he get "
    "iopofosine?",
    "Mi padre tiene mieloma y es cuestión de pocas semanas. ¿Puede recibir iopofosina?",
]
NOT_EMERGENCIES = [
    # the time a process takes
    "My father has myeloma. FDA review of a single-patient IND is a matter of weeks, we know. "
    "Can he get iopofosine?",
    "Mon père a un myélome. L'autorisation d'importation est une question de semaines. "
    "Peut-il recevoir l'iopofosine ?",
    # withdrawn, in the words families and navigators use
    "His condition declined and the family chose hospice care at home. Please consider our "
    "request withdrawn and close the file.",
    "He had three days in the ICU in February, but he's home now. Could you please close his "
    "file? He will not pursue iopofosine.",
]


@pytest.mark.parametrize("body", STILL_EMERGENCIES)
def test_still_an_emergency(body: str) -> None:
    cls = _cls(make("My father - iopofosine", body, "someone@mail.example"))
    assert cls.emergency, cls.reasons


@pytest.mark.parametrize("body", NOT_EMERGENCIES)
def test_not_an_emergency(body: str) -> None:
    cls = _cls(make("My father - iopofosine", body, "someone@mail.example"))
    assert not cls.emergency, cls.reasons


@pytest.mark.parametrize(("body", "machine"), [
    # auto-replies that mention follow-up work before the away sentence
    ("Thank you for your email. For follow-up of clinical matters please call 555-0100. I am "
     "out of the office until 2 December with no access to email.", True),
    ("Gracias por su correo. Para el seguimiento de pacientes contacte con la secretaría. "
     "Estoy fuera de la oficina hasta el lunes 1 de diciembre.", True),
    ("Please quote your case number in any reply. I am away until Monday.", True),
    # people, in the other languages and without accents
    ("Buenas tardes, Les escribi el 6 de noviembre sobre mi papa. Esta semana estoy fuera de "
     "la oficina, por eso les escribo desde mi correo personal.", False),
    ("Ich habe Ihnen am 6. November wegen meines Vaters geschrieben. Ich bin derzeit nicht im "
     "Büro und schreibe von zu Hause.", False),
    ("Ik heb u op 6 november gemaild over mijn vader. Ik ben afwezig deze week.", False),
])
def test_away_sentences(body: str, machine: bool) -> None:
    cls = _cls(make("Re: iopofosine", body, "someone@mail.example"))
    assert (cls.category.value == "auto_reply") is machine, cls.reasons


def _helen(subject: str, body: str, **kw: object) -> bytes:
    return _from(make(subject, body, **kw), "Ng, Helen", "hng@cascadia.example")  # type: ignore[arg-type]


def test_a_passing_comparison_with_my_other_patient_stays_in_the_thread(cfg: Config) -> None:
    am = _helen("Single-patient IND request - pt A.M. (DLBCL)", "Dear team,\nI request "
                "single-patient access to iopofosine for A.M., 64, with relapsed DLBCL.\nHelen "
                "Ng, MD", message_id="<am-1@cascadia.example>")
    rt = _helen("EA request - pt R.T. (WM)", "Dear team,\nI request expanded access to "
                "iopofosine for R.T., 77, with Waldenstrom macroglobulinemia.\nHelen Ng, MD")
    update = _helen("RE: Single-patient IND request - pt A.M. (DLBCL)", "A.M. update: his LDH "
                    "fell after the steroid pulse. Unlike my other patient R.T. (the WM "
                    "gentleman), he has had no neuropathy so far. Anything else you need for "
                    "A.M.?\nHelen", headers={"In-Reply-To": "<am-1@cascadia.example>"})
    news = _helen("R.T. labs", "Following up on R.T.: his IgM is now 3,900. My other patient "
                  "with WM is stable on zanubrutinib, so nothing needed for her.\nHelen")
    _run(cfg, am, rt, update, news)
    msgs = rows(cfg, "SELECT case_id, reasons FROM messages ORDER BY id")
    assert msgs[2]["case_id"] == msgs[0]["case_id"], msgs[2]["reasons"]
    assert msgs[3]["case_id"] == msgs[1]["case_id"], msgs[3]["reasons"]


def test_a_follow_up_that_adds_marks_is_no_other_patient(cfg: Config) -> None:
    def laura(subject: str, body: str) -> bytes:
        return _from(make(subject, body), "Laura Mendes", "laura.mendes@mail.example")
    first = laura("Iopofosine for my father", "Hello,\nMy father is a 73-year-old man with "
                  "Waldenstrom macroglobulinemia who has run out of options. Can he get "
                  "iopofosine through expanded access?\nLaura")
    again = laura("My father - iopofosine", "Hello again, following up on my request for my "
                  "father. He turned 74 last week, and the biopsy now shows his WM has "
                  "transformed into a large B-cell lymphoma. Can he still get iopofosine?\nLaura")
    _run(cfg, first, again)
    msgs = rows(cfg, "SELECT case_id, reasons FROM messages ORDER BY id")
    assert msgs[1]["case_id"] == msgs[0]["case_id"], msgs[1]["reasons"]


def test_a_second_patient_with_the_same_diagnosis_is_another_patient(cfg: Config) -> None:
    def okafor(subject: str, body: str) -> bytes:
        return _from(make(subject, body), "Miriam Okafor, MD", "mokafor@lakeshore.example")
    first = okafor("EA request iopofosine - pt R.T. (1 of 3)", "Hello,\nI request expanded "
                   "access to iopofosine. Patient R.T., 73 y/o M. Dx: IgA lambda multiple "
                   "myeloma, five lines.\nMiriam Okafor, MD")
    second = okafor("EA request iopofosine - pt D.K. (2 of 3)", "Hello again - #2 of 3.\n"
                    "Patient D.K. (F). Dx: IgG kappa multiple myeloma, four lines. I'm hopeful "
                    "she'd be a candidate for iopofosine.\nMiriam Okafor")
    _run(cfg, first, second)
    msgs = rows(cfg, "SELECT case_id, category, reasons FROM messages ORDER BY id")
    assert msgs[1]["category"] == "ea_request" and msgs[1]["case_id"] != msgs[0]["case_id"], \
        msgs[1]["reasons"]


def test_i_wrote_to_his_doctor_is_no_letter_to_us(cfg: Config) -> None:
    """"Le escribí a su hematólogo": to him, not to us; another family's request."""
    carmen = _from(make("Iopofosina para mi padre", "Buenos días,\nMi padre Ernesto tiene un "
                        "mieloma múltiple en recaída tras cinco líneas. ¿Podría recibir "
                        "iopofosina por uso compasivo?\nCarmen López"),
                   "Carmen López", "carmen.lopez@mail.example")
    pedro = _from(make("Iopofosina para mi madre", "Buenos días,\nMi madre tiene 72 años y un "
                       "mieloma múltiple. Le escribí a su hematólogo y me dijo que les "
                       "consultara a ustedes directamente. ¿Podría recibir iopofosina por uso "
                       "compasivo?\nPedro Gómez"), "Pedro Gómez", "pgomez@correo.example")
    _run(cfg, carmen, pedro)
    msgs = rows(cfg, "SELECT case_id, reasons FROM messages ORDER BY id")
    assert msgs[1]["case_id"] != msgs[0]["case_id"], msgs[1]["reasons"]


def test_a_physicians_two_patients_by_surname_and_a_new_patients_letter(cfg: Config) -> None:
    """(dev-z78) The second request mentions the first patient ("I wrote on Wednesday about
    Harold Jensen"): not its own patient's marks. "Update on Mr. Jensen" then joins Jensen's
    case, "Dee Fairbanks passed away" hers."""
    def tom(subject: str, body: str) -> bytes:
        return _from(make(subject, body), "Tom Whitcomb", "twhitcomb@bigsky.example")
    jensen = tom("CLR-131 for a WM patient", "Hello,\nI ask for compassionate use of CLR-131 "
                 "for my patient Harold Jensen, 78, with Waldenstrom macroglobulinemia after "
                 "five lines.\nTom Whitcomb, MD")
    fairbanks = tom("second EA request - relapsed DLBCL", "Hello again - Tom Whitcomb. I wrote "
                    "on Wednesday about Harold Jensen (WM). This is a separate patient.\n\n"
                    "Dolores \"Dee\" Fairbanks, 62F, DLBCL relapsed after CAR-T. Would you "
                    "consider iopofosine for her?\nTom Whitcomb, MD")
    update = tom("Jensen - in ICU", "Update on Mr. Jensen: admitted to the ICU Saturday night "
                 "with confusion. If there is any way to get a yes or no on the CLR-131 request "
                 "this week I would be very grateful.\nTW")
    died = tom("Dee F.", "Sad news - Dee Fairbanks passed away Friday evening at home on "
               "hospice. Please close out the request for her.\nTom")
    _run(cfg, jensen, fairbanks, update, died)
    msgs = rows(cfg, "SELECT case_id, category, emergency, reasons FROM messages ORDER BY id")
    assert msgs[1]["category"] == "ea_request" and msgs[1]["case_id"] != msgs[0]["case_id"]
    assert msgs[2]["case_id"] == msgs[0]["case_id"] and msgs[2]["emergency"], msgs[2]["reasons"]
    assert msgs[3]["case_id"] == msgs[1]["case_id"] and not msgs[3]["emergency"], \
        msgs[3]["reasons"]


def test_a_nickname_in_quotes_between_first_and_last_name() -> None:
    assert {"Dolores Fairbanks", "Dee Fairbanks"} <= patient_marks(
        'Dolores "Dee" Fairbanks, 62F, DLBCL').names


def test_a_second_patient_said_in_spanish(cfg: Config) -> None:
    """(dev-z77) "una segunda paciente, distinta del paciente J.L.M.": a new case."""
    def herrera(subject: str, body: str) -> bytes:
        return _from(make(subject, body), "Herrera Gómez, Ana Lucía", "alherrera@hsn.example")
    first = herrera("Solicitud uso compasivo iopofosina - J.L.M.", "Estimados señores:\nLes "
                    "solicito el uso compasivo de iopofosina para el paciente J.L.M., varón de "
                    "63 años con mieloma múltiple en recaída.\nDra. Ana Lucía Herrera")
    second = herrera("Solicitud uso compasivo iopofosina - segunda paciente", "Estimados "
                     "señores:\nLes escribo por una segunda paciente, distinta del paciente "
                     "J.L.M. (mieloma) por el que les escribí el viernes. Paciente C.S.P., mujer "
                     "de 71 años, macroglobulinemia de Waldenström. Solicito iopofosina por uso "
                     "compasivo.\nDra. Ana Lucía Herrera")
    _run(cfg, first, second)
    msgs = rows(cfg, "SELECT case_id, category, reasons FROM messages ORDER BY id")
    assert msgs[1]["category"] == "ea_request" and msgs[1]["case_id"] != msgs[0]["case_id"], \
        msgs[1]["reasons"]
