"""The per-page results of the checks that read every page's content (the glyphs shown,
what is painted outside the tags), remembered per document part, so that a rebuild in
which one bijlage changed reads only that bijlage's pages again.

The build says which pages of the PDF it checks are one document's (a :class:`Span`) and
under which key: a digest of what fixes those pages' own content (the document's PDF, the
edition's watermark and scrubbing, besluitpak's code; see
:func:`besluitpak.pdf.assemble.page_memo`). What besluitpak draws on every page afresh,
the stamp with "pagina X van Y" (the form XObjects named in :attr:`PageMemo.fresh`), is
not part of a page's own content: it is read on every build. A result is the same whether
it comes from the memo or is read again; a memo that does not fit the PDF is not used.
"""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

import pikepdf

from besluitpak.errors import OutputError
from besluitpak.files import write_atomic

T = TypeVar("T")

FORMAT = 1
"""Bumped whenever what a check remembers per page changes shape."""


@dataclass(frozen=True, kw_only=True)
class Span:
    """One document's pages in the PDF checked: ``count`` pages from index ``first``."""

    key: str
    first: int
    count: int
    title: str = ""
    """The title of the document's Part element in the PDF checked (none: it has none)."""


@dataclass(frozen=True, kw_only=True)
class PageMemo:
    """Where the per-page results of the documents' pages are kept, and under which keys."""

    spans: tuple[Span, ...]
    store: Path
    fresh: tuple[str, ...] = ()
    """XObjects (by their name in a page's resources) read afresh on every page."""

    def fits(self, pages: int) -> bool:
        return all(s.first >= 0 and s.first + s.count <= pages for s in self.spans)

    def _path(self, span: Span, check: str) -> Path:
        return self.store / f"{check}-v{FORMAT}" / f"{span.key}.json"

    def load(self, span: Span, check: str) -> list[Any] | None:
        with contextlib.suppress(OSError, ValueError):
            values = json.loads(self._path(span, check).read_text(encoding="utf-8"))
            if isinstance(values, list) and len(values) == span.count:
                return values
        return None

    def save(self, span: Span, check: str, values: Sequence[Any]) -> None:
        with contextlib.suppress(OutputError, OSError):
            path = self._path(span, check)
            path.parent.mkdir(parents=True, exist_ok=True)
            write_atomic(path, json.dumps(list(values)).encode(), what="the cache")


def per_page(
    pdf: pikepdf.Pdf,
    memo: PageMemo | None,
    check: str,
    compute: Callable[[pikepdf.Page], T],
    *,
    encode: Callable[[T], Any] = lambda value: value,
    decode: Callable[[Any], T] = lambda value: value,
) -> list[T]:
    """``compute(page)`` for every page of ``pdf``, in order; for the pages of a span the
    memo holds, what it remembered instead. What was computed for a whole span is kept."""
    pages = pdf.pages
    known: dict[int, T] = {}
    spans = memo.spans if memo is not None and memo.fits(len(pages)) else ()
    missed: list[Span] = []
    for span in spans:
        assert memo is not None
        remembered = memo.load(span, check)
        if remembered is None:
            missed.append(span)
            continue
        with contextlib.suppress(ValueError, TypeError, KeyError):
            decoded = [decode(value) for value in remembered]
            known.update(zip(range(span.first, span.first + span.count), decoded, strict=True))
            continue
        missed.append(span)
    results = [
        known[index] if index in known else compute(page) for index, page in enumerate(pages)
    ]
    for span in missed:
        assert memo is not None
        memo.save(span, check, [encode(v) for v in results[span.first : span.first + span.count]])
    return results


def fresh_forms(page: pikepdf.Page, memo: PageMemo | None) -> list[pikepdf.Stream]:
    """The forms of ``page`` that are read afresh (its stamp): they are not its own content."""
    if memo is None or not memo.fresh:
        return []
    resources = page.obj.get("/Resources")
    objects = resources.get("/XObject") if isinstance(resources, pikepdf.Dictionary) else None
    if not isinstance(objects, pikepdf.Dictionary):
        return []
    found = [objects.get(name) for name in memo.fresh]
    return [form for form in found if isinstance(form, pikepdf.Stream) and form.is_indirect]


def for_documents(
    store: Path | None,
    documents: Sequence[tuple[Path, int, int]],
    *,
    salt: Sequence[str],
    fresh: tuple[str, ...],
    titles: Sequence[str] = (),
) -> PageMemo | None:
    """The memo of a PDF made of ``documents`` (each: its PDF, its first page index in the
    PDF checked and its page count), each one's pages keyed by its PDF's SHA-256, besluitpak's
    code and ``salt`` (what else changes those pages: the watermark, the scrubbing), and
    (``titles``) the title of each one's Part element; None without a ``store`` (a build
    without the cache)."""
    if store is None:
        return None
    from besluitpak import fingerprint
    from besluitpak.files import file_hash

    spans = tuple(
        Span(
            key=fingerprint.digest([FORMAT, fingerprint.code_version(), file_hash(pdf), *salt]),
            first=first,
            count=count,
            title=title,
        )
        for (pdf, first, count), title in zip(
            documents, titles or [""] * len(documents), strict=True
        )
    )
    return PageMemo(spans=spans, store=store, fresh=fresh)


def per_part(
    memo: PageMemo | None,
    titles: Sequence[str],
    check: str,
    compute: Callable[[int], list[Any]],
    *,
    salt: Sequence[Any],
    valid: Callable[[list[Any]], bool],
) -> list[list[Any]]:
    """``compute(index)`` for each Part element (by its title in ``titles``), in order: what
    a check finds in one document's own structure, the Part's subtree. The result of a Part
    whose title is one span's (and no other Part's) is kept under the span's key (the
    document's PDF, the edition, the code) and ``salt`` (what else of the bundle the check
    reads: its role map); a kept result that is not ``valid`` is computed again."""
    from besluitpak import fingerprint

    spans = {s.title: s for s in memo.spans if s.title} if memo is not None else {}
    results = []
    for index, title in enumerate(titles):
        span = spans.get(title) if titles.count(title) == 1 else None
        if memo is None or span is None:
            results.append(compute(index))
            continue
        key = fingerprint.digest([FORMAT, span.key, title, list(salt)])
        path = memo.store / f"{check}-v{FORMAT}" / f"{key}.json"
        with contextlib.suppress(OSError, ValueError):
            kept = json.loads(path.read_text(encoding="utf-8"))
            if isinstance(kept, list) and valid(kept):
                results.append(kept)
                continue
        found = compute(index)
        with contextlib.suppress(OutputError, OSError):
            write_atomic(path, json.dumps(found).encode(), what="the cache")
        results.append(found)
    return results
