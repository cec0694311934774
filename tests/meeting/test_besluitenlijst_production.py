"""The besluitenlijst made as a build makes a document: its .docx the same bytes every time
and built from an allow-list (it is public), its PDF from the document cache when nothing it
follows from changed, the same events as a case's documents; and the agenda's up-to-date
check kept in the output folder's build state."""

from __future__ import annotations

import datetime as dt
import json
import zipfile
from pathlib import Path

import pytest

import besluitpak
from besluitpak import events
from besluitpak.events import Event
from besluitpak.meeting import besluitenlijst
from tests.meeting.test_vergadering_file import copy_vergadering

DAY = dt.date(2020, 6, 16)
"""After the embargo of the test vergadering's embargoed item: every item in full."""


@pytest.fixture
def vergadering(tmp_path: Path) -> besluitpak.Vergadering:
    return besluitpak.load_vergadering(copy_vergadering(tmp_path / "vergadering"))


@pytest.fixture
def own_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A document cache of this test's own (the session's may hold the list already)."""
    path = tmp_path / "cache"
    monkeypatch.setenv("BESLUITPAK_CACHE", str(path))
    return path


def test_the_besluitenlijst_docx_is_the_same_bytes_every_time(
    vergadering: besluitpak.Vergadering, tmp_path: Path
) -> None:
    filled = besluitenlijst.context(
        vergadering, status=besluitpak.LijstStatus.DEFINITIEF, today=DAY
    )
    template = besluitenlijst.default_template()
    first = besluitenlijst.render(filled, template, tmp_path / "first.docx").read_bytes()
    second = besluitenlijst.render(filled, template, tmp_path / "second.docx").read_bytes()
    assert first == second
    with zipfile.ZipFile(tmp_path / "first.docx") as package:
        dates = {info.date_time for info in package.infolist()}
    assert dates == {(1980, 1, 1, 0, 0, 0)}, "a part dated by the clock differs next second"


def _kinds(seen: list[Event]) -> list[str]:
    return [
        type(event).__name__
        for event in seen
        if isinstance(event, events.DocumentConverted | events.DocumentFromCache)
    ]


@pytest.mark.libreoffice
@pytest.mark.usefixtures("own_cache")
def test_the_besluitenlijst_comes_from_the_cache_when_nothing_changed(
    vergadering: besluitpak.Vergadering, tmp_path: Path
) -> None:
    written = []
    for run, use_cache in enumerate((True, True, False)):
        seen: list[Event] = []
        lijst = besluitpak.write_besluitenlijst(
            vergadering,
            out=tmp_path / f"run{run}",
            status=besluitpak.LijstStatus.DEFINITIEF,
            today=DAY,
            settings=besluitpak.BuildSettings(use_cache=use_cache),
            on_event=seen.append,
        )
        written.append((lijst.pdf.read_bytes(), lijst.docx.read_bytes()))
        if run == 1:
            assert _kinds(seen) == ["DocumentFromCache"]
        else:  # the first time (the cache holds no such list), and --no-cache
            assert _kinds(seen) == ["DocumentConverted"]
    assert written[0] == written[1] == written[2]


@pytest.mark.libreoffice
@pytest.mark.usefixtures("own_cache")
def test_a_list_that_says_something_else_is_converted_not_taken_from_the_cache(
    vergadering: besluitpak.Vergadering, tmp_path: Path
) -> None:
    """The provisional and the definitive list of one meeting differ in what they say: each
    is its own entry in the cache."""
    seen: list[Event] = []
    for status in (
        besluitpak.LijstStatus.VOORLOPIG,
        besluitpak.LijstStatus.DEFINITIEF,
        besluitpak.LijstStatus.VOORLOPIG,
    ):
        besluitpak.write_besluitenlijst(
            vergadering, out=tmp_path, status=status, today=DAY, on_event=seen.append
        )
    assert _kinds(seen) == ["DocumentConverted", "DocumentConverted", "DocumentFromCache"]


@pytest.mark.libreoffice
def test_the_agenda_is_up_to_date_by_the_output_folders_build_state(
    vergadering: besluitpak.Vergadering, tmp_path: Path
) -> None:
    """The agenda and the vergadermap are remembered as a build's files are (their key and
    hash in ``.besluitpak-state.json``): unchanged inputs write nothing, ``--no-cache``
    writes them again."""
    out = tmp_path / "out"
    first = besluitpak.build_agenda(vergadering, out=out)
    written = {p: p.stat().st_mtime_ns for p in (first.agenda, first.vergadermap)}
    state = json.loads((out / ".besluitpak-state.json").read_text(encoding="utf-8"))
    assert set(state["files"]) == {first.agenda.name, first.vergadermap.name}
    assert not (out / ".besluitpak-vergadering.json").exists()

    again = besluitpak.build_agenda(vergadering, out=out)
    assert {p: p.stat().st_mtime_ns for p in written} == written
    assert (again.first_pages, again.pages) == (first.first_pages, first.pages)

    besluitpak.build_agenda(
        vergadering, out=out, settings=besluitpak.BuildSettings(use_cache=False)
    )
    assert all(p.stat().st_mtime_ns != mtime for p, mtime in written.items())
