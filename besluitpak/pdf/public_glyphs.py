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
  glyph ids kept (``retain_gids``), so the content streams stay valid; its ``/CIDSet`` goes.

A font whose codes cannot be read for sure — a composite font with another CMap than
Identity, a font set by a graphics state (``/Font`` in ExtGState), a ToUnicode map that
uses another — keeps its map; a font program fontTools cannot read keeps its glyphs. Both
are rare in what offices send; :func:`prune` says which fonts it left whole.
"""

from __future__ import annotations

import contextlib
import copy
import io
import logging
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name

from besluitpak.pdf import public_cmap, public_type3

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
    usage = Usage()
    seen: set[Any] = set()
    for page in pdf.pages:
        _walk(page.obj, page.obj.get("/Resources"), None, usage, seen, 0)
    whole: list[str] = []
    for key, font in list(usage.fonts.items()):
        if font.get("/Subtype") == Name.Type3:
            codes = _codes(usage.codes.get(key, set()), 1)
            if key in usage.unsure or not public_type3.prune(font, codes):
                whole.append(f"{font.get('/Name', 'a Type 3 font')}: its encoding cannot be read")
            for proc in font.get("/CharProcs", Dictionary()).values():
                _walk(proc, font.get("/Resources"), None, usage, seen, 1)
    programs: dict[tuple[int, int], tuple[pikepdf.Stream, set[int]]] = {}
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
            kept = {code: mapping[code] for code in sorted(codes) if code in mapping}
            font.ToUnicode = pdf.make_stream(public_cmap.write_cmap(kept, width))
        _prune_widths(font, codes)
        _collect_glyphs(font, codes, mapping or {}, programs)
    for program, gids in programs.values():
        if not _subset(program, gids):
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
            font = _lookup(resources, "/Font", operands[0])
        elif operator == "gs" and operands:
            font = _state_font(_lookup(resources, "/ExtGState", operands[0]), font, usage)
        elif not _show(operator, operands, font, usage):
            _follow(operator, operands, resources, font, usage, seen, depth)


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
        target = _lookup(resources, "/XObject", operands[0])
        if not isinstance(target, pikepdf.Stream) or target.get("/Subtype") != Name.Form:
            return
    elif operator in ("scn", "SCN") and operands:
        target = _lookup(resources, "/Pattern", operands[-1])
        if not isinstance(target, pikepdf.Stream):
            return
    if target is None:
        return
    key = (target.objgen, font.objgen if isinstance(font, Dictionary) else None)
    if key in seen:
        return
    seen.add(key)
    _walk(target, target.get("/Resources", resources), font, usage, seen, depth + 1)


def _lookup(resources: Dictionary, category: str, name: Any) -> Any:
    group = resources.get(category)
    if not isinstance(group, Dictionary) or not isinstance(name, Name):
        return None
    return group.get(str(name))


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


def _collect_glyphs(
    font: pikepdf.Object,
    codes: set[int],
    mapping: dict[int, str],
    programs: dict[tuple[int, int], tuple[pikepdf.Stream, set[int]]],
) -> None:
    """Add the glyph ids ``font`` shows ``codes`` with to its TrueType program's set."""
    composite = font.get("/Subtype") == Name.Type0
    if not composite and font.get("/Subtype") != Name.TrueType:
        return  # Type 1 and CFF programs keep their glyphs
    owner = font.DescendantFonts[0] if composite else font
    descriptor = owner.get("/FontDescriptor")
    if not isinstance(descriptor, Dictionary):
        return
    program = descriptor.get("/FontFile2")
    if not isinstance(program, pikepdf.Stream):
        return
    if composite:
        glyphs = _cid_glyphs(owner, codes)
    else:
        glyphs = _simple_glyphs(program, _names(font, codes, mapping))
    if glyphs is None:
        return
    entry = programs.setdefault(program.objgen, (program, set()))
    entry[1].update(glyphs)
    if "/CIDSet" in descriptor:
        del descriptor["/CIDSet"]


def _cid_glyphs(descendant: pikepdf.Object, codes: set[int]) -> set[int] | None:
    mapping = descendant.get("/CIDToGIDMap", Name.Identity)
    if mapping == Name.Identity:
        return set(codes)
    if isinstance(mapping, pikepdf.Stream):
        table = mapping.read_bytes()
        return {
            int.from_bytes(table[2 * c : 2 * c + 2], "big") for c in codes if 2 * c < len(table)
        }
    return None


def _names(font: pikepdf.Object, codes: set[int], mapping: dict[int, str]) -> dict[int, set[Any]]:
    """Every way a reader may look up the glyph of each code of a simple TrueType font:
    the code itself (the (3,0) and (1,0) tables, and a symbolic font's F0xx), the
    characters it stands for (ToUnicode, WinAnsi, MacRoman, Latin-1) and the glyph name the
    encoding's /Differences gives it."""
    from fontTools import agl

    differences: dict[int, str] = {}
    encoding = font.get("/Encoding")
    if isinstance(encoding, Dictionary) and isinstance(encoding.get("/Differences"), Array):
        code = 0
        for item in encoding.Differences:
            if isinstance(item, int):
                code = int(item)
            elif isinstance(item, Name):
                differences[code] = str(item)[1:]
                code += 1
    ways: dict[int, set[Any]] = {}
    for code in codes:
        raw = bytes([code & 0xFF])
        chars = {raw.decode(c, errors="ignore") for c in ("cp1252", "mac_roman", "latin-1")}
        chars |= {mapping[code]} if code in mapping else set()
        name = differences.get(code)
        if name is not None:
            chars.add(agl.toUnicode(name))
        ways[code] = {("code", code), *(("char", c) for c in chars if len(c) == 1)}
        if name is not None:
            ways[code].add(("name", name))
    return ways


def _simple_glyphs(program: pikepdf.Stream, ways: dict[int, set[Any]]) -> set[int] | None:
    """The glyphs of a simple TrueType program that the codes' ``ways`` lead to."""
    from fontTools.ttLib import TTFont

    try:
        tt = TTFont(io.BytesIO(program.read_bytes()), lazy=False, recalcTimestamp=False)
        order = tt.getGlyphOrder()
        names: set[str] = set()
        tables = tt["cmap"].tables if "cmap" in tt else []
        for code, found in ways.items():
            for kind, value in found:
                if kind == "name" and value in order:
                    names.add(value)
                for table in tables:
                    keys = [code, 0xF000 + code, 0xF100 + code, 0xF200 + code]
                    if kind == "char":
                        keys = [ord(value)]
                    elif kind == "name":
                        keys = []
                    names |= {table.cmap[k] for k in keys if k in table.cmap}
        glyphs = {tt.getGlyphID(name) for name in names}
        if not tables:  # no table: the codes are the glyph ids
            glyphs |= {code for code in ways if code < len(order)}
        return glyphs
    except Exception:  # a damaged or unusual program: it keeps its glyphs
        return None


def _subset(program: pikepdf.Stream, glyphs: set[int]) -> bool:
    """Subset a TrueType program to ``glyphs`` (ids kept); False if it cannot be read."""
    from fontTools import subset
    from fontTools.ttLib import TTFont

    try:
        tt = TTFont(io.BytesIO(program.read_bytes()), lazy=False, recalcTimestamp=False)
        options = subset.Options()
        options.retain_gids = True
        options.legacy_cmap = True  # a simple font's codes go through (1,0) and (3,0)
        options.symbol_cmap = True
        options.notdef_outline = True
        options.name_IDs = ["*"]
        options.name_languages = ["*"]
        options.layout_features = []
        options.hinting = True
        options.glyph_names = True
        options.recalc_timestamp = False
        kept = sorted(glyphs | {0})
        order = tt.getGlyphOrder()
        names = {order[gid] for gid in kept if gid < len(order)}
        cmap = copy.deepcopy(tt["cmap"]) if "cmap" in tt else None
        subsetter = subset.Subsetter(options)
        subsetter.populate(gids=kept)
        subsetter.subset(tt)
        if cmap is not None:  # fontTools drops format 0, which simple fonts are read by
            for table in cmap.tables:
                table.cmap = {code: name for code, name in table.cmap.items() if name in names}
            tt["cmap"] = cmap
        buffer = io.BytesIO()
        tt.save(buffer)
    except Exception:  # a damaged or unusual program: it keeps its glyphs
        return False
    data = buffer.getvalue()
    program.write(data)
    program.Length1 = len(data)
    return True
