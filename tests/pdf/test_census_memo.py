"""The element counts of the structure checks (figures without alternative text, header cells
without a scope, lists with other children, the Note elements) come from one walk of the
tree, kept per document's Part in a build (besluitpak.pdf.inspect.census): the checks from
the memo are those read afresh, failures included; the record is what is read for its
document (the build keys it by the document's PDF); a Part holding notes is walked on every
build, so note IDs are checked across the whole bundle (real pikepdf PDFs)."""

from __future__ import annotations

import json
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from besluitpak.pdf.inspect import checks
from besluitpak.pdf.inspect.memo import PageMemo, Span

COUNTED = (
    "every Figure has alternative text",
    "table header cells have a scope",
    "lists are L/LI",
    "every note has its own ID",
)


def _element(pdf: pikepdf.Pdf, kind: str, parent: Dictionary, **entries: object) -> Dictionary:
    element = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name(kind), P=parent))
    for key, value in entries.items():
        element[f"/{key}"] = value
    return element


def _bundle(path: Path, *, note_ids: tuple[str, str] | None = None) -> Path:
    """A cover Part without a title and two bijlage Parts: bijlage 1 a Figure without /Alt,
    a table whose TH has no /Scope and a list with a P in it; bijlage 2 all in order; a Note
    in each bijlage when ``note_ids`` are given (the same twice: a failure)."""
    pdf = pikepdf.new()
    for _ in range(3):
        pdf.add_blank_page()
    root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    document = _element(pdf, "/Document", root)
    cover = _element(pdf, "/Part", document)
    cover.K = Array([_element(pdf, "/Figure", cover, Alt=String("wapen"))])
    parts = [cover]
    for number, good in ((1, False), (2, True)):
        part = _element(pdf, "/Part", document, T=String(f"Bijlage {number}"))
        figure = _element(pdf, "/Figure", part, **({"Alt": String("kaart")} if good else {}))
        table = _element(pdf, "/Table", part)
        scope = Dictionary(O=Name.Table, Scope=Name.Column)
        table.K = Array([_element(pdf, "/TH", table, **({"A": scope} if good else {}))])
        listing = _element(pdf, "/L", part)
        listing.K = Array([_element(pdf, "/LI" if good else "/P", listing)])
        kids = [figure, table, listing]
        if note_ids:
            kids.append(_element(pdf, "/Note", part, ID=String(note_ids[number - 1])))
        part.K = Array(kids)
        parts.append(part)
    document.K = Array(parts)
    root.K = Array([document])
    pdf.Root.StructTreeRoot = root
    pdf.Root.MarkInfo = Dictionary(Marked=True)
    pdf.save(path)
    return path


def _memo(store: Path) -> PageMemo:
    spans = tuple(Span(key=f"bijlage-{n}", first=n, count=1, title=f"Bijlage {n}") for n in (1, 2))
    return PageMemo(spans=spans, store=store)


def _found(path: Path, memo: PageMemo | None) -> dict[str, tuple[bool, str]]:
    with pikepdf.open(path) as pdf:
        return {c.name: (c.ok, c.detail) for c in checks(pdf, memo) if c.name in COUNTED}


def _records(store: Path) -> list[Path]:
    return sorted((store / "census-v1").glob("*.json"))


def test_counts_from_the_memo_are_those_read_afresh_failures_included(tmp_path: Path) -> None:
    path = _bundle(tmp_path / "bundle.pdf")
    afresh = _found(path, None)
    assert afresh == {
        "every Figure has alternative text": (False, "1 of 3 without /Alt"),
        "table header cells have a scope": (False, "2 tables, 2 TH, 1 without /Scope"),
        "lists are L/LI": (False, "1 lists with other children"),
        "every note has its own ID": (True, "0 notes"),
    }
    store = tmp_path / "memo"
    assert _found(path, _memo(store)) == afresh  # walked, and kept per bijlage
    assert len(_records(store)) == 2  # the cover names no span: walked on every build
    assert _found(path, _memo(store)) == afresh  # from the memo


def test_the_record_is_what_is_read_for_its_document(tmp_path: Path) -> None:
    """A record changed by hand stands for its document (the build keys it by the
    document's PDF, so a changed document has another record)."""
    path = _bundle(tmp_path / "bundle.pdf")
    store = tmp_path / "memo"
    _found(path, _memo(store))
    for record in _records(store):
        record.write_text(json.dumps([0] * 7), encoding="utf-8")
    assert _found(path, _memo(store)) == {
        "every Figure has alternative text": (True, "1 figure(s)"),  # the cover's
        "table header cells have a scope": (True, "0 tables, 0 TH"),
        "lists are L/LI": (True, "ok"),
        "every note has its own ID": (True, "0 notes"),
    }


def test_a_part_with_notes_is_walked_on_every_build(tmp_path: Path) -> None:
    """Note IDs are checked across the bundle: a Part holding notes is never taken from the
    memo, so an ID used in two documents is found with a memo as without."""
    store = tmp_path / "memo"
    twice = _bundle(tmp_path / "twice.pdf", note_ids=("noot-1", "noot-1"))
    afresh = _found(twice, None)
    assert afresh["every note has its own ID"] == (False, "2 notes; IDs used twice: noot-1")
    assert _found(twice, _memo(store)) == afresh
    assert [json.loads(r.read_text())[-1] for r in _records(store)] == [1, 1]  # notes: walk
    assert _found(twice, _memo(store)) == afresh
    other = _bundle(tmp_path / "other.pdf", note_ids=("noot-1", "noot-2"))
    assert _found(other, _memo(store))["every note has its own ID"] == (True, "2 notes")
