"""The archive keeps the route record with each version (and its actions as MDTO events,
valid against the shipped MDTO XSD); verify checks that the record only grew across versions
and catches an action rewritten in place, naming the version and the line. One real archive
run (LibreOffice) for the module; the later versions come from the cache."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from lxml import etree

from besluitpak import chained
from besluitpak.editing import route
from besluitpak.route import record
from tests.helpers import cli, xml_schema

pytestmark = pytest.mark.libreoffice

MONDAY = dt.datetime(2026, 3, 2, 9, 0, tzinfo=dt.UTC)
NS = {"m": "https://www.nationaalarchief.nl/mdto"}


def archive(case: Path, archief: Path) -> Path:
    result = cli("archive", case, "--archief", archief, "--today", "2026-03-20")
    assert result.exit_code == 0, result.output
    return Path(result.stdout.strip())


def rewrite(path: Path, number: int, old: str, new: str) -> None:
    """Change line ``number`` as a forger would: the chain after it made to fit again."""
    actions = record.read(path)
    lines = [record.line_of(a) for a in actions]
    lines[number - 1] = lines[number - 1].replace(old.encode(), new.encode())
    for index in range(number, len(lines)):
        data = json.loads(lines[index])
        data["vorige"] = chained.line_hash(lines[index - 1])
        lines[index] = record.line_of(record.Action.model_validate(data))
    path.write_bytes(b"".join(lines))


def test_the_archive_keeps_the_trail_and_verify_catches_a_rewritten_action(
    workspace: Path, tmp_path: Path
) -> None:
    case, archief = workspace / "proef", tmp_path / "archief"
    route.indienen(case, door="P. Tester", now=MONDAY)
    route.advies(case, door="J. Jurist", als="juridisch", oordeel="akkoord", now=MONDAY)
    route.paraaf(case, door="T. Manager", als="teammanager Wijken", now=MONDAY + dt.timedelta(8))
    route.paraaf(
        case,
        door="R. Vervanger",
        als="teammanager Ruimte",
        namens="afdelingshoofd",
        opmerking="Bij afwezigheid.",
        now=MONDAY + dt.timedelta(9),
    )
    first = archive(case, archief)
    kept = first / "route.jsonl"
    assert kept.read_bytes() == (case / "besluitpak.route.jsonl").read_bytes()
    manifest = json.loads((first / "manifest.json").read_text(encoding="utf-8"))
    assert "route.jsonl" in {f["path"] for f in manifest["files"]}
    mdto = etree.parse(str(first / "mdto" / "informatieobject.xml"))
    assert xml_schema("MDTO-XML1.0.1.xsd").validate(mdto)
    events = [
        (
            e.findtext("m:eventType/m:begripLabel", namespaces=NS),
            e.findtext("m:eventVerantwoordelijkeActor/m:verwijzingNaam", namespaces=NS),
        )
        for e in mdto.findall(".//m:event", namespaces=NS)
    ]
    assert events[1:] == [
        ("Indiening", "P. Tester (steller)"),
        ("Advies", "J. Jurist (juridisch)"),
        ("Parafering", "T. Manager (teammanager Wijken)"),
        ("Parafering", "R. Vervanger (teammanager Ruimte) namens afdelingshoofd"),
    ]
    assert cli("verify", archief).exit_code == 0

    route.terugsturen(
        case, door="S. Secretaris", reden="Eerst de raad informeren.", secretariaat=True,
        now=MONDAY + dt.timedelta(10),
    )  # fmt: skip
    second = archive(case, archief)
    assert second.name == "v002"  # the record grew: a new version keeps it
    intact = cli("verify", archief)
    assert intact.exit_code == 0, intact.output

    # the archive refuses a record that lost its last line or had a line rewritten
    path = case / "besluitpak.route.jsonl"
    whole = path.read_bytes()
    path.write_bytes(whole[: whole.rstrip(b"\n").rfind(b"\n") + 1])  # the last line deleted
    shortened = cli("archive", case, "--archief", archief, "--today", "2026-03-20")
    assert shortened.exit_code == 1 and "Traceback" not in shortened.output
    assert f"{path}:5: expected line 5 as archived in v002" in shortened.stderr
    assert "got none: the line was removed" in shortened.stderr
    path.write_bytes(whole)
    rewrite(path, 3, "T. Manager", "A. Ander")
    rewritten = cli("archive", case, "--archief", archief, "--today", "2026-03-20")
    assert rewritten.exit_code == 1
    assert f"{path}:3: expected line 3 as archived in v002" in rewritten.stderr
    assert [v.name for v in sorted(archief.glob("*/v*"))] == ["v001", "v002"]  # nothing kept

    # verify catches an action rewritten in the archive itself
    forged = second / "route.jsonl"
    forged.chmod(0o644)
    rewrite(forged, 3, "T. Manager", "A. Ander")
    found = cli("verify", archief)
    assert found.exit_code == 1
    assert (
        f"{forged}:3: differs from line 3 of v001's record: an archived action was rewritten"
    ) in found.output
    assert "Traceback" not in found.output
