"""The redaction boxes of a ready-made document's ``lakken``: words found, boxes taken.

A ``lakken`` entry with ``woorden`` becomes a box around every occurrence of the words on its
page (:func:`besluitpak.pdf.redact_find.word_boxes`); one with ``vak`` is its box. Words that
are not on their page are a problem of the case file (a lak that removes nothing would let
the words through unnoticed), located at the entry's ``woorden``.

:func:`entry` is what the review step calls to turn an accepted suggestion (a page and the
boxes of its words) into a ``lakken`` entry for the case file.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pikepdf

from besluitpak.casefile.schema import Lak
from besluitpak.pdf.redact_mark import Box, Rect


@dataclass
class Plan:
    """What the public copy of one document redacts."""

    boxes: dict[int, list[Box]] = field(default_factory=dict)
    """1-based page → its boxes."""
    hidden: list[str] = field(default_factory=list)
    """The words redacted (no bookmark title may hold them)."""
    missing: list[tuple[int, str, str]] = field(default_factory=list)
    """(index in lakken, field, what is wrong) of entries that cannot be applied."""
    warnings: list[str] = field(default_factory=list)
    """What the redaction did that the maker should know (an image left out whole)."""


def boxes(source: Path, lakken: Sequence[Lak], *, words: bool = True) -> Plan:
    """The boxes of ``lakken`` on the pages of ``source``; ``words``: find the ``woorden``
    in the PDF (False when they were replaced before conversion)."""
    plan = Plan()
    owners: dict[int, list[tuple[int, str]]] = {}
    with pikepdf.open(source) as pdf:
        total = len(pdf.pages)
        for index, item in enumerate(lakken):
            if item.pagina is None or (item.woorden is not None and not words):
                continue
            if item.pagina > total:
                expected = f"expected a page of the document, which has {total}"
                plan.missing.append((index, "pagina", f"{expected}, got {item.pagina}"))
                continue
            found = _found(pdf.pages[item.pagina - 1], item)
            if not found:
                plan.missing.append(
                    (
                        index,
                        "woorden",
                        f"expected words that are on page {item.pagina}, got text "
                        f"{item.woorden!r}, which is not there",
                    )
                )
                continue
            if item.woorden is not None:
                plan.hidden.append(item.woorden)
            page_boxes = plan.boxes.setdefault(item.pagina, [])
            page_boxes.extend(Box(rect=r, ground=item.grond) for r in found)
            key = "woorden" if item.woorden is not None else "vak"
            owners.setdefault(item.pagina, []).extend((index, key) for _ in found)
        for number, page_boxes in plan.boxes.items():
            _try(pdf, number, [box.rect for box in page_boxes], owners[number], plan)
            _unread(pdf, number, [box.rect for box in page_boxes], lakken, owners[number], plan)
    return plan


def _unread(
    pdf: pikepdf.Pdf,
    number: int,
    rects: list[Rect],
    lakken: Sequence[Lak],
    owners: list[tuple[int, str]],
    plan: Plan,
) -> None:
    """A page with ``woorden`` that also draws images or outlines: the words may be in
    them, where the finder does not read (:mod:`besluitpak.pdf.redact_unread`)."""
    from besluitpak.pdf.redact_unread import unread

    words = list(dict.fromkeys(lakken[i].woorden for i, key in owners if key == "woorden"))
    if not words:
        return
    _unmapped(pdf.pages[number - 1], number, words, owners, plan)
    what = unread(pdf.pages[number - 1], rects).said()
    if what:
        named = ", ".join(repr(w) for w in words)
        plan.warnings.append(
            f"page {number} also holds {what} that besluitpak cannot read: check that "
            f"{named} {'is' if len(words) == 1 else 'are'} not in them, or cover them with a vak"
        )


def _unmapped(
    page: pikepdf.Page,
    number: int,
    words: list[str | None],
    owners: list[tuple[int, str]],
    plan: Plan,
) -> None:
    """A page with ``woorden`` that shows characters without a Unicode mapping (a font
    with no ToUnicode map and no encoding that says): the finder reads text through those
    maps, so the words may be drawn there, visible and unfound. Refused, not warned: the
    words are text on the page, and that they are gone cannot be shown."""
    from besluitpak.pdf.glyphs import page_shown

    fonts = {name: codes for name, codes in page_shown(page).unmapped.items() if codes}
    if not fonts:
        return
    count = sum(len(codes) for codes in fonts.values())
    named = ", ".join(repr(w) for w in words)
    index = next(i for i, key in owners if key == "woorden")
    plan.missing.append(
        (
            index,
            "woorden",
            f"expected a page whose text besluitpak can read, got page {number} showing "
            f"{count} character code(s) without a Unicode mapping (font "
            f"{', '.join(sorted(fonts))}): {named} may be drawn there and would stay "
            "visible; cover the words with a vak on this page, or withhold the page",
        )
    )


def _try(
    pdf: pikepdf.Pdf, number: int, rects: list[Rect], owners: list[tuple[int, str]], plan: Plan
) -> None:
    """Redact page ``number`` once without writing it: what it meets that cannot be removed
    for sure, and a ``vak`` over nothing, are problems of the case file (before anything is
    written); an image left out whole is a warning."""
    from besluitpak.pdf.public_redact import Redactor

    page = pdf.pages[number - 1]
    try:
        instructions = list(pikepdf.parse_content_stream(page))
    except pikepdf.PdfError:
        instructions = []
    done = Redactor(pdf).page(instructions, _resources(page.obj), rects)
    said: set[tuple[int, str]] = set()
    for box, what in done.refused:
        index, key = owners[box]
        if (index, what) not in said:
            said.add((index, what))
            plan.missing.append(
                (
                    index,
                    key,
                    f"expected only text, images, forms and paths under the boxes of page "
                    f"{number}, which redaction can remove, got {what} reaching under a box; "
                    f'withhold the whole page instead (paginas: "{number}")',
                )
            )
    for box, (index, key) in enumerate(owners):
        if key == "vak" and box not in done.hit and not done.refused:
            plan.missing.append(
                (
                    index,
                    key,
                    f"expected a box over something drawn on page {number} (PDF points from "
                    "the bottom-left), got a box where nothing is drawn",
                )
            )
    plan.warnings += [f"page {number}: {warning}" for warning in done.warnings]


def _resources(page: pikepdf.Object) -> Any:
    """A page's resources, inherited from its parents when it has none."""
    node: Any = page
    for _ in range(64):
        if not isinstance(node, pikepdf.Dictionary):
            return None
        if "/Resources" in node:
            return node.Resources
        node = node.get("/Parent")
    return None


def _found(page: pikepdf.Page, item: Lak) -> list[Rect]:
    """The boxes of one entry on its page: its ``vak``, or where its ``woorden`` are."""
    from besluitpak.pdf import redact_find

    if item.vak is not None:
        return [(item.vak[0], item.vak[1], item.vak[2], item.vak[3])]
    assert item.woorden is not None  # the schema: woorden or vak with a pagina
    return redact_find.word_boxes(page, item.woorden)


def entry(
    page: int,
    words: Sequence[str] | None = None,
    box: Rect | None = None,
    *,
    ground: str = "5.1.2e",
) -> dict[str, Any]:
    """A ``lakken`` entry for the case file (as its YAML holds it) from an accepted
    suggestion: the ``words`` on ``page`` (1-based), or a ``box`` drawn by hand in PDF
    points, origin bottom left, the page's coordinates before its rotation. Checked by the
    case file's own schema, so that what the review writes is what ``check`` accepts."""
    if (words is None) == (box is None):
        raise ValueError("expected words or a box, not both or neither")
    value: dict[str, Any] = {"pagina": page}
    if words is not None:
        value["woorden"] = " ".join(" ".join(words).split())
    else:
        assert box is not None
        value["vak"] = [round(float(v), 2) for v in box]
    value["grond"] = ground
    Lak.model_validate(value)
    return value
