"""Suggested redactions for a case's public edition: :func:`suggest`.

The public edition is built as ``build --only … --edition openbaar`` would (one PDF per
document, as the bundle has it: withheld bijlagen as their placeholder page, withheld pages
as pages naming their ground, {lak} passages as boxes) into a temporary folder, and every
channel of each is read as the personal-data guard reads it
(:func:`besluitpak.publication.guard.file_channels`: page text with every layer on, the
content streams, bookmarks, annotations, structure attributes, metadata, attachments…),
with the titles besluitpak prints. :func:`besluitpak.review.detect.find` reads each text;
what is public by function or allowed by the case (:mod:`.public`) is left out.

A finding on a page's text is one suggestion with the boxes of its words on the page; the
same words on the same page in another channel (the content stream, a bookmark, the
metadata) add no second one. Elsewhere (an annotation, an attachment) it is its own
suggestion, positioned by character offsets in that channel's text.
"""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import Any

from besluitpak.casefile.case import Case, Document, load_case
from besluitpak.errors import OutputError
from besluitpak.publication import guard, program_text
from besluitpak.publication.channels import Channel
from besluitpak.review import boxes, detect, public
from besluitpak.review.boxes import Box
from besluitpak.settings import BuildSettings

DEFAULT_GROUND = "5.1.2e"
"""Eerbiediging van de persoonlijke levenssfeer: the ground proposed for every kind."""
_CONTEXT = 40
_COVER = "cover"


@dataclass(frozen=True, kw_only=True)
class Suggestion:
    """One suggested redaction. Review decisions refer to it by :attr:`fingerprint`."""

    document: str
    """The document's id: ``voorstel`` or a bijlage's ``id`` (``opgave-noord``);
    ``cover`` for the titles besluitpak prints (onderwerp, bijlage titles)."""
    label: str
    """``Collegevoorstel``, ``Bijlage 3``: as a person names the document now."""
    page: int | None
    """The document's own page (1-based, as ``lakken: paginas`` counts); None for what is on
    no page (metadata, an attachment)."""
    channel: str
    """Where: ``content`` (the page's text) or the guard's channel name (``bookmark``,
    ``annotation /Contents``, ``XMP``…)."""
    start: int
    end: int
    """Character offsets of :attr:`words` in the channel's text (whitespace-normalised)."""
    boxes: tuple[Box, ...]
    """The words' boxes on the page (``content`` only; empty elsewhere)."""
    words: str
    """The words as they stand."""
    kind: str
    """``persoon``, ``adres``, ``e-mailadres``, ``telefoonnummer``, ``IBAN`` or ``BSN``."""
    ground: str = DEFAULT_GROUND
    """The Woo ground proposed."""
    context: str = ""
    """The words around it, for a reviewer."""
    fingerprint: str = ""
    """16 hex digits: the same while the document's id, the channel, the words and the
    text around them are the same (a rebuild of unchanged text gives the same one)."""

    def line(self) -> str:
        """``Bijlage 3 p.2: 'J. de Vries' (persoon, 5.1.2e) [0f3c…]``."""
        where = self.label if self.page is None else f"{self.label} p.{self.page}"
        if self.channel != "content":
            where += f" ({self.channel})"
        return f"{where}: {self.words!r} ({self.kind}, {self.ground}) [{self.fingerprint}]"

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, kw_only=True)
class Suggestions:
    """The suggestions for one case, in document and page order."""

    kenmerk: str
    items: tuple[Suggestion, ...] = ()
    pages: int = 0
    """Pages read (every document's, in the public edition)."""
    public: tuple[str, ...] = field(default=(), repr=False)
    """Names and passages never suggested (public by function, allowed by the case)."""

    def __iter__(self) -> Iterator[Suggestion]:
        return iter(self.items)

    def __len__(self) -> int:
        return len(self.items)

    def by_fingerprint(self, fingerprint: str) -> Suggestion | None:
        return next((s for s in self.items if s.fingerprint == fingerprint), None)

    def as_json(self) -> str:
        return json.dumps(
            {
                "kenmerk": self.kenmerk,
                "pages": self.pages,
                "suggestions": [s.as_dict() for s in self.items],
            },
            ensure_ascii=False,
            indent=2,
        )


def suggest(
    case: Case | Path,
    *,
    settings: BuildSettings | None = None,
    vergaderingen: Sequence[Path] | None = None,
    keep: Path | None = None,
) -> Suggestions:
    """The suggested redactions of ``case``'s public edition (a case file's path is loaded).
    ``vergaderingen``: the vergadering files whose ``aanwezig``/``afwezig`` are public by
    function (default: those near the case that have it on their agenda). ``keep``: a
    folder to keep each document's public PDF in, as ``<id>.pdf`` (the pages the boxes are
    on, for a review page)."""
    loaded = load_case(case) if isinstance(case, Path) else case
    known = public_of(loaded, vergaderingen)
    with tempfile.TemporaryDirectory(prefix="besluitpak-suggest-") as work:
        pdfs = _public_documents(loaded, Path(work), settings or BuildSettings())
        found: list[Suggestion] = []
        pages = 0
        cover = [loaded.meta.onderwerp, *(d.titel for d in loaded.documents)]
        found += _cover(cover, known)
        for document, pdf in pdfs:
            if keep is not None:
                keep.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(pdf, keep / f"{document.id}.pdf")
            items, count = _document(document, pdf, known)
            found += items
            pages += count
    return Suggestions(
        kenmerk=loaded.meta.kenmerk,
        items=tuple(found),
        pages=pages,
        public=(*known.persons, *known.passages),
    )


def public_of(case: Case, vergaderingen: Sequence[Path] | None = None) -> public.Public:
    """What is never suggested in ``case``: see :mod:`.public`."""
    files = public.vergadering_files(case.path) if vergaderingen is None else vergaderingen
    meta = case.meta
    return public.of(
        gemeente=meta.gemeente.naam,
        portefeuillehouder=meta.portefeuillehouder,
        afdeling=meta.afdeling,
        toegestaan=[t.tekst for t in meta.openbaar.toegestaan] if meta.openbaar else [],
        vergadering_names=public.vergadering_names(case.path, files),
    )


def _public_documents(
    case: Case, work: Path, settings: BuildSettings
) -> list[tuple[Document, Path]]:
    """Each document of the public edition as its own PDF, built into ``work``."""
    from besluitpak import pipeline
    from besluitpak.production.plan import single_name

    only = tuple(d.id for d in case.documents)
    asked = replace(settings, editions=("openbaar",), only=only, final=False, strict=False)
    pipeline.build(case, out=work, settings=asked)
    return [(d, work / single_name(case, d, "openbaar")) for d in case.documents]


def _cover(texts: Sequence[str], known: public.Public) -> list[Suggestion]:
    found = []
    for text in texts:
        channel = Channel(document=_COVER, page=None, channel="title", text=text)
        found += _found(channel, "Titels", known)
    return _fingerprinted(found)


def _document(document: Document, pdf: Path, known: public.Public) -> tuple[list[Suggestion], int]:
    """The suggestions of one document's public PDF, and its pages."""
    try:
        words = boxes.pages(pdf)
    except (OSError, subprocess.CalledProcessError, ValueError) as e:
        raise OutputError(f"{pdf.name}: cannot read its words' boxes: {e}") from e
    channels = [  # a PDF name is an identifier and a font program's text no prose: the
        # guard searches them for the withheld words, the detector would take a font's
        # name for a person's
        c
        for c in guard.file_channels(pdf, document=document.id)
        if c.channel not in ("PDF name", "content by encoding")
        and c.channel not in program_text.CHANNELS
    ]
    channels.sort(key=lambda c: c.channel != "content")
    found: list[Suggestion] = []
    seen: set[tuple[int | None, str]] = set()
    on_content: set[str] = set()
    for channel in channels:
        channel = replace(channel, text=" ".join(channel.text.split()))
        for item in _found(channel, document.short_label, known):
            folded = item.words.casefold()
            if channel.channel == "content":
                on_content.add(folded)
                page = words[item.page - 1] if item.page and item.page <= len(words) else None
                if page is not None:
                    item = replace(
                        item, boxes=boxes.of_span(channel.text, item.start, item.end, page)
                    )
            elif (item.page, folded) in seen or folded in on_content:
                continue
            seen.add((item.page, folded))
            found.append(item)
    return _fingerprinted(found), len(words)


def _found(channel: Channel, label: str, known: public.Public) -> list[Suggestion]:
    text = channel.text
    return [
        Suggestion(
            document=channel.document,
            label=label,
            page=channel.page,
            channel=channel.channel,
            start=span.start,
            end=span.end,
            boxes=(),
            words=span.words,
            kind=span.kind,
            context=_context(text, span.start, span.end),
        )
        for span in detect.find(text)
        if not known.hides(text, span.start, span.end)
    ]


def _context(text: str, start: int, end: int) -> str:
    left = text[max(0, start - _CONTEXT) : start]
    right = text[end : end + _CONTEXT]
    return f"{left}[{text[start:end]}]{right}"


def _fingerprinted(found: Sequence[Suggestion]) -> list[Suggestion]:
    """Each with its fingerprint: the document's id, the channel, the words and the text
    around them, and which occurrence of all that it is (the same words in the same
    context twice on one page)."""
    counts: dict[str, int] = {}
    out = []
    for item in found:
        key = "\x1f".join((item.document, item.channel, item.kind, item.context))
        counts[key] = counts.get(key, 0) + 1
        digest = hashlib.sha256(f"{key}\x1f{counts[key]}".encode()).hexdigest()[:16]
        out.append(replace(item, fingerprint=digest))
    return out
