"""What the output depends on besides the inputs: besluitpak's own code and the libraries."""

from __future__ import annotations

import functools
import hashlib
import os
import sys
from pathlib import Path

from besluitpak import __version__

_LIBRARIES = ("jsonschema", "pydantic", "docxtpl", "python_docx", "jinja2", "lxml", "pikepdf",
              "reportlab", "fonttools")
"""The libraries whose version changes what is checked, rendered or assembled."""


@functools.cache
def code_version() -> str:
    """The release, a hash of besluitpak's own source and the versions of the libraries that
    shape the output: an edited checkout or an upgraded library never reuses what older
    code made."""
    digest = hashlib.sha256(__version__.encode())
    for source in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(source.name.encode())
        digest.update(source.read_bytes())
    digest.update(" ".join(library_versions()).encode())
    return f"{__version__}+{digest.hexdigest()[:12]}"


def library_versions(names: tuple[str, ...] = _LIBRARIES) -> list[str]:
    """``docxtpl-0.20.1`` …, read off the installed packages' .dist-info folders (as cheap
    as a directory listing; importlib.metadata costs ~50 ms to import)."""
    found = []
    folders = {Path(entry).resolve() for entry in sys.path if entry and Path(entry).is_dir()}
    for folder in sorted(folders):
        for entry in os.listdir(folder):
            if entry.endswith(".dist-info"):
                name = entry.removesuffix(".dist-info")
                if name.split("-")[0].lower().replace(".", "_") in names:
                    found.append(name)
    return sorted(found)
