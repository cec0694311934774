"""The local LibreOffice: the program, its version, the export filter every converter uses,
and the worker profiles.

Each worker (:mod:`~besluitpak.convert.workers`) is one ``soffice`` process with its own
profile: two processes on one profile silently lose files. A profile is locked while in use
(a :class:`filelock.FileLock` beside it), so builds running at the same time never share one.
"""

from __future__ import annotations

import contextlib
import functools
import os
import re
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

from besluitpak.errors import ConversionError
from besluitpak.files import cache_home, remembered

INSTALL_HINT = (
    "install it with: sudo apt-get install libreoffice-writer-nogui "
    "fonts-crosextra-carlito fonts-liberation2"
)

EXPORT_FILTER = (
    "pdf:writer_pdf_Export:{"
    '"SelectPdfVersion":{"type":"long","value":"2"},'
    '"UseTaggedPDF":{"type":"boolean","value":"true"},'
    '"PDFUACompliance":{"type":"boolean","value":"true"},'
    '"ExportBookmarks":{"type":"boolean","value":"true"},'
    '"ExportNotes":{"type":"boolean","value":"false"},'
    '"ExportFormFields":{"type":"boolean","value":"false"}'
    "}"
)
"""PDF/A-2b, tagged, with the PDF/UA flag and bookmarks from headings (what each option
does, measured: ``docs/architecture.md``, "Conversion: LibreOffice's PDF export")."""


def soffice() -> str:
    """The LibreOffice executable, or a clear error saying how to install it."""
    override = os.environ.get("BESLUITPAK_SOFFICE")
    if override:
        if shutil.which(override) is None:
            raise ConversionError(f"BESLUITPAK_SOFFICE={override}: no such program")
        return override
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise ConversionError(f"LibreOffice (soffice) was not found on PATH; {INSTALL_HINT}")


@functools.cache
def version() -> str:
    """The local LibreOffice's ``LibreOffice 7.4.7.2 …`` (ConversionError when there is
    none). Asking takes a LibreOffice start, so the answer is remembered until the program
    file changes."""
    program = Path(os.path.realpath(soffice()))
    stat = program.stat()

    def ask() -> str:
        try:
            result = subprocess.run(
                [str(program), "--version"], capture_output=True, text=True, timeout=60, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as e:
            raise ConversionError(f"cannot run LibreOffice to ask its version: {e}") from e
        lines = result.stdout.strip().splitlines()
        return lines[0] if lines else "LibreOffice ?"

    return remembered(
        cache_home() / "libreoffice-version.txt",
        f"{program}:{stat.st_mtime_ns}:{stat.st_size}",
        ask,
    )


_TUNING = {  # what a converter needs no time for at every start
    "/org.openoffice.Office.Java/VirtualMachine": ("Enable", "false"),
    "/org.openoffice.Office.Common/Misc": ("UseOpenCL", "false"),
    "/org.openoffice.Office.Common/Save/Document": ("AutoSave", "false"),
}


def _product_version() -> str:
    """``7.4`` for LibreOffice 7.4.7.2: what LibreOffice records as the last version seen."""
    match = re.search(r"(\d+)\.(\d+)", version())
    return f"{match[1]}.{match[2]}" if match else "0.0"


def tune_profile(profile: Path) -> None:
    """Make a worker profile start fast.

    LibreOffice (7.2 and later) runs its graphics render tests at every start until the
    profile records the version it last ran as (``ooSetupLastVersion``), and only its window
    code records that, so a headless profile never does: the tests cost ~0.9 s of CPU and
    ~40 MiB at every start. Recording the version skips them. Java, OpenCL and autosave are
    switched off too: a converter uses none of them.
    """
    settings = {
        **_TUNING,
        "/org.openoffice.Setup/Product": ("ooSetupLastVersion", _product_version()),
    }
    registry = profile / "user" / "registrymodifications.xcu"
    try:
        text = registry.read_text(encoding="utf-8")
    except OSError:
        text = (
            '<?xml version="1.0" encoding="UTF-8"?>\n<oor:items '
            'xmlns:oor="http://openoffice.org/2001/registry" '
            'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n</oor:items>\n'
        )
    missing = {
        path: setting
        for path, setting in settings.items()
        if f'oor:path="{path}"><prop oor:name="{setting[0]}" oor:op="fuse"><value>'
        f"{setting[1]}</value>" not in text
    }
    if not missing or "</oor:items>" not in text:
        return
    for path, (name, _) in missing.items():  # an older value of the same setting goes
        text = re.sub(
            rf'<item oor:path="{re.escape(path)}"><prop oor:name="{name}" '
            rf'oor:op="fuse"><value>[^<]*</value></prop></item>\n?',
            "",
            text,
        )
    items = "".join(
        f'<item oor:path="{path}"><prop oor:name="{name}" oor:op="fuse"><value>'
        f"{value}</value></prop></item>\n"
        for path, (name, value) in missing.items()
    )
    registry.parent.mkdir(parents=True, exist_ok=True)
    registry.write_text(text.replace("</oor:items>", f"{items}</oor:items>"), encoding="utf-8")


@contextlib.contextmanager
def worker_profiles(count: int) -> Iterator[list[Path]]:
    """``count`` LibreOffice profiles that no other process uses until we let go."""
    from filelock import FileLock, Timeout  # not for a build that has nothing to do

    root = cache_home() / "profiles"
    root.mkdir(parents=True, exist_ok=True)
    with contextlib.ExitStack() as held:
        profiles: list[Path] = []
        index = 0
        while len(profiles) < count:
            lock = FileLock(root / f"worker-{index}.lock", timeout=0)
            try:
                held.enter_context(lock)
            except Timeout:  # another build's worker: try the next
                pass
            else:
                profiles.append(root / f"worker-{index}")
                tune_profile(root / f"worker-{index}")
            index += 1
        yield profiles
