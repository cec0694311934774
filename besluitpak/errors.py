"""Every error a user can meet, in one hierarchy.

Each class says when it is raised. The CLI catches :class:`BesluitpakError`, prints its message
and exits with status 1; anything else is a bug and shows a traceback only with ``-v``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Self


@dataclass(frozen=True, kw_only=True)
class Problem:
    """One thing wrong in one input file: where it is and what is wrong.

    Rendered as ``file:line: key.path: message`` so editors and terminals can jump to it.
    """

    file: Path
    line: int | None
    key: str
    message: str
    code: str = ""
    """A stable name of the kind of message (:data:`besluitpak.codes.CODES`), for a
    translation; empty when there is none (the message is shown as it is)."""
    params: Mapping[str, str] = field(default_factory=dict, hash=False)
    """The message's parts by name, for the translation's placeholders."""

    def __str__(self) -> str:
        where = str(self.file)
        if self.line is not None:
            where += f":{self.line}"
        if self.key:
            where += f": {self.key}"
        return f"{where}: {self.message}"


class BesluitpakError(Exception):
    """Raised for any error the user can fix; the base of all besluitpak errors."""

    code = ""
    """A stable name of the kind of message (:data:`besluitpak.codes.CODES`), for the page's
    translation; empty when there is none (the message is shown as it is)."""
    params: Mapping[str, str] = MappingProxyType({})
    """The message's parts by name, for the translation's placeholders."""

    def coded(self, code: str, **params: str) -> Self:
        """This error with its code and parameters (its message stays the CLI's)."""
        self.code, self.params = code, params
        return self


class CaseError(BesluitpakError):
    """Raised when a case file or a bijlage data file is invalid.

    Carries every problem found in the files, so the user sees them all at once.
    """

    def __init__(self, problems: list[Problem], *, what: str = "the case") -> None:
        self.problems = sorted(problems, key=lambda p: (str(p.file), p.line or 0, p.key))
        count = len(self.problems)
        head = f"{count} problem{'s' if count != 1 else ''} in {what}:"
        super().__init__("\n".join([head, *(f"  {p}" for p in self.problems)]))


class TemplateError(BesluitpakError):
    """Raised when a Word template cannot be read or rendered (syntax, undefined variable)."""


class ConversionError(BesluitpakError):
    """Raised when LibreOffice is missing, fails, times out or loses a document."""

    def __init__(self, message: str, *, failed: tuple[Path, ...] = (), reason: str = "") -> None:
        super().__init__(message)
        self.failed = failed
        """The files LibreOffice did not convert."""
        self.reason = reason
        """Why, as LibreOffice said it (set when ``failed`` is)."""


class AssemblyError(BesluitpakError):
    """Raised when the converted PDFs cannot be assembled into a bundle."""


class OutputError(BesluitpakError):
    """Raised when an output cannot be written (read-only folder, disk full, busy lock)."""


class ReadyMadeError(BesluitpakError):
    """Raised when a ready-made bijlage cannot be used (empty, not what it says, locked)."""


class EmbargoError(BesluitpakError):
    """Raised when the final public edition is asked for before the embargo date."""


class PublishError(BesluitpakError):
    """Raised when a publication cannot be made (no publicatie_url, invalid DiWoo record)."""


class ArchiveError(BesluitpakError):
    """Raised when the archive cannot be written or read, or a version is not found."""


class UnreadablePdfError(BesluitpakError):
    """Raised when a file given to ``inspect`` cannot be opened as a PDF at all (missing, a
    folder, empty, not a PDF, damaged beyond repair, or locked with a password)."""


class PersonalDataError(BesluitpakError):
    """Raised when the text of the public edition holds personal data that must not appear
    in it (the steller's name, phone or e-mail) and the case file does not allow it."""


class StrictError(BesluitpakError):
    """Raised by a strict build (``--strict``) when anything warned."""


class SigningError(BesluitpakError):
    """A PDF cannot be signed or its signatures checked: no key, no timestamp server, a
    signature that fails (besluitpak.signing)."""


class ConfigError(BesluitpakError):
    """Raised when the environment names something besluitpak cannot use: a malformed
    ``DATABASE_URL`` or ``BESLUITPAK_QUEUE``, a database or Redis server that does not answer."""
