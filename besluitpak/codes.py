"""The stable codes of the messages a person may meet on the web page, with the parameters
each one's translation may use. The English text stays what the CLI prints; the page shows
a code's Dutch text (``besluitpak/web/locale/nl/LC_MESSAGES/django.po``, msgid = code),
filled in with the parameters.

Every code below must have a Dutch text; a test walks this catalogue.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

GOT = ("got", "got_kind", "got_value")
"""What was found: the CLI's words (got) and, for a translation, its kind and value."""

COUNTS = ("insertions", "deletions", "moves", "formatting", "comments")
"""How many tracked changes of each kind, and comments, a document holds (numbers)."""

CODES: dict[str, tuple[str, ...]] = {
    # casefile/yamlsrc.py: a file that cannot be read as YAML
    "duplicate-key": (),
    "empty-file": (),
    "directory": (),
    "not-found": (),
    "not-utf8": ("offset",),
    "invalid-yaml": ("what",),
    # casefile/validation.py: a file that does not fit its model
    "missing-key": ("key",),
    "unknown-key": ("key", "allowed"),
    "unknown-key-hint": ("key", "hint"),
    "expected-kinds": ("kinds", *GOT),
    "expected-text": GOT,
    "expected-text-unquoted": ("written",),
    "expected-bool": GOT,
    "expected-list": GOT,
    "expected-mapping": GOT,
    "expected-nonempty-text": GOT,
    "expected-item": GOT,
    "expected-date": GOT,
    "expected-one-of": ("options", *GOT),
    "too-long": ("max", *GOT),
    "expected-at-least-items": ("count", "found"),
    "expected-at-most-items": ("count", "found"),
    "expected-form": GOT,
    "expected-pattern-paginas": GOT,
    "expected-pattern-kenmerk": GOT,
    "expected-pattern-publicatie_url": GOT,
    "expected-pattern-cbs_code": GOT,
    "expected-pattern-id": GOT,
    "expected-pattern-email": GOT,
    "expected-pattern-nummer": GOT,
    # casefile/case.py, casefile/schema.py, meeting/schema.py: checks of their own
    "embargo-before-meeting": ("vergadering", "embargo"),
    "control-character": ("char", "position"),
    "unshowable-characters": ("chars",),
    "lak-page-from-one": ("paginas",),
    "lak-range-order": ("paginas", "meant"),
    "lak-form": (),
    "lak-box-order": (),
    "unknown-ground": ("known", "ground"),
    "bijlage-source-both": (),
    "bijlage-source-neither": (),
    "bijlage-template-data-apart": ("missing",),
    "bijlage-grond-needed": (),
    "lakken-only-bestand": (),
    "wijzigingen-only-docx-odt": (),
    "lakken-only-openbaar": (),
    "besluitpunten-needed": (),
    "besluitpunten-only-gewijzigd": ("uitkomst",),
    # publication/guard.py: what build warns of, publish refuses
    "personal-data-warning": ("document", "page", "channel", "what", "passage"),
    # archival/verify.py and checks.py: an archived version that is not as its manifest says
    "archive-missing": ("file",),
    "archive-unlisted": ("file",),
    "archive-size": ("file", "size", "listed"),
    "archive-checksum": ("file",),
    "archive-checked": ("version", "count"),
    "archive-checked-meeting": ("version", "count", "cases"),
    "archive-no-seal": ("file",),
    "archive-seal-unreadable": ("file",),
    "archive-seal-form": ("file", "manifest"),
    "archive-seal-mismatch": ("file", "seal"),
    "archive-chain": ("file", "previous"),
    "archive-snapshot-extra": ("file",),
    "archive-mdto-invalid": ("file",),
    "archive-mdto-field": ("file", "field", "value", "found"),
    "archive-mdto-date": ("file",),
    "archive-input-not-in-snapshot": ("file", "name"),
    "archive-input-differs": ("file", "name"),
    "archive-version-name": ("file", "version"),
    "archive-previous-name": ("file", "expected", "found"),
    "archive-pdf-finding": ("file",),
    "archive-signature-failed": ("file", "field"),
    "archive-signature-ok": ("file", "field", "signer", "time", "level"),
    # web/signing.py: signing the definitive besluitenlijst from the page
    "sign-no-list": ("name",),
    # pdf/signed.py: a signed file is never made again over itself
    "signed-no-overwrite": ("file",),
    # meeting/signed_list.py: a signed besluitenlijst the meeting no longer matches
    "signed-list-outdated": ("file",),
    # editing/route.py: an action the paraafroute refuses (RouteRefused)
    "route-package-problems": ("wat",),
    "route-not-concept": ("label",),
    "route-unheld": ("als", "held"),
    "route-not-waiting": ("soort", "label"),
    "route-already-given": ("soort", "wie"),
    "route-not-asked": ("soort", "stap", "asked", "voor"),
    "route-oordeel": ("oordeel",),
    "route-own-proposal": ("door",),
    "route-no-reden": (),
    "route-not-on-route": ("label",),
    "route-not-returning": ("label", "asked"),
    "route-package-changed": ("wat",),
    "route-package-changed-return": (),
    # editing/routefuncties.py: a person is linked only to a function the templates name
    "route-unknown-functie": ("functie", "known"),
    "route-unknown-functie-builtin": ("functie", "known"),
    # web/views/route.py: the agenda takes only agendeerbare cases
    "route-not-agendeerbaar": ("case", "label"),
    "archive-manifest-unreadable": ("file",),
    "archive-manifest-shape": ("file",),
    "archive-meeting-case-missing": ("file", "version"),
    "archive-meeting-case-changed": ("file",),
    "archive-nothing": ("kenmerk",),
    # render: a ready-made document
    "unreadable-document": ("where",),
    "document-empty": ("where",),
    "document-protected-or-doc": ("where",),
    "document-not-docx": ("where",),
    "pdf-not-pdf": ("where",),
    "pdf-encrypted": ("where",),
    "pdf-damaged": ("where",),
    # render/revisions.py: tracked changes and comments in a ready-made .docx or .odt
    "tracked-changes": ("where", *COUNTS),
    "comments-not-removed": ("where",),
    "changes-not-resolved": ("where", *COUNTS),
    # render/docx.py: a Word template that cannot be filled in
    "template-not-docx": ("template",),
    "template-unreadable": ("template",),
    "template-tracked-changes": ("template", "count"),
    "template-syntax": ("template",),
    "template-unknown-filter": ("template", "name", "near"),
    "template-unknown-test": ("template", "name", "near"),
    "template-undefined": ("template", "name"),
    "template-variable-missing": ("name", "ident"),
    "template-render-failed": ("template",),
    # web forms, jobs and uploads
    "expected-new-id": ("ident",),
    "expected-folder-name": ("reserved", *GOT),
    "expected-new-folder": ("name",),
    "expected-new-file": ("path",),
    "job-problems": ("count",),
    "conversion-failed": ("names", "reason"),
    "conversion-timeout": ("names", "seconds"),
    "internal-error": (),
    "upload-too-large": ("limit", "size"),
    "upload-zip-bomb": ("size", "unpacked"),
    "upload-empty": (),
    "upload-exe": (),
    "upload-program": (),
    "upload-doc": (),
    "upload-rtf": (),
    "upload-other-kind": (),
    "upload-other-zip": (),
    "upload-no-pages": (),
    "upload-encrypted": (),
    "upload-bad-pdf": ("reason",),
    "upload-macros": (),
    "upload-entry-outside": ("name",),
    # editing/review.py, reviewlog.py, reviewplace.py: what the review of redactions refuses
    "review-already-decided": ("door", "nr"),
    "review-confirm-own": ("door", "count"),
    "review-confirm-none": ("door", "count"),
    "review-on-no-page": ("label", "channel"),
    "review-not-in-data": ("label", "woorden", "file"),
    "review-no-such-page": ("label", "page", "count"),
    "review-words-not-on-page": ("label", "page", "woorden"),
}
"""Code -> the names of its parameters."""

DATES = frozenset({"vergadering", "embargo"})
"""Parameters that hold a date (ISO), written out on the page ("25 maart 2014")."""


class Refusal(ValueError):
    """A check's refusal with its code and parameters (a model validator raises it; the
    message is the CLI's English)."""

    def __init__(self, message: str, code: str, **params: str) -> None:
        super().__init__(message)
        self.code = code
        self.params = params


class Coded(str):
    """A message (the CLI's English) that carries its code and parameters, for a
    translation on the page."""

    code: str
    params: dict[str, str]

    def __new__(cls, message: str, code: str, **params: str) -> Coded:
        made = super().__new__(cls, message)
        made.code = code
        made.params = params
        return made

    def __reduce__(self) -> tuple[Any, ...]:
        return _coded, (str(self), self.code, self.params)


def _coded(message: str, code: str, params: dict[str, str]) -> Coded:
    return Coded(message, code, **params)


def got(value: Any) -> dict[str, str]:
    """The parameters that say what was found (``value`` as the file has it)."""
    if value is None:
        kind, shown = "nothing", ""
    elif isinstance(value, bool):
        kind, shown = "bool", "true" if value else "false"
    elif isinstance(value, int | float):
        kind, shown = "number", str(value)
    elif isinstance(value, str):
        kind, shown = "text", value if len(value) <= 60 else value[:57] + "..."
    elif isinstance(value, list):
        kind, shown = ("list" if value else "empty-list"), ""
    elif isinstance(value, dict):
        kind, shown = ("mapping" if value else "empty-mapping"), ""
    elif hasattr(value, "isoformat"):
        kind, shown = "date", value.isoformat()
    else:
        kind, shown = "other", type(value).__name__
    return {"got": describe(value), "got_kind": kind, "got_value": shown}


def describe(value: Any) -> str:
    """A user's word for the type and value found: ``text 'abc'``, ``number 12``, ``a list``."""
    if value is None:
        return "nothing (an empty value)"
    if isinstance(value, bool):
        return f"{'true' if value else 'false'}"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        shown = value if len(value) <= 60 else value[:57] + "..."
        return f"text {shown!r}"
    if isinstance(value, list):
        return "a list" if value else "an empty list"
    if isinstance(value, dict):
        return "a mapping" if value else "an empty mapping"
    if isinstance(value, dt.datetime):
        return f"the date and time {value.isoformat(sep=' ')}"
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    return f"a value of another kind ({type(value).__name__})"
