"""Every place a file that ships can carry text: what the personal-data guard reads.

A PDF says things in more places than its pages' visible text (a bookmark, a sticky note,
a link, a hidden layer, an /Alt, an attachment, a form value, the metadata).
:func:`enumerate` yields each as a :class:`Channel`: the document, the page where there
is one, the channel's name and its text, for a finding to say exactly where it is.

The page text comes in ways that fail differently:

- ``content``: poppler's ``pdftotext`` on a copy of the PDF without ``/OCProperties``
  (and its OutputIntent, which only slows poppler down), so with every layer drawn; its
  words are laid out as a reader sees them.
- ``content stream``: the page's content streams (and the forms they draw), decoded
  glyph by glyph through each font's ToUnicode CMap or encoding (:mod:`besluitpak.pdf.glyphs`):
  text outside the page, clipped away or invisible; rougher word spacing.
- ``content by encoding``, where it differs: the same strings as the fonts' encodings alone
  say (a ToUnicode map can lie), and a string in a font not defined as its bytes.

The glyph names of the fonts a page draws with (``/Differences`` and a Type 3 font's
``/CharProcs``, in every resource dictionary the page reaches) come as ``glyph name``: a
generator may name a glyph after what it draws (``/Jonker``).

A font program's, a colour profile's, a function's or an image's own text comes as such
(:mod:`~besluitpak.publication.program_text`); any other PDF string as ``other string
/Key``: an allow-list of places is proven complete only by reading what lies outside it.
Files that are not PDFs (DiWoo XML, CSV, JSON) yield their text nodes, cells and values
(read by :mod:`~besluitpak.publication.file_text`); every file yields its own name.
"""

from __future__ import annotations

import builtins
import csv
import io
import json
import subprocess
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pikepdf
from pikepdf import Array, Dictionary, Name

from besluitpak.pdf import glyphs, resource_walk
from besluitpak.publication import file_text, leftovers, program_text

_count = builtins.enumerate
CONTENT_READINGS = frozenset({"content stream", "content by encoding"})
"""The page text read from the content streams (glyph by glyph; as the encodings say)."""
_ANNOTATION_SKIP = {"/P", "/Parent", "/Popup", "/IRT", "/AP", "/StructParent", "/A", "/FS"}
_ELEMENT_KEYS = {"/Alt": "Alt", "/ActualText": "ActualText", "/E": "E", "/T": "structure /T"}
_FIELD_KEYS = ("/T", "/TU", "/TM", "/V", "/DV")


@dataclass(frozen=True, kw_only=True)
class Channel:
    """One piece of text a shipped file carries, and where."""

    document: str
    """The file, or the document label the caller gave (``bijlage 3``)."""
    page: int | None
    """1-based; None for what belongs to no page (metadata, a bookmark to nowhere)."""
    channel: str
    """``content``, ``bookmark``, ``annotation /Contents``, ``link URI``, ``Alt``…"""
    text: str


class _Sink:
    """Collects the channels of one file, each text once per (page, channel)."""

    def __init__(self, document: str) -> None:
        self.document = document
        self.found: list[Channel] = []
        self.texts: set[str] = set()
        self._keys: set[tuple[int | None, str, str]] = set()

    def add(self, page: int | None, channel: str, text: Any) -> None:
        value = _as_text(text)
        if value is None or not value.strip():
            return
        key = (page, channel, value)
        if key in self._keys:
            return
        self._keys.add(key)
        self.texts.add(value)
        self.found.append(Channel(document=self.document, page=page, channel=channel, text=value))


def _as_text(value: Any) -> str | None:
    if isinstance(value, str):
        return value
    if isinstance(value, pikepdf.String):
        try:
            return str(value)
        except (UnicodeDecodeError, ValueError):
            return bytes(value).decode("latin-1")
    return None


def pdftotext_pages(pdf: Path) -> list[str]:
    """poppler's text of each page of ``pdf`` with every optional-content layer drawn
    (read from a copy without /OCProperties and without its OutputIntent). Raises
    ``OSError``, ``subprocess.CalledProcessError`` or ``pikepdf.PdfError``."""
    with tempfile.TemporaryDirectory(prefix="besluitpak-text-") as work:
        plain = Path(work) / "plain.pdf"
        with pikepdf.open(pdf) as document:
            for key in ("/OutputIntents", "/OCProperties"):
                if key in document.Root:
                    del document.Root[key]
            document.save(plain)
        command = ["pdftotext", "-enc", "UTF-8", str(plain), "-"]
        done = subprocess.run(command, capture_output=True, text=True, check=True)
    pages = done.stdout.split("\f")
    return [" ".join(page.split()) for page in pages[:-1] or pages]


def enumerate(
    pdf: Path, *, document: str | None = None, content: bool = True, streams: bool = True
) -> Iterator[Channel]:
    """Every text-bearing channel of ``pdf``; ``content=False`` leaves out poppler's page
    text, ``streams=False`` the content streams decoded here (for a caller that has read
    the pages already)."""
    label = document or pdf.name
    if content:
        for number, text in _count(pdftotext_pages(pdf), start=1):
            if text:
                yield Channel(document=label, page=number, channel="content", text=text)
    with pikepdf.open(pdf) as opened:
        yield from pdf_channels(opened, document=label, streams=streams)


def pdf_channels(pdf: pikepdf.Pdf, *, document: str, streams: bool = True) -> list[Channel]:
    """Every channel of an open PDF except poppler's page text (and, ``streams=False``,
    except the page content streams)."""
    sink = _Sink(document)
    pages = {page.obj.objgen: number for number, page in _count(pdf.pages, start=1)}
    fonts: dict[tuple[int, int], glyphs.FontMap] = {}
    for number, page in _count(pdf.pages, start=1):
        if streams:
            shown = glyphs.page_shown(page, fonts=fonts)
            sink.add(number, "content stream", shown.joined)
            if shown.joined_by_encoding != shown.joined:  # a lying map, a font not defined
                sink.add(number, "content by encoding", shown.joined_by_encoding)
            for key, text in shown.marked:
                sink.add(number, f"marked content {key}", text)
        _annotations(sink, page.obj, number)
        sink.add(number, "glyph name", " ".join(glyph_names(page.obj)))
    _bookmarks(sink, pdf, pages)
    _structure(sink, pdf, pages)
    _metadata(sink, pdf)
    _forms(sink, pdf)
    _catalog_names(sink, pdf)
    _attachments(sink, pdf)
    _leftovers(sink, pdf, streams=streams)
    return sink.found


def glyph_names(page: Dictionary) -> list[str]:
    """The glyph names the fonts of ``page`` give, each once (without its ``/``); a name of
    parts (``J_o_n_k_e_r``) also joined (``Jonker``)."""
    found: dict[str, None] = {}
    for _where, resources in resource_walk.page_resources(page):
        for _key, font in resource_walk.fonts(resources):
            encoding, procs = font.get("/Encoding"), font.get("/CharProcs")
            names = encoding.get("/Differences") if isinstance(encoding, Dictionary) else None
            names = names if isinstance(names, Array) else Array()
            listed = [str(n) for n in names if isinstance(n, Name)]
            listed += list(procs.keys()) if isinstance(procs, Dictionary) else []
            for name in (n.lstrip("/") for n in listed):
                found[name] = None
                found[name.replace("_", "")] = None
    return list(found)


def _page_of(target: Any, pages: dict[tuple[int, int], int]) -> int | None:
    if isinstance(target, Array) and len(target):
        target = target[0]
    if isinstance(target, Dictionary) and target.is_indirect:
        return pages.get(target.objgen)
    return None


def _annotations(sink: _Sink, page: Dictionary, number: int) -> None:
    annots = page.get("/Annots")
    if not isinstance(annots, Array):
        return
    for annot in annots:
        if not isinstance(annot, Dictionary):
            continue
        _strings_in(sink, number, "annotation", annot, skip=_ANNOTATION_SKIP)
        action = annot.get("/A")
        if isinstance(action, Dictionary):  # a URI as written, and %-decoded (as a browser)
            for uri in (action.get("/URI"), unquote(str(action.get("/URI", "")))):
                sink.add(number, "link URI", uri)
            _strings_in(sink, number, "annotation action", action, skip={"/Next", "/D", "/URI"})
        for stream in glyphs.appearances(annot):
            shown = glyphs.show(stream, stream.get("/Resources"))
            sink.add(number, "annotation appearance", shown.joined)
        spec = annot.get("/FS")
        if isinstance(spec, Dictionary):
            _file_spec(sink, number, spec)


def _strings_in(
    sink: _Sink, page: int | None, channel: str, value: Any, *, skip: set[str], depth: int = 0
) -> None:
    """Every string directly in ``value`` (and its direct dictionaries and arrays)."""
    if depth > 4:
        return
    items: list[tuple[str, Any]] = []
    if isinstance(value, Dictionary):
        items = [(str(k), v) for k, v in value.items() if str(k) not in skip]
    elif isinstance(value, Array):
        items = [("", v) for v in value]
    for key, item in items:
        where = f"{channel} {key}".rstrip()
        if isinstance(item, pikepdf.String):
            sink.add(page, where, item)
        elif isinstance(item, Dictionary | Array) and not item.is_indirect:
            _strings_in(sink, page, where, item, skip=skip, depth=depth + 1)


def _bookmarks(sink: _Sink, pdf: pikepdf.Pdf, pages: dict[tuple[int, int], int]) -> None:
    outlines = pdf.Root.get("/Outlines")
    todo = [outlines.get("/First")] if isinstance(outlines, Dictionary) else []
    seen: set[tuple[int, int]] = set()
    while todo:
        item = todo.pop()
        if not isinstance(item, Dictionary) or item.objgen in seen:
            continue
        seen.add(item.objgen)
        action = item.get("/A")
        target = item.get("/Dest")
        if target is None and isinstance(action, Dictionary):
            target = action.get("/D")
            sink.add(_page_of(target, pages), "bookmark action", action.get("/URI"))
        sink.add(_page_of(target, pages), "bookmark", item.get("/Title"))
        todo.extend([item.get("/Next"), item.get("/First")])


def _structure(sink: _Sink, pdf: pikepdf.Pdf, pages: dict[tuple[int, int], int]) -> None:
    tree = pdf.Root.get("/StructTreeRoot")
    todo: list[tuple[Any, int | None]] = [(tree, None)] if isinstance(tree, Dictionary) else []
    seen: set[tuple[int, int]] = set()
    while todo:
        element, page = todo.pop()
        if not isinstance(element, Dictionary):
            continue
        if element.is_indirect:
            if element.objgen in seen:
                continue
            seen.add(element.objgen)
        page = _page_of(element.get("/Pg"), pages) or page
        for key, channel in _ELEMENT_KEYS.items():
            sink.add(page, channel, element.get(key))
        # its attributes (/A) come with every other string (_other_strings)
        given = element.get("/K")
        kids = list(given) if isinstance(given, Array) else [given]
        todo.extend((kid, page) for kid in kids if isinstance(kid, Dictionary))


def _metadata(sink: _Sink, pdf: pikepdf.Pdf) -> None:
    info = pdf.trailer.get("/Info")
    if isinstance(info, Dictionary):
        for key, value in info.items():
            sink.add(None, f"Info {key}", value)
    for obj in pdf.objects:
        if isinstance(obj, pikepdf.Stream) and obj.stream_dict.get("/Type") == Name.Metadata:
            try:
                data = obj.read_bytes()
            except pikepdf.PdfError:
                continue
            sink.add(None, "XMP", file_text.xml_text(data))


def _forms(sink: _Sink, pdf: pikepdf.Pdf) -> None:
    form = pdf.Root.get("/AcroForm")
    todo = list(form.get("/Fields", Array())) if isinstance(form, Dictionary) else []
    seen: set[tuple[int, int]] = set()
    while todo:
        field = todo.pop()
        if not isinstance(field, Dictionary) or field.objgen in seen:
            continue
        seen.add(field.objgen)
        for key in _FIELD_KEYS:
            value = field.get(key)
            if isinstance(value, Array):
                for item in value:
                    sink.add(None, f"form value {key}", item)
            else:
                sink.add(None, f"form value {key}", value)
        _strings_in(sink, None, "form value /Opt", field.get("/Opt"), skip=set())
        kids = field.get("/Kids")
        if isinstance(kids, Array):
            todo.extend(kids)


def _catalog_names(sink: _Sink, pdf: pikepdf.Pdf) -> None:
    """Layer names, page labels and the names of destinations."""
    properties = pdf.Root.get("/OCProperties")
    if isinstance(properties, Dictionary):
        for group in properties.get("/OCGs", Array()):
            if isinstance(group, Dictionary):
                sink.add(None, "layer name", group.get("/Name"))
        _strings_in(sink, None, "layer configuration", properties.get("/D"), skip={"/Order"})
    labels = pdf.Root.get("/PageLabels")
    if isinstance(labels, Dictionary):
        _strings_in(sink, None, "page label", labels.get("/Nums"), skip=set())
    names = pdf.Root.get("/Names")
    if isinstance(names, Dictionary) and "/Dests" in names:
        for name in pikepdf.NameTree(names.Dests):
            sink.add(None, "named destination", name)
    dests = pdf.Root.get("/Dests")
    if isinstance(dests, Dictionary):
        for key in dests:
            sink.add(None, "named destination", str(key)[1:])


def _attachments(sink: _Sink, pdf: pikepdf.Pdf) -> None:
    names = pdf.Root.get("/Names")
    if not isinstance(names, Dictionary) or "/EmbeddedFiles" not in names:
        return
    for key, spec in pikepdf.NameTree(names.EmbeddedFiles).items():
        sink.add(None, "embedded file name", key)
        if isinstance(spec, Dictionary):
            _file_spec(sink, None, spec)


def _file_spec(sink: _Sink, page: int | None, spec: Dictionary) -> None:
    name = _as_text(spec.get("/UF")) or _as_text(spec.get("/F")) or "attachment"
    for key in ("/UF", "/F", "/Desc"):
        sink.add(page, f"embedded file {key}", spec.get(key))
    files = spec.get("/EF")
    if not isinstance(files, Dictionary):
        return
    for stream in files.values():
        if isinstance(stream, pikepdf.Stream):
            try:
                data = stream.read_bytes()
            except pikepdf.PdfError:
                continue
            for inner in bytes_channels(name, data, document=sink.document):
                channel = f"embedded file {name}: {inner.channel}"
                sink.add(page, channel, inner.text)


def _leftovers(sink: _Sink, pdf: pikepdf.Pdf, *, streams: bool) -> None:
    """What the named channels left: every other string, and (``streams``) the text of
    every other stream (see :mod:`besluitpak.publication.leftovers`)."""
    names: set[str] = set()
    for channel, text in leftovers.strings(pdf, known=sink.texts, names=names):
        sink.add(None, channel, text)
    names |= leftovers.content_names(pdf)
    sink.add(None, "PDF name", " ".join(sorted(names)))
    for channel, text in program_text.strings(pdf):
        sink.add(None, channel, text)
    if streams:
        drawn = " ".join(c.text for c in sink.found if c.channel == "content stream")
        for channel, text in leftovers.streams(pdf, drawn=drawn):
            sink.add(None, channel, text)


def bytes_channels(name: str, data: bytes, *, document: str | None = None) -> list[Channel]:
    """The channels of a file that ships, given by its name and bytes: its name, and its
    text as a PDF, XML, CSV, JSON or plain text."""
    label = document or name
    found = [Channel(document=label, page=None, channel="file name", text=name)]
    suffix = Path(name).suffix.lower()
    if data.startswith(b"%PDF") or suffix == ".pdf":
        with tempfile.TemporaryDirectory(prefix="besluitpak-channels-") as work:
            path = Path(work) / "file.pdf"
            path.write_bytes(data)
            try:
                found += list(enumerate(path, document=label))
            except (pikepdf.PdfError, OSError, subprocess.CalledProcessError):
                found.append(
                    Channel(document=label, page=None, channel="bytes", text=file_text.decode(data))
                )
        return found
    if suffix == ".xml" or data.lstrip().startswith(b"<?xml"):
        xml = file_text.xml_text(data)
        return [*found, Channel(document=label, page=None, channel="xml", text=xml)]
    text = file_text.decode(data)
    if suffix == ".csv":
        rows = csv.reader(io.StringIO(text))
        cells = [" | ".join(row) for row in rows]
        return [*found, *(Channel(document=label, page=None, channel="csv", text=c) for c in cells)]
    if suffix == ".json":
        try:
            values = list(file_text.json_strings(json.loads(text)))
        except ValueError:
            values = [text]
        return [
            *found,
            *(Channel(document=label, page=None, channel="json", text=v) for v in values),
        ]
    return [*found, Channel(document=label, page=None, channel="text", text=text)]
