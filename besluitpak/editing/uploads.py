"""Checking an uploaded ready-made bijlage by its content, never by its name or Content-Type.

A PDF starts with ``%PDF-`` and pikepdf opens it; a Word document is a zip holding
``[Content_Types].xml`` and ``word/document.xml``; an OpenDocument text is a zip whose
``mimetype`` entry says ``application/vnd.oasis.opendocument.text``. A zip is read whole
before it is accepted, counting what it unpacks to, so a zip bomb is refused however its
headers lie. The stored name comes from the content (``bijlagen/<id>.pdf``), never from the
person's file name.
"""

from __future__ import annotations

import io
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from besluitpak.errors import BesluitpakError

MAX_ENTRIES = 2000
"""The most entries a Word or OpenDocument zip may have (a real one has tens)."""
MAX_UNCOMPRESSED = 512 * 1024 * 1024
"""The most a zip may unpack to, in bytes."""
MAX_RATIO = 200
"""The most a zip may unpack to, as a multiple of its own size (text compresses ~10x)."""
CHUNK = 1024 * 1024
ODT_MIMETYPE = b"application/vnd.oasis.opendocument.text"
KINDS = "a PDF, a Word document (.docx) or an OpenDocument text (.odt)"


class UploadRefused(BesluitpakError):
    """Raised when an uploaded file is too large, or not a file of the kinds a bijlage may be."""

    def __init__(self, message: str, *, code: str = "", params: dict[str, str] | None = None):
        super().__init__(message)
        self.code = code
        """The message's code for the page's Dutch (:mod:`besluitpak.codes`), or ""."""
        self.params = params or {}


@dataclass(frozen=True, kw_only=True)
class Checked:
    """An upload that passed: its bytes and the suffix its content says it has."""

    data: bytes
    suffix: str
    """``.pdf``, ``.docx`` or ``.odt``: decided by the content."""


def read(upload: Any, *, limit: int) -> bytes:
    """The bytes of a Django ``UploadedFile``: refused when its size is over ``limit`` (checked
    before reading), and never more than ``limit`` bytes read whatever it claims."""
    size = getattr(upload, "size", None)
    if size is not None and size > limit:
        raise _too_large(size, limit)
    parts: list[bytes] = []
    total = 0
    for chunk in upload.chunks(CHUNK):
        total += len(chunk)
        if total > limit:
            raise _too_large(total, limit)
        parts.append(chunk)
    return b"".join(parts)


def _too_large(size: int, limit: int) -> UploadRefused:
    return UploadRefused(
        f"upload: expected a file of at most {_mb(limit)}, got {_mb(size)} or more",
        code="upload-too-large",
        params={"limit": _mb(limit).replace(".", ","), "size": _mb(size).replace(".", ",")},
    )


def _mb(size: int) -> str:
    if size < 1024 * 1024:
        return f"{size} bytes"
    return f"{size / (1024 * 1024):.1f} MB"


def check(data: bytes, *, wijzigingen: str | None = None) -> Checked:
    """What ``data`` is, by its content: :class:`Checked`, or :class:`UploadRefused`. The one
    check of a new ready-made bijlage, the page's upload and ``besluitpak bijlage add`` alike:
    a .docx or .odt with tracked changes is refused with the counts (as the build refuses it)
    unless ``wijzigingen`` (``aanvaarden``, ``verwerpen``) says what to do with them."""
    if not data:
        raise UploadRefused(f"upload: expected {KINDS}, got an empty file", code="upload-empty")
    if data.startswith(b"%PDF-"):
        _check_pdf(data)
        return Checked(data=data, suffix=".pdf")
    if data.startswith(b"PK\x03\x04"):
        suffix = _check_zip(data)
        if wijzigingen is None:
            _check_changes(data, suffix)
        return Checked(data=data, suffix=suffix)
    code, what = _what(data)
    raise UploadRefused(f"upload: expected {KINDS}, got {what}", code=code)


def _what(data: bytes) -> tuple[str, str]:
    """The code and a name for content that is none of the accepted kinds, for the message."""
    if data.startswith(b"MZ"):
        return "upload-exe", "a Windows program (.exe)"
    if data.startswith(b"\x7fELF"):
        return "upload-program", "a program (ELF)"
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        return "upload-doc", "an old Office file (.doc); save it as .docx"
    if data.startswith(b"{\\rtf"):
        return "upload-rtf", "an RTF file; save it as .docx"
    return "upload-other-kind", "a file of another kind"


def _check_changes(data: bytes, suffix: str) -> None:
    """Refuse a .docx or .odt that holds tracked changes, with the counts and the advice the
    build gives (:func:`besluitpak.render.revisions.refusal`)."""
    from besluitpak.render import revisions

    with tempfile.TemporaryDirectory(prefix="besluitpak-upload-") as folder:
        path = Path(folder) / f"upload{suffix}"
        path.write_bytes(data)
        try:
            found = revisions.scan(path)
        except revisions.UNREADABLE as e:
            raise UploadRefused(
                f"upload: expected a readable document, got one that cannot be read: {e}",
                code="unreadable-document",
                params={"where": "upload"},
            ) from None
    if found.changes:
        raise UploadRefused(
            revisions.refusal("upload", found),
            code="tracked-changes",
            params={"where": "upload", **found.counts(comments=False)},
        )


def _check_pdf(data: bytes) -> None:
    import pikepdf

    try:
        with pikepdf.open(io.BytesIO(data)) as pdf:
            if len(pdf.pages) == 0:
                raise UploadRefused(
                    "upload: expected a PDF with pages, got one without", code="upload-no-pages"
                )
    except pikepdf.PasswordError:
        raise UploadRefused(
            "upload: expected a PDF without a password, got one that is encrypted",
            code="upload-encrypted",
        ) from None
    except pikepdf.PdfError as e:
        raise UploadRefused(
            f"upload: expected a PDF, got a file starting with %PDF- that cannot be read: {e}",
            code="upload-bad-pdf",
            params={"reason": str(e)},
        ) from None


def _check_zip(data: bytes) -> str:
    """``.docx`` or ``.odt`` for a sound zip of that kind; refused otherwise."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except (zipfile.BadZipFile, OSError, ValueError) as e:
        raise UploadRefused(f"upload: expected {KINDS}, got a damaged zip file: {e}") from None
    with archive:
        entries = archive.infolist()
        if len(entries) > MAX_ENTRIES:
            raise UploadRefused(
                f"upload: expected a zip of at most {MAX_ENTRIES} entries, got {len(entries)}"
            )
        for entry in entries:
            _check_name(entry.filename)
        _unpack_counted(archive, entries, len(data))
        names = {entry.filename for entry in entries}
        if "[Content_Types].xml" in names and "word/document.xml" in names:
            if "word/vbaProject.bin" in names:
                raise UploadRefused(
                    "upload: expected a Word document without macros, got one with macros; "
                    "save it as a .docx document without macros",
                    code="upload-macros",
                )
            return ".docx"
        if "mimetype" in names and archive.read("mimetype").strip() == ODT_MIMETYPE:
            return ".odt"
    raise UploadRefused(
        f"upload: expected {KINDS}, got a zip file that is neither a Word nor an OpenDocument text",
        code="upload-other-zip",
    )


def _check_name(name: str) -> None:
    path = PurePosixPath(name)
    if (
        name.startswith(("/", "\\"))
        or "\\" in name
        or ".." in path.parts
        or (len(name) > 1 and name[1] == ":")
        or "\x00" in name
    ):
        raise UploadRefused(
            f"upload: expected a zip whose entries stay inside it, got an entry named {name!r}",
            code="upload-entry-outside",
            params={"name": name},
        )


def _unpack_counted(archive: zipfile.ZipFile, entries: list[zipfile.ZipInfo], size: int) -> None:
    """Unpack every entry (and check its CRC), counting the bytes it gives, so a zip bomb is
    stopped at the limits even when its headers understate what it holds."""
    declared = sum(entry.file_size for entry in entries)
    limit = min(MAX_UNCOMPRESSED, max(size, 1) * MAX_RATIO)
    if declared > limit:
        raise _bomb(declared, size)
    total = 0
    for entry in entries:
        xml = _is_xml(entry.filename)
        parts: list[bytes] = []
        try:
            with archive.open(entry) as stream:
                while chunk := stream.read(CHUNK):
                    total += len(chunk)
                    if total > limit:
                        raise _bomb(total, size)
                    if xml:
                        parts.append(chunk)
        except (zipfile.BadZipFile, OSError, ValueError, NotImplementedError, EOFError) as e:
            raise UploadRefused(
                f"upload: expected a sound zip file, got one whose entry {entry.filename!r} "
                f"cannot be unpacked: {e}"
            ) from None
        if xml:
            _check_xml(entry.filename, b"".join(parts))


def _is_xml(name: str) -> bool:
    return name.lower().endswith((".xml", ".rels", ".vml")) or name == "[Content_Types].xml"


def _check_xml(name: str, data: bytes) -> None:
    """Parse one XML part with defusedxml: an entity declaration (billion laughs: a few kB
    that expand to gigabytes in the converter) or an external entity or DTD (XXE: reading
    the server's files) refuses the upload, with the reason in Dutch (the page shows it)."""
    import defusedxml
    from defusedxml.ElementTree import ParseError, fromstring

    try:
        fromstring(data, forbid_dtd=False, forbid_entities=True, forbid_external=True)
    except defusedxml.EntitiesForbidden as e:
        if getattr(e, "sysid", None) or getattr(e, "pubid", None):
            raise UploadRefused(_external(name)) from None
        raise UploadRefused(
            f"het onderdeel {name} van het document definieert XML-entiteiten. Daarmee kan "
            "een klein bestand bij het omzetten uitdijen tot gigabytes (een ‘billion "
            "laughs’-aanval); zo'n bestand wordt niet aangenomen. Sla het document opnieuw "
            "op in Word of LibreOffice en upload het opnieuw."
        ) from None
    except (defusedxml.ExternalReferenceForbidden, defusedxml.DTDForbidden):
        raise UploadRefused(_external(name)) from None
    except (ParseError, ValueError) as e:
        raise UploadRefused(
            f"het onderdeel {name} van het document is geen geldige XML ({e}); het document "
            "is beschadigd. Sla het opnieuw op in Word of LibreOffice en upload het opnieuw."
        ) from None


def _external(name: str) -> str:
    return (
        f"het onderdeel {name} van het document verwijst naar een externe entiteit of DTD "
        "(XXE). Daarmee kan een document bestanden van de server lezen; zo'n bestand wordt "
        "niet aangenomen. Sla het document opnieuw op in Word of LibreOffice en upload het "
        "opnieuw."
    )


def _bomb(unpacked: int, size: int) -> UploadRefused:
    return UploadRefused(
        f"upload: expected a zip that unpacks to at most {MAX_RATIO} times its size and at "
        f"most {_mb(MAX_UNCOMPRESSED)}, got one of {_mb(size)} that unpacks to {_mb(unpacked)} "
        f"or more (a zip bomb?)",
        code="upload-zip-bomb",
        params={"size": _mb(size).replace(".", ","), "unpacked": _mb(unpacked).replace(".", ",")},
    )
