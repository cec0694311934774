"""The states of a publication: concept, gepland (published on its day by whoever checks:
``publish-due`` here, the web's worker in tests/web), gepubliceerd and ingetrokken (the files
gone from the folder, a notice at their addresses, the sitemap's DiWoo records marked with
``redenVerwijderingVervanging`` and valid against the official XSD, the inventarislijst
rewritten; the archive keeps every file and ``verify`` passes)."""

from __future__ import annotations

import csv
import dataclasses
import datetime as dt
import io
import json
import shutil
from pathlib import Path

import pytest
from lxml import etree

import besluitpak
from besluitpak.publication import diwoo, states
from tests.helpers import ROOT, cli, page_texts, xml_schema

REDEN = "Uitspraak van de rechtbank: de bijlagen worden opnieuw beoordeeld"
EMBARGO = "2014-03-25"
PREFIX = "collegebesluit-2014-123456-"
RECHTBANK = "https://identifier.overheid.nl/tooi/def/thes/kern/c_c77c86e0"


def _valid(sitemap: bytes) -> int:
    """Every diwoo:Document in ``sitemap`` validated with the shipped XSD; their number."""
    schema = xml_schema("diwoo-metadata.xsd")
    documents = list(etree.fromstring(sitemap).iter(f"{{{diwoo.DIWOO}}}Document"))
    for document in documents:
        assert schema.validate(etree.ElementTree(document)), schema.error_log
    return len(documents)


# --- fast: the log, the DiWoo record, the notice, the refusals --------------------------------


def test_the_state_log_is_appended_and_read_back_with_who_when_and_why(tmp_path: Path) -> None:
    folder = tmp_path / "openbaar"
    assert states.state(folder) is None
    planned = states.Change(
        staat="gepland", tijd=states.now(), door="sanne", kenmerk="2014/1", gepland_op=EMBARGO
    )
    states.record(folder, planned)
    assert states.state(folder) == "gepland"
    assert not states.due(folder, dt.date(2014, 3, 24))
    assert states.due(folder, dt.date(2014, 3, 25))
    assert states.due(folder, dt.date(2014, 4, 1))
    states.record(folder, states.Change(staat="gepubliceerd", tijd="t", door="w", kenmerk="x"))
    assert [c.staat for c in states.history(folder)] == ["gepland", "gepubliceerd"]
    assert states.history(folder)[0] == planned
    assert not states.due(folder, dt.date(2014, 4, 1))
    assert not folder.exists()  # the log lives beside the folder the platform harvests
    lines = states.log_file(folder).read_text(encoding="utf-8").splitlines()
    assert len(lines) == 2 and json.loads(lines[0])["door"] == "sanne"


def test_a_withdrawn_record_names_its_reason_and_is_valid_diwoo(reference: Path) -> None:
    case = besluitpak.load_case(reference / "besluitpak.yaml")
    record = diwoo.Record(
        url="https://example.nl/woo/a.pdf",
        identifier=case.meta.kenmerk,
        titel="Collegebesluit",
        documentsoort=diwoo.DOCUMENTSOORT_BESLUIT,
    )
    plain = diwoo.sitemap(case, [record], lastmod=dt.date(2014, 4, 1))
    assert b"redenVerwijderingVervanging" not in plain  # a plain record is as it was
    for reason in [(REDEN, RECHTBANK), (REDEN, None)]:
        xml = diwoo.sitemap(
            case, [dataclasses.replace(record, ingetrokken=reason)], lastmod=dt.date(2014, 5, 1)
        )
        assert _valid(xml) == 1
        [element] = etree.fromstring(xml).iter(f"{{{diwoo.DIWOO}}}redenVerwijderingVervanging")
        assert element.text == REDEN and element.get("resource") == reason[1]


def test_the_notice_is_dutch_html_with_the_date_the_reason_and_the_documents(
    reference: Path,
) -> None:
    case = besluitpak.load_case(reference / "besluitpak.yaml")
    page = states.notice(
        case,
        ["Bijlage 1: Kaart"],
        reden="Fout <script>alert(1)</script>",
        today=dt.date(2014, 5, 1),
    ).decode()
    parser = etree.HTMLParser(recover=False)
    tree = etree.fromstring(page.encode(), parser)
    assert not parser.error_log, parser.error_log
    assert page.startswith("<!DOCTYPE html>") and tree.get("lang") == "nl"
    assert [h.text for h in tree.iter("h1")] == [
        "Publicatie ingetrokken: collegebesluit 2014/123456"
    ]
    assert tree.find(".//main") is not None and tree.find(".//time").get("datetime") == "2014-05-01"
    assert "1 mei 2014" in page and "Bijlage 1: Kaart" in page
    assert "<script>" not in page and "&lt;script&gt;" in page


def test_nothing_to_withdraw_or_publish_is_a_clear_message(reference: Path, tmp_path: Path) -> None:
    empty = tmp_path / "leeg"
    empty.mkdir()
    withdrawn = cli("withdraw", reference / "besluitpak.yaml", "--out", empty, "--reden", "x")
    assert withdrawn.exit_code == 1
    assert "only a gepubliceerd publication can be withdrawn" in withdrawn.stderr
    assert "Traceback" not in withdrawn.output
    assert cli("publish-due", "--out", empty, "--today", "2014-04-01").exit_code == 0
    assert cli("publication-status", "--out", empty).stdout.startswith("niet gepubliceerd")
    early = cli(
        "publish", reference / "besluitpak.yaml", "--out", empty, "--gepland-op", "2014-03-24"
    )
    assert early.exit_code == 1 and "embargo_tot" in early.stderr  # refused before any work
    forced = cli("publish", reference / "besluitpak.yaml", "--out", empty, "--gepland-op",
                 "2014-03-24", "--force", "--reden", "x")  # fmt: skip
    assert forced.exit_code == 1 and "without --force" in forced.stderr
    assert list(empty.iterdir()) == []


def test_a_planned_publication_is_not_released_before_its_day(tmp_path: Path) -> None:
    folder = tmp_path / "openbaar"
    with pytest.raises(besluitpak.BesluitpakError, match="nothing gepland"):
        besluitpak.release_publication(folder, today=dt.date(2014, 3, 25))
    states.record(folder, states.Change(staat="gepland", tijd=states.now(), door="s",
                                        kenmerk="2014/123456", gepland_op=EMBARGO))  # fmt: skip
    states.staged(folder).mkdir(parents=True)
    (states.staged(folder) / f"{PREFIX}openbaar.pdf").write_bytes(b"%PDF-")
    with pytest.raises(besluitpak.BesluitpakError, match="gepland for 2014-03-25, not before"):
        besluitpak.release_publication(folder, today=dt.date(2014, 3, 24))
    assert besluitpak.release_due(folder, today=dt.date(2014, 3, 24)) is None
    assert not folder.exists() and besluitpak.publication_state(folder) == "gepland"
    released = besluitpak.release_due(folder, today=dt.date(2014, 3, 25), door="timer")
    assert released is not None and released.bestanden == (f"{PREFIX}openbaar.pdf",)
    assert (folder / f"{PREFIX}openbaar.pdf").read_bytes() == b"%PDF-"
    assert not states.staged(folder).exists()
    assert [c.staat for c in besluitpak.publication_history(folder)] == ["gepland", "gepubliceerd"]


# --- with LibreOffice: plan, publish on the day, withdraw, verify -----------------------------


@pytest.fixture(scope="module")
def lived(tmp_path_factory: pytest.TempPathFactory, cache_dir: Path) -> dict[str, object]:
    """The reference case archived, planned for the embargo date, published by publish-due
    on that day, then withdrawn: what each step left, as it left it."""
    work = tmp_path_factory.mktemp("staten")
    for name in ("templates", "bijlagen"):
        shutil.copytree(ROOT / name, work / name)
    shutil.copy(ROOT / "besluitpak.yaml", work)
    case, out, archief = work / "besluitpak.yaml", work / "pub", work / "archief"
    seen: dict[str, object] = {"out": out, "archief": archief}
    assert cli("archive", case, "--archief", archief, "--today", "2014-03-20").exit_code == 0
    planned = cli("publish", case, "--out", out, "--gepland-op", EMBARGO, "--archief", archief,
                  "--door", "sanne (secretariaat)")  # fmt: skip
    assert planned.exit_code == 0, planned.output
    seen["planned"] = sorted(p.name for p in out.iterdir()) if out.exists() else []
    early = cli("publish-due", "--out", out, "--today", "2014-03-24", "--archief", archief)
    seen["early"] = (early.exit_code, sorted(p.name for p in out.iterdir()) if out.exists() else [])
    due = cli("publish-due", "--out", out, "--today", EMBARGO, "--archief", archief)
    assert due.exit_code == 0, due.output
    seen["published"] = {p.name: p.read_bytes() for p in out.iterdir() if p.is_file()}
    withdrawn = cli("withdraw", case, "--out", out, "--reden", REDEN, "--categorie", "procedure",
                    "--today", "2014-05-01", "--archief", archief, "--door", "sanne")  # fmt: skip
    assert withdrawn.exit_code == 0, withdrawn.output
    seen["status"] = cli("publication-status", "--out", out).stdout
    return seen


@pytest.mark.libreoffice
def test_a_planned_publication_is_hidden_until_its_day_then_published(
    lived: dict[str, object],
) -> None:
    assert lived["planned"] == []  # built beside the folder, not public
    assert lived["early"] == (0, [])
    published = lived["published"]
    assert isinstance(published, dict)
    assert f"{PREFIX}openbaar.pdf" in published and "sitemap.xml" in published
    record = json.loads(published[f"{PREFIX}openbaar.record.json"])
    assert record["today"] == EMBARGO  # built as the publication is on its day
    public = [d for d in record["documents"] if d["file"]]
    assert _valid(published["sitemap.xml"]) == len(public) > 1


@pytest.mark.libreoffice
def test_a_withdrawal_takes_the_files_and_leaves_a_notice_the_sitemap_and_the_list(
    lived: dict[str, object],
) -> None:
    out, published = lived["out"], lived["published"]
    assert isinstance(out, Path) and isinstance(published, dict)
    pdfs = sorted(name for name in published if name.endswith(".pdf") and PREFIX in name)
    record = json.loads(published[f"{PREFIX}openbaar.record.json"])
    count = len([d for d in record["documents"] if d["file"]])
    left = sorted(p.name for p in out.iterdir())
    assert [name for name in left if name.startswith(PREFIX) and name.endswith(".pdf")] == []
    notice = (out / f"{PREFIX}ingetrokken.html").read_text(encoding="utf-8")
    assert REDEN in notice and "1 mei 2014" in notice
    sitemap = (out / "sitemap.xml").read_bytes()
    assert _valid(sitemap) == count  # every old address is still listed, as withdrawn
    root = etree.fromstring(sitemap)
    reasons = list(root.iter(f"{{{diwoo.DIWOO}}}redenVerwijderingVervanging"))
    assert len(reasons) == count and {r.get("resource") for r in reasons} == {RECHTBANK}
    assert [e.text for e in root.iter(f"{{{diwoo.SITEMAP}}}lastmod")] == ["2014-05-01"] * count
    rows = list(csv.DictReader(io.StringIO((out / "inventarislijst.csv").read_text("utf-8"))))
    assert {r["link"] for r in rows} == {""}
    assert [r["beoordeling"] for r in rows].count("ingetrokken") == count
    text = " ".join(page_texts(out / "inventarislijst.pdf"))
    assert "ingetrokken" in text and not any(name in text for name in pdfs)
    assert "ingetrokken" in str(lived["status"]).splitlines()[0]


@pytest.mark.libreoffice
def test_the_archive_keeps_every_published_file_with_each_change_and_verifies(
    lived: dict[str, object],
) -> None:
    archief, published = lived["archief"], lived["published"]
    assert isinstance(archief, Path) and isinstance(published, dict)
    versions = besluitpak.versions(archief, "2014/123456")
    changes = [json.loads((v / "manifest.json").read_text()).get("publicatie") for v in versions]
    assert [c and c["staat"] for c in changes] == [None, "gepland", "gepubliceerd", "ingetrokken"]
    assert changes[3]["reden"] == REDEN and changes[3]["door"] == "sanne"
    assert changes[1]["door"] == "sanne (secretariaat)" and changes[1]["gepland_op"] == EMBARGO
    kept = versions[3] / "publicatie" / "bestanden"
    for name, data in published.items():
        if name.endswith(".pdf") and name.startswith(PREFIX):
            assert (kept / name).read_bytes() == data, name
    result = cli("verify", archief)
    assert result.exit_code == 0, result.output
    assert "verified: no problems" in result.output
