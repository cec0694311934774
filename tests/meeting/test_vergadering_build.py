"""The collegevergadering built for real (LibreOffice, poppler, outloud): the agenda and the
vergadermap, the provisional and the definitive besluitenlijst, and the meeting archived."""

from __future__ import annotations

import json
import subprocess
import zipfile
from pathlib import Path

import pikepdf
import pytest

from besluitpak.pdf import links
from tests.helpers import ROOT, cli, xml_schema
from tests.helpers import outloud_rules as outloud
from tests.meeting.test_vergadering_file import copy_vergadering

pytestmark = pytest.mark.libreoffice

EXPLAINED = {"TBL-014", "PAG-001"}
"""outloud's warnings docs/bundle.md explains ("Accessibility: what is left")."""
ONDERWERPEN = [
    "Parkeernota 2020",
    "Renovatie speeltuin Oost",
    "EMBARGOMARKER-ONDERWERP verkoop kavel",
    "Openingstijden bibliotheek",
    "Verplaatsing weekmarkt",
]


def text(pdf: Path, page: int | None = None) -> str:
    """pdftotext's text of ``pdf`` (or of one page, 1-based)."""
    pages = ["-f", str(page), "-l", str(page)] if page else []
    return subprocess.run(
        ["pdftotext", "-layout", *pages, str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The test vergadering's agenda, vergadermap and both besluitenlijsten, by the CLI."""
    base = tmp_path_factory.mktemp("vergadering")
    file = copy_vergadering(base / "vergadering")
    out = base / "out"
    result = cli("vergadering", "agenda", file, "--out", out)
    assert result.exit_code == 0, result.output
    agenda, vergadermap = (Path(line) for line in result.stdout.split())
    found = {"file": file, "out": out, "agenda": agenda, "vergadermap": vergadermap}
    for status, today in (("voorlopig", "2020-06-02"), ("definitief", "2020-06-16")):
        result = cli(
            "vergadering", "besluitenlijst", file, f"--{status}", "--today", today, "--out", out
        )
        assert result.exit_code == 0, result.output
        found[status], found[f"{status}-docx"], found[f"{status}-diwoo"] = (
            Path(line) for line in result.stdout.split()
        )
    return found


def test_the_agenda_lists_the_items_numbered_in_agenda_order(built: dict[str, Path]) -> None:
    shown = " ".join(text(built["agenda"]).split())
    positions = [shown.index(f"{n}. {o}") for n, o in enumerate(ONDERWERPEN, start=1)]
    assert positions == sorted(positions)
    assert "Hamerstuk · Wethouder Proef · kenmerk 2020/000201" in shown
    assert "Bespreekstuk · Wethouder Proef · kenmerk 2020/000202" in shown
    assert "wethouder C (ziek)" in shown


def _starts(built: dict[str, Path]) -> list[int]:
    """Each item's first page in the vergadermap (0-based), from its package's page count."""
    with pikepdf.open(built["agenda"]) as agenda:
        page = len(agenda.pages)
    starts = []
    for kenmerk in range(201, 206):
        bundle = built["out"] / "pakketten" / f"2020-000{kenmerk}"
        with pikepdf.open(bundle / f"collegebesluit-2020-000{kenmerk}-intern.pdf") as pdf:
            starts.append(page)
            page += len(pdf.pages)
    return starts


def test_the_agendas_links_land_on_each_items_first_page(built: dict[str, Path]) -> None:
    starts = _starts(built)
    with pikepdf.open(built["vergadermap"]) as pdf:
        names = links.named_destinations(pdf)
        pages = links.page_index(pdf)
        landed = []
        for annot in pdf.pages[0].obj.Annots:
            target = links.resolve(annot.Dest, names, pages)
            assert target is not None
            landed.append(target.page)
            assert str(annot.Contents).startswith("Agendapunt ")
    assert landed == starts
    for number, (start, onderwerp) in enumerate(zip(starts, ONDERWERPEN, strict=True), 1):
        cover = text(built["vergadermap"], start + 1)
        assert "Collegebesluit" in cover and onderwerp in " ".join(cover.split()), number


def test_the_vergadermap_bookmarks_each_package_under_its_item(built: dict[str, Path]) -> None:
    with pikepdf.open(built["vergadermap"]) as pdf, pdf.open_outline() as outline:
        top = [str(item.title) for item in outline.root]
        assert top == ["Agenda"] + [
            f"Agendapunt {n} — {o}" for n, o in enumerate(ONDERWERPEN, start=1)
        ]
        under = [str(kid.title) for kid in outline.root[2].children]
    assert any(title.startswith("Bijlage 1 — Ontwerptekening speeltuin") for title in under)
    assert any(title.startswith("Collegevoorstel") for title in under)


def test_page_numbers_run_on_and_each_packages_stamps_stay(built: dict[str, Path]) -> None:
    starts = _starts(built)
    with pikepdf.open(built["vergadermap"]) as pdf:
        total = len(pdf.pages)
        assert pdf.Root.PageLabels.Nums[1].S == pikepdf.Name.D
    second_page_of_item_2 = text(built["vergadermap"], starts[1] + 2)
    assert f"vergadermap pagina {starts[1] + 2} van {total}" in second_page_of_item_2
    assert "kenmerk 2020/000202" in second_page_of_item_2  # the package's own stamp
    assert "pagina 2 van" in second_page_of_item_2
    assert f"pagina 1 van {total}" in text(built["vergadermap"], 1)


@pytest.mark.parametrize("name", ["agenda", "vergadermap", "voorlopig", "definitief"])
def test_outloud_finds_no_errors(built: dict[str, Path], name: str) -> None:
    found = outloud(built[name])
    assert found["error"] == [], name
    assert set(found["warning"]) <= EXPLAINED, (name, found["warning"])


@pytest.mark.parametrize("name", ["agenda", "vergadermap", "voorlopig", "definitief"])
def test_every_claim_is_kept(built: dict[str, Path], name: str) -> None:
    result = cli("inspect", built[name])
    assert result.exit_code == 0, result.output
    assert "claims: PDF/A-2a, PDF/UA-1, language nl-NL" in result.stdout


def _docx_text(docx: Path) -> str:
    with zipfile.ZipFile(docx) as package:
        return package.read("word/document.xml").decode("utf-8")


def test_the_embargoed_item_is_absent_from_the_provisional_list(built: dict[str, Path]) -> None:
    for shown in (
        text(built["voorlopig"]),
        _docx_text(built["voorlopig-docx"]),
        built["voorlopig-diwoo"].read_text(encoding="utf-8"),
    ):
        assert "EMBARGOMARKER" not in shown
        assert "2020/000203" not in shown
    provisional = " ".join(text(built["voorlopig"]).split())
    assert "Agendapunt 3 Besluit wordt later openbaar gemaakt." in provisional


def test_the_embargoed_item_is_present_in_full_after_the_date(built: dict[str, Path]) -> None:
    definitive = " ".join(text(built["definitief"]).split())
    assert "Agendapunt 3: EMBARGOMARKER-ONDERWERP verkoop kavel" in definitive
    assert "EMBARGOMARKER-SAMENVATTING over de verkoop." in definitive
    assert "1. De kavel EMBARGOMARKER-PUNT te verkopen." in definitive
    assert "wordt later openbaar" not in definitive


def _sections(pdf: Path) -> dict[str, str]:
    """The list's text per agendapunt, without the pages' stamps."""
    lines = [
        line
        for line in text(pdf).splitlines()
        if "Besluitenlijst collegevergadering" not in line and "pagina " not in line
    ]
    joined = " ".join(" ".join(lines).split())
    parts = joined.split("Agendapunt ")[1:]
    return {part.split(":")[0].split(" ")[0]: part for part in parts}


def test_the_two_lists_differ_exactly_by_the_embargoed_item(built: dict[str, Path]) -> None:
    provisional, definitive = _sections(built["voorlopig"]), _sections(built["definitief"])
    assert sorted(provisional) == sorted(definitive) == ["1", "2", "3", "4", "5"]
    for number in ("1", "2", "4"):
        assert provisional[number] == definitive[number], number
    assert provisional["5"].startswith(definitive["5"].split(" Het college van")[0])
    assert provisional["3"] != definitive["3"]


def test_every_outcome_is_in_the_list(built: dict[str, Path]) -> None:
    sections = _sections(built["definitief"])
    assert "Besluit Conform besloten" in sections["1"]
    assert "1. De parkeernota PARKEERPUNT vast te stellen." in sections["1"]
    assert "Besluit Gewijzigd besloten" in sections["2"]
    assert "1. De speeltuin GEWIJZIGDPUNT te renoveren (bijlage 1)." in sections["2"]
    assert "VOORSTELPUNT" not in sections["2"]
    assert "Besluit Aangehouden" in sections["4"] and "AANGEHOUDENPUNT" not in sections["4"]
    assert "Besluit Teruggetrokken" in sections["5"] and "INGETROKKENPUNT" not in sections["5"]


def test_a_withheld_bijlage_stays_withheld(built: dict[str, Path]) -> None:
    shown = " ".join(text(built["definitief"]).split())
    assert (
        "Bijlage 1: Ontwerptekening speeltuin — niet openbaar (art. 5.1 lid 2 sub i Woo)" in shown
    )
    assert "GEHEIMEBIJLAGE" not in shown


def test_the_agenda_again_with_nothing_changed_builds_nothing(built: dict[str, Path]) -> None:
    before = built["vergadermap"].stat().st_mtime_ns
    result = cli("vergadering", "agenda", built["file"], "--out", built["out"])
    assert result.exit_code == 0, result.output
    assert "0 of 5 package(s) built" in result.stderr
    assert built["vergadermap"].stat().st_mtime_ns == before


@pytest.fixture(scope="module")
def archived(built: dict[str, Path]) -> dict[str, Path]:
    archief = built["out"].parent / "archief"
    result = cli(
        "vergadering",
        "archive",
        built["file"],
        "--archief",
        archief,
        "--today",
        "2020-06-16",
        "--out",
        built["out"] / "archiveren",
        "--door",
        "Jan  de Griffier",
    )
    assert result.exit_code == 0, result.output
    return {"archief": archief, "version": Path(result.stdout.strip())}


def test_every_manifest_of_a_meeting_archive_names_who_archived(
    archived: dict[str, Path],
) -> None:
    manifests = [
        archived["version"] / "vergadering.json",
        *archived["archief"].glob("*/v*/manifest.json"),
    ]
    assert len(manifests) > 1
    for manifest in manifests:
        assert json.loads(manifest.read_text())["user"] == "Jan de Griffier", manifest


def test_a_gewijzigd_case_is_archived_as_decided(
    built: dict[str, Path], archived: dict[str, Path]
) -> None:
    version = archived["archief"] / "2020-000202" / "v001"
    case_file = (version / "invoer" / "besluitpak.yaml").read_text(encoding="utf-8")
    assert "GEWIJZIGDPUNT" in case_file and "VOORSTELPUNT" not in case_file
    intern = " ".join(text(version / "collegebesluit-2020-000202-intern.pdf").split())
    assert "De speeltuin GEWIJZIGDPUNT te renoveren (bijlage 1)." in intern
    own = (built["file"].parent / "speeltuin" / "besluitpak.yaml").read_text(encoding="utf-8")
    assert "VOORSTELPUNT" in own and "GEWIJZIGDPUNT" not in own  # the user's file untouched


def test_the_meeting_is_archived_with_a_record_relating_to_each_case(
    archived: dict[str, Path],
) -> None:
    version = archived["version"]
    assert version == archived["archief"] / "vergaderingen" / "2020-22" / "v001"
    manifest = json.loads((version / "vergadering.json").read_text(encoding="utf-8"))
    decided = [entry for entry in manifest["agenda"] if entry["case_version"]]
    assert [e["agendapunt"] for e in decided] == [1, 2, 3]  # not aangehouden, teruggetrokken
    for entry in decided:
        case_version = archived["archief"] / entry["case_version"]
        digest = subprocess.run(
            ["sha256sum", str(case_version / "manifest.json")], capture_output=True, text=True
        ).stdout.split()[0]
        assert entry["case_manifest_sha256"] == digest
    schema = xml_schema("MDTO-XML1.0.1.xsd")
    from lxml import etree

    for record in (version / "mdto").iterdir():
        assert schema.validate(etree.parse(str(record))), record.name
    record = etree.parse(str(version / "mdto" / "informatieobject.xml"))
    ns = {"m": "https://www.nationaalarchief.nl/mdto"}
    parts = record.xpath("//m:bevatOnderdeel//m:identificatieKenmerk/text()", namespaces=ns)
    assert parts == ["2020/000201", "2020/000202", "2020/000203"]
    assert sorted(p.name for p in version.glob("*.pdf")) == [
        "agenda-2020-22.pdf",
        "besluitenlijst-2020-22-definitief.pdf",
        "vergadermap-2020-22.pdf",
    ]


def test_archiving_the_same_meeting_again_makes_no_new_version(
    built: dict[str, Path], archived: dict[str, Path]
) -> None:
    leftover = archived["version"].parent / ".tmp-interrupted"  # a run killed mid-write
    (leftover / "mdto").mkdir(parents=True)
    (leftover / "mdto" / "half.xml").write_text("<half", encoding="utf-8")
    for path in (leftover / "mdto" / "half.xml", leftover / "mdto", leftover):
        path.chmod(0o444 if path.is_file() else 0o555)
    result = cli(
        "vergadering",
        "archive",
        built["file"],
        "--archief",
        archived["archief"],
        "--today",
        "2020-06-16",
        "--out",
        built["out"] / "archiveren",
    )
    assert result.exit_code == 0, result.output
    assert Path(result.stdout.strip()) == archived["version"]
    assert "no new version" in result.stderr
    assert not leftover.exists()


def test_the_reference_vergadering_is_in_the_repository() -> None:
    assert (ROOT / "vergadering" / "vergadering.yaml").is_file()


def _writable_copy(archief: Path, to: Path) -> Path:
    """A copy of the (read-only) archief that a test may tamper with."""
    import shutil

    shutil.copytree(archief, to)
    for path in [to, *to.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return to


def test_verify_checks_the_meeting_and_each_case_version_it_names(
    archived: dict[str, Path],
) -> None:
    result = cli("verify", archived["version"])
    assert result.exit_code == 0, result.output
    assert f"ok   {archived['version']}: " in result.stdout
    assert "3 case versions as the meeting recorded them" in result.stdout
    for kenmerk in ("2020-000201", "2020-000202", "2020-000203"):
        assert f"ok   {archived['archief'] / kenmerk / 'v001'}: " in result.stdout
    assert f"seal {archived['version']}: " in result.stdout
    whole = cli("verify", archived["archief"])
    assert whole.exit_code == 0, whole.output
    assert whole.stdout.count(f"ok   {archived['archief'] / '2020-000201' / 'v001'}: ") == 1


def test_verify_finds_a_changed_meeting_file_and_a_case_version_replaced_after_it(
    archived: dict[str, Path], tmp_path: Path
) -> None:
    archief = _writable_copy(archived["archief"], tmp_path / "archief")
    version = archief / "vergaderingen" / "2020-22" / "v001"
    lijst = version / "besluitenlijst-2020-22-definitief.pdf"
    data = bytearray(lijst.read_bytes())
    data[len(data) // 2] ^= 0x01  # one bit, the size kept
    lijst.write_bytes(bytes(data))
    case = archief / "2020-000202" / "v001"
    manifest = case / "manifest.json"  # a case version rewritten and sealed again: alone, it
    manifest.write_text(manifest.read_text(encoding="utf-8") + " ", encoding="utf-8")  # verifies
    digest = subprocess.run(
        ["sha256sum", str(manifest)], capture_output=True, text=True, check=True
    ).stdout.split()[0]
    (case / "manifest.json.sha256").write_text(f"{digest}  manifest.json\n", encoding="ascii")
    assert cli("verify", case).exit_code == 0
    result = cli("verify", version)
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert f"FAIL {lijst}: checksum does not match the manifest" in result.stdout
    assert (
        f"FAIL {manifest}: not the manifest the meeting archived with it (agenda[1] of "
        f"{version / 'vergadering.json'}): the case's version was changed"
    ) in result.stdout


def test_redacted_passages_never_reach_the_public_besluitenlijst(tmp_path: Path) -> None:
    """The besluitenlijst is public: a passage in the voorstel's besluitpunten (conform), in
    the adopted ones (gewijzigd) or in a samenvatting is a box with its ground, never text."""
    from tests.helpers import edit

    file = copy_vergadering(tmp_path / "vergadering")
    edit(
        file.parent / "parkeren" / "besluitpak.yaml",
        "De parkeernota PARKEERPUNT vast te stellen.",
        "De parkeernota met {lak:5.1.2b}LAKVOORSTEL{/lak} vast te stellen.",
    )
    edit(file, "De speeltuin GEWIJZIGDPUNT", "De speeltuin {lak:5.1.2e}LAKGEWIJZIGD{/lak}")
    edit(
        file,
        "Het college stelt de parkeernota vast.",
        "Het college stelt de parkeernota vast met {lak:5.1.2b}LAKSAMENVATTING{/lak}.",
    )
    out = tmp_path / "out"
    result = cli(
        "vergadering", "besluitenlijst", file, "--definitief", "--today", "2020-06-16", "--out", out
    )
    assert result.exit_code == 0, result.output
    pdf, docx, record = (Path(line) for line in result.stdout.split())
    markers = (b"LAKVOORSTEL", b"LAKGEWIJZIGD", b"LAKSAMENVATTING")
    qdf = tmp_path / "lijst.qdf.pdf"
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(pdf), str(qdf)], check=True)
    with zipfile.ZipFile(docx) as archive:
        parts = [archive.read(name) for name in archive.namelist()]
    for blob in (pdf.read_bytes(), qdf.read_bytes(), record.read_bytes(), *parts):
        assert not [m for m in markers if m in blob]
    shown = text(pdf)
    assert not [m for m in markers if m.decode() in shown]
    assert "De parkeernota met" in shown and "vast te stellen." in shown
    with pikepdf.open(pdf) as opened:
        alts = [
            str(obj.Alt)
            for obj in opened.objects
            if isinstance(obj, pikepdf.Dictionary) and obj.get("/S") == "/Figure" and "/Alt" in obj
        ]
    assert any(a.startswith("Gelakt: artikel 5.1.2b Woo") for a in alts), alts
    assert any(a.startswith("Gelakt: artikel 5.1.2e Woo") for a in alts), alts


def test_a_gemeente_without_a_tooi_record_stops_the_besluitenlijst_before_any_file(
    tmp_path: Path,
) -> None:
    file = copy_vergadering(tmp_path / "vergadering")
    for yaml in file.parent.rglob("*.yaml"):
        yaml.write_text(yaml.read_text(encoding="utf-8").replace('"0392"', '"9999"'), "utf-8")
    out = tmp_path / "out"
    result = cli(
        "vergadering", "besluitenlijst", file, "--voorlopig", "--today", "2020-06-02", "--out", out
    )
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert "gemeente.cbs_code: expected the CBS code of a gemeente in the TOOI list" in (
        result.stderr
    )
    assert not out.exists() or not any(out.iterdir())


def test_personal_data_in_the_besluitenlijst_is_a_warning_with_page_and_passage(
    tmp_path: Path,
) -> None:
    from tests.helpers import edit

    file = copy_vergadering(tmp_path / "vergadering")
    edit(
        file,
        "Het college stelt de parkeernota vast.",
        "Het college stelt de parkeernota vast; vragen aan 06-12345678.",
    )
    out = tmp_path / "out"
    result = cli(
        "vergadering", "besluitenlijst", file, "--voorlopig", "--today", "2020-06-02", "--out", out
    )
    assert result.exit_code == 0, result.output
    assert (
        "warning: personal data in the besluitenlijst, page 1: telefoonnummer in '" in result.stderr
    )
    assert "vragen aan 06-12345678" in result.stderr


def test_a_besluitenlijst_quoting_a_withheld_bijlage_is_refused_before_any_file(
    tmp_path: Path,
) -> None:
    """The list is public: a samenvatting that copies a sentence of a case's withheld bijlage
    (speeltuin's tekening) is text of a withheld part, refused as a public edition is."""
    from tests.helpers import edit

    file = copy_vergadering(tmp_path / "vergadering")
    edit(
        file,
        "Het college stelt de parkeernota vast.",
        "Het college stelt de parkeernota vast, naast de tekening met de maten van de toestellen.",
    )
    out = tmp_path / "out"
    result = cli(
        "vergadering", "besluitenlijst", file, "--definitief", "--today", "2020-06-16", "--out", out
    )
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output
    assert "the besluitenlijst: expected nothing of what the public editions withhold" in (
        result.stderr
    )
    assert "withheld bijlage 1" in result.stderr and "de tekening met de maten" in result.stderr
    assert not list(out.glob("besluitenlijst-*"))
