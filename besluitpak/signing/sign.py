"""Sign or seal a PDF: PAdES B-T (a signature with a timestamp), or B-LTA for the archive (the
validation data in the file's DSS and a document timestamp over it), SHA-256, as an
incremental update. The file keeps its XMP, its PDF version and its PDF/A-2 and PDF/UA-1
claims, checked on the signed bytes before they replace it."""

from __future__ import annotations

import io
import os
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pyhanko.pdf_utils.font.opentype import GlyphAccumulator, GlyphAccumulatorFactory
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.text import TextBoxStyle
from pyhanko.pdf_utils.writer import BasePdfFileWriter
from pyhanko.sign import fields as hanko_fields
from pyhanko.sign import signers
from pyhanko.sign.timestamps import HTTPTimeStamper
from pyhanko.stamp import TextStampStyle
from pyhanko_certvalidator import ValidationContext

from besluitpak.errors import SigningError
from besluitpak.files import write_atomic
from besluitpak.pdf import fonts
from besluitpak.signing import conformance, fields, keys


@dataclass(frozen=True, kw_only=True)
class Signed:
    """A signature made."""

    path: Path
    role: str
    signer: str
    """The common name in the signer's certificate."""
    level: str
    """``PAdES B-T`` or ``PAdES B-LTA``."""
    key: keys.KeySource
    claims: str
    """What the file still claims, checked on the signed bytes (``PDF/A-2a, PDF/UA-1``)."""


_METADATA_KEPT = threading.Lock()


@contextmanager
def _metadata_kept() -> Iterator[None]:
    """pyHanko's writers rewrite the XMP and the Info dictionary (Producer, ModDate) in each
    increment they write (signature, DSS, document timestamp), and the rewritten XMP no
    longer matches the Info dictionary: the PDF/A and PDF/UA claims break (the pitfall its
    users report). An increment needs no new metadata: while we sign, they write none."""
    with _METADATA_KEPT:
        original = BasePdfFileWriter._update_meta
        BasePdfFileWriter._update_meta = lambda self: None  # type: ignore[method-assign]
        try:
            yield
        finally:
            BasePdfFileWriter._update_meta = original  # type: ignore[method-assign]


class _InThousandths(GlyphAccumulator):
    """pyHanko's glyph accumulator measuring in thousandths of an em, as PDF widths and TJ
    offsets are: pyHanko's own uses the font's units, right for a CFF font (1000 to the em),
    not for a TrueType font such as Carlito (2048): its letters would stand twice apart."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self._font_units: int = self.units_per_em
        self.hb_font.scale = (1000, 1000)
        self.units_per_em = 1000

    def _get_cid_and_width(self, glyph_id: int) -> tuple[int, int]:
        if glyph_id not in self._glyphs:
            cid, width = super()._get_cid_and_width(glyph_id)
            self._glyphs[glyph_id] = (cid, round(width * 1000 / self._font_units))
        return self._glyphs[glyph_id]


@dataclass(frozen=True)
class _HouseFont(GlyphAccumulatorFactory):
    """pyHanko's factory, reading the font into memory (its own leaves the file open) and
    measuring in thousandths of an em (:class:`_InThousandths`)."""

    def create_font_engine(self, writer: Any, obj_stream: Any = None) -> GlyphAccumulator:
        if obj_stream is None and writer.stream_xrefs and self.create_objstream_if_needed:
            obj_stream = writer.prepare_object_stream()
        return _InThousandths(
            writer=writer,
            font_handle=io.BytesIO(Path(self.font_file).read_bytes()),
            font_size=self.font_size,
            ot_script_tag=self.ot_script_tag,
            ot_language_tag=self.ot_language_tag,
            writing_direction=self.writing_direction,
            bcp47_lang_code=self.bcp47_lang_code,
            obj_stream=obj_stream,
        )


def _style(role: str) -> TextStampStyle | None:
    if role not in fields.VISIBLE:
        return None
    font = _HouseFont(str(fonts.path("Regular")), font_size=9)
    return TextStampStyle(
        stamp_text=f"%(signer)s\n{keys.FUNCTIE[role]}\nondertekend %(ts)s",
        text_box_style=TextBoxStyle(font=font, leading=12),
        timestamp_format="%d-%m-%Y %H:%M %Z",
        border_width=1,
    )


def _filled(data: bytes, name: str) -> bool:
    reader = IncrementalPdfFileWriter(io.BytesIO(data)).prev
    return any(
        filled and field_name == name
        for field_name, filled, _ in hanko_fields.enumerate_sig_fields(reader, filled_status=None)
    )


def _archived(data: bytes, context: ValidationContext, timestamper: HTTPTimeStamper) -> bytes:
    """``data`` (just signed, its own validation data embedded) with the validation data of
    the signatures before it and a document timestamp over all: PAdES B-LTA."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import add_validation_info

    count = len(PdfFileReader(io.BytesIO(data)).embedded_signatures)
    for index in range(count - 1):
        sig = PdfFileReader(io.BytesIO(data)).embedded_signatures[index]
        if sig.sig_object_type == "/DocTimeStamp":
            continue
        out = io.BytesIO()
        add_validation_info(sig, context, output=out)
        data = out.getvalue()
    out = io.BytesIO()
    signers.PdfTimeStamper(timestamper, field_name=fields.TIMESTAMP_FIELD).timestamp_pdf(
        IncrementalPdfFileWriter(io.BytesIO(data)), "sha256", context, output=out
    )
    return out.getvalue()


def _signed(data: bytes, als: str, *, lta: bool, environ: Mapping[str, str]) -> tuple[bytes, str]:
    """``data`` signed as ``als``, and the signer's name."""
    timestamper = keys.timestamper(environ)
    context = ValidationContext(
        trust_roots=keys.trust_anchors(environ), allow_fetching=True, revocation_mode="hard-fail"
    )
    meta = signers.PdfSignatureMetadata(
        field_name=als,
        md_algorithm="sha256",  # SHA-384 or 512 would make pyHanko declare PDF 2.0
        subfilter=hanko_fields.SigSeedSubFilter.PADES,
        embed_validation_info=lta,
        validation_context=context,
    )
    out = io.BytesIO()
    with keys.opened(als, environ) as signer, _metadata_kept():
        cert = signer.signing_cert
        name = str(cert.subject.native.get("common_name", "?")) if cert else "?"
        pdf_signer = signers.PdfSigner(
            meta, signer=signer, timestamper=timestamper, stamp_style=_style(als)
        )
        try:
            pdf_signer.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(data)), output=out)
            signed = _archived(out.getvalue(), context, timestamper) if lta else out.getvalue()
        except SigningError:
            raise
        except Exception as error:  # pyHanko's own errors, a token's, the network's
            raise SigningError(f"signing as {als} failed: {error}") from None
    return signed, name


def sign_pdf(
    path: Path, *, als: str, lta: bool = False, environ: Mapping[str, str] = os.environ
) -> Signed:
    """Sign ``path`` in place as ``als`` (burgemeester, secretaris, organisatie): B-T, or with
    ``lta`` B-LTA. The keys, timestamp server and trust anchors come from ``environ``
    (:mod:`besluitpak.signing.keys`)."""
    source = keys.key_source(als, environ)
    data = path.read_bytes()
    before = conformance.claimed(data)
    if fields.needs_fields(data, als):
        data = fields.prepared(data, als)
    for name in (als, fields.TIMESTAMP_FIELD) if lta else (als,):
        if _filled(data, name):
            raise SigningError(f"{path}: already signed in the field {name!r}")
    signed, signer = _signed(data, als, lta=lta, environ=environ)
    after = conformance.kept(before, signed, what=str(path))
    write_atomic(path, signed, what=f"the unsigned {path.name}")
    return Signed(
        path=path,
        role=als,
        signer=signer,
        level="PAdES B-LTA" if lta else "PAdES B-T",
        key=source,
        claims=str(after),
    )
