"""verify: integrity (checksums, sizes, the manifest chain up to the newest manifest's seal,
MDTO) fails with exit 1, one line each; conformance (inspect's PDF/A and PDF/UA checks of the
archived PDFs) is shown apart and fails only with --strict."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest

from besluitpak.archival.verify import Verification
from tests.helpers import MINIMAL, cli, sha256

pytestmark = pytest.mark.libreoffice

INTERN = "collegebesluit-2020-000123-intern.pdf"


@pytest.fixture(scope="module")
def archived_once(tmp_path_factory: pytest.TempPathFactory, cache_dir: Path) -> Path:
    """The minimal case archived once for this module: its v001 folder (read-only)."""
    case = tmp_path_factory.mktemp("case") / "case"
    shutil.copytree(MINIMAL, case)
    archief = tmp_path_factory.mktemp("archief")
    result = cli("archive", case, "--archief", archief, "--today", "2020-06-20")
    assert result.exit_code == 0, result.output
    return Path(result.stdout.strip())


@pytest.fixture
def version(archived_once: Path, tmp_path: Path) -> Path:
    """A writable copy of the archived version, in a kenmerk folder of its own."""
    target = tmp_path / "archief" / "2020-000123" / "v001"
    shutil.copytree(archived_once, target)
    for path in [target, *target.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return target


def manifest_of(version: Path) -> dict[str, object]:
    loaded: dict[str, object] = json.loads((version / "manifest.json").read_text())
    return loaded


def write_manifest(version: Path, manifest: dict[str, object]) -> None:
    (version / "manifest.json").write_text(json.dumps(manifest, indent=2) + "\n")


def reseal(version: Path) -> None:
    """Make the manifest, the MDTO record and the seal agree with a changed intern PDF again,
    as a forger would: integrity then holds, and only conformance can tell."""
    pdf = version / INTERN
    record = version / "mdto" / f"{INTERN}.xml"
    manifest = json.loads((version / "manifest.json").read_text())
    old = next(f for f in manifest["files"] if f["path"] == INTERN)
    text = record.read_text()
    text = text.replace(old["sha256"], sha256(pdf))
    text = text.replace(f"<omvang>{old['size']}</omvang>", f"<omvang>{pdf.stat().st_size}</omvang>")
    record.write_text(text)
    for entry in manifest["files"]:
        file = version / entry["path"]
        entry["sha256"], entry["size"] = sha256(file), file.stat().st_size
    write_manifest(version, manifest)
    seal = sha256(version / "manifest.json")
    (version / "manifest.json.sha256").write_text(f"{seal}  manifest.json\n")


def test_the_archive_writes_a_seal_that_sha256sum_accepts(archived_once: Path) -> None:
    seal = (archived_once / "manifest.json.sha256").read_text()
    assert seal == f"{sha256(archived_once / 'manifest.json')}  manifest.json\n"
    done = subprocess.run(
        ["sha256sum", "-c", "manifest.json.sha256"],
        cwd=archived_once,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and done.stdout.strip() == "manifest.json: OK"


def test_an_intact_archive_passes_and_prints_the_newest_seal(version: Path) -> None:
    result = cli("verify", version.parent.parent)
    assert result.exit_code == 0, result.output
    seal = sha256(version / "manifest.json")
    assert f"seal {version}: {seal}" in result.stdout
    assert "integrity:" in result.stdout and "conformance (" in result.stdout
    assert result.stdout.strip().endswith("verified: no problems")


def test_a_changed_size_in_the_newest_manifest_fails_naming_the_field(version: Path) -> None:
    manifest = manifest_of(version)
    files = manifest["files"]
    assert isinstance(files, list)
    index = next(i for i, f in enumerate(files) if f["path"] == INTERN)
    files[index]["size"] += 1
    write_manifest(version, manifest)
    result = cli("verify", version)
    assert result.exit_code == 1
    assert f"files[{index}].size: expected {files[index]['size'] - 1}" in result.stdout
    assert "does not match its seal manifest.json.sha256" in result.stdout
    assert "Traceback" not in result.output


def test_a_changed_user_in_the_newest_manifest_fails_on_the_seal(version: Path) -> None:
    manifest = manifest_of(version)
    manifest["user"] = "someone-else@elsewhere"
    write_manifest(version, manifest)
    result = cli("verify", version)
    assert result.exit_code == 1
    fails = [line for line in result.stdout.splitlines() if line.startswith("FAIL")]
    assert fails == [
        f"FAIL {version / 'manifest.json'}: does not match its seal manifest.json.sha256 "
        "(the manifest was changed)"
    ]


def test_a_version_without_a_seal_is_a_warning_not_a_failure(version: Path) -> None:
    (version / "manifest.json.sha256").unlink()
    result = cli("verify", version)
    assert result.exit_code == 0, result.output
    assert f"WARN {version / 'manifest.json.sha256'}: no seal" in result.stdout
    assert "seal " + str(version) not in result.stdout


def test_damaged_bytes_of_an_archived_pdf_fail_naming_the_file(version: Path) -> None:
    pdf = version / INTERN
    data = bytearray(pdf.read_bytes())
    data[len(data) // 3] ^= 0x20
    pdf.write_bytes(bytes(data))
    result = cli("verify", version)
    assert result.exit_code == 1
    assert f"FAIL {pdf}: checksum does not match the manifest (the file was changed)" in (
        result.stdout
    )


def test_a_wrong_version_name_and_mdto_checksum_are_integrity_failures(version: Path) -> None:
    manifest = manifest_of(version)
    manifest["version"] = "v007"
    write_manifest(version, manifest)
    record = version / "mdto" / f"{INTERN}.xml"
    text = record.read_text()
    record.write_text(text.replace(sha256(version / INTERN), "0" * 64))
    result = cli("verify", version)
    assert result.exit_code == 1
    assert "version: expected v001 (the folder's name), got v007" in result.stdout
    assert f"FAIL {record}: checksumWaarde: expected {sha256(version / INTERN)}" in result.stdout


def test_an_intact_archive_with_an_accessibility_finding_passes_unless_strict(
    version: Path,
) -> None:
    pdf = version / INTERN
    with pikepdf.open(pdf, allow_overwriting_input=True) as opened:
        del opened.Root.Lang
        opened.save(pdf)
    reseal(version)
    result = cli("verify", version)
    assert result.exit_code == 0, result.output
    assert f"FIND {pdf}: document language" in result.stdout
    assert not [line for line in result.stdout.splitlines() if line.startswith("FAIL")]
    assert "verified: intact, with 1 conformance finding(s)" in result.stdout
    strict = cli("verify", version, "--strict")
    assert strict.exit_code == 1
    assert "1 conformance finding(s), --strict" in strict.stderr


def test_the_api_keeps_integrity_problems_and_conformance_findings_apart() -> None:
    result = Verification(findings=["a.pdf: document language: /Lang none"])
    assert result.ok and not result.conforms and not result.problems
