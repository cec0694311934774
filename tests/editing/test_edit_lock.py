"""The edit lock of a case (editing.edits.exclusive): one holder at a time, across threads
and processes, as the page and the terminal both take it."""

from __future__ import annotations

import subprocess
import sys
import threading
from pathlib import Path

import pytest
from filelock import FileLock, Timeout

from besluitpak.editing import edits


def test_a_second_holder_in_another_thread_waits_until_the_first_lets_go(tmp_path: Path) -> None:
    held, release, order = threading.Event(), threading.Event(), []

    def first() -> None:
        with edits.exclusive(tmp_path, "zaak"):
            order.append("first in")
            held.set()
            release.wait(timeout=30)
            order.append("first out")

    thread = threading.Thread(target=first)
    thread.start()
    held.wait(timeout=30)
    with pytest.raises(Timeout):  # taken: a new holder cannot have it now
        FileLock(edits.lock_file(tmp_path, "zaak")).acquire(timeout=0.2)
    release.set()
    with edits.exclusive(tmp_path, "zaak"):
        order.append("second in")
    thread.join(timeout=30)
    assert order == ["first in", "first out", "second in"]


def test_a_lock_held_by_another_process_is_waited_for_and_freed_when_it_ends(
    tmp_path: Path,
) -> None:
    script = (
        "import sys; from pathlib import Path; from besluitpak.editing import edits\n"
        "with edits.exclusive(Path(sys.argv[1]), 'vergaderingen/2026-50.yaml'):\n"
        "    print('held', flush=True); sys.stdin.readline()\n"
    )
    with subprocess.Popen(
        [sys.executable, "-c", script, str(tmp_path)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    ) as process:
        assert process.stdout is not None and process.stdin is not None
        assert process.stdout.readline() == "held\n"
        lock = edits.lock_file(tmp_path, "vergaderingen/2026-50.yaml")
        assert lock.name == "edit-vergaderingen-2026-50.yaml.lock"
        with pytest.raises(Timeout):
            FileLock(lock).acquire(timeout=0.2)
        process.stdin.write("\n")
        process.stdin.flush()
        assert process.wait(timeout=30) == 0
    with edits.exclusive(tmp_path, "vergaderingen/2026-50.yaml"):
        pass  # free again
