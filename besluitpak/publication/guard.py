"""The guard of the public edition: personal data that must not appear in its text.

Before the openbaar bundle is assembled, the real text of what goes into it (poppler's
``pdftotext``) is searched for the steller's name, phone and e-mail (:func:`forbidden`) and
for what :mod:`besluitpak.publication.personal` recognises as personal data (e-mail
addresses, Dutch phone numbers, IBANs, BSNs, addresses). The steller's own data stops the
public edition whenever it is built (its matchers are in
:mod:`~besluitpak.publication.steller`); the other findings warn on ``build`` and stop
``publish``, each with the document, the page and the passage, before anything is written.
The case file allows what may be public after all, each with its reason:
``openbaar.steller_toegestaan`` and ``openbaar.toegestaan: [{tekst, reden}]``.
"""

from __future__ import annotations

import contextlib
import dataclasses
import functools
import json
import os
import re
import subprocess
import urllib.parse
from collections.abc import Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from besluitpak.casefile import lak_words
from besluitpak.errors import OutputError
from besluitpak.files import sha256, write_atomic
from besluitpak.publication import channels, personal, program_text, search_memo
from besluitpak.publication.channels import Channel
from besluitpak.publication.refusals import refusal, withheld_refusal
from besluitpak.publication.steller import forbidden

if TYPE_CHECKING:
    from besluitpak.casefile.case import Case
    from besluitpak.publication.editions import EditionPlan
    from besluitpak.publication.secrets import Secrets


def _normal(text: str) -> str:
    return " ".join(text.split())


def page_texts(pdf: Path, *, cache: Path | None = None) -> list[str]:
    """The text of each page, whitespace-normalised; remembered in ``cache`` by the PDF's
    SHA-256, so an unchanged document is read once."""
    memo = cache / "texts-all-layers" / f"{sha256(pdf)}.json" if cache is not None else None
    if memo is not None:
        with contextlib.suppress(OSError, ValueError):
            texts = json.loads(memo.read_text(encoding="utf-8"))
            if isinstance(texts, list) and all(isinstance(t, str) for t in texts):
                return texts
    texts = _extract(pdf)
    if memo is not None:
        with contextlib.suppress(OutputError):
            write_atomic(memo, json.dumps(texts).encode(), what="the cache")
    return texts


def _extract(pdf: Path) -> list[str]:
    """poppler's text of ``pdf`` with every optional-content layer drawn, read from a copy
    without its OutputIntent: poppler spends ~0.08 s per page on the sRGB profile, ~50
    times more than on the text itself (see :func:`channels.pdftotext_pages`)."""
    import pikepdf

    try:
        return channels.pdftotext_pages(pdf)
    except (OSError, subprocess.CalledProcessError, pikepdf.PdfError) as e:
        raise OutputError(
            f"{pdf.name}: cannot read its text to check it for personal data "
            f"(pdftotext, from poppler-utils): {e}"
        ) from e


@dataclass(frozen=True, kw_only=True)
class Found:
    """One piece of personal data, or of a withheld part, in what the public edition ships."""

    where: str
    """``bijlage 4, page 3`` (its page text), ``bijlage 4, page 3, bookmark``,
    ``sitemap.xml, xml``, or ``the cover or contents``."""
    what: str
    """``steller.naam``, ``telefoonnummer``, ``withheld bijlage 3``…"""
    passage: str
    """The words around it."""
    steller: bool
    """The steller's own data: stops every public edition, not only a publication."""
    withheld: bool = False
    """Text of a withheld part (a {lak} passage, a withheld bijlage or page): stops every
    public edition."""
    document: str = ""
    """The document's label as scanned (``collegevoorstel``, ``bijlage 4``)."""
    page: int | None = None
    """Its page, where the finding is on one."""
    channel: str = ""
    """Where in the PDF: ``content`` (the page's text), ``bookmark``, ``XMP``…"""

    def line(self) -> str:
        if self.steller:
            return f"{self.where}: {self.what}"
        if self.withheld:
            return f"{self.where}: text of {self.what}: {self.passage!r}"
        return f"{self.where}: {self.what} in {self.passage!r}"


def scan(
    case: Case,
    *,
    parts: Sequence[tuple[str, Path]],
    texts: Sequence[str],
    cache: Path | None = None,
    shipped: Sequence[Channel] = (),
    secrets: Secrets | None = None,
) -> list[Found]:
    """The personal data in the public edition of ``case`` that the case does not allow,
    and (with ``secrets``) the text of what it withholds: in every channel of each
    document's PDF (``(label, path)``, the pages that go into the bundle: page text with
    every layer on, bookmarks, annotations, links, structure attributes, metadata,
    attachments, form values; see :mod:`channels`), in ``texts``, what besluitpak itself
    prints (titles, notices), and in ``shipped``, channels of files read already.

    The documents are read rather than the finished bundle, so what did not change is not
    read again (``cache``); the bundle is read too before it is written (:func:`written`).
    """
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 2) as pool:
        read = list(pool.map(lambda part: _part_channels(part, cache), parts))
    found: list[Channel] = [
        Channel(document="the cover or contents", page=None, channel="content", text=_normal(t))
        for t in texts
    ]
    found += [channel for document_channels in read for channel in document_channels]
    return search(case, [*found, *shipped], secrets=secrets, cache=cache)


def _part_channels(part: tuple[str, Path], cache: Path | None) -> list[Channel]:
    """Every channel of one document's PDF; remembered in ``cache`` by its SHA-256."""
    label, pdf = part
    memo = cache / "channels-v4" / f"{sha256(pdf)}.json" if cache is not None else None
    if memo is not None:
        with contextlib.suppress(OSError, ValueError, TypeError, KeyError):
            remembered = json.loads(memo.read_text(encoding="utf-8"))
            return [Channel(document=label, **item) for item in remembered]
    found = [
        Channel(document=label, page=number, channel="content", text=text)
        for number, text in enumerate(page_texts(pdf, cache=cache), start=1)
    ]
    found += file_channels(pdf, document=label, content=False)
    if memo is not None:
        kept = [{"page": c.page, "channel": c.channel, "text": c.text} for c in found]
        with contextlib.suppress(OutputError):
            write_atomic(memo, json.dumps(kept).encode(), what="the cache")
    return found


def file_channels(
    pdf: Path, *, document: str, content: bool = True, streams: bool = True
) -> list[Channel]:
    """Every channel of one PDF, or an error naming the file that cannot be read."""
    import pikepdf

    try:
        return list(channels.enumerate(pdf, document=document, content=content, streams=streams))
    except (OSError, subprocess.CalledProcessError, pikepdf.PdfError) as e:
        raise OutputError(f"{pdf.name}: cannot read it to check it for personal data: {e}") from e
    except (ValueError, TypeError, KeyError, RecursionError) as e:  # a damaged object
        raise OutputError(
            f"{pdf.name}: cannot read it to check it for personal data: an object in it is "
            f"damaged or of the wrong kind ({type(e).__name__}), so nothing was written"
        ) from e


def _where(channel: Channel) -> str:
    """``bijlage 2, page 3``, ``bijlage 2, page 3, bookmark``, ``bijlage 2, Info /Author``."""
    at = [channel.document]
    if channel.page is not None:
        at.append(f"page {channel.page}")
    if channel.channel != "content" and channel.document != "the cover or contents":
        at.append(channel.channel)
    return ", ".join(at)


def search(
    case: Case,
    found: Sequence[Channel],
    *,
    secrets: Secrets | None = None,
    cache: Path | None = None,
) -> list[Found]:
    """What of ``found`` the public edition must not hold; each finding once, the page
    text before the same finding in the raw content stream of the same page; with a
    ``cache``, each document's findings kept by the channels searched (:mod:`search_memo`)."""
    entries = forbidden(case)
    allowed = _allowed(case)

    def hits(found: Sequence[Channel]) -> list[tuple[tuple[str, ...], Found]]:
        results: dict[tuple[str, ...], Found] = {}
        for channel in found:
            text = _normal(lak_words.composed(channel.text))  # a decomposed ü: one letter
            where = _where(channel)
            kind = "content" if channel.channel in channels.CONTENT_READINGS else channel.channel
            same = (channel.document, str(channel.page), kind)
            at = functools.partial(
                Found, document=channel.document, page=channel.page, channel=kind
            )
            for entry in entries:
                if entry.found_in(text):
                    hit = at(where=where, what=entry.field, passage="", steller=True)
                    results.setdefault((*same, entry.field), hit)
            for finding, read in _personal(text, channel.channel):
                if _covered(read, finding, allowed):
                    continue
                passage = personal.passage(read, finding)
                hit = at(where=where, what=finding.kind, passage=passage, steller=False)
                results.setdefault((*same, finding.kind, finding.text), hit)
            for source, phrase in secrets.found_in(text, channel.channel) if secrets else []:
                if any(lak_words.fold(phrase) in lak_words.fold(t) for t in allowed):
                    continue
                hit = at(where=where, what=source, passage=phrase, steller=False, withheld=True)
                results.setdefault((*same, source, phrase), hit)
        return list(results.items())

    results: dict[tuple[str, ...], Found] = {}
    memo = search_memo.salt(case, allowed, secrets) if cache is not None else ""
    for key, hit in search_memo.hits(
        found, hits, store=cache, salt=memo, encode=dataclasses.asdict, decode=lambda f: Found(**f)
    ):
        results.setdefault(key, hit)
    return list(results.values())


_URI = re.compile(r"(?i:(https?|ftp|file|mailto|tel|sms|geo|callto)):\S+")


def _uri_decoded(text: str) -> str | None:
    """``text`` with each URI in it read as a browser shows it (``?q=Zijlweg+7a%2C+2013+DK``:
    ``Zijlweg 7a, 2013 DK``; a ``+`` is a space only in a web address), or None when no URI
    in it is encoded."""

    def decode(uri: re.Match[str]) -> str:
        web = uri.group(1).lower() in ("http", "https")
        return (urllib.parse.unquote_plus if web else urllib.parse.unquote)(uri.group())

    decoded = _URI.sub(decode, text)
    return None if decoded == text else decoded


def _same(found: str) -> str:
    return re.sub(r"[\W_]", "", urllib.parse.unquote_plus(found).casefold())


def _personal(text: str, channel: str) -> list[tuple[personal.Finding, str]]:
    """The personal data in ``text``, each with the text it was found in: in a link's
    target also what it holds encoded (a phone number, IBAN or address in a search or map
    link's query), each item once. None in a program's bytes: numbers, not what people wrote."""
    if channel in program_text.CHANNELS:
        return []
    found = [(finding, text) for finding in personal.find(text)]
    decoded = _uri_decoded(text)
    if decoded is not None:
        seen = {_same(finding.text) for finding, _ in found}
        found += [(f, decoded) for f in personal.find(decoded) if _same(f.text) not in seen]
    return found


def check_shipping(
    case: Case,
    plan: EditionPlan,
    files: Sequence[tuple[str, bytes]],
    *,
    names: Sequence[str] = (),
    lakken: Mapping[str, Path] | None = None,
    publishing: bool = True,
) -> None:
    """Refuse, before they are written, public files (name and bytes: a PDF, DiWoo XML,
    CSV, JSON…) that hold personal data the case does not allow or text of what ``plan``
    withholds, naming the file, the page and the channel of each finding; ``names``: the
    names of files beside them, read already."""
    found = [Channel(document=name, page=None, channel="file name", text=name) for name in names]
    for name, data in files:
        found += channels.bytes_channels(name, data)
    stop(
        case,
        search(case, found, secrets=secrets_of(case, plan, lakken=lakken)),
        publishing=publishing,
    )


def secrets_of(
    case: Case,
    plan: EditionPlan,
    *,
    lakken: Mapping[str, Path] | None = None,
    cache: Path | None = None,
) -> Secrets:
    """The withheld texts of the public edition ``plan`` (see :mod:`secrets`)."""
    from besluitpak.publication import secrets

    return secrets.collect(
        case,
        plan,
        lakken=lakken or {},
        page_texts=lambda pdf: page_texts(pdf, cache=cache),
        allowed=_allowed(case),
    )


def written(
    case: Case,
    pdf: Path,
    *,
    owner: Callable[[int], tuple[str, int | None]],
    secrets: Secrets | None = None,
    cache: Path | None = None,
    name: str = "",
) -> list[Found]:
    """What a public PDF written (but not yet in place) holds that it must not, in every
    channel but its pages' text; ``owner`` names the document of a page (1-based) and its
    page there. The pages are the documents' pages, read by :func:`scan` before (the
    cover's and the stamps' words are besluitpak's own); what assembly adds besides them —
    bookmarks, annotations, structure, metadata — is read here, and the name it will
    have (``name``: a document's id is in it)."""
    label = name or pdf.name
    found = [Channel(document=label, page=None, channel="file name", text=name)] if name else []
    for channel in file_channels(pdf, document=label, content=False, streams=False):
        if channel.page is not None:
            document, page = owner(channel.page)
            channel = dataclasses.replace(channel, document=document, page=page)
        found.append(channel)
    return search(case, found, secrets=secrets, cache=cache)


def stop(
    case: Case, found: Sequence[Found], *, publishing: bool, everything: bool | None = None
) -> None:
    """Refuse what must never ship: text of a withheld part, then personal data (the
    steller's own always, all of it when ``everything``, by default when ``publishing``)."""
    withheld = [f for f in found if f.withheld]
    if withheld:
        raise withheld_refusal(case, withheld, publishing=publishing)
    everything = publishing if everything is None else everything
    stopping = [f for f in found if f.steller or everything]
    if stopping:
        raise refusal(case, stopping, publishing=publishing)


def _covered(text: str, finding: personal.Finding, allowed: list[str]) -> bool:
    """Whether ``finding`` lies inside an occurrence of an allowed text on the page: the
    case file allows that passage, not every finding that merely contains its words."""
    for tekst in allowed:
        start = text.find(tekst)
        while start != -1:
            if start <= finding.start and finding.end <= start + len(tekst):
                return True
            start = text.find(tekst, start + 1)
    return False


def _allowed(case: Case) -> list[str]:
    exceptions = case.meta.openbaar
    texts = [] if exceptions is None else [_normal(item.tekst) for item in exceptions.toegestaan]
    return [t for t in texts if t]  # a blank text allows nothing
