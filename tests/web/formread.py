"""The values a browser sends for one form of a page (found by its action), for tests that
load a page, change a field and post it as a person would."""

from __future__ import annotations

from html.parser import HTMLParser
from typing import Any


class _Reader(HTMLParser):
    def __init__(self, action: str) -> None:
        super().__init__(convert_charrefs=True)
        self.action = action
        self.values: dict[str, str] = {}
        self.lists: dict[str, list[str]] = {}
        self.found = False
        self._inside = False
        self._textarea: str | None = None
        self._select: str | None = None

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = {k: v or "" for k, v in attrs}
        if tag == "form":
            self._inside = a.get("action") == self.action and not self.found
            self.found = self.found or self._inside
            return
        name = a.get("name")
        selected = "selected" in a or self._select not in self.values
        if tag == "option" and self._select is not None and selected:
            self.values[self._select] = a.get("value", "")
        if not self._inside or not name:
            return
        if tag == "input" and a.get("type") not in {"submit", "checkbox", "file"}:
            self.values[name] = a.get("value", "")
            self.lists.setdefault(name, []).append(a.get("value", ""))
        elif tag == "input" and a.get("type") == "checkbox" and "checked" in a:
            self.values[name] = a.get("value") or "on"
        elif tag == "textarea":
            self._textarea = name
            self.values[name] = ""
        elif tag == "select":
            self._select = name

    def handle_data(self, data: str) -> None:
        if self._textarea is not None:
            self.values[self._textarea] += data

    def handle_endtag(self, tag: str) -> None:
        if tag == "form":
            self._inside = False
        elif tag == "textarea":
            if self._textarea is not None and self.values[self._textarea].startswith("\n"):
                self.values[self._textarea] = self.values[self._textarea][1:]
            self._textarea = None
        elif tag == "select":
            self._select = None


def form_values(page: str, action: str) -> dict[str, Any]:
    """The fields of the form posting to ``action`` on ``page``, as a browser sends them (a
    name given more than once: the list of its values)."""
    reader = _Reader(action)
    reader.feed(page)
    if not reader.found:
        raise AssertionError(f"no form with action {action!r} on the page")
    repeated = {k: v for k, v in reader.lists.items() if len(v) > 1}
    return reader.values | repeated
