"""ImapMailbox logging in with XOAUTH2 to a real Dovecot.  [does I/O]

A private Dovecot 2.3 (started like the one of ``tests/servers.py``, whose
helpers and skip rule this reuses) has two passdbs: ``passwd-file`` for PLAIN
and LOGIN (what :meth:`Dovecot.deliver` uses to put mail in) and ``oauth2``
for XOAUTH2 and OAUTHBEARER. The oauth2 passdb asks an RFC 7662 introspection
endpoint, served here over real HTTP on 127.0.0.1, whether a bearer token is
active and whose it is; the endpoint records every token it is asked about.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs

import pytest

from bot.backends.base import MailboxError
from bot.backends.imap import ImapMailbox, ImapSettings
from tests.helpers import DictCursor, QuietHandler, serve_http
from tests.servers import MAIL_UID, Dovecot, private_dovecot

TOKEN = "test-imap-token"

DOVECOT_OAUTH2_CONF = """\
instance_name = eabot-xoauth2-test-{port}
base_dir = {root}/run
state_dir = {root}/state
listen = 127.0.0.1
protocols = imap
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login xoauth2 oauthbearer
auth_failure_delay = 0
auth_verbose = yes
log_path = {root}/dovecot.log
mail_location = maildir:~/Maildir
first_valid_uid = {uid}
passdb {{
  driver = passwd-file
  mechanisms = plain login
  args = scheme=PLAIN username_format=%u {root}/passwd
}}
passdb {{
  driver = oauth2
  mechanisms = xoauth2 oauthbearer
  args = {root}/dovecot-oauth2.conf.ext
}}
userdb {{
  driver = static
  args = uid={uid} gid={uid} home={root}/home/%u
}}
# Dovecot's documented switch-off of the auth penalty, which would hold the next
# login from 127.0.0.1 for 4 s after the refused token.
service anvil {{
  unix_listener anvil-auth-penalty {{
    mode = 0
  }}
}}
service imap-login {{
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
"""

# Dovecot POSTs "token=<token>" to introspection_url and wants {"active": true,
# "username": <the login name>} back; force_introspection because there is no
# tokeninfo_url to take the username from.
OAUTH2_EXT = """\
introspection_mode = post
introspection_url = http://127.0.0.1:{http_port}/introspect
force_introspection = yes
username_attribute = username
active_attribute = active
active_value = true
timeout_msecs = 5000
"""


def only_the_test_token(token: str) -> bool:
    return token == TOKEN


@dataclass
class Introspection:
    """The token introspection endpoint: which tokens are good, which were asked about."""

    user: str
    accept: Callable[[str], bool] = only_the_test_token
    seen: list[str] = field(default_factory=list)
    server: ThreadingHTTPServer | None = None


class IntrospectionHandler(QuietHandler):
    def do_POST(self) -> None:
        fake: Introspection = self.server.fake
        length = int(self.headers.get("Content-Length") or 0)
        form = parse_qs(self.rfile.read(length).decode("ascii", "replace"))
        if self.path != "/introspect" or "token" not in form:
            self.reply(400, b'{"error": "invalid_request"}', "application/json")
            return
        token = form["token"][0]
        fake.seen.append(token)
        answer: dict[str, Any] = (
            {"active": True, "username": fake.user} if fake.accept(token) else {"active": False}
        )
        self.reply(200, json.dumps(answer).encode(), "application/json")


@dataclass
class OAuthDovecot:
    server: Dovecot
    introspection: Introspection


@pytest.fixture(scope="module")
def oauth_dovecot() -> Iterator[OAuthDovecot]:
    """A private Dovecot whose XOAUTH2 logins are checked by :class:`Introspection`."""
    fake = Introspection(user="eabot")
    with contextmanager(serve_http)(fake, IntrospectionHandler, name="introspection"):
        assert fake.server is not None
        http_port = fake.server.server_address[1]

        def configure(server: Dovecot) -> str:
            (server.root / "dovecot-oauth2.conf.ext").write_text(
                OAUTH2_EXT.format(http_port=http_port))
            return DOVECOT_OAUTH2_CONF.format(root=server.root, port=server.port, uid=MAIL_UID)

        with private_dovecot("eabot-dovecot-xoauth2-", configure, user=fake.user) as server:
            yield OAuthDovecot(server, fake)


@pytest.fixture
def oauth(oauth_dovecot: OAuthDovecot) -> Iterator[OAuthDovecot]:
    oauth_dovecot.server.reset()
    oauth_dovecot.introspection.seen.clear()
    oauth_dovecot.introspection.accept = only_the_test_token
    yield oauth_dovecot


def settings(server: Dovecot, token_command: str) -> ImapSettings:
    return ImapSettings(
        host=server.host, port=server.port, security="plain", insecure_plaintext=True,
        username=server.user, auth="xoauth2", token_command=token_command, timeout=10.0,
    )


def mail(n: int) -> bytes:
    return (
        f"From: Dr Who <doctor{n}@example.org>\r\nTo: clinical@example.com\r\n"
        f"Subject: Request {n}\r\nMessage-ID: <msg{n}@example.org>\r\n\r\nbody {n}\r\n"
    ).encode()


def dovecot_log(server: Dovecot) -> str:
    """The end of Dovecot's log, for assertion messages."""
    path = server.root / "dovecot.log"
    text = path.read_text(errors="replace") if path.exists() else ""
    return "dovecot.log ends:\n" + text[-1500:]


def test_xoauth2_login_reads_the_inbox(oauth: OAuthDovecot) -> None:
    server = oauth.server
    server.deliver(mail(1))
    box = ImapMailbox(settings(server, f"echo {TOKEN}"))
    try:
        (message,) = box.poll(DictCursor())
    finally:
        box.close()
    assert message.raw == mail(1) and message.folder == "INBOX"
    assert oauth.introspection.seen == [TOKEN], dovecot_log(server)


def test_refused_token_is_a_mailbox_error_without_the_token(oauth: OAuthDovecot) -> None:
    wrong = "wrong-token-7f3a9c"
    oauth.server.deliver(mail(1))
    box = ImapMailbox(settings(oauth.server, f"echo {wrong}"))
    with pytest.raises(MailboxError) as caught:
        list(box.poll(DictCursor()))
    box.close()
    assert oauth.introspection.seen == [wrong]  # Dovecot asked, and was told "inactive"
    text = str(caught.value)
    assert wrong not in text and TOKEN not in text
    assert f"{oauth.server.host}:{oauth.server.port}" in text


def test_each_connection_logs_in_with_a_fresh_token(oauth: OAuthDovecot, tmp_path: Path) -> None:
    counter = tmp_path / "counter"
    script = tmp_path / "token.sh"
    script.write_text(
        f'n=$(cat "{counter}" 2>/dev/null || echo 0)\n'
        "n=$((n + 1))\n"
        f'echo "$n" > "{counter}"\n'
        'echo "tok-$n"\n'
    )
    oauth.introspection.accept = lambda token: re.fullmatch(r"tok-[1-9][0-9]*", token) is not None
    server = oauth.server
    server.deliver(mail(1))
    box, cursor = ImapMailbox(settings(server, f"sh {script}")), DictCursor()
    try:
        assert [m.raw for m in box.poll(cursor)] == [mail(1)]
        box.close()  # the next poll must connect (and log in) again
        server.deliver(mail(2))
        assert [m.raw for m in box.poll(cursor)] == [mail(2)]
    finally:
        box.close()
    assert oauth.introspection.seen == ["tok-1", "tok-2"], dovecot_log(server)
