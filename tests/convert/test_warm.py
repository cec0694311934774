"""The converter kept warm by a long-lived process (a unoserver it starts on the local
LibreOffice): the local converter while kept, with the local identity, converting a few
documents on the warm server, the bundles byte for byte those of a cold build, and nothing
left running after it is let go — not even when its process is killed."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import docx
import pytest

import besluitpak
from besluitpak.convert import backend, unoserver, warm, workers
from tests.helpers import sha256

pytestmark = [pytest.mark.libreoffice, pytest.mark.unoserver]


def _alive(pid: int) -> bool:
    """Whether ``pid`` runs (a zombie, ended but not reaped, does not)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def _libreoffices(profile_root: Path) -> list[int]:
    """The LibreOffice processes running on a profile under ``profile_root``."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            command = (entry / "cmdline").read_bytes().decode(errors="replace")
        except OSError:
            continue
        if "soffice" in command and str(profile_root) in command and _alive(int(entry.name)):
            found.append(int(entry.name))
    return found


@pytest.fixture
def kept() -> Iterator[warm.Warm]:
    assert warm.program() is not None, "expected the unoserver setup.sh installs"
    with besluitpak.keep_converter_warm() as converter:
        assert converter is not None
        assert converter.wait(90), "the warm LibreOffice did not answer"
        yield converter


def _document(folder: Path, name: str) -> Path:
    made = docx.Document()
    made.add_heading("Besluit", 1)
    made.add_paragraph(f"Het college besluit {name} vast te stellen.")
    path = folder / f"{name}.docx"
    folder.mkdir(parents=True, exist_ok=True)
    made.save(str(path))
    return path


def test_while_kept_the_local_converter_is_the_warm_one_with_the_local_identity(
    kept: warm.Warm,
) -> None:
    converter = backend.choose(None)
    assert converter.backend is kept
    assert backend.choose("local").backend is kept
    assert converter.identity == {
        "libreoffice": backend.LOCAL.version(),
        "filter": backend.choose(None).identity["filter"],
    }
    assert "(unoserver)" not in converter.version  # shares the cache with the CLI


def test_a_few_documents_convert_on_the_warm_server(kept: warm.Warm, tmp_path: Path) -> None:
    sources = [_document(tmp_path / "src", name) for name in ("notitie", "brief")]
    conversion = backend.choose(None).start(sources, tmp_path / "pdf", jobs=None)
    assert isinstance(conversion, unoserver.PoolConversion)
    pdfs = conversion.finish()
    assert sorted(pdf.name for pdf in pdfs.values()) == ["brief.pdf", "notitie.pdf"]
    for pdf in pdfs.values():
        assert pdf.read_bytes().startswith(b"%PDF-")


def test_many_documents_go_to_the_cold_workers(kept: warm.Warm, tmp_path: Path) -> None:
    count = warm.AT_MOST * len(kept.instances) + 1
    sources = [_document(tmp_path / "src", f"stuk-{n}") for n in range(count)]
    conversion = backend.choose(None).start(sources, tmp_path / "pdf", jobs=2)
    assert isinstance(conversion, workers.Conversion)
    assert len(conversion.finish()) == count


def test_a_build_on_the_warm_converter_has_the_bytes_of_a_cold_build(
    minimal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    settings = besluitpak.BuildSettings(use_cache=False)
    case = besluitpak.load_case(minimal / "besluitpak.yaml")
    cold = besluitpak.build(case, out=tmp_path / "cold", settings=settings)
    monkeypatch.setattr(warm, "AT_MOST", 100)  # every document on the warm server
    with besluitpak.keep_converter_warm() as converter:
        assert converter is not None and converter.wait(90)
        warmed = besluitpak.build(case, out=tmp_path / "warm", settings=settings)
    assert [f.name for f in warmed.files] == [f.name for f in cold.files]
    for ours, theirs in zip(warmed.files, cold.files, strict=True):
        assert sha256(ours) == sha256(theirs), ours.name


def test_letting_go_ends_the_warm_libreoffice_and_converts_cold_again(
    cache_dir: Path,
) -> None:
    with besluitpak.keep_converter_warm() as converter:
        assert converter is not None and converter.wait(90)
        [instance] = converter.instances
        assert _libreoffices(cache_dir / "profiles")
    assert instance.process.poll() is not None
    assert not _libreoffices(cache_dir / "profiles")
    assert backend.choose(None).backend is backend.LOCAL


KEPT_UNTIL_KILLED = """
import sys, time, besluitpak
with besluitpak.keep_converter_warm() as converter:
    print(converter.wait(90), flush=True)
    time.sleep(300)
"""


def test_a_killed_process_leaves_no_warm_libreoffice_behind(tmp_path: Path) -> None:
    env = dict(os.environ, BESLUITPAK_CACHE=str(tmp_path / "cache"))
    process = subprocess.Popen(
        [sys.executable, "-c", KEPT_UNTIL_KILLED], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "True"
        assert _libreoffices(tmp_path / "cache")
    finally:
        process.send_signal(signal.SIGKILL)
        process.communicate()
    deadline = time.monotonic() + 30
    while _libreoffices(tmp_path / "cache") and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _libreoffices(tmp_path / "cache")


KEPT_WHILE_STARTING = """
import time, besluitpak
with besluitpak.keep_converter_warm() as converter:
    print(converter is not None, flush=True)
    time.sleep(300)
"""


@pytest.mark.parametrize("after", [0.3, 1.5])
def test_a_process_killed_while_its_warm_libreoffice_starts_leaves_nothing_behind(
    tmp_path: Path, after: float
) -> None:
    """unoserver's own SIGTERM handler waits for its LibreOffice: killed while that
    started, it used to stay, with oosplash and a zombie soffice.bin, for good."""
    env = dict(os.environ, BESLUITPAK_CACHE=str(tmp_path / "cache"))
    process = subprocess.Popen(
        [sys.executable, "-c", KEPT_WHILE_STARTING], stdout=subprocess.PIPE, text=True, env=env
    )
    try:
        assert process.stdout is not None
        assert process.stdout.readline().strip() == "True"
        time.sleep(after)
        assert _libreoffices(tmp_path / "cache")
    finally:
        process.send_signal(signal.SIGKILL)
        process.communicate()
    deadline = time.monotonic() + 20
    while _libreoffices(tmp_path / "cache") and time.monotonic() < deadline:
        time.sleep(0.2)
    assert not _libreoffices(tmp_path / "cache")
