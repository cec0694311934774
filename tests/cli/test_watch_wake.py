"""``besluitpak watch`` looks at the files when the kernel tells of a save in the case's
folder (or below it), not only at its next look: a wait of an hour ends at the save. A file
still being written does not end it (the look would see it half written); its close does."""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from besluitpak.cli.wake import Wake, woken_by_changes

HOUR = 3600.0


def _waiting(wait: Callable[[float], None]) -> threading.Thread:
    """``wait(HOUR)`` in a thread of its own, started."""
    thread = threading.Thread(target=wait, args=(HOUR,), daemon=True)
    thread.start()
    return thread


def _ended(thread: threading.Thread) -> bool:
    thread.join(timeout=60)
    return not thread.is_alive()


@pytest.fixture
def data(tmp_path: Path) -> Path:
    path = tmp_path / "bijlagen" / "notitie.yaml"
    path.parent.mkdir()
    path.write_text("waarde: 1\n", encoding="utf-8")
    return path


@pytest.fixture
def wake(tmp_path: Path, data: Path) -> Iterator[Wake]:
    with woken_by_changes(tmp_path) as wake:
        assert wake is not None
        yield wake


def test_a_save_below_the_case_folder_ends_watch_s_wait_again_and_again(
    data: Path, wake: Wake
) -> None:
    for value in (2, 3):
        thread = _waiting(wake.wait)
        data.write_text(f"waarde: {value}\n", encoding="utf-8")
        assert _ended(thread), "the save did not end the wait"


def test_a_file_being_written_ends_the_wait_only_when_it_is_closed(data: Path, wake: Wake) -> None:
    thread = _waiting(wake.wait)
    with data.open("w", encoding="utf-8") as file:
        file.write("waar")
        file.flush()
        os.fsync(file.fileno())
        thread.join(timeout=0.5)
        assert thread.is_alive(), "woken while the file was half written"
        file.write("de: 4\n")
    assert _ended(thread)


def test_a_safe_save_renamed_into_place_ends_the_wait(tmp_path: Path, data: Path) -> None:
    written = data.with_name(".notitie.yaml.tmp")
    written.write_text("waarde: 5\n", encoding="utf-8")  # before the watch began
    with woken_by_changes(tmp_path) as wake:
        assert wake is not None
        thread = _waiting(wake.wait)
        written.replace(data)
        assert _ended(thread)


def test_without_a_save_the_wait_lasts_its_interval(data: Path, wake: Wake) -> None:
    data.read_text(encoding="utf-8")  # read, not written (as the build reads it)
    thread = _waiting(wake.wait)
    thread.join(timeout=0.5)
    assert thread.is_alive()
