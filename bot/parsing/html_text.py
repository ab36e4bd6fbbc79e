"""HTML to plain text: tags stripped, script/style/title skipped.  [pure]"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

from bot.parsing.limits import _HTML_CHUNK, _HTML_FACTOR
from bot.parsing.sanitise import _Defects

_TAG_RE = re.compile(r"<[^<>]*>")
_BLANK_LINES_RE = re.compile(r"\n{3,}")

_HTML_SKIP = frozenset({"script", "style", "title", "template"})
_HTML_BLOCK = frozenset(
    {
        "address", "article", "aside", "blockquote", "br", "dd", "div", "dl", "dt",
        "fieldset", "figcaption", "figure", "footer", "form", "h1", "h2", "h3", "h4",
        "h5", "h6", "header", "hr", "li", "main", "nav", "ol", "p", "pre", "section",
        "table", "tr", "ul",
    }
)  # fmt: skip
_HTML_CELL = frozenset({"td", "th"})


class _HTMLText(HTMLParser):
    """Collects the text of an HTML document, without script/style/title."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.size = 0
        self._skipping = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HTML_SKIP:
            self._skipping += 1
        elif tag in _HTML_BLOCK:
            self.parts.append("\n")
        elif tag in _HTML_CELL:
            self.parts.append(" ")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag not in _HTML_SKIP:  # <br/>: one line break, <script/>: nothing
            self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        if tag in _HTML_SKIP:
            self._skipping = max(0, self._skipping - 1)
        elif tag in _HTML_BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skipping:
            self.parts.append(data)
            self.size += len(data)


def _html_to_text(markup: str, limit: int, defects: _Defects) -> str:
    markup = markup[: max(1, limit) * _HTML_FACTOR]
    parser = _HTMLText()
    try:
        for start in range(0, len(markup), _HTML_CHUNK):
            parser.feed(markup[start : start + _HTML_CHUNK])
            if parser.size >= limit:
                break
        else:
            parser.close()
        text = "".join(parser.parts)
    except Exception as exc:
        defects.add(f"HTML unreadable ({type(exc).__name__}); tags stripped crudely")
        text = unescape(_TAG_RE.sub(" ", markup))
    lines = (" ".join(line.split()) for line in text.split("\n"))
    return _BLANK_LINES_RE.sub("\n\n", "\n".join(lines)).strip()
