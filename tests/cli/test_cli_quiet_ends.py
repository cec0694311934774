"""A command ends as a terminal user expects: a reader that stops listening (``besluitpak …
| head -1``) ends it quietly, and no library's debug lines reach its output (deduce's import
configured the root logger at DEBUG, so filelock's lines appeared)."""

from __future__ import annotations

import logging
import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.helpers import MINIMAL, ROOT


def test_a_closed_pipe_ends_the_command_quietly_without_an_internal_error(tmp_path: Path) -> None:
    case = tmp_path / "proef"
    shutil.copytree(MINIMAL, case)
    shutil.copy(ROOT / "routes.yaml", case / "routes.yaml")
    read, write = os.pipe()
    os.close(read)  # the reader is gone before the command writes (as `| head -1` after a line)
    try:
        ended = subprocess.run(
            [sys.executable, "-m", "besluitpak", "route", "status", str(case), "--json"],
            stdout=write, stderr=subprocess.PIPE, text=True, timeout=120, check=False,
        )  # fmt: skip
    finally:
        os.close(write)
    assert ended.stderr == ""  # no "internal error", no "Exception ignored"
    assert ended.returncode == 141  # as a shell reports a command ended by SIGPIPE


def test_deduce_leaves_the_root_logger_alone_so_no_debug_lines_appear(tmp_path: Path) -> None:
    script = (
        "import logging\n"
        "from filelock import FileLock\n"
        "from besluitpak.review import detect\n"
        "detect.deduce_class()\n"
        f"with FileLock({str(tmp_path / 'x.lock')!r}):\n"
        "    pass\n"
        "print(logging.getLogger().level, len(logging.getLogger().handlers))\n"
    )
    ran = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True
    )
    assert "DEBUG" not in ran.stdout + ran.stderr
    assert ran.stdout.split() == [str(logging.WARNING), "0"]
