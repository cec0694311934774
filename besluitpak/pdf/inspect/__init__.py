"""``besluitpak inspect``: what a PDF claims, and what was checked behind each claim.

For archivists (is this the file it says it is?) and for the tests. Each check reads the
file itself; none trusts what besluitpak meant to write. PDF/A-2 is checked as far as it can
be without a full validator (docs/bundle.md says what is and is not checked).
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import pikepdf

from besluitpak.errors import UnreadablePdfError
from besluitpak.pdf.inspect import content, document, navigation, shown, tagged
from besluitpak.pdf.inspect.base import CHECKS, Check, CheckFn, _Context, _reason, log
from besluitpak.pdf.inspect.memo import PageMemo

__all__ = ["Check", "Report", "checks", "inspect", "render_text"]


@dataclass
class Report:
    """Everything ``inspect`` found about one file."""

    path: str
    claims: dict[str, str] = field(default_factory=dict)
    checks: list[Check] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return all(check.ok for check in self.checks)

    def failed(self) -> list[Check]:
        return [check for check in self.checks if not check.ok]

    def as_dict(self) -> dict[str, Any]:
        return {
            "path": self.path,
            "ok": self.ok,
            "claims": self.claims,
            "checks": [asdict(check) for check in self.checks],
        }


def checks(pdf: pikepdf.Pdf, memo: PageMemo | None = None) -> list[Check]:
    """Every check on an open PDF (the build checks its bundle before it saves it; its
    documents' per-page results kept in ``memo``)."""
    context = _Context(pdf, memo)
    found: list[Check] = []
    for func in _in_order():
        found.extend(_run(func, context))
    return found


def inspect(path: Path) -> Report:
    """Open ``path`` and run every check. A file that is not a readable PDF at all is an
    :class:`UnreadablePdfError`; a part of the file that a check cannot read is that check's
    FAIL, with the reason, and the other checks still run."""
    pdf = _open(path)
    with pdf:
        report = Report(path=str(path))
        context = _Context(pdf)
        report.checks.extend(_opened(pdf))
        for func in _in_order():
            report.checks.extend(_run(func, context))
        report.claims = context.claims()
    return report


def _open(path: Path) -> pikepdf.Pdf:
    """The PDF at ``path``, or an error saying in one line why there is none."""
    if not path.exists():
        raise UnreadablePdfError(f"{path}: no such file")
    if path.is_dir():
        raise UnreadablePdfError(f"{path}: expected a PDF file, got a folder")
    try:
        with path.open("rb") as handle:
            head = handle.read(1024)
    except OSError as e:
        raise UnreadablePdfError(f"{path}: cannot read the file: {e.strerror or e}") from e
    if not head:
        raise UnreadablePdfError(f"{path}: expected a PDF, got an empty file (0 bytes)")
    if b"%PDF-" not in head:
        looks = "a web page (HTML)" if head.lstrip()[:1] == b"<" else "something else"
        raise UnreadablePdfError(f"{path}: not a readable PDF: expected a PDF, got {looks}")
    try:
        pdf = pikepdf.open(path)
    except pikepdf.PasswordError as e:
        raise UnreadablePdfError(f"{path}: the PDF is encrypted with a password") from e
    except (pikepdf.PdfError, OSError, ValueError, RuntimeError) as e:
        raise UnreadablePdfError(f"{path}: not a readable PDF: {_qpdf_message(e, path)}") from e
    try:
        pdf.Root.get("/Type")
    except (pikepdf.PdfError, AttributeError, TypeError, ValueError, RuntimeError) as e:
        pdf.close()
        raise UnreadablePdfError(f"{path}: not a readable PDF: it has no catalog") from e
    return pdf


def _qpdf_message(error: Exception, path: Path) -> str:
    """qpdf's words without the file name it puts in front, on one line."""
    text = " ".join(str(error).split())
    for prefix in (f"{path}: ", f"{path.resolve()}: "):
        text = text.removeprefix(prefix)
    return text or type(error).__name__


def _opened(pdf: pikepdf.Pdf) -> Iterator[Check]:
    """Did qpdf have to repair the file to read it (a broken xref, a bad offset)?"""
    repairs = [" ".join(w.split()) for w in pdf.get_warnings() if w.strip()]
    yield Check(
        "file",
        "readable without repair",
        not repairs,
        f"damaged, repaired on reading: {repairs[0][:160]}"
        + (f" (and {len(repairs) - 1} more)" if len(repairs) > 1 else "")
        if repairs
        else "cross-reference table and objects intact",
    )


PARTS = {
    "identification": ("identification", "XMP identification"),
    "metadata": ("metadata", "metadata"),
    "viewing": ("metadata", "viewer settings and language"),
    "output_intent": ("archival", "OutputIntent"),
    "fonts": ("fonts", "fonts"),
    "glyphs_shown": ("fonts", "the glyphs shown"),
    "optional_content": ("metadata", "optional content"),
    "safety": ("archival", "objects and names"),
    "structure": ("structure", "structure tree"),
    "semantics": ("structure", "structure elements"),
    "tagged_content": ("structure", "what the pages paint"),
    "links": ("annotations", "annotations"),
    "annotation_elements": ("annotations", "annotations in the structure tree"),
    "navigation": ("navigation", "bookmarks and page labels"),
}
"""For each check, its area and the part of the file it reads (for a FAIL when it cannot);
the report lists the checks in this order."""

# their @check functions join CHECKS on import
_MODULES = (document, tagged, navigation, shown, content)


def _in_order() -> list[CheckFn]:
    """Every check, in the order of :data:`PARTS`."""
    return sorted(CHECKS, key=lambda func: list(PARTS).index(func.__name__))


def _run(func: CheckFn, c: _Context) -> list[Check]:
    """The checks ``func`` makes; if the file defeats it midway, those it made and a FAIL
    saying which part could not be read, and why."""
    found: list[Check] = []
    try:
        found.extend(func(c))
    except Exception as e:  # a damaged file can make any read fail: report it, go on
        log.debug("inspect: %s could not read the file", func.__name__, exc_info=True)
        area, part = PARTS.get(func.__name__, (func.__name__, func.__name__.replace("_", " ")))
        found.append(Check(area, f"{part} readable", False, f"cannot read it: {_reason(e)}"))
    return found


def render_text(report: Report) -> str:
    """The report as a person reads it."""
    lines = [f"{report.path}"]
    claims = report.claims
    lines.append(
        f"  claims: {claims.get('pdfa')}, {claims.get('pdfua')}, "
        f"language {claims.get('language') or '?'}, {claims.get('pages')} pages"
    )
    lines.append(f"  title:  {claims.get('title')}")
    for area in dict.fromkeys(item.area for item in report.checks):
        lines.append(f"  {area}")
        for item in report.checks:
            if item.area == area:
                lines.append(f"    [{'ok' if item.ok else 'FAIL'}] {item.name}: {item.detail}")
    failed = len(report.failed())
    lines.append(
        f"  all {len(report.checks)} checks passed"
        if not failed
        else f"  {failed} of {len(report.checks)} checks FAILED"
    )
    return "\n".join(lines)
