"""The definitive besluitenlijst as a vergadering makes it (LibreOffice, once), signed by the
burgemeester and for the archive by the secretaris on the command line: outloud finds no
error before or after, verify reports both signatures and the document timestamp, and the
list is not made again over the signed file."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

import besluitpak
from besluitpak.errors import OutputError
from tests.helpers import cli, outloud_rules, qpdf_check
from tests.meeting.test_vergadering_file import copy_vergadering
from tests.signing.conftest import env_for
from tests.signing.pki import Pki

pytestmark = pytest.mark.libreoffice
DAY = dt.date(2020, 6, 16)


def test_the_definitive_besluitenlijst_signed_by_both_keeps_its_claims_and_stays_signed(
    pki: Pki, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    vergadering = besluitpak.load_vergadering(copy_vergadering(tmp_path / "vergadering"))
    definitief = besluitpak.LijstStatus.DEFINITIEF
    lijst = besluitpak.write_besluitenlijst(
        vergadering, out=tmp_path / "out", status=definitief, today=DAY
    )
    assert outloud_rules(lijst.pdf)["error"] == []
    for name, value in env_for(pki, burgemeester="burgemeester", secretaris="secretaris").items():
        monkeypatch.setenv(name, value)

    first = cli("sign", lijst.pdf, "--als", "burgemeester")  # makes both fields, then signs
    assert first.exit_code == 0, first.output
    after_first = lijst.pdf.read_bytes()
    second = cli("sign", lijst.pdf, "--als", "secretaris", "--lta")
    assert second.exit_code == 0, second.output
    assert "still claims PDF/A-2a, PDF/UA-1" in second.stdout
    assert lijst.pdf.read_bytes().startswith(after_first)  # an incremental update
    assert outloud_rules(lijst.pdf)["error"] == []
    assert qpdf_check(lijst.pdf).returncode == 0

    verified = cli("verify", lijst.pdf)
    assert verified.exit_code == 0, verified.output
    for line in (
        "ok   burgemeester: signature by A. van Proefdorp",
        "ok   secretaris: signature by B. de Vries",
        "ok   archieftijdstempel: document timestamp by Proef Time Stamping Authority",
    ):
        assert line in verified.stdout
    assert verified.stdout.count("PAdES B-LTA: OK") == 2

    signed = lijst.pdf.read_bytes()
    with pytest.raises(OutputError, match="does not write over a signed PDF"):
        besluitpak.write_besluitenlijst(
            vergadering, out=tmp_path / "out", status=definitief, today=DAY
        )
    assert lijst.pdf.read_bytes() == signed


def test_the_meeting_archive_takes_the_signed_list_as_signed_and_refuses_an_outdated_one(
    pki: Pki, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What archive_vergadering archives (and so what the archive and the Woo publication
    carry): the signed definitive list byte for byte, with the .docx and DiWoo record made
    now; a list signed before an outcome changed is refused, and stays as it was."""
    from besluitpak.errors import ArchiveError
    from besluitpak.meeting import signed_list
    from besluitpak.settings import BuildSettings

    path = copy_vergadering(tmp_path / "vergadering")
    out = tmp_path / "out"
    lijst = besluitpak.write_besluitenlijst(
        besluitpak.load_vergadering(path),
        out=out,
        status=besluitpak.LijstStatus.DEFINITIEF,
        today=DAY,
    )
    for name, value in env_for(pki, burgemeester="burgemeester").items():
        monkeypatch.setenv(name, value)
    besluitpak.sign_pdf(lijst.pdf, als="burgemeester")
    signed = lijst.pdf.read_bytes()
    lijst.diwoo.unlink()  # made again on the way

    taken = signed_list.definitive(
        besluitpak.load_vergadering(path), out=out, settings=BuildSettings(today=DAY)
    )
    assert taken == [lijst.pdf, lijst.docx, lijst.diwoo]
    assert lijst.pdf.read_bytes() == signed and lijst.diwoo.is_file()

    path.write_text(path.read_text().replace("GEWIJZIGDPUNT", "ANDERPUNT"), encoding="utf-8")
    with pytest.raises(ArchiveError, match="signed \\(burgemeester\\), but it no longer says") as e:
        signed_list.definitive(
            besluitpak.load_vergadering(path), out=out, settings=BuildSettings(today=DAY)
        )
    assert e.value.code == "signed-list-outdated"
    assert lijst.pdf.read_bytes() == signed
