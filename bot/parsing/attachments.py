"""Text of attachments, for classification only.  [pure: bytes in, text out]

Many physicians write "please see the attached request" and put the
substance in a PDF or Word letter, a Form FDA 3926, or a forwarded message.
:func:`attachment_text` reads the text of such attachments so that the
classifier can see it. The text is never stored (not even with
``store_bodies = true``): it lives in :attr:`Inbound.attachment_text` only.

Limits keep a hostile or huge file cheap, and are counted in bytes, not
seconds, so the prepare worker and the daemon read the same text from the
same file whatever the machine's load: at most :data:`MAX_FILES`
attachments, each at most :data:`MAX_FILE_BYTES`, at most :data:`MAX_PAGES`
pages of a PDF, no page whose content stream is over
:data:`MAX_PAGE_CONTENT_BYTES` (a defect names it), at most
:data:`MAX_CONTENT_BYTES` of content streams and :data:`MAX_CHARS`
characters in all. A wall-clock limit (:data:`LAST_RESORT_S`, checked
between pages and files) remains only as a last resort against a file the
byte limits do not catch; when it stops a reading it says so in a defect,
since only then could two readings differ. A file that cannot be read adds
a defect and is skipped; nothing raises.
Attachments are read only when the body is short or points to them
(:func:`points_to_attachment`): a long letter with a lab report attached
says what it asks in its own words.
"""

from __future__ import annotations

import io
import logging
import re
import time
import zipfile
from collections.abc import Callable
from email.message import Message

MAX_FILES = 5
MAX_FILE_BYTES = 5_000_000
MAX_PAGES = 8
MAX_CHARS = 20_000
MAX_PAGE_CONTENT_BYTES = 1_000_000  # a letter's page is a few KB; a scan's text layer ~100 KB
MAX_CONTENT_BYTES = 3_000_000
LAST_RESORT_S = 10.0

_PDF = ("application/pdf", "application/x-pdf")
_DOCX = ("application/vnd.openxmlformats-officedocument.wordprocessingml.document",)
_TEXT = ("text/plain", "text/html")

logging.getLogger("pypdf").setLevel(logging.ERROR)  # malformed PDFs are common; we add a defect


_POINTS = re.compile(
    r"attach|enclos|see\s+(?:the\s+)?(?:pdf|letter|form|document)|forward|fwd|3926|"
    r"anbei|anhang|angehängt|adjunt|anexo|ci-joint|pi[eè]ce\s+jointe|allegat|za[łl][aą]cz|bijlage|"
    r"bijgevoegd", re.IGNORECASE)


def points_to_attachment(body: str) -> bool:
    """Whether the attachments are worth reading: the body is short ("please see
    attached") or points to them; a long letter with a lab PDF needs no second read."""
    return len(body.strip()) < 800 or bool(_POINTS.search(body[:6000]))


def kind_of(ctype: str, filename: str | None) -> str | None:
    """``pdf``, ``docx`` or ``text`` for attachments whose text we read."""
    name = (filename or "").lower()
    if ctype in _PDF or name.endswith(".pdf"):
        return "pdf"
    if ctype in _DOCX or name.endswith(".docx"):
        return "docx"
    if ctype in _TEXT or name.endswith((".txt", ".htm", ".html")):
        return "text"
    return None


class _Budget:
    """What is left to read of one message's attachments (bytes, then the last-resort clock)."""

    def __init__(self, add_defect: Callable[[str], None]) -> None:
        self.content = MAX_CONTENT_BYTES
        self.deadline = time.monotonic() + LAST_RESORT_S
        self.add_defect = add_defect
        self.timed_out = False

    def out_of_time(self) -> bool:
        if not self.timed_out and time.monotonic() > self.deadline:
            self.timed_out = True
            self.add_defect(f"attachments: reading stopped after {LAST_RESORT_S:.0f} s (the "
                            "text read may differ from another reading)")
        return self.timed_out


def preload() -> None:
    """Import the PDF reader now: before the prepare worker is forked, so the daemon and
    the worker share its pages, and neither pays for the import (about 65 ms) at its
    first PDF in the middle of a backlog."""
    import pypdf  # noqa: F401


def pdf_text(data: bytes, budget: _Budget, label: str) -> str:
    from pypdf import PdfReader

    reader = PdfReader(io.BytesIO(data), strict=False)
    if reader.is_encrypted:
        try:
            reader.decrypt("")
        except Exception:
            return ""
    out: list[str] = []
    for number, page in enumerate(reader.pages[:MAX_PAGES], 1):
        if budget.out_of_time():
            break
        contents = page.get_contents()
        size = len(contents.get_data()) if contents is not None else 0
        if size > MAX_PAGE_CONTENT_BYTES or size > budget.content:
            budget.add_defect(f"attachment {label}: page {number} has {size} bytes of content, "
                              "over the reading limit; not read")
            continue
        budget.content -= size
        out.append(page.extract_text() or "")
    return "\n".join(out)


def docx_text(data: bytes, budget: _Budget) -> str:
    from docx import Document

    with zipfile.ZipFile(io.BytesIO(data)) as zf:  # refuse zip bombs before python-docx unpacks
        if sum(i.file_size for i in zf.infolist()) > 10 * MAX_FILE_BYTES:
            raise ValueError("unpacks to more than 50 MB")
    doc = Document(io.BytesIO(data))
    out: list[str] = []
    for para in doc.paragraphs:
        out.append(para.text)
    for table in doc.tables:
        if budget.out_of_time():
            break
        for row in table.rows:
            out.append(" | ".join(cell.text for cell in row.cells))
    return "\n".join(out)


def attachment_text(parts: list[tuple[Message, str, str | None]],
                    decode_text: Callable[[Message], str],
                    add_defect: Callable[[str], None]) -> str:
    """Text of the readable attachments among ``parts`` ``(part, content type,
    file name)``; ``decode_text`` turns a text part into text (the body's own
    decoder, so charsets and HTML are handled alike)."""
    budget = _Budget(add_defect)
    texts: list[str] = []
    total = 0
    for number, (part, ctype, filename) in enumerate(parts[:MAX_FILES], 1):
        if total >= MAX_CHARS or budget.out_of_time():
            break
        kind = kind_of(ctype, filename)
        if kind is None:
            continue
        # named by position and kind only: a file name can carry a patient's name
        label = f"{number} ({kind})"
        try:
            if kind == "text":
                text = decode_text(part)
            else:
                data = part.get_payload(decode=True)
                if not isinstance(data, bytes):
                    continue
                if len(data) > MAX_FILE_BYTES:
                    add_defect(f"attachment {label} is over {MAX_FILE_BYTES} bytes; not read")
                    continue
                text = pdf_text(data, budget, label) if kind == "pdf" else docx_text(data, budget)
        except Exception as exc:  # a broken file must never stop the message
            add_defect(f"attachment {label} could not be read: {type(exc).__name__}")
            continue
        text = " ".join(text.split(" "))[: MAX_CHARS - total].strip()
        if text:
            texts.append(text)
            total += len(text) + 2
    return "\n\n".join(texts)
