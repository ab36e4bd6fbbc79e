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
