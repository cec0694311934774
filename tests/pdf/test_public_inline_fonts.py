"""A font written inline (a direct dictionary in a shared resource dictionary, as some
tools write them) is cut down like any other: it has no object id, and the public copy's
glyph pruning used to pass it by, whole — a Type 3 font with the glyph procedures of the
withheld pages, ToUnicode maps with their characters."""

from __future__ import annotations

from pathlib import Path

import pikepdf

from besluitpak.pdf.public_copy import public_copy
from tests.pdf.test_public_copy import _bytes, _checked, _rendered, _type3


def test_an_inline_type3_font_shared_with_a_withheld_page_keeps_only_the_kept_glyphs(
    tmp_path: Path,
) -> None:
    source = tmp_path / "type3-inline.pdf"
    _type3(source, inline=True)
    with pikepdf.open(source) as pdf:
        assert not pdf.pages[0].obj.Resources.Font.T3.is_indirect  # as the tool wrote it
    markers = (b"TYPE3GLYPHMARKER", b"TYPE3RESOURCEMARKER")
    assert all(marker in _bytes(source, tmp_path) for marker in markers)
    out = tmp_path / "openbaar.pdf"
    public_copy(source, out, grounds={2: "5.1.2e"}, titel="Type 3 inline")
    data = _bytes(out, tmp_path)
    assert [marker for marker in markers if marker in data] == []
    assert _rendered(out, 1, tmp_path) == _rendered(source, 1, tmp_path)
    with pikepdf.open(out) as pdf:
        font = pdf.pages[0].obj.Resources.Font.T3
        assert set(font.CharProcs.keys()) == {"/g97"}
    _checked(out)
