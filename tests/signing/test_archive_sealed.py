"""An archived version sealed by the organisation (issue 31): with the organisation's key
configured, each bundle is sealed (invisible, PAdES B-LTA) before its checksums are taken, the
manifest records who signed what, and verify checks every signature of every archived PDF: a
signed PDF changed by one byte fails, naming the file, even when a forger makes the manifest
agree again. Without a key nothing is sealed. No LibreOffice: the bundles are the finished
inventarislijst (tagged, PDF/A-2a, PDF/UA-1), standing in for what a build makes."""

from __future__ import annotations

import datetime as dt
import json
import shutil
from collections.abc import Iterator, Sequence
from pathlib import Path

import pikepdf
import pytest

import besluitpak
from besluitpak.archival import store
from besluitpak.casefile.case import Case, load_case
from besluitpak.publication.editions import EDITIONS, EditionPlan, plan_edition
from tests.archival.test_verify_integrity import reseal
from tests.helpers import MINIMAL, cli, sha256
from tests.pdf.test_table_pdf import _finish, _table
from tests.signing.conftest import env_for
from tests.signing.pki import Pki

TODAY = dt.date(2020, 6, 20)
INTERN = "collegebesluit-2020-000123-intern.pdf"
OPENBAAR = "collegebesluit-2020-000123-openbaar.pdf"


@pytest.fixture(scope="module")
def unsigned(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("unsigned") / "lijst.pdf"
    _finish(_table(), out)
    return out


def _archive(case: Case, archief: Path, bundle: Path) -> Path:
    """``case`` archived with ``bundle`` standing in for both editions."""

    def build(out: Path) -> tuple[Sequence[Path], Sequence[EditionPlan]]:
        out.mkdir(parents=True)
        files = [out / INTERN, out / OPENBAAR]
        for file in files:
            shutil.copyfile(bundle, file)
        return files, [plan_edition(case, name, today=TODAY) for name in EDITIONS]

    tools = {"converter": "test"}
    return store.archive(case, archief=archief, today=TODAY, build=build, tools=tools).version


@pytest.fixture(scope="module")
def case(tmp_path_factory: pytest.TempPathFactory) -> Case:
    folder = tmp_path_factory.mktemp("case") / "case"
    shutil.copytree(MINIMAL, folder)
    return load_case(folder / "besluitpak.yaml")


@pytest.fixture(scope="module")
def sealed(
    pki: Pki, case: Case, unsigned: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[Path]:
    """The case archived once on a station with the organisation's key: its v001."""
    with pytest.MonkeyPatch.context() as patch:
        for name, value in env_for(pki, organisatie="organisatie").items():
            patch.setenv(name, value)
        yield _archive(case, tmp_path_factory.mktemp("archief"), unsigned)


def _writable(version: Path, tmp_path: Path) -> Path:
    target = tmp_path / "archief" / "2020-000123" / "v001"
    shutil.copytree(version, target)
    for path in [target, *target.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return target


def test_the_manifest_records_who_sealed_each_bundle(sealed: Path, unsigned: Path) -> None:
    manifest = json.loads((sealed / "manifest.json").read_text())
    recorded = {entry["file"]: entry for entry in manifest["signed"]}
    assert set(recorded) == {INTERN, OPENBAAR}
    listed = {entry["path"]: entry["sha256"] for entry in manifest["files"]}
    for name, entry in recorded.items():
        assert entry["unsealed_sha256"] == sha256(unsigned)  # as built, for a rebuild
        assert listed[name] == sha256(sealed / name) != sha256(unsigned)  # sealed, then summed
        seal, stamp = entry["signatures"]
        assert seal["role"] == "organisatie" and seal["signer"] == "Gemeente Proefdorp"
        assert seal["level"] == "PAdES B-LTA" and seal["kind"] == "signature"
        assert dt.datetime.fromisoformat(seal["time"]).tzinfo is not None
        assert stamp["role"] == "archieftijdstempel" and stamp["level"] == "RFC 3161"


def test_verify_checks_every_signature_of_the_archived_version(
    pki: Pki, sealed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BESLUITPAK_TRUST_ANCHORS", str(pki.root))
    result = cli("verify", sealed)
    assert result.exit_code == 0, result.output
    manifest = json.loads((sealed / "manifest.json").read_text())
    for entry in manifest["signed"]:  # signer, time and level per signature, as recorded
        for one in entry["signatures"]:
            when = dt.datetime.fromisoformat(one["time"]).strftime("%Y-%m-%d %H:%M:%S %Z")
            line = f"{entry['file']}: {one['role']}: {one['kind']} by {one['signer']}, {when}, "
            assert f"{line}{one['level']}: OK" in result.stdout, result.stdout
    for name in (INTERN, OPENBAAR):
        assert f"{name}: organisatie: signature by Gemeente Proefdorp" in result.stdout
        assert f"{name}: archieftijdstempel: document timestamp" in result.stdout
    assert "PAdES B-LTA: OK" in result.stdout and " UTC, RFC 3161: OK" in result.stdout


def test_one_changed_byte_of_a_sealed_pdf_fails_naming_the_file_even_when_resealed(
    pki: Pki, sealed: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("BESLUITPAK_TRUST_ANCHORS", str(pki.root))
    version = _writable(sealed, tmp_path)
    data = bytearray((version / INTERN).read_bytes())
    data[data.index(b"stream", len(data) // 4) + 20] ^= 0x01  # covered by the seal
    (version / INTERN).write_bytes(bytes(data))
    result = cli("verify", version)
    assert result.exit_code == 1
    assert f"{version / INTERN}: checksum" in result.stdout or "changed" in result.stdout
    reseal(version)  # the manifest, MDTO and seal made to agree: only the signature can tell
    checked = besluitpak.verify(version)
    failed = [p for p in checked.problems if "organisatie" in p]
    assert failed and all(str(version / INTERN) in p for p in failed), checked.problems
    assert "integrity" in failed[0] and not any(OPENBAAR in p for p in checked.problems)
    result = cli("verify", version)
    assert result.exit_code == 1 and f"{version / INTERN}: organisatie" in result.stdout


def _invisible(pdf: pikepdf.Pdf, name: str) -> bool:
    field = next(f for f in pdf.Root.AcroForm.Fields if str(f.get("/T")) == name)
    widgets = list(field.get("/Kids", [])) or [field]
    return all(float(x) == 0 for w in widgets for x in w.Rect)


def test_a_bundle_sealed_before_archiving_keeps_its_seal_and_is_not_sealed_twice(
    pki: Pki, case: Case, unsigned: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in env_for(pki, organisatie="organisatie").items():
        monkeypatch.setenv(name, value)
    bundle = tmp_path / "bundel.pdf"
    shutil.copyfile(unsigned, bundle)
    result = cli("sign", bundle, "--als", "organisatie")  # a built bundle, before archiving
    assert result.exit_code == 0, result.output
    with pikepdf.open(bundle) as pdf:
        assert _invisible(pdf, "organisatie")
    version = _archive(case, tmp_path / "archief", bundle)
    for name in (INTERN, OPENBAAR):
        assert sha256(version / name) == sha256(bundle)  # kept byte for byte
    manifest = json.loads((version / "manifest.json").read_text())
    for entry in manifest["signed"]:
        assert entry["sealed_before_archiving"] is True and "unsealed_sha256" not in entry
        assert [(s["role"], s["signer"], s["level"]) for s in entry["signatures"]] == [
            ("organisatie", "Gemeente Proefdorp", "PAdES B-T")
        ]
    result = cli("verify", version)
    assert result.exit_code == 0, result.output
    assert f"{INTERN}: organisatie: signature by Gemeente Proefdorp" in result.stdout


def test_without_trust_anchors_the_signatures_are_a_warning_not_a_failure(
    sealed: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("BESLUITPAK_TRUST_ANCHORS", raising=False)
    result = besluitpak.verify(sealed)
    assert result.ok, result.problems
    assert any("signatures not checked" in w and INTERN in w for w in result.warnings)


def test_without_a_seal_key_nothing_is_sealed_or_recorded(
    pki: Pki, case: Case, unsigned: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for name, value in env_for(pki).items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("BESLUITPAK_SIGN_ORGANISATIE_PKCS12", raising=False)
    monkeypatch.delenv("BESLUITPAK_SIGN_ORGANISATIE_PKCS11_MODULE", raising=False)
    version = _archive(case, tmp_path / "archief", unsigned)
    manifest = json.loads((version / "manifest.json").read_text())
    assert "signed" not in manifest
    assert sha256(version / INTERN) == sha256(unsigned)
    assert besluitpak.verify(version).ok
