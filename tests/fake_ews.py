"""A fake Exchange Web Services endpoint on 127.0.0.1 for tests.  [does I/O: network]

It speaks the SOAP dialect Exchange 2016 speaks, as far as eabot's EWS
backend (through exchangelib) needs it: ``GetFolder`` (distinguished folders),
``SyncFolderItems`` (``Create`` changes, opaque gzip+base64 ``SyncState``
blobs, ``IncludesLastItemInRange``), ``GetItem`` (``MimeContent`` in base64,
``ErrorItemNotFound`` per item), ``CreateItem`` with
``MessageDisposition="SendAndSaveCopy"`` (the MIME lands in Sent Items and in
:attr:`FakeExchange.sent`), ``FindItem`` restricted on
``message:InternetMessageId`` and ``UpdateItem`` of ``item:Categories``.

Faults a test can arrange: ``ErrorServerBusy`` as the SOAP fault (HTTP 500)
with ``BackOffMilliseconds``; a connection cut in the middle of a response;
``ErrorInvalidSyncStateData`` for every sync state issued so far; HTTP Basic
auth. Response bodies follow the examples of Microsoft's EWS reference.
"""

from __future__ import annotations

import base64
import gzip
import json
import secrets
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email import message_from_bytes, policy
from email.utils import parsedate_to_datetime
from http.server import ThreadingHTTPServer
from xml.etree import ElementTree as ET
from xml.sax.saxutils import escape

from tests.helpers import QuietHandler, serve_http

S = "http://schemas.xmlsoap.org/soap/envelope/"
M = "http://schemas.microsoft.com/exchange/services/2006/messages"
T = "http://schemas.microsoft.com/exchange/services/2006/types"
PATH = "/EWS/Exchange.asmx"

ENVELOPE = (
    '<?xml version="1.0" encoding="utf-8"?>'
    f'<s:Envelope xmlns:s="{S}"><s:Header>'
    '<h:ServerVersionInfo MajorVersion="15" MinorVersion="1" MajorBuildNumber="2507" '
    f'MinorBuildNumber="39" Version="V2017_07_11" xmlns:h="{T}" xmlns="{T}" '
    'xmlns:xsd="http://www.w3.org/2001/XMLSchema" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"/></s:Header>'
    '<s:Body xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
    'xmlns:xsd="http://www.w3.org/2001/XMLSchema">{body}</s:Body></s:Envelope>'
)
BUSY_FAULT = (
    '<?xml version="1.0" encoding="utf-8"?>'
    f'<s:Envelope xmlns:s="{S}"><s:Body><s:Fault>'
    f'<faultcode xmlns:a="{T}">a:ErrorServerBusy</faultcode>'
    '<faultstring xml:lang="en-US">The server cannot service this request right now. '
    "Try again later.</faultstring><detail>"
    '<e:ResponseCode xmlns:e="http://schemas.microsoft.com/exchange/services/2006/errors">'
    "ErrorServerBusy</e:ResponseCode>"
    '<e:Message xmlns:e="http://schemas.microsoft.com/exchange/services/2006/errors">'
    "The server cannot service this request right now. Try again later.</e:Message>"
    f'<t:MessageXml xmlns:t="{T}"><t:Value Name="BackOffMilliseconds">{{ms}}</t:Value>'
    "</t:MessageXml></detail></s:Fault></s:Body></s:Envelope>"
)
DISPLAY = {"root": "", "msgfolderroot": "Top of Information Store", "inbox": "Inbox",
           "sentitems": "Sent Items"}


def _opaque_id(prefix: bytes) -> str:
    """An id shaped like Exchange's (base64 of a binary entry id)."""
    return base64.b64encode(prefix + secrets.token_bytes(60)).decode()


@dataclass
class Item:
    id: str
    change_key: str
    folder: str
    mime: bytes
    received: datetime
    seq: int
    categories: list[str] = field(default_factory=list)

    @property
    def message_id(self) -> str:
        msg = message_from_bytes(self.mime, policy=policy.compat32)
        return str(msg.get("Message-ID", "")).strip()


@dataclass
class Fault:
    kind: str  # "busy" | "drop"
    operation: str | None
    times: int
    back_off_ms: int = 0
    after: int = 0  # let this many matching requests pass first


class FakeExchange:
    """The state of one fake mailbox plus the faults queued for its next requests."""

    def __init__(self, address: str = "clinical@example.com") -> None:
        self.address = address
        self.lock = threading.Lock()
        self.folder_ids = {name: _opaque_id(b"\x00\x00\x00\x01") for name in DISPLAY}
        self.items: list[Item] = []
        self.sent: list[bytes] = []  # MIME of every message handed to the "transport"
        self.operations: list[str] = []
        self.faults: list[Fault] = []
        self.generation = 1
        self.basic_auth: tuple[str, str] | None = None
        self._seq = 0
        self.server: ThreadingHTTPServer | None = None

    # -- arranging ------------------------------------------------------------

    @property
    def url(self) -> str:
        assert self.server is not None
        return f"http://127.0.0.1:{self.server.server_address[1]}{PATH}"

    def deliver(self, raw: bytes, *, folder: str = "inbox", received: datetime | None = None) -> str:
        with self.lock:
            self._seq += 1
            if received is None:
                date = message_from_bytes(raw, policy=policy.compat32).get("Date")
                received = parsedate_to_datetime(date) if date else datetime.now(UTC)
            item = Item(_opaque_id(b"\x00\x00\x00\x02"), _opaque_id(b"\x01")[:40], folder, raw,
                        received.astimezone(UTC).replace(microsecond=0), self._seq)
            self.items.append(item)
            return item.id

    def remove(self, item_id: str) -> None:
        with self.lock:
            self.items = [i for i in self.items if i.id != item_id]

    def item(self, item_id: str) -> Item:
        return next(i for i in self.items if i.id == item_id)

    def invalidate_sync_states(self) -> None:
        """Every SyncState issued so far becomes ErrorInvalidSyncStateData."""
        with self.lock:
            self.generation += 1

    def busy(self, times: int = 1, *, back_off_ms: int = 20, operation: str | None = None) -> None:
        self.faults.append(Fault("busy", operation, times, back_off_ms))

    def drop(self, times: int = 1, *, operation: str | None = None, after: int = 0) -> None:
        """Cut the connection half-way through the next matching responses (after ``after``)."""
        self.faults.append(Fault("drop", operation, times, after=after))

    def _take_fault(self, operation: str) -> Fault | None:
        with self.lock:
            for fault in self.faults:
                if fault.operation in (None, operation) and fault.times > 0:
                    if fault.after > 0:
                        fault.after -= 1
                        continue
                    fault.times -= 1
                    return fault
        return None

    # -- sync state -------------------------------------------------------------

    def _state(self, folder: str, seq: int) -> str:
        blob = json.dumps({"f": self.folder_ids[folder], "n": seq, "g": self.generation})
        return base64.b64encode(gzip.compress(blob.encode(), mtime=0)).decode()

    def _read_state(self, text: str | None, folder: str) -> int | None:
        if not text:
            return 0
        try:
            data = json.loads(gzip.decompress(base64.b64decode(text)))
        except (ValueError, OSError):
            return None
        if data.get("g") != self.generation or data.get("f") != self.folder_ids[folder]:
            return None
        return int(data["n"])

    # -- operations ---------------------------------------------------------------

    def handle(self, body: ET.Element) -> str:
        request = body[0]
        name = request.tag.split("}")[1]
        handler = getattr(self, f"op_{name}", None)
        if handler is None:
            raise ValueError(f"fake EWS does not implement {name}")
        with self.lock:
            inner: str = handler(request)
        return ENVELOPE.format(body=f'<m:{name}Response xmlns:m="{M}" xmlns:t="{T}">'
                               f"<m:ResponseMessages>{inner}</m:ResponseMessages>"
                               f"</m:{name}Response>")

    def _folder_of(self, elem: ET.Element) -> str:
        for child in elem.iter():
            if child.tag == f"{{{T}}}DistinguishedFolderId":
                return str(child.get("Id"))
            if child.tag == f"{{{T}}}FolderId":
                return next(k for k, v in self.folder_ids.items() if v == child.get("Id"))
        raise ValueError("no folder id in request")

    def add_folder(self, path: str) -> None:
        """A subfolder such as ``inbox/Expanded access`` (found with FindFolder)."""
        self.folder_ids[path] = _opaque_id(b"\x00\x00\x00\x01")

    def _folder_xml(self, name: str) -> str:
        items = [i for i in self.items if i.folder == name]
        cls = "" if name == "root" else "<t:FolderClass>IPF.Note</t:FolderClass>"
        parent_name = name.rsplit("/", 1)[0] if "/" in name else "root"
        parent = "" if name == "root" else (
            f'<t:ParentFolderId Id="{self.folder_ids[parent_name]}" ChangeKey="AQAAAA=="/>')
        display = DISPLAY.get(name) or name.rsplit("/", 1)[-1]
        children = sum(1 for other in self.folder_ids if other.startswith(name + "/"))
        return (f'<t:Folder><t:FolderId Id="{self.folder_ids[name]}" ChangeKey="AQAAABYAAAA="/>'
                f"{parent}{cls}<t:DisplayName>{escape(display)}</t:DisplayName>"
                f"<t:TotalCount>{len(items)}</t:TotalCount>"
                f"<t:ChildFolderCount>{children}</t:ChildFolderCount>"
                f"<t:UnreadCount>{len(items)}</t:UnreadCount></t:Folder>")

    def op_GetFolder(self, request: ET.Element) -> str:
        return "".join('<m:GetFolderResponseMessage ResponseClass="Success"><m:ResponseCode>NoError'
                       f"</m:ResponseCode><m:Folders>{self._folder_xml(self._folder_of(ref))}"
                       "</m:Folders></m:GetFolderResponseMessage>"
                       for ref in _child(request, "FolderIds"))

    def op_FindFolder(self, request: ET.Element) -> str:
        parent = self._folder_of(_child(request, "ParentFolderIds"))
        constant = request.find(f".//{{{T}}}Constant")
        wanted = None if constant is None else str(constant.get("Value")).lower()
        hits = [name for name in self.folder_ids if "/" in name and name.rsplit("/", 1)[0] == parent
                and wanted in (None, name.rsplit("/", 1)[1].lower())]
        folders = "".join(self._folder_xml(name) for name in hits)
        return ('<m:FindFolderResponseMessage ResponseClass="Success"><m:ResponseCode>NoError'
                f'</m:ResponseCode><m:RootFolder IndexedPagingOffset="{len(hits)}" '
                f'TotalItemsInView="{len(hits)}" IncludesLastItemInRange="true">'
                f"<t:Folders>{folders}</t:Folders></m:RootFolder></m:FindFolderResponseMessage>")

    def op_SyncFolderItems(self, request: ET.Element) -> str:
        folder = self._folder_of(_child(request, "SyncFolderId"))
        state = request.findtext(f"{{{M}}}SyncState")
        start = self._read_state(state, folder)
        if start is None:
            return ('<m:SyncFolderItemsResponseMessage ResponseClass="Error">'
                    "<m:MessageText>Synchronization state data is corrupt or otherwise invalid."
                    "</m:MessageText><m:ResponseCode>ErrorInvalidSyncStateData</m:ResponseCode>"
                    "<m:DescriptiveLinkKey>0</m:DescriptiveLinkKey><m:SyncState />"
                    "<m:IncludesLastItemInRange>true</m:IncludesLastItemInRange>"
                    "</m:SyncFolderItemsResponseMessage>")
        limit = int(request.findtext(f"{{{M}}}MaxChangesReturned") or 512)
        new = sorted((i for i in self.items if i.folder == folder and i.seq > start),
                     key=lambda i: i.seq)
        page, more = new[:limit], len(new) > limit
        last = page[-1].seq if page else start
        fields = _requested(request)
        changes = "".join(f"<t:Create>{_item_xml(i, fields)}</t:Create>" for i in page)
        return ('<m:SyncFolderItemsResponseMessage ResponseClass="Success">'
                f"<m:ResponseCode>NoError</m:ResponseCode><m:SyncState>{self._state(folder, last)}"
                f"</m:SyncState><m:IncludesLastItemInRange>{str(not more).lower()}"
                f"</m:IncludesLastItemInRange><m:Changes>{changes}</m:Changes>"
                "</m:SyncFolderItemsResponseMessage>")

    def op_GetItem(self, request: ET.Element) -> str:
        fields = _requested(request)
        out = []
        for ref in request.iter(f"{{{T}}}ItemId"):
            found = [i for i in self.items if i.id == ref.get("Id")]
            if not found:
                out.append('<m:GetItemResponseMessage ResponseClass="Error"><m:MessageText>The '
                           "specified object was not found in the store., The process failed to "
                           "get the correct properties.</m:MessageText><m:ResponseCode>"
                           "ErrorItemNotFound</m:ResponseCode><m:DescriptiveLinkKey>0"
                           "</m:DescriptiveLinkKey><m:Items /></m:GetItemResponseMessage>")
                continue
            out.append('<m:GetItemResponseMessage ResponseClass="Success"><m:ResponseCode>NoError'
                       f"</m:ResponseCode><m:Items>{_item_xml(found[0], fields)}</m:Items>"
                       "</m:GetItemResponseMessage>")
        return "".join(out)

    def op_CreateItem(self, request: ET.Element) -> str:
        assert request.get("MessageDisposition") == "SendAndSaveCopy", request.attrib
        saved = request.find(f"{{{M}}}SavedItemFolderId")
        folder = self._folder_of(saved) if saved is not None else "sentitems"
        for mime in request.iter(f"{{{T}}}MimeContent"):
            raw = base64.b64decode(mime.text or "")
            self.sent.append(raw)
            self._seq += 1
            self.items.append(Item(_opaque_id(b"\x00\x00\x00\x02"), _opaque_id(b"\x01")[:40],
                                   folder, raw, datetime.now(UTC).replace(microsecond=0), self._seq))
        return ('<m:CreateItemResponseMessage ResponseClass="Success"><m:ResponseCode>NoError'
                "</m:ResponseCode><m:Items /></m:CreateItemResponseMessage>")

    def op_FindItem(self, request: ET.Element) -> str:
        folder = self._folder_of(_child(request, "ParentFolderIds"))
        wanted = None
        for equal in request.iter(f"{{{T}}}IsEqualTo"):
            uri = equal.find(f"{{{T}}}FieldURI")
            constant = equal.find(f".//{{{T}}}Constant")
            if (uri is not None and constant is not None
                    and uri.get("FieldURI") == "message:InternetMessageId"):
                wanted = constant.get("Value")
        hits = [i for i in self.items if i.folder == folder and wanted in (None, i.message_id)]
        view = request.find(f"{{{M}}}IndexedPageItemView")
        limit = int(view.get("MaxEntriesReturned", "1000")) if view is not None else 1000
        page = hits[:limit]
        last = str(len(page) == len(hits)).lower()
        items = "".join(f'<t:Message><t:ItemId Id="{i.id}" ChangeKey="{i.change_key}"/></t:Message>'
                        for i in page)
        return ('<m:FindItemResponseMessage ResponseClass="Success"><m:ResponseCode>NoError'
                f'</m:ResponseCode><m:RootFolder IndexedPagingOffset="{len(page)}" '
                f'TotalItemsInView="{len(hits)}" IncludesLastItemInRange="{last}">'
                f"<t:Items>{items}</t:Items></m:RootFolder></m:FindItemResponseMessage>")

    def op_UpdateItem(self, request: ET.Element) -> str:
        out = []
        for change in request.iter(f"{{{T}}}ItemChange"):
            ref = change.find(f"{{{T}}}ItemId")
            assert ref is not None
            item = next(i for i in self.items if i.id == ref.get("Id"))
            for field_set in change.iter(f"{{{T}}}SetItemField"):
                uri = field_set.find(f"{{{T}}}FieldURI")
                if uri is not None and uri.get("FieldURI") == "item:Categories":
                    item.categories = [s.text or "" for s in field_set.iter(f"{{{T}}}String")]
            item.change_key = _opaque_id(b"\x01")[:40]
            out.append('<m:UpdateItemResponseMessage ResponseClass="Success"><m:ResponseCode>'
                       f'NoError</m:ResponseCode><m:Items><t:Message><t:ItemId Id="{item.id}" '
                       f'ChangeKey="{item.change_key}"/></t:Message></m:Items><m:ConflictResults>'
                       "<t:Count>0</t:Count></m:ConflictResults></m:UpdateItemResponseMessage>")
        return "".join(out)


def _child(request: ET.Element, name: str) -> ET.Element:
    found = request.find(f"{{{M}}}{name}")
    if found is None:
        raise ValueError(f"no m:{name} in the request")
    return found


def _requested(request: ET.Element) -> set[str]:
    return {str(uri.get("FieldURI")) for uri in request.iter(f"{{{T}}}FieldURI")}


def _item_xml(item: Item, fields: set[str]) -> str:
    parts = [f'<t:ItemId Id="{item.id}" ChangeKey="{item.change_key}"/>']
    if "item:MimeContent" in fields:
        parts.insert(0, '<t:MimeContent CharacterSet="UTF-8">'
                     f"{base64.b64encode(item.mime).decode()}</t:MimeContent>")
    if "item:Categories" in fields and item.categories:
        parts.append("<t:Categories>" + "".join(f"<t:String>{escape(c)}</t:String>"
                                                 for c in item.categories) + "</t:Categories>")
    if "item:DateTimeReceived" in fields:
        parts.append(f"<t:DateTimeReceived>{item.received:%Y-%m-%dT%H:%M:%SZ}</t:DateTimeReceived>")
    if "message:InternetMessageId" in fields:
        parts.append(f"<t:InternetMessageId>{escape(item.message_id)}</t:InternetMessageId>")
    return f"<t:Message>{''.join(parts)}</t:Message>"


class _Handler(QuietHandler):
    def do_POST(self) -> None:
        fake: FakeExchange = self.server.fake
        body = self.rfile.read(int(self.headers.get("Content-Length", "0")))
        if self.path != PATH:
            return self._send(404, b"", "text/html")
        if fake.basic_auth is not None:
            expected = base64.b64encode(":".join(fake.basic_auth).encode()).decode()
            if self.headers.get("Authorization") != f"Basic {expected}":
                self.send_response(401)
                self.send_header("WWW-Authenticate", 'Basic realm="mail.example.com"')
                self.send_header("Content-Length", "0")
                self.end_headers()
                return None
        envelope = ET.fromstring(body)
        soap_body = envelope.find(f"{{{S}}}Body")
        assert soap_body is not None
        operation = soap_body[0].tag.split("}")[1]
        fake.operations.append(operation)
        fault = fake._take_fault(operation)
        if fault is not None and fault.kind == "busy":
            return self._send(500, BUSY_FAULT.format(ms=fault.back_off_ms).encode())
        try:
            payload = fake.handle(soap_body).encode()
        except Exception as exc:  # a bug in the fake or an unexpected request: say so
            text = escape(f"{type(exc).__name__}: {exc}")
            fault_xml = BUSY_FAULT.replace("ErrorServerBusy", "ErrorInternalServerError").replace(
                "The server cannot service this request right now. Try again later.", text)
            return self._send(500, fault_xml.format(ms=0).encode())
        if fault is not None and fault.kind == "drop":
            return self.reply_half_and_cut(200, payload, "text/xml; charset=utf-8")
        return self._send(200, payload)

    def _send(self, status: int, payload: bytes, kind: str = "text/xml; charset=utf-8") -> None:
        self.reply(status, payload, kind, {"X-BackEndHttpStatus": str(status)})


def serve(fake: FakeExchange) -> Iterator[FakeExchange]:
    """Run ``fake`` on an ephemeral port of 127.0.0.1 until the generator is closed."""
    yield from serve_http(fake, _Handler, name="fake-ews")

