"""The messages that stop a public edition, and the warning a build gives instead: what
the guard (:mod:`besluitpak.publication.guard`) found, and how to resolve each finding."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from besluitpak.codes import Coded
from besluitpak.errors import PersonalDataError

if TYPE_CHECKING:
    from besluitpak.casefile.case import Case
    from besluitpak.publication.guard import Found


def refusal(case: Case, found: Sequence[Found], *, publishing: bool) -> PersonalDataError:
    """The error that stops the public edition, saying how to resolve each finding."""
    return _refused(
        case, found, publishing=publishing, holding="personal data",
        advice="Mark each passage in the data {lak:5.1.2e}…{/lak} (pages of a ready-made "
        "document: lakken), or, where it may be public, allow it in the case file with the "
        'reason: openbaar: {toegestaan: [{tekst: "…", reden: "…"}]} (the steller: openbaar: '
        '{steller_toegestaan: "…"})',
    )  # fmt: skip


def withheld_refusal(case: Case, found: Sequence[Found], *, publishing: bool) -> PersonalDataError:
    """The error that stops a public edition holding text of what it withholds."""
    return _refused(
        case, found, publishing=publishing, holding="text it withholds",
        advice="Remove it from the public document or mark it there too ({lak:…}, lakken); "
        "marked already, it is drawn where the copy cannot take it out (skewed, spaced, in a "
        "font without Unicode): cover it with a vak or withhold the page; a phrase that is "
        'public after all is allowed with openbaar: {toegestaan: [{tekst: "…", reden: "…"}]}',
    )  # fmt: skip


def _refused(
    case: Case, found: Sequence[Found], *, publishing: bool, holding: str, advice: str
) -> PersonalDataError:
    what = "published" if publishing else "written (an earlier file keeps its place)"
    return PersonalDataError(
        f"{case.meta.kenmerk}: the public edition would hold {holding}, so it was not "
        f"{what}: {'; '.join(f.line() for f in found)}. {advice}"
    )


def warning(found: Found, titles: Mapping[str, str] | None = None) -> str:
    """One finding on ``build``: ``publish`` will refuse it. The text carries a code and
    parameters for the page: the document by its title (``titles``: label -> title)."""
    return Coded(
        f"personal data in the public edition, {found.line()}: publish refuses it until it "
        f"is marked {{lak:…}} or allowed (openbaar.toegestaan)",
        "personal-data-warning",
        document=(titles or {}).get(found.document, found.document),
        page="" if found.page is None else str(found.page),
        channel=found.channel,
        what=found.what,
        passage=found.passage,
    )
