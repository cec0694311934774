"""Ready-made documents from outside: checked, repaired or refused before they join a bundle.

Partners send what they have: empty files, web pages saved as .pdf, damaged or encrypted
PDFs, scans, documents with scripts or attachments, Word files with a password or images
linked from the web. Each gets one clear outcome: refused with a message naming the
bijlage and the file, or taken (cleaned where PDF/A requires it) with a warning.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from besluitpak.casefile.case import Case, Document, Kind
from besluitpak.errors import CaseError, Problem, ReadyMadeError

if TYPE_CHECKING:
    import pikepdf


@dataclass
class Report:
    """Warnings about ready-made documents that were taken anyway."""

    warnings: list[str] = field(default_factory=list)


def prepare_pdf(case: Case, document: Document, out: Path) -> list[str]:
    """Check a ready-made PDF and write a clean copy to ``out`` (repaired, without scripts
    or attachments), or refuse it with a clear message; the warnings about what was taken
    anyway."""
    from besluitpak.pdf import links

    report = Report()
    where_ = case.where(document)
    with _open(case, document) as pdf:
        repairs = [w for w in pdf.get_warnings() if w]
        if repairs:
            report.warnings.append(
                f"{where_}: the PDF was damaged and has been repaired "
                f"({repairs[0].strip()[:120]}); check the result"
            )
        if pdf.is_encrypted:
            report.warnings.append(
                f"{where_}: the PDF's encryption (permissions only, no "
                f"password) was removed: PDF/A forbids encryption"
            )
        removed = _strip_active_content(pdf)
        if removed:
            report.warnings.append(f"{where_}: removed {', '.join(removed)} (PDF/A forbids them)")
        dead = links.drop_dead_links(pdf)
        if dead:
            pages = ", ".join(str(p) for p in dead)
            report.warnings.append(
                f"{where_}: removed links that lead nowhere in the PDF (on page {pages})"
            )
        report.warnings += _embed_fonts(pdf, where_)
        if not _has_text(pdf):
            report.warnings.append(
                f"{where_}: the PDF has no text (a scan?): it is bundled, "
                f"but a screen reader cannot read it; ask for a "
                f"text-based, tagged PDF"
            )
        pdf.save(out)
    return report.warnings


def preflight(case: Case) -> list[Problem]:
    """What would refuse a ready-made PDF of ``case`` (empty, no PDF, locked, damaged, no
    pages), located at its ``bestand``: for ``besluitpak check``, before any build."""
    problems: list[Problem] = []
    for document in case.documents:
        if document.kind is not Kind.READY_PDF:
            continue
        try:
            _open(case, document).close()
        except CaseError as e:
            problems += e.problems
        except ReadyMadeError as e:
            assert document.number is not None
            problems.append(
                case.source.problem(("bijlagen", document.number - 1, "bestand"), str(e))
            )
    return problems


def _open(case: Case, document: Document) -> pikepdf.Pdf:
    """The ready-made PDF of ``document``, opened (repaired where qpdf can), with at least
    one page; or the error that refuses it."""
    import pikepdf

    assert document.bestand is not None  # a READY_PDF document has one
    where_ = case.where(document)
    data = document.bestand.read_bytes()
    if not data:
        raise ReadyMadeError(f"{where_}: the file is empty (0 bytes)").coded(
            "document-empty", where=where_
        )
    if b"%PDF-" not in data[:1024]:
        looks = "a web page (HTML)" if data.lstrip()[:1] == b"<" else "something else"
        raise ReadyMadeError(f"{where_}: expected a PDF, got {looks}; ask for the real PDF").coded(
            "pdf-not-pdf", where=where_
        )
    try:
        pdf = pikepdf.open(document.bestand)
    except pikepdf.PasswordError as e:
        raise ReadyMadeError(
            f"{where_}: the PDF is encrypted with a password; ask for a copy without one"
        ).coded("pdf-encrypted", where=where_) from e
    except pikepdf.PdfError as e:
        if _pageless(document.bestand):  # qpdf refuses a page tree without /Kids
            raise _no_pages(case, document) from e
        raise ReadyMadeError(f"{where_}: the PDF is damaged beyond repair: {e}").coded(
            "pdf-damaged", where=where_
        ) from e
    if not len(pdf.pages):
        pdf.close()
        raise _no_pages(case, document)
    return pdf


def _no_pages(case: Case, document: Document) -> CaseError:
    """A PDF without pages, located at the bijlage's ``bestand`` (a bundle has nothing to
    show of it, not even a page to stamp)."""
    assert document.bestand is not None and document.number is not None
    problem = case.source.problem(
        ("bijlagen", document.number - 1, "bestand"),
        f"{case.shown(document.bestand)}: expected a PDF with at least one page, got 0 pages",
    )
    return CaseError([problem])


def _pageless(path: Path) -> bool:
    """Whether the PDF at ``path`` has a page tree without pages (its /Kids missing or
    empty), read without following that tree."""
    import pikepdf

    try:
        with pikepdf.open(path, inherit_page_attributes=False) as pdf:
            tree = pdf.Root.get("/Pages")
            kids = tree.get("/Kids") if isinstance(tree, pikepdf.Dictionary) else None
            return not isinstance(kids, pikepdf.Array) or not len(kids)
    except pikepdf.PdfError:
        return False


def _embed_fonts(pdf: pikepdf.Pdf, where_: str) -> list[str]:
    """Embed the standard fonts the PDF names without embedding them (Helvetica, Times,
    Courier: from Liberation); a warning for those that stay as they are, for which the
    bundle cannot claim PDF/A."""
    from besluitpak.pdf import standard_fonts

    left = standard_fonts.embed(pdf).left
    if not left:
        return []
    return [
        f"{where_}: fonts not embedded in the PDF: {', '.join(left)}; the bundle is made, "
        f"but does not claim PDF/A (ask for the PDF with its fonts embedded)"
    ]


def _strip_active_content(pdf: object) -> list[str]:
    """Remove JavaScript, actions PDF/A forbids, and attachments; say what was removed."""
    import pikepdf

    assert isinstance(pdf, pikepdf.Pdf)
    removed: set[str] = set()
    _strip_catalog(pdf.Root, removed)
    for page in pdf.pages:
        _strip_page(page.obj, removed)
    return sorted(removed)


def _strip_catalog(root: pikepdf.Object, removed: set[str]) -> None:
    """The document's scripts, attachments, automatic actions and form fields."""
    names = root.get("/Names")
    if names is not None:
        if "/JavaScript" in names:
            del names["/JavaScript"]
            removed.add("JavaScript")
        if "/EmbeddedFiles" in names:
            del names["/EmbeddedFiles"]
            removed.add("attachments")
    for key in ("/OpenAction", "/AA"):
        if key in root:
            del root[key]
            removed.add("automatic actions")
    if "/AcroForm" in root:
        del root["/AcroForm"]
        removed.add("form fields")


def _strip_page(page: pikepdf.Object, removed: set[str]) -> None:
    """A page's automatic actions, and the annotations PDF/A forbids (the others lose their
    automatic actions)."""
    import pikepdf

    if "/AA" in page:
        del page["/AA"]
        removed.add("automatic actions")
    annots = page.get("/Annots")
    if annots is None:
        return
    keep = pikepdf.Array()
    for annot in annots:
        forbidden = _forbidden_annotation(annot)
        if forbidden:
            removed.add(forbidden)
            continue
        if "/AA" in annot:
            del annot["/AA"]
            removed.add("automatic actions")
        keep.append(annot)
    page.Annots = keep


def _forbidden_annotation(annot: pikepdf.Object) -> str | None:
    """What ``annot`` is, in a warning's words, if PDF/A forbids it: ``attachments``,
    ``interactive elements``, ``JavaScript`` or ``forbidden actions``; None if it may stay."""
    import pikepdf

    subtype = annot.get("/Subtype")
    if subtype in (
        pikepdf.Name.FileAttachment,
        pikepdf.Name.Widget,
        pikepdf.Name.Screen,
        pikepdf.Name.Movie,
        pikepdf.Name.Sound,
    ):
        return "attachments" if subtype == pikepdf.Name.FileAttachment else "interactive elements"
    action = annot.get("/A")
    if action is not None and action.get("/S") in (
        pikepdf.Name.JavaScript,
        pikepdf.Name.Launch,
        pikepdf.Name.ImportData,
        pikepdf.Name.ResetForm,
        pikepdf.Name.SubmitForm,
    ):
        return "JavaScript" if action.get("/S") == pikepdf.Name.JavaScript else "forbidden actions"
    return None


def _has_text(pdf: object) -> bool:
    import pikepdf

    assert isinstance(pdf, pikepdf.Pdf)
    for page in pdf.pages:
        for instruction in pikepdf.parse_content_stream(page, "Tj TJ ' \""):
            if isinstance(instruction, pikepdf.ContentStreamInstruction):
                return True
        resources = page.obj.get("/Resources", pikepdf.Dictionary())
        for xobject in resources.get("/XObject", pikepdf.Dictionary()).values():
            if xobject.get("/Subtype") == pikepdf.Name.Form and b"Tj" in xobject.read_bytes():
                return True
    return False
