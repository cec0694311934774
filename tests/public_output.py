"""A case with a marker in everything the public edition must not show, and the search for
those markers in every byte of a public file (the tests of each path to a public file use
it: build --only, render --openbaar, publish, the besluitenlijst and the web page).

Built on :func:`tests.publication.test_woo_publication.woo_case`: a ``{lak}`` passage in the
collegevoorstel and in a generated bijlage, a ready-made PDF whose withheld page 2 holds a
marker in its text, a bookmark and a note, a withheld bijlage with a marker in its text, and
the steller's name and e-mail. Added here: the withheld bijlage's **id** holds a marker (an
id such as ``voordracht-jansen`` can carry a name; nothing public may name it), and a
``{lak}`` passage in a besluitpunt (which the besluitenlijst prints).
"""

from __future__ import annotations

import subprocess
import zipfile
from pathlib import Path

from tests.helpers import edit
from tests.publication.test_woo_publication import EVERYWHERE, woo_case

WITHHELD_ID = "geheim-lekmarkerid"
"""The id of the withheld bijlage (bijlage 5)."""
BESLUITPUNT = "LEKMARKERBESLUITPUNT"
"""In a ``{lak}`` passage of one of the voorstel's besluitpunten."""
MARKERS = (*EVERYWHERE, "lekmarkerid", BESLUITPUNT)
"""Every marker; none may be in any byte of a public file, nor in its name."""
PUBLIC_IDS = ("collegevoorstel", "notitie", "kaart", "brief", "verslag")


def leak_case(case: Path) -> Path:
    """``case`` (a copy of tests/cases/minimal) with every marker planted."""
    woo_case(case)
    yaml = case / "besluitpak.yaml"
    edit(yaml, "  - id: geheim\n", f"  - id: {WITHHELD_ID}\n")
    edit(
        yaml,
        "      - De notitie vast te stellen ({bijlage:notitie}).",
        "      - De notitie vast te stellen ({bijlage:notitie}), "
        f"gehoord {{lak:5.1.2e}}{BESLUITPUNT} Dorpsstraat 9{{/lak}}.",
    )
    return case


def every_byte(path: Path, work: Path) -> bytes:
    """Everything ``path`` holds that a reader could get at, lower case: its name and
    bytes; for a PDF also every stream decompressed (qpdf --qdf, no object streams) and
    the text poppler extracts (through each font's ToUnicode: a subset font's text is not
    in the bytes as letters); for a .docx (or any zip) every part, decompressed."""
    data = [path.name.encode(), path.read_bytes()]
    if path.suffix == ".pdf":
        plain = work / f"{path.stem}.qdf.pdf"
        subprocess.run(
            ["qpdf", "--qdf", "--object-streams=disable", str(path), str(plain)], check=True
        )
        data.append(plain.read_bytes())
        text = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(path), "-"], capture_output=True, check=True
        )
        data.append(text.stdout)
    elif zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            data += [name.encode() for name in archive.namelist()]
            data += [archive.read(name) for name in archive.namelist()]
    return b"\n".join(data).lower()


def markers_in(path: Path, work: Path) -> list[str]:
    """The markers found anywhere in ``path`` (see :func:`every_byte`)."""
    data = every_byte(path, work)
    return [marker for marker in MARKERS if marker.lower().encode() in data]


def leaks(files: list[Path], work: Path) -> dict[str, list[str]]:
    """Per file name, the markers it holds (only files that hold any)."""
    found = {path.name: markers_in(path, work) for path in files}
    return {name: markers for name, markers in found.items() if markers}
