"""Cues learnt in session 23 from new development mail (dev-z90..z92), each with a near miss
that must not fire: the rules learnt the turn of phrase, not the letter."""

from __future__ import annotations

import pytest

from bot.config import Config
from tests.mailgen import make
from tests.test_cycle import rows
from tests.test_intake import _cls, _from, _run


@pytest.mark.parametrize(("body", "expected"), [
    # a later dose held tells that an earlier one was given (dev-z91)
    ("Update on R.H. Admitted last night with fever 38.9, rigors. ANC 0.3, plt 18K. Dose 2 "
     "(planned for today, 12/1) is on hold.", True),
    ("Update on R.H.: admitted last night with fever and rigors. Cycle 3 was put on hold.", True),
    # no dose of ours: a fever is nobody's adverse event here
    ("Update on R.H.: admitted last night with fever and rigors after his last R-CHOP. We "
     "would still like to request iopofosine.", False),
    # counts that stayed low after our study (dev-z90)
    ("His platelets have sat at 60-75k ever since he came off the CLR 131 study in 2022 and "
     "never got back to his pre-study baseline.", True),
    ("His platelets have stayed at 150k and his counts are fine. He came off the CLR 131 study "
     "in 2022.", False),
])
def test_an_event_after_a_dose_told_by_a_later_dose_or_counts_that_stayed_low(
        body: str, expected: bool) -> None:
    cls = _cls(make("Re: Expanded access - iopofosine", body, "someone@clinic.example"))
    assert cls.adverse_event is expected, cls.reasons


def test_an_event_in_a_reply_whose_quoted_thread_says_the_patient_was_dosed(cfg: Config) -> None:
    """(dev-z91) The physician replies in the thread where her nurse wrote that R.H. got
    iopofosine dose 1: "Admitted last night with fever 38.9, rigors" is that patient's
    adverse event. The same reply under a history that tells no dose is not."""
    def thread(history: str) -> bytes:
        return _from(make("RE: Expanded access request - iopofosine - pt R.H.",
                          "Update on R.H. - not good news.\nAdmitted last night with fever "
                          "38.9, rigors. Cefepime started.\nPriya\n\n-----Original Message-----\n"
                          "From: Delgado, Maria\nSent: Friday, November 20, 2026 9:50 AM\n"
                          "To: clinical@cellectar.com\nSubject: RE: Expanded access request\n\n"
                          + history, headers={"In-Reply-To": "<req-rh@lakeshore.example>"}),
                     "Raman, Priya MD", "praman@lakeshore.example")
    request = _from(make("Expanded access request - iopofosine - pt R.H.", "I request expanded "
                         "access to iopofosine for R.H., 71, with relapsed Waldenstrom "
                         "macroglobulinemia.\nPriya Raman, MD",
                         message_id="<req-rh@lakeshore.example>"),
                    "Raman, Priya MD", "praman@lakeshore.example")
    dosed = thread("Dr. Raman asked me to send you an update. R.H. received iopofosine dose 1 "
                   "on Tuesday 11/17 and went home the same afternoon.\nMaria Delgado, RN")
    planned = thread("Dr. Raman asked me to send you an update. R.H. has his consent visit on "
                     "Tuesday 11/17; the paperwork is with the IRB.\nMaria Delgado, RN")
    _run(cfg, request, dosed, planned)
    msgs = rows(cfg, "SELECT case_id, adverse_event, reasons FROM messages ORDER BY id")
    assert msgs[1]["case_id"] == msgs[0]["case_id"] and msgs[1]["adverse_event"] == 1, \
        msgs[1]["reasons"]
    assert "quoted thread says was exposed" in msgs[1]["reasons"]
    assert msgs[2]["case_id"] == msgs[0]["case_id"] and msgs[2]["adverse_event"] == 0, \
        msgs[2]["reasons"]


def test_the_patient_a_new_letter_says_it_is_not_about(cfg: Config) -> None:
    """(dev-z91) "Patient 2 of 2 - MCL (L.T.) - NOT the same as E.V.": the second case does
    not take E.V.'s marks, so news of E.V. joins the first case, not the newer second."""
    def letter(subject: str, body: str) -> bytes:
        return _from(make(subject, body), "Samuel Adeyemi", "sadeyemi@brazos.example")
    first = letter("EA request iopofosine - Patient 1 of 2 - WM (E.V.)", "Hello,\nI have two "
                   "patients I'd like to request expanded access to iopofosine for. This is "
                   "Patient 1.\nE.V., 68F, Waldenstrom macroglobulinemia dx 2016.\nSamuel "
                   "Adeyemi, MD")
    second = letter("EA request iopofosine - Patient 2 of 2 - MCL (L.T.) - NOT the same as "
                    "E.V.", "Hello,\nAs promised, Patient 2. Different patient from E.V. (WM) "
                    "who I wrote about last Thursday.\nL.T., 73M, mantle cell lymphoma dx "
                    "2019.\nSamuel Adeyemi, MD")
    news = letter("Patient 1 (E.V.) - ED visit", "FYI - Patient 1 (E.V., WM). Plt 110K "
                  "baseline -> 11K. Presented to our ED with epistaxis.\nSamuel Adeyemi, MD")
    _run(cfg, first, second, news)
    msgs = rows(cfg, "SELECT case_id, reasons FROM messages ORDER BY id")
    assert msgs[1]["case_id"] != msgs[0]["case_id"], msgs[1]["reasons"]
    assert msgs[2]["case_id"] == msgs[0]["case_id"], msgs[2]["reasons"]


def test_a_contrast_is_dropped_only_in_a_new_patients_letter() -> None:
    """The contrast drops marks from a letter about another patient only: a letter that
    simply names its patient keeps them."""
    from bot.classify.analysis import Facts
    from bot.config import load_config
    from bot.parsing import parse
    from tests.test_intake import ROOT
    rules = load_config(ROOT / "config.example.toml").rules
    plain = Facts(parse(make("EA request - E.V.", "I request iopofosine for E.V., 68F, with "
                             "Waldenstrom macroglobulinemia.")), rules)
    assert "EV" in plain.patient.initials
    other = Facts(parse(make("EA request - another patient (L.T.), not the same as E.V.",
                             "This is about another patient, L.T., 73M, mantle cell lymphoma. "
                             "Can he get iopofosine?")), rules)
    assert other.new_patient
    assert "EV" not in other.patient.initials and "LT" in other.patient.initials


# (the session's fresh-eyes review) the same cues, as other writers put them
@pytest.mark.parametrize(("body", "expected"), [
    ("After dose 1 of iopofosine his platelets are still in the 60s and have not recovered.",
     True),
    ("My husband came off the CLR 131 study last spring. His counts have not recovered since.",
     True),
    ("My husband came off the CLR 131 study last spring. His platelet count has stayed low.",
     True),
    # normal values that stayed normal; another drug's dose on hold; a first dose on hold
    ("After dose 1 of iopofosine his hemoglobin has stayed at 12-13 and his ANC has remained "
     "around 3. Nothing to report.", False),
    ("Request for iopofosine: cycle 3 (dara-pom) was put on hold in August; he is at home and "
     "well.", False),
    ("Dose 1 (planned for 12/1) is on hold. He was admitted Sunday with pneumonia.", False),
    ("Dose 2 is currently on hold: GI bleed, platelets 12k.", True),
])
def test_the_reviews_variants_of_counts_and_doses_on_hold(body: str, expected: bool) -> None:
    """(The rules' cue; the adverse-event model may still read a near miss as a report.)"""
    cls = _cls(make("Re: Expanded access - iopofosine", body, "someone@clinic.example"))
    by_rules = any(r.rule == "adverse-event" for r in cls.reasons)
    assert by_rules is expected, cls.reasons


@pytest.mark.parametrize(("quoted", "reply", "expected"), [
    # a dose told in other words in the quoted thread
    ("C1D1 (iopofosine) given 11/17 without incident.", "His platelets are down to 14k and he "
     "is bruising.", True),
    ("First fraction of CLR 131 infused Monday 11/17.", "He was admitted last night with a "
     "fever of 39.4.", True),
    # the reply's own "never had any fevers before" does not deny the thread's dose
    ("R.H. received iopofosine dose 1 on 11/17 without incident.", "He never had any fevers "
     "before this, but last night he was admitted with a temp of 39.4.", True),
    # a dose planned or approved is no dose given
    ("R.H. is to be dosed with iopofosine on 12/1, pending counts.", "Unfortunately he was "
     "admitted last night with pneumonia, so we will have to postpone.", False),
    ("We have approved expanded access; the first dose of iopofosine will be given on 12/1.",
     "Unfortunately he was admitted last night with pneumonia.", False),
])
def test_a_reply_under_a_dose_told_in_other_words(quoted: str, reply: str,
                                                  expected: bool) -> None:
    from bot.classify.analysis import Facts
    from bot.config import load_config
    from bot.parsing import parse
    from tests.test_intake import ROOT
    rules = load_config(ROOT / "config.example.toml").rules
    raw = make("RE: Expanded access request - pt R.H.", f"{reply}\nPriya\n\n-----Original "
               "Message-----\nFrom: Delgado, Maria\nSent: Friday, November 20, 2026 9:50 AM\n"
               f"To: clinical@cellectar.com\nSubject: RE: Expanded access request\n\n{quoted}\n",
               "praman@lakeshore.example", headers={"In-Reply-To": "<rh-1@lakeshore.example>"})
    facts = Facts(parse(raw), rules)
    assert facts.adverse_event_in_case[0] is expected, facts.adverse_event_in_case


@pytest.mark.parametrize(("body", "expected"), [
    # (dev-z93) a terse clinician, and its near misses
    ("pt deteriorating, needs decision this week. Happy to talk.", True),
    ("Records attached. The patient is stable; a decision in the coming weeks is fine.", False),
    ("He had been deteriorating slowly over the summer but is stable now on dex.", False),
    # (dev-z93) a wife's Dutch
    ("Henk is zondag opgenomen en gisteren hebben ze hem naar de medium care gebracht. Hij is "
     "erg benauwd en herkent de kleinkinderen soms niet. Het gaat hard achteruit.", True),
    ("Henk is thuis en het gaat goed met hem; hij fietst weer. Is er al een besluit?", False),
])
def test_emergencies_told_tersely_or_in_dutch(body: str, expected: bool) -> None:
    cls = _cls(make("Re: Expanded access - iopofosine", body, "someone@clinic.example"))
    assert cls.emergency is expected, cls.reasons


def test_a_forum_notification_quoting_a_participants_post_and_a_voicemail() -> None:
    """(dev-z94) Machine mail that carries a person's report: a forum's notification whose
    quoted post tells of counts that tanked after our trial's doses, and a voicemail
    transcription of "the CLR one thirty one treatment" followed by a fever and an
    admission; the same notification about another drug raises nothing."""
    forum = make("ken_in_tulsa replied to \"Anyone done the CLR 131 trial?\"",
                 "ken_in_tulsa replied to a discussion you follow\n\nken_in_tulsa wrote:\n> I "
                 "got 2 doses of CLR 131 in the CLOVER-1 trial back in early 2024. About a month "
                 "after the second dose my counts tanked - platelets went down to 11 and I "
                 "needed 3 platelet transfusions.\n\nYou're receiving this because you follow "
                 "this discussion.", "notifications@forum.example",
                 headers={"Auto-Submitted": "auto-generated", "Precedence": "bulk"})
    other = make("ken_in_tulsa replied to \"Anyone done teclistamab?\"",
                 "ken_in_tulsa replied to a discussion you follow\n\nken_in_tulsa wrote:\n> I "
                 "got teclistamab last year; no trial for me. Doing fine.\n\nYou're receiving "
                 "this because you follow this discussion.", "notifications@forum.example",
                 headers={"Auto-Submitted": "auto-generated", "Precedence": "bulk"})
    voicemail = make("New Voice Message from KOWALSKI LINDA", "You have a new voice message\n"
                     "Transcription:\n\"Hi, this is Linda Kowalski, calling about my husband Ted. "
                     "He got the, the CLR one thirty one treatment on the twelfth. On Sunday he "
                     "started running a fever and they admitted him.\"", "service@voice.example",
                     headers={"Auto-Submitted": "auto-generated"})
    assert _cls(forum).adverse_event and _cls(voicemail).adverse_event
    assert not _cls(other).adverse_event


def test_a_possessive_without_its_apostrophe_names_the_doctor() -> None:
    """(dev-z93) "hes Dr Patels patient" names Dr. Patel (a son writes after her request)."""
    from bot.classify.patient import patient_marks
    assert "patel" in patient_marks("my dad is Robert Kowalczyk, hes Dr Patels patient").doctors
    assert patient_marks("Dr Ross saw him on Monday").doctors == {"ross"}


@pytest.mark.parametrize(("text", "cued"), [
    # (dev-z96) the relative OF the named person: the patient's name, introduced
    # (three names: their forms only, never "Rosa María" alone, which another Rosa María shares)
    ("Soy Joaquín Albizu, el marido de Rosa María Echeverría Ibarra, paciente de la Dra. Sanz.",
     set()),
    ("Soy la hija de Rosa María Fuentes. Mi madre tiene un linfoma.", set()),
    # a city after "un hijo de": nobody's name
    ("Soy un hijo de Buenos Aires y escribo por mi madre.", set()),
    ("Je suis la conjointe de Réjean Tremblay, le patient de la Dre Gagnon au CHUM.",
     {"Réjean Tremblay"}),
    # a doctor after "de" is nobody's relative; a hospital is no patient
    ("Es paciente de la Dra. Lucía Sanz en el Hospital Doce de Octubre.", set()),
])
def test_a_relative_of_a_named_patient_in_spanish_and_french(text: str, cued: set[str]) -> None:
    from bot.classify.patient import patient_marks
    marks = patient_marks(text)
    assert set(marks.cued) == cued
    assert ("echeverría|maría|rosa" in marks.cued_forms) is ("Echeverría" in text)
    assert not {f for f in marks.cued_forms if "aires" in f}


def test_the_husband_of_an_associations_patient_joins_her_case(cfg: Config) -> None:
    """(dev-z96) A patients' association asks for Rosa María Echeverría Ibarra; weeks later
    her husband writes from his own address: her case, not a new one."""
    request = _from(make("Solicitud de uso compasivo de iopofosina – Dña. Rosa María "
                         "Echeverría Ibarra", "Estimados señores:\nLes escribimos en nombre de "
                         "nuestra asociada Dña. Rosa María Echeverría Ibarra, de 61 años, con "
                         "macroglobulinemia de Waldenström, paciente de la Dra. Sanz, para "
                         "solicitar el uso compasivo de iopofosina.\nAtención a Pacientes"),
                    "AEMW – Atención a Pacientes", "atencion@aemw.example")
    husband = _from(make("Rosa María Echeverría – empeoramiento", "Buenos días:\nSoy Joaquín "
                         "Albizu, el marido de Rosa María Echeverría Ibarra, paciente de la Dra. "
                         "Sanz. Les escribo porque ha empeorado. ¿Ya han decidido algo?\n"
                         "Joaquín"), "Joaquín Albizu", "joaquin.albizu@mail.example")
    _run(cfg, request, husband)
    msgs = rows(cfg, "SELECT case_id, category, reasons FROM messages ORDER BY id")
    assert msgs[1]["case_id"] == msgs[0]["case_id"], msgs[1]["reasons"]


def test_our_acknowledgements_subject_is_no_dose_received() -> None:
    """(dev-z95) A reply under our acknowledgement's subject "Expanded Access Request
    Received" telling an admission before any dose: no adverse event; "he received
    iopofosine on Monday" with the same admission is one."""
    from bot.classify.analysis import Facts
    from bot.config import load_config
    from bot.parsing import parse
    from tests.test_intake import ROOT
    rules = load_config(ROOT / "config.example.toml").rules
    before = Facts(parse(make("RE: Cellectar Biosciences – Expanded Access Request Received "
                              "[EA-26-0412]", "R.K. was admitted to the MICU overnight with a "
                              "headache and weakness; now on BiPAP. Any decision yet?",
                              "samir.haddad@umc.example")), rules)
    after = Facts(parse(make("RE: Cellectar Biosciences – Expanded Access Request Received "
                             "[EA-26-0412]", "R.K. received iopofosine on Monday and was "
                             "admitted overnight with a headache and weakness.",
                             "samir.haddad@umc.example")), rules)
    assert not before.adverse_event_in_case[0], before.adverse_event_in_case
    assert after.adverse_event_in_case[0], after.adverse_event_in_case


def test_a_sister_in_apposition_and_a_city_after_an_indefinite_article() -> None:
    """(review of the cue) "Soy Daniela Rincón, hermana de Andrés Felipe Rincón" introduces
    the patient; "una madre de Buenos Aires" and "un hijo de Buenos Aires" name a city."""
    from bot.classify.patient import patient_marks
    assert "andrés|felipe|rincón" in patient_marks(
        "Soy Daniela Rincón, hermana de Andrés Felipe Rincón. Sigue en la UCI.").cued_forms
    for text in ("Soy una madre de Buenos Aires. Mi hijo Tomás tiene linfoma.",
                 "Sono una madre di Reggio Emilia e scrivo per mio figlio."):
        assert not patient_marks(text).cued_forms, text


@pytest.mark.parametrize(("text", "cued", "doctor"), [
    # (review of the cues) the same turns of phrase in English, with French elision, and
    # "Dr Lees patient", "one of Dr Patels patients"
    ("I am the husband of Mary Smith, who has myeloma.", {"Mary Smith"}, None),
    ("Je suis le fils d'André Martin, il a un myélome.", {"André Martin"}, None),
    ("He is Dr Lees patient.", set(), "lee"),
    ("She is one of Dr Patels patients.", set(), "patel"),
    # a doctor's own name ending in s stays whole without a possessive's noun after it
    ("Dr Williams will send the form.", set(), "williams"),
])
def test_more_relatives_and_possessives(text: str, cued: set[str], doctor: str | None) -> None:
    from bot.classify.patient import patient_marks
    marks = patient_marks(text)
    assert set(marks.cued) == cued
    if doctor is not None:
        assert doctor in marks.doctors
    assert "william" not in marks.doctors


def test_a_spelt_out_drug_name() -> None:
    from bot.config import load_config
    from tests.test_intake import ROOT
    rules = load_config(ROOT / "config.example.toml").rules
    for said in ("C L R 131", "C.L.R. 131", "CLR one thirty one"):
        assert rules.scan(f"calling about the {said} treatment").find("drug_names"), said
    assert not rules.scan("calling about the CLR form and 131 pages").find("drug_names")


def test_a_texting_daughter_asks_whether_we_got_her_email(cfg: Config) -> None:
    """(dev-z98) "did u get my email about my dad frank moreno??" from the requester's own
    address, with no other mark: her open case, not a new request."""
    def letter(subject: str, body: str) -> bytes:
        return _from(make(subject, body), "Jess Moreno", "jessmoreno.88@mail.example")
    first = letter("my dad", "hi my dad has waldenstrom and nothing works anymore, can he get "
                   "the radioactive drug iopofosine outside the trial? pls help\njess")
    again = letter("?", "did u get my email about my dad?? hes getting worse, sleeping all day. "
                   "pls let me know anything")
    _run(cfg, first, again)
    msgs = rows(cfg, "SELECT case_id, category, reasons FROM messages ORDER BY id")
    assert msgs[1]["case_id"] == msgs[0]["case_id"], msgs[1]["reasons"]
