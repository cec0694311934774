"""The cases the benchmark builds, made at run time in its temporary folder from the reference
case's own inputs (nothing generated is kept in the repository)."""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pikepdf
import yaml


def copy_reference(source: Path, target: Path, kenmerk: str | None = None) -> Path:
    """A copy of the reference case (its case file, templates and bijlagen) in ``target``,
    with another kenmerk if given."""
    target.mkdir(parents=True, exist_ok=True)
    shutil.copy(source / "besluitpak.yaml", target)
    shutil.copytree(source / "templates", target / "templates", dirs_exist_ok=True)
    shutil.copytree(source / "bijlagen", target / "bijlagen", dirs_exist_ok=True)
    if kenmerk:
        case = target / "besluitpak.yaml"
        text = case.read_text(encoding="utf-8")
        if "kenmerk: 2014/123456" not in text:
            raise SystemExit(f"{source}: no 'kenmerk: 2014/123456' to vary for the batch")
        case.write_text(
            text.replace("kenmerk: 2014/123456", f"kenmerk: {kenmerk}"), encoding="utf-8"
        )
    return target


def change_one_bijlage(case: Path, value: int) -> None:
    """A new ``bedrag`` in one gebiedsprogramma's data, as an advisor's edit."""
    data = case / "bijlagen" / "gebiedsprogramma-noord.yaml"
    text = data.read_text(encoding="utf-8")
    start = text.index("bedrag: ") + len("bedrag: ")
    end = text.index("\n", start)
    data.write_text(text[:start] + str(100000 + value) + text[end:], encoding="utf-8")


def comment_in_data(case: Path, number: int) -> None:
    """A comment line added to one bijlage's data: the file changed, nothing it says did."""
    data = case / "bijlagen" / "gebiedsprogramma-noord.yaml"
    with data.open("a", encoding="utf-8") as file:
        file.write(f"# a comment, number {number}\n")


def _bijlagen(case: Path) -> list[dict[str, Any]]:
    loaded = yaml.safe_load((case / "besluitpak.yaml").read_text(encoding="utf-8"))
    found: list[dict[str, Any]] = loaded["bijlagen"]
    return found


def _append_bijlagen(case: Path, entries: Sequence[dict[str, str]]) -> None:
    """Bijlagen added at the end of the case file's ``bijlagen:`` list (its last key, as in
    the reference case; checked by reading the file back)."""
    path = case / "besluitpak.yaml"
    before = len(_bijlagen(case))
    lines = [
        "  - " + "\n    ".join(f"{key}: {json.dumps(value)}" for key, value in entry.items())
        for entry in entries
    ]
    path.write_text(
        path.read_text(encoding="utf-8").rstrip("\n") + "\n" + "\n".join(lines) + "\n",
        encoding="utf-8",
    )
    if len(_bijlagen(case)) != before + len(entries):
        raise SystemExit(f"{path}: 'bijlagen:' is not the last key; cannot add bijlagen")


def many_bijlagen(reference: Path, target: Path, count: int) -> Path:
    """The reference case with ``count`` bijlagen: its own, then copies of its data bijlagen
    (template + data) under other ids, each with its stadsdeel renamed so that every copy
    is a document of its own (converted, not found in the cache as its original)."""
    case = copy_reference(reference, target)
    originals = [b for b in _bijlagen(case) if "data" in b and "template" in b]
    added: list[dict[str, str]] = []
    copy = 1
    while len(_bijlagen(case)) + len(added) < count:
        copy += 1
        for bijlage in originals[: count - len(_bijlagen(case)) - len(added)]:
            source = case / bijlage["data"]
            data = source.with_name(f"{source.stem}-{copy}.yaml")
            text = source.read_text(encoding="utf-8")
            stadsdeel = yaml.safe_load(text)["stadsdeel"]
            text, found = re.subn(
                r"(?m)^stadsdeel: .*$", f"stadsdeel: {json.dumps(f'{stadsdeel} {copy}')}", text
            )
            if found != 1:
                raise SystemExit(f"{source}: no 'stadsdeel:' line to vary for the copy")
            data.write_text(text, encoding="utf-8")
            added.append(
                {
                    "id": f"{bijlage['id']}-{copy}",
                    "titel": f"{bijlage['titel']} {copy}",
                    "template": bijlage["template"],
                    "data": data.relative_to(case).as_posix(),
                }
            )
    _append_bijlagen(case, added)
    return case


def long_pdf(sources: Sequence[Path], pages: int, out: Path) -> Path:
    """A PDF of ``pages`` pages taken in turn from ``sources`` (PDFs LibreOffice made of the
    reference case's documents, so real text on every page), as a partner's long report:
    no structure tree, no links."""
    opened = [pikepdf.open(source) for source in sources]
    try:
        pool = [page for pdf in opened for page in pdf.pages]
        if not pool:
            raise SystemExit("no pages to make the long PDF of")
        with pikepdf.new() as pdf:
            for number in range(pages):
                pdf.pages.append(pool[number % len(pool)])
            for page in pdf.pages:
                for key in ("/Annots", "/StructParents"):
                    if key in page.obj:
                        del page.obj[key]
            pdf.save(out)
    finally:
        for source in opened:
            source.close()
    return out


def with_long_pdf(reference: Path, target: Path, pdf_sources: Sequence[Path], pages: int) -> Path:
    """The reference case with one more bijlage: a ready-made PDF of ``pages`` pages."""
    case = copy_reference(reference, target)
    long_pdf(pdf_sources, pages, case / "bijlagen" / "lang-rapport.pdf")
    _append_bijlagen(
        case,
        [
            {
                "id": "lang-rapport",
                "titel": f"Rapportage gebiedsgericht werken ({pages} pagina's)",
                "bestand": "bijlagen/lang-rapport.pdf",
            }
        ],
    )
    return case


def page_count(pdfs: Sequence[Path]) -> int:
    total = 0
    for path in pdfs:
        with pikepdf.open(path) as pdf:
            total += len(pdf.pages)
    return total
