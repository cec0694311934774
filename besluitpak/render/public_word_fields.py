"""The fields of a ready-made .docx as LibreOffice is given them (see
:mod:`besluitpak.render.public_word_text`).

A field keeps its code only when it must stay live, and then its code is rebuilt from an
allow-list: page numbers (PAGE, NUMPAGES, SECTIONPAGES, SECTION) with their number format,
a table of contents (TOC, with its levels, styles and the bookmark it covers), cross
references (REF, PAGEREF, NOTEREF) and captions (SEQ, STYLEREF), and HYPERLINK to a web
address or a bookmark. Bookmark names and caption sequences in a code get the neutral names
the text gets (:class:`Names`). Every other field (INCLUDETEXT, INCLUDEPICTURE, LINK,
DOCPROPERTY, DOCVARIABLE, AUTHOR, FILENAME, MERGEFIELD, form fields, ...) becomes the text it
shows; a field that shows nothing is removed, and with it a form field's name, help text and
default.
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from lxml import etree

from besluitpak.render.revisions import remove, unwrap

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def w(name: str) -> str:
    return f"{{{W}}}{name}"


FORMAT_WORDS = frozenset(
    [
        "arabic",
        "roman",
        "alphabetic",
        "ordinal",
        "ordtext",
        "cardtext",
        "hex",
        "dollartext",
        "mergeformat",
        "charformat",
        "upper",
        "lower",
        "firstcap",
        "caps",
        "arabicdash",
    ]
)
PAGE_FIELDS = frozenset({"PAGE", "NUMPAGES", "SECTIONPAGES", "SECTION"})
REF_FIELDS = frozenset({"REF", "PAGEREF", "NOTEREF"})
WEB = re.compile(r"(https?://|mailto:)[^\s\"]+", re.IGNORECASE)
RANGE = re.compile(r'"?\d+-\d+"?')


@dataclass
class Names:
    """Neutral names, the same for a name wherever it is used in the document."""

    bookmarks: dict[str, str] = field(default_factory=dict)
    sequences: dict[str, str] = field(default_factory=dict)

    def bookmark(self, name: str) -> str:
        return self.bookmarks.setdefault(name, f"_bp{len(self.bookmarks) + 1}")

    def sequence(self, name: str) -> str:
        return self.sequences.setdefault(name.lower(), f"seq{len(self.sequences) + 1}")


@dataclass
class _Field:
    begin: etree._Element
    code: list[etree._Element] = field(default_factory=list)
    """The runs of its code: the begin mark, the instruction, fields inside the instruction."""
    separate: etree._Element | None = None
    end: etree._Element | None = None
    nested_code: bool = False


def _run_of(element: etree._Element) -> etree._Element:
    parent = element.getparent()
    return parent if parent is not None and parent.tag == w("r") else element


def _complex_fields(root: etree._Element) -> Iterator[_Field]:
    """Every complete complex field (``w:fldChar`` begin … separate … end), innermost first."""
    stack: list[_Field] = []
    for element in root.iter(w("fldChar"), w("instrText"), w("t"), w("drawing")):
        run = _run_of(element)
        coding = next((f for f in stack if f.separate is None), None)
        kind = element.get(w("fldCharType")) if element.tag == w("fldChar") else None
        if kind == "begin":
            if coding is not None:
                coding.nested_code = True
                coding.code.append(run)
            stack.append(_Field(begin=run, code=[run]))
        elif kind == "separate" and stack:
            stack[-1].separate = run
            if coding is not None and coding is not stack[-1]:
                coding.code.append(run)
        elif kind == "end" and stack:
            done = stack.pop()
            done.end = run
            if coding is not None and coding is not done:
                coding.code.append(run)
            yield done
        elif coding is not None:
            coding.code.append(run)


def _instruction(item: _Field) -> str:
    return "".join(
        t.text or "" for run in item.code for t in run.iter(w("instrText")) if run is not None
    )


def keep_or_freeze(root: etree._Element, names: Names) -> None:
    """Keep the fields that must stay live with a rebuilt code; the rest become their text."""
    for item in list(_complex_fields(root)):
        code = None if item.nested_code else rebuilt(_instruction(item), names)
        if code is None:  # its code goes; its result (when it has one) stays as text
            for run in {id(r): r for r in item.code}.values():
                remove(run)
            for mark in (item.separate, item.end):
                if mark is not None:
                    _drop_marks(mark)
            continue
        texts = [t for run in item.code for t in run.iter(w("instrText"))]
        for extra in texts[1:]:
            remove(_run_of(extra))
        if texts:
            texts[0].text = f" {code} "
    for simple in list(root.iter(w("fldSimple"))):
        code = rebuilt(simple.get(w("instr"), ""), names)
        if code is None:
            unwrap(simple)
        else:
            simple.attrib.clear()
            simple.set(w("instr"), f" {code} ")
    for data in list(root.iter(w("ffData"))):
        remove(data)
    orphans(root)


def _drop_marks(run: etree._Element) -> None:
    """Take the field marks out of ``run``; the run too when nothing else is left in it."""
    for mark in list(run.iter(w("fldChar"), w("instrText"))):
        if mark is not run:
            remove(mark)
    if run.tag != w("r") or all(c.tag == w("rPr") for c in run):
        remove(run)


def orphans(root: etree._Element) -> None:
    """Field marks and codes no complete field holds (left by hidden text taken out)."""
    kept: set[etree._Element] = set()  # the elements themselves: a proxy's id is not stable
    for item in _complex_fields(root):
        for run in (*item.code, item.separate, item.end):
            if run is not None:
                kept.update(run.iter(w("fldChar"), w("instrText")))
    for element in list(root.iter(w("fldChar"), w("instrText"))):
        if element not in kept:
            _drop_marks(_run_of(element))


def _tokens(code: str) -> list[str]:
    return re.findall(r'"[^"]*"|\\\S+|[^\s"]+', code)


def _unquoted(token: str) -> str:
    return token[1:-1] if len(token) >= 2 and token[0] == token[-1] == '"' else token


def rebuilt(code: str, names: Names) -> str | None:
    """The code of a field that stays live, from its allowed parts; None: it becomes its
    text."""
    tokens = _tokens(code)
    if not tokens:
        return None
    keyword = tokens[0].upper()
    if keyword in PAGE_FIELDS:
        return " ".join([keyword, *_formats(tokens[1:])])
    if keyword in REF_FIELDS and len(tokens) > 1 and not tokens[1].startswith("\\"):
        flags = [t for t in tokens[2:] if t.lower() in ("\\h", "\\p", "\\n", "\\r", "\\w", "\\f")]
        target = names.bookmark(_unquoted(tokens[1]))
        return " ".join([keyword, target, *flags, *_formats(tokens[2:])])
    if keyword == "HYPERLINK":
        return _hyperlink(tokens[1:], names)
    if keyword == "TOC":
        return _toc(tokens[1:], names)
    if keyword == "SEQ" and len(tokens) > 1 and not tokens[1].startswith("\\"):
        flags = _switches(tokens[2:], ("\\c", "\\h", "\\n"), ("\\r", "\\s"), r"\d+")
        return " ".join(["SEQ", names.sequence(_unquoted(tokens[1])), *flags, *_formats(tokens)])
    if keyword == "STYLEREF" and len(tokens) > 1:
        flags = _switches(tokens[2:], ("\\l", "\\n", "\\p", "\\r", "\\t", "\\w"), (), "")
        return " ".join(["STYLEREF", tokens[1], *flags])
    return None


def _formats(tokens: list[str]) -> list[str]:
    kept = []
    for switch, value in itertools.pairwise(tokens):
        if switch == "\\*" and _unquoted(value).lower() in FORMAT_WORDS:
            kept += [switch, _unquoted(value)]
    return kept


def _switches(
    tokens: list[str], flags: tuple[str, ...], with_value: tuple[str, ...], value: str
) -> list[str]:
    kept = []
    for index, token in enumerate(tokens):
        low = token.lower()
        if low in flags:
            kept.append(low)
        elif (
            low in with_value
            and index + 1 < len(tokens)
            and re.fullmatch(value, _unquoted(tokens[index + 1]))
        ):
            kept += [low, _unquoted(tokens[index + 1])]
    return kept


def _hyperlink(tokens: list[str], names: Names) -> str | None:
    parts = ["HYPERLINK"]
    for index, token in enumerate(tokens):
        previous = tokens[index - 1].lower() if index else ""
        if token.startswith("\\") or previous in ("\\o", "\\t"):
            continue
        if previous == "\\l":
            parts += ["\\l", f'"{names.bookmark(_unquoted(token))}"']
        elif WEB.fullmatch(_unquoted(token)):
            parts.append(f'"{_unquoted(token)}"')
    return " ".join(parts) if len(parts) > 1 else None


def _toc(tokens: list[str], names: Names) -> str:
    parts = ["TOC"]
    for index, token in enumerate(tokens):
        low = token.lower()
        value = tokens[index + 1] if index + 1 < len(tokens) else ""
        if low in ("\\h", "\\z", "\\u", "\\w", "\\x"):
            parts.append(low)
        elif low in ("\\o", "\\n", "\\l") and RANGE.fullmatch(value):
            parts += [low, f'"{_unquoted(value)}"']
        elif low == "\\t" and value.startswith('"'):
            parts += [low, value]
        elif low == "\\b" and value and not value.startswith("\\"):
            parts += [low, names.bookmark(_unquoted(value))]
        elif low in ("\\c", "\\a") and value and not value.startswith("\\"):
            parts += [low, f'"{names.sequence(_unquoted(value))}"']
    return " ".join(parts)
