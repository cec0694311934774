"""Stage 4: one bundle PDF: cover, contents, documents, stamps, bookmarks, labels, metadata.

Order: cover, contents, collegevoorstel, bijlage 1..N. Every page after the cover carries
the document's label, the kenmerk and "pagina X van Y"; page labels match the printed
numbers; each document gets a bookmark with its own headings nested under it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, OutlineItem, String

from besluitpak import dutch
from besluitpak.casefile.case import Case, Document
from besluitpak.errors import AssemblyError
from besluitpak.pdf import bookmarks, frontmatter, links, metadata, stamp
from besluitpak.pdf import structure as pdfstruct
from besluitpak.pdf.claims import Claims
from besluitpak.pdf.finish import Described, finish
from besluitpak.pdf.inspect import memo
from besluitpak.pdf.inspect.memo import PageMemo


@dataclass(frozen=True, kw_only=True)
class Part:
    """One document as it goes into the bundle."""

    document: Document
    pdf: Path
    note: str = ""
    """Shown in the contents after the title (e.g. why it is withheld)."""


@dataclass(frozen=True, kw_only=True)
class Layout:
    """Where each document starts, as printed page numbers (1-based, the cover is page 1)."""

    front_pages: int
    first_pages: tuple[int, ...]
    page_counts: tuple[int, ...]
    total: int
    withheld: tuple[str, ...] = ()
    """The claims the bundle does not make, and why (see :mod:`besluitpak.pdf.claims`)."""


@dataclass(frozen=True, kw_only=True)
class Options:
    """What differs between editions of the same case."""

    edition: str = "intern"
    notices: tuple[str, ...] = ()
    """Prominent lines on the cover (e.g. the embargo)."""
    producer: str = "besluitpak"
    own: tuple[tuple[str, str], ...] = ()
    """besluitpak's own metadata (edition, embargo…), written to XMP and Info."""
    watermark: str | None = None
    """Drawn diagonally under every page (the embargo mark)."""
    public: bool = False
    """Scrub internal metadata (XMP of pages and images, annotation authors)."""
    strict: bool = False
    """Write nothing rather than a file that claims less than PDF/A-2a(or u) and PDF/UA-1."""
    checks_cache: Path | None = None
    """Where each document's per-page check results are kept (see inspect.memo)."""


def _open(path: Path, document: Document) -> pikepdf.Pdf:
    try:
        return pikepdf.open(path)
    except pikepdf.PasswordError as e:
        raise AssemblyError(
            f"{path.name} ({document.short_label}): the PDF is encrypted; give an unencrypted copy"
        ) from e
    except pikepdf.PdfError as e:
        raise AssemblyError(f"{path.name} ({document.short_label}): not a readable PDF: {e}") from e


def layout(page_counts: Sequence[int]) -> Layout:
    front = 1 + frontmatter.toc_pages(len(page_counts))
    firsts = []
    next_page = front + 1
    for count in page_counts:
        firsts.append(next_page)
        next_page += count
    return Layout(
        front_pages=front,
        first_pages=tuple(firsts),
        page_counts=tuple(page_counts),
        total=next_page - 1,
    )


def assemble(case: Case, parts: Sequence[Part], out: Path, *, options: Options) -> Layout:
    """Write the bundle of ``parts`` to ``out`` (atomically: a failure leaves no file)."""
    sources = [_open(part.pdf, part.document) for part in parts]
    plan = layout([len(pdf.pages) for pdf in sources])
    meta = case.meta
    outlines = [bookmarks.own_bookmarks(pdf) for pdf in sources]
    detached = [
        links.detach(pdf, prefix=_namespace(part.document))
        for part, pdf in zip(parts, sources, strict=True)
    ]
    result = pdfstruct.merge(
        [pdfstruct.Source(pdf=_front_matter(case, parts, plan, options), title=None)]
        + [
            pdfstruct.Source(pdf=pdf, title=_part_title(part))
            for part, pdf in zip(parts, sources, strict=True)
        ]
    )
    merged, doc_starts = result.pdf, result.starts[1:]
    _stamp_bundle(
        merged,
        parts,
        doc_starts,
        kenmerk=meta.kenmerk,
        total=plan.total,
        store=options.checks_cache,
    )
    _destinations(merged, [part.document for part in parts], doc_starts, detached)
    _bundle_outline(merged, parts, doc_starts, outlines)
    merged.Root.PageLabels = merged.make_indirect(
        Dictionary(Nums=Array([0, Dictionary(P=String("Omslag")), 1, Dictionary(S=Name.D, St=2)]))
    )
    decided = _finish(
        merged,
        case,
        out,
        options=options,
        untagged=bool(result.untagged),
        title=f"Collegebesluit {meta.kenmerk}: {meta.onderwerp}",
        subject=f"Collegebesluit van de gemeente {meta.gemeente.naam}, collegevergadering "
        f"{dutch.datum(meta.collegevergadering)} ({options.edition})",
        where=_where(parts, plan),
        memo=_memo(
            options,
            [(p.pdf, s, n) for p, s, n in zip(parts, doc_starts, plan.page_counts, strict=True)],
            titles=[_part_title(part) for part in parts],
        ),
    )
    return replace(plan, withheld=decided.withheld)


def _where(parts: Sequence[Part], plan: Layout) -> Callable[[int], str]:
    """Which document a bundle page (1-based) belongs to: ``bijlage 3``, ``collegevoorstel``."""

    def where(page: int) -> str:
        owner = "cover or contents"
        for part, first in zip(parts, plan.first_pages, strict=True):
            if page >= first:
                owner = part.document.short_label.lower()
        return owner

    return where


def _front_matter(case: Case, parts: Sequence[Part], plan: Layout, options: Options) -> pikepdf.Pdf:
    """The cover and the table of contents."""
    meta = case.meta
    entries = [
        frontmatter.Entry(
            label=part.document.short_label,
            titel=part.document.titel,
            page=first,
            destination=_dest_name(part.document),
            note=part.note,
        )
        for part, first in zip(parts, plan.first_pages, strict=True)
    ]
    cover = frontmatter.Cover(
        gemeente=meta.gemeente.naam,
        onderwerp=meta.onderwerp,
        kenmerk=meta.kenmerk,
        collegevergadering=dutch.datum(meta.collegevergadering),
        portefeuillehouder=meta.portefeuillehouder,
        afdeling=meta.afdeling,
        bijlagen=len(case.bijlagen),
        editie=options.edition.capitalize(),
        notices=options.notices,
    )
    return frontmatter.build(cover, entries)


def _stamp_bundle(
    merged: pikepdf.Pdf,
    parts: Sequence[Part],
    starts: Sequence[int],
    *,
    kenmerk: str,
    total: int,
    store: Path | None,
) -> None:
    """Label, kenmerk and page number on every page but the cover."""
    stamps = []
    for page in range(1, total):
        owner = _owner(page, starts)
        label = "Inhoud" if owner is None else parts[owner].document.label
        stamps.append((page, _stamp(kenmerk, label, page, total)))
    stamp.stamp_pages(merged, stamps, store=store)


def _bundle_outline(
    merged: pikepdf.Pdf,
    parts: Sequence[Part],
    starts: Sequence[int],
    outlines: Sequence[list[bookmarks.Heading]],
) -> None:
    """One bookmark for the contents, one per document with its own headings under it."""
    with merged.open_outline() as outline:
        outline.root.clear()
        outline.root.append(OutlineItem("Inhoud", Array([merged.pages[1].obj, Name.Fit])))
        for part, start, headings in zip(parts, starts, outlines, strict=True):
            title = f"{part.document.short_label} — {part.document.titel}"
            node = OutlineItem(
                title + (f" — {part.note}" if part.note else ""),  # as in the contents
                Array([merged.pages[start].obj, Name.Fit]),
            )
            node.children.extend(bookmarks.bookmark(merged, h, start) for h in headings)
            outline.root.append(node)


def assemble_document(case: Case, part: Part, out: Path, *, options: Options) -> int:
    """One document on its own, finished like the bundle (stamps, bookmarks, metadata,
    PDF/A and PDF/UA): what ``build --only`` writes. Returns its page count."""
    source = _open(part.pdf, part.document)
    headings = bookmarks.own_bookmarks(source)
    document = part.document
    detached = links.detach(source, prefix=_namespace(document))
    result = pdfstruct.merge(
        [pdfstruct.Source(pdf=source, title=f"{document.short_label}: {document.titel}")]
    )
    pdf = result.pdf
    total = len(pdf.pages)
    stamp.stamp_pages(
        pdf,
        [(page, _stamp(case.meta.kenmerk, document.label, page, total)) for page in range(total)],
    )
    with pdf.open_outline() as outline:
        outline.root.clear()
        outline.root.extend(bookmarks.bookmark(pdf, h, 0) for h in headings)
        if not headings:  # a document without headings still gets one way in (PDF/UA)
            title = f"{document.short_label} — {document.titel}"
            outline.root.append(OutlineItem(title, Array([pdf.pages[0].obj, Name.Fit])))
    pdf.Root.PageLabels = pdf.make_indirect(Dictionary(Nums=Array([0, Dictionary(S=Name.D)])))
    _destinations(pdf, [document], [0], [detached])
    _finish(
        pdf,
        case,
        out,
        options=options,
        untagged=bool(result.untagged),
        title=f"{document.label}: {document.titel}",
        subject=f"{document.label}, collegevergadering "
        f"{dutch.datum(case.meta.collegevergadering)} ({options.edition})",
        where=lambda page: document.short_label.lower(),
        memo=_memo(options, [(part.pdf, 0, total)]),
    )
    return total


def _stamp(kenmerk: str, label: str, page: int, total: int) -> stamp.Stamp:
    return stamp.Stamp(
        label=label, kenmerk=f"kenmerk {kenmerk}", page=f"pagina {page + 1} van {total}"
    )


def _finish(
    pdf: pikepdf.Pdf,
    case: Case,
    out: Path,
    *,
    options: Options,
    untagged: bool,
    title: str,
    subject: str,
    where: Callable[[int], str],
    memo: PageMemo | None = None,
) -> Claims:
    """What every PDF besluitpak writes gets: repairs, tab order, metadata, its claims
    checked (and withheld where a check fails), a font check, an atomic, deterministic
    save. ``where`` names the document of a page (1-based), for the messages."""
    meta = case.meta
    if options.watermark:
        stamp.watermark_pages(pdf, options.watermark)
    if options.public:
        metadata.scrub_private(pdf)
    described = Described(
        title=title,
        subject=subject,
        author=f"Gemeente {meta.gemeente.naam}",
        keywords=("collegebesluit", meta.kenmerk, meta.gemeente.naam, options.edition),
        day=meta.collegevergadering,
        producer=options.producer,
        own=(("kenmerk", meta.kenmerk), ("editie", options.edition), *options.own),
    )
    return finish(
        pdf,
        out,
        described=described,
        untagged=untagged,
        where=where,
        strict=options.strict,
        what="the previous bundle",
        memo=memo,
    )


def _memo(
    options: Options, documents: Sequence[tuple[Path, int, int]], titles: Sequence[str] = ()
) -> PageMemo | None:
    """Each document's pages' check results, kept by its PDF and what the edition does to
    every page (the watermark under it, the scrubbing); the stamp is read afresh. With the
    ``titles`` of their Part elements, also what a check finds in each one's structure."""
    salt = [options.watermark or "", str(options.public)]
    store, fresh = options.checks_cache, (stamp.STAMP_NAME,)
    return memo.for_documents(store, documents, salt=salt, fresh=fresh, titles=titles)


def _part_title(part: Part) -> str:
    """The title of a document's Part element in the bundle."""
    return f"{part.document.short_label}: {part.document.titel}"


def _dest_name(document: Document) -> str:
    """Named destination of a document's first page: ``collegevoorstel``, ``bijlage-3``
    (links to them work from outside too: ``bundle.pdf#nameddest=bijlage-3``)."""
    return "collegevoorstel" if document.number is None else f"bijlage-{document.number}"


def _owner(page: int, starts: Sequence[int]) -> int | None:
    owner = None
    for index, start in enumerate(starts):
        if page >= start:
            owner = index
    return owner


def _namespace(document: Document) -> str:
    """Where a document's own named destinations go in the bundle: ``b3:section.1``,
    ``voorstel:…``, so that no two documents' names clash."""
    return "voorstel" if document.number is None else f"b{document.number}"


def _destinations(
    pdf: pikepdf.Pdf,
    documents: Sequence[Document],
    starts: Sequence[int],
    detached: Sequence[links.Detached],
) -> None:
    """The bundle's named destinations (each document's first page, and the documents'
    own, in their namespaces); every link pointed at its page in the bundle and described."""
    ends = [*starts[1:], len(pdf.pages)]
    names: dict[str, Array] = {}
    for document, start, end, own in zip(documents, starts, ends, detached, strict=True):
        names.update(links.attach(pdf, own, start=start, count=end - start))
        names[_dest_name(document)] = Array([pdf.pages[start].obj, Name.Fit])
    links.write_destinations(pdf, names)
    links.finish_links(pdf)


def finish_standalone(
    pdf: pikepdf.Pdf, case: Case, out: Path, *, title: str, subject: str, options: Options
) -> Claims:
    """A PDF besluitpak drew and tagged itself (the inventarislijst of
    :func:`besluitpak.pdf.table.table_pdf`), finished as every other: the same repairs,
    metadata, PDF/A-2 and PDF/UA-1 claims checked (withheld, or with ``options.strict``
    refused, where a check fails), an atomic, deterministic save to ``out``."""
    return _finish(
        pdf,
        case,
        out,
        options=options,
        untagged=False,
        title=title,
        subject=subject,
        where=lambda page: out.name,
    )
