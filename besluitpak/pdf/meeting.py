"""The meeting's PDFs put together and finished: the agenda on its own, the vergadermap, and
the besluitenlijst as LibreOffice converted it.

The **vergadermap** is the agenda (:mod:`besluitpak.pdf.agenda`) followed by each package's
bundle, with one bookmark per item and the package's own bookmarks under it, page labels
continuous over the map, each package's own stamps kept (``vergadermap pagina X van N``
added in the corner), and each agenda entry a link to the item's first page (named
destination ``agendapunt-N``). The **besluitenlijst** gets what a document of a bundle gets:
one Part, stamps, its headings as bookmarks, page labels. All three are finished by
:func:`besluitpak.pdf.finish.finish` (metadata, PDF/A-2 and PDF/UA-1 claims checked).
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

import pikepdf
from pikepdf import Array, Dictionary, Name, OutlineItem
from reportlab.pdfgen.canvas import Canvas

from besluitpak import dutch
from besluitpak.housestyle import GREY, STAMP_BOTTOM_BAND, STAMP_MARGIN, STAMP_SIZE
from besluitpak.pdf import bookmarks, fonts, links, stamp
from besluitpak.pdf import structure as pdfstruct
from besluitpak.pdf.agenda import Agenda, Meeting, draw
from besluitpak.pdf.finish import Described, finish

if TYPE_CHECKING:
    from besluitpak.pdf.bookmarks import Heading


def _described(meeting: Meeting, what: str) -> Described:
    return Described(
        title=f"{what} collegevergadering {dutch.datum(meeting.day)}",
        subject=f"{what} van de collegevergadering {meeting.nummer} van de gemeente "
        f"{meeting.gemeente}",
        author=f"Gemeente {meeting.gemeente}",
        keywords=(what.lower(), "collegevergadering", meeting.nummer, meeting.gemeente),
        day=meeting.day,
        own=(("vergadering", meeting.nummer),),
    )


def _page_labels(pdf: pikepdf.Pdf) -> None:
    """Pages numbered 1, 2, 3… over the whole file."""
    pdf.Root.PageLabels = pdf.make_indirect(Dictionary(Nums=Array([0, Dictionary(S=Name.D)])))


def write_agenda(
    agenda: Agenda, first_pages: Sequence[int], out: Path, *, strict: bool = False
) -> tuple[str, ...]:
    """The agenda on its own (no links: it names each item's page in the vergadermap); the
    claims it does not make."""
    drawn = draw(agenda, first_pages, linked=False)
    merged = pdfstruct.merge([pdfstruct.Source(pdf=drawn, title=None)]).pdf
    total = len(merged.pages)
    _stamp_agenda(agenda.meeting, merged, range(total), total)
    _page_labels(merged)
    with merged.open_outline() as outline:
        outline.root.clear()
        outline.root.append(OutlineItem("Agenda", Array([merged.pages[0].obj, Name.Fit])))
    described = _described(agenda.meeting, "Agenda")
    return finish(merged, out, described=described, strict=strict).withheld


def write_vergadermap(
    agenda: Agenda, bundles: Sequence[Path], out: Path, *, strict: bool = False
) -> tuple[tuple[int, ...], int, tuple[str, ...]]:
    """The vergadermap: the agenda, then each bundle (one per entry); each item's first
    printed page, the pages, and the claims it does not make."""
    sources = [pikepdf.open(bundle) for bundle in bundles]
    try:
        agenda_pages = len(draw(agenda, [0] * len(bundles), linked=True).pages)
        firsts, total = _layout(agenda_pages, [len(pdf.pages) for pdf in sources])
        headings = [bookmarks.own_bookmarks(pdf) for pdf in sources]
        detached = [
            links.detach(pdf, prefix=f"punt{entry.nummer}")
            for entry, pdf in zip(agenda.entries, sources, strict=True)
        ]
        merged_result = pdfstruct.merge(
            [pdfstruct.Source(pdf=draw(agenda, firsts, linked=True), title=None)]
            + [
                pdfstruct.Source(pdf=pdf, title=f"Agendapunt {entry.nummer}: {entry.onderwerp}")
                for entry, pdf in zip(agenda.entries, sources, strict=True)
            ]
        )
        merged, starts = merged_result.pdf, merged_result.starts[1:]
        _stamp_agenda(agenda.meeting, merged, range(agenda_pages), total)
        _stamp_map(merged, range(agenda_pages, total), total)
        _map_navigation(agenda, merged, starts, detached, headings)

        def where(page: int) -> str:
            owner = "agenda"
            for entry, first in zip(agenda.entries, firsts, strict=True):
                if page >= first:
                    owner = f"agendapunt {entry.nummer}"
            return owner

        withheld = finish(
            merged,
            out,
            described=_described(agenda.meeting, "Vergadermap"),
            untagged=bool(merged_result.untagged),
            where=where,
            strict=strict,
        ).withheld
    finally:
        for pdf in sources:
            pdf.close()
    return firsts, total, withheld


def _layout(agenda_pages: int, bundle_pages: Sequence[int]) -> tuple[tuple[int, ...], int]:
    """Each item's first printed page in the vergadermap, and its pages."""
    firsts, page = [], agenda_pages + 1
    for pages in bundle_pages:
        firsts.append(page)
        page += pages
    return tuple(firsts), page - 1


def layout(agenda: Path, bundles: Sequence[Path]) -> tuple[tuple[int, ...], int]:
    """The layout of a vergadermap written already from the ``agenda`` PDF beside it and
    ``bundles``: each item's first printed page, and its pages."""
    counts = []
    for path in (agenda, *bundles):
        with pikepdf.open(path) as pdf:
            counts.append(len(pdf.pages))
    return _layout(counts[0], counts[1:])


def _map_navigation(
    agenda: Agenda,
    merged: pikepdf.Pdf,
    starts: Sequence[int],
    detached: Sequence[links.Detached],
    headings: Sequence[Sequence[Heading]],
) -> None:
    """The vergadermap's links (each package's own, and ``agendapunt-N`` to each item's
    first page), its bookmarks (the agenda, then each item with its package's own under
    it) and its page labels."""
    names: dict[str, Array] = {}
    ends = [*starts[1:], len(merged.pages)]
    for entry, start, end, own in zip(agenda.entries, starts, ends, detached, strict=True):
        names.update(links.attach(merged, own, start=start, count=end - start))
        names[f"agendapunt-{entry.nummer}"] = Array([merged.pages[start].obj, Name.Fit])
    links.write_destinations(merged, names)
    links.finish_links(merged)
    with merged.open_outline() as outline:
        outline.root.clear()
        outline.root.append(OutlineItem("Agenda", Array([merged.pages[0].obj, Name.Fit])))
        for entry, start, own_headings in zip(agenda.entries, starts, headings, strict=True):
            node = OutlineItem(
                f"Agendapunt {entry.nummer} — {entry.onderwerp}",
                Array([merged.pages[start].obj, Name.Fit]),
            )
            node.children.extend(bookmarks.bookmarks_at(merged, own_headings, start))
            outline.root.append(node)
    _page_labels(merged)


def _stamps(
    label: str, kenmerk: str, total: int, pages: range | None = None
) -> list[tuple[int, stamp.Stamp]]:
    """The stamp of each of ``pages`` (default: all ``total``): ``label`` and ``kenmerk`` at
    the top, ``pagina X van N`` at the bottom."""
    return [
        (index, stamp.Stamp(label=label, kenmerk=kenmerk, page=f"pagina {index + 1} van {total}"))
        for index in (range(total) if pages is None else pages)
    ]


def _stamp_agenda(meeting: Meeting, pdf: pikepdf.Pdf, pages: range, total: int) -> None:
    label = f"Agenda collegevergadering {dutch.datum(meeting.day)}"
    stamp.stamp_pages(pdf, _stamps(label, f"vergadering {meeting.nummer}", total, pages))


def _stamp_map(pdf: pikepdf.Pdf, pages: range, total: int) -> None:
    """``vergadermap pagina X van N`` in the bottom right corner of each of ``pages`` (a
    package's own stamps stay as they are), as a pagination artifact."""
    if not pages:
        return
    regular, _ = fonts.register()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, invariant=True, pageCompression=1, initialFontName=regular)
    for index in pages:
        width, height = stamp.shown_size(pdf.pages[index])
        canvas.setPageSize((width, height))
        canvas.setFillColor(GREY)
        canvas.setFont(regular, STAMP_SIZE)
        canvas.drawRightString(
            width - STAMP_MARGIN, STAMP_BOTTOM_BAND, f"vergadermap pagina {index + 1} van {total}"
        )
        canvas.showPage()
    canvas.save()
    drawn = pikepdf.open(io.BytesIO(buffer.getvalue()))
    for index, source in zip(pages, drawn.pages, strict=True):
        form = pdf.copy_foreign(source.as_form_xobject())
        stamp.upright(pdf.pages[index], form)
        stamp.place_form(pdf, pdf.pages[index], form, "/BPmap", "/Artifact <</Type /Pagination>>")


def finish_besluitenlijst(
    converted: Path, out: Path, *, meeting: Meeting, status: str, strict: bool = False
) -> tuple[str, ...]:
    """The besluitenlijst as converted (``status``: voorlopig or definitief), finished as the
    bundle finishes a document: one Part, stamps, its headings as bookmarks, page labels,
    metadata; the claims it does not make."""
    title = f"Besluitenlijst collegevergadering {dutch.datum(meeting.day)} ({status})"
    with pikepdf.open(converted) as source:
        headings = bookmarks.own_bookmarks(source)
        detached = links.detach(source, prefix="lijst")
        result = pdfstruct.merge([pdfstruct.Source(pdf=source, title=title)])
        pdf = result.pdf
        total = len(pdf.pages)
        stamp.stamp_pages(pdf, _stamps(title, f"vergadering {meeting.nummer}", total))
        with pdf.open_outline() as outline:
            outline.root.clear()
            outline.root.extend(bookmarks.bookmarks_at(pdf, headings, 0))
        _page_labels(pdf)
        links.write_destinations(pdf, links.attach(pdf, detached, start=0, count=total))
        links.finish_links(pdf)
        described = Described(
            title=title,
            subject=f"Besluitenlijst van de collegevergadering {meeting.nummer} van de "
            f"gemeente {meeting.gemeente} ({status})",
            author=f"Gemeente {meeting.gemeente}",
            keywords=("besluitenlijst", meeting.nummer, meeting.gemeente, status),
            day=meeting.day,
            own=(("vergadering", meeting.nummer), ("status", status)),
        )
        return finish(
            pdf,
            out,
            described=described,
            untagged=bool(result.untagged),
            where=lambda page: "besluitenlijst",
            strict=strict,
        ).withheld
