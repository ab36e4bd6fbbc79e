"""Web forms and CRMs that relay a person's message.  [pure]

A web form, CRM or access platform often sends a person's request from a
no-reply address (or with ``Auto-Submitted``), with the person in
``Reply-To`` or in the form's fields. The wrapper is machine-made; the
message is human. :func:`unwrap` finds the person and returns the message
as if the person had sent it, with an internal ``x-eabot-relayed-by`` header
naming the relay, so the guards know and the case and the acknowledgement go
to the person. Bounces, reports, lists and auto-replies are never unwrapped.
"""

from __future__ import annotations

import re
from dataclasses import replace
from email.utils import parseaddr

from bot.model import Inbound

RELAY_HEADER = "x-eabot-relayed-by"
# Role accounts are never "the person" a form relays (a helpdesk's Reply-To is the helpdesk).
_ROLE = re.compile(
    r"^(?:support|help|helpdesk|service|servicedesk|desk|tickets?|feedback|team|hello|info|"
    r"contact|admin|office|reception|sales|marketing|billing|care|customer\w*)$", re.IGNORECASE)
_ROBOT = re.compile(
    r"^(?:no[\-_.]?reply|do[\-_.]?not[\-_.]?reply|donotreply|noreply[\-_.].*|.*[\-_.]noreply|"
    r"forms?|web[\-_.]?forms?|contact[\-_.]?forms?|wordpress|webmaster|crm|salesforce|"
    r"notifications?|system|portal|website|www|info-?noreply|mailer)$", re.IGNORECASE)
_FIELD_EMAIL = re.compile(
    r"(?im)^[ \t>*]*(?:your\s+)?(?:e-?mail(?:\s+address)?|email|correo(?:\s+electr[óo]nico)?|"
    r"e-?mail-?adresse|adresse\s+e-?mail|indirizzo\s+e-?mail|contact\s+e-?mail|"
    r"requester\s+e-?mail|sender\s+e-?mail)\s*[:=]\s*<?([\w.+\-']+@[\w\-]+(?:\.[\w\-]+)+)>?")
_FIELD_NAME = re.compile(
    r"(?im)^[ \t>*]*(?:your\s+|full\s+|requester\s+|sender\s+)?(?:name|nombre|nom|nome)\s*[:=]"
    r"[ \t]*([^\n]{2,80})$")
_NOT_HUMAN_TYPES = ("multipart/report", "message/delivery-status",
                    "message/disposition-notification", "message/feedback-report")
_LIST = ("list-id", "list-post", "x-mailing-list")  # (List-Unsubscribe alone: platforms set it)


# an events or mailing account ("eawebinars@", "events-team@", "newsletter@"): the sender of
# a registration confirmation or a mailing, not a person a form relays
_MAILING = re.compile(r"webinar|newsletter|events?(?:$|[\-_.])|registrations?|announce|"
                      r"mailings?|campaigns?|marketing", re.IGNORECASE)


def _role_or_robot(local_part: str) -> bool:
    """no-reply@, forms@, support+4471@, info.de@, eawebinars@ …: a wrapper, a role or a
    mailing account, not a person."""
    head = re.split(r"[+.\-_]", local_part, maxsplit=1)[0]
    return bool(_ROBOT.match(local_part) or _ROLE.match(local_part) or _ROLE.match(head)
                or _ROBOT.match(head) or _MAILING.search(local_part))


def person_behind(msg: Inbound, own_domains: tuple[str, ...] = ()) -> tuple[str, str] | None:
    """``(address, name)`` of the person a robot sender (a form, a CRM, an access
    platform) relays, or None. An auto-reply is never a relay, even with an
    "Email:" line in it, and the person is never one of our own addresses."""
    local = msg.from_addr.rpartition("@")[0]
    if not (local and _ROBOT.match(local)):
        return None
    if msg.content_type in _NOT_HUMAN_TYPES or any(msg.header(h) for h in _LIST):
        return None
    if (msg.header("auto-submitted") or "").strip().lower().startswith("auto-replied"):
        return None
    if len(msg.body_text.strip()) < 40:
        return None
    name, addr = parseaddr(msg.header("reply-to") or "")
    addr = addr.lower()
    if not addr or addr == msg.from_addr or _ROBOT.match(addr.rpartition("@")[0]):
        m = _FIELD_EMAIL.search(msg.body_text[:20_000])
        if not m:
            return None
        addr = m.group(1).lower()
        n = _FIELD_NAME.search(msg.body_text[:20_000])
        name = n.group(1).strip() if n else ""
    local_part, _, domain = addr.rpartition("@")
    if _role_or_robot(local_part) or domain in own_domains or any(
            domain.endswith("." + d) for d in own_domains):
        return None
    return addr, name


def unwrap(msg: Inbound, own_domains: tuple[str, ...] = ()) -> Inbound:
    """The message as the relayed person's (unchanged when it is not a relay). Any
    ``x-eabot-relayed-by`` header that came with the mail is dropped: only this
    function may set it."""
    headers = tuple(h for h in msg.headers if h[0] != RELAY_HEADER)
    if len(headers) != len(msg.headers):
        msg = replace(msg, headers=headers)
    found = person_behind(msg, own_domains)
    if found is None:
        return msg
    addr, name = found
    return replace(msg, from_addr=addr, from_name=name or msg.from_name,
                   headers=(*msg.headers, (RELAY_HEADER, msg.from_addr or "(unknown)")))
