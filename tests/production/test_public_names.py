"""The public API's names stay what ``besluitpak/__init__.py`` says they are, whatever has
been imported: a subpackage imported under the same name (``besluitpak.render``) would
replace a lazily exported function on the package."""

from __future__ import annotations

import importlib
import pkgutil
import types

import besluitpak


def test_every_public_name_survives_importing_every_subpackage() -> None:
    for info in pkgutil.iter_modules(besluitpak.__path__, "besluitpak."):
        if info.ispkg and not info.name.endswith(".web"):  # the web page needs Django set up
            importlib.import_module(info.name)
    shadowed = [
        name
        for name in besluitpak.__all__
        if name != "events" and isinstance(getattr(besluitpak, name), types.ModuleType)
    ]
    assert shadowed == []
