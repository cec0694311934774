"""A Type 3 font of a public copy keeps only the glyph procedures its pages show.

A Type 3 glyph is a small content stream — it can paint a picture or text of its own. A font
shared with a withheld page would otherwise bring the glyphs only that page showed. The codes
shown are turned into glyph names through the font's ``/Differences`` (a Type 3 font names its
glyphs there); every other procedure is dropped, and with it what only it drew from the font's
resources. A font whose encoding cannot be read keeps its procedures.

Its glyph names are a channel too: a generator may name a glyph after what it draws
(``/Jonker`` for a logo, ``/J_o_n_k_e_r`` for a ligature), and the name would survive the
redaction of the word. So a pruned font's glyphs are renamed (:func:`neutral`): the glyph of
code 74 is ``/g74`` in ``/Differences`` and ``/CharProcs`` alike, the ``/Differences`` list
only the codes shown, and what an old name meant (``/a``: "a", by the Adobe Glyph List) goes
into the ToUnicode map :mod:`besluitpak.pdf.public_glyphs` writes, so the text stays readable.
"""

from __future__ import annotations

from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name

_USES = {
    "Tf": "/Font",
    "Do": "/XObject",
    "gs": "/ExtGState",
    "cs": "/ColorSpace",
    "CS": "/ColorSpace",
    "sh": "/Shading",
}


def prune(font: pikepdf.Object, codes: set[int]) -> bool:
    """Keep the procedures of ``font`` for ``codes`` only; False if its encoding could not
    be read (it is left whole)."""
    encoding = font.get("/Encoding")
    procs = font.get("/CharProcs")
    if not isinstance(encoding, Dictionary) or not isinstance(procs, Dictionary):
        return False
    differences = _differences(encoding.get("/Differences"))
    names = {differences[code] for code in codes if code in differences}
    for key in list(procs.keys()):
        if key not in names:
            del procs[key]
    _prune_resources(font)
    return True


def neutral(font: pikepdf.Object, codes: set[int]) -> dict[int, str]:
    """Rename the glyphs of a pruned Type 3 ``font`` (see the module) to ``/g<code>``, only
    the ``codes`` shown kept in ``/Differences``; code -> the text the old name meant."""
    from fontTools import agl

    encoding = font.get("/Encoding")
    procs = font.get("/CharProcs")
    if not isinstance(encoding, Dictionary) or not isinstance(procs, Dictionary):
        return {}
    differences = _differences(encoding.get("/Differences"))
    renamed = Dictionary()  # (prune kept only the procedures /Differences names)
    listed = Array()
    meaning: dict[int, str] = {}
    for code in sorted(c for c in codes if c in differences):
        old, new = differences[code], f"/g{code}"
        if text := agl.toUnicode(old.lstrip("/")):
            meaning[code] = text
        if old in procs:
            renamed[new] = procs[old]
        listed.append(code)
        listed.append(Name(new))
    encoding.Differences = listed
    font.CharProcs = renamed
    return meaning


def _differences(value: Any) -> dict[int, str]:
    """Code → glyph name (``/a``) of an encoding's /Differences."""
    found: dict[int, str] = {}
    code = 0
    for item in value if isinstance(value, Array) else []:
        if isinstance(item, int):
            code = int(item)
        elif isinstance(item, Name):
            found[code] = str(item)
            code += 1
    return found


def _prune_resources(font: pikepdf.Object) -> None:
    """Remove from the font's resources what no remaining procedure names."""
    resources = font.get("/Resources")
    if not isinstance(resources, Dictionary):
        return
    used: set[tuple[str, str]] = set()
    for proc in font.CharProcs.values():
        try:
            instructions = pikepdf.parse_content_stream(proc)
        except pikepdf.PdfError:
            continue
        for instruction in instructions:
            if isinstance(instruction, pikepdf.ContentStreamInlineImage):
                used.add(("/ColorSpace", str(instruction.iimage.obj.get("/ColorSpace"))))
                continue
            used |= _names(str(instruction.operator), list(instruction.operands))
    for category in list(resources.keys()):
        entries = resources[category]
        if not isinstance(entries, Dictionary):
            continue
        for name in list(entries.keys()):
            if (category, name) not in used:
                del entries[name]


def _names(operator: str, operands: list[Any]) -> set[tuple[str, str]]:
    if operator in _USES and operands:
        return {(_USES[operator], str(operands[0]))}
    if operator in ("scn", "SCN") and operands:
        return {("/Pattern", str(operands[-1]))}
    if operator == "BDC" and len(operands) > 1:
        return {("/Properties", str(operands[1]))}
    return set()
