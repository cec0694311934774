"""The baselines besluitpak is measured against: the naive pipeline and the floor."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Sequence
from pathlib import Path

import pypdf
from harness import Bench
from office import EXPORT_FILTER, WORKER_FLAGS


def naive(bench: Bench, case: Path, work: Path, profile: Path) -> Path:
    """docxtpl render, one soffice per file (one persistent profile, as a user's), pypdf
    append into one bundle."""
    pdfs = []
    for document in bench.render(case, work / "docx"):
        if document.suffix == ".pdf":
            pdfs.append(document)
            continue
        subprocess.run(
            [
                bench.soffice,
                f"-env:UserInstallation={profile.resolve().as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(work / "pdf"),
                str(document),
            ],
            check=True,
            capture_output=True,
        )
        pdfs.append(work / "pdf" / f"{document.stem}.pdf")
    writer = pypdf.PdfWriter()
    for pdf in pdfs:
        writer.append(str(pdf))
    out = work / "naive.pdf"
    writer.write(str(out))
    return out


def halves(documents: Sequence[Path]) -> tuple[list[Path], list[Path]]:
    """Half the documents each, about equal in bytes: largest first, dealt 0, 1, 1, 0, 0…"""
    ordered = sorted(documents, key=lambda p: (-p.stat().st_size, p.name))
    first = [p for i, p in enumerate(ordered) if i % 4 in (0, 3)]
    second = [p for i, p in enumerate(ordered) if i % 4 in (1, 2)]
    return first, second


def floor(
    bench: Bench, batches: Sequence[Sequence[Path]], profiles: Sequence[Path], out: Path
) -> None:
    """Each batch converted by its own LibreOffice on its own tuned profile, all started at
    the same moment, in one ``soffice --convert-to`` call each; nothing else."""
    env = dict(os.environ, SAL_USE_VCLPLUGIN="svp", LC_ALL="C.UTF-8")
    processes = [
        subprocess.Popen(
            [
                bench.soffice,
                f"-env:UserInstallation={p.resolve().as_uri()}",
                *WORKER_FLAGS,
                "--convert-to",
                EXPORT_FILTER,
                "--outdir",
                str(out),
                *map(str, batch),
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        for batch, p in zip(batches, profiles, strict=True)
    ]
    codes = [process.wait() for process in processes]
    missing = [
        d.name
        for batch in batches
        for d in batch
        if not (out / f"{d.stem}.pdf").is_file() or (out / f"{d.stem}.pdf").stat().st_size == 0
    ]
    if any(codes) or missing:
        raise RuntimeError(f"floor: LibreOffice exit codes {codes}, not converted: {missing}")
