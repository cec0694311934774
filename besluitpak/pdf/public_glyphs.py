"""A public copy's fonts keep only the characters its pages show.

A font shared by kept and withheld pages (or by visible text and a hidden layer) is copied
because a kept page uses it; as it came, its ToUnicode map would still list every character a
withheld page showed with it, its widths every glyph, its program every glyph's outline. Here
each font of the copy is cut down to the character codes the copy's content streams show
with it (pages, the forms and tiling patterns they draw, Type 3 glyphs):

- the ToUnicode map is written anew with only those codes (and a fixed name);
- the glyph widths of a composite font (``/W``) list only those glyphs;
- a Type 3 font keeps only the glyph procedures of those codes
  (:mod:`besluitpak.pdf.public_type3`);
- an embedded TrueType program (``/FontFile2``) is subset with fontTools to their glyphs,
  glyph ids kept (``retain_gids``), so the content streams stay valid; its ``/CIDSet`` goes
  (:mod:`besluitpak.pdf.public_truetype`).

A font whose codes cannot be read for sure — a composite font with another CMap than
Identity, a font set by a graphics state (``/Font`` in ExtGState), a ToUnicode map that
uses another — keeps its map; a font program fontTools cannot read keeps its glyphs. Both
are rare in what offices send; :func:`prune` says which fonts it left whole.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name

from besluitpak.pdf import public_cmap, public_truetype, public_type3
from besluitpak.pdf.public_filter import lookup

_DEPTH = 12


@dataclass
class Usage:
    """The codes each font of a PDF shows (by the font's object id)."""

    fonts: dict[tuple[int, int], pikepdf.Object] = field(default_factory=dict)
    codes: dict[tuple[int, int], set[bytes]] = field(default_factory=dict)
    unsure: set[tuple[int, int]] = field(default_factory=set)
    """Fonts used in a way not followed here (a graphics state's /Font)."""

    def meet(self, font: Any) -> None:
        if isinstance(font, Dictionary) and font.is_indirect:
            self.fonts.setdefault(font.objgen, font)
            self.codes.setdefault(font.objgen, set())

    def show(self, font: Any, text: Any) -> None:
        if isinstance(font, Dictionary) and font.is_indirect and isinstance(text, pikepdf.String):
            self.codes.setdefault(font.objgen, set()).add(bytes(text))


def prune(pdf: pikepdf.Pdf) -> list[str]:
    """Cut every font of ``pdf`` down to what its pages show (see the module); the names of
    the fonts left whole, and why."""
    with _quiet_fonttools():
        return _prune(pdf)


@contextlib.contextmanager
def _quiet_fonttools() -> Iterator[None]:
    """fontTools logs what it repairs in a program (an old timestamp…): not the user's news."""
    logger = logging.getLogger("fontTools")
    level = logger.level
    logger.setLevel(logging.CRITICAL)
    try:
        yield
    finally:
        logger.setLevel(level)


def _prune(pdf: pikepdf.Pdf) -> list[str]:
    _fonts_of_their_own(pdf)
    usage = Usage()
    seen: set[Any] = set()
    meanings: dict[tuple[int, int], dict[int, str]] = {}  # a Type 3 font's old glyph names
    for page in pdf.pages:
        _walk(page.obj, page.obj.get("/Resources"), None, usage, seen, 0)
    whole: list[str] = []
    for key, font in list(usage.fonts.items()):
        if font.get("/Subtype") == Name.Type3:
            codes = _codes(usage.codes.get(key, set()), 1)
            if key in usage.unsure or not public_type3.prune(font, codes):
                whole.append(f"{font.get('/Name', 'a Type 3 font')}: its encoding cannot be read")
            else:
                meanings[key] = public_type3.neutral(font, codes)
            for proc in font.get("/CharProcs", Dictionary()).values():
                _walk(proc, font.get("/Resources"), None, usage, seen, 1)
    programs: public_truetype.Programs = {}
    for key, font in usage.fonts.items():
        name = str(font.get("/BaseFont", "?")).lstrip("/")
        width = _code_width(font)
        if key in usage.unsure or width is None:
            whole.append(f"{name}: its character codes cannot be read for sure")
            continue
        codes = _codes(usage.codes.get(key, set()), width)
        mapping = _to_unicode(font)
        if mapping is None:
            whole.append(f"{name}: its ToUnicode map could not be read")
        else:
            named = {**meanings.get(key, {}), **mapping}
            kept = {code: named[code] for code in sorted(codes) if code in named}
            font.ToUnicode = pdf.make_stream(public_cmap.write_cmap(kept, width))
        _prune_widths(font, codes)
        public_truetype.collect_glyphs(font, codes, mapping or {}, programs)
    for program, gids in programs.values():
        if not public_truetype.subset(program, gids):
            whole.append("a TrueType program fontTools cannot read keeps its glyphs")
    return whole


def _walk(
    owner: pikepdf.Object,
    resources: Any,
    font: Any,
    usage: Usage,
    seen: set[Any],
    depth: int,
) -> None:
    """Note which codes each font shows in ``owner``'s content (and what it draws)."""
    if depth > _DEPTH:
        return
    resources = resources if isinstance(resources, Dictionary) else Dictionary()
    fonts = resources.get("/Font")
    for value in fonts.values() if isinstance(fonts, Dictionary) else []:
        usage.meet(value)
    saved: list[Any] = []
    try:
        instructions = pikepdf.parse_content_stream(owner)
    except pikepdf.PdfError:
        return
    for instruction in instructions:
        if isinstance(instruction, pikepdf.ContentStreamInlineImage):
            continue
        operator, operands = str(instruction.operator), list(instruction.operands)
        if operator == "q":
            saved.append(font)
        elif operator == "Q" and saved:
            font = saved.pop()
        elif operator == "Tf" and operands:
            font = lookup(resources, "/Font", operands[0])
        elif operator == "gs" and operands:
            font = _state_font(lookup(resources, "/ExtGState", operands[0]), font, usage)
        elif not _show(operator, operands, font, usage):
            _follow(operator, operands, resources, font, usage, seen, depth)


def _fonts_of_their_own(pdf: pikepdf.Pdf) -> None:
    """Every font of ``pdf`` made an object of its own: one written inline (a direct
    dictionary in a resource dictionary or a graphics state) has no object id, so it would
    be neither counted nor cut down. Made indirect where it stands, a font shared through a
    shared resource dictionary stays shared; the fonts of a Type 3 font's own resources,
    made objects by this pass, are looked at too."""
    todo: list[Any] = [o for o in pdf.objects if isinstance(o, (Dictionary, pikepdf.Stream))]
    while todo:
        owner = todo.pop()
        for holder in (owner, owner.get("/Resources")):
            if not isinstance(holder, Dictionary):
                continue
            fonts: Any = holder.get("/Font")
            for name in list(fonts.keys()) if isinstance(fonts, Dictionary) else []:
                if isinstance(fonts[name], Dictionary) and not fonts[name].is_indirect:
                    fonts[name] = pdf.make_indirect(fonts[name])
                    todo.append(fonts[name])
            states = holder.get("/ExtGState")
            for state in states.values() if isinstance(states, Dictionary) else []:
                font: Any = state.get("/Font") if isinstance(state, Dictionary) else None
                if (
                    isinstance(font, Array)
                    and len(font)
                    and isinstance(font[0], Dictionary)
                    and not font[0].is_indirect
                ):
                    font[0] = pdf.make_indirect(font[0])
                    todo.append(font[0])


def _state_font(state: Any, font: Any, usage: Usage) -> Any:
    """The font after a graphics state is set: its /Font if it has one (a font used this
    way is left whole), else ``font``."""
    if not isinstance(state, Dictionary) or not isinstance(state.get("/Font"), Array):
        return font
    font = state.Font[0]
    usage.meet(font)
    if isinstance(font, Dictionary):
        usage.unsure.add(font.objgen)
    return font


def _show(operator: str, operands: list[Any], font: Any, usage: Usage) -> bool:
    """Note the codes a text-showing operator shows; whether it was one."""
    if operator in ("Tj", "'") and operands:
        usage.show(font, operands[0])
    elif operator == '"' and len(operands) > 2:
        usage.show(font, operands[2])
    elif operator == "TJ" and operands and isinstance(operands[0], Array):
        for item in operands[0]:
            usage.show(font, item)
    else:
        return False
    return True


def _follow(
    operator: str,
    operands: list[Any],
    resources: Dictionary,
    font: Any,
    usage: Usage,
    seen: set[Any],
    depth: int,
) -> None:
    """A form XObject or tiling pattern drawn: its content walked too (once)."""
    target = None
    if operator == "Do" and operands:
        target = lookup(resources, "/XObject", operands[0])
        if not isinstance(target, pikepdf.Stream) or target.get("/Subtype") != Name.Form:
            return
    elif operator in ("scn", "SCN") and operands:
        target = lookup(resources, "/Pattern", operands[-1])
        if not isinstance(target, pikepdf.Stream):
            return
    if target is None:
        return
    key = (target.objgen, font.objgen if isinstance(font, Dictionary) else None)
    if key in seen:
        return
    seen.add(key)
    _walk(target, target.get("/Resources", resources), font, usage, seen, depth + 1)


def _code_width(font: pikepdf.Object) -> int | None:
    """How many bytes a character code of ``font`` has: 1 for a simple font, 2 for a
    composite one with Identity-H or Identity-V; None when not known here."""
    if font.get("/Subtype") != Name.Type0:
        return 1
    if font.get("/Encoding") in (Name("/Identity-H"), Name("/Identity-V")):
        return 2
    return None


def _codes(strings: Iterable[bytes], width: int) -> set[int]:
    codes = set()
    for text in strings:
        for index in range(0, len(text) - width + 1, width):
            codes.add(int.from_bytes(text[index : index + width], "big"))
    return codes


def _to_unicode(font: pikepdf.Object) -> dict[int, str] | None:
    """``font``'s ToUnicode map (empty if it has none); None if it cannot be read."""
    stream = font.get("/ToUnicode")
    if not isinstance(stream, pikepdf.Stream):
        return {} if stream is None else None
    try:
        data = stream.read_bytes()
    except pikepdf.PdfError:
        return None
    return None if b"usecmap" in data else public_cmap.read_cmap(data)


def _prune_widths(font: pikepdf.Object, codes: set[int]) -> None:
    """A composite font's ``/W`` with only the glyphs shown (the others take ``/DW``)."""
    if font.get("/Subtype") != Name.Type0 or not isinstance(font.get("/DescendantFonts"), Array):
        return
    descendant = font.DescendantFonts[0]
    widths = descendant.get("/W")
    if not isinstance(widths, Array):
        return
    known = _widths(list(widths))
    kept = Array()
    for code in sorted(codes):
        if code in known:
            kept.append(code)
            kept.append(Array([known[code]]))
    descendant.W = kept


def _widths(items: list[Any]) -> dict[int, Any]:
    known: dict[int, Any] = {}
    index = 0
    while index + 1 < len(items):
        first, second = items[index], items[index + 1]
        if isinstance(second, Array):
            for offset, width in enumerate(second):
                known[int(first) + offset] = width
            index += 2
        elif index + 2 < len(items):
            for code in range(int(first), min(int(second), int(first) + 0xFFFF) + 1):
                known[code] = items[index + 2]
            index += 3
        else:
            break
    return known
