"""Search every byte of a set of files for markers, the way an attacker would read them.

Per file it looks at: the file's name; its raw bytes; for a PDF, qpdf's decompressed QDF form
(object streams unpacked), every stream of every revision inflated from the raw bytes, all
strings decoded (PDFDocEncoding / UTF-16), the text of every content stream decoded through
every ToUnicode CMap in the file, and pdftotext's text; for a zip package (.docx, .odt, .zip),
every member's name and bytes, recursively. Markers are matched case-insensitively, also in
UTF-16 and as hex.

``python tests/corpus/leaks/scan.py FOLDER_OR_FILE...`` prints the markers of CHANNELS found.
"""

from __future__ import annotations

import contextlib
import functools
import io
import logging
import re
import subprocess
import sys
import tempfile
import zipfile
import zlib
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pikepdf
from fontTools.pens.recordingPen import RecordingPen
from fontTools.ttLib import TTFont
from pikepdf import Name
from PIL import Image

from besluitpak.pdf import fonts

GLYPH = "GLYPH-U+03A9"
"""A pseudo-marker: the glyph Omega, drawn only on a withheld page, mapped by a ToUnicode
CMap of a public file (the font still carries what only the withheld page used)."""

GLYPH_OUTLINE = "GLYPH-OUTLINE-U+03A9"
"""A pseudo-marker: a public font program holds a glyph drawn exactly as Carlito's Omega (a
glyph only a withheld page drew)."""

STREAM = re.compile(rb"stream\r?\n")
HEX = re.compile(rb"<([0-9A-Fa-f\s]+)>")
BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)


@dataclass(frozen=True)
class View:
    file: str  # the path as shown (zip members: archive.docx!word/document.xml)
    view: str  # name, raw, qdf, inflated, strings, tounicode-text, pdftotext, cmap-targets...
    data: bytes  # lower-cased once here: markers are matched case-insensitively

    def __post_init__(self) -> None:
        object.__setattr__(self, "data", self.data.lower())


def _inflate_all(raw: bytes) -> Iterator[bytes]:
    """Every zlib stream that starts after a ``stream`` keyword, in every revision."""
    for match in STREAM.finditer(raw):
        start = match.end()
        try:
            yield zlib.decompressobj().decompress(raw[start:])
        except zlib.error:
            end = raw.find(b"endstream", start)
            yield raw[start : end if end > 0 else start + 4096]


def _hexbytes(text: bytes) -> bytes:
    digits = re.sub(rb"\s", b"", text)
    if len(digits) % 2:
        digits += b"0"
    return bytes.fromhex(digits.decode("ascii"))


def _cmaps(streams: Iterable[bytes]) -> list[dict[bytes, str]]:
    maps = []
    for data in streams:
        if b"beginbf" not in data:
            continue
        table: dict[bytes, str] = {}
        for block in BFCHAR.findall(data):
            codes = HEX.findall(block)
            for src, dst in zip(codes[::2], codes[1::2], strict=False):
                table[_hexbytes(src)] = _hexbytes(dst).decode("utf-16-be", "replace")
        for block in BFRANGE.findall(data):
            for line in re.findall(rb"<[^>]*>\s*<[^>]*>\s*(?:<[^>]*>|\[[^\]]*\])", block):
                parts = HEX.findall(line)
                lo, hi = _hexbytes(parts[0]), _hexbytes(parts[1])
                width = len(lo)
                a, b = int.from_bytes(lo, "big"), int.from_bytes(hi, "big")
                if b - a > 4096:
                    continue
                if b"[" in line:
                    targets = [_hexbytes(t).decode("utf-16-be", "replace") for t in parts[2:]]
                else:
                    base = _hexbytes(parts[2])
                    first = int.from_bytes(base, "big")
                    targets = [
                        (first + i).to_bytes(len(base), "big").decode("utf-16-be", "replace")
                        for i in range(b - a + 1)
                    ]
                for i, target in enumerate(targets[: b - a + 1]):
                    table[(a + i).to_bytes(width, "big")] = target
        if table:
            maps.append(table)
    return maps


ESCAPES = {ord("n"): 10, ord("r"): 13, ord("t"): 9, ord("b"): 8, ord("f"): 12}


def _literal(data: bytes, i: int, out: bytearray) -> int:
    """Append the literal string starting after the ``(`` at ``i``; return where it ends."""
    depth, n = 1, len(data)
    while i < n:
        c = data[i]
        if c == 0x5C and i + 1 < n:  # backslash
            octal = re.match(rb"[0-7]{1,3}", data[i + 1 : i + 4])
            if octal:
                out.append(int(octal.group(), 8) & 0xFF)
                i += 1 + len(octal.group())
            else:
                out.append(ESCAPES.get(data[i + 1], data[i + 1]))
                i += 2
            continue
        depth += {0x28: 1, 0x29: -1}.get(c, 0)
        if not depth:
            return i + 1
        out.append(c)
        i += 1
    return i


def _literal_strings(data: bytes) -> bytes:
    """The bytes of every string token of a content stream, in order, joined."""
    out = bytearray()
    i, n = 0, len(data)
    while i < n:
        c = data[i]
        if c == 0x25:  # % comment: to the end of the line
            while i < n and data[i] not in (10, 13):
                i += 1
        elif c == 0x28:  # (
            i = _literal(data, i + 1, out)
        elif c == 0x3C and data[i + 1 : i + 2] != b"<":  # <hex>
            end = data.find(b">", i)
            if end < 0:
                break
            with contextlib.suppress(ValueError):
                out += _hexbytes(data[i + 1 : end])
            i = end + 1
        else:
            i += 2 if c == 0x3C else 1
    return bytes(out)


def _decode(codes: bytes, table: dict[bytes, str]) -> str:
    widths = sorted({len(k) for k in table}) or [1]
    out, i = [], 0
    while i < len(codes):
        for width in widths:
            hit = table.get(codes[i : i + width])
            if hit is not None:
                out.append(hit)
                i += width
                break
        else:
            out.append("\ufffd")
            i += 1
    return "".join(out)


def _pdf_strings(pdf: pikepdf.Pdf) -> str:
    found = []
    for obj in pdf.objects:
        stack = [obj]
        while stack:
            item = stack.pop()
            if isinstance(item, (pikepdf.String, pikepdf.Name)):
                found.append(str(item))
            elif isinstance(item, pikepdf.Array):
                stack.extend(
                    v for v in item if not (isinstance(v, pikepdf.Object) and v.is_indirect)
                )
            elif isinstance(item, (pikepdf.Dictionary, pikepdf.Stream)):
                for key, value in item.items():
                    found.append(key)
                    if not (isinstance(value, pikepdf.Object) and value.is_indirect):
                        stack.append(value)
    return "\n".join(found)


logging.getLogger("fontTools").setLevel(logging.ERROR)  # subset fonts' odd dates: not ours


@functools.cache
def _omega() -> tuple[object, ...]:
    carlito = TTFont(str(fonts.path("Regular")))
    pen = RecordingPen()
    carlito.getGlyphSet()[carlito.getBestCmap()[0x03A9]].draw(pen)
    return tuple(pen.value)


def _outlines(pdf: pikepdf.Pdf) -> bytes:
    """``U+03A9`` when an embedded TrueType program draws a glyph as Carlito's Omega."""
    omega = _omega()
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Dictionary) or Name.FontFile2 not in obj:
            continue
        try:
            program = TTFont(io.BytesIO(obj.FontFile2.read_bytes()))
            glyphs = program.getGlyphSet()
            for name in glyphs.keys():  # noqa: SIM118 (a GlyphSet is no dict)
                pen = RecordingPen()
                glyphs[name].draw(pen)
                if tuple(pen.value) == omega:
                    return b"U+03A9"
        except Exception:
            continue
    return b""


def _bookmarks(pdf: pikepdf.Pdf) -> str:
    """Every bookmark title, one a line."""
    titles = []
    with pdf.open_outline() as outline:
        stack = list(outline.root)
        while stack:
            item = stack.pop()
            titles.append(item.title)
            stack.extend(item.children)
    return "\n".join(titles)


def pdf_views(label: str, raw: bytes) -> list[View]:
    views = [View(label, "raw", raw)]
    with tempfile.TemporaryDirectory() as tmp:
        source, target = Path(tmp, "in.pdf"), Path(tmp, "out.pdf")
        source.write_bytes(raw)
        subprocess.run(
            [
                "qpdf",
                "--qdf",
                "--object-streams=disable",
                "--decode-level=all",
                str(source),
                str(target),
            ],
            capture_output=True,
            check=False,
        )
        qdf = target.read_bytes() if target.exists() else b""
    views.append(View(label, "qdf", qdf))
    inflated = list(_inflate_all(raw))
    views.append(View(label, "inflated", b"\n".join(inflated)))
    qdf_streams = [qdf[m.end() : qdf.find(b"endstream", m.end())] for m in STREAM.finditer(qdf)]
    all_streams = inflated + qdf_streams
    tables = _cmaps(all_streams)
    texts = []
    for data in all_streams:
        if b"BT" not in data or not (b"Tj" in data or b"TJ" in data or b"'" in data):
            continue
        codes = _literal_strings(data)
        if not codes:
            continue
        texts.append(codes.decode("latin-1"))
        texts.extend(_decode(codes, table) for table in tables)
    views.append(View(label, "tounicode-text", "\n".join(texts).encode("utf-8")))
    current = _cmaps(qdf_streams)
    targets = "".join(v for table in current for v in table.values())
    views.append(View(label, "cmap-targets", targets.encode("utf-8")))
    try:
        with pikepdf.open(io.BytesIO(raw)) as pdf:
            views.append(View(label, "strings", _pdf_strings(pdf).encode("utf-8")))
            views.append(View(label, "glyph-outlines", _outlines(pdf)))
            views.append(View(label, "bookmarks", _bookmarks(pdf).encode("utf-8")))
    except pikepdf.PdfError:
        pass
    text = subprocess.run(["pdftotext", "-", "-"], input=raw, capture_output=True, check=False)
    views.append(View(label, "pdftotext", text.stdout))
    return views


def _is_pdf(raw: bytes) -> bool:
    return b"%pdf-" in raw[:1024].lower()  # also a View's data, which is lower-cased


def file_views(label: str, raw: bytes, name: str = "") -> list[View]:
    views = [View(label, "name", (name or label).encode("utf-8"))]
    if _is_pdf(raw):
        return views + pdf_views(label, raw)
    if raw.startswith(b"PK\x03\x04"):
        views.append(View(label, "raw", raw))
        try:
            with zipfile.ZipFile(io.BytesIO(raw)) as archive:
                for member in archive.namelist():
                    views += file_views(f"{label}!{member}", archive.read(member))
        except zipfile.BadZipFile:
            pass
        return views
    if raw.startswith((b"\x89PNG", b"\xff\xd8")):
        with contextlib.suppress(OSError), Image.open(io.BytesIO(raw)) as picture:
            views.append(View(label, "pixels", picture.tobytes()))
    return [*views, View(label, "raw", raw)]


def tree_views(paths: Iterable[Path], base: Path, prefix: str = "") -> list[View]:
    """The views of files; each is named by its path under ``base`` (its "name" view: what a
    visitor of the folder sees), shown after ``prefix``."""
    views = []
    for path in paths:
        name = str(path.relative_to(base)) if path.is_relative_to(base) else str(path)
        views += file_views(prefix + name, path.read_bytes(), name)
    return views


def _needles(marker: str) -> list[bytes]:
    low = marker.lower()
    ascii_ = low.encode("ascii")
    return [
        ascii_,
        low.encode("utf-16-be"),
        low.encode("utf-16-le"),
        ascii_.hex().encode("ascii"),
        low.encode("utf-16-be").hex().encode("ascii"),
    ]


def find(marker: str, views: Iterable[View], only: str = "") -> list[tuple[str, str]]:
    """(file, view) of every view holding ``marker`` (of the views named ``only``, if given)."""
    if only:
        views = [v for v in views if v.view == only]
    hits = []
    if marker.startswith("GLYPH-U+"):  # a ToUnicode CMap maps a code to this character
        char = chr(int(marker[len("GLYPH-U+") :], 16))
        return [
            (v.file, v.view)
            for v in views
            if (v.view == "cmap-targets" or (v.view == "raw" and not _is_pdf(v.data)))
            and char in v.data.decode("utf-8", "replace")
        ]
    if marker == GLYPH_OUTLINE:
        return [(v.file, v.view) for v in views if v.view == "glyph-outlines" and v.data]
    needles = _needles(marker)
    for v in views:
        if v.view in ("cmap-targets", "glyph-outlines"):
            continue
        data = v.data
        if any(n in data for n in needles):
            hits.append((v.file, v.view))
    return hits


def main(args: list[str]) -> None:
    root = Path(__file__).resolve().parents[3]
    if str(root) not in sys.path:
        sys.path.insert(0, str(root))
    from tests.corpus.leaks.channels import CHANNELS

    files = []
    for arg in args:
        path = Path(arg)
        files += sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]
    views = tree_views(files, Path.cwd())
    for channel in CHANNELS:
        hits = find(channel.marker, views)
        if hits:
            where = sorted({f"{f} ({v})" for f, v in hits})
            print(f"{channel.marker} [{channel.expect}] {channel.channel}: {', '.join(where)}")


if __name__ == "__main__":
    main(sys.argv[1:])
