"""Cues learnt in session 22 from new development mail (dev-z81..z83), each with a near miss
that must not fire: the rules learnt the turn of phrase, not the letter."""

from __future__ import annotations

import pytest

from bot.config import Config
from tests.mailgen import make
from tests.test_cycle import rows
from tests.test_intake import _cls, _from, _run

EMERGENCY = [
    # a short prognosis in so many words (dev-z82), in the other languages too
    ("Dr. Abrams told the family it is likely a matter of weeks now; her counts are dropping. "
     "Is there any chance for iopofosine?", True),
    ("Mi padre tiene mieloma y los médicos dicen que es cuestión de semanas. ¿Puede "
     "recibir iopofosina?", True),
    ("Mein Vater hat ein Myelom; die Ärzte sagen, es ist eine Frage von Wochen. Gibt es CLR "
     "131 für ihn?", True),
    ("The paperwork is a formality; my father is stable and walks every day. Can he get "
     "iopofosine?", False),
    # a past stay dated before the cue in its sentence (dev-z82)
    ("I am 71 and have had Waldenström's since 2014. In September I spent nine days in the ICU "
     "at St. Luke's with sepsis from an infected port. That is behind me now. I would like to "
     "ask whether I could receive CLR 131 outside of the study.", False),
    ("Last year he was in the ICU for a week after his transplant. He is at home and well. "
     "Can he get iopofosine?", False),
    ("In September he relapsed, and he is now in the ICU on a ventilator. Can he get "
     "iopofosine?", True),
    ("In 2019 he was diagnosed; since yesterday he has been in the ICU. Iopofosine?", True),
    # the request withdrawn: nothing left to hurry (dev-z83); not a request kept open
    ("We talked it over as a family and have decided on hospice care at home. Please close "
     "the request for my husband's iopofosine.", False),
    ("He moved to hospice care yesterday. Please do not close the request for iopofosine, we "
     "still hope.", True),
    ("He moved to hospice care yesterday. We still hope for iopofosine, please help.", True),
]


@pytest.mark.parametrize(("body", "expected"), EMERGENCY)
def test_emergencies_told_as_a_prognosis_a_past_stay_or_withdrawn(body: str,
                                                                  expected: bool) -> None:
    cls = _cls(make("Compassionate use", body, "someone@mail.example"))
    assert cls.emergency is expected, cls.reasons


@pytest.mark.parametrize(("body", "machine"), [
    # a person who refers to her own earlier letter before saying she is away (dev-z81)
    ("Buenas tardes,\nLes escribí el 6 de noviembre sobre mi papá, el Sr. Ernesto Ruiz. Esta "
     "semana estoy fuera de la oficina, por eso les escribo desde mi correo personal.\n"
     "Alejandro", False),
    ("Hello,\nI wrote to you last week about my mother. I am away this week, so I write from "
     "my phone. Any news?\nTom", False),
    # an auto-reply as ever
    ("Estoy fuera de la oficina hasta el 16 de noviembre. Para asuntos urgentes contacte con "
     "la secretaría de Hematología.", True),
    ("Thank you for your email. I am out of the office until Monday with limited access to "
     "e-mail.", True),
])
def test_an_away_sentence_after_the_writers_own_earlier_letter(body: str, machine: bool) -> None:
    cls = _cls(make("Re: mi papá", body, "someone@mail.example"))
    assert (cls.category.value == "auto_reply") is machine, cls.reasons


def test_the_patient_says_her_doctor_wrote_to_you(cfg: Config) -> None:
    """(dev-z81) "I'm the patient Dr. Farrow wrote to you about": the requester named as the
    doctor, and a letter that says it follows one up: the same case."""
    request = _from(make("EA request - M.H.", "Dear team,\nI request expanded access to "
                         "iopofosine for my patient Margaret H., 71, with multiple myeloma after "
                         "six lines.\nEthan Farrow, MD"), "Farrow, Ethan MD", "efarrow@mvrcc.example")
    patient = _from(make("a few questions", "Good morning,\nThis is Margaret - everyone calls "
                         "me Peggy. I'm the patient Dr. Farrow wrote to you about for the CLR "
                         "131. Would I have to stay in the hospital alone?\nPeggy"),
                    "Margaret Delgado", "peggy55@mail.example")
    stranger = _from(make("a few questions", "Good morning,\nMy oncologist is Dr. Farrow. Would "
                          "I have to stay in the hospital alone if I got CLR 131?\nJoan"),
                     "Joan Miller", "joan.m@mail.example")
    _run(cfg, request, patient, stranger)
    msgs = rows(cfg, "SELECT case_id, reasons FROM messages ORDER BY id")
    assert msgs[1]["case_id"] == msgs[0]["case_id"], msgs[1]["reasons"]
    assert msgs[2]["case_id"] != msgs[0]["case_id"], msgs[2]["reasons"]


def test_hello_again_about_another_patient_is_a_new_request(cfg: Config) -> None:
    """(dev-z81) A physician sends her patients one letter each: "Hello again - #2 of 3" is
    a new case, not news of #1; "hello again" with #1's marks is."""
    def letter(subject: str, body: str) -> bytes:
        return _from(make(subject, body), "Miriam Okafor, MD", "mokafor@lakeshore.example")
    first = letter("EA request iopofosine - pt R.T. (1 of 3)", "Hello,\nI request expanded "
                   "access to iopofosine. Patient R.T., 73 y/o M. Dx: IgA lambda multiple "
                   "myeloma, five lines.\nMiriam Okafor, MD")
    second = letter("EA request iopofosine - pt D.K. (2 of 3)", "Hello again - #2 of 3.\n"
                    "Patient D.K., 68 y/o F. Dx: Waldenstrom macroglobulinemia after BTK "
                    "inhibitors. I'm hopeful she'd be a candidate for iopofosine.\nMiriam Okafor")
    news = letter("R.T. labs", "Hello again,\nR.T. (73 M, myeloma): IgA now 3,900. Anything "
                  "else you need for his iopofosine request?\nMiriam Okafor")
    _run(cfg, first, second, news)
    msgs = rows(cfg, "SELECT case_id, category, reasons FROM messages ORDER BY id")
    assert msgs[1]["category"] == "ea_request" and msgs[1]["case_id"] != msgs[0]["case_id"], \
        msgs[1]["reasons"]
    assert msgs[2]["case_id"] == msgs[0]["case_id"], msgs[2]["reasons"]


def test_a_reply_in_one_patients_thread_about_my_other_patient(cfg: Config) -> None:
    """(dev-z83) "Apologies for replying on this thread - this is about my OTHER patient,
    R.T.": the case of that patient, not the thread's."""
    def letter(subject: str, body: str, **kw: object) -> bytes:
        return _from(make(subject, body, **kw), "Ng, Helen", "hng@cascadia.example")  # type: ignore[arg-type]
    am = letter("Single-patient IND request - pt A.M. (DLBCL)", "Dear team,\nI request "
                "single-patient access to iopofosine for A.M., 64, with relapsed DLBCL.\nHelen "
                "Ng, MD", message_id="<am-1@cascadia.example>")
    rt = letter("EA request - pt R.T. (WM)", "Dear team,\nI request expanded access to "
                "iopofosine for R.T., 77, with Waldenstrom macroglobulinemia.\nHelen Ng, MD")
    other = letter("RE: Single-patient IND request - pt A.M. (DLBCL)", "Apologies for replying "
                   "on this thread - this is actually about my OTHER patient, R.T. (the WM "
                   "gentleman), not A.M. His IgM jumped this week. Anything else you need?\n"
                   "Helen", headers={"In-Reply-To": "<am-1@cascadia.example>"})
    same = letter("RE: Single-patient IND request - pt A.M. (DLBCL)", "A.M. had his scan "
                  "today; the IRB paperwork follows.\nHelen",
                  headers={"In-Reply-To": "<am-1@cascadia.example>"})
    _run(cfg, am, rt, other, same)
    msgs = rows(cfg, "SELECT case_id, reasons FROM messages ORDER BY id")
    assert msgs[2]["case_id"] == msgs[1]["case_id"] != msgs[0]["case_id"], msgs[2]["reasons"]
    assert msgs[3]["case_id"] == msgs[0]["case_id"], msgs[3]["reasons"]


def test_a_physician_with_an_academic_rank_and_a_dotless_i() -> None:
    """(dev-z82) "Doç. Dr. Emre Yıldırım" signing "Assoc. Prof. Dr. Emre Yildirim", whose
    letter names the national medicines agency: a physician, not someone else."""
    body = ("Dear Sir / Madam,\nI am pediatric oncologist in Erzurum. We have 9 years old boy "
            "patient with high grade glioma, progressing. Compassionate use is possible with the "
            "approval of TITCK (Turkish Medicines Agency). Would you be able to provide "
            "iopofosine for this patient?\n\nKind regards,\n\nAssoc. Prof. Dr. Emre Yildirim\n"
            "Pediatric Oncology Clinic\nErzurum, Turkey\n")
    cls = _cls(_from(make("Compassionate Use Request - Iopofosine", body),
                     "Doç. Dr. Emre Yıldırım", "emre.yildirim@saglik.example"))
    assert cls.role is not None and cls.role.value == "physician", cls.reasons
    # an agency that sends a physician's letter is still someone else
    agency = body.replace("I am pediatric oncologist in Erzurum.", "We are a medical access "
                          "agency writing on behalf of Dr. Yildirim.")
    other = _cls(_from(make("Compassionate Use Request - Iopofosine", agency),
                       "Access Desk", "desk@access-agency.example"))
    assert other.role is not None and other.role.value == "other", other.reasons


def test_names_fold_letters_unicode_does_not_decompose() -> None:
    from bot.classify.names import person_name, unaccented
    assert unaccented("Yıldırım Łukasz Strauß") == "Yildirim Lukasz Strauss"
    assert person_name("Doç. Dr. Emre Yıldırım") == "Emre Yıldırım"
    assert person_name("Assoc. Prof. Dr. Emre Yildirim") == "Emre Yildirim"


@pytest.mark.parametrize(("body", "expected"), [
    # (dev-z86) an answer asked for by tomorrow, in Portuguese and its neighbours
    ("Ela piorou muito no fim de semana, foi internada antes do previsto. Vocês conseguem dar "
     "alguma resposta até amanhã?", True),
    ("Mi madre empeoró y está ingresada. ¿Pueden darnos una respuesta para mañana?", True),
    ("Obrigado pela resposta de ontem. A minha mãe está bem, em casa. Até amanhã enviamos o "
     "relatório.", False),
])
def test_an_answer_asked_for_by_tomorrow(body: str, expected: bool) -> None:
    cls = _cls(make("Re: Uso compassivo - CLR 131 para minha mãe", body, "filho@mail.example"))
    assert cls.emergency is expected, cls.reasons


def test_a_physician_who_signs_above_a_long_disclaimer() -> None:
    """(dev-z86) "Dr. med. Katharina Brenner / Oberärztin" and ten lines of disclaimer: she
    signed her own letter, though the attached request names a supply route."""
    body = ("Sehr geehrte Damen und Herren,\nim Anhang übersende ich Ihnen unsere Anfrage zur "
            "Bereitstellung von Iopofosin I-131 (CLR 131) für eine Patientin unserer Klinik "
            "(named-patient supply).\n\nMit freundlichen Grüßen\n\nDr. med. Katharina Brenner\n"
            "Oberärztin\nMedizinische Klinik II\nKlinikum Südwest gGmbH\n\n" + "-" * 60 + "\n"
            + "Diese E-Mail enthält vertrauliche Informationen. " * 12)
    cls = _cls(_from(make("Anfrage Compassionate Use Iopofosin - Pat. M.", body),
                     "Brenner, Katharina, Dr. med.", "k.brenner@klinikum.example"))
    assert cls.role is not None and cls.role.value == "physician", cls.reasons


def test_a_parent_asking_whether_a_named_trial_is_open_and_where() -> None:
    """(dev-z87) "Is that trial still open ..., and which hospitals are part of it?": a trial
    question, not acknowledged as a request (a human still sees it)."""
    cls = _cls(make("CLOVER-2 trial for neuroblastoma?", "Hi,\nMy son Eli is 7 and has relapsed "
                    "high-risk neuroblastoma. I read that iopofosine has been studied in kids in "
                    "a trial called CLOVER-2. Is that trial still open for neuroblastoma "
                    "patients, and which hospitals are part of it?\nAmanda", "amanda@mail.example"))
    assert any(r.rule == "trial-enrolment" for r in cls.reasons), cls.reasons
    assert cls.category.value != "ea_request" or cls.needs_review, cls.reasons


def test_the_patient_writes_after_her_sister_and_her_oncologist(cfg: Config) -> None:
    """(dev-z88) The sister wrote first ("Becky Thornton"), then "Becky Lindqvist" writes
    herself: "my big sister Diane wrote to you ... my oncologist sent in the paperwork". No
    open case names her so: her letter reaches a human (it was filed away unread)."""
    sister = _from(make("Please help my sister", "Hello,\nMy sister Becky Thornton is 57 and has "
                        "relapsed DLBCL after CAR-T. Her oncologist is Dr. Eberhardt in Fargo. "
                        "Could she get CLR 131?\nDiane Pruitt"), "Diane Pruitt", "dpruitt@mail.example")
    patient = _from(make("Thank you - and a question", "Hello,\nMy name is Becky Lindqvist. My "
                         "big sister Diane wrote to you a couple of weeks ago and my oncologist "
                         "sent in the paperwork on Monday. Would I need to stay away from my "
                         "grandkids after the treatment?\nBecky"),
                    "Becky Lindqvist", "becky.lindqvist@mail.example")
    _run(cfg, sister, patient)
    msgs = rows(cfg, "SELECT case_id, needs_review, reasons FROM messages ORDER BY id")
    assert msgs[1]["case_id"] == msgs[0]["case_id"] or msgs[1]["needs_review"], msgs[1]["reasons"]


def test_the_patient_writes_under_her_short_name(cfg: Config) -> None:
    """(dev-z88) The oncologist's request names "Rebecca Lindqvist"; "Becky Lindqvist" writes
    about herself and says the paperwork was sent: the sender is the case's patient."""
    doctor = _from(make("Single patient expanded access request - iopofosine", "Dear team,\nI "
                        "request single-patient expanded access to iopofosine for my patient "
                        "Rebecca Lindqvist, 57, with relapsed DLBCL after CAR-T.\nMark Eberhardt, "
                        "MD"), "Eberhardt, Mark D.", "mark.eberhardt@redriver.example")
    patient = _from(make("Thank you - and a question", "Hello,\nMy oncologist sent in the "
                         "paperwork on Monday. Would I need to stay away from my grandkids after "
                         "the treatment?\nBecky"), "Becky Lindqvist", "becky.l@mail.example")
    stranger = _from(make("Thank you - and a question", "Hello,\nMy oncologist sent in the "
                          "paperwork on Monday. Would I need to stay away from my grandkids after "
                          "the treatment?\nBecky"), "Becky Larsen", "becky.larsen@mail.example")
    _run(cfg, doctor, patient, stranger)
    msgs = rows(cfg, "SELECT case_id, reasons FROM messages ORDER BY id")
    assert msgs[1]["case_id"] == msgs[0]["case_id"], msgs[1]["reasons"]
    assert msgs[2]["case_id"] != msgs[0]["case_id"], msgs[2]["reasons"]


@pytest.mark.parametrize(("subject", "body", "machine"), [
    # (dev-z89) a Polish auto-reply's subject and body
    ("Autoodpowiedź: Iopofosine I 131 – expanded access", "Dzień dobry,\ndziękuję za wiadomość. "
     "Przebywam na urlopie do 23.11.2026 r. włącznie.\n\nI am on leave until 23 November.", True),
    ("Iopofosine I 131 – expanded access", "Dzień dobry,\ndziękuję za wiadomość. Przebywam "
     "na urlopie do 23.11.2026 r. W sprawach pilnych proszę o kontakt z sekretariatem.", True),
    ("Re: Iopofosine I 131 – expanded access", "Dzień dobry,\nwysyłam dokumenty pani H.W. "
     "Proszę o informację, czy czegoś brakuje.\nMarek Zając", False),
])
def test_a_polish_auto_reply(subject: str, body: str, machine: bool) -> None:
    cls = _cls(make(subject, body, "marek.zajac@kliniki.example"))
    assert (cls.category.value == "auto_reply") is machine, cls.reasons


@pytest.mark.parametrize(("body", "expected"), [
    ("Desde sábado o Rui está com oxigénio e quase não sai da cama. A médica falou em cuidados "
     "de conforto. Sei que o tempo é muito pouco. É possível ele receber o CLR 131?", True),
    ("O meu marido tem linfoma e está em casa, estável. Queremos saber se o CLR 131 é possível "
     "por uso compassivo; não há pressa, o tempo de resposta habitual serve.", False),
])
def test_comfort_care_and_little_time_in_portuguese(body: str, expected: bool) -> None:
    cls = _cls(make("Pedido de ajuda - o meu marido", body, "ana@mail.example"))
    assert cls.emergency is expected, cls.reasons
