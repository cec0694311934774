"""The agenda and the vergadermap: every package built, one bundle of the meeting.

The packages are built with :func:`besluitpak.build_many`, sharing the LibreOffice workers as
a batch does. The **agenda** is drawn and tagged here (reportlab inside marked content, the
structure tree with pikepdf, as the bundle's own front matter is): a heading, the meeting,
then one entry per item (number, onderwerp, soort, portefeuillehouder, kenmerk, first page).
The **vergadermap** is the agenda followed by each package's internal edition, with one
bookmark per item and the package's own bookmarks under it, page labels continuous over the
map, each package's own stamps kept, and each agenda entry a link to the item's first page
(named destination ``agendapunt-N``).
"""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, OutlineItem
from reportlab.lib.colors import white
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

from besluitpak import dutch, fingerprint
from besluitpak.casefile.case import Case
from besluitpak.errors import BesluitpakError
from besluitpak.events import OnEvent
from besluitpak.files import safe_name, sha256
from besluitpak.housestyle import (
    ACCENT,
    GREY,
    INK,
    LEFT,
    RIGHT,
    STAMP_BOTTOM_BAND,
    STAMP_MARGIN,
    STAMP_SIZE,
)
from besluitpak.meeting.load import Item, Vergadering
from besluitpak.pdf import assemble, fonts, links, stamp, tagging
from besluitpak.pdf import structure as pdfstruct
from besluitpak.pdf.finish import Described, finish
from besluitpak.pdf.tagging import Tagger
from besluitpak.pipeline import build_many
from besluitpak.production.plan import Target
from besluitpak.settings import BuildSettings

BOTTOM = 90.0
WEEKDAYS = ("maandag", "dinsdag", "woensdag", "donderdag", "vrijdag", "zaterdag", "zondag")
EDITION = "intern"
"""The vergadermap is the college's: each package's internal edition."""


@dataclass(frozen=True, kw_only=True)
class AgendaResult:
    """What ``besluitpak vergadering agenda`` wrote."""

    agenda: Path
    vergadermap: Path
    packages: tuple[Path, ...]
    """Each item's bundle (internal edition), in agenda order."""
    first_pages: tuple[int, ...]
    """The printed page of each item's first page in the vergadermap."""
    pages: int
    """The vergadermap's pages."""
    seconds: float
    built: int
    """Packages built in this run (the others were up to date)."""
    warnings: tuple[str, ...] = ()


def file_stem(vergadering: Vergadering) -> str:
    """``2014-10``: the meeting's number as it appears in file names."""
    return safe_name(vergadering.meta.nummer)


def packages_folder(out: Path) -> Path:
    return out / "pakketten"


def build_packages(
    vergadering: Vergadering,
    *,
    out: Path,
    settings: BuildSettings | None = None,
    on_event: OnEvent | None = None,
    chosen: Sequence[tuple[Item, Case]] | None = None,
    editions: tuple[str, ...] = (EDITION,),
) -> tuple[tuple[Path, ...], int, tuple[str, ...]]:
    """Build every item's package (``chosen``: these items, each with the case to build for
    it, e.g. as decided) into ``out/pakketten/<kenmerk>/`` in one run, sharing the workers;
    the first edition's bundles, how many were built, the warnings. Raises one error naming
    every item that failed."""
    settings = replace(settings or BuildSettings(), editions=editions, only=())
    pairs = list(chosen) if chosen is not None else [(i, i.case) for i in vergadering.items]
    targets = [
        Target(case=case, out=packages_folder(out) / safe_name(case.meta.kenmerk))
        for _, case in pairs
    ]
    outcomes = build_many(targets, settings=settings, on_event=on_event)
    failed = [
        f"agendapunt {item.nummer} ({item.case.meta.kenmerk}): {outcome.error}"
        for (item, _), outcome in zip(pairs, outcomes, strict=True)
        if outcome.error is not None
    ]
    if failed:
        raise BesluitpakError(
            f"{len(failed)} of {len(outcomes)} packages failed:\n  " + "\n  ".join(failed)
        )
    bundles: list[Path] = []
    warnings: list[str] = []
    built = 0
    for outcome in outcomes:
        assert outcome.result is not None
        bundles.append(outcome.result.files[0])
        built += not outcome.result.up_to_date
        warnings += outcome.result.warnings
    return tuple(bundles), built, tuple(warnings)


def build_agenda(
    vergadering: Vergadering,
    *,
    out: Path,
    settings: BuildSettings | None = None,
    on_event: OnEvent | None = None,
) -> AgendaResult:
    """Build every package, then the agenda and the vergadermap into ``out``."""
    started = time.perf_counter()
    settings = settings or BuildSettings()
    bundles, built, warnings = build_packages(
        vergadering, out=out, settings=settings, on_event=on_event
    )
    stem = file_stem(vergadering)
    agenda_pdf, vergadermap_pdf = out / f"agenda-{stem}.pdf", out / f"vergadermap-{stem}.pdf"
    key = _key(vergadering, bundles, strict=settings.strict)
    remembered = _remembered(out / STATE, key, [agenda_pdf, vergadermap_pdf])
    if settings.use_cache and remembered is not None:
        firsts, total, withheld = remembered
    else:
        firsts, total, withheld = write_vergadermap(
            vergadering, bundles, vergadermap_pdf, strict=settings.strict
        )
        withheld += write_agenda(vergadering, firsts, agenda_pdf, strict=settings.strict)
        _remember(out / STATE, key, [agenda_pdf, vergadermap_pdf], firsts, total, withheld)
    return AgendaResult(
        agenda=agenda_pdf,
        vergadermap=vergadermap_pdf,
        packages=bundles,
        first_pages=firsts,
        pages=total,
        seconds=time.perf_counter() - started,
        built=built,
        warnings=(*warnings, *withheld),
    )


STATE = ".besluitpak-vergadering.json"
"""What the agenda and vergadermap in an output folder were made from (see :func:`_key`)."""


def _key(vergadering: Vergadering, bundles: Sequence[Path], *, strict: bool) -> str:
    """The agenda and the vergadermap follow from the vergadering file, the bundles' bytes
    and the code: the same key, the same files."""
    digest = hashlib.sha256(fingerprint.code_version().encode())
    digest.update(sha256(vergadering.path).encode())
    for bundle in bundles:
        digest.update(sha256(bundle).encode())
    digest.update(b"strict" if strict else b"")
    return digest.hexdigest()


def _remembered(
    state: Path, key: str, outputs: Sequence[Path]
) -> tuple[tuple[int, ...], int, tuple[str, ...]] | None:
    """The layout of outputs made from ``key`` that are still as they were written."""
    try:
        known = json.loads(state.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if known.get("key") != key or not all(p.exists() for p in outputs):
        return None
    if [sha256(p) for p in outputs] != known.get("outputs"):
        return None
    return tuple(known["first_pages"]), int(known["pages"]), tuple(known["withheld"])


def _remember(
    state: Path,
    key: str,
    outputs: Sequence[Path],
    firsts: Sequence[int],
    total: int,
    withheld: Sequence[str],
) -> None:
    record = {
        "key": key,
        "outputs": [sha256(p) for p in outputs],
        "first_pages": list(firsts),
        "pages": total,
        "withheld": list(withheld),
    }
    with contextlib.suppress(OSError):  # only a shortcut: without it the next run writes again
        state.write_text(json.dumps(record) + "\n", encoding="utf-8")


def _described(vergadering: Vergadering, what: str) -> Described:
    meta = vergadering.meta
    return Described(
        title=f"{what} collegevergadering {dutch.datum(meta.datum)}",
        subject=f"{what} van de collegevergadering {meta.nummer} van de gemeente "
        f"{meta.gemeente.naam}",
        author=f"Gemeente {meta.gemeente.naam}",
        keywords=(what.lower(), "collegevergadering", meta.nummer, meta.gemeente.naam),
        day=meta.datum,
        own=(("vergadering", meta.nummer),),
    )


def write_agenda(
    vergadering: Vergadering, first_pages: Sequence[int], out: Path, *, strict: bool = False
) -> tuple[str, ...]:
    """The agenda on its own (no links: it names each item's page in the vergadermap)."""
    drawn = draw(vergadering, first_pages, linked=False)
    merged = pdfstruct.merge([pdfstruct.Source(pdf=drawn, title=None)]).pdf
    total = len(merged.pages)
    _stamp_agenda(vergadering, merged, range(total), total)
    merged.Root.PageLabels = merged.make_indirect(Dictionary(Nums=Array([0, Dictionary(S=Name.D)])))
    with merged.open_outline() as outline:
        outline.root.clear()
        outline.root.append(OutlineItem("Agenda", Array([merged.pages[0].obj, Name.Fit])))
    described = _described(vergadering, "Agenda")
    return finish(merged, out, described=described, strict=strict).withheld


def write_vergadermap(
    vergadering: Vergadering, bundles: Sequence[Path], out: Path, *, strict: bool = False
) -> tuple[tuple[int, ...], int, tuple[str, ...]]:
    """The vergadermap: agenda, then each bundle; each item's first printed page, the
    pages, and the claims it does not make."""
    sources = [pikepdf.open(bundle) for bundle in bundles]
    try:
        agenda_pages = len(draw(vergadering, [0] * len(bundles), linked=True).pages)
        firsts, page = [], agenda_pages + 1
        for pdf in sources:
            firsts.append(page)
            page += len(pdf.pages)
        total = page - 1
        headings = [assemble.own_bookmarks(pdf) for pdf in sources]
        detached = [
            links.detach(pdf, prefix=f"punt{item.nummer}")
            for item, pdf in zip(vergadering.items, sources, strict=True)
        ]
        agenda = draw(vergadering, firsts, linked=True)
        merged_result = pdfstruct.merge(
            [pdfstruct.Source(pdf=agenda, title=None)]
            + [
                pdfstruct.Source(
                    pdf=pdf, title=f"Agendapunt {item.nummer}: {item.case.meta.onderwerp}"
                )
                for item, pdf in zip(vergadering.items, sources, strict=True)
            ]
        )
        merged, starts = merged_result.pdf, merged_result.starts[1:]
        _stamp_agenda(vergadering, merged, range(agenda_pages), total)
        _stamp_map(merged, range(agenda_pages, total), total)
        names: dict[str, Array] = {}
        ends = [*starts[1:], len(merged.pages)]
        for item, start, end, own in zip(vergadering.items, starts, ends, detached, strict=True):
            names.update(links.attach(merged, own, start=start, count=end - start))
            names[f"agendapunt-{item.nummer}"] = Array([merged.pages[start].obj, Name.Fit])
        links.write_destinations(merged, names)
        links.finish_links(merged)
        with merged.open_outline() as outline:
            outline.root.clear()
            outline.root.append(OutlineItem("Agenda", Array([merged.pages[0].obj, Name.Fit])))
            for item, start, own_headings in zip(vergadering.items, starts, headings, strict=True):
                node = OutlineItem(
                    f"Agendapunt {item.nummer} — {item.case.meta.onderwerp}",
                    Array([merged.pages[start].obj, Name.Fit]),
                )
                node.children.extend(assemble.bookmarks_at(merged, own_headings, start))
                outline.root.append(node)
        merged.Root.PageLabels = merged.make_indirect(
            Dictionary(Nums=Array([0, Dictionary(S=Name.D)]))
        )

        def where(page: int) -> str:
            owner = "agenda"
            for item, first in zip(vergadering.items, firsts, strict=True):
                if page >= first:
                    owner = f"agendapunt {item.nummer}"
            return owner

        withheld = finish(
            merged,
            out,
            described=_described(vergadering, "Vergadermap"),
            untagged=bool(merged_result.untagged),
            where=where,
            strict=strict,
        ).withheld
    finally:
        for pdf in sources:
            pdf.close()
    return tuple(firsts), total, withheld


def _stamp_agenda(
    vergadering: Vergadering, pdf: pikepdf.Pdf, pages: Sequence[int] | range, total: int
) -> None:
    meta = vergadering.meta
    stamp.stamp_pages(
        pdf,
        [
            (
                index,
                stamp.Stamp(
                    label=f"Agenda collegevergadering {dutch.datum(meta.datum)}",
                    kenmerk=f"vergadering {meta.nummer}",
                    page=f"pagina {index + 1} van {total}",
                ),
            )
            for index in pages
        ],
    )


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


# --- drawing and tagging the agenda ------------------------------------------------------------


def _weekday(vergadering: Vergadering) -> str:
    day = vergadering.meta.datum
    return f"{WEEKDAYS[day.weekday()]} {dutch.datum(day)}"


def _entry_lines(item: Item, regular: str, width: float) -> list[str]:
    return list(simpleSplit(item.case.meta.onderwerp, regular, 11.5, width))


def _detail(item: Item) -> str:
    meta = item.case.meta
    return f"{item.soort.value.capitalize()} · {meta.portefeuillehouder} · kenmerk {meta.kenmerk}"


def draw(vergadering: Vergadering, first_pages: Sequence[int], *, linked: bool) -> pikepdf.Pdf:
    """The agenda's page(s), tagged; with ``linked``, each entry links to its item."""
    regular, bold = fonts.register()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=True, pageCompression=1, initialFontName=regular)
    t = Tagger(canvas=canvas)
    meta = vergadering.meta
    width, height = A4
    with t.artifact():
        canvas.setFillColor(ACCENT)
        canvas.rect(0, height - 130, width, 76, stroke=0, fill=1)  # below the stamp's band
    with t.tag("P"):
        canvas.setFillColor(white)
        canvas.setFont(bold, 20)
        canvas.drawString(LEFT, height - 99, f"Gemeente {meta.gemeente.naam}")
    y = height - 200
    with t.tag("H1"):
        canvas.setFillColor(ACCENT)
        canvas.setFont(bold, 30)
        canvas.drawString(LEFT, y, "Agenda collegevergadering")
    y -= 32
    with t.tag("P"):
        canvas.setFillColor(INK)
        canvas.setFont(regular, 14)
        canvas.drawString(LEFT, y, f"{_weekday(vergadering)} — vergadering {meta.nummer}")
    y -= 40
    with t.tag("H2"):
        canvas.setFillColor(ACCENT)
        canvas.setFont(bold, 15)
        canvas.drawString(LEFT, y, "Agendapunten")
    y -= 26
    t.elements.append(("TOC", -1, -1))  # the entries that follow are its TOCI
    for item, first in zip(vergadering.items, first_pages, strict=True):
        lines = _entry_lines(item, regular, RIGHT - LEFT - 28 - 60)
        needed = 16 * len(lines) + 30
        if y - needed < BOTTOM:
            t.next_page()
            y = height - 90
        top = y + 13
        kind = "Link" if linked else "P"
        with t.tag(kind) as mcid:
            canvas.setFillColor(INK)
            canvas.setFont(bold, 11.5)
            canvas.drawString(LEFT, y, f"{item.nummer}.")
            canvas.setFont(regular, 11.5)
            for number, line in enumerate(lines):
                canvas.drawString(LEFT + 28, y - 16 * number, line)
            canvas.drawRightString(RIGHT, y, f"blz. {first}")
            y -= 16 * len(lines)
            canvas.setFillColor(GREY)
            canvas.setFont(regular, 9.5)
            canvas.drawString(LEFT + 28, y, _detail(item))
        description = f"Agendapunt {item.nummer}: {item.case.meta.onderwerp}, pagina {first}"
        rect = (LEFT - 2, y - 4, RIGHT + 2, top)
        t.links.append((t.page, mcid, rect, f"agendapunt-{item.nummer}", description))
        y -= 26
    t.elements.append(("/TOC", -1, -1))
    for title, names in (("Aanwezig", meta.aanwezig), ("Afwezig", meta.afwezig)):
        if not names:
            continue
        if y - 30 - 15 * len(names) < BOTTOM:
            t.next_page()
            y = height - 90
        y -= 6
        with t.tag("H2"):
            canvas.setFillColor(ACCENT)
            canvas.setFont(bold, 13)
            canvas.drawString(LEFT, y, title)
        y -= 20
        with t.tag("P"):
            canvas.setFillColor(INK)
            canvas.setFont(regular, 11)
            for line in simpleSplit(", ".join(names), regular, 11, RIGHT - LEFT):
                canvas.drawString(LEFT, y, line)
                y -= 15
        y -= 10
    canvas.showPage()
    canvas.save()
    pdf = pikepdf.open(io.BytesIO(buffer.getvalue()))
    _structure(pdf, t, linked=linked)
    return pdf


def _structure(pdf: pikepdf.Pdf, t: Tagger, *, linked: bool) -> None:
    """The agenda's structure tree: its elements in reading order, the entries in a TOC of
    TOCI (each a Link with its annotation, or a P)."""
    root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot, K=Array()))
    drawn = {(link[0], link[1]): link for link in t.links}
    per_page: dict[int, list[pikepdf.Object]] = {}
    keyed: list[tuple[int, pikepdf.Object]] = []
    toc: pikepdf.Object | None = None
    for kind, page, mcid in t.elements:
        if kind == "TOC":
            toc = pdf.make_indirect(Dictionary(Type=Name.StructElem, S=Name.TOC, P=root, K=Array()))
            root.K.append(toc)
            continue
        if kind == "/TOC":
            toc = None
            continue
        element = pdf.make_indirect(
            Dictionary(Type=Name.StructElem, S=Name("/" + kind), Pg=pdf.pages[page].obj, K=mcid)
        )
        per_page.setdefault(page, []).append(element)
        if toc is None:
            element.P = root
            root.K.append(element)
        elif linked:
            key = len(pdf.pages) + len(keyed)
            tagging.toc_item(pdf, toc, element, drawn[(page, mcid)], key=key)
            keyed.append((key, element))
        else:
            item = pdf.make_indirect(
                Dictionary(Type=Name.StructElem, S=Name.TOCI, P=toc, K=Array([element]))
            )
            element.P = item
            toc.K.append(item)
    tagging.parent_tree(pdf, root, per_page, keyed)
