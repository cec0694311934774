"""``besluitpak watch`` keeps a LibreOffice running (a unoserver on the local LibreOffice)
for its rebuilds: a rebuild after a data change gives the bytes a cold build gives, and
nothing is left running when watch ends."""

from __future__ import annotations

import os
import subprocess
import time
from pathlib import Path

import pytest

from tests.convert.test_warm import _libreoffices
from tests.helpers import BESLUITPAK, edit, page_texts, sha256

pytestmark = [pytest.mark.libreoffice, pytest.mark.unoserver]


def test_a_warm_watch_rebuild_has_the_bytes_of_a_cold_build_and_ends_its_libreoffice(
    minimal: Path, tmp_path: Path
) -> None:
    env = dict(os.environ, BESLUITPAK_CACHE=str(tmp_path / "cache"))
    out = tmp_path / "out"
    process = subprocess.Popen(
        [
            BESLUITPAK,
            "watch",
            str(minimal),
            "--out",
            str(out),
            "--edition",
            "intern",
            "--interval",
            "0.1",
            "--max-rebuilds",
            "1",
        ],
        stderr=subprocess.PIPE,
        text=True,
        env=env,
    )
    log: list[str] = []

    def wait_for(text: str) -> None:
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            line = process.stderr.readline()  # type: ignore[union-attr]
            log.append(line)
            if text in line:
                return
        raise AssertionError(f"{text!r} not seen in: {''.join(log)}")

    try:
        wait_for("watching")
        assert any("LibreOffice kept running for the rebuilds" in line for line in log), log
        assert _libreoffices(tmp_path / "cache")
        edit(minimal / "bijlagen" / "notitie.yaml", "waarde: € 15.000", "waarde: € 17.500")
        wait_for("rebuilt in")
        assert process.wait(timeout=60) == 0
    finally:
        process.kill()
        process.communicate()
    bundle = next(out.glob("*-intern.pdf"))
    assert any("€ 17.500" in text for text in page_texts(bundle))
    assert not _libreoffices(tmp_path / "cache")
    cold = tmp_path / "cold"
    subprocess.run(
        [
            BESLUITPAK,
            "-q",
            "build",
            str(minimal),
            "--out",
            str(cold),
            "--edition",
            "intern",
            "--no-cache",
        ],
        check=True,
        env=env,
        capture_output=True,
    )
    assert sha256(bundle) == sha256(cold / bundle.name)
