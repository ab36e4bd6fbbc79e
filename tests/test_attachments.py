"""Attachment text is read for classification only, within limits, and never stored."""

from __future__ import annotations

import io
from email.message import EmailMessage

from docx import Document

from bot.classify import classify
from bot.config import load_config
from bot.model import Category
from bot.parsing import parse
from tests.conftest import ROOT
from tests.mailgen import tiny_pdf

LETTER = ["Dear Cellectar clinical team,",
          "I request expanded access to iopofosine I 131 for my patient,",
          "a 62 year old man with relapsed multiple myeloma after five lines."]


def _mail(body: str = "Please see the attached request letter.\n\nDr. Ana Ruiz") -> EmailMessage:
    m = EmailMessage()
    m["From"] = "Ana Ruiz <aruiz@hospital.example.org>"
    m["To"] = "clinical@cellectar.example"
    m["Subject"] = "Request"
    m["Message-ID"] = "<att-1@hospital.example.org>"
    m.set_content(body)
    return m


def _docx(lines: list[str]) -> bytes:
    doc = Document()
    for line in lines:
        doc.add_paragraph(line)
    out = io.BytesIO()
    doc.save(out)
    return out.getvalue()


def test_pdf_letter_makes_the_request() -> None:
    m = _mail()
    m.add_attachment(tiny_pdf(LETTER), maintype="application", subtype="pdf",
                     filename="request.pdf")
    msg = parse(m.as_bytes())
    assert "iopofosine" in msg.attachment_text and "iopofosine" not in msg.body_text
    rules = load_config(ROOT / "config.example.toml").rules
    assert classify(msg, rules).category is Category.EA_REQUEST
    without = parse(_mail().as_bytes())
    assert classify(without, rules).category is not Category.EA_REQUEST or \
        classify(without, rules).needs_review


def test_word_letter_and_forwarded_message_are_read() -> None:
    m = _mail()
    m.add_attachment(_docx(LETTER), maintype="application",
                     subtype="vnd.openxmlformats-officedocument.wordprocessingml.document",
                     filename="letter.docx")
    assert "relapsed multiple myeloma" in parse(m.as_bytes()).attachment_text
    fwd = _mail("FYI, forwarded below.")
    inner = EmailMessage()
    inner["Subject"] = "compassionate use"
    inner.set_content("\n".join(LETTER))
    fwd.add_attachment(inner)
    assert "iopofosine" in parse(fwd.as_bytes()).attachment_text


def test_broken_attachment_is_a_defect_not_a_crash() -> None:
    m = _mail()
    m.add_attachment(b"%PDF-1.4 this is not really a pdf", maintype="application",
                     subtype="pdf", filename="scan.pdf")
    msg = parse(m.as_bytes())
    assert msg.attachment_text == ""
    assert msg.defects == ("attachment 1 (pdf) could not be read: PdfStreamError",)
    assert not any("scan" in d for d in msg.defects)  # file names can carry patient names


def test_report_attachments_are_not_read() -> None:
    """A bounce quoting our own acknowledgement must not read as a request."""
    raw = (b"From: MAILER-DAEMON@mx.example\r\nTo: clinical@cellectar.example\r\n"
           b"Subject: Undelivered Mail\r\nMIME-Version: 1.0\r\n"
           b"Content-Type: multipart/report; report-type=delivery-status; boundary=B\r\n\r\n"
           b"--B\r\nContent-Type: text/plain\r\n\r\nDelivery failed.\r\n"
           b"--B\r\nContent-Type: message/delivery-status\r\n\r\nAction: failed\r\n"
           b"--B\r\nContent-Type: message/rfc822\r\n\r\nSubject: x\r\n\r\n"
           b"expanded access to iopofosine for my patient\r\n--B--\r\n")
    assert parse(raw).attachment_text == ""


def test_reading_limits_are_bytes_not_seconds() -> None:
    """A page whose content stream is over the limit is skipped with a defect that
    names it by position; the rest is read; two readings give the same text (the
    prepare worker and the daemon must agree whatever the load)."""
    m = _mail()
    huge = tiny_pdf(["x" * 1_100_000])  # one page, ~1.1 MB of content
    m.add_attachment(huge, maintype="application", subtype="pdf", filename="scan.pdf")
    m.add_attachment(tiny_pdf(LETTER), maintype="application", subtype="pdf",
                     filename="request.pdf")
    first, second = parse(m.as_bytes()), parse(m.as_bytes())
    assert "iopofosine" in first.attachment_text and "xxxx" not in first.attachment_text
    assert any(d.startswith("attachment 1 (pdf): page 1 has") and "over the reading limit" in d
               for d in first.defects), first.defects
    assert (first.attachment_text, first.defects) == (second.attachment_text, second.defects)
