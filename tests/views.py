"""Read a notebook display back: its title, its facts and its tables, as text."""

from __future__ import annotations

import html.parser
from typing import Any


class _View(html.parser.HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.titles: list[str] = []
        self.tables: list[dict[str, Any]] = []
        self.tags: list[str] = []
        self.classes: list[str] = []
        self._text: str | None = None
        self._row: list[str] | None = None
        self._in_head = False
        self._in_style = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        found = dict(attrs).get("class") or ""
        self.classes += found.split()
        if tag == "style":
            self._in_style = True
        elif tag == "div" and "ts-title" in found:
            self.titles.append("")
            self._text = ""
        elif tag == "table":
            self.tables.append({"class": found, "caption": "", "header": [], "rows": []})
        elif tag == "thead":
            self._in_head = True
        elif tag == "tr":
            self._row = []
        elif tag in {"td", "th", "caption"}:
            self._text = ""
        elif tag == "li" and self._text:
            self._text += "; "

    def handle_endtag(self, tag: str) -> None:
        if tag == "style":
            self._in_style = False
        elif tag == "div" and self._text is not None and self._row is None:
            self.titles[-1] = self._text
            self._text = None
        elif tag == "caption":
            self.tables[-1]["caption"] = self._text
            self._text = None
        elif tag in {"td", "th"} and self._row is not None:
            self._row.append(self._text or "")
            self._text = None
        elif tag == "thead":
            self._in_head = False
        elif tag == "tr" and self._row is not None:
            table = self.tables[-1]
            if self._in_head:
                table["header"] = self._row
            else:
                table["rows"].append(self._row)
            self._row = None

    def handle_data(self, data: str) -> None:
        if self._text is not None and not self._in_style:
            self._text += data


def read(fragment: str) -> _View:
    """The display *fragment*, read back."""
    view = _View()
    view.feed(fragment)
    view.close()
    return view


def facts(fragment: str) -> dict[str, str]:
    """The facts table of a display, as {what: value}."""
    table = next(t for t in read(fragment).tables if "ts-facts" in t["class"])
    return {row[0]: row[1] for row in table["rows"]}


def table(fragment: str, index: int = 0) -> dict[str, Any]:
    """The *index*-th data table of a display (its facts tables not counted)."""
    return [t for t in read(fragment).tables if "ts-facts" not in t["class"]][index]


def title(fragment: str) -> str:
    """The display's title."""
    return read(fragment).titles[0]
