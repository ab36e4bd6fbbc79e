"""Cases a review of issue 11's rules found: each once made a request, a follow-up or a
flag go wrong. Pure classification (rules only, no store) unless a cycle is needed."""

from __future__ import annotations

from bot.classify.content import judge_role, own_text
from bot.classify.flags import adverse_events, emergency
from bot.config import Config, load_config
from bot.model import Role
from tests.conftest import ROOT
from tests.mailgen import make
from tests.test_cycle import rows
from tests.test_intake import _run

RULES = load_config(ROOT / "config.example.toml").rules


def test_side_effects_of_the_treatment_after_a_dose_is_a_report() -> None:
    text = ("Since my husband started iopofosine in the EA program he has had side effects of "
            "the treatment and is struggling.")
    outside, inside, _ = adverse_events(text, RULES)
    assert outside[0] and inside[0], outside[1].detail


def test_a_question_about_the_drugs_profile_is_no_report() -> None:
    text = "What are the known side effects of iopofosine for a patient with myeloma?"
    outside, _, _ = adverse_events(text, RULES)
    assert not outside[0], outside[1].detail


def test_not_urgent_and_paperwork_due_friday_are_no_emergency() -> None:
    assert not emergency("This is not urgent, but could you let us know within the next few "
                         "days which form we need?", RULES)[0]
    assert not emergency("Urgent: please confirm by Friday whether the shipment paperwork is "
                         "complete.", RULES)[0]
    assert emergency("Urgent: we need a decision within the next few days.", RULES)[0]


def test_a_physician_who_took_part_as_investigator_stays_a_physician() -> None:
    text = ("I participated in your CLOVER-WaM trial as a site investigator. I request access "
            "for my patient, 64, myeloma.\n\nAnna Berger, MD\nLakeside Hospital")
    role, why = judge_role(text, "anna.berger@lakeside.example", "Anna Berger", RULES)
    assert role is Role.PHYSICIAN, why.detail
    role, why = judge_role("I took part in your study in 2024 and would like the drug again.\n"
                           "Bernd", "bernd@mail.example", "Bernd K", RULES)
    assert role is Role.PATIENT_OR_FAMILY, why.detail


def test_thanks_for_forwarding_is_a_reply_not_a_forward() -> None:
    body = ("Good news: he is home and stable. Thanks for forwarding the papers to Dr. Lee.\n\n"
            "> He is on a ventilator in the ICU and we are running out of time.")
    assert "ventilator" not in own_text("Re: my father", body)
    forward = "FYI - forwarding a message from the wife of our EA patient.\n\n> He has a fever."
    assert "He has a fever" in own_text("question from Mrs. K", forward)


def test_enjoy_is_not_nausea() -> None:
    outside, _, _ = adverse_events("He received iopofosine in the study. He enjoyed the trip home.",
                                RULES)
    assert not outside[0], outside[1].detail


def test_a_new_request_in_reply_to_our_newsletter_opens_its_own_case(cfg: Config) -> None:
    first = make(body="I request expanded access to iopofosine for my patient J.D., a "
                 "71-year-old man with relapsed myeloma after six lines.\nDr. Anna Berger")
    second = make("Re: Cellectar news", "I request expanded access to iopofosine for another "
                  "patient, a 58-year-old woman with relapsed Waldenstrom.\nDr. Anna Berger",
                  headers={"In-Reply-To": "<news-77@mail.cellectar.example>"})
    _run(cfg, first, second)
    one, two = rows(cfg, "SELECT * FROM messages ORDER BY id")
    assert one["case_id"] is not None and two["case_id"] is not None
    assert one["case_id"] != two["case_id"], two["reasons"]


def test_news_from_a_sender_with_two_open_cases_is_not_filed_under_the_newest(cfg: Config) -> None:
    a = make(body="I request expanded access to iopofosine for my patient J.D., 71, myeloma.")
    b = make(body="I request expanded access to iopofosine for my patient K.L., 58, "
             "Waldenstrom macroglobulinemia.")
    news = make("quick note", "Thank you for your help last week, we are grateful.")
    _run(cfg, a, b, news)
    *_, last = rows(cfg, "SELECT * FROM messages ORDER BY id")
    assert last["case_id"] is None, last["reasons"]

