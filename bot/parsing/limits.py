"""The caps that keep whatever a message holds small.  [pure]

The public ones are re-exported by :mod:`bot.parsing`.
"""

from __future__ import annotations

MAX_HEADERS = 200  # kept in Inbound.headers
MAX_HEADER_CHARS = 2_000  # per sanitised header value
MAX_SUBJECT_CHARS = 998
MAX_IDS = 50  # per In-Reply-To / References
MAX_ADDRESSES = 100  # in to_addrs
MAX_ATTACHMENT_NAMES = 50
MAX_PARTS = 500  # MIME parts walked
MAX_DEFECTS = 50
MAX_NESTING_MARKERS = 64  # "boundary" / "message/" occurrences before headers-only

_MAX_NAME_CHARS = 255  # header names, attachment file names
_MAX_HEADERS_SCANNED = 10_000
_RAW_HEADER_CAP = 16_000  # chars of a raw header value we look at
_RAW_ID_CAP = 100_000  # chars of In-Reply-To / References we scan for ids
_STRUCTURED_CAP = 4_000  # longer address lists skip policy.default's slow parser
_MAX_ID_CHARS = 998
_DEFECT_CHARS = 300
_SNIPPET_CHARS = 80
_HTML_FACTOR = 5  # read at most this many HTML chars per body char wanted
_HTML_CHUNK = 65_536
