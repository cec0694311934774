"""The guard of the public edition: what must not appear in its text.

Before the openbaar bundle is assembled, the real text of what goes into it (poppler's
``pdftotext``) is searched for every entry of :func:`forbidden` — today the steller's
name, phone and e-mail; a later Woo guard adds other personal data as more entries. A
match stops the edition with the document, the page and the field that matched, before the
bundle is written, so no file that must not go out is ever made.
``openbaar.steller_toegestaan`` in the
case file (with the reason) allows the steller's data.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import subprocess
import tempfile
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from besluitpak.errors import OutputError, PersonalDataError
from besluitpak.files import sha256, write_atomic

if TYPE_CHECKING:
    from besluitpak.casefile.case import Case


def _normal(text: str) -> str:
    return " ".join(text.split())


@dataclass(frozen=True, kw_only=True)
class Forbidden:
    """One thing that must not appear in the public edition's text."""

    field: str
    """The case-file key it comes from (``steller.naam``), for the message."""
    found_in: Callable[[str], bool]
    """Whether a page's (whitespace-normalised) text holds it."""


def _whole_words(value: str) -> Callable[[str], bool]:
    pattern = re.compile(rf"(?<!\w){re.escape(_normal(value))}(?!\w)")
    return lambda text: pattern.search(text) is not None


def _digits(value: str) -> Callable[[str], bool]:
    wanted = re.sub(r"\D", "", value)
    return lambda text: len(wanted) >= 6 and wanted in re.sub(r"[\s\-./()]", "", text)


def _casefree(value: str) -> Callable[[str], bool]:
    wanted = value.casefold()
    return lambda text: wanted in text.casefold()


def forbidden(case: Case) -> tuple[Forbidden, ...]:
    """What must not appear in the public edition of ``case``."""
    allowed = case.meta.openbaar
    if allowed is not None and allowed.steller_toegestaan:
        return ()
    steller = case.meta.steller
    entries = [Forbidden(field="steller.naam", found_in=_whole_words(steller.naam))]
    if steller.telefoon:
        entries.append(Forbidden(field="steller.telefoon", found_in=_digits(steller.telefoon)))
    if steller.email:
        entries.append(Forbidden(field="steller.email", found_in=_casefree(steller.email)))
    return tuple(entries)


def page_texts(pdf: Path, *, cache: Path | None = None) -> list[str]:
    """The text of each page, whitespace-normalised; remembered in ``cache`` by the PDF's
    SHA-256, so an unchanged document is read once."""
    memo = cache / "texts" / f"{sha256(pdf)}.json" if cache is not None else None
    if memo is not None:
        with contextlib.suppress(OSError, ValueError):
            texts = json.loads(memo.read_text(encoding="utf-8"))
            if isinstance(texts, list) and all(isinstance(t, str) for t in texts):
                return texts
    texts = _extract(pdf)
    if memo is not None:
        with contextlib.suppress(OutputError):
            write_atomic(memo, json.dumps(texts).encode(), what="the cache")
    return texts


def _extract(pdf: Path) -> list[str]:
    """poppler's text of ``pdf``, read from a copy without its OutputIntent: poppler spends
    ~0.08 s per page on the sRGB profile, ~50 times more than on the text itself."""
    import pikepdf

    with tempfile.TemporaryDirectory(prefix="besluitpak-text-") as work:
        plain = Path(work) / "plain.pdf"
        try:
            with pikepdf.open(pdf) as document:
                if "/OutputIntents" in document.Root:
                    del document.Root["/OutputIntents"]
                document.save(plain)
            done = subprocess.run(
                ["pdftotext", "-enc", "UTF-8", str(plain), "-"],
                capture_output=True,
                text=True,
                check=True,
            )
        except (OSError, subprocess.CalledProcessError, pikepdf.PdfError) as e:
            raise OutputError(
                f"{pdf.name}: cannot read its text to check it for personal data "
                f"(pdftotext, from poppler-utils): {e}"
            ) from e
    return [_normal(page) for page in done.stdout.split("\f")]


def check_public(
    case: Case,
    *,
    parts: Sequence[tuple[str, Path]],
    texts: Sequence[str],
    cache: Path | None = None,
) -> None:
    """Stop the public edition of ``case`` before it is written when its text holds what
    must not appear: the text of each document's PDF (``(label, path)``, the pages that go
    into the bundle) and ``texts``, what besluitpak itself prints (titles, notices).

    The documents are read rather than the finished bundle, so what did not change is not
    read again (``cache``).
    """
    entries = forbidden(case)
    if not entries:
        return
    found = [
        f"the cover or contents: {entry.field}"
        for text in texts
        for entry in entries
        if entry.found_in(_normal(text))
    ]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        read = list(pool.map(lambda part: page_texts(part[1], cache=cache), parts))
    for (label, _pdf), pages in zip(parts, read, strict=True):
        found += [
            f"{label}, page {number}: {entry.field}"
            for number, text in enumerate(pages, start=1)
            for entry in entries
            if entry.found_in(text)
        ]
    if found:
        raise PersonalDataError(
            f"{case.meta.kenmerk}: the public edition would hold the steller's personal data, "
            f"so it was not written: {'; '.join(dict.fromkeys(found))}. Remove it from the "
            f"text, or allow it in the case file with "
            f'openbaar: {{steller_toegestaan: "<reason>"}}'
        )
