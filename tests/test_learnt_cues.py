"""Cues learnt in session 20 from new development mail (dev-z66, z68, z69, z70), each with
a near miss that must not fire: the rules learnt the turn of phrase, not the letter."""

from __future__ import annotations

import pytest

from bot.config import Config
from tests.mailgen import make
from tests.test_cycle import rows
from tests.test_intake import _cls, _from, _run


def _second_reaches_the_first_case(cfg: Config) -> list[dict]:  # type: ignore[type-arg]
    """The second letter is attached to the first one's case, or opened linked to it for
    review: never a silent second case. Returns the logged messages."""
    cases = rows(cfg, "SELECT id, linked_case_id FROM cases ORDER BY id")
    msgs = rows(cfg, "SELECT case_id, adverse_event, reasons FROM messages ORDER BY id")
    assert msgs[1]["case_id"] == cases[0]["id"] or cases[-1]["linked_case_id"] == cases[0]["id"], \
        msgs[1]["reasons"]
    return msgs

AE = [
    # (subject, body, adverse event expected)
    ("hair", "hi its dwayne from the clover study at the cancer center. my hair started coming "
     "out in clumps since the infusion 3 wks ago, is that normal?? also my parking voucher "
     "didnt work", True),
    ("Request", "My mother's hair fell out in clumps during R-CHOP in 2023. She now has "
     "relapsed lymphoma and we ask for CLR 131 by compassionate use.", False),
    ("signora Colombo - febbre", "Sono la badante della signora Colombo. La signora fa la "
     "terapia sperimentale all'ospedale, le hanno fatto l'iniezione il 20 ottobre. Da tre "
     "giorni ha la febbre la sera e tosse.", True),
    ("Richiesta", "Vorrei sapere se mia madre può fare la terapia sperimentale CLR 131 per uso "
     "compassionevole. Ha la febbre da giorni per la chemio.", False),
    ("Mama - krwawienia", "Mama dostała w szpitalu w Krakowie Państwa lek, CLR 131, w marcu. "
     "Od tygodnia ma krwawienia z nosa i płytki 14 tysięcy.", True),
    ("Prośba", "Czy mama może dostać Państwa lek CLR 131? Ma krwawienia z nosa po chemii.", False),
]


@pytest.mark.parametrize(("subject", "body", "expected"), AE)
def test_adverse_events_learnt_and_their_near_misses(subject: str, body: str,
                                                     expected: bool) -> None:
    cls = _cls(make(subject, body, "family.member@mail.example"))
    assert cls.adverse_event is expected, cls.reasons


def test_a_death_dated_by_a_weekday_in_another_language_ends_the_emergency() -> None:
    dead = _cls(make("Re: Vraag over CLR 131 voor mijn broer",
                     "Ik wil jullie laten weten dat Thijs donderdagavond is overleden op de IC, "
                     "rustig, met ons allemaal om hem heen. Bedankt voor alles.",
                     "zus@mail.example"))
    assert not dead.emergency, dead.reasons
    assert any("has died" in r.detail for r in dead.reasons)
    alive = _cls(make("Vraag over CLR 131 voor mijn broer",
                      "Mijn broer ligt sinds donderdagavond op de IC aan de beademing. Kan hij "
                      "CLR 131 krijgen via compassionate use?", "zus@mail.example"))
    assert alive.emergency, alive.reasons


def test_a_terse_resend_from_a_personal_address_joins_the_case(cfg: Config) -> None:
    first = _from(make("CLR131", "Dear Sir/Madam,\npatient 63 y male, MM IgA lambda, 6 lines, "
                       "progressive, ECOG 1. No more option in Turkey, no trial.\nIs possible "
                       "CLR131 named patient? Which documents you need.\nDr. M. Aydin, Hematology"),
                  "Dr. Mehmet Aydin", "m.aydin@onkomed.example")
    again = _from(make("Fwd: CLR131", "Dear colleagues,\nI send again from my personal mail, our "
                       "hospital server maybe block your answer. Patient is same, myeloma, "
                       "details below.\nDr. M. Aydin"), "Mehmet Aydin", "mehmetaydin.md@gmail.example")
    _run(cfg, first, again)
    msgs = rows(cfg, "SELECT case_id, category, reasons FROM messages ORDER BY id")
    assert len(rows(cfg, "SELECT id FROM cases")) == 1, [m["reasons"] for m in msgs]
    assert msgs[1]["category"] == "ea_followup" and msgs[1]["case_id"] == msgs[0]["case_id"]


def test_a_physician_naming_frau_x_who_wrote_before_reaches_her_case(cfg: Config) -> None:
    wife = _from(make("Härtefallprogramm für meinen Mann", "Sehr geehrte Damen und Herren,\n"
                      "mein Mann Thomas (58) hat ein Multiples Myelom. Gibt es ein "
                      "Härtefallprogramm für CLR 131? Bitte helfen Sie uns.\nSabine Krüger"),
                 "Sabine Krüger", "sabine.k@web.example")
    doctor = _from(make("Herr Thomas Krüger - Anfrage Compassionate Use", "Sehr geehrte Damen "
                        "und Herren,\nFrau Sabine Krüger hat sich Anfang November an Sie gewandt "
                        "wegen ihres Mannes, Herrn Thomas Krüger, der in unserer Klinik behandelt "
                        "wird. Ich bin sein behandelnder Arzt und unterstütze die Anfrage auf "
                        "Compassionate Use von iopofosine formal.\nProf. Dr. med. Andreas Lindner"),
                   "Prof. Dr. Andreas Lindner", "a.lindner@uk.example")
    _run(cfg, wife, doctor)
    _second_reaches_the_first_case(cfg)


def test_a_mothers_letter_linked_to_the_childs_ea_case_reads_its_events_as_in_a_case(
        cfg: Config) -> None:
    request = _from(make("Emergency IND request: Maya R., 7, DIPG", "Dear colleagues,\nI request "
                         "emergency single-patient access to iopofosine for Maya R., 7 years old, "
                         "with progressive DIPG after radiotherapy.\nDr. Paul Whitcombe, MD"),
                    "Dr. Paul Whitcombe", "p.whitcombe@childrens.example")
    mother = _from(make("Maya R. - Dr. Whitcombe's patient", "Hi,\nI'm Maya R.'s mom. Thank you "
                        "to whoever made it possible for Maya to get the treatment so fast, she "
                        "got it last Friday. Since the treatment she's been so tired she sleeps "
                        "all day, and her neck under the jaw is swollen. Could she get more "
                        "information on what to expect?\nJennifer Ruiz"),
                   "Jennifer Ruiz", "jen.ruiz@mail.example")
    _run(cfg, request, mother)
    msgs = _second_reaches_the_first_case(cfg)
    assert msgs[1]["adverse_event"] == 1, msgs[1]["reasons"]


def test_an_in_reply_to_written_as_encoded_words_still_threads() -> None:
    """Some mailers write msg-id headers as RFC 2047 encoded-words (not allowed there;
    seen in 17 development mailboxes): the ids inside are read all the same."""
    from bot.parsing import parse

    raw = (b"From: Tasha Bright <t.bright@lakeshore.example>\r\nTo: clinical@cellectar.example\r\n"
           b"Subject: RE: Expanded access request\r\nMessage-ID: <reply-1@lakeshore.example>\r\n"
           b"In-Reply-To: =?utf-8?q?=3CCH2PR11MB5947=40CH2PR11MB5947=2Eoutlook=2Ecom=3E?=\r\n"
           b"References: =?utf-8?q?=3Croot=40a=2Eexample=3E?= =?utf-8?q?_=3CCH2PR11MB5947="
           b"40CH2PR11MB5947=2Eoutlook=2Ecom=3E?=\r\n\r\nLabs attached.\r\n")
    msg = parse(raw)
    assert msg.in_reply_to == ("<CH2PR11MB5947@CH2PR11MB5947.outlook.com>",)
    assert msg.references == ("<root@a.example>", "<CH2PR11MB5947@CH2PR11MB5947.outlook.com>")
    # an id that merely contains "=?...?=" is left as it is
    valid = parse(raw.replace(b"In-Reply-To: =?utf-8?q?=3CCH2PR11MB5947=40CH2PR11MB5947=2Eoutlook"
                              b"=2Ecom=3E?=", b"In-Reply-To: <abc=?us-ascii?q?zz?=def@host.example>"))
    assert valid.in_reply_to == ("<abc=?us-ascii?q?zz?=def@host.example>",)


ROLES = [
    # (body, sender display name, expected role)
    ("I'm an ICU nurse, so I'll be concise, but I'm writing as a daughter. My father, 68, has "
     "relapsed lymphoma; could he get CLR 131 by compassionate use?\n\nMegan O'Neill, RN, BSN, "
     "CCRN\nCardiovascular ICU", "Megan O'Neill", "patient_or_family"),
    ("I'm the heme-onc fellow, writing on behalf of our team. Our patient, 49, has plasma cell "
     "leukemia; we request iopofosine under an emergency IND.\n\nPriya Venkataraman, MD\nFellow, "
     "Hematology/Oncology", "Venkataraman, Priya", "physician"),
    ("Hello,\nI have a 77 yo man with WM, progressing after BTK inhibitors. Would Cellectar "
     "consider expanded access for him? Happy to send my notes.\nthanks\nJM", "", "physician"),
    ("Good morning,\nDr. Patel asked me to send you the attached expanded access request for "
     "iopofosine for one of his patients.\n\nCarla Mendez\nAdministrative Assistant to Vikram "
     "Patel, MD\nGulf Coast Hematology", "Mendez, Carla", "other"),
]


ROLES += [
    # near misses (a review's probes): the capacity must be the writer's own, and stated
    ("Dear colleagues,\nI request expanded access to iopofosine for my patient, 71, with WM. "
     "I attach the letter of his daughter.\n\nAnn Lee, MD\nHematology\n[attached]\nI am "
     "writing as his daughter: please help my father.", "Lee, Ann", "physician"),
    ("I am not writing as a family member but as her treating oncologist: I request "
     "iopofosine for my patient, 58, with myeloma.\n\nAnn Lee, MD", "Lee, Ann", "physician"),
    ("I have a 4 year old with DIPG. Is there any way she could get CLR 131 by compassionate "
     "use?\nMaria Lopez", "Maria Lopez", "other"),  # (a parent: at least not a physician)
]


@pytest.mark.parametrize(("body", "name", "role"), ROLES)
def test_who_writes_learnt_from_dev_z74(body: str, name: str, role: str) -> None:
    raw = _from(make("Expanded access request - iopofosine", body), name, "writer@mail.example")
    cls = _cls(raw)
    assert cls.role is not None and cls.role.value == role, cls.reasons


EMERGENCIES = [
    ("Mi papá ya casi no despierta y desde ayer ya no quiere comer nada. ¿Puede recibir CLR 131 "
     "por uso compasivo?", True),
    ("Seit Donnerstag wird es von Stunde zu Stunde schlimmer. Kann unser Sohn iopofosine als "
     "Härtefall bekommen? Wir haben keine Zeit mehr.", True),
    ("Our patient is worse today. We really need the LOA and a shipping estimate tonight for the "
     "iopofosine expanded access request.", True),
    # near miss: a family that will fill in a form tonight is no emergency
    ("Please tell me what I need to do for CLR 131 compassionate use for my father, and if there "
     "is a form, I will fill it out tonight.", False),
]


@pytest.mark.parametrize(("body", "expected"), EMERGENCIES)
def test_emergencies_in_ordinary_words_learnt_from_dev_z73(body: str, expected: bool) -> None:
    cls = _cls(make("Request", body, "family.member@mail.example"))
    assert cls.emergency is expected, cls.reasons


def test_a_name_with_accents_is_the_name_without_them(cfg: Config) -> None:
    son = _from(make("compassionate use for my mother", "Hi,\nMy mom Lucia Fernandez is 63 and "
                     "has multiple myeloma since 2019. Is there any way she can get CLR 131 "
                     "through compassionate use?\nDiego"), "Diego Garcia", "diego.g@mail.example")
    daughter = _from(make("Uso compasivo iopofosina - Lucía Fernández Ortega", "Buenos días:\n"
                          "Mi hermano Diego ya les envió un correo el lunes sobre nuestra madre, "
                          "Lucía Fernández Ortega, de 63 años, que tiene mieloma múltiple. Su "
                          "hematólogo quiere pedir el medicamento por uso compasivo.\nCarmen"),
                     "Carmen García Fernández", "carmen.gf@mail.example")
    _run(cfg, son, daughter)
    _second_reaches_the_first_case(cfg)


def test_the_same_person_with_and_without_accents() -> None:
    from bot.classify.names import same_person

    assert same_person("Lucía Fernández", "Lucia Fernandez")
    assert same_person("Dr. José Núñez", "Jose Nunez")
    assert not same_person("Lucía Fernández", "Lucas Fernandez")


def test_an_age_in_brackets_with_its_unit() -> None:
    from bot.classify.patient import patient_marks

    assert 45 in patient_marks("my sister Mrs. Priya Raghunathan (45 yrs), treated for lymphoma").ages
    assert 62 in patient_marks("mi madre Carmen Ruiz (62 años) tiene mieloma").ages
    assert not patient_marks("Treated for lymphoma (12 yrs ago) at the clinic").ages  # a time, no age
