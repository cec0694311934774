"""LibreOffice as the baselines start it: found as besluitpak finds it, its profile tuned as
besluitpak tunes its workers (copies of besluitpak/convert/libreoffice.py's settings, so the
baselines do not depend on the package's internals)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

EXPORT_FILTER = (  # a copy of EXPORT_FILTER in besluitpak/convert/libreoffice.py
    "pdf:writer_pdf_Export:{"
    '"SelectPdfVersion":{"type":"long","value":"2"},'
    '"UseTaggedPDF":{"type":"boolean","value":"true"},'
    '"PDFUACompliance":{"type":"boolean","value":"true"},'
    '"ExportBookmarks":{"type":"boolean","value":"true"},'
    '"ExportNotes":{"type":"boolean","value":"false"},'
    '"ExportFormFields":{"type":"boolean","value":"false"}'
    "}"
)
CONVERTIBLE = (".docx", ".odt", ".doc", ".rtf")
WORKER_FLAGS = (
    "--headless",
    "--invisible",
    "--norestore",
    "--nologo",
    "--nodefault",
    "--nolockcheck",
)
"""How besluitpak starts its workers (besluitpak/convert/workers.py), for the floor."""


def soffice() -> str:
    """The LibreOffice that besluitpak finds: ``$BESLUITPAK_SOFFICE``, else on PATH."""
    for name in (os.environ.get("BESLUITPAK_SOFFICE"), "soffice", "libreoffice"):
        found = shutil.which(name) if name else None
        if found:
            return found
    raise SystemExit("LibreOffice (soffice) not found on PATH")


def libreoffice_version(program: str) -> str:
    done = subprocess.run(
        [program, "--version"], capture_output=True, text=True, check=False, timeout=120
    )
    return done.stdout.strip() or f"unknown LibreOffice ({program})"


def product_version(version: str) -> str:
    """``7.4`` for LibreOffice 7.4.7.2: what LibreOffice records as the last version seen."""
    match = re.search(r"(\d+)\.(\d+)", version)
    return f"{match[1]}.{match[2]}" if match else "0.0"


_TUNING = {  # a copy of _TUNING in besluitpak/convert/libreoffice.py
    "/org.openoffice.Office.Java/VirtualMachine": ("Enable", "false"),
    "/org.openoffice.Office.Common/Misc": ("UseOpenCL", "false"),
    "/org.openoffice.Office.Common/Save/Document": ("AutoSave", "false"),
}


def tune_profile(profile: Path, product: str) -> None:
    """A small copy of tune_profile in besluitpak/convert/libreoffice.py: record the version
    LibreOffice last ran as (``ooSetupLastVersion``), so it skips its graphics render tests
    at each start, and switch off Java, OpenCL and autosave."""
    settings = {**_TUNING, "/org.openoffice.Setup/Product": ("ooSetupLastVersion", product)}
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
    for path, (name, value) in settings.items():
        text = re.sub(
            rf'<item oor:path="{re.escape(path)}"><prop oor:name="{name}" '
            rf'oor:op="fuse"><value>[^<]*</value></prop></item>\n?',
            "",
            text,
        )
        text = text.replace(
            "</oor:items>",
            f'<item oor:path="{path}"><prop oor:name="{name}" '
            f'oor:op="fuse"><value>{value}</value></prop></item>\n'
            "</oor:items>",
        )
    registry.parent.mkdir(parents=True, exist_ok=True)
    registry.write_text(text, encoding="utf-8")
