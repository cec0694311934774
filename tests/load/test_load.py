"""The load and fault test (bench/load.py) as a test: 20 users ask for 60 builds within a
minute from two RQ workers on a real Redis, converting on two unoserver instances, while
one worker and one unoserver are killed and started again. It passes when bench/load.py's
checks do (every job finished or failed with a reason, none lost or duplicated, every
bundle verified, no half-written file); its report is printed (``pytest -s`` shows it)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.helpers import ROOT

pytestmark = [pytest.mark.load, pytest.mark.libreoffice]


def test_sixty_builds_survive_a_killed_worker_and_a_killed_unoserver() -> None:
    result = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "load.py")],
        capture_output=True,
        text=True,
        timeout=900,
        check=False,
    )
    print(result.stdout)
    assert result.returncode == 0, result.stdout + result.stderr[-3000:]
    assert "jobs/minute" in result.stdout
