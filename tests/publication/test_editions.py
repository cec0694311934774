"""Editions, embargo and publication: nothing withheld leaks, the embargo holds, DiWoo
metadata validates against the official XSD."""

from __future__ import annotations

import hashlib
import json
import shutil
import subprocess
from pathlib import Path

import pikepdf
import pytest
from lxml import etree

from besluitpak.pdf.metadata import XMP_NS
from tests.helpers import MINIMAL, cli, edit, page_texts, shipped_xsd, shipped_xsds, xml_schema

EMBARGO_TOT = f"{{{XMP_NS}}}embargoTot"
MARKERS = {
    "steller naam": "QXSTELLERNAAM",
    "steller telefoon": "QX0611223344",
    "steller email": "qxsteller@geheim.example",
    "data titel": "QXDATATITEL",
    "data alinea": "QXDATAALINEA",
    "data rij naam": "QXRIJNAAM",
    "data rij waarde": "QXRIJWAARDE",
    "ready-made bestand": "QXBRIEFTEKST",
}


def secret_case(folder: Path, *, geheim_tot: str = "2030-01-01") -> Path:
    """The minimal case with bijlage 1 (generated) and bijlage 3 (ready-made .docx)
    withheld, and a marker in every field of their content and the steller's details."""
    case = folder / "besluitpak.yaml"
    edit(case, 'cbs_code: "9999"', 'cbs_code: "0392"')
    edit(case, "naam: P. Tester", f"naam: {MARKERS['steller naam']}")
    edit(case, "telefoon: 0123 456 789", f"telefoon: {MARKERS['steller telefoon']}")
    edit(case, "email: p.tester@proef.example", f"email: {MARKERS['steller email']}")
    edit(
        case,
        "afdeling: Proefafdeling",
        "afdeling: Proefafdeling\nembargo_tot: 2020-06-16\n"
        "publicatie_url: https://example.proefdorp.nl/woo",
    )
    edit(
        case,
        "    data: bijlagen/notitie.yaml",
        "    data: bijlagen/notitie.yaml\n"
        f"    openbaar: false\n    grond: art. 55 Gemeentewet\n    geheim_tot: {geheim_tot}",
    )
    edit(
        case,
        "    bestand: bijlagen/brief.docx",
        "    bestand: bijlagen/brief.docx\n    openbaar: false\n    grond: art. 10 lid 2 Woo",
    )
    data = folder / "bijlagen" / "notitie.yaml"
    edit(data, "titel: Notitie over de proef", f"titel: Notitie {MARKERS['data titel']}")
    edit(data, "De proef loopt", f"{MARKERS['data alinea']} De proef loopt")
    edit(data, "naam: Deelnemers", f"naam: {MARKERS['data rij naam']}")
    edit(data, 'waarde: "120"', f'waarde: "{MARKERS["data rij waarde"]}"')
    from docx import Document

    brief = Document(str(folder / "bijlagen" / "brief.docx"))
    brief.add_paragraph(f"Vertrouwelijk: {MARKERS['ready-made bestand']}")
    brief.save(str(folder / "bijlagen" / "brief.docx"))
    return folder


def everything_in(pdf: Path, tmp_path: Path) -> str:
    """All a PDF holds, as searchable text: the text layer (poppler) and every object with
    every stream decompressed (qpdf --qdf): metadata, outlines, names, annotations,
    structure tree, attachments."""
    expanded = tmp_path / f"{pdf.stem}.qdf.pdf"
    subprocess.run(
        [
            "qpdf",
            "--qdf",
            "--object-streams=disable",
            "--decode-level=all",
            str(pdf),
            str(expanded),
        ],
        check=True,
    )
    raw = expanded.read_bytes()
    texts = [raw.decode("latin-1"), "\n".join(page_texts(pdf))]
    with pikepdf.open(pdf) as opened:  # UTF-16 strings (outline titles, XMP…)
        for obj in opened.objects:
            if isinstance(obj, pikepdf.String | pikepdf.Dictionary | pikepdf.Array):
                texts.append(str(obj))
    return "\n".join(texts)


@pytest.fixture(scope="module")
def secret_editions(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    folder = tmp_path_factory.mktemp("secret") / "case"
    shutil.copytree(MINIMAL, folder)
    secret_case(folder)
    out = folder.parent / "out"
    result = cli("build", folder, "--out", out, "--today", "2020-06-10")
    assert result.exit_code == 0, result.output
    files = [Path(p) for p in result.stdout.split()]
    return {"intern": files[0], "openbaar": files[1], "case": folder}


@pytest.mark.libreoffice
def test_nothing_withheld_leaks_into_the_public_edition(
    secret_editions: dict[str, Path], tmp_path: Path
) -> None:
    content = everything_in(secret_editions["openbaar"], tmp_path)
    leaked = [what for what, marker in MARKERS.items() if marker in content]
    assert leaked == []
    assert str(secret_editions["case"]) not in content  # no file paths
    assert "/tmp/besluitpak-" not in content


@pytest.mark.libreoffice
def test_the_internal_edition_holds_everything(
    secret_editions: dict[str, Path], tmp_path: Path
) -> None:
    content = everything_in(secret_editions["intern"], tmp_path)
    missing = [what for what, marker in MARKERS.items() if marker not in content]
    assert missing == []


@pytest.mark.libreoffice
def test_withheld_bijlagen_become_placeholders_listed_as_withheld(
    secret_editions: dict[str, Path],
) -> None:
    texts = page_texts(secret_editions["openbaar"])
    contents = " ".join(texts[1].split())
    assert "Notitie over de proef — niet openbaar (art. 55 Gemeentewet)" in contents
    assert "Brief van de wijkraad — niet openbaar (art. 10 lid 2 Woo)" in contents
    placeholder = [t for t in texts if "Deze bijlage is niet openbaar." in t]
    assert len(placeholder) == 2
    assert "Grond: art. 55 Gemeentewet." in placeholder[0]
    assert "Geheim tot 1 januari 2030." in placeholder[0]
    assert "Bijlage 1 bij collegebesluit 2020/000123" in placeholder[0]
    reader_titles = []
    with pikepdf.open(secret_editions["openbaar"]) as pdf, pdf.open_outline() as outline:
        reader_titles = [item.title for item in outline.root]
    # as in the contents, without parentheses inside parentheses (it ended in ")))")
    assert "Bijlage 1 — Notitie over de proef — niet openbaar (art. 55 Gemeentewet)" in (
        reader_titles
    )
    # the steller line is gone from the collegevoorstel
    assert "Steller" not in texts[2]
    assert "Steller" in page_texts(secret_editions["intern"])[2]


def _watermarked_pages(pdf: Path) -> int:
    count = 0
    with pikepdf.open(pdf) as opened:
        for page in opened.pages:
            for instruction in pikepdf.parse_content_stream(page):
                operands = getattr(instruction, "operands", [])
                if (
                    str(getattr(instruction, "operator", "")) == "BDC"
                    and len(operands) > 1
                    and isinstance(operands[1], pikepdf.Dictionary)
                    and operands[1].get("/Subtype") == "/Watermark"
                ):
                    count += 1
                    break
    return count


@pytest.mark.libreoffice
def test_embargo_marks_every_page_of_the_public_edition(
    secret_editions: dict[str, Path], tmp_path: Path
) -> None:
    public = secret_editions["openbaar"]
    with pikepdf.open(public) as pdf:
        pages = len(pdf.pages)
        assert pdf.open_metadata()[EMBARGO_TOT] == "2020-06-16"
        assert str(pdf.docinfo["/BPEmbargoTot"]) == "2020-06-16"
    assert _watermarked_pages(public) == pages
    assert _watermarked_pages(secret_editions["intern"]) == 0
    texts = page_texts(public)
    assert "EMBARGO — niet openbaar vóór 16 juni 2020" in texts[0]  # the cover says it
    # the mark is drawn, not text: no other page's text mentions it
    assert not any("EMBARGO" in text for text in texts[1:])
    # and it is visible: the mark's colour appears in a rendering of the last page
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "30",
            "-f",
            str(pages),
            "-l",
            str(pages),
            str(public),
            str(tmp_path / "page"),
        ],
        check=True,
    )
    from PIL import Image

    image = Image.open(next(tmp_path.glob("page*.png"))).convert("RGB")
    raw = image.tobytes()
    pixels = zip(raw[0::3], raw[1::3], raw[2::3], strict=True)
    pink = sum(1 for r, g, b in pixels if r > 230 and 185 < g < 225 and 185 < b < 225)
    assert pink > 200


@pytest.mark.libreoffice
def test_no_marks_once_the_embargo_has_passed(minimal: Path, tmp_path: Path) -> None:
    secret_case(minimal)
    result = cli(
        "build", minimal, "--out", tmp_path, "--today", "2020-06-16", "--edition", "openbaar"
    )
    assert result.exit_code == 0, result.output
    public = Path(result.stdout.split()[0])
    assert _watermarked_pages(public) == 0
    assert "EMBARGO" not in page_texts(public)[0]
    with pikepdf.open(public) as pdf:
        assert EMBARGO_TOT not in pdf.open_metadata()


def test_publish_refuses_before_the_embargo(minimal: Path, tmp_path: Path) -> None:
    secret_case(minimal)
    result = cli("publish", minimal, "--out", tmp_path / "pub", "--today", "2020-06-15")
    assert result.exit_code == 1
    assert result.stderr.strip() == (
        "error: besluitpak.yaml: embargo_tot: the public edition may not be published before "
        "16 juni 2020 (today is 15 juni 2020); to publish anyway, give --force with --reden "
        '"…": the reason, your name and the time are recorded'
    )
    assert not (tmp_path / "pub").exists()


def test_force_without_a_reason_is_refused(minimal: Path, tmp_path: Path) -> None:
    secret_case(minimal)
    result = cli("publish", minimal, "--out", tmp_path, "--today", "2020-06-15", "--force")
    assert result.exit_code == 1
    assert "--force: expected a reason with --reden" in result.stderr


@pytest.mark.libreoffice
def test_override_is_recorded(minimal: Path, tmp_path: Path) -> None:
    secret_case(minimal)
    result = cli(
        "publish",
        minimal,
        "--out",
        tmp_path,
        "--today",
        "2020-06-15",
        "--force",
        "--reden",
        "Raadsvragen vereisen eerdere openbaarmaking",
    )
    assert result.exit_code == 0, result.output
    files = [Path(p) for p in result.stdout.split()]
    bundle, record = files[0], files[-1]
    assert record.name.endswith(".record.json")
    data = json.loads(record.read_text())
    assert data["override"]["reden"] == "Raadsvragen vereisen eerdere openbaarmaking"
    assert data["override"]["user"] and data["override"]["time"]
    assert data["withheld"] == [
        {"bijlage": 1, "grond": "art. 55 Gemeentewet", "geheim_tot": "2030-01-01"},
        {"bijlage": 3, "grond": "art. 10 lid 2 Woo", "geheim_tot": None},
    ]
    with pikepdf.open(bundle) as pdf:
        assert (
            "Raadsvragen vereisen eerdere openbaarmaking"
            in pdf.open_metadata()[f"{{{XMP_NS}}}embargoOverride"]
        )
    assert _watermarked_pages(bundle) == 0


@pytest.mark.libreoffice
def test_diwoo_records_validate_against_the_official_xsd(minimal: Path, tmp_path: Path) -> None:
    secret_case(minimal)
    result = cli("publish", minimal, "--out", tmp_path, "--today", "2020-06-16")
    assert result.exit_code == 0, result.output
    schema = xml_schema("diwoo-metadata.xsd")
    tree = etree.parse(str(tmp_path / "sitemap.xml"))
    ns = {
        "d": "https://standaarden.overheid.nl/diwoo/metadata/",
        "s": "http://www.sitemaps.org/schemas/sitemap/0.9",
    }
    documents = tree.findall(".//d:Document", ns)
    for document in documents:
        assert schema.validate(etree.ElementTree(document)), schema.error_log
    base = "https://example.proefdorp.nl/woo/collegebesluit-2020-000123"
    # one record per public document; the withheld bijlagen 1 and 3 have none
    assert [loc.text for loc in tree.findall(".//s:loc", ns)] == [
        f"{base}-collegevoorstel.pdf",
        f"{base}-bijlage-02-kaart.pdf",
    ]
    besluit, kaart = documents
    assert (
        besluit.find(".//d:publisher", ns).get("resource")
        == "https://identifier.overheid.nl/tooi/id/gemeente/gm0392"
    )
    assert besluit.findtext(".//d:creatiedatum", namespaces=ns) == "2020-06-02"
    relations = [r.text for r in besluit.findall(".//d:documentrelatie/d:relation", ns)]
    assert relations == ["Bijlage 2: Kaart van het proefgebied"]  # withheld ones left out
    assert [p.get("resource") for p in besluit.findall(".//d:hasPart", ns)] == [
        f"{base}-bijlage-02-kaart.pdf"
    ]
    assert kaart.find(".//d:isPartOf", ns).get("resource") == f"{base}-collegevoorstel.pdf"
    assert besluit.find(".//d:soortHandeling", ns).get("resource").endswith("c_641ecd76")


def test_a_wrong_cbs_code_is_a_clear_error(minimal: Path, tmp_path: Path) -> None:
    secret_case(minimal)
    edit(minimal / "besluitpak.yaml", 'cbs_code: "0392"', 'cbs_code: "0001"')
    result = cli("publish", minimal, "--out", tmp_path, "--today", "2020-06-16")
    assert result.exit_code == 1
    assert (
        "besluitpak.yaml:4: gemeente.cbs_code: expected the CBS code of a gemeente in the "
        "TOOI list, got '0001'" in result.stderr
    )


@pytest.mark.libreoffice
def test_a_bijlage_whose_secrecy_ended_is_published_and_says_so(
    minimal: Path, tmp_path: Path
) -> None:
    secret_case(minimal, geheim_tot="2020-06-12")
    result = cli(
        "build", minimal, "--out", tmp_path, "--today", "2020-06-16", "--edition", "openbaar"
    )
    assert result.exit_code == 0, result.output
    texts = page_texts(Path(result.stdout.split()[0]))
    assert "Notitie over de proef — openbaar sinds 12 juni 2020" in " ".join(texts[1].split())
    assert any(MARKERS["data alinea"] in t for t in texts)
    assert "bijlage 1 included: secret until 12 juni 2020" in result.stderr


# The SHA-256 of the official files: MDTO-XML 1.0.1 (Nationaal Archief) and the DiWoo
# metadata schema with its value lists (KOOP). A shipped copy that differs was changed.
OFFICIAL_XSDS = {
    "MDTO-XML1.0.1.xsd": "048d745a17f479995f14c938d342b2f13382072d0fdf1f1b28113126df715648",
    "diwoo-metadata.xsd": "d0f3e51113716d3dce768e321d043fffd45f42dafdb8aa7deba1c061ae228036",
    "diwoo-metadata-lijsten.xsd": (
        "c17fd0daa9eb37c44c774ac73271679a8fc2189805823dcfba6a86c2fd42b308"
    ),
}


@pytest.mark.parametrize("name", sorted(OFFICIAL_XSDS))
def test_the_shipped_xsds_are_the_official_ones(name: str) -> None:
    shipped = hashlib.sha256(shipped_xsd(name).read_bytes()).hexdigest()
    assert shipped == OFFICIAL_XSDS[name], f"besluitpak/data/xsd/{name} is not the official file"


def test_every_shipped_xsd_is_pinned() -> None:
    shipped = {item.name for item in shipped_xsds().iterdir() if item.name.endswith(".xsd")}
    assert shipped == set(OFFICIAL_XSDS)


@pytest.mark.libreoffice
def test_a_build_after_a_forced_publication_does_not_take_it_for_its_own(
    minimal: Path, tmp_path: Path
) -> None:
    """publish rewrites the public bundle in the same folder: the next build must not
    answer "up to date" from its own record of what it last wrote there."""
    secret_case(minimal)
    args = ("--out", tmp_path, "--today", "2020-06-15")
    assert cli("build", minimal, *args).exit_code == 0
    again = cli("build", minimal, *args)
    assert "up to date" in again.stderr
    published = cli("publish", minimal, *args, "--force", "--reden", "Raadsvragen")
    assert published.exit_code == 0, published.output
    after = cli("build", minimal, *args)
    assert after.exit_code == 0, after.output
    assert "up to date" not in after.stderr
    [public] = [Path(p) for p in after.stdout.split() if p.endswith("-openbaar.pdf")]
    assert _watermarked_pages(public) > 0  # the build's edition again, under embargo
