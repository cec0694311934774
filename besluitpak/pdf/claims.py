"""What a bundle may claim, decided from what :mod:`besluitpak.pdf.inspect` found in it.

A claim is made only when the checks behind it pass. PDF/UA-1 needs every accessibility
check; PDF/A-2 level a needs the logical structure, level u the Unicode mapping of every font,
level b only the archival basics. A failed check withholds the claims it stands behind, and
the build says which, naming the document and page where inspect said where.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from besluitpak.pdf.inspect import Check

UA_AREAS = frozenset({"metadata", "fonts", "structure", "annotations", "navigation", "furniture"})
"""Areas whose every check PDF/UA-1 stands behind."""
LEVEL_A_AREAS = frozenset({"structure"})
"""Areas PDF/A-2 level a (logical structure) stands behind, besides level u's."""


@dataclass(frozen=True, kw_only=True)
class Claims:
    """What an output claims, and why it claims no more."""

    pdfa: str
    """The PDF/A-2 conformance level: ``A``, ``U`` or ``B``; ``""``: no PDF/A claim."""
    pdfua: bool
    withheld: tuple[str, ...] = ()
    """One line per claim withheld, with the checks that failed."""


def decide(checks: Sequence[Check], *, level: str, where: Callable[[int], str]) -> Claims:
    """The claims ``checks`` support, at most PDF/A-2 ``level`` and PDF/UA-1.

    ``where`` names the document a page (1-based) belongs to, for the messages.
    """
    failed = [c for c in checks if not c.ok and c.area != "identification"]
    ua = [c for c in failed if c.area in UA_AREAS]
    unicode = [c for c in failed if c.area == "fonts" and "Unicode" in c.name]
    structure = [c for c in failed if c.area in LEVEL_A_AREAS]
    pdfa = level
    if pdfa == "A" and (structure or unicode):
        pdfa = "U"
    if pdfa == "U" and unicode:
        pdfa = "B"
    withheld = []
    if ua:
        withheld.append(f"not claimed: PDF/UA-1, because {_because(ua, where)}")
    if pdfa != level:
        cause = structure + unicode
        withheld.append(
            f"claimed PDF/A-2{pdfa.lower()} instead of PDF/A-2{level.lower()}, "
            f"because {_because(cause, where)}"
        )
    return Claims(pdfa=pdfa, pdfua=not ua, withheld=tuple(withheld))


_PAGE = re.compile(r"\bp(?:ages?|\.)\s*((?:\d+(?:,\s*)?)+)")


def _because(failed: Sequence[Check], where: Callable[[int], str]) -> str:
    return "; ".join(f"{c.name} failed ({_located(c.detail, where)})" for c in failed)


def _located(detail: str, where: Callable[[int], str]) -> str:
    """``detail`` with its page numbers named by document: ``p.7`` → ``p.7 (bijlage 4)``."""

    def name(match: re.Match[str]) -> str:
        numbers = [int(n) for n in re.findall(r"\d+", match.group(1))]
        documents = sorted({where(n) for n in numbers})
        return f"{match.group(0).rstrip(', ')} ({', '.join(documents)})"

    return _PAGE.sub(name, detail, count=3)
