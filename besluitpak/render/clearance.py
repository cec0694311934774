"""A ready-made Word document kept out of the bands the bundle stamps.

The bundle draws the label, the kenmerk and a rule at the top of every page and the page
number at the bottom (:mod:`besluitpak.pdf.stamp`). Word puts a header 1.25 cm from the top
edge by default, across that rule, and a letterhead's logo is often anchored to the page
itself, closer still. So before conversion a ready-made .docx's header and footer move inward
to where the stamp ends, the margins grow where they could no longer hold them, and small
drawings anchored to the page's edge in a header or footer move with them. The text moves
along; a page can break differently than in Word (the same in both editions).
"""

from __future__ import annotations

from typing import Any

from docx.oxml.ns import qn
from docx.shared import Cm, Emu, Length, Pt

from besluitpak import housestyle

TOP_CLEAR = housestyle.STAMP_TOP_BAND + 5 + 6
"""Where a ready-made document's header may begin, in points from the top edge: below the
stamp's rule (5 pt under the label's baseline), with 6 pt to spare."""
BOTTOM_CLEAR = housestyle.STAMP_BOTTOM_BAND + housestyle.STAMP_SIZE + 6
"""Where its footer may end, in points from the bottom edge: above the page number, with
6 pt to spare."""
ROOM = Cm(0.5)
"""The least height left for a header or footer between its distance and the margin."""
SMALL = Cm(6)
"""A drawing anchored to the page that is taller than this is a background or a watermark:
it stays where it is."""
FROM_TOP = {"page", "topMargin"}
"""Anchors measured from the page's top edge."""


def clear_of_stamp(docx: Any) -> int:
    """Keep a ready-made document's header, footer and text out of the stamped bands: a
    header or footer closer to the edge than the stamp moves inward, a margin too small to
    hold it grows, a small drawing anchored to the page's edge in a header or footer moves
    out of the band. Returns how many sections and drawings changed."""
    changed = 0
    for section in docx.sections:
        before = _edges(section)
        header = max(section.header_distance or 0, Pt(TOP_CLEAR))
        footer = max(section.footer_distance or 0, Pt(BOTTOM_CLEAR))
        section.header_distance, section.footer_distance = header, footer
        section.top_margin = max(abs(section.top_margin or 0), header + ROOM)
        section.bottom_margin = max(abs(section.bottom_margin or 0), footer + ROOM)
        changed += before != _edges(section)
    heights = [s.page_height for s in docx.sections if s.page_height]
    page = Length(min(heights)) if heights else Cm(29.7)
    for part in docx.part.package.iter_parts():
        name = str(part.partname)
        if name.startswith(("/word/header", "/word/footer")) and hasattr(part, "element"):
            for anchor in part.element.iter(qn("wp:anchor")):
                changed += _move(anchor, page)
    return changed


def _edges(section: Any) -> tuple[int, ...]:
    return tuple(
        int(value or 0)
        for value in (
            section.header_distance,
            section.footer_distance,
            section.top_margin,
            section.bottom_margin,
        )
    )


def _move(anchor: Any, page: Length) -> bool:
    """Move a drawing anchored to the page's top edge out of the stamped band it is nearest
    (in the upper half: the top one); True if it moved. Drawings behind the text, tall ones,
    and ones placed otherwise stay."""
    position = anchor.find(qn("wp:positionV"))
    extent = anchor.find(qn("wp:extent"))
    if position is None or extent is None or anchor.get("behindDoc") == "1":
        return False
    if position.get("relativeFrom") not in FROM_TOP:
        return False
    height = Emu(int(extent.get("cy") or 0))
    if height > SMALL:
        return False
    offset = position.find(qn("wp:posOffset"))
    align = position.find(qn("wp:align"))
    if offset is not None and (offset.text or "").strip().lstrip("-").isdigit():
        top = int(offset.text or 0)
    elif align is not None and align.text in ("top", "bottom"):
        top = 0 if align.text == "top" else int(page) - int(height)
    else:
        return False
    low, high = int(Pt(TOP_CLEAR)), int(page) - int(Pt(BOTTOM_CLEAR)) - int(height)
    wanted = max(top, low) if top < int(page) // 2 else min(top, high)
    if wanted == top:
        return False
    for child in list(position):
        position.remove(child)
    new = position.makeelement(qn("wp:posOffset"), {})
    new.text = str(wanted)
    position.append(new)
    return True
