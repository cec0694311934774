"""The house style's page geometry that more than one stage needs.

The stamp line (pdf/stamp.py draws it) and the clearance a ready-made Word document's header
and footer keep from it (render/clearance.py) must agree, so the numbers live here, below
every stage, and both import them.
"""

from __future__ import annotations

STAMP_TOP_BAND = 34.0
"""Points from the top edge to the stamp's baseline (its rule lies 5 pt lower)."""
STAMP_BOTTOM_BAND = 30.0
"""Points from the bottom edge to the page number's baseline."""
STAMP_SIZE = 8.5
"""The stamp's font size in points."""
