"""Cues learnt in session 24 from new development mail, each with a near miss that must not
fire: the rules learnt the turn of phrase, not the letter."""

from __future__ import annotations

import pytest

from bot.classify.patient import patient_marks
from bot.config import Config
from tests.mailgen import make
from tests.test_cycle import rows
from tests.test_intake import _from, _run


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
                        "a 9-year-old patient with progressive diffuse midline glioma.\nDr. Marloes Verhoeven, MD PhD\nPrinses Máxima Centrum"),
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
    _run(cfg, doctor, mother, other)
    msgs = rows(cfg, "SELECT case_id, category, reasons FROM messages ORDER BY id")
    assert msgs[1]["case_id"] == msgs[0]["case_id"], msgs[1]["reasons"]
    assert msgs[2]["case_id"] != msgs[0]["case_id"], msgs[2]["reasons"]
