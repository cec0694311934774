"""Check the signatures a PDF carries: each one's integrity, its chain to the configured trust
anchors, its timestamp, what changed after it, and for B-LTA the revocation data in the file;
reported with signer, time and level.

A signature is judged at the time its timestamp proves (PAdES): a signer's certificate that
has expired since, with a valid timestamp from before, passes. Only what the file carries is
used (no fetching): the archive checks the file as it is.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.diff_analysis import ModificationLevel
from pyhanko.sign.general import find_unique_cms_attribute
from pyhanko.sign.validation import (
    DocumentSecurityStore,
    EmbeddedPdfSignature,
    validate_pdf_signature,
    validate_pdf_timestamp,
)
from pyhanko.sign.validation.status import SignatureCoverageLevel
from pyhanko_certvalidator import ValidationContext

from besluitpak.errors import SigningError
from besluitpak.signing import keys

ALLOWED_AFTER = (
    ModificationLevel.NONE,
    ModificationLevel.LTA_UPDATES,
    ModificationLevel.FORM_FILLING,
)
"""What may follow a signature: other signatures in their fields, validation data, document
timestamps. A stamp, a repair or new metadata after it fails it."""


@dataclass(frozen=True, kw_only=True)
class SignatureCheck:
    """One signature or document timestamp, as checked."""

    field: str
    kind: str
    """``signature`` or ``document timestamp``."""
    signer: str
    time: dt.datetime | None
    """The time its timestamp proves (None: no timestamp)."""
    level: str
    """``PAdES B-B``, ``B-T``, ``B-LT`` or ``B-LTA``; ``RFC 3161`` for a document timestamp."""
    problems: tuple[str, ...]

    @property
    def ok(self) -> bool:
        return not self.problems

    def line(self) -> str:
        when = self.time.strftime("%Y-%m-%d %H:%M:%S %Z") if self.time else "no timestamp"
        verdict = "OK" if self.ok else "FAILED: " + "; ".join(self.problems)
        return f"{self.field}: {self.kind} by {self.signer}, {when}, {self.level}: {verdict}"


def _timestamp_time(sig: EmbeddedPdfSignature) -> dt.datetime | None:
    try:
        token = find_unique_cms_attribute(
            sig.signer_info["unsigned_attrs"], "signature_time_stamp_token"
        )
    except Exception:  # no such attribute (pyHanko raises its own NonexistentAttributeError)
        return None
    signed = token["content"]
    value: dt.datetime = signed["encap_content_info"]["content"].parsed["gen_time"].native
    return value


def _context(dss: DocumentSecurityStore | None, **kwargs: Any) -> ValidationContext:
    kwargs.setdefault("allow_fetching", False)
    if dss is None:
        return ValidationContext(**kwargs)
    return dss.as_validation_context(kwargs)


def _name(sig: EmbeddedPdfSignature) -> str:
    return str(
        sig.signer_cert.subject.native.get("common_name", sig.signer_cert.subject.human_friendly)
    )


def _later_problems(status: Any) -> list[str]:
    problems = []
    if not status.intact:
        problems.append("the signed bytes changed (integrity)")
    if status.coverage not in (
        SignatureCoverageLevel.ENTIRE_FILE,
        SignatureCoverageLevel.ENTIRE_REVISION,
    ):
        problems.append("the signature does not cover its whole revision")
    level = status.modification_level
    if level is None or level not in ALLOWED_AFTER:
        problems.append(
            f"the file was changed after it was signed ({level.name if level else 'unknown'})"
        )
    return problems


def _doc_timestamp(
    sig: EmbeddedPdfSignature,
    anchors: list[Any],
    dss: DocumentSecurityStore | None,
    moment: dt.datetime | None,
) -> SignatureCheck:
    status = validate_pdf_timestamp(
        sig, validation_context=_context(dss, trust_roots=anchors, moment=moment)
    )
    problems = _later_problems(status)
    if not (status.valid and status.trusted):
        problems.append(
            f"the timestamp does not chain to a trust anchor ({status.trust_problem_indic})"
        )
    return SignatureCheck(
        field=str(sig.field_name),
        kind="document timestamp",
        signer=_name(sig),
        time=status.timestamp,
        level="RFC 3161",
        problems=tuple(problems),
    )


def _signature(
    sig: EmbeddedPdfSignature,
    anchors: list[Any],
    dss: DocumentSecurityStore | None,
    moment: dt.datetime | None,
    archived: bool,
) -> SignatureCheck:
    proven = _timestamp_time(sig)
    signer_context = _context(
        dss,
        trust_roots=anchors,
        moment=proven or moment,
        retroactive_revinfo=True,
        revocation_mode="hard-fail" if archived else "soft-fail",
    )
    ts_context = _context(dss, trust_roots=anchors, moment=moment)
    status = validate_pdf_signature(
        sig, signer_validation_context=signer_context, ts_validation_context=ts_context
    )
    problems = _later_problems(status)
    if not (status.valid and status.trusted):
        problems.append(
            f"the signer's certificate does not chain to a trust anchor or was not valid "
            f"when signed ({status.trust_problem_indic})"
        )
    ts = status.timestamp_validity
    if ts is None:
        problems.append("no signature timestamp (PAdES B-T needs one)")
    elif not (ts.intact and ts.valid and ts.trusted):
        problems.append("the signature's timestamp does not check out")
    level = "PAdES B-B" if ts is None else "PAdES B-T"
    if ts is not None and dss is not None:
        level = "PAdES B-LTA" if archived else "PAdES B-LT"
    return SignatureCheck(
        field=str(sig.field_name),
        kind="signature",
        signer=_name(sig),
        time=proven,
        level=level,
        problems=tuple(problems),
    )


def check_signatures(
    path: Path, *, environ: Mapping[str, str] = os.environ, moment: dt.datetime | None = None
) -> tuple[SignatureCheck, ...]:
    """Every signature and document timestamp in ``path``, checked against the trust anchors
    ``BESLUITPAK_TRUST_ANCHORS`` names, as of ``moment`` (default now)."""
    with path.open("rb") as stream:
        try:
            reader = PdfFileReader(stream, strict=False)
            found = list(reader.embedded_signatures)
        except Exception as error:  # a file changed so that it no longer reads as a PDF
            raise SigningError(f"{path}: cannot read its signatures: {error}") from None
        if not found:
            return ()
        anchors = keys.trust_anchors(environ)
        try:
            dss: DocumentSecurityStore | None = DocumentSecurityStore.read_dss(reader)
        except Exception:  # pyHanko's NoDSSFoundError: no validation data in the file
            dss = None
        stamps = [s.signed_revision for s in found if s.sig_object_type == "/DocTimeStamp"]
        checks = []
        for sig in found:
            try:
                if sig.sig_object_type == "/DocTimeStamp":
                    checks.append(_doc_timestamp(sig, anchors, dss, moment))
                else:
                    archived = any(rev > sig.signed_revision for rev in stamps)
                    checks.append(_signature(sig, anchors, dss, moment, archived))
            except Exception as error:  # a signature whose bytes no longer parse
                checks.append(
                    SignatureCheck(
                        field=str(sig.field_name),
                        kind="signature",
                        signer="?",
                        time=None,
                        level="?",
                        problems=(f"unreadable: {error}",),
                    )
                )
        return tuple(checks)
