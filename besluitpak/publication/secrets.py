"""What the public edition must not hold of what it withholds.

The guard asks, of every channel of every public file, whether it holds:

- the text of a ``{lak}`` passage (whitespace-normalised, compared case-free as whole
  words in any Unicode form, both sides :func:`besluitpak.casefile.lak_words.fold`-ed: a
  ``Müller`` written decomposed is found; a passage of fewer than 4 characters is too common
  to tell a leak from a word);
- the id of a withheld bijlage, in the channels where names of things go
  (:data:`IDENTIFIER_CHANNELS`: file names, named destinations, URIs, XML, CSV, JSON);
- a *phrase of a withheld part*: any run of :data:`PHRASE` consecutive words of

  - a withheld bijlage (``openbaar: false`` on the day of the edition): the text of its
    ready-made file (a PDF read by poppler, a .docx or .odt by its paragraphs) or, for a
    generated bijlage, the strings of its data;
  - the withheld pages (``lakken``) of a ready-made PDF, read from the whole PDF;
  - the text under a box (``lakken`` with ``vak``), less what the rest of its page and the
    document's other pages hold.

- the words of a ``lakken`` entry with ``woorden`` (compared as a ``{lak}`` passage: the
  reviewer named them, so they may be nowhere in the public edition, not even on another
  page; a stop names them, to be redacted there too).

  A single word is no proof: the withheld pages of a letter share their vocabulary with
  the public collegevoorstel. Five words in a row are. Left out are the phrases the
  public edition holds by design or that do not come from the withheld part alone: those
  within the bijlage's title and placeholder page (the contents and the inventory name a
  withheld bijlage), those that also occur on the same document's kept pages (headers,
  footers), and those inside a text the case allows (``openbaar.toegestaan``). A withheld
  page of fewer than five words is not checked this way (the personal-data scan still
  reads everything).
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from besluitpak.casefile import lak, lak_words

if TYPE_CHECKING:
    from besluitpak.casefile.case import Case, Document
    from besluitpak.publication.editions import EditionPlan

PHRASE = 5
"""Words in a row that make a phrase of a withheld part."""
_SHORTEST_PASSAGE = 4
IDENTIFIER_CHANNELS = (
    "file name",
    "named destination",
    "link URI",
    "json",
    "xml",
    "csv",
    "other string",
    "embedded file",
    "structure attribute",
)
"""Channels where a withheld bijlage's id would be a leak: where machines write names.
(In a page's text or a bookmark ``notitie`` or ``kaart`` is merely a word.)"""


def words(text: str) -> list[str]:
    return re.findall(r"\w+", lak_words.fold(text))


def phrases(text: str) -> set[tuple[str, ...]]:
    tokens = words(text)
    return {tuple(tokens[i : i + PHRASE]) for i in range(len(tokens) - PHRASE + 1)}


@dataclass(frozen=True, kw_only=True)
class Secrets:
    """The texts of the withheld parts of one public edition, ready to look for."""

    passages: tuple[tuple[str, re.Pattern[str]], ...] = ()
    """(where it comes from, a :func:`lak_words.pattern` of the passage: searched in the
    :func:`lak_words.fold`-ed text)."""
    phrases: Mapping[tuple[str, ...], str] = field(default_factory=dict)
    """A phrase of a withheld part -> where it comes from."""
    ids: tuple[tuple[str, re.Pattern[str]], ...] = ()
    """(which bijlage, a pattern of its id): looked for where identifiers go."""
    shown_ids: tuple[str, ...] = ()
    """The ids of the documents that are public and the titles of all (public by design):
    ``kaart`` withheld is no leak in ``…-bijlage-03-kaart-noord.pdf`` when ``kaart-noord``
    is public, nor in the title ``Oude kaart van het dorp``."""

    def found_in(self, text: str, channel: str = "content") -> list[tuple[str, str]]:
        """(where it comes from, what was found) for each withheld text in ``text``, the
        text of ``channel``."""
        found = []
        if self.passages:
            normal, origin = lak_words.folded(text)
            for source, p in self.passages:
                if m := p.search(normal):
                    found.append((source, text[origin[m.start()] : origin[m.end()]]))
        if self.ids and channel.startswith(IDENTIFIER_CHANNELS):
            named = text
            for shown in self.shown_ids:
                named = re.sub(rf"(?<!\w){re.escape(shown)}(?!\w)", " ", named)
            found += [(source, m.group(0)) for source, p in self.ids if (m := p.search(named))]
        if self.phrases:
            for phrase in phrases(text) & self.phrases.keys():
                found.append((self.phrases[phrase], " ".join(phrase)))
        return found


def collect(
    case: Case,
    plan: EditionPlan,
    *,
    lakken: Mapping[str, Path] | None = None,
    page_texts: Callable[[Path], list[str]],
    allowed: Sequence[str] = (),
) -> Secrets:
    """What the public edition ``plan`` of ``case`` withholds; ``lakken`` gives, per
    document id, the whole PDF whose pages ``lakken`` withholds, ``page_texts`` reads a
    PDF's pages."""
    from besluitpak.casefile.case import thaw
    from besluitpak.publication.editions import placeholder_lines

    passages = []
    for document in case.documents:
        data = thaw(document.data) if document.data is not None else None
        for text in lak.passages(data) if data is not None else []:
            normal = " ".join(text.split())
            if len(normal) >= _SHORTEST_PASSAGE:
                pattern = lak_words.pattern(normal)
                source = f"a {{lak}} passage of {document.short_label.lower()}"
                passages.append((source, pattern))
    passages += _redacted_words(case, plan)
    secret: dict[tuple[str, ...], str] = {}
    public = set().union(*(phrases(text) for text in allowed)) if allowed else set()
    for document in plan.withheld:
        heading, lines = placeholder_lines(document)
        known = phrases(" ".join([heading, *lines, document.titel])) | public
        source = f"withheld {document.short_label.lower()}"
        _add(secret, phrases(_source_text(document, page_texts)) - known, source)
    for document in case.documents:
        if document.id not in (lakken or {}) or document in plan.withheld:
            continue
        pages = page_texts((lakken or {})[document.id])
        hidden = {p for item in document.lakken for p in item.pages if p <= len(pages)}
        kept = set().union(*(phrases(t) for n, t in enumerate(pages, 1) if n not in hidden))
        for number in sorted(hidden):
            where = f"withheld page {number} of {document.short_label.lower()}"
            _add(secret, phrases(pages[number - 1]) - kept - public, where)
        _boxed(secret, document, (lakken or {})[document.id], pages, public)
    ids = tuple(
        (
            f"withheld {d.short_label.lower()} (its id)",
            re.compile(rf"(?<!\w){re.escape(d.id)}(?!\w)"),
        )
        for d in plan.withheld
    )
    titles = [d.titel for d in case.documents]
    titles += [line for d in plan.withheld for line in (placeholder_lines(d)[0], d.titel)]
    public_ids = [d.id for d in case.documents if d not in plan.withheld]
    shown = tuple(sorted({*titles, *public_ids}, key=lambda text: (-len(text), text)))
    return Secrets(passages=tuple(passages), phrases=secret, ids=ids, shown_ids=shown)


def _redacted_words(case: Case, plan: EditionPlan) -> list[tuple[str, re.Pattern[str]]]:
    """The words of ``lakken`` entries with ``woorden``, as passages."""
    found = []
    for document in case.documents:
        if document in plan.withheld:
            continue
        for item in document.lakken:
            tokens = (item.woorden or "").split()
            if len(" ".join(tokens)) < _SHORTEST_PASSAGE:
                continue
            where = f"words redacted on page {item.pagina} of {document.short_label.lower()}"
            found.append((where, lak_words.pattern(" ".join(tokens), loose=True)))
    return found


def _boxed(
    secret: dict[tuple[str, ...], str],
    document: Document,
    pdf: Path,
    pages: Sequence[str],
    public: set[tuple[str, ...]],
) -> None:
    """The phrases under the boxes (``vak``) of ``document``, read from ``pdf`` (its pages'
    texts ``pages``), that are nowhere else in it."""
    boxed = [item for item in document.lakken if item.vak is not None and item.pagina]
    if not boxed:
        return
    import pikepdf

    from besluitpak.pdf import redact_find

    with pikepdf.open(pdf) as opened:
        for item in boxed:
            assert item.vak is not None and item.pagina is not None
            if item.pagina > len(opened.pages):
                continue
            inside, outside = redact_find.split_text(
                opened.pages[item.pagina - 1], (item.vak[0], item.vak[1], item.vak[2], item.vak[3])
            )
            others = [t for n, t in enumerate(pages, 1) if n != item.pagina]
            known = set().union(phrases(outside), *(phrases(t) for t in others), public)
            where = f"the box on page {item.pagina} of {document.short_label.lower()}"
            _add(secret, phrases(inside) - known, where)


def _add(secret: dict[tuple[str, ...], str], found: Iterable[tuple[str, ...]], where: str) -> None:
    for phrase in found:
        secret.setdefault(phrase, where)


def _source_text(document: Document, page_texts: Callable[[Path], list[str]]) -> str:
    """The text of a withheld bijlage, from what it is made of."""
    from besluitpak.casefile.case import thaw

    if document.bestand is None:
        return " ".join(_strings(thaw(document.data)) if document.data is not None else [])
    suffix = document.bestand.suffix.lower()
    if suffix == ".pdf":
        return " ".join(page_texts(document.bestand))
    if suffix in (".docx", ".odt"):
        return _office_text(document.bestand)
    return ""


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield lak.LAK.sub(lambda m: m.group(2), value)
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list | tuple):
        for item in value:
            yield from _strings(item)


def _office_text(path: Path) -> str:
    """The text of a .docx or .odt (its document part: paragraphs and tables)."""
    from lxml import etree

    part = "word/document.xml" if path.suffix.lower() == ".docx" else "content.xml"
    try:
        with zipfile.ZipFile(path) as archive:
            data = archive.read(part)
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
        root = etree.fromstring(data, parser)
    except (OSError, KeyError, zipfile.BadZipFile, etree.XMLSyntaxError):
        return ""
    paragraphs = [
        "".join(node.itertext())
        for node in root.iter()
        if isinstance(node.tag, str) and node.tag.rsplit("}", 1)[-1] == "p"
    ]
    return "\n".join(paragraphs)
