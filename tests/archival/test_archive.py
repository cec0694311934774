"""The archive: immutable versions with manifest, MDTO (validated against the official XSD),
verify (with rebuild), history and diff — and nothing half-written when a run is killed."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from lxml import etree

from tests.helpers import BESLUITPAK, cli, edit, xml_schema

pytestmark = pytest.mark.libreoffice


def archive(case: Path, archief: Path, *extra: str) -> Path:
    result = cli("archive", case, "--archief", archief, "--today", "2020-06-20", *extra)
    assert result.exit_code == 0, result.output
    return Path(result.stdout.strip())


@pytest.fixture
def archived(minimal: Path, tmp_path: Path) -> tuple[Path, Path, Path]:
    """The minimal case archived once: (case, archief, version folder)."""
    archief = tmp_path / "archief"
    return minimal, archief, archive(minimal, archief)


def test_a_version_holds_editions_manifest_mdto_and_snapshot(
    archived: tuple[Path, Path, Path],
) -> None:
    _, archief, version = archived
    assert version == archief / "2020-000123" / "v001"
    names = sorted(p.relative_to(version).as_posix() for p in version.rglob("*") if p.is_file())
    assert "collegebesluit-2020-000123-intern.pdf" in names
    assert "collegebesluit-2020-000123-openbaar.pdf" in names
    assert "invoer/besluitpak.yaml" in names and "invoer/bijlagen/kaart.pdf" in names
    assert "invoer/templates/notitie.docx" in names and "mdto/informatieobject.xml" in names
    manifest = json.loads((version / "manifest.json").read_text())
    assert manifest["version"] == "v001" and manifest["previous"] is None
    assert {i["role"] for i in manifest["inputs"]} == {"case", "template", "data", "bestand"}
    assert manifest["tools"]["libreoffice"].startswith("LibreOffice")
    assert manifest["tools"]["libraries"]["pikepdf"]
    assert manifest["options"]["today"] == "2020-06-20"
    listed = {f["path"] for f in manifest["files"]}
    assert listed == set(names) - {"manifest.json", "manifest.json.sha256"}
    assert (
        not os.access(version / "collegebesluit-2020-000123-intern.pdf", os.W_OK)
        or os.geteuid() == 0
    )  # read-only (root may write anyway)
    assert oct((version / "manifest.json").stat().st_mode)[-3:] == "444"


def test_mdto_records_validate_against_the_official_xsd(archived: tuple[Path, Path, Path]) -> None:
    _, _, version = archived
    schema = xml_schema("MDTO-XML1.0.1.xsd")
    records = sorted((version / "mdto").glob("*.xml"))
    assert len(records) == 3  # the package and each edition
    for record in records:
        document = etree.parse(str(record))
        assert schema.validate(document), (record.name, schema.error_log)
    ns = {"m": "https://www.nationaalarchief.nl/mdto"}
    bestand = etree.parse(str(version / "mdto" / "collegebesluit-2020-000123-intern.pdf.xml"))
    assert bestand.findtext(".//m:bestandsformaat/m:begripCode", namespaces=ns) in (
        "fmt/476",
        "fmt/478",
    )  # PDF/A-2a, or 2u with an untagged ready-made PDF
    import hashlib

    pdf = version / "collegebesluit-2020-000123-intern.pdf"
    assert (
        bestand.findtext(".//m:checksumWaarde", namespaces=ns)
        == hashlib.sha256(pdf.read_bytes()).hexdigest()
    )
    assert bestand.findtext(".//m:omvang", namespaces=ns) == str(pdf.stat().st_size)


def test_archiving_twice_without_changes_keeps_one_version(
    archived: tuple[Path, Path, Path],
) -> None:
    case, archief, version = archived
    result = cli("archive", case, "--archief", archief, "--today", "2020-06-20")
    assert result.exit_code == 0
    assert "no new version: the inputs are those of v001" in result.stderr
    assert sorted(p.name for p in version.parent.iterdir() if not p.name.startswith(".")) == [
        "v001"
    ]


def test_a_changed_value_gives_v002_and_diff_shows_exactly_that(
    archived: tuple[Path, Path, Path],
) -> None:
    case, archief, _ = archived
    edit(case / "bijlagen" / "notitie.yaml", "waarde: € 15.000", "waarde: € 19.500")
    second = archive(case, archief)
    assert second.name == "v002"
    manifest = json.loads((second / "manifest.json").read_text())
    assert manifest["previous"]["version"] == "v001"
    history = cli("history", "2020/000123", "--archief", archief)
    assert history.exit_code == 0
    lines = history.stdout.splitlines()
    assert lines[0].startswith("v001") and lines[0].endswith("first version")
    assert lines[1].startswith("v002") and lines[1].endswith("changed bijlagen/notitie.yaml")
    diff = cli("diff", "2020/000123", "v001", "v002", "--archief", archief)
    assert diff.exit_code == 0, diff.output
    changes = [line.strip() for line in diff.stdout.splitlines() if line.startswith("    ")]
    assert any(line.startswith("-") and "€ 15.000" in line for line in changes)
    assert any(line.startswith("+") and "€ 19.500" in line for line in changes)
    assert len(changes) == 2
    assert "changed: notitie (Notitie over de proef): 1 -> 1 pages" in diff.stdout
    assert "unchanged: 3 document(s)" in diff.stdout


def test_verify_passes_and_rebuild_reproduces_the_bytes(archived: tuple[Path, Path, Path]) -> None:
    _, archief, version = archived
    result = cli("verify", archief, "--rebuild")
    assert result.exit_code == 0, result.output
    assert "collegebesluit-2020-000123-intern.pdf: rebuilt, same SHA-256" in result.stdout
    assert result.stdout.strip().endswith("verified: no problems")
    single = cli("verify", version / "collegebesluit-2020-000123-openbaar.pdf")
    assert single.exit_code == 0, single.output


def test_one_flipped_byte_is_found(archived: tuple[Path, Path, Path]) -> None:
    _, archief, version = archived
    pdf = version / "collegebesluit-2020-000123-intern.pdf"
    pdf.chmod(0o644)
    data = bytearray(pdf.read_bytes())
    data[len(data) // 2] ^= 0x01
    pdf.write_bytes(bytes(data))
    result = cli("verify", archief)
    assert result.exit_code == 1
    assert (
        f"FAIL {pdf}: checksum does not match the manifest (the file was changed)" in result.stdout
    )


def test_a_deleted_file_is_found(archived: tuple[Path, Path, Path]) -> None:
    _, _, version = archived
    record = version / "mdto" / "informatieobject.xml"
    version.joinpath("mdto").chmod(0o755)
    record.unlink()
    result = cli("verify", version)
    assert result.exit_code == 1
    assert f"FAIL {record}: missing (listed in the manifest)" in result.stdout


def test_a_killed_archive_run_leaves_no_half_version(minimal: Path, tmp_path: Path) -> None:
    archief = tmp_path / "archief"
    archive(minimal, archief)
    edit(minimal / "bijlagen" / "notitie.yaml", "waarde: € 15.000", "waarde: € 21.000")
    process = subprocess.Popen(
        [BESLUITPAK, "archive", str(minimal), "--archief", str(archief), "--today", "2020-06-20"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    folder = archief / "2020-000123"
    deadline = time.monotonic() + 60
    while not list(folder.glob(".tmp-*")) and time.monotonic() < deadline:
        time.sleep(0.02)
    time.sleep(0.3)  # mid-write: building into the hidden folder
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    assert sorted(p.name for p in folder.iterdir() if not p.name.startswith(".")) == ["v001"]
    assert cli("verify", archief).exit_code == 0
    second = archive(minimal, archief)  # the next run cleans up and takes v002
    assert second.name == "v002"
    assert not list(folder.glob(".tmp-*"))


def test_two_runs_at_once_never_take_the_same_number(minimal: Path, tmp_path: Path) -> None:
    archief = tmp_path / "archief"
    copies = []
    for index, value in enumerate(("€ 31.000", "€ 32.000")):
        copy = tmp_path / f"copy-{index}"
        shutil.copytree(minimal, copy)
        edit(copy / "bijlagen" / "notitie.yaml", "waarde: € 15.000", f"waarde: {value}")
        copies.append(copy)
    runs = [
        subprocess.Popen(
            [BESLUITPAK, "archive", str(copy), "--archief", str(archief), "--today", "2020-06-20"],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for copy in copies
    ]
    outputs = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], outputs
    assert sorted(Path(out.strip()).name for out, _ in outputs) == ["v001", "v002"]
    assert cli("verify", archief).exit_code == 0


def test_an_unknown_version_is_a_clear_error(archived: tuple[Path, Path, Path]) -> None:
    _, archief, _ = archived
    result = cli("diff", "2020/000123", "v001", "v009", "--archief", archief)
    assert result.exit_code == 1
    assert "v009: no such version of 2020/000123 (versions: v001)" in result.stderr
