"""What a box (``lakken`` ``vak``) covers besides plain text, on hand-built pages
(tests/pdf/redact_pdfs.py): the redaction proves it removed what is under the box, or the
build stops naming the page and what it met (issue 29, adversarial findings F1-F4, F8, F9).
Read back with pikepdf: every content stream, form and pattern of the public copy."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest

from besluitpak.casefile.schema import Lak
from besluitpak.pdf import redact_plan
from besluitpak.pdf.public_copy import public_copy
from besluitpak.pdf.redact_text import overlaps
from tests.pdf import redact_pdfs

SECRET = "Visserdekker"
NOTHING = (
    "expected a box over something drawn on page 1 (PDF points from the bottom-left), got a "
    "box where nothing is drawn"
)


def _plan(pdf: Path, box: tuple[float, ...] = redact_pdfs.BOX) -> redact_plan.Plan:
    lak = Lak.model_validate({"pagina": 1, "vak": list(box), "grond": "5.1.2e"})
    return redact_plan.boxes(pdf, [lak])


def _public(pdf: Path, tmp_path: Path, box: tuple[float, ...] = redact_pdfs.BOX) -> pikepdf.Pdf:
    plan = _plan(pdf, box)
    assert plan.missing == []
    out = tmp_path / "openbaar.pdf"
    public_copy(pdf, out, grounds={}, titel="t", boxes=plan.boxes, hidden=plan.hidden)
    return pikepdf.open(out)


def _all_bytes(pdf: pikepdf.Pdf) -> bytes:
    """Every stream of the file, decoded."""
    found = b""
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Stream):
            try:
                found += obj.read_bytes()
            except pikepdf.PdfError:
                found += obj.read_raw_bytes()
    return found


def _refusal(plan: redact_plan.Plan) -> str:
    assert [(index, key) for index, key, _ in plan.missing] == [(0, "vak")]
    message = plan.missing[0][2]
    assert 'withhold the whole page instead (paginas: "1")' in message
    assert "page 1" in message
    return message


def test_text_in_a_soft_mask_group_under_a_box_stops_the_build(tmp_path: Path) -> None:
    message = _refusal(_plan(redact_pdfs.soft_mask(tmp_path / "a.pdf", SECRET)))
    assert "got a soft mask (ExtGState /GS1, a drawing of its own) reaching under a box" in message


@pytest.mark.parametrize("at", [(100.0, 600.0)])
def test_a_tiling_pattern_under_a_box_stops_the_build(
    tmp_path: Path, at: tuple[float, float]
) -> None:
    message = _refusal(_plan(redact_pdfs.tiling(tmp_path / "a.pdf", SECRET, at=at)))
    assert "got a path filled with a tiling pattern reaching under a box" in message


def test_text_painted_with_a_tiling_pattern_under_a_box_stops_the_build(tmp_path: Path) -> None:
    message = _refusal(_plan(redact_pdfs.tiling(tmp_path / "a.pdf", SECRET, text=True)))
    assert "got text painted with a tiling pattern reaching under a box" in message


def test_a_tiling_pattern_away_from_the_box_is_copied(tmp_path: Path) -> None:
    """The box covers the start of the public line; the pattern lies elsewhere."""
    pdf = redact_pdfs.tiling(tmp_path / "a.pdf", SECRET, at=(100.0, 200.0))
    public = _public(pdf, tmp_path, (70.0, 775.0, 90.0, 795.0))
    assert SECRET.encode() in _all_bytes(public)  # not under the box: it stays, as drawn


def test_a_shading_under_a_box_stops_the_build(tmp_path: Path) -> None:
    message = _refusal(_plan(redact_pdfs.shading(tmp_path / "a.pdf")))
    assert "got a shading (/Sh1 sh) reaching under a box" in message


def test_a_type3_glyph_drawing_above_its_em_box_is_removed(tmp_path: Path) -> None:
    """The glyph sits at (100, 600) 20 pt high; its procedure draws 1.5 em higher, under a box
    that does not meet the em box at all."""
    pdf = redact_pdfs.type3(tmp_path / "a.pdf", SECRET)
    lak = Lak.model_validate({"pagina": 1, "vak": [95, 625, 150, 645], "grond": "5.1.2e"})
    plan = redact_plan.boxes(pdf, [lak])
    assert plan.missing == []
    out = tmp_path / "openbaar.pdf"
    public_copy(pdf, out, grounds={}, titel="t", boxes=plan.boxes, hidden=())
    everything = _all_bytes(pikepdf.open(out))
    assert SECRET.encode() not in everything
    assert redact_pdfs.OPEN.encode() in everything


def test_a_type3_glyph_whose_drawing_cannot_be_followed_stops_the_build(tmp_path: Path) -> None:
    pdf = redact_pdfs.type3(tmp_path / "a.pdf", SECRET, procedure="1000 0 d0 /Sh1 sh")
    message = _refusal(_plan(pdf))
    assert "got a Type 3 glyph whose drawing cannot be followed" in message


def _points(pdf: pikepdf.Pdf) -> list[tuple[str, list[float]]]:
    """The path operators of the public page, with their numbers."""
    found = []
    for instruction in pikepdf.parse_content_stream(pdf.pages[0]):
        operator = str(instruction.operator)
        if operator in ("m", "l", "c", "re"):
            found.append((operator, [float(v) for v in instruction.operands]))
    return found


def test_paths_under_a_box_are_gone_from_the_bytes_and_those_beside_it_stay(
    tmp_path: Path,
) -> None:
    public = _public(redact_pdfs.paths(tmp_path / "a.pdf"), tmp_path)
    drawn = _points(public)
    x0, y0, x1, y1 = redact_pdfs.BOX
    points = [(v[i], v[i + 1]) for op, v in drawn if op != "re" for i in range(0, len(v), 2)]
    assert not [p for p in points if x0 <= p[0] <= x1 and y0 <= p[1] <= y1]
    assert all(p in points for p in redact_pdfs.OUTLINE_OUTSIDE)
    assert not [v for op, v in drawn if op == "c"]  # the signature reached in: removed whole
    bands = [(v[0], v[1], v[0] + v[2], v[1] + v[3]) for op, v in drawn if op == "re"]
    band = redact_pdfs.BAND
    cut = [b for b in bands if band[1] <= b[1] and b[3] <= band[1] + band[3]]
    assert {(b[0], b[2]) for b in cut} == {(band[0], x0), (x1, band[0] + band[2])}
    assert not [b for b in cut if overlaps(b, redact_pdfs.BOX)]


@pytest.mark.parametrize(
    "box",
    [(72.0, 40.0, 220.0, 62.0), (700.0, 900.0, 800.0, 1000.0)],
    ids=["measured-from-the-top", "off-the-page"],
)
def test_a_box_over_nothing_is_a_problem_of_its_entry(
    tmp_path: Path, box: tuple[float, ...]
) -> None:
    plan = _plan(redact_pdfs.one_page(tmp_path / "a.pdf", b""), box)
    assert plan.missing == [(0, "vak", NOTHING)]


def test_an_image_that_cannot_be_decoded_under_a_box_goes_whole_with_a_warning(
    tmp_path: Path,
) -> None:
    pdf = redact_pdfs.jpx(tmp_path / "a.pdf")
    lak = Lak.model_validate({"pagina": 1, "vak": [300, 600, 500, 680], "grond": "5.1.2e"})
    plan = redact_plan.boxes(pdf, [lak])
    assert plan.missing == []
    assert plan.warnings == [
        "page 1: an image (/Im1, JPXDecode) under a box cannot be decoded here to cut it; it is "
        "left out whole"
    ]
    out = tmp_path / "openbaar.pdf"
    public_copy(pdf, out, grounds={}, titel="t", boxes=plan.boxes, hidden=())
    with pikepdf.open(out) as public:
        assert not [
            o
            for o in public.objects
            if isinstance(o, pikepdf.Stream) and o.get("/Subtype") == pikepdf.Name.Image
        ]


def test_clipping_paths_under_a_box_are_gone_and_a_page_clip_is_cut(tmp_path: Path) -> None:
    """Letters drawn as a clip (no paint of their own) leave the bytes too; the page's clip
    rectangle and a band drawn turned are cut around the box, not dropped."""
    public = _public(redact_pdfs.clipped(tmp_path / "a.pdf"), tmp_path)
    drawn = _points(public)
    x0, y0, x1, y1 = redact_pdfs.BOX
    points = [(v[i], v[i + 1]) for op, v in drawn if op != "re" for i in range(0, len(v), 2)]
    assert not [p for p in points if x0 <= p[0] <= x1 and y0 <= p[1] <= y1]
    rects = [(v[0], v[1], v[0] + v[2], v[1] + v[3]) for op, v in drawn if op == "re"]
    page = [r for r in rects if r[0] == 0 or r[2] == 595]
    assert not [r for r in page if overlaps(r, redact_pdfs.BOX)]
    assert (0, 0, 595, y0) in page and (0, y1, 595, 842) in page
    # the band, 600..620 × 300..600 in its own space (turned: x 595 - y, y x on the page),
    # keeps the part left of the box (its hole there: y 595 - 300 .. 595 - 90)
    assert [r for r in rects if r[0] == 600.0] == [(600.0, 505.0, 620.0, 600.0)]
    everything = _all_bytes(public)
    assert redact_pdfs.OPEN.encode() in everything


@pytest.mark.parametrize("filters", ["", "/Fl", "/AHx", "[/AHx /Fl]"])
def test_an_inline_image_partly_under_a_box_loses_only_the_pixels_there(
    tmp_path: Path, filters: str
) -> None:
    """An inline image (BI/ID/EI, raw or with Flate/ASCIIHex filters) half under a box is
    cut like an image XObject: the samples under the box 0, the rest kept, no warning
    (adversarial finding G1: it went whole, silently, even with --strict)."""
    pdf = redact_pdfs.inline_image(tmp_path / "a.pdf", filters)
    plan = _plan(pdf)
    assert plan.missing == [] and plan.warnings == []
    out = tmp_path / "openbaar.pdf"
    public_copy(pdf, out, grounds={}, titel="t", boxes=plan.boxes, hidden=())
    with pikepdf.open(out) as public:
        images = list(public.pages[0].get_images().values())
        assert len(images) == 1 and isinstance(images[0], pikepdf.Stream)
        data = pikepdf.PdfImage(images[0]).read_bytes()
    assert len(data) >= 200 * 40
    # the box (90..300 × 590..650) over the image (100..500 × 560..640): its left half, from
    # its top down to y 590 (rows 0-24 of 40, columns 0-99 of 200)
    for y in range(40):
        row = data[y * 200 : y * 200 + 200]
        expected = bytes(100) + bytes([200]) * 100 if y < 25 else bytes([200]) * 200
        assert row == expected, y


@pytest.mark.parametrize(
    ("image", "letters", "said"),
    [
        ("xobject", 3, "1 image and drawn outlines"),
        ("inline", 0, "1 image"),
        ("form", 0, "1 image"),
        ("", 3, "drawn outlines"),
    ],
)
def test_a_page_with_words_that_also_draws_images_or_outlines_gives_a_warning(
    tmp_path: Path, image: str, letters: int, said: str
) -> None:
    """The words are removed where the page holds them as text; an image (XObject, inline,
    inside a form) or letter-like outlines on the same page are not read, so the plan warns
    naming the page and the words (adversarial finding G0: they shipped silently)."""
    pdf = redact_pdfs.unread(tmp_path / "a.pdf", "Kuipers", image=image, letters=letters)
    lak = Lak.model_validate({"pagina": 1, "woorden": "Kuipers", "grond": "5.1.2e"})
    plan = redact_plan.boxes(pdf, [lak])
    assert plan.missing == []
    assert plan.warnings == [
        f"page 1 also holds {said} that besluitpak cannot read: check that 'Kuipers' is not "
        "in them, or cover them with a vak"
    ]


def test_a_page_with_words_rules_cells_and_a_dot_gives_no_warning(tmp_path: Path) -> None:
    """Rules, table cells and one round dot are not letters: no warning."""
    pdf = redact_pdfs.unread(tmp_path / "a.pdf", "Kuipers")
    lak = Lak.model_validate({"pagina": 1, "woorden": "Kuipers", "grond": "5.1.2e"})
    plan = redact_plan.boxes(pdf, [lak])
    assert plan.missing == [] and plan.warnings == []


def test_an_image_wholly_under_a_box_needs_no_warning(tmp_path: Path) -> None:
    """The maker covered the image with a vak: it is cut there, nothing left unread."""
    pdf = redact_pdfs.unread(tmp_path / "a.pdf", "Kuipers", image="xobject")
    laks = [
        Lak.model_validate({"pagina": 1, "woorden": "Kuipers", "grond": "5.1.2e"}),
        Lak.model_validate({"pagina": 1, "vak": [95, 395, 305, 445], "grond": "5.1.2e"}),
    ]
    plan = redact_plan.boxes(pdf, laks)
    assert plan.missing == [] and plan.warnings == []
