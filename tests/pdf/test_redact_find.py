"""Words found on a page and removed from its public copy (issue 29 item 3), without
LibreOffice: text across the page and text turned a quarter (a landscape scan's text layer on
a page with /Rotate), pdftotext reading the copy back."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name

from besluitpak.pdf import redact_find
from besluitpak.pdf.public_copy import public_copy
from besluitpak.pdf.redact_mark import Box

CONTENTS = {
    "across": b"BT /F1 12 Tf 72 700 Td (Brief van Jan Jansen over de weg) Tj ET",
    # drawn up the page (turned 90 degrees counter-clockwise), shown upright by /Rotate 90
    "turned": b"q 0 1 -1 0 300 0 cm "
    b"BT /F1 12 Tf 72 0 Td (Brief van Jan Jansen over de weg) Tj ET Q",
}


def _pdf(path: Path, content: bytes, rotate: int) -> None:
    pdf = pikepdf.new()
    font = pdf.make_indirect(
        Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica,
                   Encoding=Name.WinAnsiEncoding, FirstChar=32, LastChar=126,
                   Widths=Array(_widths()))
    )  # fmt: skip
    page = Dictionary(
        Type=Name.Page,
        MediaBox=Array([0, 0, 595, 842]),
        Resources=Dictionary(Font=Dictionary(F1=font)),
        Contents=pdf.make_stream(content),
        Rotate=rotate,
    )
    pdf.pages.append(pikepdf.Page(pdf.make_indirect(page)))
    pdf.save(path)


def _widths() -> list[int]:
    from reportlab.pdfbase.pdfmetrics import stringWidth

    return [round(stringWidth(chr(c), "Helvetica", 1000)) for c in range(32, 127)]


@pytest.mark.libreoffice  # poppler
@pytest.mark.parametrize(("shape", "rotate"), [("across", 0), ("turned", 90)])
def test_a_name_is_found_and_only_it_leaves_the_page(
    tmp_path: Path, shape: str, rotate: int
) -> None:
    source, out = tmp_path / "in.pdf", tmp_path / "out.pdf"
    _pdf(source, CONTENTS[shape], rotate)
    with pikepdf.open(source) as pdf:
        boxes = redact_find.word_boxes(pdf.pages[0], "jan jansen")
        assert len(boxes) == 1
        assert redact_find.word_boxes(pdf.pages[0], "Jansen over de weg") != []
        assert redact_find.word_boxes(pdf.pages[0], "Janse") == []  # whole words only
    public_copy(source, out, grounds={}, titel="Brief",
                boxes={1: [Box(rect=b, ground="5.1.2e") for b in boxes]})  # fmt: skip
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "Jansen" not in text and "Jan " not in text
    assert "Brief van" in text and "over de weg" in text
    assert "5.1.2e" in text


@pytest.mark.libreoffice  # poppler
def test_a_name_with_its_accent_drawn_apart_is_found_and_leaves_the_page(tmp_path: Path) -> None:
    # F5: "Müller" precomposed (WinAnsi ü), then a "u" and a "¨" glyph of its own moved back
    # over it (poppler reads it as u + U+0308 or as a "¨" of its own), then "MÜLLER".
    source, out = tmp_path / "in.pdf", tmp_path / "out.pdf"
    _pdf(
        source,
        b"BT /F1 12 Tf 72 700 Td (De heer M\xfcller sprak in.) Tj ET "
        b"BT /F1 12 Tf 72 650 Td [(Mu) 556 <a8> (ller woont hier.)] TJ ET "
        b"BT /F1 12 Tf 72 600 Td (Dag M\xdcLLER, dag Mullers.) Tj ET",
        0,
    )
    with pikepdf.open(source) as pdf:
        boxes = redact_find.word_boxes(pdf.pages[0], "Müller")
    assert len(boxes) == 3
    public_copy(source, out, grounds={}, titel="Brief",
                boxes={1: [Box(rect=b, ground="5.1.2e") for b in boxes]})  # fmt: skip
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "ller" not in text.replace("Mullers", "").casefold()
    assert "woont hier" in text and "sprak in" in text and "Mullers" in text  # whole words


def test_a_name_with_a_soft_hyphen_drawn_inside_it_is_found(tmp_path: Path) -> None:
    """A soft hyphen the font maps to U+00AD but draws as a hyphen of its own width: the
    letters after it follow it on the line, so the name is one word, found whole."""
    pdf = pikepdf.new()
    pairs = "".join(f"<{c:02X}> <{c:04X}>\n" for c in range(32, 127)) + "<AD> <00AD>\n"
    to_unicode = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
        "1 begincodespacerange <00> <FF> endcodespacerange\n"
        f"96 beginbfchar\n{pairs}endbfchar\nendcmap end end\n"
    ).encode()
    font = pdf.make_indirect(
        Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica,
                   Encoding=Name.WinAnsiEncoding, FirstChar=32, LastChar=173,
                   Widths=Array(_widths() + [0] * (173 - 127) + [333]),
                   ToUnicode=pdf.make_stream(to_unicode))
    )  # fmt: skip
    page = Dictionary(
        Type=Name.Page,
        MediaBox=Array([0, 0, 595, 842]),
        Resources=Dictionary(Font=Dictionary(F1=font)),
        Contents=pdf.make_stream(b"BT /F1 12 Tf 72 700 Td (Brief van Visser\xaddekker hier) Tj ET"),
    )
    pdf.pages.append(pikepdf.Page(pdf.make_indirect(page)))
    source = tmp_path / "in.pdf"
    pdf.save(source)
    with pikepdf.open(source) as opened:
        assert len(redact_find.word_boxes(opened.pages[0], "Visserdekker")) == 1
