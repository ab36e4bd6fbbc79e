"""Small builders of raw RFC 5322 messages for tests."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import make_msgid

PHYSICIAN_BODY = """Dear Cellectar clinical team,

I am the treating hematologist of a 67-year-old man with relapsed/refractory
multiple myeloma, s/p 5 lines of therapy including daratumumab and carfilzomib,
ECOG 1. He progressed on his last regimen and is not eligible for any open
trial. I would like to request expanded access to iopofosine I 131 for him
under a single-patient IND (Form FDA 3926).

Sincerely,
Anna Berger, MD
Department of Hematology, Lakeside University Hospital
"""


def make(subject: str = "Expanded access request for iopofosine", body: str = PHYSICIAN_BODY,
         sender: str = "anna.berger@lakeside-hospital.example", *,
         message_id: str | None = "auto", headers: dict[str, str] | None = None) -> bytes:
    msg = EmailMessage()
    msg["From"] = f"Anna Berger <{sender}>"
    msg["To"] = "clinical@cellectar.example"
    msg["Subject"] = subject
    msg["Date"] = "Mon, 23 Nov 2026 10:00:00 -0500"
    if message_id == "auto":
        msg["Message-ID"] = make_msgid(domain="lakeside-hospital.example")
    elif message_id:
        msg["Message-ID"] = message_id
    for k, v in (headers or {}).items():
        msg[k] = v
    msg.set_content(body)
    return msg.as_bytes()


def tiny_pdf(lines: list[str]) -> bytes:
    """A one-page PDF whose text is ``lines`` (Helvetica), written by hand so
    the tests need no PDF writer."""
    def esc(t: str) -> str:
        return t.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    ops = "BT /F1 11 Tf 50 760 Td 14 TL " + " ".join(f"({esc(t)}) '" for t in lines) + " ET"
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>",
            b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
            b"/Resources << /Font << /F1 5 0 R >> >> >>",
            b"<< /Length %d >>\nstream\n" % len(ops) + ops.encode("latin-1") + b"\nendstream",
            b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    out = b"%PDF-1.4\n"
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    return out
