"""The guard of the public edition: what must not appear in its text.

After the openbaar bundle is assembled, its real text (poppler's ``pdftotext``) is searched
for every entry of :func:`forbidden` — today the steller's name, phone and e-mail; a later
Woo guard adds other personal data as more entries. A match stops the edition with the
page, the document and the field that matched, and the bundle is removed so that no file
that must not go out stands there looking current. ``openbaar.steller_toegestaan`` in the
case file (with the reason) allows the steller's data.
"""

from __future__ import annotations

import re
import subprocess
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from besluitpak.errors import OutputError, PersonalDataError

if TYPE_CHECKING:
    from besluitpak.casefile.case import Case

_LABEL = re.compile(r"(Bijlage \d+|Collegevoorstel)")


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


def page_texts(pdf: Path) -> list[str]:
    """The text of each page, whitespace-normalised."""
    try:
        done = subprocess.run(
            ["pdftotext", "-enc", "UTF-8", str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError) as e:
        raise OutputError(
            f"{pdf.name}: cannot read its text to check it for personal data (pdftotext, "
            f"from poppler-utils): {e}"
        ) from e
    return [_normal(page) for page in done.stdout.split("\f")]


def check_public(case: Case, files: Sequence[Path]) -> None:
    """Stop the public edition among ``files`` when its text holds what must not appear;
    the bundle is removed."""
    entries = forbidden(case)
    for pdf in files:
        if not entries or not pdf.name.endswith("-openbaar.pdf"):
            continue
        found = [
            f"page {number} ({_document(text)}): {entry.field}"
            for number, text in enumerate(page_texts(pdf), start=1)
            for entry in entries
            if entry.found_in(text)
        ]
        if found:
            pdf.unlink(missing_ok=True)
            raise PersonalDataError(
                f"{pdf.name}: the public edition holds the steller's personal data, so it was "
                f"removed: {'; '.join(found)}. Remove it from the text, or allow it in "
                f'the case file with openbaar: {{steller_toegestaan: "<reason>"}}'
            )


def _document(text: str) -> str:
    match = _LABEL.search(text)
    return match.group(1).lower() if match else "cover or contents"
