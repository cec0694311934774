"""The organisation's seal on what goes into the archive, and its check by ``verify``.

When the organisation's key is configured (``BESLUITPAK_SIGN_ORGANISATIE_PKCS12`` or
``_PKCS11_MODULE``, see :mod:`besluitpak.signing.keys`), each archived bundle is sealed before
its checksums are taken: an invisible seal, PAdES B-LTA (validation data and a document
timestamp in the file). The manifest records who signed what (``signed``: per PDF its
signatures' role, signer, time and level, and its SHA-256 before the seal, which a rebuild
compares with). A bundle sealed before archiving is kept byte for byte (not sealed twice; the
manifest marks it ``sealed_before_archiving``). Without a key nothing is sealed and the
manifest is as before.

``verify`` checks every signature of every archived PDF (the sealed bundles, a signed
besluitenlijst, a signed PDF among the inputs): a signed PDF changed by one byte fails.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pikepdf

from besluitpak.codes import Coded
from besluitpak.errors import SigningError
from besluitpak.files import sha256
from besluitpak.pdf.signed import signature_fields

if TYPE_CHECKING:
    from besluitpak.signing.check import SignatureCheck

# besluitpak.signing (pyHanko, aiohttp, fontTools: ~0.5 s) is imported where a seal is made or
# checked, not with this module: every build imports the archive's store, few archive or sign.

ROLE = "organisatie"
SIGNED = "signed"
"""The manifest's key for who signed what (absent when nothing is signed)."""


def seal(bundles: Sequence[Path], environ: Mapping[str, str] = os.environ) -> list[dict[str, Any]]:
    """Seal each bundle in place as the organisation (B-LTA) when its key is configured;
    returns what the manifest records of them (nothing without a key)."""
    from besluitpak.signing import keys
    from besluitpak.signing.check import check_signatures
    from besluitpak.signing.sign import sign_pdf

    if not keys.configured(ROLE, environ):
        return []
    records = []
    for bundle in bundles:
        record: dict[str, Any] = {"file": bundle.name}
        if sealed_already(bundle):
            record["sealed_before_archiving"] = True  # kept byte for byte, never sealed twice
        else:
            record["unsealed_sha256"] = sha256(bundle)
            sign_pdf(bundle, als=ROLE, lta=True, environ=environ)
        record["signatures"] = signed_by(check_signatures(bundle, environ=environ))
        records.append(record)
    return records


def sealed_already(bundle: Path) -> bool:
    """Whether ``bundle`` already carries the organisation's seal (``besluitpak sign BUNDLE
    --als organisatie`` before archiving): the archive keeps it as it is."""
    try:
        with pikepdf.open(bundle) as pdf:
            return ROLE in signature_fields(pdf)
    except pikepdf.PdfError:
        return False


def signed_by(checks: Sequence[SignatureCheck]) -> list[dict[str, str | None]]:
    """Who signed what, as the manifest (and the page) records it."""
    return [
        {
            "role": check.field,
            "kind": check.kind,
            "signer": check.signer,
            "time": check.time.isoformat() if check.time else None,
            "level": check.level,
        }
        for check in checks
    ]


def unsealed(manifest: dict[str, Any]) -> dict[str, str]:
    """File name -> its SHA-256 before it was sealed (what a rebuild gives)."""
    return {
        str(entry.get("file")): str(entry.get("unsealed_sha256"))
        for entry in manifest.get(SIGNED, [])
        if isinstance(entry, dict) and entry.get("unsealed_sha256")
    }


@dataclass(frozen=True, kw_only=True)
class Checked:
    """What the signature check of one version found."""

    checked: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)


def _looks_signed(path: Path) -> bool:
    try:
        return b"/ByteRange" in path.read_bytes()
    except OSError:
        return False


def check(
    version: Path, manifest: dict[str, Any], environ: Mapping[str, str] = os.environ
) -> Checked:
    """Every signature of every PDF in ``version``: each failing one is a problem naming the
    file and the field; a PDF the manifest records as signed that carries none is one too."""
    from besluitpak.signing import keys
    from besluitpak.signing.check import check_signatures

    result = Checked()
    recorded = {str(e.get("file")) for e in manifest.get(SIGNED, []) if isinstance(e, dict)}
    for pdf in sorted(version.rglob("*.pdf")):
        name = pdf.relative_to(version).as_posix()
        if name not in recorded and not _looks_signed(pdf):
            continue
        try:
            checks = check_signatures(pdf, environ=environ)
        except SigningError as e:
            if keys.ANCHORS in str(e):
                result.warnings.append(f"{pdf}: signatures not checked: {e}")
            else:
                result.problems.append(_failed(pdf, "?", str(e)))
            continue
        if not checks and name in recorded:
            lost = "the manifest records signatures, it has none"
            result.problems.append(_failed(pdf, "?", lost))
        for one in checks:
            if one.ok:
                result.checked.append(_passed(pdf, one))
            else:
                result.problems.append(_failed(pdf, one.field, one.line()))
    return result


def _passed(pdf: Path, one: SignatureCheck) -> Coded:
    when = one.time.strftime("%Y-%m-%d %H:%M:%S %Z") if one.time else "-"
    return Coded(
        f"{pdf}: {one.line()}",
        "archive-signature-ok",
        file=str(pdf),
        field=one.field,
        signer=one.signer,
        time=when,
        level=one.level,
    )


def _failed(pdf: Path, where: str, detail: str) -> Coded:
    return Coded(f"{pdf}: {detail}", "archive-signature-failed", file=str(pdf), field=where)
