"""Test doubles and fixture code shared by the backend tests and fakes.  [does I/O]

* :class:`DictCursor`, :class:`Sleeps`: the Cursor protocol over a dict and a
  ``sleep`` that records instead of waiting (pure);
* ``T0``/``NOW``, :func:`mail`, :func:`deliver`, :func:`acknowledgement`,
  :func:`assert_headers_kept`: the mail the EWS and Graph tests read and send;
* :func:`make_certificate`: a self-signed certificate for 127.0.0.1 (writes
  two files);
* :class:`QuietHandler` and :func:`serve_http`: the threaded HTTP(S) server
  on an ephemeral port of 127.0.0.1 that the fake Exchange servers run on;
* :func:`probe_counts`: a probe run in a fresh interpreter (the shipped tables' tests).
"""

from __future__ import annotations

import email
import ipaddress
import ssl
import threading
from collections.abc import Iterator, Mapping
from datetime import UTC, datetime, timedelta
from email.message import EmailMessage
from email.policy import default as default_policy
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Protocol, TypeVar

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

T0 = datetime(2026, 3, 2, 14, 5, tzinfo=UTC)
NOW = datetime(2026, 12, 1, 15, 0, tzinfo=UTC)


class DictCursor:
    """The Cursor protocol over a dict (what the store provides in production)."""

    def __init__(self) -> None:
        self.data: dict[str, str] = {}

    def get(self, key: str) -> str | None:
        return self.data.get(key)

    def set(self, key: str, value: str) -> None:
        self.data[key] = value


class Sleeps(list[float]):
    """A ``sleep`` that records instead of waiting."""

    def __call__(self, seconds: float) -> None:
        self.append(seconds)


# -- mail -----------------------------------------------------------------------------


def mail(n: int) -> bytes:
    return (f"From: Dr Who <doctor{n}@example.org>\r\nTo: clinical@example.com\r\n"
            f"Subject: Expanded access request {n}\r\nMessage-ID: <msg{n}@example.org>\r\n"
            f"Date: Mon, 02 Mar 2026 09:0{n % 10}:00 -0500\r\n\r\nbody {n}\r\n").encode()


class Inbox(Protocol):
    def deliver(self, raw: bytes, *, folder: str = ..., received: datetime | None = ...) -> str: ...


def deliver(fake: Inbox, *numbers: int) -> list[str]:
    """Deliver :func:`mail` ``n`` received at ``T0`` + ``n`` minutes, for each ``n``; their ids."""
    return [fake.deliver(mail(n), received=T0 + timedelta(minutes=n)) for n in numbers]


def acknowledgement(n: int = 1) -> EmailMessage:
    msg = EmailMessage()
    msg["From"] = "Clinical Team <clinical@example.com>"
    msg["To"] = "Dr Who <doctor@example.org>"
    msg["Subject"] = f"[EA-2026-000{n}] Your expanded access request — received"
    msg["Message-ID"] = f"<ack-{n}@cellectar.example>"
    msg["In-Reply-To"] = "<req-1@example.org>"
    msg["References"] = "<req-0@example.org> <req-1@example.org>"
    msg["Auto-Submitted"] = "auto-replied"
    msg["X-Auto-Response-Suppress"] = "All"
    msg.set_content("Dear Dr Who,\n\nwe received your request.\n\nClinical Team\n")
    return msg


def assert_headers_kept(raw: bytes, sent: EmailMessage) -> None:
    """The MIME that arrived keeps the identity and threading headers of ``sent``."""
    got = email.message_from_bytes(raw, policy=default_policy)
    for header in ("Message-ID", "In-Reply-To", "References", "Auto-Submitted",
                   "X-Auto-Response-Suppress", "Subject", "To", "From"):
        assert str(got[header]) == str(sent[header]), header


# -- servers --------------------------------------------------------------------------


def make_certificate(directory: Path, stem: str = "cert") -> tuple[Path, Path]:
    """A self-signed certificate (and its key) for 127.0.0.1, usable as its own CA:
    ``<stem>.pem`` and ``<stem>.key`` in ``directory``."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.now(UTC)
    cert = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name)
        .public_key(key.public_key()).serial_number(x509.random_serial_number())
        .not_valid_before(now - timedelta(minutes=5)).not_valid_after(now + timedelta(days=1))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .add_extension(x509.SubjectAlternativeName(
            [x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]), critical=False)
        .sign(key, hashes.SHA256())
    )
    cert_path, key_path = directory / f"{stem}.pem", directory / f"{stem}.key"
    cert_path.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
    key_path.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                           serialization.PrivateFormat.PKCS8,
                                           serialization.NoEncryption()))
    return cert_path, key_path


class QuietHandler(BaseHTTPRequestHandler):
    """HTTP/1.1 without a request log on stderr; ``self.server.fake`` is the fake served."""

    protocol_version = "HTTP/1.1"
    server: Any

    def log_message(self, format: str, *args: Any) -> None:
        pass

    def reply(self, status: int, payload: bytes, kind: str,
              headers: Mapping[str, str] | None = None) -> None:
        """A whole answer: status, Content-Type, Content-Length, ``headers``, body."""
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(payload)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        self.wfile.write(payload)

    def reply_half_and_cut(self, status: int, payload: bytes, kind: str) -> None:
        """Announce the whole ``payload``, send half of it and cut the connection."""
        self.send_response(status)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(payload)))
        self.end_headers()
        self.wfile.write(payload[: len(payload) // 2])
        self.wfile.flush()
        self.close_connection = True
        self.connection.close()


class Served(Protocol):
    server: ThreadingHTTPServer | None


F = TypeVar("F", bound=Served)


def serve_http(fake: F, handler: type[QuietHandler], *, name: str,
               tls: ssl.SSLContext | None = None) -> Iterator[F]:
    """Run ``fake`` (as ``server.fake``, answered by ``handler``) on an ephemeral
    port of 127.0.0.1, over TLS with ``tls``, until the generator is closed."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    if tls is not None:
        server.socket = tls.wrap_socket(server.socket, server_side=True)
    server.daemon_threads = True
    server.fake = fake  # type: ignore[attr-defined]
    fake.server = server
    thread = threading.Thread(target=server.serve_forever, args=(0.05,), name=name, daemon=True)
    thread.start()
    try:
        yield fake
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


def probe_counts(probe: str) -> tuple[int, int, str]:
    """Run ``probe`` (Python that prints "<total> <missing> <examples>") in a fresh
    interpreter: what a new process does at start, unaffected by this one's imports."""
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True,
                         check=True).stdout.split(maxsplit=2)
    return int(out[0]), int(out[1]), out[2] if len(out) > 2 else ""
