"""Which route functions a person may be linked to: only those the workspace's route
templates name (``routes.yaml``, or the built-in default route without one). The one check
behind ``besluitpak users functie`` and the admin's Functie form (``/beheer/``), so a typo
never links a person to a function no step will ever ask."""

from __future__ import annotations

from pathlib import Path

from besluitpak.errors import BesluitpakError
from besluitpak.route import template


def named_functie(root: Path, functie: str) -> str:
    """``functie`` (spaces collapsed, any case) as the route templates of the workspace
    ``root`` spell it; refused (coded, the page shows it in Dutch) when they do not name it."""
    wanted = " ".join(functie.split())
    routes = root / template.ROUTES_FILE
    known = template.functies(routes)
    spelled = {f.casefold(): f for f in known}
    if wanted and wanted.casefold() in spelled:
        return spelled[wanted.casefold()]
    builtin = not routes.is_file()
    where = f"the built-in route (no {routes.name})" if builtin else routes.name
    raise BesluitpakError(
        f"FUNCTIE: expected one of the functions of {where} ({', '.join(known)}), got {wanted!r}"
    ).coded(
        "route-unknown-functie-builtin" if builtin else "route-unknown-functie",
        functie=wanted,
        known=", ".join(known),
    )
