"""Tests for bot.parsing: raw bytes in, a safe Inbound out, never an exception."""

from __future__ import annotations

import base64
import hashlib
import quopri
import random
import re
import time

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.model import Inbound
from bot.parsing import (
    MAX_HEADER_CHARS,
    MAX_HEADERS,
    MAX_IDS,
    MAX_PARTS,
    MAX_SUBJECT_CHARS,
    parse,
)

CONTROL = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def build(head: str, body: bytes | str = b"") -> bytes:
    """A raw message: header lines (LF in the source, CRLF on the wire) and a body."""
    raw_head = head.strip("\n").replace("\n", "\r\n").encode("utf-8")
    raw_body = body.replace("\n", "\r\n").encode("utf-8") if isinstance(body, str) else body
    return raw_head + b"\r\n\r\n" + raw_body


def check(raw: bytes, result: Inbound, max_body_chars: int = 200_000) -> None:
    """Invariants that must hold for every input."""
    one_line = [
        result.from_addr,
        result.from_name,
        result.subject,
        result.date_header,
        result.content_type,
        result.raw_sha256,
        *result.to_addrs,
        *result.in_reply_to,
        *result.references,
        *result.attachment_names,
        *result.defects,
    ]
    if result.message_id is not None:
        assert result.message_id
        one_line.append(result.message_id)
    for name, value in result.headers:
        assert name == name.lower()
        assert len(value) <= MAX_HEADER_CHARS
        one_line += [name, value]
    for text in one_line:
        assert isinstance(text, str)
        assert "\r" not in text and "\n" not in text, repr(text)
        assert not CONTROL.search(text), repr(text)
        assert text == text.strip(), repr(text)
        text.encode("utf-8")  # no lone surrogates
    assert "\r" not in result.body_text
    result.body_text.encode("utf-8")
    assert len(result.body_text) <= max_body_chars
    assert len(result.subject) <= MAX_SUBJECT_CHARS
    assert len(result.headers) <= MAX_HEADERS
    assert len(result.in_reply_to) <= MAX_IDS and len(result.references) <= MAX_IDS
    assert len(result.attachment_names) <= 50
    assert result.content_type == result.content_type.lower() and result.content_type
    assert not any(d.startswith("parser failed") for d in result.defects)  # no internal error
    assert result.raw_size == len(raw)
    assert result.raw_sha256 == hashlib.sha256(raw).hexdigest()


def parsed(raw: bytes, **kwargs: int) -> Inbound:
    result = parse(raw, **kwargs)
    check(raw, result, **kwargs)
    return result


# --------------------------------------------------------------------------
# Degenerate input


def test_empty_bytes() -> None:
    result = parsed(b"")
    assert result.message_id is None
    assert result.from_addr == "" and result.subject == "" and result.body_text == ""
    assert result.headers == () and result.to_addrs == ()
    assert result.content_type == "text/plain"
    assert result.raw_size == 0
    assert result.raw_sha256 == hashlib.sha256(b"").hexdigest()


def test_random_binary() -> None:
    rng = random.Random(20261122)
    for size in (1, 7, 100, 1_000, 20_000, 200_000):
        parsed(rng.randbytes(size))


def test_headers_only_and_empty_body() -> None:
    for raw in (b"Subject: x\r\n", b"Subject: x\r\n\r\n", b"Subject: x\r\n\r\n\r\n"):
        result = parsed(raw)
        assert result.subject == "x"
        assert result.body_text == ""


def test_body_without_headers() -> None:
    result = parsed(b"just some text\r\nover two lines\r\n")
    assert "just some text" in result.body_text
    assert "mime: MissingHeaderBodySeparatorDefect" in result.defects


def test_bytearray_and_memoryview_are_accepted() -> None:
    raw = build("Subject: hello", "body")
    assert parse(bytearray(raw)) == parse(raw)  # type: ignore[arg-type]
    assert parse(memoryview(raw)) == parse(raw)  # type: ignore[arg-type]


def test_non_bytes_input_does_not_raise() -> None:
    result = parse("Subject: not bytes\r\n\r\nbody")  # type: ignore[arg-type]
    assert result.raw_size == 0 and result.subject == ""
    assert any("not bytes" in d for d in result.defects)


# --------------------------------------------------------------------------
# Malformed MIME


def test_multipart_without_boundary_parameter() -> None:
    raw = build(
        "From: a@b.org\nContent-Type: multipart/mixed",
        "--zz\nContent-Type: text/plain\n\nhello there\n--zz--\n",
    )
    result = parsed(raw)
    assert result.content_type == "multipart/mixed"
    assert "hello there" in result.body_text  # read as text rather than lost
    assert "mime: NoBoundaryInMultipartDefect" in result.defects


def test_multipart_whose_boundary_never_appears() -> None:
    raw = build(
        "From: a@b.org\nContent-Type: multipart/mixed; boundary=zz",
        "no boundary here at all\n",
    )
    result = parsed(raw)
    assert "no boundary here at all" in result.body_text
    assert "mime: StartBoundaryNotFoundDefect" in result.defects


def test_truncated_multipart() -> None:
    raw = build(
        "From: a@b.org\nContent-Type: multipart/mixed; boundary=zz",
        "--zz\nContent-Type: text/plain\n\npart one\n--zz\nContent-Type: text/plain\n\n"
        "part two is cut off in the midd",
    )
    result = parsed(raw)
    assert "part one" in result.body_text
    assert "part two is cut off" in result.body_text
    assert "mime: CloseBoundaryNotFoundDefect" in result.defects


def test_truncated_base64_attachment() -> None:
    raw = build(
        "Content-Type: multipart/mixed; boundary=zz",
        "--zz\nContent-Type: text/plain\n\nsee attached\n--zz\n"
        'Content-Type: application/pdf; name="a.pdf"\nContent-Transfer-Encoding: base64\n\n'
        "JVBERi0xLjQKJ",
    )
    result = parsed(raw)
    assert result.body_text == "see attached"
    assert result.attachment_names == ("a.pdf",)


def test_garbage_content_type() -> None:
    for ctype in ("garbage", "/", "text/", 'text/plain; charset="utf-8', "text/plain; charset="):
        result = parsed(build(f"Content-Type: {ctype}", "hello"))
        assert result.content_type
        if ctype.startswith("text/plain") or ctype == "garbage":
            assert result.body_text == "hello"


def test_nested_20_deep() -> None:
    raw = nested_multipart(20)
    result = parsed(raw)
    assert result.body_text == "hello from the bottom"
    assert not any("too complex" in d for d in result.defects)


def test_nested_2000_deep_multipart() -> None:
    raw = nested_multipart(2_000)
    started = time.perf_counter()
    result = parsed(raw)
    assert time.perf_counter() - started < 5
    assert any("too complex" in d for d in result.defects)
    assert result.content_type == "multipart/mixed"
    assert result.subject == "deep"


def test_nested_2000_deep_message_rfc822() -> None:
    raw = b"Subject: deep\r\n"
    for _ in range(2_000):
        raw += b"Content-Type: message/rfc822\r\n\r\n"
    raw += b"Content-Type: text/plain\r\n\r\nhello\r\n"
    result = parsed(raw)
    assert any("too complex" in d for d in result.defects)
    assert result.subject == "deep"


def test_part_count_is_capped() -> None:
    parts = "".join(f"--zz\nContent-Type: text/plain\n\npart {i}\n" for i in range(MAX_PARTS + 100))
    raw = build("Content-Type: multipart/mixed; boundary=zz", parts + "--zz--\n")
    result = parsed(raw)
    assert f"more than {MAX_PARTS} MIME parts; the rest was not read" in result.defects
    assert "part 0\n" in result.body_text
    assert f"part {MAX_PARTS + 50}" not in result.body_text


def nested_multipart(depth: int) -> bytes:
    head = b"From: a@b.org\r\nSubject: deep\r\n"
    for i in range(depth):
        head += b'Content-Type: multipart/mixed; boundary="b%d"\r\n\r\n--b%d\r\n' % (i, i)
    head += b"Content-Type: text/plain\r\n\r\nhello from the bottom\r\n"
    for i in reversed(range(depth)):
        head += b"--b%d--\r\n" % i
    return head


# --------------------------------------------------------------------------
# Charsets and transfer encodings


def test_unknown_charset_valid_utf8() -> None:
    raw = build('Content-Type: text/plain; charset="x-klingon"', "Grüße, Qapla'".encode())
    result = parsed(raw)
    assert result.body_text == "Grüße, Qapla'"
    assert "charset x-klingon unknown, decoded as utf-8" in result.defects


def test_unknown_charset_broken_utf8() -> None:
    raw = build("Content-Type: text/plain; charset=x-klingon", "Grüße".encode() + b" \xff\xfe")
    result = parsed(raw)
    assert result.body_text.startswith("Grüße \ufffd")
    assert "charset x-klingon unknown, decoded as utf-8 with replacement" in result.defects


def test_unknown_charset_latin1_bytes() -> None:
    raw = build("Content-Type: text/plain; charset=x-klingon", b"H\xe4rtefallprogramm")
    result = parsed(raw)
    assert result.body_text == "Härtefallprogramm"
    assert "charset x-klingon unknown, decoded as windows-1252" in result.defects


def test_declared_utf8_but_latin1_bytes() -> None:
    raw = build("Content-Type: text/plain; charset=utf-8", b"Anfrage zum H\xe4rtefallprogramm")
    result = parsed(raw)
    assert result.body_text == "Anfrage zum Härtefallprogramm"
    assert "charset utf-8 does not match the bytes, decoded as windows-1252" in result.defects


def test_declared_us_ascii_but_utf8_bytes() -> None:
    raw = build("Content-Type: text/plain; charset=us-ascii", "Härtefallprogramm".encode())
    result = parsed(raw)
    assert result.body_text == "Härtefallprogramm"
    assert "charset us-ascii does not match the bytes, decoded as utf-8" in result.defects


def test_declared_us_ascii_but_latin1_bytes() -> None:
    raw = build("Content-Type: text/plain; charset=us-ascii", b"H\xe4rtefallprogramm")
    result = parsed(raw)
    assert result.body_text == "Härtefallprogramm"
    assert "charset us-ascii does not match the bytes, decoded as windows-1252" in result.defects


def test_no_charset_with_8bit_bytes() -> None:
    result = parsed(build("Subject: x", "Grüße".encode()))
    assert result.body_text == "Grüße"
    assert "8-bit text without a charset, decoded as utf-8" in result.defects


def test_iso_8859_1_german() -> None:
    raw = build(
        "Subject: =?iso-8859-1?q?Anfrage_H=E4rtefallprogramm?=\n"
        "Content-Type: text/plain; charset=iso-8859-1\nContent-Transfer-Encoding: 8bit",
        b"Sehr geehrte Damen und Herren, wir bitten um Aufnahme in das H\xe4rtefallprogramm.",
    )
    result = parsed(raw)
    assert result.subject == "Anfrage Härtefallprogramm"
    assert "Aufnahme in das Härtefallprogramm." in result.body_text
    assert result.defects == ()


def test_latin1_label_reads_windows_1252_quotes() -> None:
    raw = build("Content-Type: text/plain; charset=iso-8859-1", b"\x93Hallo\x94 \x96 gr\xfc\xdfe")
    assert parsed(raw).body_text == "\u201cHallo\u201d \u2013 grüße"


def test_non_text_codecs_are_refused() -> None:
    for charset in ("base64", "rot13", "unicode-escape", "undefined"):
        raw = build(f"Content-Type: text/plain; charset={charset}", b"plain \\u000a text")
        result = parsed(raw)
        assert result.body_text == "plain \\u000a text", charset
        assert f"charset {charset} unknown, decoded as utf-8" in result.defects


def test_quoted_printable() -> None:
    body = quopri.encodestring(("Härtefallprogramm " * 10 + "Ende").encode())
    assert b"=\r\n" in body or b"=\n" in body  # soft line breaks present
    raw = build(
        "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: quoted-printable",
        body.replace(b"\n", b"\r\n"),
    )
    result = parsed(raw)
    assert result.body_text == "Härtefallprogramm " * 10 + "Ende"


def test_base64_text() -> None:
    text = "Dear team,\nwe request expanded access.\nRegards, Dr. Øberg"
    raw = build(
        "Content-Type: text/plain; charset=utf-8\nContent-Transfer-Encoding: base64",
        base64.encodebytes(text.encode()),
    )
    assert parsed(raw).body_text == text


def test_bad_base64_text_does_not_raise() -> None:
    raw = build("Content-Type: text/plain\nContent-Transfer-Encoding: base64", "SGVsbG8@@@!!x")
    result = parsed(raw)
    assert result.body_text.startswith("Hello")
    assert any(d.startswith("mime: InvalidBase64") for d in result.defects)


def test_body_line_endings_and_controls() -> None:
    raw = build("Subject: x", b"one\r\ntwo\rthree\nfour\x00five\x1b[31m")
    assert parsed(raw).body_text == "one\ntwo\nthree\nfour five [31m"


# --------------------------------------------------------------------------
# Headers


def test_message_id_policy_default_cannot_parse() -> None:
    raw = build("Message-ID: <[abc]@outlook.com>\nSubject: x", "hi")
    result = parsed(raw)
    assert result.message_id == "<[abc]@outlook.com>"
    assert result.header("message-id") == "<[abc]@outlook.com>"


def test_message_id_forms() -> None:
    assert parsed(build("Message-ID:\n <folded@x.org>")).message_id == "<folded@x.org>"
    assert parsed(build("Message-ID: <a@x> (comment)")).message_id == "<a@x>"
    assert parsed(build("Message-ID: no-brackets@x.org")).message_id == "no-brackets@x.org"


def test_missing_or_empty_message_id() -> None:
    assert parsed(build("Subject: x", "hi")).message_id is None
    assert parsed(build("Message-ID: \nSubject: x", "hi")).message_id is None
    assert parsed(build("Message-ID:\n \t \nSubject: x", "hi")).message_id is None


def test_trailing_comma_address_list() -> None:
    raw = build("From: a@x.org\nTo: a@x.org, B@Y.org,\nCc: c@z.org, b@y.org", "hi")
    result = parsed(raw)
    assert result.to_addrs == ("a@x.org", "b@y.org", "c@z.org")


def test_recipients_are_capped() -> None:
    to = ", ".join(f'"Person, {i}" <p{i}@x.org>' for i in range(150))
    result = parsed(build(f"To: {to}", "hi"))
    assert len(result.to_addrs) == 100
    assert result.to_addrs[:2] == ("p0@x.org", "p1@x.org")


def test_unparseable_address_headers() -> None:
    raw = build('From: "\nTo: <\nCc: a@', "hi")
    result = parsed(raw)
    assert any(d.startswith("header From unparseable") for d in result.defects)
    assert result.from_addr == ""


def test_from_forms() -> None:
    cases = {
        '"Dr. Anna Schmidt" <Anna.Schmidt@Klinikum.example>': (
            "anna.schmidt@klinikum.example",
            "Dr. Anna Schmidt",
        ),
        "Dr. Anna Schmidt <anna@k.example>": ("anna@k.example", "Dr. Anna Schmidt"),
        "anna@k.example": ("anna@k.example", ""),
        "=?utf-8?q?J=C3=BCrgen_M=C3=BCller?= <jm@x.de>": ("jm@x.de", "Jürgen Müller"),
        '"Müller, Jürgen" <jm@x.de>': ("jm@x.de", "Müller, Jürgen"),
        '"Schmidt, Anna" <anna@k.example>, other@k.example': ("anna@k.example", "Schmidt, Anna"),
        "Anna (comment) <anna@k.example>": ("anna@k.example", "Anna"),
        # (learnt from dev-zb4) an unquoted comma splits the display name into a mailbox of
        # its own: the address is the one with an "@", the words before it are the name
        "Okafor, Samuel <sokafor@x.org>": ("sokafor@x.org", "Okafor, Samuel"),
        '"Samuel Okafor", MD <sokafor@x.org>': ("sokafor@x.org", "Samuel Okafor, MD"),
        "Raman, Priya MD <praman@x.org>": ("praman@x.org", "Raman, Priya MD"),
        "MAILER-DAEMON": ("mailer-daemon", ""),
        "<>": ("", ""),
        "undisclosed-recipients:;": ("", ""),
    }
    for value, (addr, name) in cases.items():
        result = parsed(build(f"From: {value}", "hi"))
        assert (result.from_addr, result.from_name) == (addr, name), value


def test_encoded_word_cannot_spoof_the_address() -> None:
    raw = build("From: =?utf-8?q?CEO_<ceo@pharma.example>?= <evil@x.org>", "hi")
    result = parsed(raw)
    assert result.from_addr == "evil@x.org"
    assert result.from_name == "CEO <ceo@pharma.example>"
    assert result.header("from") == '"CEO <ceo@pharma.example>" <evil@x.org>'


def test_raw_8bit_headers() -> None:
    raw = b"From: J\xc3\xbcrgen M\xc3\xbcller <jm@x.de>\r\nSubject: Gr\xfc\xdfe\r\n\r\nhi"
    result = parsed(raw)
    assert result.from_name == "Jürgen Müller"
    assert result.from_addr == "jm@x.de"
    assert result.subject == "Grüße"
    assert "header Subject: 8-bit bytes not utf-8, decoded as windows-1252" in result.defects


def test_long_subject_is_capped() -> None:
    words = " ".join(f"w{i:04d}" for i in range(1_000))  # 5,999 chars
    folded = "\n ".join(words[i : i + 70] for i in range(0, len(words), 70))
    result = parsed(build(f"Subject: {folded}", "hi"))
    assert len(result.subject) == MAX_SUBJECT_CHARS or len(result.subject) == 997
    assert result.subject.startswith("w0000 w0001")
    assert result.header("subject") == result.subject


def test_crlf_smuggled_via_encoded_word() -> None:
    raw = build("Subject: =?utf-8?q?Hi=0D=0ABcc:_evil@x.org?=\nFrom: a@b.org", "hi")
    result = parsed(raw)
    assert result.subject == "Hi Bcc: evil@x.org"
    assert result.header("bcc") is None


def test_crlf_smuggled_via_bare_cr() -> None:
    raw = b"Subject: Hi\rBcc: evil@x.org\r\nFrom: a@b.org\r\n\r\nhi"
    result = parsed(raw)
    assert result.subject == "Hi Bcc: evil@x.org"
    assert result.header("bcc") is None
    assert result.from_addr == "a@b.org"
    assert "bare CR in the header section, read as a space" in result.defects


def test_other_control_characters_in_headers() -> None:
    raw = build("Subject: a\x00b\x1bc\u2028d\u202eevil\x85e\tf  g", "hi")
    assert parsed(raw).subject == "a b c d evil e f g"


def test_unknown_charset_in_encoded_word() -> None:
    result = parsed(build("Subject: =?x-klingon?q?Qapla=27?=", "hi"))
    assert result.subject == "Qapla'"


def test_header_values_and_count_are_capped() -> None:
    extra = "\n".join(f"X-Filler-{i}: {i}" for i in range(300))
    raw = build(f"Subject: first\nX-Long: {'y' * 5_000}\n{extra}\nFrom: late@x.org", "hi")
    result = parsed(raw)
    assert len(result.headers) == MAX_HEADERS
    assert result.headers[0] == ("subject", "first")
    assert result.header("x-long") == "y" * MAX_HEADER_CHARS
    assert result.from_addr == "late@x.org"  # read even beyond the kept headers
    assert any("only the first 200 are kept" in d for d in result.defects)


def test_huge_header_is_fast() -> None:
    raw = build(f"Subject: {'=?utf-8?q?a?= ' * 200_000}\nTo: {'a@b.org, ' * 100_000}", "hi")
    started = time.perf_counter()
    result = parsed(raw)
    assert time.perf_counter() - started < 2
    assert result.subject.startswith("a")
    assert result.to_addrs == ("a@b.org",)


def test_threading_headers() -> None:
    raw = build(
        "In-Reply-To: <parent@x.org> (Dr. Smith's message of <old@x.org>)\n"
        "References: <root@x.org>\n <a@x.org><b@x.org>   broken<c@x.org>junk <no closing\n",
        "hi",
    )
    result = parsed(raw)
    assert result.in_reply_to == ("<parent@x.org>", "<old@x.org>")
    assert result.references == ("<root@x.org>", "<a@x.org>", "<b@x.org>", "<c@x.org>")


def test_references_keep_root_and_most_recent() -> None:
    ids = " ".join(f"<id{i}@x.org>" for i in range(80))
    result = parsed(build(f"References: {ids}", "hi"))
    assert len(result.references) == MAX_IDS
    assert result.references[0] == "<id0@x.org>"
    assert result.references[1] == f"<id{80 - MAX_IDS + 1}@x.org>"
    assert result.references[-1] == "<id79@x.org>"


def test_date_header_and_headers_in_order() -> None:
    raw = build("Date: Mon, 1 Jan 2024 10:00:00 +0100 (CET)\nX-A: 1\nX-A: 2\nSubject: s", "hi")
    result = parsed(raw)
    assert result.date_header == "Mon, 1 Jan 2024 10:00:00 +0100 (CET)"
    assert [name for name, _ in result.headers] == ["date", "x-a", "x-a", "subject"]
    assert result.header_all("X-A") == ["1", "2"]
    assert parsed(build("Subject: s")).date_header == ""


def test_typical_message() -> None:
    raw = typical_message()
    result = parsed(raw)
    assert result.message_id == "<CAF1234567890abcdef@mail.klinikum.example>"
    assert result.from_addr == "anna.schmidt@klinikum.example"
    assert result.from_name == "Dr. Anna Schmidt"
    assert result.to_addrs == (
        "clinical@pharma.example",
        "team@pharma.example",
        "other@klinikum.example",
    )
    assert result.subject == "Anfrage Härtefallprogramm für Patientin"
    assert result.in_reply_to == ("<prev1@pharma.example>",)
    assert result.references == ("<root@pharma.example>", "<prev1@pharma.example>")
    assert result.content_type == "multipart/mixed"
    assert result.body_text.startswith("Sehr geehrte Damen und Herren,\nich bitte")
    assert "<p>" not in result.body_text  # the text/plain alternative was used
    assert result.attachment_names == ("befund.pdf",)
    # its bytes are no real PDF: read for classification, found unreadable, said so
    assert result.defects == ("attachment 1 (pdf) could not be read: PdfStreamError",)


def test_typical_message_is_fast() -> None:
    raw = typical_message()
    assert 20_000 < len(raw) < 30_000
    parse(raw)
    runs = 30
    started = time.perf_counter()
    for _ in range(runs):
        parse(raw)
    assert (time.perf_counter() - started) / runs < 0.010


def test_large_attachment_is_not_decoded_and_is_fast() -> None:
    raw = typical_message(attachment_bytes=700_000)
    parse(raw)
    started = time.perf_counter()
    result = parsed(raw)
    assert time.perf_counter() - started < 1.0
    assert result.attachment_names == ("befund.pdf",)
    assert len(result.body_text) < 20_000


def typical_message(attachment_bytes: int = 2_000) -> bytes:
    text = (
        "Sehr geehrte Damen und Herren,\nich bitte um Aufnahme meiner Patientin in das "
        "Härtefallprogramm. Befund anbei.\n" * 80
    )
    html = "<html><body>" + "".join(f"<p>{line}</p>" for line in text.split("\n")) + "</body>"
    received = "".join(
        f"Received: from mail{i}.example.net (mail{i}.example.net [10.0.0.{i}])\n"
        f"\tby mx.pharma.example with ESMTPS id abc{i}\n"
        f"\tfor <clinical@pharma.example>; Mon, 1 Jan 2024 10:00:0{i} +0100\n"
        for i in range(8)
    )
    head = received + (
        "DKIM-Signature: v=1; a=rsa-sha256; d=klinikum.example; s=sel;\n"
        f" bh={'A' * 44};\n b={'B' * 340}\n"
        'From: "Dr. Anna Schmidt" <Anna.Schmidt@klinikum.example>\n'
        "To: clinical@pharma.example\n"
        "Cc: Study Team <team@pharma.example>, other@klinikum.example\n"
        "Subject: =?utf-8?q?Anfrage_H=C3=A4rtefallprogramm_f=C3=BCr_Patientin?=\n"
        "Date: Mon, 1 Jan 2024 10:00:00 +0100\n"
        "Message-ID: <CAF1234567890abcdef@mail.klinikum.example>\n"
        "In-Reply-To: <prev1@pharma.example>\n"
        "References: <root@pharma.example> <prev1@pharma.example>\n"
        "MIME-Version: 1.0\n"
        'Content-Type: multipart/mixed; boundary="outer"'
    )
    attachment = base64.encodebytes(random.Random(1).randbytes(attachment_bytes)).decode()
    body = (
        '--outer\nContent-Type: multipart/alternative; boundary="alt"\n\n'
        '--alt\nContent-Type: text/plain; charset="utf-8"\n'
        "Content-Transfer-Encoding: quoted-printable\n\n"
        + quopri.encodestring(text.encode()).decode()
        + '\n--alt\nContent-Type: text/html; charset="utf-8"\n\n'
        + html
        + "\n--alt--\n"
        '--outer\nContent-Type: application/pdf; name="befund.pdf"\n'
        'Content-Disposition: attachment; filename="befund.pdf"\n'
        "Content-Transfer-Encoding: base64\n\n" + attachment + "--outer--\n"
    )
    return build(head, body)


# --------------------------------------------------------------------------
# Body structure


def test_html_only() -> None:
    raw = build(
        "Content-Type: text/html; charset=utf-8",
        "<html><head><title>Title text</title><style>p { color: red }</style>"
        '<script>alert("x<y")</script></head><body><p>Dear team,</p>'
        "<p>Fish &amp; chips &lt;b&gt; &auml;&#228;&nbsp;x</p>Line<br>Two<br/>Three"
        "<table><tr><td>a</td><td>b</td></tr></table><!-- hidden comment --></body></html>",
    )
    result = parsed(raw)
    assert result.content_type == "text/html"
    assert result.body_text == "Dear team,\n\nFish & chips <b> ää x\nLine\nTwo\nThree\n\na b"


def test_html_with_unclosed_script_and_broken_markup() -> None:
    raw = build("Content-Type: text/html", "<p>visible</p><scr<ipt><<>>&bogus;<script>x")
    result = parsed(raw)
    assert result.body_text.startswith("visible")
    assert "x" not in result.body_text.split("&bogus;")[-1]


def test_plain_preferred_over_html() -> None:
    raw = build(
        "Content-Type: multipart/alternative; boundary=alt",
        "--alt\nContent-Type: text/plain\n\nplain version\n"
        "--alt\nContent-Type: text/html\n\n<p>html version</p>\n--alt--\n",
    )
    assert parsed(raw).body_text == "plain version"


def test_attachments() -> None:
    raw = build(
        "Content-Type: multipart/mixed; boundary=zz",
        "--zz\nContent-Type: text/plain\n\nbody text\n"
        '--zz\nContent-Type: text/plain; name="notes.txt"\n'
        'Content-Disposition: attachment; filename="notes.txt"\n\nSECRET NOTES\n'
        "--zz\nContent-Type: application/pdf\n"
        "Content-Disposition: attachment; filename*=utf-8''Arztbrief%20M%C3%BCller.pdf\n\nx\n"
        '--zz\nContent-Type: application/pdf; name="=?utf-8?B?QmVmdW5kIMOkLnBkZg==?="\n\nx\n'
        '--zz\nContent-Type: image/png\nContent-Disposition: attachment; filename="a\n b.png"'
        "\n\nx\n--zz--\n",
    )
    result = parsed(raw)
    assert result.body_text == "body text"
    assert result.attachment_names == (
        "notes.txt",
        "Arztbrief Müller.pdf",
        "Befund ä.pdf",
        "a b.png",
    )


def test_single_part_attachment_message() -> None:
    raw = build(
        "Subject: Scan\nContent-Type: application/pdf; name=scan.pdf\n"
        "Content-Disposition: attachment; filename=scan.pdf\nContent-Transfer-Encoding: base64",
        "JVBERi0xLjQK\n",
    )
    result = parsed(raw)
    assert result.content_type == "application/pdf"
    assert result.attachment_names == ("scan.pdf",)
    assert result.body_text == ""


def test_byte_order_mark_is_dropped() -> None:
    raw = build("Content-Type: text/plain; charset=utf-8", "\ufeffHallo".encode())
    assert parsed(raw).body_text == "Hallo"


def test_body_is_capped() -> None:
    raw = build("Subject: x", "0123456789" * 1_000)
    assert parsed(raw, max_body_chars=25).body_text == "0123456789012345678901234"
    assert parsed(raw, max_body_chars=0).body_text == ""
    html = build("Content-Type: text/html", "<p>abc</p>" * 10_000)
    assert len(parsed(html, max_body_chars=100).body_text) == 100


DSN = """From: Mail Delivery System <MAILER-DAEMON@mx.example.org>
To: clinical@pharma.example
Subject: Undelivered Mail Returned to Sender
Auto-Submitted: auto-replied
Message-ID: <dsn1@mx.example.org>
MIME-Version: 1.0
Content-Type: multipart/report; report-type=delivery-status; boundary="dsn"

This is a MIME-encapsulated message.

--dsn
Content-Description: Notification
Content-Type: text/plain; charset=us-ascii

This is the mail system at host mx.example.org.

I'm sorry to have to inform you that your message could not
be delivered to one or more recipients.

--dsn
Content-Description: Delivery report
Content-Type: message/delivery-status

Reporting-MTA: dns; mx.example.org

Final-Recipient: rfc822; nobody@example.org
Action: failed
Status: 5.1.1

--dsn
Content-Description: Undelivered Message
Content-Type: message/rfc822

From: clinical@pharma.example
To: nobody@example.org
Subject: Your expanded access request
Message-ID: <ack1@pharma.example>
Content-Type: multipart/mixed; boundary="inner"

--inner
Content-Type: text/plain

ORIGINAL BODY with patient details
--inner
Content-Type: application/pdf; name="form.pdf"

x
--inner--

--dsn--
"""


def test_multipart_report_dsn() -> None:
    head, body = DSN.split("\n\n", 1)
    result = parsed(build(head, body))
    assert result.content_type == "multipart/report"
    assert result.from_addr == "mailer-daemon@mx.example.org"
    assert result.header("auto-submitted") == "auto-replied"
    assert result.body_text.startswith("This is the mail system at host mx.example.org.")
    assert "could not\nbe delivered" in result.body_text
    assert "Action: failed" not in result.body_text
    assert "ORIGINAL BODY" not in result.body_text
    assert "MIME-encapsulated" not in result.body_text  # the preamble is not body
    assert result.attachment_names == ("form.pdf",)
    assert result.defects == ()


def test_attached_message_body_is_not_body_text() -> None:
    raw = build(
        "Content-Type: multipart/mixed; boundary=zz",
        "--zz\nContent-Type: text/plain\n\nPlease see the forwarded message.\n"
        '--zz\nContent-Type: message/rfc822; name="fwd.eml"\n\n'
        "From: x@y.org\nSubject: inner\n\nINNER BODY\n--zz--\n",
    )
    result = parsed(raw)
    assert result.body_text == "Please see the forwarded message."
    assert result.attachment_names == ("fwd.eml",)


# --------------------------------------------------------------------------
# Properties


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=3_000))
def test_arbitrary_bytes_never_raise(raw: bytes) -> None:
    check(raw, parse(raw))


HEADER_NAMES = [
    "Subject", "From", "To", "Cc", "Reply-To", "Message-ID", "In-Reply-To", "References",
    "Date", "Content-Type", "Content-Disposition", "Content-Transfer-Encoding", "X-Custom",
]  # fmt: skip
CHARSETS = [
    "utf-8", "iso-8859-1", "us-ascii", "windows-1252", "x-klingon", "utf-16", "utf-7",
    "unicode-escape", "base64", "shift_jis", "", '"', "utf-8\x00",
]  # fmt: skip
CTES = ["7bit", "8bit", "binary", "base64", "quoted-printable", "x-uuencode", "bogus"]
LEAF_TYPES = [
    "text/plain", "text/html", "application/pdf", "text/plain garbage", "", "multipart/mixed",
    "message/rfc822", "message/delivery-status", "text/rfc822-headers",
]  # fmt: skip


@st.composite
def header_values(draw: st.DrawFn) -> bytes:
    how = draw(st.sampled_from(["raw-utf8", "raw-latin1", "q", "b", "binary", "address"]))
    if how == "binary":
        return draw(st.binary(max_size=120))
    text = draw(st.text(max_size=80))
    if how == "raw-utf8":
        return text.encode("utf-8", "surrogatepass")
    if how == "raw-latin1":
        return text.encode("latin-1", "replace")
    if how == "address":
        name = draw(header_values()) if draw(st.booleans()) else text.encode("utf-8", "replace")
        sep = draw(st.sampled_from([b", ", b",", b";", b" "]))
        return name + b" <" + text.encode("utf-8", "replace") + b"@x.org>" + sep
    charset = draw(st.sampled_from(CHARSETS)).encode("utf-8")
    data = text.encode(draw(st.sampled_from(["utf-8", "latin-1", "utf-16"])), "replace")
    if how == "q":
        encoded = "".join(f"={byte:02X}" for byte in data).encode()
        return b"=?" + charset + b"?q?" + encoded + b"?="
    return b"=?" + charset + b"?b?" + base64.b64encode(data) + b"?="


@st.composite
def leaf_entities(draw: st.DrawFn) -> bytes:
    ctype = draw(st.sampled_from(LEAF_TYPES))
    charset = draw(st.sampled_from(CHARSETS))
    cte = draw(st.sampled_from(CTES))
    lines = [
        f"Content-Type: {ctype}; charset={charset}".encode(),
        b"Content-Transfer-Encoding: " + cte.encode(),
    ]
    if draw(st.booleans()):
        disposition = draw(st.sampled_from(["attachment", "inline", "bogus"]))
        lines.append(
            f"Content-Disposition: {disposition}; filename=".encode() + draw(header_values())
        )
    if draw(st.booleans()):
        payload = draw(st.binary(max_size=300))
    else:
        text = draw(st.text(max_size=300))
        payload = text.encode(draw(st.sampled_from(["utf-8", "latin-1", "utf-16"])), "replace")
    if cte == "base64" and draw(st.booleans()):
        payload = base64.encodebytes(payload)
    elif cte == "quoted-printable" and draw(st.booleans()):
        payload = quopri.encodestring(payload)
    return b"\r\n".join(lines) + b"\r\n\r\n" + payload


@st.composite
def entities(draw: st.DrawFn, depth: int = 0) -> bytes:
    kind = draw(st.sampled_from(["leaf", "multipart", "message"] if depth < 3 else ["leaf"]))
    if kind == "leaf":
        return draw(leaf_entities())
    if kind == "message":
        return b"Content-Type: message/rfc822\r\n\r\n" + draw(messages(depth + 1))
    subtype = draw(st.sampled_from(["mixed", "alternative", "report", "related", "digest"]))
    boundary = draw(st.text(alphabet="abcXYZ012'()+_,-./:=? ", min_size=1, max_size=12))
    children = draw(st.lists(entities(depth + 1), max_size=4))
    delimiter = b"\r\n--" + boundary.encode() + b"\r\n"
    body = draw(st.binary(max_size=20)) + delimiter + delimiter.join(children)
    if draw(st.booleans()):
        body += b"\r\n--" + boundary.encode() + b"--\r\n"
    if draw(st.booleans()):  # truncated
        body = body[: draw(st.integers(0, len(body)))]
    quoted = draw(st.sampled_from(['"{}"', "{}", "", '"{}']))
    param = f"; boundary={quoted.format(boundary)}" if quoted else ""
    return f"Content-Type: multipart/{subtype}{param}\r\n\r\n".encode() + body


@st.composite
def messages(draw: st.DrawFn, depth: int = 0) -> bytes:
    headers = draw(st.lists(st.tuples(st.sampled_from(HEADER_NAMES), header_values()), max_size=10))
    head = b"".join(name.encode() + b": " + value + b"\r\n" for name, value in headers)
    raw = head + draw(entities(depth))
    if draw(st.booleans()):
        raw = raw.replace(b"\r\n", b"\n")
    return raw


@settings(
    max_examples=400,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(messages(), st.integers(min_value=0, max_value=500))
def test_generated_mime_never_raises(raw: bytes, max_body_chars: int) -> None:
    check(raw, parse(raw, max_body_chars=max_body_chars), max_body_chars)
    check(raw, parse(raw))


def _policy_mailbox(value: str) -> tuple[tuple[tuple[str, str], ...], str]:
    from email import policy

    header = policy.default.header_fetch_parse("from", value)
    return (tuple((str(a.display_name), str(a.addr_spec)) for a in header.addresses),
            str(header))


def test_one_encoded_word_mailbox_reads_as_the_structured_parser_reads_it() -> None:
    """The fast path for ``=?cs?q?Name?= <addr>`` gives the header registry's name and
    display, or steps aside (None) — on every From of the fixtures and on awkward names."""
    from pathlib import Path

    from bot.parsing.headers import _ENCODED_MAILBOX_RE, _encoded_mailbox

    values = []
    for path in sorted(Path(__file__).parent.rglob("*.eml")):
        for line in path.read_bytes().decode("ascii", "replace").splitlines():
            if line.lower().startswith("from: =?"):
                values.append(line[6:].strip())
    names = ["Dr. Jürgen García", "Müller, Anna", "O'Brien Siobhán", 'Say "hi" Zoë', "Łukasz <x>",
             "a@b Ñ", " Spaced  Ünïcode ", "José (home)", "Ana;María", "Ζωή", "王伟", "Dot.Name é",
             "colon: é", "[brackets] é", "é", "Back\\slash é"]
    for name in names:
        for charset in ("utf-8", "iso-8859-1", "koi8-r"):
            try:
                data = name.encode(charset)
            except UnicodeEncodeError:
                continue
            values.append(f"=?{charset}?b?{base64.b64encode(data).decode()}?= <user@example.org>")
            values.append(f"=?{charset}?q?{quopri.encodestring(data, header=True).decode()}?= "
                          "<user@example.org>")
    values.append("=?utf-8?b?!!notbase64?= <user@example.org>")
    checked = 0
    for value in values:
        match = _ENCODED_MAILBOX_RE.fullmatch(value)
        found = _encoded_mailbox(match["words"], match["angle"]) if match else None
        if found is not None:
            checked += 1
            assert (found.pairs, found.display) == _policy_mailbox(value), value
    assert checked > 40, checked  # the fast path is taken, not always declined
