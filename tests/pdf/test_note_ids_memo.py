"""The repair that gives every Note element its own ID walks the whole structure tree; in a
build, which documents' Parts hold no Note is kept per document (besluitpak.pdf.repair with a
memo), so a rebuild walks only the changed Parts, what assembly made, and the Parts with
notes: the same IDs in the same order as a walk of everything (real pikepdf PDFs)."""

from __future__ import annotations

import json
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from besluitpak.pdf.inspect.memo import PageMemo, Span
from besluitpak.pdf.repair import repair


def _bundle(path: Path) -> Path:
    """A cover Part without a title holding a Note without an ID, bijlage 1 without notes,
    bijlage 2 with a Note whose ID the cover's takes first and one without an ID."""
    pdf = pikepdf.new()
    for _ in range(3):
        pdf.add_blank_page()
    root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
    document = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.Document, P=root))

    def element(kind: str, parent: Dictionary, page: int, **entries: object) -> Dictionary:
        made = Dictionary(Type=Name.StructElem, S=Name(kind), P=parent, Pg=pdf.pages[page].obj)
        for key, value in entries.items():
            made[f"/{key}"] = value
        return pdf.make_indirect(made)

    cover = element("/Part", document, 0)
    cover.K = Array([element("/Note", cover, 0)])
    first = element("/Part", document, 1, T=String("Bijlage 1"))
    first.K = Array([element("/P", first, 1), element("/Table", first, 1)])
    second = element("/Part", document, 2, T=String("Bijlage 2"))
    second.K = Array(
        [element("/Note", second, 2, ID=String("note-1")), element("/Note", second, 2)]
    )
    document.K = Array([cover, first, second])
    root.K = Array([document])
    pdf.Root.StructTreeRoot = root
    pdf.save(path)
    return path


def _memo(store: Path) -> PageMemo:
    spans = tuple(Span(key=f"bijlage-{n}", first=n, count=1, title=f"Bijlage {n}") for n in (1, 2))
    return PageMemo(spans=spans, store=store)


def _repaired(path: Path, memo: PageMemo | None) -> tuple[list[str], list[str]]:
    """What the repair says it did to the notes, and every Note's ID after it, in order."""
    with pikepdf.open(path) as pdf:
        done = [r.what for r in repair(pdf, memo) if "note" in r.what]
        document = pdf.Root.StructTreeRoot.K[0]
        notes = [e for part in document.K for e in part.K if e.get("/S") == Name.Note]
        return done, [str(note.get("/ID", "")) for note in notes]


def _records(store: Path) -> dict[str, list[int]]:
    return {p.name: json.loads(p.read_text()) for p in (store / "notes-v1").glob("*.json")}


def test_note_ids_with_the_memo_are_those_of_a_walk_of_everything(tmp_path: Path) -> None:
    path = _bundle(tmp_path / "bundle.pdf")
    everything = _repaired(path, None)
    assert everything == (
        [f"note given the ID note-{n}" for n in (1, 2, 3)],  # bijlage 2's note-1 was taken
        ["note-1", "note-3", "note-2"],  # (the walk meets siblings last to first)
    )
    store = tmp_path / "memo"
    assert _repaired(path, _memo(store)) == everything  # walked, and kept per bijlage
    assert sorted(_records(store).values()) == [[0], [2]]  # the cover names no span
    assert _repaired(path, _memo(store)) == everything  # bijlage 1 from the memo


def test_the_record_is_what_is_read_for_its_document(tmp_path: Path) -> None:
    """A record changed by hand stands for its document (the build keys it by the
    document's PDF): a Part it says holds no Note is not walked."""
    path = _bundle(tmp_path / "bundle.pdf")
    store = tmp_path / "memo"
    _repaired(path, _memo(store))
    for record in (store / "notes-v1").glob("*.json"):
        record.write_text("[0]", encoding="utf-8")
    assert _repaired(path, _memo(store)) == (["note given the ID note-1"], ["note-1", "note-1", ""])
