"""A LibreOffice started before the build knows what it converts: the first local
conversion hands its batch to it once the documents are written, and it never outlives the
build — ended when there is nothing to convert, when the build converts elsewhere, or when
the build ends without using it."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import docx
import pikepdf
import pytest

from besluitpak.convert import backend, early, workers

pytestmark = pytest.mark.libreoffice


def _document(path: Path) -> Path:
    made = docx.Document()
    made.add_heading("Besluit", 1)
    made.add_paragraph("Het college besluit de notitie vast te stellen.")
    path.parent.mkdir(parents=True, exist_ok=True)
    made.save(str(path))
    return path


@pytest.fixture
def started() -> Iterator[early.Idle]:
    with backend.early_start("local"):
        [idle] = early._idle
        assert idle.process.poll() is None
        yield idle
    assert not early._idle


def test_the_first_conversion_hands_its_documents_to_the_libreoffice_started_early(
    started: early.Idle, tmp_path: Path
) -> None:
    source = tmp_path / "src" / "besluit.docx"
    conversion = backend.choose("local").start([source], tmp_path / "pdf", jobs=2)
    assert isinstance(conversion, workers.Conversion)
    assert not early._idle  # taken
    _document(source)  # written after the conversion started, as a build does
    [(converted, pdf)] = conversion.finish().items()
    assert converted == source
    with pikepdf.open(pdf) as document:
        assert len(document.pages) == 1
    assert conversion.profiles == [started.profile]  # no other LibreOffice was started
    assert started.process.poll() is not None  # it ends after the conversion


def test_nothing_to_convert_ends_the_libreoffice_started_early(
    started: early.Idle, tmp_path: Path
) -> None:
    backend.choose("local").start([], tmp_path / "pdf", jobs=2).finish()
    assert not early._idle
    assert started.process.poll() is not None


def test_an_early_libreoffice_nobody_used_ends_with_the_build() -> None:
    with backend.early_start(None):
        [idle] = early._idle
    assert idle.process.poll() is not None
    assert not early._idle


def test_a_build_on_unoserver_starts_no_libreoffice_early() -> None:
    with backend.early_start("unoserver://127.0.0.1:2003"):
        assert not early._idle


def test_each_batch_goes_to_its_own_libreoffice_started_early_and_spare_ones_end(
    tmp_path: Path,
) -> None:
    with backend.early_start("local", jobs=3):
        started = list(early._idle)
        assert len(started) == 3 and all(i.process.poll() is None for i in started)
        sources = [tmp_path / "src" / f"{name}.docx" for name in ("besluit", "notitie")]
        conversion = backend.choose("local").start(sources, tmp_path / "pdf", jobs=2)
        assert isinstance(conversion, workers.Conversion)
        assert not early._idle  # two taken, the third ended: two batches
        assert started[2].process.poll() is not None
        for source in sources:  # written after the conversion started, as a build does
            _document(source)
        converted = conversion.finish()
    assert sorted(converted) == sorted(sources)
    for pdf in converted.values():
        with pikepdf.open(pdf) as document:
            assert len(document.pages) == 1
    assert sorted(conversion.profiles) == sorted(i.profile for i in started[:2])
    assert all(i.process.poll() is not None for i in started)


def test_a_batch_of_many_is_handed_over_before_it_is_written_and_converted_whole(
    tmp_path: Path,
) -> None:
    """A build of several cases: the early LibreOffices get their batches at once and
    convert while the rest is written; what one reached before it was written is converted
    again, so every document arrives all the same."""
    count = workers.STREAM_AT_LEAST * 4
    with backend.early_start("local", jobs=2):
        started = list(early._idle)
        sources = [tmp_path / "src" / f"d{n:02d}.docx" for n in range(count)]
        conversion = backend.choose("local").start(sources, tmp_path / "pdf", jobs=2)
        assert isinstance(conversion, workers.Conversion)
        assert len(conversion._runs) == 2  # handed over now, not once all are written
        assert all(run.order[0].stem == workers.WARMUP_NAME for run in conversion._runs)
        for source in sources:
            _document(source)
        converted = conversion.finish()
    assert sorted(converted) == sorted(sources)
    for pdf in converted.values():
        with pikepdf.open(pdf) as document:
            assert len(document.pages) == 1
    assert all(i.process.poll() is not None for i in started)
