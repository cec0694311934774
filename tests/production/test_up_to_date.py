"""``besluitpak.up_to_date``: the quick "nothing changed" answer of the public API, which the
CLI's ``build`` uses before it loads anything, and which any other caller can ask too."""

from __future__ import annotations

import datetime as dt
import subprocess
import sys
import uuid
from pathlib import Path

import pytest

import besluitpak
from tests.helpers import edit

TODAY = dt.date(2020, 6, 1)


def _unique(case: Path) -> None:
    """A kenmerk of its own, so no other test's cache entries match the case."""
    kenmerk = f"2020/{uuid.uuid4().int % 10**8:08d}"
    edit(case / "besluitpak.yaml", "kenmerk: 2020/000123", f"kenmerk: {kenmerk}")


def test_a_folder_never_built_into_is_not_up_to_date(minimal: Path, tmp_path: Path) -> None:
    assert besluitpak.up_to_date(minimal, out=tmp_path / "out", today=TODAY) is None


def test_asking_loads_neither_the_case_model_nor_the_pdf_libraries(
    minimal: Path, tmp_path: Path
) -> None:
    script = (
        "import sys\nfrom pathlib import Path\nimport besluitpak\n"
        f"print(besluitpak.up_to_date(Path({str(minimal)!r}), out=Path({str(tmp_path)!r})))\n"
        "print(sorted(m for m in ('besluitpak.casefile.case', 'pydantic', 'pikepdf', 'docx')"
        " if m in sys.modules))\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, check=True
    )
    assert done.stdout.split("\n")[:2] == ["None", "[]"]


@pytest.mark.libreoffice
def test_the_last_build_is_found_until_an_input_or_the_day_changes(
    minimal: Path, tmp_path: Path
) -> None:
    _unique(minimal)
    out = tmp_path / "out"
    settings = besluitpak.BuildSettings(editions=("intern",), today=TODAY)
    case = besluitpak.load_case(minimal)
    built = besluitpak.build(case, out=out, settings=settings)

    found = besluitpak.up_to_date(minimal, out=out, editions=("intern",), today=TODAY)
    assert found is not None
    assert found.kenmerk == built.kenmerk
    assert found.files == built.files
    assert found.what == besluitpak.describe_request(case, ())
    assert found.notes == tuple(f"intern: {line}" for line in built.plans[0].summary())

    # another way of building the case, another day: not what was last built
    assert besluitpak.up_to_date(minimal, out=out, today=TODAY) is None
    later = TODAY + dt.timedelta(days=1)
    assert besluitpak.up_to_date(minimal, out=out, editions=("intern",), today=later) is None

    edit(minimal / "bijlagen" / "notitie.yaml", "De proef loopt", "De proef (anders) loopt")
    assert besluitpak.up_to_date(minimal, out=out, editions=("intern",), today=TODAY) is None
