"""What the structure check reads of each page's content (its MCIDs and pagination
artifacts), kept on disk by the digest of the content and besluitpak's code: the same check
from the record as read afresh; the record is what is read for that content; another
content is read afresh (real pikepdf PDFs)."""

from __future__ import annotations

import json
from pathlib import Path

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name

from besluitpak.pdf.inspect import checks, tagged
from besluitpak.pdf.inspect.memo import PageMemo, Span

REACHABLE = "every page's marked content reachable from the tree"


def _tagged(path: Path, mcid: int) -> Path:
    """One page whose marked content ``mcid`` a P element owns, and a pagination artifact."""
    pdf = pikepdf.new()
    pdf.add_blank_page()
    page = pdf.pages[0]
    page.obj.Contents = pdf.make_stream(
        b"/P <</MCID %d>> BDC EMC /Artifact <</Type /Pagination>> BDC EMC" % mcid
    )
    page.obj.StructParents = 0
    paragraph = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.P, K=mcid, Pg=page.obj))
    document = pdf.make_indirect(
        Dictionary(Type=Name.StructElem, S=Name.Document, K=Array([paragraph]))
    )
    nums = Array([0, Array([None] * mcid + [paragraph])])
    pdf.Root.StructTreeRoot = pdf.make_indirect(
        Dictionary(
            Type=Name.StructTreeRoot,
            K=Array([document]),
            ParentTree=pdf.make_indirect(Dictionary(Nums=nums)),
            ParentTreeNextKey=1,
        )
    )
    pdf.Root.MarkInfo = Dictionary(Marked=True)
    pdf.save(path)
    return path


def _found(path: Path, memo: PageMemo | None) -> dict[str, tuple[bool, str]]:
    tagged._MARKED.clear()  # this process's memo: what is read is the record or the page
    with pikepdf.open(path) as pdf:
        return {c.name: (c.ok, c.detail) for c in checks(pdf, memo)}


@pytest.fixture
def memo(tmp_path: Path) -> PageMemo:
    return PageMemo(spans=(), store=tmp_path / "memo")


def _records(memo: PageMemo) -> list[Path]:
    return sorted((memo.store / "marked-v1").glob("*.json"))


def test_the_structure_check_from_the_record_is_the_one_read_afresh(
    tmp_path: Path, memo: PageMemo
) -> None:
    path = _tagged(tmp_path / "a.pdf", mcid=2)
    afresh = _found(path, None)
    assert afresh[REACHABLE] == (True, "1 pages checked")
    assert _found(path, memo) == afresh  # read, and kept
    assert len(_records(memo)) == 1
    assert json.loads(_records(memo)[0].read_text(encoding="utf-8")) == [[2], 1]
    assert _found(path, memo) == afresh  # from the record


def test_the_record_is_what_is_read_for_its_content_and_only_for_it(
    tmp_path: Path, memo: PageMemo
) -> None:
    """A record changed by hand is believed for the content it was made of (so its key must
    be that content); a page with other content is read afresh, never answered by it."""
    path = _tagged(tmp_path / "a.pdf", mcid=2)
    _found(path, memo)
    (record,) = _records(memo)
    record.write_text("[[2, 7], 1]", encoding="utf-8")
    assert _found(path, memo)[REACHABLE] == (False, "1 pages checked; unreachable: p.1 MCID 7")
    other = _tagged(tmp_path / "b.pdf", mcid=3)
    assert _found(other, memo) == _found(other, None)
    assert _found(other, memo)[REACHABLE][0]
    assert len(_records(memo)) == 2


def test_what_a_documents_pages_reach_is_kept_with_the_document(tmp_path: Path) -> None:
    """With a span (a document in a build), what the structure check found of its pages
    (MCIDs no element owns, marked content, pagination artifacts) is kept under the
    document's key: the same check from the record, a failure included; the record is what
    is read for that document's pages."""
    path = _tagged(tmp_path / "a.pdf", mcid=2)
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:  # MCID 2 owned by none
        pdf.Root.StructTreeRoot.ParentTree.Nums = Array([0, Array([None] * 3)])
        pdf.save(path)
    memo = PageMemo(spans=(Span(key="bijlage", first=0, count=1),), store=tmp_path / "memo")
    afresh = _found(path, None)
    assert afresh[REACHABLE] == (False, "1 pages checked; unreachable: p.1 MCID 2")
    assert _found(path, memo) == afresh  # read, and kept
    (record,) = sorted((memo.store / "reached-v1").glob("*.json"))
    assert json.loads(record.read_text(encoding="utf-8")) == [[[2], 1, 1]]
    assert _found(path, memo) == afresh  # from the record
    record.write_text("[[[], 1, 1]]", encoding="utf-8")
    assert _found(path, memo)[REACHABLE] == (True, "1 pages checked")
