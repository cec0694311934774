"""The guard of the public edition: personal data that must not appear in its text.

Before the openbaar bundle is assembled, the real text of what goes into it (poppler's
``pdftotext``) is searched for the steller's name, phone and e-mail (:func:`forbidden`) and
for what :mod:`besluitpak.publication.personal` recognises as personal data (e-mail
addresses, Dutch phone numbers, IBANs, BSNs, addresses). The steller's own data stops the
public edition whenever it is built; the other findings warn on ``build`` and stop
``publish``, each with the document, the page and the passage, before anything is written.
The case file allows what may be public after all, each with its reason:
``openbaar.steller_toegestaan`` and ``openbaar.toegestaan: [{tekst, reden}]``.
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
from besluitpak.publication import personal

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


@dataclass(frozen=True, kw_only=True)
class Found:
    """One piece of personal data in the public edition's text."""

    where: str
    """``bijlage 4, page 3`` or ``the cover or contents``."""
    what: str
    """``steller.naam``, ``telefoonnummer``…"""
    passage: str
    """The words around it."""
    steller: bool
    """The steller's own data: stops every public edition, not only a publication."""

    def line(self) -> str:
        if self.steller:
            return f"{self.where}: {self.what}"
        return f"{self.where}: {self.what} in {self.passage!r}"


def scan(
    case: Case,
    *,
    parts: Sequence[tuple[str, Path]],
    texts: Sequence[str],
    cache: Path | None = None,
) -> list[Found]:
    """The personal data in the public edition of ``case`` that the case does not allow:
    in the text of each document's PDF (``(label, path)``, the pages that go into the
    bundle) and in ``texts``, what besluitpak itself prints (titles, notices).

    The documents are read rather than the finished bundle, so what did not change is not
    read again (``cache``).
    """
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        read = list(pool.map(lambda part: page_texts(part[1], cache=cache), parts))
    pages = [("the cover or contents", _normal(text)) for text in texts]
    for (label, _pdf), document_pages in zip(parts, read, strict=True):
        pages += [
            (f"{label}, page {number}", text) for number, text in enumerate(document_pages, start=1)
        ]
    entries = forbidden(case)
    allowed = _allowed(case)
    found: dict[str, Found] = {}
    for where, text in pages:
        for entry in entries:
            if entry.found_in(text):
                hit = Found(where=where, what=entry.field, passage="", steller=True)
                found.setdefault(hit.line(), hit)
        for finding in personal.find(text):
            if _covered(text, finding, allowed):
                continue
            hit = Found(
                where=where,
                what=finding.kind,
                passage=personal.passage(text, finding),
                steller=False,
            )
            found.setdefault(hit.line(), hit)
    return list(found.values())


def _covered(text: str, finding: personal.Finding, allowed: list[str]) -> bool:
    """Whether ``finding`` lies inside an occurrence of an allowed text on the page: the
    case file allows that passage, not every finding that merely contains its words."""
    for tekst in allowed:
        start = text.find(tekst)
        while start != -1:
            if start <= finding.start and finding.end <= start + len(tekst):
                return True
            start = text.find(tekst, start + 1)
    return False


def _allowed(case: Case) -> list[str]:
    exceptions = case.meta.openbaar
    texts = [] if exceptions is None else [_normal(item.tekst) for item in exceptions.toegestaan]
    return [t for t in texts if t]  # a blank text allows nothing


def refusal(case: Case, found: Sequence[Found], *, publishing: bool) -> PersonalDataError:
    """The error that stops the public edition, saying how to resolve each finding."""
    what = "published" if publishing else "written"
    return PersonalDataError(
        f"{case.meta.kenmerk}: the public edition would hold personal data, so it was not "
        f"{what}: {'; '.join(f.line() for f in found)}. Mark each passage in the data "
        f"{{lak:5.1.2e}}…{{/lak}} (pages of a ready-made document: lakken), or, where it "
        f"may be public, allow it in the case file with the reason: openbaar: {{toegestaan: "
        f'[{{tekst: "…", reden: "…"}}]}} (the steller: openbaar: {{steller_toegestaan: "…"}})'
    )


def warning(found: Found) -> str:
    """One finding on ``build``: ``publish`` will refuse it."""
    return (
        f"personal data in the public edition, {found.line()}: publish refuses it until it "
        f"is marked {{lak:…}} or allowed (openbaar.toegestaan)"
    )
