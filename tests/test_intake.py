"""Issue 11 intake semantics, end to end through a cycle (Maildir in, SQLite, Maildir out):
review cases hold their acknowledgement, a reused Message-ID is not a duplicate, the same
patient from another sender is linked for review, and the machine mail seen on real servers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from bot.backends.maildir import deliver
from bot.classify import classify
from bot.classify.flags import emergency
from bot.classify.language import unread_language
from bot.classify.names import given_name_forms, same_person
from bot.classify.patient import order_free, patient_marks, spelling
from bot.config import Config, load_config
from bot.daemon import run_cycle
from bot.model import Category
from bot.parsing import parse
from tests.conftest import ROOT
from tests.mailgen import make
from tests.test_cycle import clock_at, inbox, outbox_files, rows

T0 = datetime(2026, 11, 23, 15, 0, tzinfo=UTC)  # Monday 10:00 in New York


def _run(cfg: Config, *mails: bytes) -> None:
    for i, raw in enumerate(mails):
        deliver(inbox(cfg), raw, T0 + timedelta(minutes=i))
    assert run_cycle(cfg, clock=clock_at(T0 + timedelta(minutes=len(mails) + 1))).ok


def _cls(raw: bytes):  # type: ignore[no-untyped-def]
    return classify(parse(raw), load_config(ROOT / "config.example.toml").rules)


def _assert_flag(flag: str, letters: tuple[tuple[str, str], ...], expected: bool = True) -> None:
    """Each (subject, body) letter raises (or, ``expected=False``, does not raise) ``flag``."""
    for subject, body in letters:
        cls = _cls(make(subject, body))
        assert getattr(cls, flag) is expected, (body, cls.reasons)


def _assert_adverse(letters: tuple[tuple[str, str], ...], expected: bool = True) -> None:
    """Each (subject, body) letter is (or, ``expected=False``, is not) an adverse event."""
    _assert_flag("adverse_event", letters, expected)


def test_review_case_runs_the_clock_but_holds_the_acknowledgement(cfg: Config) -> None:
    # Names our drug, access wording and a patient, but asks about trial enrolment: the
    # enrolment rule lowers confidence (a review case), it does not veto.
    body = ("Hello, my son is 19 and his glioma came back after radiation. Could he get "
            "iopofosine? Is he eligible for your trial?\nThanks, Maria")
    _run(cfg, make("question about my son", body, "maria.k@mail.example"))
    [msg] = rows(cfg, "SELECT * FROM messages")
    assert msg["needs_review"] == 1 and msg["category"] == "ea_request", msg["reasons"]
    assert "trial-enrolment" in msg["reasons"]
    [case] = rows(cfg, "SELECT * FROM cases")
    assert case["due_at"] and case["needs_review"] == 1 and case["review_reason"]
    [ack] = rows(cfg, "SELECT * FROM outbox WHERE kind = 'ack'")
    assert ack["status"] == "held" and msg["ack_status"] == "held"
    assert outbox_files(cfg) == []  # nothing went out


def test_a_reused_message_id_is_a_message_of_its_own(cfg: Config) -> None:
    first = make("Web form submission", "Please send me your annual report.",
                 "noreply-forms@site.example", message_id="<form@site.example>")
    second = make("Web form submission", "My father (71, myeloma) needs iopofosine; "
                  "can his doctor request expanded access?", "noreply-forms@site.example",
                  message_id="<form@site.example>")
    _run(cfg, first, second, first)  # the last one: same content again, a true duplicate
    got = rows(cfg, "SELECT id, reasons FROM messages ORDER BY id")
    assert len(got) == 2
    assert "message-id-reused" in got[1]["reasons"]
    assert rows(cfg, "SELECT * FROM events WHERE kind = 'message_id_reused'")


def test_same_patient_from_another_sender_is_linked_for_review(cfg: Config) -> None:
    doctor = make("Expanded access request: patient J.D.",
                  "I request expanded access to iopofosine for my patient J.D., a 67-year-old "
                  "man with relapsed multiple myeloma after five lines.\n\nDr. Anna Berger, MD",
                  "anna.berger@lakeside-hospital.example")
    daughter = make("my father", "My father J.D. is 67 and has myeloma. Is there any way he could "
                    "receive iopofosine? We are desperate.\nLaura", "laura.d@mail.example")
    _run(cfg, doctor, daughter)
    cases = rows(cfg, "SELECT * FROM cases ORDER BY id")
    msgs = rows(cfg, "SELECT * FROM messages ORDER BY id")
    if len(cases) == 1:  # attached as a follow-up of the physician's case
        assert msgs[1]["case_id"] == cases[0]["id"]
    else:
        assert cases[1]["linked_case_id"] == cases[0]["id"] and cases[1]["needs_review"] == 1
        # the case page names the other case and why this one is under review
        import sqlite3

        from bot.review.casefacts import case_page
        conn = sqlite3.connect(cfg.store_path)
        try:
            page = case_page(conn, cases[1]["tag"], cfg, T0)
        finally:
            conn.close()
        assert page is not None and cases[0]["tag"] in page["linked_tags"]
        assert page["case"]["review_reason"]


def test_machine_mail_seen_on_real_servers() -> None:
    cr_only = (b"From: Mail Delivery System <MAILER-DAEMON@mx.example.net>\rTo: "
               b"clinical@cellectar.example\rSubject: Undelivered Mail Returned to Sender\r\r"
               b"This is the mail system.\r")
    assert _cls(cr_only).category is Category.AUTO_REPLY
    for sender, subject, body in (
        ("post_master@hospital.example.pl", "Delivery report", "Your message was delivered."),
        ("jan.kowalski@szpital.example.pl", "Odpowiedź automatyczna: request",
         "Dzień dobry, jestem nieobecny do dnia 30.11."),
        ("p.devries@ziekenhuis.example.nl", "Automatisch antwoord: request",
         "Ik ben momenteel niet op kantoor."),
        ("list-admin@lists.example.org", "Loop alert: message to oncology-l", "A loop."),
        ("abuse@isp.example", "Abuse report for 203.0.113.7", "Feedback report."),
    ):
        got = _cls(make(subject, body, sender))
        assert got.category is Category.AUTO_REPLY, (sender, got.reason_strings)


def test_adverse_events_in_plain_words_and_what_is_not_one() -> None:
    spouse = make("my husband", "My husband was in your iopofosine study. Ten days after his "
                  "treatment he had fever and chills, a low white count, and was admitted.",
                  "wife@mail.example")
    got = _cls(spouse)
    assert got.adverse_event and "fever" in " ".join(got.reason_strings).lower() + "fever"
    before = make("sad news", "My mother passed away before she could receive iopofosine. "
                  "Thank you for trying.", "son@mail.example")
    assert not _cls(before).adverse_event
    general = make("question", "What are the side effects of CLR 131 in general?",
                   "student@uni.example")
    assert not _cls(general).adverse_event


def test_emergency_in_ordinary_words() -> None:
    """In a follow-up of an EA case (threaded to the request), in plain words."""
    from bot.model import ThreadContext

    raw = make("Re: my daughter", "She is getting worse fast and we need an answer tonight.",
               "parent@mail.example", headers={"In-Reply-To": "<req-1@mail.example>"})
    ctx = ThreadContext(case_by_message_id={"<req-1@mail.example>": "EA-2026-0007"})
    got = classify(parse(raw), load_config(ROOT / "config.example.toml").rules, ctx)
    assert got.category is Category.EA_FOLLOWUP and got.case_tag == "EA-2026-0007"
    assert got.emergency
    # the same words from a vendor, with no case and no patient, page nobody
    assert not _cls(make("Offer", "Our team can answer tonight: we offer expanded access "
                         "program services.", "sales@vendor.example")).emergency


def test_patient_marks_are_stored_as_hashes(cfg: Config) -> None:
    """The same-patient search keeps no patient names, initials or dates of birth."""
    letter = make("Request for my mother", "My mother Margaret Okafor (DOB 03/14/1955) is 71 "
                  "years old and has relapsed myeloma. Could she receive iopofosine?\nChidi",
                  "chidi@mail.example")
    _run(cfg, letter)
    [case] = rows(cfg, "SELECT patient_marks FROM cases")
    keys = " ".join(r["key"] for r in rows(cfg, "SELECT key FROM patient_keys"))
    for secret in ("Okafor", "okafor", "Margaret", "1955", "MO"):
        assert secret not in case["patient_marks"] and secret not in keys
    assert "71" in case["patient_marks"] and "myeloma" in case["patient_marks"]


def test_another_patient_from_the_same_physician_is_a_case_of_its_own(cfg: Config) -> None:
    first = make("Expanded access request", "I request expanded access to iopofosine for my "
                 "patient, a man with relapsed multiple myeloma.\n\nDr. Anna Berger, MD",
                 "anna.berger@lakeside-hospital.example")
    second = make("Expanded access request", "I request expanded access to iopofosine for a "
                  "58-year-old woman with refractory multiple myeloma.\n\nDr. Anna Berger, MD",
                  "anna.berger@lakeside-hospital.example")
    other_address = make("Request", "I have another patient, a woman with refractory multiple "
                         "myeloma; could she receive iopofosine?\n\nAnna Berger",
                         "anna.berger.md@gmail.example")
    _run(cfg, first, second, other_address)
    msgs = rows(cfg, "SELECT category, case_id FROM messages ORDER BY id")
    assert [m["category"] for m in msgs] == ["ea_request"] * 3
    assert len({m["case_id"] for m in msgs}) == 3


def test_relays_are_forms_never_auto_replies_roles_or_ourselves() -> None:
    from bot.classify.relay import RELAY_HEADER, unwrap

    own = ("cellectar.example",)
    auto = parse(make("Re: your message", "I am away.\nEmail: j.nurse@hospital.example\n"
                      "Please write to her.", "dr.lee@hospital.example",
                      headers={"Auto-Submitted": "auto-replied"}))
    assert unwrap(auto, own).from_addr == "dr.lee@hospital.example"
    form = "Name: Jane Doe\nEmail: {}\nMessage: my father needs iopofosine, he has myeloma"
    for person in ("support+4471@desk.example", "info.de@vendor.example",
                   "clinical@cellectar.example"):
        relayed = parse(make("Web form", form.format(person), "no-reply@forms.example"))
        assert unwrap(relayed, own).from_addr == "no-reply@forms.example", person
    real = unwrap(parse(make("Web form", form.format("jane.doe@mail.example"),
                             "no-reply@forms.example")), own)
    assert real.from_addr == "jane.doe@mail.example" and real.header(RELAY_HEADER)
    spoofed = parse(make("hi", "Buy now, limited offer for everyone on our list today!",
                         "no-reply@shop.example", headers={"X-EABot-Relayed-By": "x@y"}))
    assert unwrap(spoofed, own).header(RELAY_HEADER) is None


def test_a_reply_to_a_message_waiting_for_review_waits_for_the_same_human(cfg: Config) -> None:
    # The first letter came through a robot sender, so it is machine mail that reads like
    # a request: marked for review, no case. The family's reply alone is plain thanks: it
    # must reach the same human, and its emergency is not waved off as "not a request".
    first = make("Your enquiry", "Message from Rosa K: my husband (61, myeloma) has no "
                 "options left; can he get iopofosine through expanded access?",
                 "no-reply@forms.example", message_id="<first-form@forms.example>",
                 headers={"Auto-Submitted": "auto-generated"})
    reply = make("Re: Your enquiry", "Thanks. He was moved to the ICU last night.",
                 "rosa.k@mail.example", message_id="<reply-rosa@mail.example>",
                 headers={"In-Reply-To": "<first-form@forms.example>",
                          "References": "<first-form@forms.example>"})
    _run(cfg, first, reply)
    got = {r["message_id"]: r for r in rows(cfg, "SELECT * FROM messages")}
    one, two = got["<first-form@forms.example>"], got["<reply-rosa@mail.example>"]
    assert one["case_id"] is None and one["needs_review"] == 1, one["reasons"]
    assert two["case_id"] is None and two["needs_review"] == 1, two["reasons"]
    assert "review-thread" in two["reasons"] and two["emergency"] == 1


def test_a_reply_to_mail_of_ours_the_log_does_not_know_joins_the_senders_case(cfg: Config) -> None:
    # Staff answered from another system (or the log was restored): the reply's
    # In-Reply-To is on our domain but unknown; it still belongs to the sender's case.
    request = make(sender="anna.berger@lakeside-hospital.example")
    reply = make("RE: your answer", "Thank you, the records are attached as you asked.",
                 "anna.berger@lakeside-hospital.example",
                 headers={"In-Reply-To": "<staff-123@mail.cellectar.example>",
                          "References": "<staff-123@mail.cellectar.example>"})
    _run(cfg, request, reply)
    first, second = rows(cfg, "SELECT * FROM messages ORDER BY id")
    assert first["category"] == "ea_request" and first["case_id"] is not None
    assert second["category"] == "ea_followup", second["reasons"]
    assert second["case_id"] == first["case_id"] and "reply-to-us" in second["reasons"]


def test_more_mail_from_a_sender_whose_letter_waits_for_review_waits_too(cfg: Config) -> None:
    # A CRM stamped the first letter as machine mail (marked for review, no case); the same
    # person's next mail, unthreaded and plain, goes to the same human.
    first = make("Enquiry", "My husband (61, myeloma) has no options left; can he get "
                 "iopofosine through expanded access?", "rosa.k@mail.example",
                 headers={"Auto-Submitted": "auto-generated"})
    second = make("one more thing", "He was moved to the ICU last night.", "rosa.k@mail.example")
    _run(cfg, first, second)
    one, two = rows(cfg, "SELECT * FROM messages ORDER BY id")
    assert one["case_id"] is None and one["needs_review"] == 1, one["reasons"]
    assert two["case_id"] is None and two["needs_review"] == 1, two["reasons"]
    assert "review-thread" in two["reasons"] and two["emergency"] == 1


def test_requesters_who_share_a_family_name_are_not_one_patient(cfg: Config) -> None:
    # Family names are shared by strangers: two physicians called Berger, two patients.
    one = make("Expanded access request", "I request expanded access to iopofosine for my "
               "patient, a 64-year-old man with relapsed myeloma after five lines.\nDr. Anna Berger",
               "anna.berger@lakeside-hospital.example")
    two = make("Expanded access request - follow up", "I request expanded access to iopofosine "
               "for my patient, a 41-year-old woman with Waldenstrom's macroglobulinemia.\n"
               "Dr. John Berger", "john.berger@hill-clinic.example").replace(
        b"Anna Berger <john", b"John Berger <john")
    _run(cfg, one, two)
    first, second = rows(cfg, "SELECT * FROM messages ORDER BY id")
    assert first["category"] == second["category"] == "ea_request", second["reasons"]
    assert first["case_id"] != second["case_id"]
    assert len(rows(cfg, "SELECT * FROM outbox WHERE kind = 'ack' AND status = 'held'")) == 0


def _from(raw: bytes, display: str, addr: str) -> bytes:
    """A message of tests.mailgen.make under another sender."""
    return raw.replace(b"From: Anna Berger <anna.berger@lakeside-hospital.example>",
                       f"From: \"{display}\" <{addr}>".encode(), 1)


def test_a_colleague_writing_about_dr_xs_patient_joins_his_case(cfg: Config) -> None:
    request = _from(make("Emergency IND request", "I request emergency access to iopofosine "
                         "for a 66-year-old man with plasma cell leukemia, now in our ICU.\n\n"
                         "Samuel Adeyemi, MD"), "Adeyemi, Samuel MD",
                    "samuel.adeyemi@stbrendans.example.org")
    labs = ("Hi, I'm the fellow working with Dr. Adeyemi. He asked me to send the latest labs "
            "for the patient he emailed you about: WBC 41.2, plt 22, Cr 2.3. We hope to hear "
            "today.\n\nNadia Karimi, MD")
    colleague = _from(make("labs for Dr Adeyemi's pt", labs), "Karimi, Nadia",
                      "nadia.karimi@stbrendans.example.org")
    # (without "the patient he emailed you about": that phrase alone would attach it)
    stranger = _from(make("labs for Dr Adeyemi's pt", labs.replace(" he emailed you about", "")),
                     "Nadia Karimi", "nadia.karimi.md@gmail.example")
    _run(cfg, request, colleague, stranger)
    first, second, third = rows(cfg, "SELECT category, case_id, reasons FROM messages ORDER BY id")
    assert second["category"] == "ea_followup", second["reasons"]
    assert second["case_id"] == first["case_id"]
    assert "from the requester's institution" in second["reasons"]
    # from a free-mail address, naming the doctor proves nothing about the institution
    assert third["case_id"] != first["case_id"]


def test_a_letter_naming_the_requester_joins_the_case_of_its_diagnosis(cfg: Config) -> None:
    raman = ("Priya Raman", "priya.raman@lakeshoreumc.example.org")
    myeloma = _from(make("EA request", "I request expanded access to iopofosine for my "
                         "patient, a 58-year-old man with penta-refractory multiple myeloma.\n\n"
                         "Priya Raman, MD"), *raman)
    wm = _from(make("EA request", "I request expanded access to iopofosine for another "
                    "patient, a 71-year-old woman with Waldenstrom macroglobulinemia.\n\n"
                    "Priya Raman, MD"), *raman)
    wife = _from(make("Dr. Raman's request for my husband", "Hello, my husband has multiple "
                      "myeloma. Dr. Priya Raman told us she sent you a request for CLR 131. "
                      "What are the next steps?\n\nSandra Haldane"), "Sandy Haldane",
                 "sandyhaldane@mail.example.com")
    _run(cfg, myeloma, wm, wife)
    first, second, third = rows(cfg, "SELECT category, case_id FROM messages ORDER BY id")
    assert first["case_id"] != second["case_id"]
    # the newer case (Waldenstrom) is not hers: the diagnoses contradict
    assert third["category"] == "ea_followup" and third["case_id"] == first["case_id"]


def test_a_study_patient_reporting_an_event_after_each_dose() -> None:
    body = ("I'm a patient in the CLOVER-WaM study. I received my doses last fall and my IgM "
            "came down. Could I get more CLR 131 outside the study?\n\nThe only hard part was "
            "my platelets, which fell to about 30 after each dose; I needed one platelet "
            "transfusion in November.\n\nKarin")
    cls = _cls(make("Can I keep getting CLR 131?", body, "karin@mac.example"))
    assert cls.adverse_event, cls.reasons
    history = ("I request expanded access to iopofosine for a 69-year-old woman with WM: "
               "ibrutinib, then rituximab retreatment late 2025 with no response; Hgb 8.9, "
               "plt 48k.\n\nErik Sorensen, MD")
    assert not _cls(make("EA request", history, "esorensen@prairie.example.org")).adverse_event


def test_the_last_weeks_in_ordinary_words_are_an_emergency() -> None:
    for body in (
        "My husband (63, myeloma) has been told to think in weeks rather than months; he "
        "sleeps most of the day. Could he get iopofosine?",
        "Mein Vater (74) isst kaum noch und ist bettlägerig. Ist ein Härtefallprogramm für "
        "Iopofosin möglich?",
        "Mi papá (70, mieloma) ya no come y duerme casi todo el día. ¿Es posible el uso "
        "compasivo de iopofosina?",
        "I request iopofosine for my 64-year-old patient with myeloma; her bilirubin is rising "
        "and she will lose eligibility within a week.\n\nDr. Lind, MD",
        "Mon père (77 ans, myélome) ne nous reconnaît plus. Un accès compassionnel à "
        "l'iopofosine est-il possible ?",
        "Update on my patient (58, myeloma): new spinal cord compression, now on a morphine "
        "drip. Could iopofosine be given under expanded access?",
    ):
        cls = _cls(make("request", body, "family@mail.example"))
        assert cls.emergency, (body, cls.reasons)
    calm = ("My father (70, myeloma) is stable and eating well; no rush. Could his doctor "
            "request iopofosine under expanded access?")
    assert not _cls(make("request", calm, "family@mail.example")).emergency


def test_a_voicemail_transcript_in_front_of_a_human_carries_its_emergency() -> None:
    machine = {"Auto-Submitted": "auto-generated"}
    voicemail = ("You have a new voicemail. Transcription: Hi, this is the nurse navigator for "
                 "Dr. Okafor about our expanded access request for iopofosine for patient D.W., "
                 "61, with myeloma. She is in the ICU since last night; please call back.")
    cls = _cls(make("New voicemail", voicemail, "voicemail@phones.example", headers=machine))
    assert cls.category is Category.AUTO_REPLY and cls.needs_review and cls.emergency, cls.reasons
    digest = ("This week's digest: webinar on expanded access for iopofosine; ICU capacity "
              "planning; eIND paperwork tips. Register today.")
    cls = _cls(make("Digest", digest, "list@news.example", headers=machine))
    assert cls.category is Category.AUTO_REPLY and not cls.emergency


def test_mail_naming_a_case_the_log_does_not_know_waits_for_a_human(cfg: Config) -> None:
    # a case of ours from before this log: no "thank you for your new request" goes out
    news = make("Re: [EA-2025-0402] day 30 update", "Dear team, the day 30 labs of our patient "
                "are attached; please let us know if the expanded access request for iopofosine "
                "needs anything else.\n\nDr. Anna Berger, MD")
    thanks = make("Re: [EA-2025-0871] thank you", "Thank you all for your help last year.",
                  "family@mail.example")
    _run(cfg, news, thanks)
    first, second = rows(cfg, "SELECT needs_review, reasons, ack_status FROM messages ORDER BY id")
    assert first["needs_review"] == 1 and "EA-2025-0402" in first["reasons"]
    assert first["ack_status"] != "sent" and outbox_files(cfg) == []
    assert second["needs_review"] == 1 and "unknown-case-tag" in second["reasons"]


def test_side_effects_told_in_passing_in_other_languages() -> None:
    for body in (
        "Ich bin die Oma von Lukas. Lukas hat seit der Spritze einen Ausschlag im Gesicht und "
        "sein Mund ist ganz wund.",
        "Mijn man heeft vorige week uw medicijn gekregen; sinds het infuus heeft hij uitslag "
        "op zijn rug en veel jeuk.",
        "O meu pai recebeu o vosso medicamento no IPO. Desde a injeção tem febre à noite.",
    ):
        cls = _cls(make("news", body, "family@mail.example"))
        assert cls.adverse_event, (body, cls.reasons)


def test_a_relative_saying_the_doctor_wrote_is_never_filed_unread() -> None:
    body = ("Ich bin der Vater von Lukas, er wird in der Uniklinik behandelt. Seine Ärztin hat "
            "Ihnen wegen des Medikaments geschrieben. Heute Nacht kam er auf die Intensivstation.")
    cls = _cls(make("Lukas", body, "vater@mail.example"))
    assert cls.needs_review and cls.emergency, cls.reasons
    assert any(r.rule == "unmatched-follow-up" for r in cls.reasons)


def test_the_requester_writing_from_another_address_reaches_her_case(cfg: Config) -> None:
    # "Pt passed away yesterday, please close the request" from the physician's personal
    # Gmail: no patient mark at all, but the same full name as the case's requester
    request = _from(make("CLR131", "Pt 61M RRMM penta-refractory. Requesting compassionate "
                         "supply of CLR131. Pls advise procedure.\n\nDr Amit Kulkarni"),
                    "Dr Amit Kulkarni", "amit.kulkarni@cancer-centre.example")
    closing = _from(make("Re: Re CLR131 request", "Pt passed away yesterday due to disease "
                         "progression. Please close the request. Thanks for your help.\nAmit"),
                    "Amit Kulkarni", "dramitk@gmail.example")
    stranger = _from(make("closing", "Please close the request, thanks."), "Amit Shah",
                     "someone@gmail.example")
    _run(cfg, request, closing, stranger)
    first, second, third = rows(cfg, "SELECT category, case_id, emergency FROM messages ORDER BY id")
    assert first["category"] == "ea_request" and first["case_id"] is not None
    assert second["category"] == "ea_followup" and second["case_id"] == first["case_id"]
    assert not second["emergency"]  # the patient died: no emergency any more
    assert third["case_id"] != first["case_id"]  # another Amit is another person


def _teresa(subject: str, body: str) -> bytes:
    return _from(make(subject, body), "Teresa Vallejo", "tvallejo@mail.example")


def test_a_reply_subject_from_the_requester_joins_her_case(cfg: Config) -> None:
    request = _teresa("please help my husband", "My husband Roberto is 59 and has lymphoma that "
                      "came back after CAR-T. Can he get your radioactive drug? Please tell me "
                      "what to do.\nTeresa Vallejo")
    news = _teresa("Re: Roberto", "Roberto is home from the hospital, fever gone. Thank you all. "
                   "Dr Alvarez says we continue next dose in 2 weeks.")
    _run(cfg, request, news)
    first, second = rows(cfg, "SELECT category, case_id FROM messages ORDER BY id")
    assert first["category"] == "ea_request"
    assert second["category"] == "ea_followup" and second["case_id"] == first["case_id"]


def _emergency_is(expected: bool, *bodies: str) -> None:
    for body in bodies:
        cls = _cls(make("request", body, "someone@hospital.example"))
        assert cls.emergency is expected, (body, cls.reasons)


def test_emergencies_told_by_the_bedside_and_history_that_is_over() -> None:
    _emergency_is(
        True,
        "Requesting compassionate use of CLR 131 for a 58F with relapsed myeloma. New confusion "
        "since yesterday. Family is flying in from Oregon this weekend.\nDr. Anil Chaudhary",
        "My husband Gary is 61 and has lymphoma. Can he get the iodine drug? Yesterday they "
        "moved him to step-down because his oxygen keeps going up.\nDonna",
        "Request for iopofosine for my patient, 61F with myeloma. Her bilirubin is climbing; "
        "at this pace she will not qualify for anything within a week.\nDr. M. Lindqvist")
    _emergency_is(
        False,
        "Request for iopofosine for my patient, 64F with myeloma. In January she presented "
        "with a hypercalcemic crisis requiring a short ICU stay; this resolved with "
        "hydration. Now stable, ECOG 1.\nDr. Marisol Ortega")


def test_bedside_emergencies_and_past_stays_in_other_languages() -> None:
    _emergency_is(
        True,
        "Mi marido Andrés tiene 66 años y un mieloma. Ayer lo subieron a la unidad de "
        "semicríticos y el hematólogo nos dijo que avisáramos a los hijos. ¿Podrían darle CLR 131?",
        "Zu unserem Patienten L. M. (Härtefallanfrage iopofosine): L. hat sich über Nacht weiter "
        "verschlechtert, er ist kaum noch wach.",
        "66M LPL/WM, refractory to BR and 2 BTKis. Bilateral effusions, now on high-flow. "
        "Would like to request single-pt access to CLR131.")
    _emergency_is(  # a stay in intensive care that is over
        False,
        "Mój syn ma 6 lat, neuroblastoma. W zeszłym roku leżał dwa tygodnie na OIOM-ie, ale "
        "teraz jest w domu. Czy może dostać iopofosine?",
        "Mio padre ha un mieloma. L'anno scorso le CAR-T. Dopo le CAR-T è stato una settimana in "
        "terapia intensiva, poi si è ripreso bene. Potrebbe ricevere il CLR 131?")


def test_a_patients_diary_naming_her_case_number_is_a_safety_report() -> None:
    # the case number in her own words (no brackets) names an EA case; the dose in the
    # first paragraph and the bruises and nosebleed days later in the diary
    body = ("It's Linda again, who got the treatment in January through Dr. Harper (my number "
            "was EA-2025-0451). Here is week 3 of my journal.\n\nMonday: drove myself to the lab! "
            "IgM came back 2,700. It was 3,900 before. I cried in the car, happy tears, and then "
            "we went for lunch with my sister and her grandchildren, which was lovely, and we "
            "talked about the garden for a long time.\n\nTuesday: a quiet day at home with Ron, "
            "crosswords and soup, and a long call with my cousin in Portland about the holidays."
            "\n\nThursday: noticed purple bruises on both shins.\n\nSunday: nosebleed at church.")
    cls = _cls(make("Update from Linda - week 3", body, "linda@mail.example"))
    assert cls.adverse_event, cls.reasons
    report = ("Patient S.W. (78M, WM) completed two cycles of iopofosine. Tolerability: grade 2 "
              "fatigue throughout, platelet nadir 42K. He would like an additional cycle.")
    assert _cls(make("additional cycle", report)).adverse_event


def test_a_death_in_the_family_history_does_not_hide_an_emergency() -> None:
    body = ("My father died of myeloma in 2015. Now my brother Tom has it too and since "
            "yesterday he is in the ICU on a ventilator. Can he get iopofosine?")
    cls = _cls(make("my brother", body, "family@mail.example"))
    assert cls.emergency, cls.reasons
    news = "Mateo passed away peacefully last night at home. Thank you for considering his case."
    assert not _cls(make("Update on Mateo", news, "family@mail.example")).emergency


def test_receipts_calendar_answers_and_webinar_confirmations_are_machine_mail() -> None:
    receipt = make("Read: Expanded access request for iopofosine", "Your message was read on "
                   "Tuesday.", "someone@hospital.example")
    accepted = make("Accepted: EA Review Committee (moved to Thu)", "", "colleague@hospital.example",
                    headers={"X-MS-Exchange-Calendar-Series-Instance-Id": "BAAAAIIA4AB0"})
    webinar = make("Expanded Access in Practice: Single Patient INDs and Emergency Use",
                   "Hi, you are registered for our webinar on single patient expanded access "
                   "requests and emergency use. Join from a PC, Mac, iPad or Android.",
                   "no-reply@zoom.example",
                   headers={"Auto-Submitted": "auto-generated",
                            "Reply-To": "eawebinars@organiser.example.org"})
    for raw in (receipt, accepted, webinar):
        cls = _cls(raw)
        assert cls.category is Category.AUTO_REPLY, cls.reasons
        assert not cls.emergency
    # a webinar's invitation (not a calendar's "Invitation: X @ Tue 10:00") is a person's mail
    invite = _cls(make("Invitation: EA roundtable for oncologists", "Dear colleague, we would "
                       "like to invite you to our roundtable.", "events.person@summit.example"))
    assert invite.category is not Category.AUTO_REPLY, invite.reasons


def test_thanks_after_treatment_and_a_trial_patients_gp_are_not_acknowledged() -> None:
    thanks = ("A year ago my mother received CLR 131 through your expanded access program (her "
              "hematologist sent the request). Her myeloma is still under control. Thank you "
              "for saying yes for her.\nColleen")
    cls = _cls(make("One year later - thank you", thanks, "colleen@mail.example"))
    assert cls.needs_review or cls.category is not Category.EA_REQUEST, cls.reasons
    gp = ("Ik ben huisarts van mevrouw J. Visser. Zij heeft vorig jaar deelgenomen aan een studie "
          "met uw middel (CLR 131, bij de ziekte van Waldenström). Nu heeft zij een TSH van 11,2 "
          "en is zij erg moe. Is dit bekend?")
    cls = _cls(make("Vraag over patiënte", gp, "huisarts@praktijk.example"))
    assert cls.adverse_event and (cls.needs_review or cls.category is not Category.EA_REQUEST)


def test_a_parent_writing_the_childs_first_name_again_joins_the_case(cfg: Config) -> None:
    def marcus(subject: str, body: str) -> bytes:
        return _from(make(subject, body), "Marcus Webb", "mwebb@mail.example")
    request = marcus("compassionate use for our son Eli (9) - DIPG", "Our son Eli is 9 years old "
                     "and has a diffuse midline glioma. Could Eli receive CLR 131 through "
                     "compassionate use?\nMarcus Webb")
    worse = marcus("Eli - things got worse this weekend", "Eli had a bad seizure Saturday night. "
                   "Now he can't use his left arm well. We are running out of time. Please, can "
                   "someone call us today about the drug?")
    other_child = marcus("our daughter Mia", "Our daughter Mia is 7 and has a glioma too. Could "
                         "she receive CLR 131 through compassionate use?")
    _run(cfg, request, worse, other_child)
    first, second, third = rows(cfg, "SELECT category, case_id, emergency FROM messages ORDER BY id")
    assert second["category"] == "ea_followup" and second["case_id"] == first["case_id"]
    assert second["emergency"]
    assert third["case_id"] != first["case_id"]


def test_another_patient_of_the_physician_found_by_her_date_of_birth(cfg: Config) -> None:
    first = _from(make("CLR 131 - EA request - myeloma", "Request for iopofosine for my patient "
                       "R.T., 64-year-old man with myeloma, DOB 11/09/1961.\nMargaret Hughes, MD"),
                  "Hughes, Margaret", "mhughes@stcolumba.example.org")
    second = _from(make("CLR 131 - second EA request (different patient)", "A separate request "
                        "for a different patient: I.K., 71-year-old woman, DOB 05/02/1954, "
                        "Waldenstrom macroglobulinemia. Please send the LOA.\nMargaret Hughes, MD"),
                   "Hughes, Margaret", "mhughes@stcolumba.example.org")
    records = _from(make("Dr. Hughes' second patient - marrow report", "As promised, a separate "
                         "email for Margaret's other patient (DOB 05/02/1954): the marrow report "
                         "is attached.\nTomasz Wierzbicki, MD"),
                    "Wierzbicki, Tomasz", "twierzbicki@stcolumba.example.org")
    _run(cfg, first, second, records)
    a, b, c = rows(cfg, "SELECT category, case_id FROM messages ORDER BY id")
    assert a["case_id"] != b["case_id"]  # two patients, two cases
    assert c["category"] == "ea_followup" and c["case_id"] == b["case_id"]


def test_deaths_and_past_stays_that_do_not_end_an_emergency() -> None:
    rules = load_config(ROOT / "config.example.toml").rules

    def flag_is(expected: bool, *texts: str) -> None:
        for text in texts:
            got, why = emergency(text, rules)
            assert got is expected, (text, why)
    flag_is(
        True,
        "I passed on your note to Dr. Lee yesterday. My father is in the ICU on a ventilator.",
        "His fever died down today but he is still intubated in the ICU.",
        "Dad was put on a ventilator today. My uncle died of the same cancer in 2010.",
        "He could have died last night; he is now in the ICU on a ventilator.",
        "Another patient on the ward died last night. My husband is on life support.",
        "We first wrote to you in January. He was admitted to the ICU last night and has not "
        "improved.",
        "He was discharged last week but is back in the ICU on a ventilator.")
    flag_is(
        False,
        "Unfortunately she declined overnight and the family chose comfort care this morning. "
        "She passed away a few hours ago. Please withdraw the request.",
        "She would not qualify for your ongoing trial because of prior CAR-T.",
        "My son is coming in for his infusion next Tuesday. We will respond within days.")


def test_a_reply_subject_does_not_pick_one_of_two_open_cases(cfg: Config) -> None:
    def anna(subject: str, body: str) -> bytes:
        return _from(make(subject, body), "Anna Berger, MD", "anna.berger@lakeside-hospital.example")
    first = anna("EA request: R.T.", "I request iopofosine for my patient R.T., a 64-year-old "
                 "man with myeloma.\nAnna Berger, MD")
    second = anna("EA request: K.L.", "I request iopofosine for my patient K.L., a 71-year-old "
                  "woman with Waldenstrom's.\nAnna Berger, MD")
    third = anna("Re: Expanded access inquiry", "I request iopofosine for a new patient, a "
                 "58-year-old man with lymphoma after CAR-T.\nAnna Berger, MD")
    _run(cfg, first, second, third)
    cases = {r["case_id"] for r in rows(cfg, "SELECT case_id FROM messages")}
    assert len(cases) == 3, cases  # the third letter opens its own case


def test_another_companys_drug_and_a_family_letter_after_a_death() -> None:
    other = ("I am writing to request compassionate access to ZN-414 (zelnorvimab) for my patient "
             "Mr. R.K., 56 years old, with relapsed myeloma. Kindly advise the procedure.\n"
             "Dr. Arvind Menon, MD")
    cls = _cls(make("Request for compassionate use - ZN-414", other, "amenon@hospital.example"))
    assert cls.needs_review and any(r.rule == "other-drug" for r in cls.reasons), cls.reasons
    thanks = ("My father received your drug (CLR 131) through the expanded access program last "
              "year. It gave us a good summer, and he made it to my daughter's wedding in July, "
              "which we never thought he would see. His myeloma came back in the fall, and after "
              "a short time in hospice he passed away on January 28. His blood counts were never "
              "the same after the treatment and he needed transfusions the last few months.")
    cls = _cls(make("Thank you from the family", thanks, "family@mail.example"))
    assert cls.adverse_event and not cls.emergency, cls.reasons


def test_a_wifes_need_for_an_answer_tonight_is_an_emergency_even_in_a_trial_question() -> None:
    body = ("My husband is in your myeloma study at the university. He is much weaker and we "
            "need an answer tonight about his next visit.\nKaren")
    cls = _cls(make("my husband - please", body, "karen@mail.example"))
    assert cls.category is Category.OTHER and cls.emergency, cls.reasons
    # a site's reporting deadline is no emergency
    site = ("Subject 104-007 of your study had grade 2 nausea; per protocol we report within 24 "
            "hours.\nStudy coordinator")
    assert not _cls(make("SAE report", site, "crc@site.example")).emergency


def test_safety_reports_told_by_a_home_nurse_and_a_patient_are_seen() -> None:
    nurse = ("I am the home health nurse for Mr. Harold Bixby. His oncologist got him your iodine "
             "drug on a compassionate use basis, he got it on Feb 24. At my visit today his gums "
             "were oozing blood, he has little red dots on both shins, and temp was 100.9. Our "
             "agency policy says to notify the drug company too.\nRosa, RN")
    cls = _cls(make("Patient on your compassionate use drug", nurse, "rosa@homecare.example"))
    assert cls.adverse_event, cls.reasons
    assert cls.needs_review or cls.category is not Category.EA_REQUEST  # no "new request" ack
    patient = ("Nobody told me that my saliva glands would swell up like a hamster after your "
               "radiation drug. It has been 3 weeks and everything tastes like metal. I signed up "
               "for this trial to help people.\nDoug")
    assert _cls(make("complaint", patient, "doug@mail.example")).adverse_event


def test_an_acute_event_as_it_happens_is_an_emergency_not_an_auto_replys_advice() -> None:
    _emergency_is(
        True,
        "I am a home health RN with your study patient now. Her nosebleed for 50 minutes "
        "won't stop with pressure. I have called 911 and EMS is on the way.\nPat Gallagher, RN",
        "My husband had the study infusion on Tuesday. Since last night he has a fever and "
        "this morning he is confused and breathing fast. Should I take him to the ER?\nLinda",
        "Mi marido recibió la infusión del estudio. He llamado al 112, la ambulancia ya viene.")
    _emergency_is(
        False,
        "I am out of the office until Monday. If this is a medical emergency, please call 911 "
        "or go to the nearest emergency room.",
        "I'm a bit confused about the forms for the expanded access request for my patient "
        "with myeloma; which one do you need?\nDr. K. Osei")


def test_an_emergency_told_through_the_bedside_not_through_a_word_for_it() -> None:
    _emergency_is(
        True,
        "Expanded access request for iopofosine for Mr. R.H., 66, myeloma. Admitted yesterday. "
        "Honestly, if we are going to do anything it has to be within the next week or so, not "
        "next month.\nDr. M. Okafor",
        "Re: CLR 131 for my patient. Ca 14.2, creat 3.8, confused. If there's a path it has to "
        "be this week or it's hospice.\nGH",
        "Any update on the request? She had a retinal vein occlusion on Sunday. I don't think I "
        "can keep her stable much longer.\nDr. S. Adeyemi",
        "Minha mãe tem mieloma. Ontem o médico perguntou se a família quer que ela seja "
        "reanimada ou não. Ela tem como receber o remédio radioativo de vocês?\nRafael",
        "Mio padre ha un linfoma. Ha smesso di mangiare. Esiste un uso compassionevole del "
        "vostro farmaco?\nFrancesca",
        "Anfrage Härtefall CLR 131 für einen 9-jährigen Patienten mit DMG: seit gestern deutlich "
        "somnolenter, GCS 11.\nDr. med. J. Brenninkmeyer",
        "Prośba o dostęp do CLR 131 dla pacjenta, lat 58. Ze względu na stan pacjenta liczy się "
        "każdy dzień.\ndr T. Wierzbicki",
        "Update on the expanded access patient: nephrology started HD today. Can you get me "
        "the LOA?\nKL")
    _emergency_is(
        False,
        "For every patient with relapsed myeloma every day counts: join our walk for "
        "#HopeForMark and ask the company for compassionate use of CLR 131!",
        "Pedido de uso compassivo de CLR 131 para doente de 70 anos, ECOG 1, sem insuficiência "
        "renal, sem hipercalcemia.\nDra. Inês Matos",
        "Two weeks ago Mr. Fairweather was in the ICU at St. Brendan's and needed high-flow "
        "oxygen, but he recovered well and is home. Could he receive CLR 131 through your "
        "compassionate use program?\nPatient navigator")


def test_a_site_report_with_a_subject_number_and_a_fraction_date_is_an_adverse_event() -> None:
    for body in (
        "WM study site 114 - SAE initial notification\nSubject: 114-007, 72 y/o M\nLast dose: "
        "cycle 1, fraction 2 on 02/24/2026\nEvent: bilateral parotid swelling, TSH 8.9.",
        "104-007 (the WM gentleman, fraction 2 on 11/17) came in through the ED Sunday night, "
        "T 39.4, ANC 0.1.",
        "My husband Bill was in your CLR 131 study. His last infusion was three weeks ago. He "
        "went downhill very fast and came home on hospice on Monday."):
        cls = _cls(make("report", body, "someone@hospital.example"))
        assert cls.adverse_event, (body, cls.reasons)


def test_a_screen_failure_is_no_exposure_and_low_counts_after_an_infusion_are_an_event() -> None:
    refused = _cls(make(
        "request", "I support a single-patient expanded access request for Mr W., who had a "
        "screen failure in the CLR 131 trial in October due to platelets 68 G/L. ECOG 1.",
        "dr.nowicka@hospital.example"))
    assert not refused.adverse_event, refused.reasons
    reported = _cls(make(
        "flying", "I'm in the WM study at Northfield and had my 3rd infusion on March 17. My "
        "last counts showed platelets 62 and the white count 2.1. Is it OK to fly?",
        "denise@mail.example"))
    assert reported.adverse_event, reported.reasons


def test_bedside_cues_keep_their_limits() -> None:
    # (found by a fresh-eyes review of the bedside cues: each of these went wrong once)
    _emergency_is(
        True,
        "Request for CLR 131 for my father, 70, myeloma. Without intubation he will die tonight.",
        "Solicitud de uso compasivo de CLR 131 para mi padre con mieloma. Sin UCI no va a aguantar.",
        "Request for CLR 131 for Mrs. K., 66, myeloma. In March she had pneumonia. Then she was "
        "neutropenic for 48 hr. She went to the ICU with sepsis; improved a bit since.",
        "Request for CLR 131 for my husband, 59, lymphoma. We don't have much time: the doctors "
        "can't keep him stable.",
        "Request for CLR 131 for my mother, 77, myeloma. We are out of options, the team raised "
        "hospice yesterday.",
        "Expanded access request for iopofosine, 64M, myeloma. Given her worsening condition, "
        "every day counts.\nDr. P. Ames",
        "Update on our EA request for CLR 131 (63F, myeloma): her GCS is 8 and calcium came back "
        "at 15.1.\nDr. P. Ames")
    _emergency_is(
        False,
        "Expanded access request for CLR 131 for a 61F with myeloma. CA 19-9: 250 U/mL; CA 15-3 "
        "normal. ECOG 1, stable.\nDr. P. Ames",
        "Anfrage Härtefall CLR 131: 68 Jahre, Myelom, hat ca 15 kg abgenommen und ist stabil.",
        "Request for CLR 131 for a 70M with myeloma, stable. He is full code and we discussed code "
        "status; he has a DNR order from years ago.\nDr. P. Ames",
        "Request for CLR 131 for a 66F with myeloma, ECOG 1. The IRB submission has to be this "
        "week; the patient is stable. She needs HD today per her regular Mon/Wed/Fri schedule.",
        "Request for iopofosine for a 58M with lymphoma, stable. We can't wait for the trial to "
        "open! Side effects include somnolent states, we know.\nDr. P. Ames")


def test_a_dose_after_a_refusal_is_still_a_dose() -> None:
    for body, flagged in (
        ("His insurance claim was rejected, but he received iopofosine infusion on 3/2 and was "
         "admitted with fever.", True),
        ("He screen-failed the first trial but was then dosed with CLR 131 under EA and was "
         "hospitalized with sepsis.", True),
        ("Excluded from the PK substudy, subject 101-004 developed febrile neutropenia and was "
         "hospitalized.", True),
        ("After my CLR 131 infusion: white count 7.2, platelets 250, feeling great!", False)):
        cls = _cls(make("report", body, "someone@hospital.example"))
        assert cls.adverse_event is flagged, (body, cls.reasons)


def test_organ_threats_as_clinicians_write_them_are_emergencies() -> None:
    _emergency_is(
        True,
        "Pedido de uso compassivo de iopofosina: homem de 61 anos, mieloma, anúrico há 48 horas, "
        "iniciou hemodiálise ontem.\nDra. Inês Mota",
        "Demande d'accès compassionnel CLR 131, enfant de 9 ans, gliome: depuis une semaine il ne "
        "déglutit plus.\nDr H. Baudry",
        "CLR 131 Härtefall: sekundäre PCL, Leukos 84/nl, Leukapherese seit gestern.\nDr. L. Brenner",
        "EA request for iopofosine, 54M, recurrent head and neck cancer: a sentinel bleed from the "
        "wound last night and stridor this week.\nK. Asante, MD",
        "Prośba o dostęp do CLR 131: pacjentka lat 59, szpiczak z uciskiem rdzenia, od wczoraj "
        "przestała chodzić.\ndr T. Wierzbicki")
    _emergency_is(
        False,
        "EA request for iopofosine for a 63F with Waldenström's, stable: ibrutinib stopped in 2019 "
        "after a small subdural hematoma; hyperviscosity symptoms at diagnosis in 2015.\nDr J. Lee")


def test_signature_titles_in_other_languages_and_not_in_the_study() -> None:
    cls = _cls(make("Verzoek CLR 131", "Meisje van 6, neuroblastoom, GCS 9 vanochtend. Kunt u "
                    "bellen?\nSanne Brouwer\nkinderoncoloog, Noorderkempen Kinderziekenhuis",
                    "s.brouwer@nkz.example"))
    assert cls.role.value == "physician", cls.reasons
    cls = _cls(make("CLR 131", "I was told my platelets are too low for the study. Is there any "
                    "other way I can get CLR 131 even if I am not in the study? I had an "
                    "infection last month.\nMaya", "maya@mail.example"))
    assert not cls.adverse_event, cls.reasons


def test_site_mail_with_a_numbered_fraction_or_subject_and_a_former_participant() -> None:
    for body in (
        "Scheduling question for 210-006: day 15 counts show plt 28, so we are holding "
        "fraction 2. Can the shipment move a week?\nSub-I, Site 210",
        "Please put her fraction 2 shipment on hold: she was admitted on Sunday with a new "
        "atrial fibrillation.\nCoordinator, Site 118",
        "Patiente 401-003 : bilan de J29 après la 2e fraction, TSH à 8,7 mUI/L, asymptomatique.",
        "R.M. - F1 given 4/2. D10: ANC 0.6, plt 29. Hold F2?",
        "Sono stata paziente nello studio con CLR 131 l'anno scorso e vi scrivo per avere i "
        "documenti per l'assicurazione.\n\nVi segnalo anche che a gennaio ho avuto un herpes "
        "zoster con ricovero di una settimana."):
        cls = _cls(make("site", body, "someone@hospital.example"))
        assert cls.adverse_event, (body, cls.reasons)
    # a numbered site is no exposure (its patient may be in screening; "Center\n1650" is an
    # address)
    for body in ("Site 031: screening visit moved because of a rash from his antibiotic.",
                 "Lakeshore Cancer Center\n1650 Main Street\nWBC 3.1 at screening."):
        quiet = _cls(make("site", body, "coordinator@hospital.example"))
        assert not quiet.adverse_event, (body, quiet.reasons)


def test_emergencies_told_plainly_and_deaths_dated_by_number() -> None:
    _emergency_is(
        True,
        "Update on my patient: since Friday he has lost the ability to walk, the MRI shows "
        "epidural growth.\nDr. E. Vance",
        "My husband is in your trial. His gums bleed and the lab said he "
        "needs to go to the hospital.\nLinda",
        "Demande d'accès compassionnel pour une patiente de 70 ans. Nous craignons qu'elle ne "
        "passe pas le week-end : elle ne s'alimente quasiment plus.\nDr J. Marchal",
        "Request for CLR 131 for my patient; things have changed fast since Tuesday.\nDr. Hale")
    _emergency_is(
        False,
        "Leider muss ich Ihnen mitteilen, dass unsere Patientin am 11.03.2026 verstorben ist. "
        "Sie hat sich innerhalb von zwei Tagen rasch verschlechtert.\nDr. J. Albrecht",
        "Request for iopofosine for my patient. He walks with a cane; platelets 96.\nDr. Hale",
        "SAE follow-up, subject 104-002: admitted with febrile neutropenia after fraction 1, "
        "platelets 8K, on antibiotics and improving.\nSite 104")


def test_the_company_receiving_a_letter_is_no_dose_and_a_lists_digest_is_no_emergency() -> None:
    wife = _cls(make(
        "my husband", "Dr Okafor wrote to your company asking for the radiation drug for my "
        "husband, and you answered you received it. He is very tired and needs transfusions "
        "every 2 weeks now. How long does it take?\nPatricia", "pat@mail.example"))
    assert not wife.adverse_event, wife.reasons
    dosed = _cls(make(
        "my husband", "My husband received the radiation drug in your study in May. Since "
        "then he is very tired and needs transfusions every 2 weeks.\nPatricia",
        "pat@mail.example"))
    assert dosed.adverse_event, dosed.reasons
    digest = make("EA-Pros Digest, Vol 3, Issue 2", "Today's Topics:\n\n1. Emergency IND after "
                  "hours\n\nOur medical monitor got a 2 a.m. call about a patient in the ICU "
                  "needing an eIND for compassionate use of our drug. How do small sponsors "
                  "staff this?", "ea-pros-request@lists.example")
    digest = digest.replace(b"\nSubject:", b"\nList-Id: <ea-pros.lists.example>\n"
                            b"Precedence: list\nSubject:", 1)
    cls = _cls(digest)
    assert cls.category is Category.AUTO_REPLY and not cls.emergency, cls.reasons


def test_safety_reports_and_deaths_in_the_other_languages() -> None:
    for body in (
        "Informo que o doente 208-003 está internado desde dia 12 com uma pneumonia. Recebeu a "
        "2.ª fração a 1 de março.",
        "Mon père avait participé à l'essai de votre médicament radioactif et avait reçu "
        "plusieurs perfusions. Il est décédé le 4 février d'une leucémie aiguë."):
        cls = _cls(make("info", body, "someone@hospital.example"))
        assert cls.adverse_event, (body, cls.reasons)
    for body in (
        "Leider ist unser Patient heute verstorben. Eine Behandlung mit Ihrem Präparat hat "
        "nicht mehr stattgefunden; er war im Rahmen des Härtefallprogramms angemeldet.",
        "Thank you for the confirmation; we have received it. Labs attached: PLT 96.000, "
        "Hb 11,2.\nM.B."):
        cls = _cls(make("Re: [EA-2026-0143] Your expanded access request", body,
                        "someone@hospital.example"))
        assert not cls.adverse_event, (body, cls.reasons)


def test_time_running_short_in_other_words_and_an_icu_left_behind() -> None:
    _emergency_is(
        True,
        "Solicito uso compassivo de iopofosina para uma paciente de 6 anos com neuroblastoma. "
        "A equipe já conversou com a família: o tempo pode ser muito curto.\nDra. M. Lins")
    _emergency_is(
        False,
        "Aggiornamento sul piccolo T.R.: ieri è stato dimesso dalla terapia intensiva, ora è "
        "stabile in reparto.\nDr. P. Marchetti",
        "Patient 105-004 wurde wenige Tage nach der zweiten Fraktion mit Fieber aufgenommen "
        "und ist inzwischen entlassen.\nStudienkoordination",
        "El paciente falleció en la madrugada del martes 10 de marzo en la Unidad de Cuidados "
        "Intensivos. No llegó a recibir ningún tratamiento.\nDr. A. Fuster")


def test_a_participants_other_mail_tells_its_event_further_from_the_study() -> None:
    body = ("I am writing about the reimbursement form for my visit on March 3. I am in the "
            "long-term follow-up of the CLR 131 study at Lakeside, and the form asks for the "
            "protocol number, which I do not have. Could you send it? The old coordinator "
            "left in January and the new one told me to write here. Also the parking voucher "
            "was not accepted at the garage, is there a new one? And one more thing for the "
            "record: I slipped on the ice on February 21st and broke my left wrist; it is in "
            "a cast for four more weeks, so my nephew will drive me.\nMargaret")
    cls = _cls(make("reimbursement form", body, "maggie@mail.example"))
    assert cls.category is Category.OTHER and cls.adverse_event, cls.reasons
    for body in (
        "Je suis infirmière libérale chez Mme R., qui participe à votre étude. Depuis la "
        "dernière perfusion je constate des œdèmes des chevilles et elle est très fatiguée.",
        "Mr. H. was a participant in your CLR 131 study until last fall. He passed away "
        "peacefully at home on Sunday; his wife asks where to return the study diary."):
        cls = _cls(make("note", body, "nurse@care.example"))
        assert cls.adverse_event, (body, cls.reasons)


def test_bleeding_that_will_not_stop_and_the_way_to_the_er_are_emergencies() -> None:
    _emergency_is(
        True,
        "My wife is in your study and has had a nosebleed for more than 2 hours now and it "
        "will not stop. We are driving to the ER right now.\nLuis",
        "I am patient in the CLR 131 study. Since this night I have black stool, very black "
        "like tar, and I am dizzy when I stand up. Go to emergency room now or wait?\nTadeusz",
        "La patiente 1201-004 présente une épistaxis abondante qui ne cède pas malgré méchage; "
        "elle est hémodynamiquement limite.\nCoordination")
    _emergency_is(
        False,
        "He had a nosebleed last month that stopped on its own; he is well now.\nDr. Hale")


def test_acute_pictures_in_clinical_shorthand_and_episodes_that_are_over() -> None:
    _emergency_is(
        True,
        "Request for iopofosine, 71M WM. Admitted with hyperviscosity; fundoscopy shows flame "
        "haemorrhages and the left eye is now counting fingers.\nDr. H. Okafor",
        "Anfrage Härtefall CLR 131, 7 J., DMG. CT gestern: Verschlusshydrozephalus, "
        "Neurochirurgie legt heute eine externe Ventrikeldrainage.\nDr. J. Hallstein",
        "Solicitud de uso compasivo. Estridor inspiratorio desde anoche; ORL valora "
        "traqueostomía mañana.\nDra. L. Ortega")
    _emergency_is(
        False,
        "Request for CLR 131, 64F with myeloma. Presented in Feb 2024 with T10 cord "
        "compression, decompression and RT, full neurological recovery. ECOG 1.\nDr. Reyes",
        "Request for CLR 131. Grade 2 ICANS after cilta-cel, resolved within 48 h.\nDr. Reyes",
        "Back in 2023 I had a spinal cord compression, but radiation fixed it and I walk fine "
        "now. Am I eligible for your trial?\nWalt",
        "Update on R.K.: he needed another plasmapheresis session yesterday; clinically stable "
        "otherwise.\nDr. A. Lind")


def test_a_second_dose_to_come_and_a_case_notified_to_pharmacovigilance_are_exposure() -> None:
    for body in (
        "He went home on Friday; the infection cleared, but his platelets are still low, 24K "
        "this morning. Once his counts recover I would like to discuss whether a second dose "
        "makes sense.\nDr. M. Ellison",
        "Lamento comunicarle que el paciente J.M.R. falleció ayer tras un shock séptico. Hemos "
        "notificado el caso al Sistema Español de Farmacovigilancia.\nDra. C. Ibáñez"):
        cls = _cls(make("Re: [EA-2026-0031] Your expanded access request", body,
                        "dr@hospital.example"))
        assert cls.adverse_event, (body, cls.reasons)


def test_the_work_you_do_is_no_osteopaths_degree() -> None:
    body = ("Hi, I'm typing this for my grandma. \"My name is Ruth, I am 82 and have lymphoma "
            "that turned into the fast kind. Is there a radioactive medicine that could help "
            "me?\nGod bless you for the work you do.\nRuth\"\nJayden")
    cls = _cls(make("for my grandma", body, "jayden@mail.example"))
    assert cls.role is not None and cls.role.value != "physician", cls.reasons
    doc = _cls(make("EA request", "Requesting expanded access to CLR 131 for my patient, 70M "
                    "with relapsed DLBCL after CAR-T.\nJane Roe, DO\nCommunity Oncology",
                    "jroe@clinic.example"))
    assert doc.role is not None and doc.role.value == "physician", doc.reasons


def test_a_gi_bleed_now_a_dose_while_still_stable_and_a_bleed_that_resolved() -> None:
    _emergency_is(
        True,
        "Update on EA-2026-0040: since yesterday platelets dropped to 9K and she had an upper "
        "GI bleed overnight; transfused. I need guidance today.\nDr. N. Adeyemi",
        "We need confirmation today so the first fraction can go in tomorrow while she is "
        "still stable enough.\nInvestigational Drug Services")
    _emergency_is(
        False,
        "Request for CLR 131 for a former participant. His course was complicated by one "
        "admission for a lower GI bleed during that period, which resolved with transfusion. "
        "ECOG 1 now.\nDr. Reyes")


# A fresh-eyes review of this session's cues (session 11) found these; each is kept.
_REVIEWED = [
    ("ae", False, "I am a patient of Dr. Rivera at MD Anderson. Last year I had pneumonia. "
                  "Could I get iopofosine?"),
    ("ae", False, "I am on the waiting list for the CLR 131 trial. I had a seizure last week."),
    ("ae", False, "Teclistamab patients received a second dose on day 4; pneumonia and sepsis "
                  "were common."),
    ("ae", False, "He got a second dose of the shingles vaccine and had a fever."),
    ("ae", False, "Her cycle 2 of R-CHOP was postponed because of neutropenia and fever. Could "
                  "she get CLR 131?"),
    ("ae", False, "Ha agotado todas las opciones tras la última dosis de rituximab. ¿Puede "
                  "recibir iopofosina?"),
    ("ae", True, "Elle a reçu deux doses d'iopofosine. Elle n'a pas reçu la troisième dose car "
                 "elle est décédée après la deuxième."),
    ("ae", True, "Die dritte Gabe hat er nicht mehr bekommen, weil er nach der zweiten Gabe "
                 "verstorben ist."),
    ("ae", True, "Patient 305-002 died on 3/9 after F2; she did not get any further fractions."),
    ("ae", True, "Mio padre ha ricevuto la seconda dose di iopofosina ed è morto ieri."),
    ("em", True, "They rushed him off to the ICU an hour ago. He needs CLR 131."),
    ("em", True, "Tras quimioterapia en alta dosis ahora está en la UCI. Solicitamos uso "
                 "compasivo de iopofosina."),
    ("em", True, "My mother has been in the ICU since Friday. My father died on 04/05/2018 of "
                 "the same disease. Please help with CLR 131."),
    ("em", True, "In November she was moved to the ICU and intubated; we are praying for a full "
                 "recovery. Please send CLR 131."),
    ("em", True, "My husband has a nosebleed that won’t stop. Can he get the iodine drug?"),
    ("em", False, "Request for CLR 131. She lost the sight in her right eye two years ago."),
    ("em", False, "Request for CLR 131. Hemodynamic instability during the first infusion of "
                  "CAR-T, resolved with fluids. Stable now."),
    ("em", False, "Request for CLR 131. Dr. Weber said she should go to Erlangen for a second "
                  "opinion."),
    ("em", False, "Request for CLR 131. We are on our way to the hospital now for his scheduled "
                  "infusion of rituximab."),
]


def test_cues_as_a_fresh_eyes_review_tried_them() -> None:
    for flag, expected, body in _REVIEWED:
        cls = _cls(make("request", body, "someone@mail.example"))
        got = cls.adverse_event if flag == "ae" else cls.emergency
        assert got is expected, (flag, body, cls.reasons)


def test_a_gp_sending_a_participant_to_the_emergency_department_is_an_emergency() -> None:
    _emergency_is(
        True,
        "Dear colleagues, I am the GP of a participant in your iopofosine trial. He presented "
        "today with a temperature of 40 and confusion; I have sent him to the emergency "
        "department. Please inform the investigator.\nDr. P. Hale",
        "Patiente de l'étude : TA 82/45 ce matin, nous l'avons transférée en réanimation.")
    _emergency_is(
        False,
        "Pharmacy question for a participant admitted last night after a fall. On admission "
        "he was also hypotensive; surgery is planned today. Which precautions apply?")


def test_a_prognosis_in_weeks_told_by_a_family_is_an_emergency() -> None:
    _emergency_is(
        True,
        "My father is 70 with lymphoma, his doctors say he has maybe two weeks. Can he get the "
        "iodine drug?\nAnna",
        "Mum has lymphoma and they gave her a few days. Is there any way to get CLR 131?\nTom")
    _emergency_is(
        False,
        "Request for CLR 131 for my patient. The IRB gave us two weeks to decide; he is "
        "stable, ECOG 1.\nDr. Hale")


def test_a_fellows_we_are_talking_days_and_a_cases_sae_in_its_subject() -> None:
    _emergency_is(
        True,
        "Fwd: 11yo DMG. New dysphagia, now aspirating thin liquids. At this pace I think we "
        "are talking days to a couple of weeks, so if we ask, it should be now.\nAmir")
    cls = _cls(make("Re: [EA-2026-0044] V.L. - admitted 13 Mar neutropenic fever, ANC 0.2, "
                    "SAE form to follow by Wed", "As above.\n-OAH", "oah@hospital.example"))
    assert cls.adverse_event, cls.reasons


def test_a_sites_query_answer_on_our_protocol_is_a_safety_report() -> None:
    cls = _cls(make(
        "Site 207 query responses (CLR-131-MM-04)",
        "Q-2291 (207-003): the visit was moved because she had a nosebleed that wouldn't stop "
        "and went to urgent care (plt 38). Entered on the AE page as epistaxis gr 2.\nTanya",
        "tmoore@research.example"))
    assert cls.adverse_event, cls.reasons


def test_families_told_to_prepare_or_on_high_flow_oxygen_in_their_languages() -> None:
    _emergency_is(
        True,
        "A minha mãe está muito mal, os médicos disseram que devemos preparar-nos. Ela tem "
        "mieloma. Podem enviar o CLR 131?",
        "Ma femme est hospitalisée depuis hier soir, elle respire très mal et on lui a mis de "
        "l'oxygène à fort débit. Pouvez-vous nous aider avec le CLR 131 ?",
        "Mi hijo de 8 años tiene un glioma, desde ayer está muy dormido y vomita; le han "
        "puesto un drenaje. ¿Hay acceso compasivo a CLR 131?")


def test_a_letter_saying_the_drug_was_never_given_reports_no_event() -> None:
    cls = _cls(make(
        "Re: [EA-2026-0121] Your expanded access request - J.A.",
        "I'm sorry to tell you that J.A. died at home on Sunday. He declined quickly over the "
        "last ten days. He never received CLR 131; the LOA had arrived. Please close the "
        "request.\nSam Okafor MD", "sam@clinic.example"))
    assert not cls.adverse_event, cls.reasons
    site = _cls(make(
        "ośrodek 48 – pacjent 4803-002 – SAE",
        "U pacjenta 4803-002 po drugiej dawce badanego leku wystąpiła gorączka neutropeniczna. "
        "Formularz SAE wysłaliśmy, ale nie otrzymaliśmy potwierdzenia.", "k@site.example"))
    assert site.adverse_event, site.reasons
    after = _cls(make(
        "Re: [EA-2026-0002] my mother M.T. - question after the treatment",
        "Now it is very bad. This night mamma vomited blood and the stool is black; the "
        "platelets stay at 6.000.\nChiara", "chiara@mail.example"))
    assert after.adverse_event, after.reasons


def test_bipap_a_step_up_unit_and_the_next_48_hours_are_emergencies() -> None:
    nurse = _cls(make("Re: [EA-2026-0039] Your expanded access request",
                      "Attached is the draft 3926 for D.R. Update from the floor: he was moved to "
                      "the step-up unit an hour ago and is now on BiPAP.\nTanya, research nurse",
                      "tbrooks@hospital.example"))
    assert nurse.emergency, nurse.reasons
    _emergency_is(
        True,
        "O meu marido está no estudo. Está internado, a tensão está muito baixa e disseram-me "
        "que as próximas 48 horas são decisivas. Por favor, alguém pode ajudar hoje?")


def test_blue_lips_and_fainting_today_are_emergencies() -> None:
    _emergency_is(
        True,
        "my wife is in your trial, she fainted twice today and is very pale, her lips are "
        "blue. the study phone doesnt answer")
    _emergency_is(
        False,
        "Request for CLR 131. She fainted once in 2023 during a chemo infusion; no problems "
        "since.\nDr. Hale")


def test_a_decline_told_with_its_kind_falling_consciousness_and_weeks_possibly_days() -> None:
    _emergency_is(
        True,
        "Solicito uso compassivo de iopofosina para o meu doente de 58 anos. Desde sexta houve "
        "piora clínica muito rápida e ontem rebaixamento do nível de consciência.",
        "Demande d'accès compassionnel à l'iopofosine: nous estimons qu'il lui reste quelques "
        "semaines, peut-être même des jours.",
        "Expanded access request for CLR 131: rapid neurological decline since Monday, GCS now "
        "10. We need a response em até 48 horas, as our ethics board meets Friday.")
    _emergency_is(
        False,
        "Expanded access request for CLR 131. In 2024 he had a rapid clinical decline after "
        "CAR-T, which resolved fully; he is stable and working now.")


def test_a_former_participants_cytopenia_and_a_sites_cycle_pushed_out_are_safety_reports() -> None:
    dutch = _cls(make("Verzoek iopofosine", "Mevrouw B. (71) is in 2023 in de CLOVER-WaM studie "
                      "behandeld; daarbij ontwikkelde zij een trombocytopenie graad 4. Graag "
                      "hertreatment.", "arts@ziekenhuis.example"))
    assert dutch.adverse_event, dutch.reasons
    site = _cls(make("visit window", "Quick one: pt 0207-014 had his C3 visit today but we held "
                     "dosing, his platelets are 38. Can the window be extended?",
                     "crc@site.example"))
    assert site.adverse_event, site.reasons
    other_drug = _cls(make("Pedido", "Plaquetopenia grau 3 pela temozolomida em 2025. Solicito "
                           "iopofosina para a doente.", "dr@hosp.example"))
    assert not other_drug.adverse_event, other_drug.reasons


def test_breathing_that_paused_a_machine_a_cord_compressed_a_bleed_that_may_not_stop() -> None:
    _emergency_is(
        True,
        "Re: her request. This afternoon she had a long pause in her breathing; the team meets "
        "the family at six.",
        "Mi madre está en la UCI desde ayer, la han conectado a una máquina para respirar.",
        "The tumour is compressing the cord and he may lose the ability to walk; request for "
        "CLR 131.",
        "She had a herald bleed from the wound this morning. Could she get iopofosine?",
        "Our team thinks he will not get through the coming week. Requesting CLR 131.")
    _emergency_is(
        False,
        "Request for CLR 131. Known risk of carotid blowout was discussed at tumour board; "
        "the neck disease is stable on imaging.")


def test_news_of_the_patient_is_told_before_a_deadline_in_a_sites_report() -> None:
    nurse = _cls(make("site 2104 - patient 2104-009", "Our patient 2104-009 received the second "
                      "fraction in May. CT tonight shows a subdural haematoma with midline shift. "
                      "We will send the SAE form within 24 hours; where is the fax number?",
                      "study.nurse@klinik.example"))
    assert nurse.emergency, nurse.reasons
    assert "midline shift" in str(nurse.reasons) or "operate" in str(nurse.reasons)


# A fresh-eyes review (a helper) of session 12's cues: findings denied in exam and imaging
# reports, histories and logistics that are no emergency, other drugs' cycles and other
# studies that are no exposure; and close variants the cues missed. ("em"/"ae": emergency
# / adverse event expected, after a physician's one-line request.)
_REVIEWED_12 = [
    ('em', False, 'He is clinically stable, with no rapid clinical deterioration.'),
    ('em', False, 'Exame: sem rebaixamento do nível de consciência.'),
    ('em', False, 'Exploración: sin disminución del nivel de conciencia.'),
    ('em', False, "Examen: pas d'altération de la conscience."),
    ('em', False, 'Esame: nessuna alterazione della coscienza.'),
    ('em', False, 'Befund: keine Bewusstseinseintrübung.'),
    ('em', False, 'Onderzoek: geen bewustzijnsdaling.'),
    ('em', False, 'Alert, no decreased level of consciousness.'),
    ('em', False, 'CT head showed a small subdural with no midline shift, since stable.'),
    ('em', False, 'MRI spine: no lesion compressing the cord.'),
    ('em', False, 'Não foi intubado durante a internação anterior.'),
    ('em', False, "Il n'a jamais été intubé."),
    ('em', False, 'No ha requerido ventilación mecánica.'),
    ('em', False, 'Beademing was nooit nodig.'),
    ('em', False, 'He received two units of blood yesterday for anaemia and feels much better.'),
    ('em', False, 'He has obstructive sleep apnoea with long pauses in his breathing at night, well'
                  ' controlled with a mask.'),
    ('em', False, 'The consent form says a major bleed could occur with low platelets; she accepts '
                  'this.'),
    ('em', False, 'Anti-MAG neuropathy slowly progressive over 5 years; he fears losing the ability'
                  ' to walk eventually.'),
    ('em', False, 'Her daughter keeps asking what she would want if things got worse one day.'),
    ('em', False, 'How long does approval take in practice - weeks, possibly days?'),
    ('em', False, 'Proteinúria em 24 horas: 1,2 g.'),
    ('em', False, 'Our courier might not get through this weekend because of the strike.'),
    ('em', False, 'For out-of-hours questions please contact our pharmacy duty officer on 0161 555 '
                  '0100.'),
    ('em', False, 'His insurer approved by phone today the PET scan.'),
    ('em', False, 'Once the shipment is released we will not be able to stop it.'),
    ('em', False, 'Our infusion centre is scheduled to operate today only until 3 pm.'),
    ('em', False, 'She moved to us from Glasgow 3 months ago.'),
    ('em', False, "Glasgow 9-11 October: I'll be at the BSH meeting."),
    ('ae', False, 'C2 dose of bendamustine was reduced for neutropenia.'),
    ('ae', False, 'On R-CHOP we delayed C3 because of febrile neutropenia in 2023.'),
    ('ae', False, 'Hij deed eerder mee in de HOVON 124 studie met ibrutinib en kreeg daarbij '
                  'trombocytopenie en een longontsteking.'),
    ('ae', False, 'Prior lines: BR, ibrutinib, CLR 131 (study - screen failure, platelets too low),'
                  ' zanubrutinib with grade 3 neutropenia.'),
    ('ae', False, 'Our ethics approval for 2025-014 is attached. He developed pneumonia on '
                  'ibrutinib last year.'),
    ('em', True, 'Rapid neurologic decline since Monday.'),
    ('em', True, 'His level of consciousness is decreasing since this morning.'),
    ('em', True, 'Glasgow Coma Scale 8 this morning.'),
    ('em', True, 'We think she has a few weeks if not days.'),
    ('em', True, 'Il lui reste quelques semaines, voire quelques jours.'),
    ('em', True, 'Since last night he is on a breathing machine.'),
    ('em', True, 'A plasmacytoma is compressing his spinal cord.'),
    ('em', True, 'CT shows a 6 mm shift of the midline.'),
    ('em', True, 'Neurosurgery will operate tonight.'),
    ('em', True, 'This afternoon he had a long pause in his breathing that frightened his parents.'),
    ('em', True, 'Mi padre está intubado desde anoche.'),
    ('em', True, 'The tumour is compressing the cord and he may lose the ability to walk within '
                 'days.'),
    ('em', True, 'A major bleed could happen at any moment, most likely within days.'),
    ('em', True, 'If there is another bleed they may not be able to stop it.'),
    ('em', True, "Our group's consensus is that he will not get through the coming week."),
    ('em', True, 'The FDA duty officer can authorize a single-patient IND by phone tonight.'),
    ('em', True, 'CT shows a subdural hematoma with midline shift; neurosurgery plans to operate '
                 'this evening.'),
    ('ae', True, 'Pt 0207-014 had cycle 2 today; we held dosing, his platelets are 38 since the '
                 'CLR 131 fraction 1.'),
    ('ae', True, 'Hij is in 2022 in de CLOVER-1 studie behandeld en kreeg een trombocytopenie '
                 'graad 3.'),
    ('ae', True, 'Er war in der CLOVER-WaM-Studie und hatte danach eine Panzytopenie.'),
]


def test_cues_as_the_session_12_review_tried_them() -> None:
    for flag, expected, text in _REVIEWED_12:
        cls = _cls(make("Request", "Dear team, requesting iopofosine for my patient, 70M, "
                        "relapsed WM, stable. " + text, "dr.meyer@hospital.example"))
        got = cls.emergency if flag == "em" else cls.adverse_event
        assert got is expected, (flag, text, cls.reasons)


def test_acute_events_told_in_mail_that_asks_for_nothing_about_a_participant() -> None:
    """A GP, a ward or a relative writing about one of our participants for another reason:
    the participant is a patient (the emergency is not a vendor's general talk)."""
    for news in ("He had a cardiac arrest yesterday and was resuscitated.",
                 "She was airlifted to the regional hospital this afternoon.",
                 "He has had seizures all morning that won't stop.",
                 "He was taken to resus with neutropenic sepsis.",
                 "Er ist seit gestern in kritischem Zustand.",
                 "È in pericolo di vita.",
                 "The nurses called us in at 3 am.",
                 "The doctors said there is nothing more they can do and he has days.",
                 "He can't breathe properly and his lips are blue.",
                 "He is on life support."):
        gp = _cls(make("records", "Dear team, I am the GP of a participant in your iopofosine "
                       f"trial. {news} Please send me the protocol contact. Dr Lee",
                       "gp@surgery.example"))
        assert gp.category is Category.OTHER and gp.emergency, (news, gp.reasons)
    history = _cls(make("question", "J'ai une maladie de Waldenström. En 2021, j'ai fait un arrêt "
                        "cardiaque pendant une perfusion de rituximab; je vais bien. Où trouver "
                        "des informations sur iopofosine ?", "patiente@mail.example"))
    assert not history.emergency, history.reasons
    webinar = _cls(make("Webinar: emergency INDs", "Join us to learn how an emergency IND is "
                        "granted by phone and how patients in your trial are protected.",
                        "events@vendor.example"))
    assert not webinar.emergency, webinar.reasons


def _participants_wife(event: str):  # type: ignore[no-untyped-def]
    """A participant's wife asking where to park, telling ``event`` in passing."""
    return _cls(make("parking", "Hello, my husband had his CLR 131 infusions in your study "
                     f"last month. {event} Where do we park for the follow-up visit? Jane",
                     "jane@mail.example"))


def test_weight_lost_and_kidneys_worse_after_our_drug_are_events() -> None:
    for event in ("He lost a lot of weight.", "His kidney function got worse."):
        wife = _participants_wife(event)
        assert wife.adverse_event, (event, wife.reasons)


def test_time_told_short_in_plain_words_in_a_request_is_an_emergency() -> None:
    for news in ("I am not sure how much time we have.", "She's much worse since the weekend.",
                 "We were told that without treatment she has weeks at most.",
                 "She is now too weak to get out of bed.", "The hospital asked us about a DNR.",
                 "They moved him to palliative care yesterday.",
                 "She has not woken up properly since yesterday.",
                 "She is bleeding from the gums.", "The lymphoma is pressing on his airway.",
                 "It has to be within the week.", "Es geht ihm von Tag zu Tag schlechter.",
                 "Está piorando muito rápido.", "Jest z nim coraz gorzej.",
                 "Honestly we may only have days.", "He may not have long.",
                 "Time is short for her.", "We're losing him."):
        _emergency_is(True, "Hello, my mother Ana (66) has multiple myeloma and nothing has "
                      f"worked. Can she get your drug CLR 131? {news} Thank you, Maria")
    _emergency_is(False, "Request for CLR 131 for Mr K. (70). He was admitted overnight with "
                  "pneumonia last month, treated, and is home and stable now.",
                  "Request for CLR 131. The IRB meets Friday; we may not have long to wait.")


def test_a_physicians_one_line_at_night_in_a_case_is_an_emergency() -> None:
    reply = _cls(make("Re: [EA-2026-0107] Your expanded access request",
                      "Got the acknowledgement. Is anyone reading this inbox tonight? Call my cell "
                      "555-0101, I'm in house till 6am.", "dr.k@hospital.example"))
    assert reply.emergency, reply.reasons


def test_a_familys_plain_words_after_our_drug_are_events() -> None:
    for event in ("We lost him last Thursday.", "Since the last infusion she gets out of breath.",
                  "He's been off his food and lost 4 kilos.", "He had a funny turn last week.",
                  "He's got mouth ulcers.", "He hasn't been himself since the treatment."):
        wife = _participants_wife(event)
        assert wife.adverse_event, (event, wife.reasons)
    before = _cls(make("thank you", "My father was on the waiting list for your CLR 131 study. "
                       "We lost him last Thursday, before he could start. Thank you all.",
                       "son@mail.example"))
    assert not before.adverse_event, before.reasons


# Session 13: news told in mail that asks for nothing (a GP of a participant), by a ward or an
# emergency department (own sentences, not the mail): the rows that expect a flag fail on the
# commit before; the others guard the new cues against firing on a rota or a history
_NEWS_13 = [
    (True, "A machine is breathing for her since last night."),
    (True, "She is on a drip to keep her blood pressure up."),
    (True, "Her pressure is in the 60s this morning."),
    (True, "The ward asked his wife to come in right away."),
    (True, "We don't know if he will make it."),
    (True, "Los médicos no saben si llega al fin de semana."),
    (True, "Nos dijeron que avisemos a sus hermanos."),
    (True, "Les médecins ne savent pas s'il passera la nuit."),
    (True, "I medici non sanno se arriva a domani."),
    (True, "His platelets are 5 and he is bleeding; I need to talk to someone tonight."),
    (False, "Dr. Patel is on ICU service this week, so please copy me."),
    (False, "He spent two nights in our ICU after a reaction to rituximab and recovered "
            "completely."),
    (False, "We don't know if he will make it to the screening visit."),
    (False, "I asked his wife to come in for the consent visit."),
]


def test_news_told_in_passing_about_a_participant_is_an_emergency_or_not() -> None:
    for expected, news in _NEWS_13:
        gp = _cls(make("records", "Dear team, I am the GP of a participant in your iopofosine "
                       f"trial. {news} Please send me the protocol contact. Dr Lee",
                       "gp@surgery.example"))
        assert gp.emergency is expected, (news, gp.reasons)


def test_a_sites_words_for_exposure_and_a_death_before_any_dose() -> None:
    for text in ("Lab C2D15: de TSH van 305-003 was verhoogd en zij is erg moe.",
                 "Mogelijk gerelateerd aan de studiemedicatie: de patiënt is erg moe.",
                 "Heads up that 204-019 will miss her Day 8 dose: she came in through our ED "
                 "last night, short of breath."):
        site = _cls(make("queries", f"Hi all, {text} Thanks, Femke", "crc@site.example"))
        assert site.adverse_event, (text, site.reasons)
    for text in ("Subject 118-004 never received study drug and died at home before the first "
                 "infusion of CLR 131.",
                 "El paciente 402-006 del estudio con iopofosine falleció antes de la primera "
                 "dosis; no recibió ninguna dosis."):
        site = _cls(make("queries", f"Hi all, {text} Thanks, Femke", "crc@site.example"))
        assert not site.adverse_event, (text, site.reasons)


def test_a_patient_who_already_had_our_drug_under_ea_is_not_acknowledged_as_new() -> None:
    for text in ("My father received your medicine, CLR 131, through an expanded access program "
                 "last year. His new doctors need to know what he was given. Please help.",
                 "Mi madre recibió el medicamento de ustedes por el programa de uso compasivo en "
                 "enero. Los médicos de aquí necesitan el nombre exacto. Por favor ayúdenos."):
        cls = _cls(make("records", text, "family@mail.example"))
        acked = cls.category is Category.EA_REQUEST and not cls.needs_review
        assert not acked, (text, cls.reasons)
        assert cls.category is not Category.OTHER or cls.needs_review, cls.reasons  # a human sees it


def test_the_requester_from_another_address_who_says_he_wrote_before_is_linked_for_review(
        cfg: Config) -> None:
    # (learnt from dev-z37) a terse note from a personal phone, then the details from the
    # hospital account under the directory's "Last, First" name and the full first name
    phone = _from(make("pt question", "Any way to get your radioactive agent for one of my "
                       "myeloma pts outside the study? Out of options here, happy to do whatever "
                       "paperwork.\nG Hollis MD\n\nSent from my iPhone"), "Greg Hollis",
                  "ghollis.md@mailbox.example")
    details = _from(make("myeloma patient - details",
                         "I wrote Monday evening from my personal phone - sorry for the brevity. "
                         "74 y/o M, IgA lambda myeloma, penta-refractory, not a candidate for "
                         "CAR-T. I'd like to pursue single-patient access to CLR 131.\n\n"
                         "Gregory Hollis, MD"), "Hollis, Gregory", "g.hollis@prairie.example")
    _run(cfg, phone, details)
    cases = rows(cfg, "SELECT * FROM cases ORDER BY id")
    msgs = rows(cfg, "SELECT * FROM messages ORDER BY id")
    # one shared mark (myeloma) under the requester's family name: not attached (another
    # Dr. Hollis may write about another patient), but never silently a second case
    assert len(cases) == 2 and cases[1]["linked_case_id"] == cases[0]["id"], \
        [m["reasons"] for m in msgs]
    assert msgs[1]["needs_review"] and "possible-duplicate" in msgs[1]["reasons"]
    # without "I wrote ... from my personal phone", a letter with one shared mark is no link
    _run(cfg, details.replace(b"I wrote Monday evening from my personal phone - sorry for the "
                              b"brevity. ", b"").replace(b"g.hollis@", b"g.hollis2@"))
    third = rows(cfg, "SELECT * FROM cases ORDER BY id")[2]
    assert third["linked_case_id"] is None


def test_news_of_a_fast_decline_in_ordinary_words_is_an_emergency() -> None:
    for text, expected in (
            ("He has gone downhill over the weekend: LDH has doubled.", True),
            ("Frankly I think we have a week, perhaps two, in which he would still be fit.", True),
            ("What I need from you first thing tomorrow: the LOA and the shipment.", True),
            ("His mood has gone downhill over the years since the diagnosis.", False)):
        cls = _cls(make("CLR 131 for my patient", "I request expanded access to iopofosine for my "
                        f"patient R.T., 57, relapsed mantle cell lymphoma. {text}\nDr. Sneha Patel",
                        "s.patel@onc.example"))
        assert cls.emergency is expected, (text, cls.reasons)


def test_a_family_thank_you_that_tells_of_a_reaction_is_an_adverse_event() -> None:
    thanks = _cls(make("A thank you", "My mum had your treatment last year after the usual "
                       "options ran out. The last infusion made her very sick, she was in bed "
                       "for a fortnight with a temperature and they had to give her blood twice, "
                       "but she is doing well now. Thank you.\nDavid", "david@mail.example"))
    assert thanks.adverse_event, thanks.reasons
    # a letter that was not received is no dose received
    lost = _cls(make("no confirmation", "I submitted a request for my patient M.O. and never "
                     "received the confirmation. He has gone downhill since. Dr. Patel",
                     "s.patel@onc.example"))
    assert not lost.adverse_event, lost.reasons


def test_an_italian_physician_signing_dott_is_the_treating_physician() -> None:
    cls = _cls(make("richiesta", "Gentili Signori,\n\nchiedo la disponibilità di CLR 131 ad uso "
                    "compassivo per un paziente di 72 anni con M. di Waldenström.\n\nCordiali "
                    "saluti\n\nDott. Fabio Rinaldi\nUOC Ematologia", "f.rinaldi@asl.example"))
    assert cls.role is not None and cls.role.value == "physician", cls.reasons


def test_hospital_staff_other_than_the_physician_write_as_other() -> None:
    # (learnt from dev-z36) pharmacists and a secretariat in four languages
    for sig in ("María José Ibarra\nFarmacéutica Adjunta\nServicio de Farmacia Hospitalaria",
                "drs. Pieter van der Heijden\nziekenhuisapotheker\nApotheek Ziekenhuis Oost",
                "mgr farm. Joanna Lis\nKierownik Działu Farmacji Szpitalnej",
                "Ornella Bassi\nSegreteria UOC Ematologia\nOspedale Santa Maria"):
        cls = _cls(make("CLR 131", "Solicitamos CLR 131 por uso compasivo para una paciente de 70 "
                        f"años con mieloma múltiple, ECOG 1, tras 5 líneas.\n\n{sig}",
                        "staff@hospital.example"))
        assert cls.role is not None and cls.role.value == "other", (sig, cls.reasons)
    # "reachable through the secretariat" is the physician's own line
    pr = _cls(make("AAC", "Demande d'accès compassionnel à l'iopofosine pour une de nos "
                   "patientes, 68 ans, myélome. Je reste joignable par le secrétariat.\n\n"
                   "Pr H. Dubois\nService d'Hématologie Clinique", "h.dubois@chu.example"))
    assert pr.role is not None and pr.role.value == "physician", pr.reasons


def test_radioactive_iodine_for_a_thyroid_is_not_acknowledged_as_our_drug() -> None:
    nurse = _cls(make("consulta", "Tenemos una paciente de 45 años con carcinoma papilar de "
                      "tiroides, pendiente de tratamiento ablativo con yodo radiactivo. Vimos que su "
                      "empresa trabaja con yodo-131: ¿tienen algún programa compasivo para "
                      "suministrar las cápsulas de yodo radiactivo?\nEnfermera - Endocrinología",
                      "nurse@hospital.example"))
    assert nurse.needs_review or nurse.category is not Category.EA_REQUEST, nurse.reasons
    daughter = _cls(make("my father", "My father has myeloma and is out of options. Can he get the "
                         "radioactive iodine drug? Thank you, Jane", "jane@mail.example"))
    assert daughter.category is Category.EA_REQUEST, daughter.reasons


def test_a_sites_french_words_for_a_participants_first_dose_are_exposure() -> None:
    site = _cls(make("livraisons", "Pour info : Mme 250-003, qui a reçu sa première administration "
                     "le 03/02, s'est plainte d'un gonflement douloureux des parotides.\nS. Rolland",
                     "radiopharmacie@ircac.example"))
    assert site.adverse_event, site.reasons


def _assert_follows_up(cfg: Config, first: bytes, second: bytes) -> None:
    _run(cfg, first, second)
    msgs = rows(cfg, "SELECT category, case_id, reasons FROM messages ORDER BY id")
    assert msgs[1]["category"] == "ea_followup" and msgs[1]["case_id"] == msgs[0]["case_id"], \
        msgs[1]["reasons"]


def test_a_grandchilds_second_letter_naming_the_grandfather_joins_the_web_form_case(
        cfg: Config) -> None:
    form = _from(make("New Contact Us submission - Latoya Simmons",
                      "First name Latoya\nLast name Simmons\nMessage my grandfather Earl Simmons is "
                      "79 he has lymphoma (mantle cell). his doctor said your medicine might be "
                      "something to look at. how can we get it for him??"),
                 "Latoya Simmons", "latoya.simmons@gmial.example")
    again = _from(make("Grandpa Earl Simmons - no answer",
                       "Hello I filled out the form on your website about my grandfather Earl "
                       "Simmons (mantle cell lymphoma) and never heard anything back. This is the "
                       "right email.\nLatoya"), "Latoya Simmons", "latoya.simmons@gmail.example")
    _assert_follows_up(cfg, form, again)


def test_a_patients_complement_to_his_request_from_his_work_address_follows_it_up(
        cfg: Config) -> None:
    first = _from(make("pedido iopofosine", "Tenho macroglobulinemia de Waldenström e gostaria de "
                       "saber se posso receber o iopofosine por uso compassivo.\nCarlos Eduardo "
                       "Nascimento"), "Carlos Eduardo Nascimento", "cadu@hotmail.example")
    second = _from(make("Complemento ao meu pedido de 27/01", "Escrevo do meu e-mail do trabalho. "
                        "No dia 27 de janeiro enviei um pedido sobre o iopofosine para Waldenström. "
                        "O IgM subiu de novo.\nCarlos Eduardo Nascimento"),
                   "Carlos Eduardo Nascimento", "carlos@construtora.example")
    _assert_follows_up(cfg, first, second)


def _mother_of_oliver() -> bytes:
    return _from(make("my son", "My son Oliver is seven and has a brain tumour (DIPG). The "
                      "doctors say there is nothing more. Is there any way he could have your "
                      "iodine medicine?\nSarah"), "Sarah Hart", "sarah.hart@mail.example")


def test_a_consultants_letter_for_the_boy_his_mother_wrote_about_opens_linked_to_her_case(
        cfg: Config) -> None:
    # (learnt from the dev follow-up misses) one of the patient's names and one more mark
    # (the first name and the diagnosis) are too little to attach, enough to link for review
    mother = _mother_of_oliver()
    consultant = _from(make("CLR 131 compassionate use", "Dear colleagues,\nI am writing about "
                            "Oliver H., who has a diffuse midline glioma progressing after "
                            "radiotherapy. I would like to request compassionate use of CLR 131 "
                            "for him.\n\nDr Amir Qureshi MBBS MRCPCH\nPaediatric Oncology"),
                        "Qureshi, Amir", "a.qureshi@nhs.example")
    other_boy = _from(make("CLR 131 request", "Dear colleagues,\nI am writing about Oliver M., "
                           "14, with relapsed Ewing sarcoma. I would like to request "
                           "compassionate use of CLR 131.\n\nDr Ines Vogt\nPaediatric Oncology"),
                      "Vogt, Ines", "i.vogt@uk.example")
    _run(cfg, mother, consultant, other_boy)
    cases = rows(cfg, "SELECT * FROM cases ORDER BY id")
    msgs = rows(cfg, "SELECT * FROM messages ORDER BY id")
    assert len(cases) == 3 and cases[1]["linked_case_id"] == cases[0]["id"], \
        [m["reasons"] for m in msgs]
    assert msgs[1]["needs_review"] and "possible-duplicate" in msgs[1]["reasons"]
    # the same first name with another diagnosis is another boy
    assert cases[2]["linked_case_id"] is None, msgs[2]["reasons"]


def test_a_fathers_letter_calling_the_boy_by_his_short_name_is_linked_to_his_case(
        cfg: Config) -> None:
    # (learnt from a dev follow-up miss) "Ollie" is Oliver, "Peggy" is Margaret: the
    # `nicknames` table; a short name of ANOTHER name finds nothing
    mother = _mother_of_oliver()
    father = _from(make("Ollie", "I am Ollie's dad, my wife wrote to you. Ollie had a seizure "
                        "last night and is in hospital. Please tell us if your drug is possible."
                        "\nChris Hart"), "Chris Hart", "chrishart@gmail.example")
    cousin = _from(make("Sam", "I am Sam's dad, my sister-in-law wrote to you. Sam had a seizure "
                        "last night and is in hospital. Please tell us if your drug is possible."
                        "\nTom Hart"), "Tom Hart", "tomhart@gmail.example")
    _run(cfg, mother, father, cousin)
    cases = rows(cfg, "SELECT * FROM cases ORDER BY id")
    msgs = rows(cfg, "SELECT * FROM messages ORDER BY id")
    assert msgs[1]["case_id"] == cases[0]["id"] or any(
        c["linked_case_id"] == cases[0]["id"] for c in cases[1:]), msgs[1]["reasons"]
    assert "first name" in msgs[1]["reasons"]
    assert "first name" not in msgs[2]["reasons"], msgs[2]["reasons"]


def test_short_forms_of_given_names() -> None:
    assert {"oliver"} <= given_name_forms("Ollie") and "margaret" in given_name_forms("Peggy")
    assert given_name_forms("Robert") & given_name_forms("Bob")
    assert not given_name_forms("Oliver") & given_name_forms("Samuel")
    assert same_person("Dr. Bill Hartley", "William Hartley, MD")
    assert not same_person("Dr. Bill Hartley", "Walter Hartley")


def test_a_physicians_initials_find_the_full_name_a_wife_wrote(cfg: Config) -> None:
    wife = _from(make("my husband", "My husband Harold Brennecke is 58 and his myeloma is back "
                      "after everything. Could he have your iodine treatment? Carol"),
                 "Carol Brennecke", "carol.b@mail.example")
    physician = _from(make("EA request - H.B.", "Requesting single-patient expanded access to "
                           "iopofosine I 131 for H.B., 58 y/o M, relapsed myeloma after 5 lines."
                           "\n\nM. Oyelaran-Hughes, MD"), "Oyelaran-Hughes, Margaret",
                      "moh@prairie.example")
    other = _from(make("EA request - H.B.", "Requesting single-patient expanded access to "
                       "iopofosine I 131 for H.B., 71 y/o F, relapsed myeloma.\n\nT. Wong, MD"),
                  "Wong, Teresa", "twong@lakes.example")
    _run(cfg, wife, physician, other)
    cases = rows(cfg, "SELECT * FROM cases ORDER BY id")
    msgs = rows(cfg, "SELECT * FROM messages ORDER BY id")
    # (H.B. is Harold Brennecke's initials, the age agrees: one patient, or a link for review)
    assert msgs[1]["case_id"] == cases[0]["id"] or cases[1]["linked_case_id"] == cases[0]["id"], \
        msgs[1]["reasons"]
    assert "initials of a name" in msgs[1]["reasons"]
    # another H.B. of another age is another patient
    assert cases[-1]["linked_case_id"] is None, msgs[2]["reasons"]


def test_exposed_people_tell_of_events_in_their_own_words_and_languages() -> None:
    # (learnt from dev-z39/z40) paraphrases, not the mailboxes' texts
    _assert_adverse((
        ("Termin", "Mein Vater ist Studienteilnehmer in Ihrer Klinik. Eine Woche nach seiner "
                   "letzten Behandlung bekam er Fieber und wurde aufgenommen. Bitte den Termin "
                   "verschieben."),
        ("certificato", "Partecipo allo studio a Torino. Vorrei un certificato per il lavoro. "
                        "Da dopo il trattamento sono stanchissima."),
        ("levering", "Na de eerste gift kreeg de patiënt een trombocytopenie graad 3. Kunt u "
                     "de levering van de tweede gift verplaatsen?"),
        ("visita", "A participante 0311-004 sofreu uma queda em casa ontem. Podemos adiar a "
                   "visita?"),
        ("question", "Subject 104-022 developed new hip pain last week. Is palliative RT "
                     "allowed per protocol?"),
    ))
    # a myeloma history's bone lesions and another drug's treatment are no event of ours
    history = _cls(make("request", "72 y/o with myeloma, lytic lesions, after the treatment "
                        "with daratumumab his renal function declined. Requesting CLR 131 "
                        "expanded access.\nDr. P. Moss, MD"))
    assert not history.adverse_event, history.reasons


def test_a_wife_whose_husband_was_in_the_trial_tells_of_his_illness_anywhere_in_her_letter() -> None:
    # (learnt from dev-z39) the exposure and the event far apart in a family's letter
    filler = "We have two boys and they ask every day when he comes home. " * 14
    wife = _cls(make("please help", "My husband Tom (61) was in your CLR 131 trial in 2024 and it "
                     "worked for a while. " + filler + "Since Sunday he is in hospital with "
                     "pneumonia and his kidneys are failing. Please help us.\nAnn"))
    assert wife.adverse_event, wife.reasons
    never = _cls(make("please help", "My husband Tom (61) was not in your CLR 131 trial, he was "
                      "too sick to enrol. " + filler + "Since Sunday he is in hospital with "
                      "pneumonia. Can he get it another way?\nAnn"))
    assert not never.adverse_event, never.reasons


def test_exposed_people_writing_about_money_visas_and_records_tell_of_events_in_passing() -> None:
    # (learnt from dev-z42) paraphrases, not the mailboxes' texts: the event in passing, in
    # letters about something else, in five languages
    _assert_adverse((
        ("travel costs", "I was in the myeloma study in Denver (last infusion in May) and I still "
                         "wait for the hotel money. My counts went way down after the treatments and "
                         "I needed a bag of platelets in June. Who pays the hotel?"),
        ("onkosten", "Mijn vader neemt sinds maart deel aan de studie met CLR 131. Na de eerste "
                     "behandeling heeft hij vijf dagen in het ziekenhuis gelegen. Wie betaalt de "
                     "parkeerkosten?"),
        ("declaração", "O meu pai participa do estudo do CLR 131 em Lisboa. Depois da última dose "
                       "ficou muito fraco e perdeu peso. Preciso de uma declaração para o trabalho."),
        ("facturas", "Mi madre está en el ensayo en Valencia. Le pusieron la dosis el lunes y desde "
                     "entonces no tiene ganas de comer. ¿A qué correo mando las facturas del taxi?"),
        ("claim review", "We review a claim for our member, admitted with febrile neutropenia two "
                         "weeks after his most recent infusion in a Cellectar-sponsored study. "
                         "Please confirm his enrolment."),
        ("riprendere il farmaco", "Ho partecipato al vostro studio a Padova. Da quando ho finito le "
                                  "infusioni le piastrine sono sempre basse. Posso riaverlo?"),
        ("Kontrolltermin", "Frau Berger hat im Januar CLR 131 erhalten. Ihr Zustand hat sich in den "
                           "letzten zwei Wochen sehr verschlechtert. Bitte den Termin absagen."),
        ("my sister", "I was in your lymphoma study last year. Apart from being worn out for weeks "
                      "after the treatments I never had any trouble. Can my sister join?"),
    ))
    # a vaccine against shingles, and an answer not received, are no event after a dose
    _assert_adverse((
        ("vacina", "O utente participa no vosso estudo com CLR 131 e está bem. Pode fazer a vacina "
                   "contra o herpes zóster?"),
        ("CLR 131", "Mi papá tiene mieloma. Mi hermana escribió y no recibió ninguna respuesta. Hoy "
                    "empeoró mucho. ¿Existe alguna posibilidad con el CLR 131?"),
    ), expected=False)


def test_a_participant_not_expected_to_survive_the_week_is_an_emergency_in_any_mail() -> None:
    # (learnt from dev-z42) a site cancelling a shipment; the same words in other languages
    for body in (
        "Graag de levering voor patiënt 02-004 annuleren: hij ligt sinds gisteren op de IC en "
        "de arts verwacht niet dat hij het weekend overleeft.",
        "Please cancel Tuesday's shipment for patient 102-004; the ICU team does not expect him "
        "to survive the week.",
        "Bitte die Lieferung für Patient 03-011 stornieren: die Ärzte gehen davon aus, dass er "
        "die Woche nicht überleben wird.",
    ):
        cls = _cls(make("levering / shipment", body))
        assert cls.emergency, (body, cls.reasons)
    # a discharge letter's past stay on the Dutch IC is history
    past = _cls(make("aanvraag", "Opname 12-01 t/m 24-01; opgenomen op de IC, kortdurend "
                     "noradrenaline. Snel herstel. Geen haast met deze aanvraag voor CLR 131."))
    assert not past.emergency, past.reasons


def test_a_participants_letters_about_records_and_visits_are_not_acknowledged_as_requests() -> None:
    # (learnt from dev-z42) French participants: "je participe depuis ... à l'étude", "traité
    # par le CLR 131 dans l'essai"; the same turn in Spanish
    for subject, body in (
        ("copie du dossier", "Je participe depuis deux ans à l'étude sur le CLR 131 à Bordeaux. "
                             "Pourriez-vous m'envoyer une copie de mon dossier et du rapport de "
                             "dosimétrie ? Merci."),
        ("visite de suivi", "Ma mère a été traitée par le CLR 131 dans l'essai clinique de Lille. "
                            "Elle ne pourra pas venir à sa visite de suivi. Pouvez-vous prévenir "
                            "l'équipe ?"),
        ("cita de control", "Mi padre fue tratado con CLR 131 en el ensayo de Málaga. No podrá ir "
                            "a la cita de control del día 12. ¿Pueden avisar al equipo?"),
    ):
        cls = _cls(make(subject, body))
        assert cls.category is not Category.EA_REQUEST or cls.needs_review, (body, cls.reasons)


def test_a_mailbox_s_automatic_receipt_is_machine_mail_without_its_headers() -> None:
    # (learnt from dev-z44) no Auto-Submitted, no Precedence: the subject says what it is
    for subject in ("Uw bericht is ontvangen", "Ihre Nachricht ist bei uns eingegangen",
                    "Accusé de réception", "Hemos recibido su mensaje"):
        cls = _cls(make(subject, "Dit is een automatisch bericht. / This is an automatic receipt. "
                        "We answer within three working days."))
        assert cls.category is Category.AUTO_REPLY, (subject, cls.reasons)


def test_a_name_written_family_name_first_in_capitals_finds_the_familys_letter(cfg: Config) -> None:
    # (learnt from dev-z43) "Jihoon Park" in the wife's letter, "Mr. PARK JI HOON" in the
    # physician's; a form's "NGUYEN THI MAI" is the daughter's "my mother Mai Nguyen"
    wife = _from(make("my husband", "My husband Jihoon Park has synovial sarcoma and nothing is "
                      "left. His doctor in Seoul will write to you about CLR 131.\nGrace"),
                 "Grace Park", "grace.p@mail.example")
    doctor = _from(make("single patient expanded access, iopofosine", "Mr. PARK JI HOON, synovial "
                        "sarcoma, progressed after trabectedin. We request iopofosine I-131 for him "
                        "as expanded access.\n\nS. Kim, M.D."), "김승우", "sw.kim@hospital.example")
    other = _from(make("single patient expanded access, iopofosine", "Mr. PARK MIN SOO, synovial "
                       "sarcoma, progressed after pazopanib. We request iopofosine I-131 for him "
                       "as expanded access.\n\nH. Lee, M.D."), "이현", "h.lee@hospital.example")
    daughter = _from(make("my mother", "My mother Mai Nguyen has lymphoma and no options. Could "
                          "she receive iopofosine?\nLan"), "Lan Tran", "lan.tran@mail.example")
    form = _from(make("Expanded access form", "Patient name: NGUYEN THI MAI\nDiagnosis: "
                      "lymphoma\nRequest: iopofosine compassionate use\nPhysician: Dr. Hoang"),
                 "Clinic Forms", "forms@clinic.example")
    _run(cfg, wife, doctor, other, daughter, form)
    cases = rows(cfg, "SELECT * FROM cases ORDER BY id")
    msgs = rows(cfg, "SELECT * FROM messages ORDER BY id")
    first = cases[0]["id"]
    assert msgs[1]["case_id"] == first or any(c["linked_case_id"] == first for c in cases), \
        msgs[1]["reasons"]
    assert msgs[2]["case_id"] != first and not any(
        c["linked_case_id"] == first and c["id"] == msgs[2]["case_id"] for c in cases), \
        msgs[2]["reasons"]
    mother = msgs[3]["case_id"]
    assert msgs[4]["case_id"] == mother or any(c["linked_case_id"] == mother for c in cases), \
        msgs[4]["reasons"]


def test_full_names_in_any_order() -> None:
    assert order_free(["Park", "Ji-hoon"]) == order_free(["Jihoon", "Park"])
    assert "jihoon|park" in order_free(["PARK", "JI", "HOON"])
    assert "mai|nguyen" in order_free(["Nguyen", "Thi", "Mai"])
    assert not order_free(["Park", "Min", "Soo"]) & order_free(["Jihoon", "Park"])


def test_a_clinicians_sex_and_age_shorthand_is_an_age() -> None:
    # (learnt from dev-z43: "Mr. PARK JI HOON (M/52, DOB ...)")
    assert patient_marks("Mr. P. (M/52, relapsed)").ages == {52}
    assert patient_marks("52/F with myeloma").ages == {52}
    assert not patient_marks("seen on 3/12/2026, dose 5/5").ages


def test_letters_in_languages_the_rules_do_not_read_reach_a_human(cfg: Config) -> None:
    # (learnt from dev-z47: a Chinese and a Japanese request filed as other, a Hungarian
    # "he can no longer swallow" in a case read as nothing) paraphrases
    chinese = make("咨询 CLR 131 同情用药", "您好！我父亲今年七十岁，患有淋巴瘤，已经用过很多种治疗，"
                   "现在都没有效果了。请问他能不能通过同情用药使用贵公司的 CLR 131？谢谢。",
                   "son@mail.example")
    first = make("Kérés – CLR 131 az apámnak", "Dear team, my father has myeloma and no options "
                 "left. Could he receive CLR 131 under compassionate use?\nGábor",
                 "gabor@mail.example", message_id="<hu-1@mail.example>")
    later = make("Re: Kérés – CLR 131 az apámnak", "Tisztelt Cellectar! Sajnos apám állapota az "
                 "utóbbi napokban nagyon gyorsan romlik. Tegnap óta nem tud nyelni, orrszondán "
                 "keresztül táplálják, és már alig beszél. Az osztályos orvos azt mondta, hogy "
                 "napok kérdése lehet. Ha van bármilyen esély, kérem, most segítsenek nekünk, "
                 "mert már nincs időnk várni. Köszönettel: Gábor",
                 "gabor@mail.example", headers={"In-Reply-To": "<hu-1@mail.example>"})
    _run(cfg, chinese, first, later)
    msgs = rows(cfg, "SELECT * FROM messages ORDER BY id")
    cases = rows(cfg, "SELECT * FROM cases ORDER BY id")
    assert msgs[0]["category"] == "ea_request" and msgs[0]["needs_review"], msgs[0]["reasons"]
    assert "unread-language" in msgs[0]["reasons"] and msgs[0]["ack_status"] != "pending"
    assert msgs[2]["category"] == "ea_followup" and msgs[2]["needs_review"], msgs[2]["reasons"]
    case = next(c for c in cases if c["id"] == msgs[2]["case_id"])
    assert case["needs_review"] and "does not read" in case["review_reason"]


def test_the_languages_the_rules_read_are_not_unread() -> None:
    for text in ("Mein Vater hat ein Myelom und keine Optionen mehr. Könnte er Ihr Medikament "
                 "im Rahmen eines Härtefallprogramms bekommen? Er ist 71 Jahre alt und wird in "
                 "Freiburg behandelt. Bitte antworten Sie mir bald, wir sind verzweifelt.",
                 "Szanowni Państwo, mój ojciec ma szpiczaka i nie ma już opcji leczenia. Czy "
                 "mógłby otrzymać lek CLR 131 w ramach programu? Leczy go dr Nowak w Krakowie "
                 "od 2019 roku, proszę o szybką odpowiedź, dziękuję bardzo za pomoc."):
        assert unread_language(text) is None, text
    assert unread_language("您好！我父亲今年七十岁，患有淋巴瘤，请问他能不能使用贵公司的药？") is not None


def test_auto_replies_in_other_scripts_are_machine_mail() -> None:
    for subject in ("自动回复: Re: 咨询", "자동 응답: 부재중", "Автоответ: отпуск"):
        cls = _cls(make(subject, "我最近正在休假中。 / 휴가 중입니다. / Я в отпуске."))
        assert cls.category is Category.AUTO_REPLY, (subject, cls.reasons)


def test_site_staff_and_physicians_tell_of_events_after_access_we_granted() -> None:
    # (learnt from dev-z45/z46) paraphrases: an access granted or arranged, an infusion named
    # bare, the first administration; pneumonia and low counts in German, a creatinine in pt
    _assert_adverse((
        ("Adresse", "Mein Vater ist Studienteilnehmer in Innsbruck. Neue Adresse: Hauptstraße 4. "
                    "Seit Montag liegt er mit einer Lungenentzündung im Krankenhaus, die weißen "
                    "Blutkörperchen sind sehr niedrig."),
        ("Rechnung", "Offene Rechnung Zentrum 210: 210-003 ungeplanter Besuch 04.02. (Übelkeit "
                     "Grad 2 nach Infusion, Ondansetron) CHF 540.00. Bitte um Zahlung."),
        ("query eCRF", "O doente 611-004 teve creatinina de 2,0 mg/dL no dia 15 após a primeira "
                       "administração. Devo registar como acontecimento adverso?"),
        ("update on M.R.", "Following up on the expanded access we arranged with your team in "
                           "February for my patient M.R. He received dose 1 on 3/2; on day 20 he "
                           "was admitted with fever and an ANC of 0.4."),
        ("Verlauf", "Bezugnehmend auf die genehmigte Härtefallbehandlung von Frau K. (zwei "
                    "Applikationen am 02.12. und 16.12.): seit Januar manifeste Hypothyreose, "
                    "Levothyroxin begonnen."),
    ))
    _assert_adverse((("Form 3926 draft", "Attached the draft 3926 for iopofosine: two "
                      "administrations two weeks apart, thyroid blockade with potassium iodide. "
                      "Please send the LOA.\n\nDr. J. Ruiz, MD"),), expected=False)


def test_a_former_participant_in_the_first_person_tells_of_an_event_anywhere() -> None:
    # (learnt from dev-z46) "brałem udział w badaniu ..." then, two paragraphs on, the platelets
    filler = "Choroba wróciła, IgM znów rośnie i lekarka mówi, że zostaje chemia. " * 5
    cls = _cls(make("Prośba o lek", "Brałem udział w badaniu klinicznym leku CLR 131 w Poznaniu. "
                    + filler + "Po badaniu miałem bardzo niskie płytki i potrzebne było "
                    "przetoczenie. Czy mogę dostać lek jeszcze raz?"))
    assert cls.adverse_event, cls.reasons


def test_a_sites_logistics_mail_on_a_subject_number_is_trial_business() -> None:
    # (learnt from dev-z45) not a phone number's 555-0148, nor a date
    rules = load_config(ROOT / "config.example.toml").rules
    assert rules.scan("Envío de la dosis para el paciente 203-014 el martes").find(
        "trial_participant") is not None
    assert rules.scan("Call me at 612-555-0175 or 555-0148, 03-12-2026").find(
        "trial_participant") is None


def test_a_son_or_grandchild_who_says_so_without_an_article_writes_as_family() -> None:
    # (learnt from dev-z45: "sou filho da Sra. Maria ...")
    for body in ("Boa noite, sou filho da Sra. Helena Costa, 66 anos, com mieloma. Ela pode receber "
                 "o CLR 131 por uso compassivo?",
                 "Buenas tardes, soy nieta de la Sra. Pilar Ruiz (80 años, linfoma). ¿Puede recibir "
                 "iopofosina por uso compasivo?"):
        cls = _cls(make("pedido", body, "family@mail.example"))
        assert cls.role is not None and cls.role.value == "patient_or_family", (body, cls.reasons)


def test_intensive_care_in_languages_the_rules_do_not_otherwise_read_is_an_emergency() -> None:
    # (learnt from dev-z47) paraphrases: a Korean, Hungarian, Russian, Chinese family's words
    rules = load_config(ROOT / "config.example.toml").rules
    for text in ("어머니가 어제 중환자실로 옮기셨고 인공호흡기를 달고 계십니다.",
                 "Apámat tegnap az intenzív osztályra vitték, az orvos szerint napok kérdése.",
                 "Отца перевели в реанимацию, он на аппарате ИВЛ.",
                 "我父亲昨天转入重症监护室，现在用着呼吸机。"):
        assert emergency(text, rules)[0], text


def test_a_family_name_in_capitals_and_another_spelling_find_the_patients_case(cfg: Config) -> None:
    # (learnt from dev-z47) "M. DIALLO Mamadou" is the cousin's "Mamadou Diallo"; "Mr. Mohammed
    # Alharbi" is the brother's "my brother Muhammad Al-Harbi" (another spelling: linked only)
    doctor = _from(make("Demande d'accès compassionnel - iopofosine", "Je vous écris au sujet de "
                        "M. DIALLO Mamadou, 45 ans, carcinome de l'oropharynx en progression. Nous "
                        "demandons un accès compassionnel à l'iopofosine.\n\nDr H. Marchand"),
                   "MARCHAND Hélène", "h.marchand@curie.example")
    cousin = _from(make("Mon cousin Mamadou Diallo", "Bonjour, je suis le cousin de M. Mamadou "
                        "Diallo, 45 ans, soigné pour un cancer de la gorge. Sa médecin vous a écrit "
                        "la semaine dernière : avez-vous reçu sa demande ?\nOusmane"),
                   "Ousmane DIALLO", "o.diallo@mail.example")
    physician = _from(make("Named patient request - CLR 131", "Named-patient request for Mr. "
                           "Mohammed Alharbi, 58, relapsed myeloma after seven lines. Please send "
                           "the forms.\n\nDr F. Qahtani"), "Qahtani, Faisal", "fq@kfsh.example")
    brother = _from(make("about my brother", "I am writing about my brother Muhammad Al-Harbi, 58, "
                         "who has myeloma. His doctor sent you a request for CLR 131 this week; "
                         "please tell us the next steps.\nKhalid"), "خالد الحربي",
                    "khalid@mail.example")
    _run(cfg, doctor, cousin, physician, brother)
    cases = rows(cfg, "SELECT * FROM cases ORDER BY id")
    msgs = rows(cfg, "SELECT * FROM messages ORDER BY id")
    for first, later in ((msgs[0], msgs[1]), (msgs[2], msgs[3])):
        assert later["case_id"] == first["case_id"] or any(
            c["id"] == later["case_id"] and c["linked_case_id"] == first["case_id"] for c in cases), \
            later["reasons"]


def test_spellings_of_one_name() -> None:
    assert spelling(["Muhammad", "Al-Harbi"]) == spelling(["Mohammed", "Abdullah", "Alharbi"])
    assert spelling(["Mohamed", "Al", "Harbi"]) == spelling(["Mohammed", "Alharbi"])
    assert spelling(["Mamadou", "Diallo"]) != spelling(["Mohammed", "Diallo"])
    assert spelling(["John", "Smith"]) != spelling(["Jan", "Smit"])


def test_a_sites_shorthand_and_a_daughters_phone_mail_tell_of_events_and_emergencies() -> None:
    # (learnt from dev-z49/z50) paraphrases
    _assert_adverse((
        ("033-007 in ICU - SAE to follow", "033-007 (dose 2 on 3/4) came in with neutropenic fever "
                                           "and septic shock overnight, intubated at 5am."),
        ("118-002 update", "Update on 118-002 (2 doses, 11/20 and 12/18): admitted yesterday with "
                           "hypercalcemia, confused, going to hospice."),
        ("AE log", "Dr. Ruiz agrees the dry mouth was missed in the AE log for 205-011: "
                   "xerostomia grade 2, about ten days after the cycle 2 infusion."),
        ("", "mi mamá está en el estudio del CLR 131, le dieron la medicina hace diez días. hoy le "
             "sale sangre de la nariz y tiene manchas moradas, está mareada."),
    ))
    cls = _cls(make("", "mi papá está en el estudio del CLR 131 y le sale sangre de la nariz desde "
                        "la tarde, no se le para, ya van dos horas. qué hacemos??"))
    assert cls.emergency, cls.reasons


def test_acronyms_beside_capitalised_words_are_no_patients_name() -> None:
    # (the crash test's generated letters: "s/p ASCT Ewing sarcoma" in two letters of the same
    # age and disease attached one to the other)
    marks = patient_marks("ECOG 1, s/p ASCT Ewing sarcoma, BTKi, ASCT Neuroblastoma relapse")
    assert not (marks.name_forms or marks.cued_forms or marks.spellings)


def test_practical_mail_about_a_dosed_person_tells_of_events_in_passing() -> None:
    # (learnt from dev-z51) paraphrases: a pharmacy, a home-care service, a participant's
    # hotel bill, a GP's letter, a daughter's parking card; compound and plain event words
    _assert_adverse((
        ("interactie", "Onze klant doet mee aan een studie en kreeg in maart een infuus met de "
                       "studiemedicatie. Nu leveren wij voor de derde keer een kuur antibiotica "
                       "voor een blaasontsteking. Is er een interactie bekend?"),
        ("Merkblatt", "Herr Vogel hat am 3. März im Rahmen einer Studie die Infusion (CLR 131) "
                      "bekommen und ist seit Freitag zu Hause. Unsere Pflegekräfte fragen, wie sie "
                      "mit der Bettwäsche umgehen sollen. Er hat seit zwei Tagen Durchfall und isst "
                      "wenig."),
        ("facture", "Je participe à l'étude CLR 131 à Lyon. Voici la facture du taxi. Une semaine "
                    "après la perfusion j'ai eu des plaques rouges sur le dos, c'est passé."),
        ("shared care", "My patient is a participant in your CLR 131 study. Our bloods show a "
                        "steady drop in renal function since December. Who should I contact?"),
        ("karta", "Moja mama jest w badaniu klinicznym leku CLR 131 w Krakowie. Prosimy o nową "
                  "kartę parkingową. Od tygodnia ma gorączkę i kaszel, czy to od leku?"),
    ))
    # a transfusion received is the event, not a dose of ours; a first dose planned is none yet
    _assert_adverse((
        ("aggiornamento", "Il Comitato Etico ha approvato. La prima somministrazione per il Sig. "
                          "B. T. è prevista per giovedì. Il paziente ha ricevuto una trasfusione "
                          "la settimana scorsa, ora è stabile."),
        ("claim", "None of our clients received any iopofosine; they developed kidney failure "
                  "after another company's product. Please confirm you did not supply it."),
    ), expected=False)


def test_a_reply_tells_an_event_of_the_person_its_senders_quoted_letter_said_was_dosed() -> None:
    # (learnt from dev-z51) the exposure is in the sender's own earlier letter, quoted below
    # (Outlook's Dutch header block, Gmail's Portuguese line); an event in the reply is his
    reply_nl = ("Hierbij het formulier met de bonnetjes. Ter info: mijn vader is dinsdag opgenomen "
                "met een longontsteking en hoge koorts.\n"
                "Groet,\nAnna Berger\n\n"
                "Van: Anna Berger <anna.berger@lakeside-hospital.example>\n"
                "Verzonden: maandag 9 maart 2026 10:00\nAan: clinical@cellectar.example\n"
                "Onderwerp: reiskosten\n\n"
                "Mijn vader (studienummer 402-017, CLR 131 studie) dient zijn reiskosten in.\n")
    reply_pt = ("Obrigado pela resposta. Já não precisamos da tradução do diário: a minha mãe foi "
                "internada ontem com 8 mil plaquetas e fez transfusões.\n\n"
                "Em sex., 6 de mar. de 2026 às 17:21, Anna Berger "
                "<anna.berger@lakeside-hospital.example> escreveu:\n"
                "> A minha mãe participa no estudo com CLR 131. Desde a infusão tem náuseas.\n")
    for body in (reply_nl, reply_pt):
        cls = _cls(make("Re: documentos", body))
        assert cls.adverse_event, (body, cls.reasons)
        assert "quoted earlier letter" in " ".join(r.detail for r in cls.reasons)
    # the same history quoted by someone else (not the sender's own letter) is not enough
    other = reply_pt.replace("Anna Berger\n<anna.berger", "Rui Lopes\n<rui.lopes").replace(
        "Anna Berger <anna.berger@lakeside-hospital.example> escreveu",
        "Rui Lopes <rui.lopes@mail.example> escreveu")
    cls = _cls(make("Re: documentos", other))
    assert not cls.adverse_event, cls.reasons


def test_an_intensive_care_stay_that_is_over_is_no_emergency_in_other_languages() -> None:
    # (learnt from dev-z52) paraphrases: a past stay with a good recovery (fr), a stay last
    # week that ended at home (it), a patient moved out of the ICU (pl, en)
    _assert_flag("emergency", (
        ("Demande pour ma mère", "Ma mère a un lymphome. L'an dernier elle a passé trois semaines aux "
                                 "soins intensifs pour une septicémie, mais elle s'en est bien remise. "
                                 "Peut-elle recevoir le CLR 131 en accès compassionnel ?"),
        ("Aggiornamento", "Venerdì scorso il paziente è stato ricoverato in terapia intensiva per una "
                          "polmonite; dopo tre giorni è stato stabilizzato e ora è di nuovo a casa."),
        ("Aktualizacja", "Stan pacjenta się poprawił: wczoraj przenieśliśmy go z OIOM-u na oddział."),
        ("Update", "Good news: we moved him out of the ICU this morning and he is eating again."),
    ), expected=False)
    # still there: an emergency
    cls = _cls(make("Aktualizacja", "Pacjent od wczoraj leży na OIOM-ie, jest zaintubowany."))
    assert cls.emergency, cls.reasons


def test_a_participants_daughter_writing_from_her_phone_is_not_acknowledged_as_a_request() -> None:
    # (learnt from dev-z52) "esta en el ensayo" without its accent: a participant, so the
    # letter is no new request for access (it reaches a human, with its flags)
    cls = _cls(make("urgente", "Mi madre esta en el ensayo del CLR 131 en Sevilla, le pusieron la "
                               "primera dosis hace dos semanas. Ahora esta en la UCI con fiebre muy "
                               "alta. Por favor que alguien del estudio llame al hospital."))
    assert cls.adverse_event and cls.emergency, cls.reasons
    assert cls.category.value == "other" or cls.needs_review, cls.reasons
    assert any(r.rule == "trial-participant" for r in cls.reasons), cls.reasons


def test_staff_outside_the_study_team_tell_of_events_in_a_dosed_patient() -> None:
    # (learnt from dev-z55/z56) paraphrases: a radiologist (nl), an ambulance service, an ICU
    # (pl), a GP's out-of-hours post (nl), a family's first infusion (nl), another company's
    # safety department
    _assert_adverse((
        ("Bevinding", "Bij een man die deelneemt aan een studie met iopofosine zagen wij op de CT "
                      "een longembolie. Hij is stabiel."),
        ("Crew query", "Our crew attended a man who is in a study of iopofosine. He was found on the "
                       "kitchen floor, confused, and was taken to hospital."),
        ("Pilne", "Przyjęliśmy pacjentkę, która jest uczestniczką badania z iopofosyną; ostatnie "
                  "podanie 10 dni temu. Wstrząs septyczny, zaintubowana."),
        ("Melding", "Ik zag vanavond een patiënt met iopofosine, laatste toediening twee weken "
                    "geleden. Zwarte, dunne ontlasting en duizelig bij opstaan."),
        ("Vraag", "Mijn moeder heeft op 3 maart de eerste infusie gehad. Sinds zondag ligt zij in "
                  "het ziekenhuis met hoge koorts."),
        ("Case forward", "The patient's history includes treatment with your investigational "
                         "product in 2024. Event: myelodysplastic syndrome, hospitalised."),
    ))


def test_a_letter_about_a_person_who_already_had_our_drug_is_not_acknowledged_as_new() -> None:
    # (learnt from dev-z54/z55) a mortuary, an emergency room, a genetic counsellor: they write
    # about a dosed person and ask for information, not for the drug; a human reads them
    for subject, body in (
        ("Deceased patient", "Mr A.B. died on our ward on Monday. His notes say he received "
                             "iopofosine in a study. The crematorium needs to know about residual "
                             "activity before the funeral; please advise."),
        ("URGENTE", "Recibimos a una paciente que refiere estar en un estudio clínico con CLR 131, "
                    "última aplicación hace 12 días. Tiene fiebre y petequias. Necesitamos los "
                    "datos del tratamiento y el contacto del médico del estudio."),
    ):
        cls = _cls(make(subject, body))
        assert not (cls.category.value == "ea_request" and not cls.needs_review), (body, cls.reasons)


def test_days_left_in_italian_and_spanish_is_an_emergency() -> None:
    # (learnt from dev-z56) paraphrases
    _assert_flag("emergency", (
        ("aiuto", "mio nonno è in hospice e i medici dicono che ormai sono giorni. potete aiutarci "
                  "con il CLR 131?"),
        ("ayuda", "A mi madre la pasaron a cuidados intermedios y dicen que si no mejora en los "
                  "próximos días puede que no salga. ¿Hay forma de acelerar la solicitud del CLR 131?"),
    ))


def test_grandparents_aunts_and_help_us_in_every_language_reach_a_human() -> None:
    # (found by a probe this session: "mia nonna ... potete aiutarci con il CLR 131?" was filed
    # as other, unseen) a relative beyond the parents, and "can you help us", are a patient
    # and an ask in the languages the rules read
    for body in ("Mia nonna ha il mieloma. Potete aiutarci con il CLR 131?",
                 "Mi tía tiene un linfoma. ¿Pueden ayudarnos con el CLR 131?",
                 "Ma grand-mère a un myélome. Pouvez-vous nous aider avec le CLR 131 ?",
                 "Meine Oma hat ein Myelom. Können Sie uns mit CLR 131 helfen?",
                 "A minha avó tem mieloma. Podem ajudar-nos com o CLR 131?",
                 "Mijn grootvader heeft myeloom. Kunt u ons helpen met CLR 131?",
                 "Mój wujek ma szpiczaka. Czy możecie nam pomóc z CLR 131?"):
        cls = _cls(make("Prośba / aiuto / ayuda", body))
        assert cls.category.value == "ea_request" or cls.needs_review, (body, cls.reasons)
        assert any(r.rule == "specific-patient" for r in cls.reasons), (body, cls.reasons)


def test_a_former_participant_asking_for_the_drug_again_is_still_acknowledged() -> None:
    # the "already received our drug" doubt is for letters that do not ask for it again
    cls = _cls(make("Retreatment request", "Dear team, my patient received iopofosine in your "
                    "CLOVER-1 study in 2023 and responded for two years. He has now relapsed and I "
                    "request a second course of iopofosine under expanded access for him.\n"
                    "Dr. Maria Lopez, MD, Hematology"))
    assert cls.category.value == "ea_request" and not cls.needs_review, cls.reasons


def test_late_events_years_after_the_dose_are_adverse_events() -> None:
    # (learnt from dev-z54) paraphrases: infertility in a former child participant, a registry's
    # notice of a cataract, a former participant's follow-up (nl)
    _assert_adverse((
        ("Richiesta dati", "Il paziente, ex partecipante del vostro studio pediatrico, è stato "
                           "trattato con iopofosina nel 2019. Ora lo spermiogramma mostra "
                           "azoospermia."),
        ("Registry notification", "Participant R-0091. Product: CLR 131. Last exposure: "
                                  "2021-03-02. Event term: cataract, left eye."),
        ("RE: oud-deelnemer", "Aanvullend over de oud-deelnemer van de CLR 131 studie: het "
                              "beenmerg toont een therapie-gerelateerde MDS."),
    ))


def test_a_voicemail_transcript_with_a_safety_report_carries_its_emergency() -> None:
    # (learnt from dev-z55) machine mail that carries a human's safety report about a patient
    raw = make("Voicemail from +1 555 0100 (1:12)",
               "Transcript: This is Jo, nurse on ward 4. Mr Dale had the CLR 131 study infusion on "
               "Monday. He has been vomiting all night, his pressure is dropping and he is going to "
               "the ICU now. The on-call doctor wants the study team to ring back.",
               "voicemail-noreply@phones.example", headers={"Auto-Submitted": "auto-generated"})
    cls = _cls(raw)
    assert cls.category.value == "auto_reply" and cls.adverse_event and cls.emergency, cls.reasons
    # a list's post with the same story is other people's patients: no emergency of ours
    post = make("[WM-forum] my dad", "My dad had the CLR 131 infusion last week and is now in the "
                "ICU on a ventilator.", "forum@lists.example",
                headers={"List-Id": "<wm.lists.example>", "Precedence": "list"})
    assert not _cls(post).emergency


def test_a_patient_writing_for_himself_and_people_around_a_patient_are_read() -> None:
    # (learnt from dev-z57/z59) paraphrases: a patient's own illness and "pidiendo" (a letter
    # that was filed as other, unseen), days left in French, a neighbour's and a carer's words
    for body in ("Buenas tardes, les escribo otra vez pidiendo el CLR 131 para mi mieloma, "
                 "el otro correo ya no funciona.",
                 "Bonjour, je vous écris encore pour mon lymphome et le CLR 131, mon ancien "
                 "courriel ne marche plus."):
        cls = _cls(make("otra vez / encore", body))
        assert cls.category.value == "ea_request" or cls.needs_review, (body, cls.reasons)
    cls = _cls(make("demande urgente", "J'ai un myélome en rechute. Le médecin m'a dit qu'il me "
                    "restait peut-être quelques jours. Un accès compassionnel au CLR 131 est-il "
                    "possible pour moi ?"))
    assert cls.emergency, cls.reasons
    _assert_adverse((
        ("vraag over de buurman", "Mijn buurman doet mee aan uw onderzoek in Groningen. Sinds "
                                  "zondag heeft hij steeds overgegeven en hij ligt nu in het "
                                  "ziekenhuis."),
        ("Complaint", "A guest told us she had received a radioactive injection the day before; she "
                      "vomited in the room at night and EMS took her to hospital."),
    ))
    cls = _cls(make("Contact form", "I am a home aide. My client Mrs. Ada Lowe (81) got your CLR "
                    "131 medicine under compassionate use in May. Since Sunday her gums bleed and she "
                    "is very dizzy. What should I do?"))
    assert cls.adverse_event, cls.reasons
    assert cls.category.value != "other" or cls.needs_review, cls.reasons


def test_forwarded_and_transcribed_mail_tells_of_events_in_a_dosed_person() -> None:
    # (learnt from dev-z58) paraphrases: a wife forwarding (nl), a research nurse forwarding a
    # portal message (it), a voicemail transcript's spoken English
    _assert_adverse((
        ("Doorgestuurd: bloedwaarden", "Mijn man deed vorig jaar mee aan de studie met CLR 131 en "
                                       "kreeg de laatste behandeling in mei. Nu heeft hij blauwe "
                                       "plekken en zijn bloedplaatjes zijn 40."),
        ("I: portale pazienti", "Il paziente (infusioni del 10/02 e del 24/02) è stato ricoverato "
                                "per piastrinopenia ed epistassi."),
        ("New voicemail", "Transcription: hi this is Ron I was in one of y'all's studies back in "
                          "2023 and now the doctor says I've got MDS."),
    ))


def test_a_donation_programme_and_a_trial_sites_requirements_are_no_request_for_our_drug() -> None:
    # (learnt from dev-z60) paraphrases: a family asking for another company's approved drug
    # through a donation programme; a mother asking a study's requirements (an emergency all
    # the same, and a human reads it)
    cls = _cls(make("Programa de donación", "Mi mamá tiene mieloma y la EPS no ha autorizado la "
                    "lenalidomida. ¿Tienen ustedes un programa de donación de medicamentos para "
                    "pacientes que no pueden pagarlos?"))
    assert not (cls.category.value == "ea_request" and not cls.needs_review), cls.reasons
    cls = _cls(make("Estudio para mi hijo", "Mi hijo de 16 años tiene sarcoma y está en terapia "
                    "intensiva, dicen que puede ser cuestión de días. ¿Hay algún hospital del estudio "
                    "en Texas? ¿Qué requisitos piden para entrar?"))
    assert cls.emergency, cls.reasons
    assert not (cls.category.value == "ea_request" and not cls.needs_review), cls.reasons


def test_after_your_drug_in_an_angry_letter_is_exposure() -> None:
    # (learnt from dev-z62) hearsay about a named child is still a report to pharmacovigilance
    _assert_adverse((
        ("told you so", "Her mother posted that she is in hospital with a high fever, two weeks "
                        "after your radioactive poison."),
        ("Skandal", "Der Junge liegt seit Ihrem Medikament mit Fieber im Krankenhaus."),
    ))


def test_a_social_worker_or_a_chaplain_at_a_hospital_writes_as_other() -> None:
    # (learnt from dev-z57) paraphrases: their hospital's name is no physician's signature
    for body in ("Buongiorno, scrivo per il sig. Bruno, 70 anni, mieloma, che chiede il CLR 131 per "
                 "uso compassionevole. Il suo ematologo è d'accordo.\nCordiali saluti\nDott.ssa Anna Verdi\n"
                 "Assistente sociale, Ospedale San Carlo\nOspedale San Carlo - Servizio Sociale",
                 "Bom dia, escrevo pelo Sr. Rui, 68 anos, com mieloma, que pede o CLR 131 em uso "
                 "compassivo. O Dr. Lopes, do Hospital de Braga, concorda.\nCumprimentos\nMarta Silva\n"
                 "Serviço Social - Hospital de Braga"):
        cls = _cls(make("uso compassionevole / compassivo", body))
        assert cls.role is not None and cls.role.value == "other", (body, cls.reasons)


def test_very_short_mail_tells_of_events_and_a_safety_systems_alert_of_an_emergency() -> None:
    # (learnt from dev-z64) paraphrases: phone Polish without its letters, a physician's
    # shorthand, a former patient of "votre essai" in a new request
    _assert_adverse((
        ("badanie", "bylem w badaniu CLR 131 w 2024. teraz mam niedoczynnosc tarczycy, TSH 12."),
        ("EA pt", "FYI our EA pt (CLR 131 2nd dose 3 Mar): plts 11k, transfused x2."),
        ("Demande", "Accès compassionnel au CLR 131 pour un patient de 61 ans, ancien patient de "
                    "votre essai en 2023 : thrombopénie grade 3 à l'époque. Rechute."),
        # (learnt from dev-z63) a regulator's Polish: a participant (genitive), after the second
        # administration of the investigational product
        ("SUSAR", "Dotyczy uczestnika badania klinicznego: po drugim podaniu badanego produktu "
                  "leczniczego wystąpiło krwawienie; pacjent zmarł."),
    ))
    alert = make("Safety Gateway: SAE Notification - Subject 301-044",
                 "Automated notification.\nStudy: CLR131-301\nEvent term: sepsis\n"
                 "Seriousness: life-threatening; hospitalization\nCurrent status: ICU, intubated\n"
                 "Last dose: 02 MAR 2026", "noreply@safety-gateway.example",
                 headers={"Auto-Submitted": "auto-generated", "Precedence": "bulk"})
    cls = _cls(alert)
    assert cls.category.value == "auto_reply" and cls.adverse_event and cls.emergency, cls.reasons


def test_another_companys_drug_and_a_forwarders_job_number_in_other_languages() -> None:
    # (learnt from dev-z63/z65) "obtenir le naxitamab en accès compassionnel" asks for another
    # company's antibody; a customs broker's "Our job no." is no job application
    cls = _cls(make("Demande d'aide", "Je suis le père de Sami, 7 ans, neuroblastome en rechute. "
                    "Pouvez-vous nous aider à obtenir le dinutuximab en accès compassionnel ?"))
    assert any(r.rule == "other-drug" for r in cls.reasons), cls.reasons
    cls = _cls(make("URGENT // SHIPMENT EXCEPTION // CUSTOMS HOLD",
                    "Our job no. ITK-88012. Product: iopofosine I 131, named patient ref NPP-003. "
                    "The patient is admitted for tomorrow's administration; customs will not release "
                    "the vial without the corrected invoice. Please send it before 12:00 UTC.",
                    "ops@broker.example"))
    assert not any(r.rule == "business" for r in cls.reasons), cls.reasons
    assert cls.category.value == "ea_request" or cls.needs_review, cls.reasons


def test_proton_mails_feedback_id_is_a_persons_mail_but_a_bulk_senders_is_not() -> None:
    """Proton Mail stamps a Feedback-ID on every message its users send (learnt from
    dev-z71): a physician's request from Proton is answered; the same header from a bulk
    sender still marks machine mail."""
    for value in ("GEi7dRU98GAJI1EazxYyEiPTTkyL8GTZRA7fgIq0==:user:proton",
                  "gXn07Q45w9AsxQUCS_MdPDVTFIhIVet==:Ext:ProtonMail"):
        cls = _cls(make(headers={"Feedback-ID": value}))
        assert cls.category is Category.EA_REQUEST, cls.reasons
        assert not any(r.rule == "list-header" for r in cls.reasons)
    for value in ("campaign-412:newsletter:mailchimp", "protonix-launch:campaign:pharma-mailer"):
        bulk = _cls(make(headers={"Feedback-ID": value}))
        assert bulk.category is Category.AUTO_REPLY, value
    bulk = _cls(make(headers={"Feedback-ID": "campaign-412:newsletter:mailchimp"}))
    assert bulk.category is Category.AUTO_REPLY
    assert any(r.rule == "list-header" for r in bulk.reasons)
