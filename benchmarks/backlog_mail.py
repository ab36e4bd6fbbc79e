"""Deterministic, realistic-looking mail for the backlog benchmark.  [pure: no I/O]

``backlog(n, seed)`` yields ``(raw_bytes, received_epoch)`` pairs. The mix
resembles a pharma clinical@ mailbox:

* ~30% expanded-access requests (physicians, patients and families) that
  mention iopofosine / CLR 131 / expanded access, ~5% follow-ups (Re: with
  In-Reply-To), ~38% other human mail (vendors, trial-enrolment questions,
  press, jobs, colleagues), ~27% machine mail (out-of-office with
  Auto-Submitted, DSN bounces as multipart/report, newsletters with List-Id).
* Sizes: median ~25 KB, from multipart/alternative text+HTML bodies, quoted
  HTML history and inline signature images; ~5% carry a 100-700 KB base64
  PDF-like attachment (random bytes). Header blocks of 2-8 KB (Received
  chains, DKIM/ARC, X-MS-Exchange-*) as real mail has.
* Charsets utf-8 / iso-8859-1 / windows-1252; text parts quoted-printable,
  base64 or 8bit; some RFC 2047 encoded subjects and display names.

``small=True`` gives ~1-3 KB single-part messages of the same mix (for
filling very large folders quickly). Everything derives from ``seed``.
"""

from __future__ import annotations

import base64
import quopri
import random
from collections.abc import Iterator
from email.header import Header

START_EPOCH = 1_790_000_000  # 2026-09-21
SPAN_S = 60 * 86_400

FIRST = ["Anna", "José", "François", "Müller", "Sören", "María", "Li", "Priya", "Ahmed",
         "Chloé", "Jürgen", "Giulia", "Tomás", "Ingrid", "Rafael", "Zoë", "David", "Sarah",
         "Michael", "Hélène", "Björn", "Lucía", "Kenji", "Olga"]
LAST = ["Berger", "García", "Lefèvre", "Schröder", "Núñez", "Okafor", "Kowalski", "Rossi",
        "Nakamura", "Johansson", "Dubois", "Fernández", "Smith", "Patel", "O'Brien", "Weiß",
        "Müller", "Håkansson", "Chen", "Martín"]
HOSPITALS = ["Lakeside University Hospital", "St. Mary's Medical Center", "Klinikum Nürnberg",
             "Hôpital Saint-Louis", "Hospital Universitario La Paz", "Mercy Cancer Institute",
             "Karolinska Universitetssjukhuset", "Ospedale San Raffaele", "Mayo Clinic Arizona"]
DOMAINS = ["lakeside-hospital.example", "stmarys-med.example", "klinikum-nbg.example",
           "aphp.example", "salud-madrid.example", "mercy.example", "gmail.example",
           "outlook.example", "yahoo.example", "web.example", "orange.example"]
DISEASES = [
    "relapsed/refractory Waldenström macroglobulinemia",
    "relapsed multiple myeloma after five prior lines including daratumumab",
    "refractory diffuse large B-cell lymphoma after CAR-T",
    "relapsed high-risk neuroblastoma",
    "recurrent head and neck squamous cell carcinoma",
    "lymphoplasmacytic lymphoma progressing on a BTK inhibitor",
    "CNS lymphoma with leptomeningeal involvement",
]
DRUGS = ["iopofosine I-131", "iopofosine", "CLR 131", "CLR-131", "iopofosine I 131 (CLR 131)",
         "Iopofosine", "your radioconjugate CLR 131"]

PHYSICIAN_LINES = [
    "I am writing to request expanded access to {drug} for a {age}-year-old {sex} with {disease}.",
    "My patient has exhausted all standard options and is not eligible for any open trial.",
    "We would like to treat under a single-patient IND (Form FDA 3926) as soon as possible.",
    "ECOG performance status is {ecog}; renal and hepatic function are adequate.",
    "Prior therapy included bendamustine-rituximab, ibrutinib and zanubrutinib.",
    "Could you please let me know whether compassionate use of {drug} is possible and what "
    "documentation your team needs from us?",
    "Our IRB has agreed to review an emergency expanded access protocol this week.",
    "I am the treating hematologist/oncologist and can provide the full medical history, "
    "imaging and the most recent bone marrow biopsy report.",
    "Given the rapid progression we would be grateful for a reply within the next few days.",
    "Please find the clinical summary attached; the letter of authorisation can follow.",
]
FAMILY_LINES = [
    "My {rel} was diagnosed with {disease} and the doctors say there is nothing left to try.",
    "We read about {drug} and the expanded access program on your website.",
    "Is there any way {pronoun} could receive {drug} through compassionate use?",
    "{Pronoun} is {age} years old and still fighting, please help us.",
    "Our oncologist at {hospital} is willing to contact you if that is needed.",
    "I am sorry if this is the wrong address, I did not know whom else to write to.",
    "We are desperate and any information would mean the world to our family.",
]
OTHER_TOPICS = [
    ("Partnership proposal: AI-driven patient recruitment",
     ["We help biotech companies accelerate enrolment with our proprietary platform.",
      "Would you have 15 minutes next week for a short call?",
      "Our clients include several top-20 pharma companies.",
      "I attach our capabilities deck for your review."]),
    ("Question about the CLOVER-WaM trial sites",
     ["Is the CLOVER-WaM study still enrolling, and are there sites in the Midwest?",
      "I am a research coordinator and would like to know the eligibility criteria.",
      "Our patients would need to travel, so site locations matter a lot."]),
    ("Press inquiry - phase 2 data",
     ["I am a reporter covering oncology for a trade publication.",
      "Could someone from your communications team comment on the recent phase 2 readout?",
      "My deadline is Thursday at noon Eastern."]),
    ("Application: Clinical Research Associate",
     ["Please find my CV attached for the CRA position posted on your careers page.",
      "I have five years of monitoring experience in hematology trials."]),
    ("Re: minutes of the medical affairs meeting",
     ["Thanks all for joining today. Action items are listed below.",
      "Please review the draft slides for the advisory board before Friday.",
      "The MSL team will follow up with the KOL list."]),
    ("Invoice 2026-0931 overdue",
     ["Our records show invoice 2026-0931 for courier services is now 30 days overdue.",
      "Please arrange payment at your earliest convenience."]),
    ("Conference invitation: Radiopharmaceutical Summit 2027",
     ["We are pleased to invite your team to present at the Radiopharmaceutical Summit.",
      "Speaker slots are limited; please confirm by the end of the month."]),
]
OOO_LINES = [
    "I am out of the office until {date} with limited access to email.",
    "For urgent matters please contact the medical information line.",
    "Je suis absente du bureau jusqu'au {date}. Merci de contacter mon collègue.",
    "Ich bin bis zum {date} nicht im Büro. Ihre Nachricht wird nicht weitergeleitet.",
]
NEWSLETTER_LINES = [
    "This week in oncology: FDA approvals, trial readouts and conference highlights.",
    "Radiopharmaceuticals continue to attract investment across the sector.",
    "Read the full story on our website. You are receiving this because you subscribed.",
    "Manage your preferences or unsubscribe at any time.",
]
DISCLAIMER = (
    "CONFIDENTIALITY NOTICE: This e-mail message, including any attachments, is for the sole "
    "use of the intended recipient(s) and may contain confidential and privileged information "
    "or otherwise protected by law. Any unauthorized review, use, disclosure or distribution is "
    "prohibited. If you are not the intended recipient, please contact the sender by reply "
    "e-mail and destroy all copies of the original message. "
)
CHARSETS = ["utf-8"] * 6 + ["iso-8859-1"] * 2 + ["windows-1252"] * 2
CTES = ["quoted-printable"] * 5 + ["base64"] * 3 + ["8bit"] * 2
_LATIN1_FIX = str.maketrans({"’": "'", "“": '"', "”": '"', "–": "-", "—": "-", "…": "...",
                             "ł": "l", "ş": "s", "ő": "o", "ě": "e"})


def _date(epoch: float) -> str:
    from email.utils import formatdate

    return formatdate(epoch, localtime=False)


class _Gen:
    def __init__(self, seed: int) -> None:
        self.r = random.Random(seed)
        self.sent: list[tuple[str, str, str]] = []  # (message-id, subject, sender) of requests

    # -- pieces ---------------------------------------------------------------

    def person(self) -> tuple[str, str]:
        r = self.r
        first, last = r.choice(FIRST), r.choice(LAST)
        local = f"{first}.{last}".lower().encode("ascii", "ignore").decode().replace("'", "")
        return f"{first} {last}", f"{local or 'x'}{r.randrange(100)}@{r.choice(DOMAINS)}"

    def header_value(self, text: str, charset: str) -> str:
        if text.isascii():
            return text
        cs = "utf-8" if charset == "utf-8" or self.r.random() < 0.5 else "iso-8859-1"
        try:
            return Header(text, cs).encode()
        except UnicodeEncodeError:
            return Header(text, "utf-8").encode()

    def address(self, name: str, addr: str, charset: str) -> str:
        if name.isascii():
            return f'"{name}" <{addr}>' if "'" in name or "." in name else f"{name} <{addr}>"
        return f"{self.header_value(name, charset)} <{addr}>"

    def trace(self, epoch: float, big: bool) -> list[str]:
        r = self.r
        lines = []
        for hop in range(r.randint(3, 7)):
            lines.append(
                f"Received: from mail-{r.choice(['eur', 'nam', 'apc'])}{r.randint(1, 9)}"
                f"{r.choice('abcdef')}.outbound.protection.example (mail-{hop}.example "
                f"[10.{r.randint(0, 255)}.{r.randint(0, 255)}.{r.randint(1, 254)}])\r\n"
                f"\tby mx{r.randint(1, 4)}.cellectar.example (Postfix) with ESMTPS id "
                f"{r.getrandbits(40):010X}\r\n\tfor <clinical@cellectar.example>; {_date(epoch - hop)}"
            )
        sig = base64.b64encode(r.randbytes(256)).decode()
        lines.append(
            "DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=example.org; s=selector1;\r\n"
            " h=From:Date:Subject:Message-ID:Content-Type:MIME-Version;\r\n"
            f" bh={base64.b64encode(r.randbytes(32)).decode()};\r\n b="
            + "\r\n ".join(sig[i:i + 70] for i in range(0, len(sig), 70))
        )
        lines.append("Authentication-Results: mx1.cellectar.example; dkim=pass header.d=example.org;"
                     "\r\n spf=pass smtp.mailfrom=example.org; dmarc=pass action=none")
        if big:
            for name in ("ARC-Seal", "ARC-Message-Signature"):
                sig = base64.b64encode(r.randbytes(256)).decode()
                lines.append(f"{name}: i=1; a=rsa-sha256; s=arcselector9901; d=microsoft.example;"
                             "\r\n b=" + "\r\n ".join(sig[i:i + 70] for i in range(0, len(sig), 70)))
            for k in range(r.randint(8, 22)):
                lines.append(f"X-MS-Exchange-CrossTenant-Prop{k}: "
                             f"{base64.b64encode(r.randbytes(r.randint(16, 90))).decode()}")
        return lines

    def encode_text(self, text: str, subtype: str, charset: str, cte: str) -> bytes:
        if charset != "utf-8":
            text = text.translate(_LATIN1_FIX)
        data = text.replace("\n", "\r\n").encode(charset, "replace")
        if cte == "8bit" and data.isascii():
            cte = "7bit"
        if cte == "quoted-printable":
            body = quopri.encodestring(data.replace(b"\r\n", b"\n")).replace(b"\n", b"\r\n")
        elif cte == "base64":
            body = base64.encodebytes(data).replace(b"\n", b"\r\n")
        else:
            body = data
        head = (f"Content-Type: text/{subtype}; charset=\"{charset}\"\r\n"
                f"Content-Transfer-Encoding: {cte}\r\n\r\n").encode()
        return head + body

    def html(self, paragraphs: list[str], quoted: list[str]) -> str:
        style = ('style="font-family:Calibri,Arial,Helvetica,sans-serif;font-size:11pt;'
                 'color:rgb(0,0,0);margin:0;"')
        out = ["<html><head><meta http-equiv=\"Content-Type\" content=\"text/html\">"
               "<style type=\"text/css\" style=\"display:none;\">P {margin-top:0;margin-bottom:0;}"
               "</style></head><body dir=\"ltr\"><div class=\"elementToProof\" " + style + ">"]
        for p in paragraphs:
            out.append(f"<div {style}><span {style}>{p}</span></div><div {style}><br></div>")
        if quoted:
            out.append('<hr style="display:inline-block;width:98%" tabindex="-1"><div id="divRplyFwdMsg"'
                       ' dir="ltr"><font face="Calibri, sans-serif" style="font-size:11pt">')
            for q in quoted:
                out.append(f"<blockquote {style}><p {style}>{q}</p></blockquote>")
            out.append("</font></div>")
        out.append(f"<p {style}><i>{DISCLAIMER}</i></p></body></html>")
        return "\n".join(out)

    def image(self, size: int) -> bytes:
        data = base64.encodebytes(b"\x89PNG\r\n\x1a\n" + self.r.randbytes(size)).replace(b"\n", b"\r\n")
        cid = f"image{self.r.getrandbits(32):08x}@01DB0000"
        return (f"Content-Type: image/png; name=\"image001.png\"\r\n"
                f"Content-Description: image001.png\r\nContent-Disposition: inline; "
                f"filename=\"image001.png\"; size={size}\r\nContent-ID: <{cid}>\r\n"
                f"Content-Transfer-Encoding: base64\r\n\r\n").encode() + data

    def pdf(self, size: int) -> bytes:
        data = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n" + self.r.randbytes(size) + b"\n%%EOF\n"
        enc = base64.encodebytes(data).replace(b"\n", b"\r\n")
        name = self.r.choice(["clinical_summary.pdf", "Arztbrief_Patientin.pdf",
                              "pathology report.pdf", "LOA_signed.pdf", "deck_2026.pdf"])
        return (f"Content-Type: application/pdf; name=\"{name}\"\r\n"
                f"Content-Disposition: attachment; filename=\"{name}\"; size={len(data)}\r\n"
                f"Content-Transfer-Encoding: base64\r\n\r\n").encode() + enc

    # -- messages ---------------------------------------------------------------

    def one(self, i: int, small: bool) -> tuple[bytes, float]:
        r = self.r
        epoch = START_EPOCH + (i * SPAN_S) // 100_000 + r.randrange(3600)
        roll = r.random()
        kind = ("physician" if roll < 0.22 else "family" if roll < 0.30 else
                "followup" if roll < 0.35 and self.sent else "other" if roll < 0.73 else
                "ooo" if roll < 0.85 else "bounce" if roll < 0.90 else "newsletter")
        charset = r.choice(CHARSETS)
        headers: list[str] = []
        name, addr = self.person()
        in_reply_to = None
        ctx = {"drug": r.choice(DRUGS), "age": r.randint(4, 84), "sex": r.choice(["man", "woman"]),
               "disease": r.choice(DISEASES), "ecog": r.randint(0, 2),
               "rel": r.choice(["husband", "mother", "son", "wife", "father", "daughter"]),
               "hospital": r.choice(HOSPITALS), "date": _date(epoch + 7 * 86_400)[5:16]}
        ctx["pronoun"] = "he" if ctx["rel"] in ("husband", "son", "father") else "she"
        ctx["Pronoun"] = ctx["pronoun"].capitalize()
        if kind == "physician":
            subject = r.choice(["Expanded access request – {drug}", "Compassionate use request",
                                "Request for {drug} for my patient", "EAP inquiry: {drug}",
                                "Urgent: single patient IND for {drug}"]).format(**ctx)
            paras = [line.format(**ctx) for line in r.sample(PHYSICIAN_LINES, r.randint(4, 8))]
            paras.insert(0, r.choice(["Dear Cellectar clinical team,", "Dear Medical Affairs,",
                                      "Hello,", "Dear colleagues,"]))
            paras.append(f"Kind regards,\n{name}, MD\nDepartment of Hematology/Oncology\n"
                         f"{ctx['hospital']}")
            name = f"Dr. {name}"
        elif kind == "family":
            subject = r.choice(["Please help my {rel}", "{drug} for my {rel}?",
                                "compassionate use", "Question about {drug}"]).format(**ctx)
            paras = [line.format(**ctx) for line in r.sample(FAMILY_LINES, r.randint(3, 6))]
            paras.append(f"Thank you,\n{name}")
        elif kind == "followup":
            mid, subj, addr = r.choice(self.sent)
            subject, in_reply_to = f"Re: {subj}", mid
            paras = ["Following up on my request below: is there any update?",
                     "The patient's condition is unchanged; we are ready to proceed.",
                     f"Best,\n{name}"]
        elif kind == "other":
            subject, lines = r.choice(OTHER_TOPICS)
            paras = ["Hello,", *r.sample(lines, len(lines)), f"Best regards,\n{name}"]
        elif kind == "ooo":
            subject = r.choice(["Automatic reply: ", "Out of Office: ", "Réponse automatique : ",
                                "Abwesenheitsnotiz: "]) + r.choice(["Medical information update",
                                                                    "Your inquiry", "RE: Meeting"])
            paras = [line.format(**ctx) for line in r.sample(OOO_LINES, 2)]
            headers += ["Auto-Submitted: auto-replied", "X-Auto-Response-Suppress: All"]
            if r.random() < 0.5:
                headers.append("X-Autoreply: yes")
        elif kind == "newsletter":
            subject = r.choice(["Oncology Weekly: radiopharmaceutical deals heat up",
                                "FDA roundup for the week", "Your daily biotech brief"])
            paras = NEWSLETTER_LINES * r.randint(1, 3)
            name, addr = "Oncology Weekly", f"newsletter@news{r.randint(1, 5)}.example"
            headers += [f"List-Id: Oncology Weekly <weekly.news{r.randint(1, 5)}.example>",
                        "List-Unsubscribe: <mailto:unsubscribe@news.example>",
                        "Precedence: bulk"]
        else:  # bounce
            subject = "Undelivered Mail Returned to Sender"
            paras = ["This is the mail system at host mx1.cellectar.example.",
                     "I'm sorry to have to inform you that your message could not be delivered "
                     "to one or more recipients.", "<former.staff@cellectar.example>: "
                     "host mailstore said: 550 5.1.1 User unknown"]
            name, addr = "Mail Delivery System", "MAILER-DAEMON@mx1.cellectar.example"

        message_id = f"<{r.getrandbits(64):016x}.{i}@{addr.rsplit('@', 1)[1]}>"
        if kind in ("physician", "family") and len(self.sent) < 500:
            self.sent.append((message_id, subject, addr))
        text = "\n\n".join(paras) + "\n"
        top = [
            *([] if small else self.trace(epoch, r.random() < 0.6)),
            f"From: {self.address(name, addr, charset)}",
            "To: Clinical <clinical@cellectar.example>",
            f"Subject: {self.header_value(subject, charset)}",
            f"Date: {_date(epoch - r.randrange(120))}",
            f"Message-ID: {message_id}",
            *([f"In-Reply-To: {in_reply_to}", f"References: {in_reply_to}"] if in_reply_to else []),
            "MIME-Version: 1.0",
            *headers,
        ]
        top.append("Return-Path: <>" if kind == "bounce" else f"Return-Path: <{addr}>")
        cte = r.choice(CTES)

        if small:
            body = self.encode_text(text, "plain", charset, cte)
            return "\r\n".join(top).encode() + b"\r\n" + body, float(epoch)

        if kind == "bounce":
            boundary = f"bounce-{r.getrandbits(48):012x}"
            parts = [
                self.encode_text(text, "plain", "us-ascii", "7bit"),
                b"Content-Type: message/delivery-status\r\n\r\nReporting-MTA: dns; mx1.cellectar"
                b".example\r\n\r\nFinal-Recipient: rfc822; former.staff@cellectar.example\r\n"
                b"Action: failed\r\nStatus: 5.1.1\r\n",
                b"Content-Type: text/rfc822-headers\r\n\r\nFrom: clinical@cellectar.example\r\n"
                b"Subject: Your request\r\n",
            ]
            top.append(f"Content-Type: multipart/report; report-type=delivery-status; "
                       f"boundary=\"{boundary}\"")
            return _assemble(top, boundary, parts), float(epoch)

        # Size target: lognormal around 25 KB; reach it with quoted HTML history
        # and/or an inline signature image.
        target = int(min(90_000, max(6_000, r.lognormvariate(10.13, 0.45))))
        quoted: list[str] = []
        base = sum(len(h) + 2 for h in top) + 1.15 * (2 * len(text) + 2600)
        image_size = 0
        if r.random() < 0.5:
            image_size = max(1000, int((target - base) / 1.37))
        else:
            while base < target:
                quoted.append(r.choice([*PHYSICIAN_LINES, *NEWSLETTER_LINES, DISCLAIMER,
                                        *OTHER_TOPICS[r.randrange(len(OTHER_TOPICS))][1]])
                              .format(**ctx))
                base += 1.15 * (2 * len(quoted[-1]) + 290)
        alt = f"alt-{r.getrandbits(48):012x}"
        html = self.html([p.replace("\n", "<br>") for p in paras], quoted)
        plain = text + ("\n" + "\n".join("> " + q for q in quoted) + "\n" if quoted else "")
        plain += "\n" + DISCLAIMER + "\n"
        alternative = _assemble(
            [f"Content-Type: multipart/alternative; boundary=\"{alt}\""], alt,
            [self.encode_text(plain, "plain", charset, cte),
             self.encode_text(html, "html", charset, r.choice(CTES))])
        extra: list[bytes] = []
        if image_size:
            extra.append(self.image(image_size))
        if r.random() < 0.056:
            extra.append(self.pdf(r.randint(75_000, 520_000)))  # 100-700 KB once base64
        if not extra:
            top.append(alternative.split(b"\r\n", 1)[0].decode())
            return "\r\n".join(top).encode() + b"\r\n" + alternative.split(b"\r\n", 1)[1], \
                float(epoch)
        mixed = f"mixed-{r.getrandbits(48):012x}"
        subtype = "mixed" if extra[-1].startswith(b"Content-Type: application") else "related"
        top.append(f"Content-Type: multipart/{subtype}; boundary=\"{mixed}\"")
        return _assemble(top, mixed, [alternative, *extra]), float(epoch)


def _assemble(top: list[str], boundary: str, parts: list[bytes]) -> bytes:
    out = ["\r\n".join(top).encode(), b"\r\n\r\nThis is a multi-part message in MIME format.\r\n"]
    for part in parts:
        out += [f"\r\n--{boundary}\r\n".encode(), part]
    out.append(f"\r\n--{boundary}--\r\n".encode())
    return b"".join(out)


def backlog(n: int, seed: int = 20261123, *, small: bool = False) -> Iterator[tuple[bytes, float]]:
    """``n`` messages as (raw CRLF bytes, receipt epoch), oldest first."""
    gen = _Gen(seed)
    for i in range(n):
        yield gen.one(i, small)


if __name__ == "__main__":  # quick look: size distribution of 2,000 messages
    import statistics
    import sys

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 2000
    sizes = sorted(len(raw) for raw, _ in backlog(count))
    print(f"n={count} median={statistics.median(sizes) / 1000:.1f} KB "
          f"p10={sizes[len(sizes) // 10] / 1000:.1f} KB p90={sizes[9 * len(sizes) // 10] / 1000:.1f} KB "
          f"max={sizes[-1] / 1000:.0f} KB >100KB={sum(s > 100_000 for s in sizes)} "
          f"total={sum(sizes) / 1e6:.1f} MB")
