"""The per-page check results a build keeps per document (besluitpak.pdf.inspect.memo): taken
from the cache they are the same checks, failures included, as read afresh; the memo is
what is read for the pages it holds (so its key must fix their content); a memo that does
not fit the file is not used (real reportlab and pikepdf PDFs)."""

from __future__ import annotations

import re
from pathlib import Path

import pikepdf

from besluitpak.pdf.inspect import checks
from besluitpak.pdf.inspect.memo import PageMemo, Span
from tests import leaky_pdf

GLYPHS = "every glyph shown maps to Unicode"
PAINTED = "everything painted is tagged or an artifact"


def _unmapped(path: Path) -> Path:
    """Two pages of untagged text under a structure tree, ``Z`` and ``p`` without Unicode."""
    leaky_pdf.base_pdf(path, pages=2, text="Zaak op pagina")
    leaky_pdf.hide(path, page=1, only=("alt",))
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        for font in pdf.pages[0].Resources.Font.values():
            cmap = font.ToUnicode.read_bytes()
            for letter in "Zp":
                cmap = re.sub(rb"<%02X> <[0-9A-Fa-f]+>\n" % ord(letter), b"", cmap)
            cmap = re.sub(rb"\d+ beginbfchar", b"%d beginbfchar" % cmap.count(b"> <"), cmap)
            font.ToUnicode.write(cmap)
        pdf.save(path)
    return path


def _found(path: Path, memo: PageMemo | None) -> dict[str, tuple[bool, str]]:
    with pikepdf.open(path) as pdf:
        return {c.name: (c.ok, c.detail) for c in checks(pdf, memo)}


def test_results_from_the_memo_are_those_read_afresh_failures_included(tmp_path: Path) -> None:
    path = _unmapped(tmp_path / "bijlage.pdf")
    memo = PageMemo(spans=(Span(key="bijlage", first=0, count=2),), store=tmp_path / "memo")
    afresh = _found(path, None)
    assert not afresh[GLYPHS][0]
    assert not afresh[PAINTED][0]
    assert _found(path, memo) == afresh  # read, and kept
    kept = (tmp_path / "memo").rglob("*.json")
    assert sorted(p.parent.name for p in kept if p.parent.name != "marked-v1") == [
        "glyphs-v1",
        "reached-v1",
        "untagged-v1",
    ]
    assert _found(path, memo) == afresh  # from the memo


def test_the_memo_is_what_is_read_for_the_pages_it_holds(tmp_path: Path) -> None:
    """The key stands for the pages' content: under the same key another file's pages are
    not read again, which is why the build keys each document by its PDF's SHA-256."""
    failing = _unmapped(tmp_path / "failing.pdf")
    passing = tmp_path / "passing.pdf"
    leaky_pdf.base_pdf(passing, pages=2, text="Zaak op pagina")
    leaky_pdf.hide(passing, page=1, only=("alt",))
    memo = PageMemo(spans=(Span(key="same", first=0, count=2),), store=tmp_path / "memo")
    assert _found(passing, None)[GLYPHS][0]
    _found(failing, memo)
    assert not _found(passing, memo)[GLYPHS][0]
    other = PageMemo(spans=(Span(key="other", first=0, count=2),), store=tmp_path / "memo")
    assert _found(passing, other)[GLYPHS][0]


def test_a_memo_that_does_not_fit_the_file_is_not_used(tmp_path: Path) -> None:
    failing = _unmapped(tmp_path / "failing.pdf")
    passing = tmp_path / "passing.pdf"
    leaky_pdf.base_pdf(passing, pages=2, text="Zaak op pagina")
    leaky_pdf.hide(passing, page=1, only=("alt",))
    _found(failing, PageMemo(spans=(Span(key="k", first=0, count=2),), store=tmp_path))
    beyond = PageMemo(spans=(Span(key="k", first=1, count=2),), store=tmp_path)
    assert _found(passing, beyond) == _found(passing, None)
