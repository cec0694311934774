"""An embedded TrueType program (``/FontFile2``) of a public copy cut down to the glyphs its
pages show: the glyph ids each font's codes lead to are collected per program, then the
program is subset with fontTools, glyph ids kept (``retain_gids``) so the content streams
stay valid, its ``name`` table emptied (free text: a withheld word may be in it) and its
``/CIDSet`` gone. A program fontTools cannot read keeps its glyphs."""

from __future__ import annotations

import copy
import io
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name

Programs = dict[tuple[int, int], tuple[pikepdf.Stream, set[int]]]
"""Per TrueType program (by object id): the program and the glyph ids to keep."""


def collect_glyphs(
    font: pikepdf.Object, codes: set[int], mapping: dict[int, str], programs: Programs
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


def subset(program: pikepdf.Stream, glyphs: set[int]) -> bool:
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
        options.name_IDs = []  # allow-list: no name record (a generator's free text) ships
        options.name_legacy = False
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
