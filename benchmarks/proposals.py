"""Prototypes of proposed changes outside the benchmark's own files.  [measurement only]

``imap_backlog.py --proposals`` applies these by monkeypatching inside the
eabot child process, to measure what the proposed changes would buy before
anyone edits bot/. They are not the implementation: each one names the
module and the change to make there.

1. ``parse_ahead`` (bot/daemon.py, bot/triage.py): parse, content-classify
   and fingerprint the next messages in a worker process while the main
   process stores the current one ("use both cores"). Classification runs
   speculatively with an empty ThreadContext; the main process uses that
   result only when the store's ThreadContext for the message is empty too
   (classify is pure, so the result is then identical), else classifies
   again. The mailbox cursor is wrapped so that a ``set`` the poll generator
   makes for message k is applied only after message k has been stored:
   reading ahead never moves the cursor past a message that is not logged.
2. ``ack_render`` (bot/replies.py): compile each template source once (not
   on every render_text), and build acknowledgements with an explicit
   ``cte="quoted-printable"`` for non-ASCII text (``set_content(body, cte=...)``
   and ``add_alternative(html, subtype="html", cte=...)``) so ``as_string()``
   does not deep-copy the message twice to re-encode 8-bit text.
3. ``count_keys`` (bot/queries.py): count a backend-key prefix with a range
   over the UNIQUE index (``backend_key >= prefix AND backend_key < upper``)
   instead of a ``LIKE`` that scans every row.
"""

from __future__ import annotations

import functools
import multiprocessing
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

_RULES: Any = None
_REAL: dict[str, Any] = {}  # the unpatched functions, for the forked workers
_PARSED: dict[int, tuple[bytes, Any]] = {}
_CLASSIFIED: dict[int, tuple[Any, Any]] = {}
_FINGERPRINTS: dict[str, str | None] = {}


def _swap(real: Any, new: Any) -> Callable[[], None]:
    """Point every ``bot.*`` module attribute that is ``real`` at ``new``; returns the undo."""
    import sys

    places = [(module, name) for key, module in list(sys.modules.items())
              if key == "bot" or key.startswith("bot.")
              for name, value in list(vars(module).items()) if value is real]
    for module, name in places:
        setattr(module, name, new)

    def undo() -> None:
        for module, name in places:
            setattr(module, name, real)

    return undo


# --------------------------------------------------------------------------
# 1. parse-ahead worker


def _work(data: bytes) -> tuple[Any, Any, str | None, str | None]:
    """In the worker: parse, classify with an empty ThreadContext, fingerprint."""
    from bot.classify.content import own_text
    from bot.model import Category, ThreadContext

    msg = _REAL["parse"](data)
    cls = _REAL["classify"](msg, _RULES, ThreadContext())
    text = own_text("", msg.body_text) if cls.category is Category.EA_REQUEST else None
    return msg, cls, text, _REAL["simhash"](text) if text is not None else None


class _DeferredCursor:
    """Applies a poll's cursor writes only once the messages before them are stored."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.pulled = 0
        self.pending: deque[tuple[int, str, str]] = deque()

    def get(self, key: str) -> str | None:
        for _, k, v in reversed(self.pending):
            if k == key:
                return v
        return self.inner.get(key)

    def set(self, key: str, value: str) -> None:
        if self.pulled == 0:
            self.inner.set(key, value)
        else:
            self.pending.append((self.pulled, key, value))

    def release(self, stored: int) -> None:
        while self.pending and self.pending[0][0] <= stored:
            _, key, value = self.pending.popleft()
            self.inner.set(key, value)


class _ParseAheadMailbox:
    def __init__(self, inner: Any, pool: ProcessPoolExecutor, window: int) -> None:
        self._inner = inner
        self._pool = pool
        self._window = window

    def __getattr__(self, name: str) -> Any:
        return getattr(self._inner, name)

    def poll(self, cursor: Any) -> Iterator[Any]:
        deferred = _DeferredCursor(cursor)
        source = self._inner.poll(deferred)
        queue: deque[tuple[Any, Future[Any]]] = deque()
        exhausted = False
        stored = 0
        try:
            while True:
                while not exhausted and len(queue) < self._window:
                    try:
                        raw = next(source)
                    except StopIteration:
                        exhausted = True
                        break
                    deferred.pulled += 1
                    queue.append((raw, self._pool.submit(_work, raw.raw)))
                if not queue:
                    break
                raw, future = queue.popleft()
                try:
                    msg, cls, text, fingerprint = future.result()
                except Exception:  # the main process parses it the usual way
                    pass
                else:
                    _PARSED[id(raw.raw)] = (raw.raw, msg)
                    _CLASSIFIED[id(msg)] = (msg, cls)
                    if text is not None:
                        _FINGERPRINTS[text] = fingerprint
                yield raw
                stored += 1
                deferred.release(stored)
        finally:
            source.close()
            _PARSED.clear()
            _CLASSIFIED.clear()
            _FINGERPRINTS.clear()


def parse_ahead(cfg: Any, workers: int = 1, window: int = 32) -> Callable[[], None]:
    global _RULES
    import bot.daemon  # noqa: F401  (load the modules whose references are swapped)
    from bot.model import ThreadContext

    _RULES = cfg.rules
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("fork"))
    from bot.backends import make_mailbox as real_make_mailbox
    from bot.campaign import simhash as real_simhash
    from bot.classify import classify as real_classify
    from bot.parsing import parse as real_parse

    empty = ThreadContext()
    _REAL.update(parse=real_parse, classify=real_classify, simhash=real_simhash)

    def make_mailbox(c: Any) -> Any:
        return _ParseAheadMailbox(real_make_mailbox(c), pool, window)

    def parse(data: bytes, **kwargs: Any) -> Any:
        hit = _PARSED.pop(id(data), None)
        if hit is not None and hit[0] is data and not kwargs:
            return hit[1]
        return real_parse(data, **kwargs)

    def classify(msg: Any, rules: Any, ctx: Any = None) -> Any:
        hit = _CLASSIFIED.pop(id(msg), None)
        if hit is not None and hit[0] is msg and rules is _RULES and (ctx is None or ctx == empty):
            return hit[1]
        return real_classify(msg, rules, ctx)

    def simhash(text: str) -> str | None:
        if text in _FINGERPRINTS:
            return _FINGERPRINTS.pop(text)
        return real_simhash(text)

    undos = [_swap(real_make_mailbox, make_mailbox), _swap(real_parse, parse),
             _swap(real_classify, classify), _swap(real_simhash, simhash)]

    def undo() -> None:
        for u in reversed(undos):
            u()
        pool.shutdown()

    return undo


# --------------------------------------------------------------------------
# 2. acknowledgement rendering


def ack_render() -> Callable[[], None]:
    import bot.daemon  # noqa: F401
    import bot.replies as replies

    real_env, real_build = replies._environment, replies.build_message

    @functools.lru_cache(maxsize=16)
    def environment(*args: Any, **kwargs: Any) -> Any:
        env = real_env(*args, **kwargs)
        env.from_string = functools.lru_cache(maxsize=64)(env.from_string)
        return env

    def build_message(subject: str, body: str, env: Any, now: Any, auto_reply: bool = True,
                      auto_submitted: str = "auto-replied", html: str | None = None) -> Any:
        """bot.replies.build_message as of this writing, with the two cte= arguments."""
        from email.message import EmailMessage
        from email.utils import format_datetime, formataddr, make_msgid

        safe = replies.safe_header
        msg = EmailMessage(policy=replies.OUTBOUND_POLICY)
        msg["From"] = formataddr((safe(env.from_name), env.from_address))
        msg["To"] = safe(env.to_address, 320)
        msg["Subject"] = safe(subject, 250)
        msg["Date"] = format_datetime(now)
        msg["Message-ID"] = make_msgid(idstring="eabot", domain=env.message_id_domain)
        if env.in_reply_to:
            msg["In-Reply-To"] = safe(env.in_reply_to, 998)
        refs = [r for r in env.references if r][-10:]
        if env.in_reply_to and env.in_reply_to not in refs:
            refs.append(env.in_reply_to)
        if refs:
            msg["References"] = safe(" ".join(refs), 998)
        if auto_reply:
            msg["Auto-Submitted"] = auto_submitted
            msg["X-Auto-Response-Suppress"] = "All"
        if env.case_tag:
            msg["X-EABot-Case"] = safe(env.case_tag, 40)
        if env.bcc:
            msg["Bcc"] = ", ".join(safe(b, 320) for b in env.bcc)
        msg.set_content(body, cte=None if body.isascii() else "quoted-printable")
        if html is not None:
            msg.add_alternative(html, subtype="html",
                                cte=None if html.isascii() else "quoted-printable")
        return msg

    undos = [_swap(real_env, environment), _swap(real_build, build_message)]

    def undo() -> None:
        for u in reversed(undos):
            u()

    return undo


# --------------------------------------------------------------------------
# 3. count_keys by index range


def count_keys() -> Callable[[], None]:
    import bot.daemon  # noqa: F401
    import bot.queries as queries

    real = queries.count_keys

    def count(store: Any, prefix: str) -> int:
        upper = prefix[:-1] + chr(ord(prefix[-1]) + 1)
        row = store.one(
            "SELECT (SELECT count(*) FROM messages WHERE backend_key >= ? AND backend_key < ?)"
            " + (SELECT count(*) FROM aliases WHERE backend_key >= ? AND backend_key < ?) AS n",
            (prefix, upper, prefix, upper))
        return int(row["n"]) if row else 0

    return _swap(real, count)


def apply_all(cfg: Any, workers: int = 1) -> Callable[[], None]:
    """All three; ``workers`` parse-ahead processes."""
    undos = [parse_ahead(cfg, workers), ack_render(), count_keys()]

    def undo() -> None:
        for u in reversed(undos):
            u()

    return undo
