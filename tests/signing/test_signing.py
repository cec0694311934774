"""Signing and sealing for real (issue 31): a test PKI served over HTTP (certomancer: CA,
OCSP, CRL, RFC 3161 timestamps), keys from a PKCS#12 file and from a SoftHSM2 token, pyHanko
signing and validating; a small tagged PDF that besluitpak finished (the inventarislijst,
no LibreOffice) stands in for the besluitenlijst. outloud before and after, the PDF/A and
PDF/UA identification kept, a signed file never written into, one changed byte found."""

from __future__ import annotations

import datetime as dt
import io
import shutil
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest
from pikepdf import Name

import besluitpak
from besluitpak.errors import OutputError, SigningError
from besluitpak.pdf.finish import Described, finish
from tests.helpers import cli, outloud_rules, qpdf_check
from tests.pdf.test_table_pdf import _finish, _table
from tests.signing import softhsm
from tests.signing.conftest import env_for as _env
from tests.signing.pki import Pki

pytestmark = pytest.mark.libreoffice  # outloud and qpdf (no LibreOffice itself)


@pytest.fixture(scope="module")
def unsigned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The inventarislijst as besluitpak finishes it: tagged, PDF/A-2a and PDF/UA-1."""
    out = tmp_path_factory.mktemp("unsigned") / "lijst.pdf"
    _finish(_table(), out)
    return out


@pytest.fixture(scope="module")
def signed(pki: Pki, unsigned: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The list signed by the burgemeester (B-T), then by the secretaris for the archive
    (B-LTA); each stage kept."""
    folder = tmp_path_factory.mktemp("signed")
    env = _env(pki, burgemeester="burgemeester", secretaris="secretaris")
    work = folder / "lijst.pdf"
    shutil.copy(unsigned, work)
    besluitpak.sign_pdf(work, als="burgemeester", environ=env)
    shutil.copy(work, folder / "bt.pdf")
    besluitpak.sign_pdf(work, als="secretaris", lta=True, environ=env)
    return {"bt": folder / "bt.pdf", "lta": work}


def _xmp_ids(path: Path) -> tuple[object, ...]:
    with pikepdf.open(path) as pdf:
        meta = pdf.open_metadata()
        return tuple(meta.get(k) for k in ("pdfaid:part", "pdfaid:conformance", "pdfuaid:part"))


def test_signed_list_passes_outloud_and_keeps_its_pdfa_and_pdfua_identification(
    unsigned: Path, signed: dict[str, Path]
) -> None:
    assert outloud_rules(unsigned)["error"] == []
    assert _xmp_ids(unsigned) == ("2", "A", "1")
    for path in signed.values():
        assert outloud_rules(path)["error"] == [], path.name
        assert qpdf_check(path).returncode == 0, path.name
        assert _xmp_ids(path) == ("2", "A", "1"), path.name
        report = besluitpak.inspect(path)
        assert [c.name for c in report.checks if not c.ok and c.area != "identification"] == []
        with pikepdf.open(path) as pdf:
            assert str(pdf.Root.get("/Version", "/1.7")) <= "/1.7"  # SHA-256: no PDF 2.0


def test_signing_appends_and_never_rewrites_what_was_signed(signed: dict[str, Path]) -> None:
    """Incremental updates only: the B-T file is the start of the B-LTA file, byte for byte."""
    before, after = signed["bt"].read_bytes(), signed["lta"].read_bytes()
    assert after.startswith(before) and len(after) > len(before)


def test_both_signers_get_a_visible_tagged_field_in_an_embedded_font(
    signed: dict[str, Path],
) -> None:
    with pikepdf.open(signed["lta"]) as pdf:
        last = pdf.pages[-1]
        widgets = {str(a.T): a for a in last.obj.Annots if a.get("/FT") == Name.Sig}
        assert set(widgets) == {"burgemeester", "secretaris"}
        for name, widget in widgets.items():
            x0, y0, x1, y1 = (float(v) for v in widget.Rect)
            assert x1 - x0 > 100 and y1 - y0 > 30, name
            assert int(widget.F) & 4 and str(widget.TU).startswith("Handtekening van de ")
            fonts = _fonts(widget.AP.N)
            assert fonts and all("/FontFile2" in f.DescendantFonts[0].FontDescriptor for f in fonts)
            widths = [w for f in fonts for w in _widths(f.DescendantFonts[0].W)]
            assert widths and max(widths) < 1000  # in 1/1000 em, not Carlito's 2048 units
        forms = [e for e in _elements(pdf.Root.StructTreeRoot) if e.get("/S") == Name.Form]
        assert {str(f.K.Obj.T) for f in forms} >= {"burgemeester", "secretaris"}


def _fonts(xobject: pikepdf.Object) -> list[pikepdf.Object]:
    found: list[pikepdf.Object] = []
    resources = xobject.get("/Resources", pikepdf.Dictionary())
    for font in resources.get("/Font", {}).values():
        found.append(font)
    for inner in resources.get("/XObject", {}).values():
        found += _fonts(inner)
    return found


def _widths(array: pikepdf.Object) -> list[float]:
    return [float(w) for item in array if isinstance(item, pikepdf.Array) for w in item]


def _elements(node: pikepdf.Object) -> Iterator[pikepdf.Object]:
    kids = node.get("/K")
    items = list(kids) if isinstance(kids, pikepdf.Array) else [kids] if kids is not None else []
    for kid in items:
        if isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") != Name.OBJR and "/S" in kid:
            yield kid
            yield from _elements(kid)


def test_verify_reports_signer_time_and_level_and_passes_the_archived_list(
    pki: Pki, signed: dict[str, Path]
) -> None:
    checks = besluitpak.check_signatures(signed["lta"], environ=_env(pki))
    assert [(c.field, c.kind, c.signer, c.level, c.ok) for c in checks] == [
        ("burgemeester", "signature", "A. van Proefdorp", "PAdES B-LTA", True),
        ("secretaris", "signature", "B. de Vries", "PAdES B-LTA", True),
        (
            "archieftijdstempel",
            "document timestamp",
            "Proef Time Stamping Authority",
            "RFC 3161",
            True,
        ),
    ]
    now = dt.datetime.now(dt.UTC)
    assert all(c.time is not None and abs(c.time - now) < dt.timedelta(minutes=10) for c in checks)
    (only,) = besluitpak.check_signatures(signed["bt"], environ=_env(pki))
    assert (only.level, only.ok) == ("PAdES B-T", True)


def test_validated_by_pyhanko_against_the_test_pki(pki: Pki, signed: dict[str, Path]) -> None:
    """pyHanko's own validator, independent of our report: intact, trusted (revocation data
    from the file only, hard-fail), timestamped; after the document timestamp nothing but
    validation data."""
    from pyhanko.pdf_utils.reader import PdfFileReader
    from pyhanko.sign.validation import validate_pdf_signature, validate_pdf_timestamp
    from pyhanko.sign.validation.dss import DocumentSecurityStore

    from besluitpak.signing.keys import certificates

    with signed["lta"].open("rb") as stream:
        reader = PdfFileReader(stream)
        dss = DocumentSecurityStore.read_dss(reader)
        context = dss.as_validation_context(
            {
                "trust_roots": certificates(pki.root),
                "allow_fetching": False,
                "revocation_mode": "hard-fail",
            }
        )
        first, second, stamp = reader.embedded_signatures
        for sig in (first, second):
            status = validate_pdf_signature(sig, context)
            assert status.intact and status.valid and status.trusted, status.summary()
            assert status.timestamp_validity is not None and status.timestamp_validity.trusted
        ts_status = validate_pdf_timestamp(stamp, validation_context=context)
        assert ts_status.intact and ts_status.trusted
        # after the document timestamp only its own validation data (for the next renewal)
        assert ts_status.modification_level is not None
        assert ts_status.modification_level.name in ("NONE", "LTA_UPDATES")


def test_one_changed_byte_fails_verify(
    pki: Pki, signed: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = bytearray(signed["lta"].read_bytes())
    at = data.index(b"stream", len(data) // 4) + 20  # inside a stream the first signature covers
    data[at] ^= 0x01
    changed = tmp_path / "lijst.pdf"
    changed.write_bytes(bytes(data))
    checks = besluitpak.check_signatures(changed, environ=_env(pki))
    failed = [c for c in checks if not c.ok]
    assert failed and any("integrity" in p for c in failed for p in c.problems)
    monkeypatch.setenv("BESLUITPAK_TRUST_ANCHORS", str(pki.root))
    result = cli("verify", changed)
    assert result.exit_code == 1 and "FAIL burgemeester" in result.stdout


def test_a_change_after_signing_fails_verify_and_finish_refuses_a_signed_file(
    pki: Pki, signed: dict[str, Path], tmp_path: Path
) -> None:
    """A stamp added after the signature, the way a careless tool would (an incremental
    update that draws on the page), breaks it; besluitpak's own finish refuses to write
    into a signed PDF, or over one."""
    from pyhanko.pdf_utils.generic import StreamObject
    from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter

    later = tmp_path / "gestempeld.pdf"
    with signed["bt"].open("rb") as stream:
        writer = IncrementalPdfFileWriter(stream)
        stamp = writer.add_object(StreamObject(stream_data=b"0 0 m 100 100 l S"))
        writer.add_stream_to_page(0, stamp)  # type: ignore[no-untyped-call]
        with later.open("wb") as out:
            writer.write(out)  # type: ignore[no-untyped-call]
    (check,) = besluitpak.check_signatures(later, environ=_env(pki))
    assert not check.ok and any("changed after it was signed" in p for p in check.problems)

    described = Described(title="t", subject="s", author="a", keywords=(), day=dt.date(2020, 6, 2))
    with pikepdf.open(signed["bt"]) as pdf, pytest.raises(OutputError, match="signed"):
        finish(pdf, tmp_path / "opnieuw.pdf", described=described)
    target = tmp_path / "lijst.pdf"
    shutil.copy(signed["bt"], target)
    with (
        pikepdf.open(io.BytesIO(_table_bytes())) as fresh,
        pytest.raises(OutputError, match="does not write over a signed PDF"),
    ):
        finish(fresh, target, described=described)
    assert target.read_bytes() == signed["bt"].read_bytes()


def _table_bytes() -> bytes:
    buffer = io.BytesIO()
    _table().save(buffer)
    return buffer.getvalue()


def test_an_expired_signer_certificate_with_a_valid_timestamp_passes(
    pki: Pki, unsigned: Path, tmp_path: Path
) -> None:
    """PAdES judges a signature at the time its timestamp proves: two months on, the
    signer's 30-day certificate has expired, and the signature still holds."""
    path = tmp_path / "lijst.pdf"
    shutil.copy(unsigned, path)
    env = _env(pki, burgemeester="verlopen")
    besluitpak.sign_pdf(path, als="burgemeester", environ=env)
    later = dt.datetime.now(dt.UTC) + dt.timedelta(days=60)
    (check,) = besluitpak.check_signatures(path, environ=env, moment=later)
    assert check.ok, check.problems
    assert check.signer == "C. Verlopen"


def test_seal_with_a_key_on_a_softhsm2_token(pki: Pki, unsigned: Path, tmp_path: Path) -> None:
    """The organisation's seal from a PKCS#11 token (SoftHSM2): invisible, timestamped, valid;
    the token's PIN and module come from the environment only."""
    env = _env(pki) | softhsm.make_token(tmp_path / "hsm", pki.key("organisatie"))
    env |= {
        "BESLUITPAK_SIGN_ORGANISATIE_PKCS11_MODULE": str(softhsm.MODULE),
        "BESLUITPAK_SIGN_ORGANISATIE_PKCS11_TOKEN": softhsm.TOKEN,
        "BESLUITPAK_SIGN_ORGANISATIE_PKCS11_KEY": softhsm.KEY,
        "BESLUITPAK_SIGN_ORGANISATIE_PKCS11_PIN": softhsm.PIN,
        "BESLUITPAK_SIGN_ORGANISATIE_PKCS11_CERT": str(pki.chain("organisatie")),
    }
    path = tmp_path / "bundel.pdf"
    shutil.copy(unsigned, path)
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("SOFTHSM2_CONF", env["SOFTHSM2_CONF"])
        made = besluitpak.sign_pdf(path, als="organisatie", environ=env)
    assert (made.key.kind, made.signer, made.level) == ("pkcs11", "Gemeente Proefdorp", "PAdES B-T")
    (check,) = besluitpak.check_signatures(path, environ=env)
    assert check.ok and check.field == "organisatie"
    with pikepdf.open(path) as pdf:
        seal = next(a for a in pdf.pages[0].obj.Annots if a.get("/FT") == Name.Sig)
        assert [float(v) for v in seal.Rect] == [0, 0, 0, 0]
    assert outloud_rules(path)["error"] == []


def test_sign_and_verify_on_the_command_line(
    pki: Pki, unsigned: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "bundel.pdf"
    shutil.copy(unsigned, path)
    result = cli("sign", path, "--als", "organisatie")
    assert result.exit_code == 1
    assert (
        "BESLUITPAK_SIGN_ORGANISATIE_PKCS12" in result.stderr and "Traceback" not in result.output
    )
    assert path.read_bytes() == unsigned.read_bytes()  # nothing written by a failed run
    for name, value in _env(pki, organisatie="organisatie").items():
        monkeypatch.setenv(name, value)
    result = cli("sign", path, "--als", "organisatie", "--lta")
    assert result.exit_code == 0, result.output
    assert (
        "Gemeente Proefdorp, PAdES B-LTA" in result.stdout and "PDF/A-2a, PDF/UA-1" in result.stdout
    )
    result = cli("verify", path)
    assert result.exit_code == 0, result.output
    assert "ok   organisatie: signature by Gemeente Proefdorp" in result.stdout
    result = cli("sign", path, "--als", "organisatie")
    assert result.exit_code == 1 and "already signed" in result.stderr


def test_no_timestamp_server_is_a_clear_error(pki: Pki, unsigned: Path, tmp_path: Path) -> None:
    path = tmp_path / "lijst.pdf"
    shutil.copy(unsigned, path)
    env = _env(pki, burgemeester="burgemeester")
    del env["BESLUITPAK_TSA_URL"]
    with pytest.raises(SigningError, match="BESLUITPAK_TSA_URL"):
        besluitpak.sign_pdf(path, als="burgemeester", environ=env)
    assert path.read_bytes() == unsigned.read_bytes()
