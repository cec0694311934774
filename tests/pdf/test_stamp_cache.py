"""The stamps of a bundle (kenmerk, label, "pagina X van Y") drawn once and kept by what fixes
their bytes (besluitpak.pdf.stamp with a store): a page stamped from the store is the page
stamped afresh, byte for byte; the record is what is read for those stamps; other stamps
(another page count) are drawn again (real pikepdf PDFs, real reportlab)."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf

from besluitpak.pdf import stamp
from besluitpak.pdf.stamp import Stamp


def _stamped(store: Path | None, total: int = 3) -> bytes:
    pdf = pikepdf.new()
    for _ in range(total):
        pdf.add_blank_page(page_size=(595, 842))
    stamps = [
        (index, Stamp(label="Bijlage 1", kenmerk="kenmerk 2014/123456", page=f"pagina {n} van 3"))
        for index, n in enumerate(range(1, total + 1))
    ]
    stamp.stamp_pages(pdf, stamps, store=store)
    out = io.BytesIO()
    pdf.save(out, deterministic_id=True)
    return out.getvalue()


def _records(store: Path) -> list[Path]:
    return sorted((store / "stamps-v1").glob("*.pdf"))


def test_stamps_from_the_store_are_the_stamps_drawn_afresh(tmp_path: Path) -> None:
    afresh = _stamped(None)
    assert _stamped(tmp_path) == afresh  # drawn, and kept
    assert len(_records(tmp_path)) == 1
    assert _stamped(tmp_path) == afresh  # from the store


def test_the_record_is_what_is_read_and_other_stamps_are_drawn_again(tmp_path: Path) -> None:
    _stamped(tmp_path)
    [record] = _records(tmp_path)
    other = _stamped(None, total=2)  # two pages: other stamps, drawn in another record
    assert _stamped(tmp_path, total=2) == other
    assert len(_records(tmp_path)) == 2
    with pikepdf.open(record, allow_overwriting_input=True) as drawn:
        drawn.pages[0].obj.Contents = drawn.make_stream(b"")  # a blank first stamp
        drawn.save(record)
    assert _stamped(tmp_path) != _stamped(None)  # the kept stamps were believed
