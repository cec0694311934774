"""Redacted passages in a rendered Word document: highlighted in the intern edition, a black
box with the Woo ground in the openbaar one.

:func:`besluitpak.casefile.lak.mark` has put each passage between private-use markers
before the template saw the data; the public edition's markers hold only the ground and
the passage's width. Here each marked piece of a run becomes a run of its own:

- intern: the passage, highlighted, with its ground after it in superscript;
- openbaar: an inline picture as wide as the passage was, black with the ground in white,
  whose description (``wp:docPr/@descr``, the PDF's ``/Alt`` once LibreOffice has
  converted it) is what a screen reader says: "Gelakt: artikel 5.1.2e Woo, …".
"""

from __future__ import annotations

import copy
import functools
import io
import re
from typing import Any

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Emu, Pt

from besluitpak.casefile import fontcheck, lak
from besluitpak.errors import TemplateError

_MARKED = re.compile(f"{lak.OPEN}([^{lak.SEP}{lak.CLOSE}]*){lak.SEP}([^{lak.CLOSE}]*){lak.CLOSE}")
_STRAY = re.compile(f"[{lak.OPEN}{lak.SEP}{lak.CLOSE}]")
HEIGHT = 1.15
"""The box's height, in ems of the text around it: from the descenders to the capitals."""
DROP = 0.22
"""How far the box reaches under the baseline, in ems."""
PIXELS_PER_POINT = 8
MAX_EMS = 12.0
"""The widest a box gets: a longer passage would not fit a table's column (an inline
picture cannot wrap), so its box says less about its length."""


def apply(docx: Any, *, public: bool, shown: str) -> int:
    """Format every marked passage of ``docx`` (body, tables, headers and footers) for
    the intern or the openbaar edition; return how many there were."""
    count = 0
    for part in _story_parts(docx):
        for run in list(part.element.iter(qn("w:r"))):
            if any(lak.OPEN in (t.text or "") for t in run.iter(qn("w:t"))):
                count += _split(run, part, docx, public=public, shown=shown)
    return count


def _story_parts(docx: Any) -> list[Any]:
    parts = [docx.part]
    for section in docx.sections:
        for story in (section.header, section.footer, section.first_page_header,
                      section.first_page_footer, section.even_page_header,
                      section.even_page_footer):  # fmt: skip
            if not story.is_linked_to_previous and story.part not in parts:
                parts.append(story.part)
    return parts


def _split(run: Any, part: Any, docx: Any, *, public: bool, shown: str) -> int:
    """Replace ``run`` by plain runs and one run per marked passage; return how many."""
    props = run.find(qn("w:rPr"))
    parent = run.getparent()
    index = parent.index(run)
    made: list[Any] = []
    count = 0
    for child in list(run):
        if child is props:
            continue
        if child.tag != qn("w:t") or lak.OPEN not in (child.text or ""):
            made.append(_run(props, [copy.deepcopy(child)]))
            continue
        text, last = child.text, 0
        if _STRAY.search(_MARKED.sub("", text)):
            raise TemplateError(
                f"{shown}: a redacted passage {{lak:…}}…{{/lak}} was cut by the template "
                f"(a filter such as truncate, or slicing); give the template the whole text"
            )
        for match in _MARKED.finditer(text):
            made.append(_text_run(props, text[last : match.start()]))
            code, inside = match.group(1), match.group(2)
            if public:
                size = _font_size(run, docx)
                made.append(_box_run(props, part, code=code, ems=float(inside), size=size))
            else:
                made += _highlighted(props, inside, code)
            last = match.end()
            count += 1
        made.append(_text_run(props, text[last:]))
    for offset, new in enumerate(r for r in made if r is not None):
        parent.insert(index + offset, new)
    parent.remove(run)
    return count


def _run(props: Any, children: list[Any]) -> Any:
    run = OxmlElement("w:r")
    if props is not None:
        run.append(copy.deepcopy(props))
    for child in children:
        run.append(child)
    return run


def _text_run(props: Any, text: str) -> Any | None:
    if not text:
        return None
    element = OxmlElement("w:t")
    element.text = text
    element.set(qn("xml:space"), "preserve")
    return _run(props, [element])


def _set(run: Any, tag: str, value: str) -> None:
    """Set ``w:<tag> w:val=value`` in the run's properties, replacing one already there."""
    props = run.find(qn("w:rPr"))
    if props is None:
        props = OxmlElement("w:rPr")
        run.insert(0, props)
    for old in props.findall(qn(f"w:{tag}")):
        props.remove(old)
    element = OxmlElement(f"w:{tag}")
    element.set(qn("w:val"), value)
    props.append(element)


def _highlighted(props: Any, passage: str, code: str) -> list[Any]:
    """The intern edition's passage: highlighted, its ground after it in superscript."""
    text = _text_run(props, passage)
    ground = _text_run(props, f" {code}")
    assert text is not None and ground is not None
    for run in (text, ground):
        _set(run, "highlight", "yellow")
    _set(ground, "vertAlign", "superscript")
    return [text, ground]


def _box_run(props: Any, part: Any, *, code: str, ems: float, size: float) -> Any:
    """The openbaar edition's passage: a black box as wide as it was, the ground in white,
    described for screen readers."""
    image, width = _box_image(code, ems, size)
    inline = part.new_pic_inline(io.BytesIO(image), Emu(Pt(width)), Emu(Pt(size * HEIGHT)))
    for side in ("distT", "distB", "distL", "distR"):  # LibreOffice's default is 0.32 cm
        inline.set(side, "0")
    described = lak.spoken(code)
    for doc_pr in inline.iter(qn("wp:docPr")):
        doc_pr.set("name", f"Gelakt {code}")
        doc_pr.set("descr", described)
    for pic_pr in inline.iter(qn("pic:cNvPr")):
        pic_pr.set("name", f"gelakt-{code}.png")
        pic_pr.set("descr", described)
    drawing = OxmlElement("w:drawing")
    drawing.append(inline)
    run = _run(props, [drawing])
    for tag in ("highlight", "u", "shd"):
        for old in run.iter(qn(f"w:{tag}")):
            old.getparent().remove(old)
    _set(run, "position", str(-round(DROP * size * 2)))  # half-points
    return run


def _font_size(run: Any, docx: Any) -> float:
    """The run's font size in points: its own, its paragraph style's, the document's."""
    size = run.find(f"{qn('w:rPr')}/{qn('w:sz')}")
    if size is not None:
        return int(size.get(qn("w:val"))) / 2
    paragraph = next((a for a in run.iterancestors(qn("w:p"))), None)
    style_id = None
    if paragraph is not None:
        found = paragraph.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        style_id = found.get(qn("w:val")) if found is not None else None
    style = next((s for s in docx.styles if s.style_id == style_id), None)
    if style is None:
        style = docx.styles.default(docx.styles["Normal"].type)
    while style is not None:
        if style.font.size is not None:
            return float(style.font.size.pt)
        style = style.base_style
    return 11.0


@functools.cache
def _box_image(code: str, ems: float, size: float) -> tuple[bytes, float]:
    """A PNG of the box and its width in points: as wide as the passage, and never too
    narrow for the ground."""
    from PIL import Image, ImageDraw, ImageFont

    height = size * HEIGHT
    path = fontcheck.font_file("Carlito", "Bold")
    font_px = round(size * 0.8 * PIXELS_PER_POINT)
    font = ImageFont.truetype(str(path), font_px) if path is not None else ImageFont.load_default()
    text_width = font.getlength(code) / PIXELS_PER_POINT
    width = max(min(ems, MAX_EMS) * size, text_width + size)
    pixels = (round(width * PIXELS_PER_POINT), round(height * PIXELS_PER_POINT))
    image = Image.new("L", pixels, 0)
    ImageDraw.Draw(image).text(  # at the start: never cut off where the line is narrower
        (size * 0.5 * PIXELS_PER_POINT, pixels[1] / 2), code, fill=255, font=font, anchor="lm"
    )
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue(), width
