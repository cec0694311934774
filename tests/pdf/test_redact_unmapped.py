"""``woorden`` on a page that shows characters without a Unicode mapping are refused: the
finder reads a page's text through its fonts' maps, and an adversary drew the same word a
second time in a composite font without a ToUnicode map — visible on the public page,
never found, with no word of warning. A vak (a box) on that page is the way out."""

from __future__ import annotations

from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from besluitpak.casefile.schema import Lak
from besluitpak.pdf import redact_plan

WORD = "Brouwerij"


def _page_with_an_unmapped_copy(path: Path, *, to_unicode: bool) -> Path:
    """The word once in Helvetica, once more in an Identity-H font (codes 1..n), with or
    without a ToUnicode map for those codes."""
    pdf = pikepdf.new()
    helvetica = pdf.make_indirect(
        Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica)
    )
    descendant = Dictionary(
        Type=Name.Font,
        Subtype=Name.CIDFontType2,
        BaseFont=Name("/Geheim"),
        CIDSystemInfo=Dictionary(
            Registry=String("Adobe"), Ordering=String("Identity"), Supplement=0
        ),
        CIDToGIDMap=Name.Identity,
        DW=600,
    )
    composite = Dictionary(
        Type=Name.Font,
        Subtype=Name.Type0,
        BaseFont=Name("/Geheim"),
        Encoding=Name("/Identity-H"),
        DescendantFonts=Array([pdf.make_indirect(descendant)]),
    )
    codes = "".join(f"{n:04X}" for n in range(1, len(WORD) + 1))
    if to_unicode:
        pairs = "".join(f"<{n:04X}> <{ord(c):04X}>\n" for n, c in enumerate(WORD, start=1))
        composite.ToUnicode = pdf.make_stream(
            (
                "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
                "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
                f"{len(WORD)} beginbfchar\n{pairs}endbfchar\nendcmap end end\n"
            ).encode()
        )
    content = (
        f"BT /F1 12 Tf 72 760 Td (Bezoek aan {WORD} gepland) Tj ET\n"
        f"BT /F0 14 Tf 72 600 Td <{codes}> Tj ET\n"
    ).encode()
    page = Dictionary(
        Type=Name.Page,
        MediaBox=Array([0, 0, 595, 842]),
        Resources=Dictionary(Font=Dictionary(F1=helvetica, F0=pdf.make_indirect(composite))),
        Contents=pdf.make_stream(content),
    )
    pdf.pages.append(pikepdf.Page(page))
    pdf.save(path)
    return path


def test_words_on_a_page_with_characters_without_unicode_are_refused_naming_the_font(
    tmp_path: Path,
) -> None:
    pdf = _page_with_an_unmapped_copy(tmp_path / "a.pdf", to_unicode=False)
    lak = Lak.model_validate({"pagina": 1, "woorden": WORD, "grond": "5.1.2e"})
    plan = redact_plan.boxes(pdf, [lak])
    [(index, field, message)] = plan.missing
    assert (index, field) == (0, "woorden")
    assert "page 1 showing 9 character code(s) without a Unicode mapping (font Geheim)" in message
    assert repr(WORD) in message and "vak" in message


def test_the_same_page_with_a_tounicode_map_is_read_and_both_copies_are_boxed(
    tmp_path: Path,
) -> None:
    pdf = _page_with_an_unmapped_copy(tmp_path / "a.pdf", to_unicode=True)
    lak = Lak.model_validate({"pagina": 1, "woorden": WORD, "grond": "5.1.2e"})
    plan = redact_plan.boxes(pdf, [lak])
    assert plan.missing == []
    assert len(plan.boxes[1]) == 2


def test_a_vak_on_that_page_is_not_refused(tmp_path: Path) -> None:
    pdf = _page_with_an_unmapped_copy(tmp_path / "a.pdf", to_unicode=False)
    lak = Lak.model_validate({"pagina": 1, "vak": [60, 590, 400, 620], "grond": "5.1.2e"})
    assert redact_plan.boxes(pdf, [lak]).missing == []
