"""Cues learnt in session 20 from new development mail (dev-z66, z68, z69, z70), each with
a near miss that must not fire: the rules learnt the turn of phrase, not the letter."""

from __future__ import annotations

import pytest

from bot.config import Config
from tests.mailgen import make
from tests.test_cycle import rows
from tests.test_intake import _cls, _from, _run

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
    cases = rows(cfg, "SELECT id, linked_case_id FROM cases ORDER BY id")
    msgs = rows(cfg, "SELECT case_id, reasons FROM messages ORDER BY id")
    # attached to her case, or opened linked to it for review: never a silent second case
    assert msgs[1]["case_id"] == cases[0]["id"] or cases[1]["linked_case_id"] == cases[0]["id"], \
        msgs[1]["reasons"]


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
    msgs = rows(cfg, "SELECT case_id, adverse_event, reasons FROM messages ORDER BY id")
    cases = rows(cfg, "SELECT id, linked_case_id FROM cases ORDER BY id")
    assert msgs[1]["case_id"] == cases[0]["id"] or cases[-1]["linked_case_id"] == cases[0]["id"], \
        msgs[1]["reasons"]
    assert msgs[1]["adverse_event"] == 1, msgs[1]["reasons"]
