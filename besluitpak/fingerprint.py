"""The one fingerprint of what an output depends on: inputs, options and tool versions.

Every consumer takes its key from here, so they cannot disagree:

- the document cache (:func:`document_key`): one converted PDF;
- the up-to-date check (:func:`bundle_key`, :func:`run_signature`): the files of a build;
- the archive (:func:`archive_fingerprint`): whether a version is new.

Each of them includes :func:`tools`: besluitpak's own code (:func:`code_version`, a hash of
its source and of the versions of the :data:`LIBRARIES`), and the converter's identity
(LibreOffice's version and export filter), which the caller passes in: this module is
below the stages and imports none of them.

It is a helper, not part of the build's middle (:mod:`besluitpak.production`), because
stages below the middle key their own records with it too: the archive
(:mod:`besluitpak.archival`) and the case model's remembered checks
(:mod:`besluitpak.casefile`) would otherwise import upwards.
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from besluitpak.files import file_hash
from besluitpak.release import __version__

if TYPE_CHECKING:
    from besluitpak.casefile.case import Case
    from besluitpak.publication.editions import EditionPlan

LIBRARIES = (
    "jsonschema",
    "pydantic",
    "docxtpl",
    "python_docx",
    "jinja2",
    "lxml",
    "pikepdf",
    "pypdf",
    "reportlab",
    "fonttools",
)
"""The libraries whose version changes what is checked, rendered or assembled (as their
.dist-info folders spell them, lower case, ``-`` as ``_``)."""

Tools = Mapping[str, str]
"""``besluitpak`` (code version), ``libreoffice`` and ``filter``: see :func:`tools`."""


def digest(value: Any) -> str:
    """SHA-256 of ``value`` as canonical JSON (sorted keys; dates as text)."""
    text = json.dumps(value, sort_keys=True, ensure_ascii=False, default=str, separators=(",", ":"))
    return hashlib.sha256(text.encode()).hexdigest()


@functools.cache
def code_version() -> str:
    """The release, a hash of besluitpak's own source and the versions of the libraries that
    shape the output: an edited checkout or an upgraded library never reuses what older
    code made."""
    package = Path(__file__).parent
    hashed = hashlib.sha256(__version__.encode())
    for source in sorted(package.rglob("*.py")):
        hashed.update(source.relative_to(package).as_posix().encode())
        hashed.update(source.read_bytes())
    hashed.update(" ".join(library_versions()).encode())
    return f"{__version__}+{hashed.hexdigest()[:12]}"


def library_versions(names: Sequence[str] = LIBRARIES) -> list[str]:
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


def tools(converter: Mapping[str, str]) -> dict[str, str]:
    """What every fingerprint holds besides the inputs: besluitpak's code version and the
    converter's identity (``{"libreoffice": …, "filter": …}``)."""
    return {"besluitpak": code_version(), **converter}


def document_key(basis: Mapping[str, Any], *, tools: Tools) -> str:
    """The cache key of one converted document: what made its source (template and the
    values it uses, or a ready-made file's bytes) and the tools."""
    return digest({**basis, "tools": dict(tools)})


def _inputs(case: Case) -> dict[str, str]:
    return {str(path): file_hash(path) for path in sorted(case.inputs)}


def _editions(plans: Sequence[EditionPlan]) -> list[dict[str, Any]]:
    return [
        {
            "name": p.name,
            "public": p.public,
            "embargo": str(p.embargo),
            "withheld": [d.id for d in p.withheld],
            "released": [d.id for d in p.released],
            "override": None
            if p.override is None
            else [p.override.reden, p.override.user, p.override.time],
        }
        for p in plans
    ]


def bundle_key(
    case: Case, plans: Sequence[EditionPlan], only: Sequence[str], *, tools: Tools
) -> str:
    """Everything the files of one build depend on: every input file's bytes, what each
    edition holds today, the documents asked for, and the tools."""
    return digest(
        {
            "inputs": _inputs(case),
            "only": sorted(only),
            "plans": _editions(plans),
            "tools": dict(tools),
        }
    )


def run_signature(
    case_file: Path, *, editions: Sequence[str], only: Sequence[str], tools: Tools
) -> str:
    """One way of building a case (for the quick up-to-date check, which compares the
    input files' hashes itself): the case file, the options and the tools."""
    return digest(
        {
            "case": str(case_file.resolve()),
            "editions": sorted(editions),
            "only": sorted(only),
            "tools": dict(tools),
        }
    )


def archive_fingerprint(
    case: Case, plans: Sequence[EditionPlan], *, tools: Tools
) -> dict[str, Any]:
    """What decides an archived version's content (stored in its manifest): the inputs'
    bytes by path inside the case folder, what each edition holds, and the tools."""
    inputs = {
        path.resolve().relative_to(case.root).as_posix(): file_hash(path)
        for path in sorted(case.inputs)
    }
    return {
        "inputs": inputs,
        "editions": [
            {"name": p.name, "embargo": str(p.embargo), "withheld": [d.id for d in p.withheld]}
            for p in plans
        ],
        "tools": dict(tools),
    }
