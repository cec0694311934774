"""What the heading check finds in each document's own structure (its Part element), kept
with the document's per-page results (besluitpak.pdf.inspect.memo.per_part): the checks
from the memo are those read afresh, failures included; the record is what is read for its
document (so its key must fix that document: the build's is its PDF's SHA-256); another
role map, or a Part no span names, is read afresh (real pikepdf PDFs)."""

from __future__ import annotations

import json
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from besluitpak.pdf.inspect import checks
from besluitpak.pdf.inspect.memo import PageMemo, Span

HEADINGS = "headings in order per document"


def _bundle(path: Path, roles: dict[str, str] | None = None) -> Path:
    """Two pages, each a Part: bijlage 1 skips a level (H1 -> H3, its H3 a custom role
    when ``roles`` maps it), bijlage 2 is in order; a Note with an ID in each."""
    pdf = pikepdf.new()
    for _ in range(2):
        pdf.add_blank_page()
    root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    document = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, P=root))
    third = Name("/Kop3") if roles else Name.H3
    parts = []
    for number, levels in ((1, (Name.H1, third)), (2, (Name.H1, Name.H2))):
        page = pdf.pages[number - 1].obj
        part = pdf.make_indirect(
            Dictionary(Type=Name.StructElem, S=Name.Part, P=document, T=String(f"Bijlage {number}"))
        )
        kids = [Dictionary(Type=Name.StructElem, S=s, P=part, Pg=page) for s in levels]
        note = Dictionary(Type=Name.StructElem, S=Name.Note, P=part, Pg=page)
        note.ID = String(f"noot-{number}")
        part.K = Array([pdf.make_indirect(k) for k in [*kids, note]])
        parts.append(part)
    document.K = Array(parts)
    root.K = Array([document])
    if roles:
        root.RoleMap = Dictionary({f"/{k}": Name(f"/{v}") for k, v in roles.items()})
    pdf.Root.StructTreeRoot = root
    pdf.Root.MarkInfo = Dictionary(Marked=True)
    pdf.save(path)
    return path


def _memo(store: Path) -> PageMemo:
    spans = tuple(
        Span(key=f"bijlage-{n}", first=n - 1, count=1, title=f"Bijlage {n}") for n in (1, 2)
    )
    return PageMemo(spans=spans, store=store)


def _found(path: Path, memo: PageMemo | None) -> dict[str, tuple[bool, str]]:
    with pikepdf.open(path) as pdf:
        return {c.name: (c.ok, c.detail) for c in checks(pdf, memo)}


def _records(store: Path) -> list[Path]:
    return sorted((store / "headings-v1").glob("*.json"))


def test_headings_from_the_memo_are_those_read_afresh_failure_included(tmp_path: Path) -> None:
    path = _bundle(tmp_path / "bundle.pdf")
    afresh = _found(path, None)
    assert afresh[HEADINGS] == (False, "Bijlage 1: H1 -> H3")
    assert afresh["every note has its own ID"] == (True, "2 notes")
    store = tmp_path / "memo"
    assert _found(path, _memo(store)) == afresh  # read, and kept
    assert sorted(json.loads(p.read_text()) for p in _records(store)) == [[], [[1, 3]]]
    assert _found(path, _memo(store)) == afresh  # from the memo


def test_the_record_is_what_is_read_for_its_document_and_roles(tmp_path: Path) -> None:
    """A record changed by hand stands for its document (the build keys it by the
    document's PDF); the same document under another role map is read afresh."""
    path = _bundle(tmp_path / "bundle.pdf")
    store = tmp_path / "memo"
    _found(path, _memo(store))
    for record in _records(store):
        record.write_text("[]", encoding="utf-8")
    assert _found(path, _memo(store))[HEADINGS] == (True, "2 documents")
    mapped = _bundle(tmp_path / "mapped.pdf", roles={"Kop3": "H3"})
    assert _found(mapped, _memo(store)) == _found(mapped, None)
    assert _found(mapped, _memo(store))[HEADINGS] == (False, "Bijlage 1: H1 -> H3")
    assert len(_records(store)) == 4


def test_a_part_no_span_names_is_read_afresh(tmp_path: Path) -> None:
    """The bundle's own Parts (cover, contents) and a document whose title is not its span's
    are no document the memo keeps: their headings are walked on every build."""
    path = _bundle(tmp_path / "bundle.pdf")
    store = tmp_path / "memo"
    other = PageMemo(spans=(Span(key="bijlage-1", first=0, count=1, title="Omslag"),), store=store)
    assert _found(path, other) == _found(path, None)
    assert not _records(store)
