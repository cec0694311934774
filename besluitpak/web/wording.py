"""The library's messages in the page's language: a message with a code
(:mod:`besluitpak.codes`) is shown as that code's Dutch text from the translation catalogue
(``locale/nl/LC_MESSAGES/django.po``), filled in with its parameters; a message without one
is shown as the library wrote it."""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Mapping
from typing import Any

from django.utils.translation import gettext

from besluitpak import codes
from besluitpak.dutch import datum
from besluitpak.errors import Problem

KINDS = {
    "str": "tekst (een bestandspad)",
    "dict[str,any]": "sleutel: waarde-regels",
    "list[str]": "een lijst",
    "string": "tekst",
    "integer": "een geheel getal",
    "number": "een getal",
    "array": "een lijst",
    "object": "sleutel: waarde-regels",
    "boolean": "true (ja) of false (nee)",
    "null": "niets",
}
"""The page's words for the kinds of value a union accepts (pydantic's names)."""


def got(params: Mapping[str, str]) -> str:
    """What was found, in Dutch (from the parameters ``got_kind`` and ``got_value``)."""
    kind, value = params.get("got_kind", ""), params.get("got_value", "")
    if kind == "nothing":
        return "niets (een lege waarde)"
    if kind == "bool":
        return f"de waarde {value}"
    if kind == "number":
        return f"het getal {value.replace('.', ',')}"
    if kind == "text":
        return f"de tekst ‘{value}’"
    if kind == "date":
        return _moment(value)
    words = {
        "list": "een lijst",
        "empty-list": "een lege lijst",
        "mapping": "sleutel: waarde-regels",
        "empty-mapping": "een lege reeks sleutel: waarde-regels",
    }
    return words.get(kind, f"een waarde van een ander soort ({value})")


def _moment(value: str) -> str:
    try:
        moment = dt.datetime.fromisoformat(value)
    except ValueError:
        return f"de datum {value}"
    if len(value) <= 10:
        return f"de datum {datum(moment.date())}"
    return f"het tijdstip {datum(moment.date())} {moment:%H:%M}"


class _Params(dict[str, str]):
    def __missing__(self, key: str) -> str:
        return ""


def say(code: str, params: Mapping[str, str], fallback: str) -> str:
    """The Dutch text of ``code`` with ``params``; ``fallback`` when it has none."""
    if not code:
        return fallback
    template = gettext(code)
    if template == code:
        return fallback
    filled = _Params(params)
    if "got_kind" in params:
        filled["got"] = got(params)
    if "kinds" in params:
        filled["kinds"] = " of ".join(KINDS.get(k, k) for k in params["kinds"].split(","))
    for name in codes.DATES & set(params):
        filled[name] = _day(params[name])
    if "channel" in params:
        filled["at"] = _at(params)
    if "insertions" in params:
        filled["changes"] = _changes(params)
    return string.Formatter().vformat(template, (), filled)


CHANNELS = {
    "content": "",
    "bookmark": "bladwijzer",
    "bookmark action": "actie van een bladwijzer",
    "annotation": "opmerking in de pdf",
    "annotation action": "actie van een opmerking",
    "annotation appearance": "weergave van een opmerking",
    "link URI": "koppeling",
    "XMP": "metadata (XMP)",
    "layer name": "naam van een laag",
    "layer configuration": "instelling van een laag",
    "page label": "paginanummering",
    "named destination": "benoemde bestemming",
    "embedded file name": "naam van een bijgevoegd bestand",
    "file name": "bestandsnaam",
}
"""The page's words for where in a PDF the guard found something (the channel)."""


def _at(params: Mapping[str, str]) -> str:
    """``, pagina 3``, ``, pagina 3, bladwijzer``: where in the document."""
    at = f", pagina {params['page']}" if params.get("page") else ""
    channel = params.get("channel", "")
    if channel in CHANNELS:
        return at + (f", {CHANNELS[channel]}" if CHANNELS[channel] else "")
    return f"{at}, onderdeel ‘{channel}’"


COUNTED = (
    ("insertions", "invoeging", "invoegingen"),
    ("deletions", "verwijdering", "verwijderingen"),
    ("moves", "verplaatsing", "verplaatsingen"),
    ("formatting", "opmaakwijziging", "opmaakwijzigingen"),
    ("comments", "opmerking", "opmerkingen"),
)
"""The page's words for tracked changes and comments (one, more)."""


def _changes(params: Mapping[str, str]) -> str:
    """``3 invoegingen, 2 verwijderingen en 1 opmaakwijziging``; ``een wijziging`` when
    no count is known."""
    pieces = []
    for name, one, more in COUNTED:
        n = int(params.get(name) or 0)
        if n:
            pieces.append(f"{n} {one if n == 1 else more}")
    if not pieces:
        return "een bijgehouden wijziging"
    if len(pieces) < 2:
        return pieces[0]
    return f"{', '.join(pieces[:-1])} en {pieces[-1]}"


def _day(value: str) -> str:
    try:
        return datum(dt.date.fromisoformat(value))
    except ValueError:
        return value


def message(problem: Problem) -> str:
    """The problem's message in Dutch (as written when it has no translation)."""
    return say(problem.code, problem.params, problem.message)


def located(problem: Problem) -> str:
    """``file:line: key: message``, the message in Dutch."""
    where = problem.file.as_posix()
    if problem.line is not None:
        where += f":{problem.line}"
    if problem.key:
        where += f": {problem.key}"
    return f"{where}: {message(problem)}"


def shown(item: Any) -> str:
    """A problem located and in Dutch; anything else as text."""
    return located(item) if isinstance(item, Problem) else str(item)


def text(said: str) -> str:
    """A message in Dutch where it carries a code (:class:`besluitpak.codes.Coded`)."""
    return say(str(getattr(said, "code", "")), getattr(said, "params", None) or {}, str(said))


def error(e: BaseException) -> str:
    """An error's message in Dutch where it carries a code (``code`` and ``params``)."""
    return say(str(getattr(e, "code", "")), getattr(e, "params", None) or {}, str(e))
