"""The house style of every page besluitpak draws itself: colours, margins, type sizes and
the stamp's geometry.

The bundle's cover and contents (:mod:`besluitpak.pdf.frontmatter`), its stamps and
watermark (:mod:`besluitpak.pdf.stamp`), the inventarislijst (:mod:`besluitpak.pdf.table`),
the pages standing in for withheld ones (:mod:`besluitpak.pdf.withhold`) and the meeting's
agenda (:mod:`besluitpak.pdf.agenda`) take their style from here, so they cannot drift apart.

This module sits below every stage (a helper, as :mod:`besluitpak.dutch` is) rather than in
``pdf/``: the clearance a ready-made Word document's header and footer keep from the stamp
(:mod:`besluitpak.render.clearance`, stage 2) must agree with the stamp's geometry, and a
stage may not import a later one. It imports nothing of besluitpak.
"""

from __future__ import annotations

from reportlab.lib.colors import Color
from reportlab.lib.pagesizes import A4

# --- colours ---------------------------------------------------------------------------------

ACCENT = Color(0x9E / 255, 0x1B / 255, 0x32 / 255)
"""The gemeente's red: banners, headings, a table's header row, links."""
INK = Color(0.1, 0.1, 0.1)
"""Body text."""
GREY = Color(0.33, 0.33, 0.33)
"""Secondary text: the stamps, the names in the cover's rows, an agenda entry's details."""
RULE = Color(0.75, 0.75, 0.75)
"""Thin rules: under the stamp's label, between a table's rows."""
STRIPE = Color(0.965, 0.945, 0.95)
"""Every other row of a table."""
WATERMARK = Color(0.96, 0.80, 0.80)
"""The diagonal mark under a page's content (e.g. ``CONCEPT``)."""

# --- the page --------------------------------------------------------------------------------

MARGIN = 70.9
"""Left and right margin of a drawn page, 2.5 cm, as the Word templates'."""
LEFT = MARGIN
"""Where text begins on an A4 portrait page."""
RIGHT = A4[0] - MARGIN
"""Where text ends on an A4 portrait page."""

# --- type sizes (points) ---------------------------------------------------------------------

BANNER_SIZE = 20.0
"""``Gemeente …`` in the banner at the top of a cover or an agenda, and a table's title."""
PLACEHOLDER_HEADING_SIZE = 18.0
"""The heading of a page standing in for a withheld document or page."""
PLACEHOLDER_TEXT_SIZE = 12.0
"""The text of such a page."""

# --- the stamp: page furniture on every page of a bundle -------------------------------------

STAMP_TOP_BAND = 34.0
"""Points from the top edge to the stamp's baseline (its rule lies 5 pt lower)."""
STAMP_BOTTOM_BAND = 30.0
"""Points from the bottom edge to the page number's baseline."""
STAMP_MARGIN = 56.7
"""Points from the left and right edge to the stamp's text (2 cm)."""
STAMP_SIZE = 8.5
"""The stamp's font size in points."""
