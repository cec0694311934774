"""The house filters a template may use (``datum``, ``bedrag``, ``getal``), and what a
template is told when a filter gets a value it cannot format or does not exist.

A filter given the wrong kind of value (``{{ waarde|getal }}`` on the text ``'120'``) raises
:class:`FilterFailure` inside Jinja; :func:`locate` then finds that value in the document's
data, so the message names the data file, its line, the key path and the value, as every
other data problem does. An unknown filter (``{{ x|foo }}``) is found in the template's
parsed text, with the paragraph it stands in and the filters there are.
"""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jinja2
from jinja2 import nodes

from besluitpak import dutch
from besluitpak.casefile import yamlsrc
from besluitpak.casefile.case import Case, Document
from besluitpak.casefile.yamlsrc import KeyPath, Source
from besluitpak.codes import describe
from besluitpak.errors import CaseError

HOUSE = ("datum", "bedrag", "getal")
"""besluitpak's own filters (Dutch formatting), besides Jinja's."""


class FilterFailure(Exception):
    """Raised inside Jinja when a house filter gets a value it cannot format; turned into
    a problem naming the value's place in the data (never shown as it is)."""

    def __init__(self, *, name: str, value: Any, expected: str) -> None:
        super().__init__(f"|{name}: expected {expected}, got {describe(value)}")
        self.name = name
        self.value = value
        self.expected = expected


def _guarded(name: str, expected: str, function: Callable[..., str]) -> Callable[..., str]:
    """``function`` as a filter: a value of the wrong kind raises FilterFailure (an
    undefined value still raises Jinja's own UndefinedError)."""

    def apply(value: Any, *args: Any) -> str:
        if isinstance(value, bool):
            raise FilterFailure(name=name, value=value, expected=expected)
        try:
            return function(value, *args)
        except (TypeError, ValueError, AttributeError, IndexError) as e:
            raise FilterFailure(name=name, value=value, expected=expected) from e

    apply.__name__ = name
    return apply


def install(env: jinja2.Environment) -> None:
    """Give ``env`` the house filters."""
    env.filters["datum"] = _guarded("datum", "a date like 2014-03-11", dutch.datum)
    env.filters["bedrag"] = _guarded("bedrag", "an amount (a number like 125000)", dutch.bedrag)
    env.filters["getal"] = _guarded("getal", "a number like 1234", dutch.getal)


# --- a value of the wrong kind: where it is in the data ------------------------------------------


def locate(
    case: Case, document: Document, failure: FilterFailure, *, template: str, near: str
) -> CaseError | None:
    """The problem at the value's place in the document's data (or in the case file), or
    None when the value is not in the data as such (computed in the template)."""
    for source, data in _sources(case, document):
        path = _find(data, failure.value)
        if path is not None:
            problem = source.problem(
                path,
                f"expected {failure.expected}, got {describe(failure.value)}; "
                f"{template} formats it with |{failure.name}{near}",
            )
            return CaseError([problem])
    return None


def _sources(case: Case, document: Document) -> Iterator[tuple[Source, Any]]:
    """Where a template's values come from: the document's own data (its file, or the case
    file where it is inline), then the case file's fields."""
    if document.data is not None:
        if document.data_file is not None:
            shown = Path(case.shown(document.data_file))
            yield yamlsrc.load(document.data_file, display=shown), document.data
        else:
            key: KeyPath = (
                ("voorstel", "data")
                if document.number is None
                else ("bijlagen", document.number - 1, "data")
            )
            yield case.source.sub(key), document.data
    shown_case = Source(
        file=Path(case.shown(case.path)), data=case.source.data, lines=case.source.lines
    )
    yield shown_case, case.source.data


def _find(data: Any, value: Any) -> KeyPath | None:
    """The key path of ``value`` in ``data``: the very object if it is there, else the
    first equal value of the same type."""
    found = _first(data, lambda item: item is value)
    if found is None:
        found = _first(data, lambda item: type(item) is type(value) and item == value)
    return found


def _first(data: Any, match: Callable[[Any], bool], path: KeyPath = ()) -> KeyPath | None:
    if isinstance(data, Mapping):
        items: Iterable[tuple[str | int, Any]] = ((str(k), v) for k, v in data.items())
    elif isinstance(data, Sequence) and not isinstance(data, str | bytes):
        items = enumerate(data)
    else:
        return path if path and match(data) else None
    for key, item in items:
        found = _first(item, match, (*path, key))
        if found is not None:
            return found
    return None


# --- an unknown filter or test -------------------------------------------------------------------


@dataclass(frozen=True, kw_only=True)
class Unknown:
    """A filter (or test) a template uses that does not exist, and where."""

    kind: str
    """``filter`` or ``test``."""
    name: str
    part: str
    """``body``, ``header``, ``footer`` or ``footnotes``."""
    text: str
    """The paragraph it stands in, as text."""

    def message(self, env: jinja2.Environment) -> str:
        known = sorted(env.filters if self.kind == "filter" else env.tests)
        close = difflib.get_close_matches(self.name, known, n=1)
        hint = f"; did you mean {close[0]!r}?" if close else ""
        where = "" if self.part == "body" else f" in the {self.part}"
        if self.kind == "filter":
            others = ", ".join(name for name in known if name not in HOUSE)
            listed = f"filters: {', '.join(HOUSE)} (Dutch formatting) and Jinja's {others}"
        else:
            listed = f"tests: {', '.join(known)}"
        return (
            f"unknown {self.kind} {self.name!r}{where} (near: {self.text[:160]!r}){hint} "
            f"(the available {listed})"
        )


_TAG = re.compile(r"<[^>]+>")


def unknown_names(env: jinja2.Environment, sources: Iterable[tuple[str, str]]) -> list[Unknown]:
    """The filters and tests ``sources`` (part, Jinja source) use that ``env`` lacks."""
    found: list[Unknown] = []
    for part, source in sources:
        try:
            tree = env.parse(source)
        except jinja2.TemplateSyntaxError:
            continue  # a syntax error of its own, reported as such
        lines = source.splitlines()
        for kind, node_type, known in (
            ("filter", nodes.Filter, env.filters),
            ("test", nodes.Test, env.tests),
        ):
            for node in tree.find_all(node_type):
                name = getattr(node, "name", "")
                if name in known:
                    continue
                line = lines[node.lineno - 1] if 0 < node.lineno <= len(lines) else ""
                text = " ".join(html.unescape(_TAG.sub("", line)).split())
                found.append(Unknown(kind=kind, name=name, part=part, text=text))
    return found
