"""``besluitpak worker`` keeps a LibreOffice running (a unoserver on the local LibreOffice)
for its jobs while it runs, and ends it when it is stopped; ``$BESLUITPAK_WARM=0`` keeps
none, and a worker converting on a unoserver pool keeps none either."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.convert.test_warm import _libreoffices
from tests.web.workspaces import make_workspace

pytestmark = [pytest.mark.libreoffice, pytest.mark.unoserver]


def _worker(workspace: Path, cache: Path, **extra: str) -> subprocess.Popen[bytes]:
    env = {k: v for k, v in os.environ.items() if k not in ("DATABASE_URL", "BESLUITPAK_QUEUE")}
    env |= {"BESLUITPAK_CACHE": str(cache), **extra}
    subprocess.run(
        [sys.executable, "-m", "besluitpak", "users", "list", "--workspace", str(workspace)],
        check=True, capture_output=True, env=env, timeout=120,
    )  # fmt: skip
    return subprocess.Popen(
        [sys.executable, "-m", "besluitpak", "worker", "--workspace", str(workspace)],
        env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )  # fmt: skip


def _stop(worker: subprocess.Popen[bytes]) -> None:
    worker.send_signal(signal.SIGTERM)
    try:
        worker.wait(timeout=60)
    finally:
        worker.kill()
        worker.wait()


def _until(condition: Callable[[], object], seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.2)
    return False


def test_a_worker_keeps_a_libreoffice_running_until_it_is_stopped(tmp_path: Path) -> None:
    cache = tmp_path / "cache"
    worker = _worker(make_workspace(tmp_path / "werkruimte"), cache)
    try:
        assert _until(lambda: _libreoffices(cache), 60), "no warm LibreOffice started"
    finally:
        _stop(worker)
    assert _until(lambda: not _libreoffices(cache), 30), "the warm LibreOffice outlived it"


@pytest.mark.parametrize(
    "extra",
    [{"BESLUITPAK_WARM": "0"}, {"BESLUITPAK_CONVERTER": "unoserver://127.0.0.1:2003"}],
    ids=["warm-0", "unoserver-pool"],
)
def test_a_worker_told_not_to_keeps_no_libreoffice(tmp_path: Path, extra: dict[str, str]) -> None:
    cache = tmp_path / "cache"
    worker = _worker(make_workspace(tmp_path / "werkruimte"), cache, **extra)
    try:
        time.sleep(5)
        assert worker.poll() is None
        assert not _libreoffices(cache)
    finally:
        _stop(worker)
