"""The public API that the CLI and the web page both call: events, settings, -q, --strict."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import besluitpak
from besluitpak import events
from tests.helpers import ROOT, cli


def _damage_xref(case: Path) -> None:
    """A ready-made PDF that qpdf repairs, with a warning."""
    path = case / "bijlagen" / "kaart.pdf"
    path.write_bytes(path.read_bytes().replace(b"startxref\n", b"startxref\n9"))


def test_every_name_in_all_is_exported() -> None:
    for name in besluitpak.__all__:
        assert getattr(besluitpak, name) is not None, name
    with pytest.raises(AttributeError):
        _ = besluitpak.no_such_thing


@pytest.mark.libreoffice
def test_the_documented_script_builds_the_reference_case(reference: Path, tmp_path: Path) -> None:
    page = (ROOT / "docs" / "python.md").read_text(encoding="utf-8")
    section = page.split("# Using besluitpak from Python", 1)[1]
    script = re.search(r"```python\n(.*?)```", section, re.S)
    assert script is not None, "docs/python.md shows no script"
    done = subprocess.run(
        [sys.executable, "-c", script.group(1)],
        cwd=reference,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={
            **os.environ,
            "PYTHONPATH": str(ROOT),
            "BESLUITPAK_CACHE": str(tmp_path / "own-cache"),
        },
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert lines[-1] == (
        "out/api/collegebesluit-2014-123456-intern.pdf 56 pages, 0 documents from the cache"
    )
    assert any(line.startswith("StageFinished(stage='render'") for line in lines)
    assert sum(line.startswith("DocumentConverted(") for line in lines) == 12


@pytest.mark.libreoffice
def test_events_say_what_was_converted_and_what_came_from_the_cache(
    minimal: Path, tmp_path: Path
) -> None:
    case = besluitpak.load_case(minimal)
    settings = besluitpak.BuildSettings(editions=("intern",), use_cache=False)
    seen: list[besluitpak.Event] = []
    first = besluitpak.build(case, out=tmp_path / "a", settings=settings, on_event=seen.append)
    converted = {e.document for e in seen if isinstance(e, events.DocumentConverted)}
    assert converted == {"collegevoorstel", "notitie", "brief"}
    prepared = {e.document for e in seen if isinstance(e, events.DocumentRendered)}
    assert prepared == {"kaart"}  # the ready-made PDF: checked, not converted
    stages = [e.stage for e in seen if isinstance(e, events.StageFinished)]
    assert stages == ["render", "convert", "assemble"]
    assert not any(d.cached for d in first.documents)

    again: list[besluitpak.Event] = []
    cached = besluitpak.BuildSettings(editions=("intern",))
    besluitpak.build(case, out=tmp_path / "b", settings=cached, on_event=again.append)
    second = besluitpak.build(case, out=tmp_path / "c", settings=cached, on_event=again.append)
    assert {d.id for d in second.documents if d.cached} == {"collegevoorstel", "notitie", "brief"}
    assert not any(isinstance(e, events.DocumentConverted) for e in again[len(again) // 2 :])


@pytest.mark.libreoffice
def test_a_warning_is_an_event_and_goes_to_logging(
    minimal: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    _damage_xref(minimal)
    seen: list[besluitpak.Event] = []
    with caplog.at_level("WARNING", logger="besluitpak"):
        result = besluitpak.build(besluitpak.load_case(minimal), out=tmp_path, on_event=seen.append)
    [warning] = [e for e in seen if isinstance(e, events.BuildWarning)]
    assert "the PDF was damaged and has been repaired" in warning.message
    assert result.warnings == (warning.message,)
    assert warning.message in caplog.text


@pytest.mark.libreoffice
def test_strict_fails_on_a_warning_and_writes_nothing(minimal: Path, tmp_path: Path) -> None:
    _damage_xref(minimal)
    result = cli("build", minimal, "--out", tmp_path / "out", "--strict")
    assert result.exit_code == 1
    assert "--strict: 1 warning(s), nothing written; first: bijlagen/kaart.pdf" in result.stderr
    assert not list((tmp_path / "out").glob("*.pdf"))
    with pytest.raises(besluitpak.StrictError):
        besluitpak.build(
            besluitpak.load_case(minimal),
            out=tmp_path / "api",
            settings=besluitpak.BuildSettings(strict=True),
        )


@pytest.mark.libreoffice
def test_quiet_prints_only_the_files(minimal: Path, tmp_path: Path) -> None:
    result = cli("-q", "build", minimal, "--out", tmp_path / "out")
    assert result.exit_code == 0
    assert result.stderr == ""
    assert [Path(line).name for line in result.stdout.split()] == [
        "collegebesluit-2020-000123-intern.pdf",
        "collegebesluit-2020-000123-openbaar.pdf",
    ]


@pytest.mark.libreoffice
def test_verbose_names_every_document(minimal: Path, tmp_path: Path) -> None:
    result = cli("-v", "build", minimal, "--out", tmp_path / "out", "--edition", "intern")
    assert result.exit_code == 0
    for document in ("collegevoorstel", "notitie", "kaart", "brief"):
        assert f"    {document} (intern): " in result.stderr
