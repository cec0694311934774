"""Recreate the adversary's leak corpus (committed; run only to change it).

``.venv/bin/python tests/corpus/leaks/make_leaks.py``

Every input carries one marker per channel (upper-case letters, no spaces), so that a marker
can be searched for in every byte of every public file. ``channels.CHANNELS`` says, per marker,
what the public edition must do with it; ``tests/publication/test_leak_corpus.py`` builds the cases
(``*.yaml`` beside this file) with the real CLI and checks it. CATALOGUE.md is the same table,
with what was observed.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import zipfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
if str(ROOT) not in sys.path:  # run as a script
    sys.path.insert(0, str(ROOT))

from tests.corpus.leaks import (  # noqa: E402
    odf_leaks,
    pdf_leaks,
    pdf_redaction,
    pdf_small,
    word_leaks,
    word_redaction_docx,
)
from tests.corpus.leaks.channel import (  # noqa: E402
    SECRET_FILE,
    SECRET_ID,
    STELLER_EMAIL,
    STELLER_NAME,
    STELLER_PHONE,
    VERGADERING,
)
from tests.corpus.leaks.channels import STELLER_PLACES, steller_file  # noqa: E402

CASE_HEAD = """\
# Written by make_leaks.py: the adversary's case (see CATALOGUE.md).
gemeente:
  naam: Haarlem
  cbs_code: "0392"
kenmerk: {kenmerk}
onderwerp: {onderwerp}
collegevergadering: 2020-06-02
portefeuillehouder: Wethouder Proef
afdeling: Proefafdeling
steller:
  naam: {steller_naam}
  telefoon: {steller_telefoon}
  email: {steller_email}
publicatie_url: https://example.org/woo/collegebesluiten
voorstel:
  template: templates/voorstel.docx
  data:
    besluitpunten:
      - Kennis te nemen van de bijlagen.
    geheim: LEAKUNUSEDDATA wordt door geen sjabloon gebruikt
    toelichting:
      - Zichtbaar in het voorstel LEAKVOORSTELVISIBLE.
      - "Gelakt: {{lak:5.1.2e}}LEAKLAKPASSAGE van mevrouw Jansen{{/lak}}."
    secties:
      - kop: "Zienswijze van {{lak:5.1.2e}}LEAKLAKHEADING{{/lak}}"
        tekst: "Met een teken alleen in de lak: {{lak:5.1.2e}}Haŋ LEAKLAKGLYPH{{/lak}}."
    rijen:
      - naam: "{{lak:5.1.2e}}LEAKLAKTABLE{{/lak}}"
        waarde: "12"
      - naam: Openbaar
        waarde: "3"
bijlagen:
"""

ZAAK_BIJLAGEN = f"""\
  - id: kanalen
    titel: Document met alle kanalen van een PDF
    bestand: bijlagen/kanalen.pdf
    lakken:
      - {{paginas: "2", grond: "5.1.2e"}}
      - {{paginas: "4", grond: "5.1.2e"}}
  - id: revisies
    titel: Herziene notitie
    bestand: bijlagen/revisies.pdf
  - id: objectstromen
    titel: Notitie met objectstromen
    bestand: bijlagen/objectstromen.pdf
    lakken:
      - {{paginas: "2", grond: "5.1.2e"}}
  - id: geheim-pdf
    titel: Vertrouwelijk advies
    bestand: bijlagen/geheim.pdf
    openbaar: false
    grond: "5.1.2e"
  - id: verborgen-word
    titel: Notitie met verborgen onderdelen (Word)
    bestand: bijlagen/verborgen.docx
  - id: paginas-word
    titel: Overzicht van reacties
    bestand: bijlagen/paginas.docx
    lakken:
      - {{paginas: "2", grond: "5.1.2e"}}
  - id: {SECRET_ID}
    titel: Vertrouwelijke notitie
    bestand: bijlagen/{SECRET_FILE}
    openbaar: false
    grond: "5.1.2e"
  - id: verborgen-odt
    titel: Notitie met verborgen onderdelen (ODF)
    bestand: bijlagen/verborgen.odt
  - id: geheim-gegenereerd
    titel: Vertrouwelijke berekening
    template: templates/voorstel.docx
    openbaar: false
    grond: "5.1.2e"
    data:
      besluitpunten:
        - Geheim besluitpunt LEAKSECRETGENERATED.
      toelichting:
        - Geheime toelichting.
      secties: []
      rijen: []
  - id: geheim-tot-later
    titel: Advies dat nog geheim is
    bestand: bijlagen/geheim-tot-later.pdf
    openbaar: false
    grond: "5.1.2e"
    geheim_tot: 2020-07-01
  - id: geheim-tot-voorbij
    titel: Advies dat niet meer geheim is
    bestand: bijlagen/geheim-tot-voorbij.pdf
    openbaar: false
    grond: "5.1.2e"
    geheim_tot: 2020-06-01
"""


def _bijlage(ident: str, titel: str, bestand: str, extra: str = "") -> str:
    return f"""\
  - id: {ident}
    titel: {titel}
    bestand: bijlagen/{bestand}
{extra}"""


CASES: dict[str, tuple[str, str]] = {
    # case name: (onderwerp, bijlagen)
    "zaak": ("Proef met verborgen kanalen", ZAAK_BIJLAGEN),
    "portfolio": (
        "Proef met een portfolio",
        """\
  - id: portfolio
    titel: Portfolio
    bestand: bijlagen/portfolio.pdf
""",
    ),
}


for _kind in ("docx", "odt"):
    for _mode in ("", "aanvaarden", "verwerpen"):
        CASES[f"wijzigingen-{_kind}" + (f"-{_mode}" if _mode else "")] = (
            f"Proef met wijzigingen ({_kind}, {_mode or 'zonder keuze'})",
            _bijlage(
                f"revisies-{_kind}",
                f"Notitie met wijzigingen ({_kind})",
                f"revisies.{_kind}",
                f"    wijzigingen: {_mode}\n" if _mode else "",
            ),
        )
for _mode in ("", "aanvaarden"):
    CASES["wijzigingen-elders-docx" + (f"-{_mode}" if _mode else "")] = (
        f"Proef met wijzigingen buiten de tekst ({_mode or 'zonder keuze'})",
        _bijlage(
            "revisies-elders",
            "Notitie met wijzigingen buiten de tekst",
            "revisies-elders.docx",
            f"    wijzigingen: {_mode}\n" if _mode else "",
        ),
    )
CASES["ole-docx"] = (
    "Proef met een ingesloten object",
    _bijlage("object", "Notitie met een ingesloten object", "object.docx"),
)
CASES["lak-titel"] = (
    "Proef met een lak in een titel",
    _bijlage("titel", "Reactie van {lak:5.1.2e}LEAKLAKTITLE{/lak}", "objectstromen.pdf"),
)
CASES["steller-titel"] = (
    "Proef met de steller in een titel",
    _bijlage("titel", "Reactie van Q. Leakstellerzq", "objectstromen.pdf"),
)
for _place in STELLER_PLACES:
    CASES[f"steller-{_place}"] = (
        f"Proef met de steller ({_place.split('-leak')[0]})",  # the marker only where planted
        _bijlage("reactie", "Reactie op het ontwerp", steller_file(_place)),
    )
CASES["lak-woorden"] = (
    "Proef met gelakte woorden",
    _bijlage(
        "woorden",
        "Reacties van bewoners",
        "woorden.pdf",
        "    lakken:\n"
        + "".join(f"      - {e}\n" for e in (*pdf_redaction.LAKKEN, *pdf_redaction.boxes())),
    )
    + _bijlage(
        "gelabeld",
        "Getagde reactie",
        "woorden-tagged.pdf",
        '    lakken:\n      - {pagina: 1, woorden: "LEAKSTRUCTZICHT", grond: "5.1.2e"}\n',
    )
    + _bijlage(
        "reactie-docx",
        "Reactie in Word",
        "woorden.docx",
        "    wijzigingen: aanvaarden\n    lakken:\n"
        + "".join(
            f'      - {{pagina: 1, woorden: "{w}", grond: "5.1.2e"}}\n'
            for w in word_redaction_docx.WORDS
        ),
    ),
)


VERGADERING_TEXT = """\
# Written by make_leaks.py: the adversary's collegevergadering (see CATALOGUE.md).
gemeente:
  naam: Haarlem
  cbs_code: "0392"
datum: 2020-06-02
nummer: "2020-01"
publicatie_url: https://example.org/woo/besluitenlijsten
aanwezig:
  - Burgemeester Proef
agenda:
  - zaak: zaak.yaml
    soort: bespreekstuk
    uitkomst: gewijzigd
    besluitpunten:
      - "Kennis te nemen van {bijlage:kanalen}, zonder {lak:5.1.2e}LEAKVERGLAK{/lak}."
    samenvatting: "Openbaar LEAKVERGVISIBLE; gelakt {lak:5.1.2e}LEAKVERGSAMENVATTINGLAK{/lak}."
  - zaak: embargo.yaml
    soort: hamerstuk
    uitkomst: conform
    samenvatting: "Onder embargo LEAKEMBARGOSAMENVATTING."
"""


def embargo_text() -> str:
    """A case under embargo until after the day the besluitenlijst is made."""
    text = case_text("portfolio").replace(
        "onderwerp: Proef met een portfolio", "onderwerp: Proef onder embargo LEAKEMBARGOONDERWERP"
    )
    text = text.replace("kenmerk: 2020/", "embargo_tot: 2020-07-01\nkenmerk: 2020/9")
    return text.replace("titel: Portfolio", "titel: Stukken onder embargo LEAKEMBARGOBIJLAGE")


def case_text(name: str) -> str:
    onderwerp, bijlagen = CASES[name]
    steller = name.startswith("steller")
    return (
        CASE_HEAD.format(
            kenmerk=f"2020/{list(CASES).index(name) + 1:06d}",
            onderwerp=onderwerp,
            steller_naam=STELLER_NAME if steller else "P. Tester",
            steller_telefoon=STELLER_PHONE if steller else "0123 456 789",
            steller_email=STELLER_EMAIL if steller else "p.tester@proef.example",
        )
        + bijlagen
    )


def voorstel(target: Path) -> None:
    """The collegevoorstel template: the minimal case's, without its reference to a bijlage."""
    sys.path.insert(0, str(ROOT / "tools"))
    from make_templates import new_document, save, table, tag

    doc = new_document("Proefvoorstel")
    doc.add_paragraph("Collegevoorstel", style="Title")
    doc.add_paragraph("{{ onderwerp }} ({{ kenmerk }}), {{ collegevergadering|datum }}")
    tag(doc, "{%p if steller.naam %}")
    doc.add_paragraph("Steller: {{ steller.naam }}, {{ steller.telefoon }}, {{ steller.email }}")
    tag(doc, "{%p endif %}")
    doc.add_heading("Besluitpunten", level=1)
    tag(doc, "{%p for punt in besluitpunten %}")
    doc.add_paragraph("{{ punt }}", style="List Number")
    tag(doc, "{%p endfor %}")
    doc.add_heading("Toelichting", level=1)
    tag(doc, "{%p for alinea in toelichting %}")
    doc.add_paragraph("{{ alinea }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p for s in secties %}")
    doc.add_heading("{{ s.kop }}", level=2)
    doc.add_paragraph("{{ s.tekst }}")
    tag(doc, "{%p endfor %}")
    table(
        doc,
        ["Naam", "Aantal"],
        ["{{ r.naam }}", "{{ r.waarde }}"],
        [10.0, 6.0],
        "{%tr for r in rijen %}",
    )
    save(doc, target)
    _pin(target)


def _pin(target: Path) -> None:
    """Rewrite a saved package with fixed dates, so that it is reproducible."""

    with zipfile.ZipFile(target) as archive:
        parts: dict[str, bytes | str] = {n: archive.read(n) for n in archive.namelist()}
    core = parts.get("docProps/core.xml")
    if isinstance(core, bytes):
        core = re.sub(rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z?", b"2020-01-01T00:00:00Z", core)
        parts["docProps/core.xml"] = re.sub(
            rb"<dc:creator>[^<]*</dc:creator>", b"<dc:creator>LEAKTPLCOREAUTHOR</dc:creator>", core
        )
    _plant_in_template(parts)
    word_leaks.zip_parts(target, parts)


def _plant_in_template(parts: dict[str, bytes | str]) -> None:
    """The house template itself hides things: hidden text, a document variable, a custom
    property (a template from another department carries its author too)."""
    document = parts["word/document.xml"]
    assert isinstance(document, bytes)
    hidden = b"<w:p><w:r><w:rPr><w:vanish/></w:rPr><w:t>LEAKTPLVANISH</w:t></w:r></w:p><w:sectPr"
    parts["word/document.xml"] = document.replace(b"<w:sectPr", hidden, 1)
    settings = parts["word/settings.xml"]
    assert isinstance(settings, bytes)
    parts["word/settings.xml"] = re.sub(
        rb"(<w:settings[^>]*>)",
        rb'\1<w:docVars><w:docVar w:name="LeakTpl" w:val="LEAKTPLDOCVAR"/></w:docVars>',
        settings,
        count=1,
    )
    parts["docProps/custom.xml"] = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
        'custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
        'docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" '
        'name="Afdeling"><vt:lpwstr>LEAKTPLCUSTOM</vt:lpwstr></property></Properties>'
    )
    rels = parts["_rels/.rels"]
    assert isinstance(rels, bytes)
    parts["_rels/.rels"] = rels.replace(
        b"</Relationships>",
        b'<Relationship Id="rIdCustom" Type="http://schemas.openxmlformats.org/officeDocument/'
        b'2006/relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>',
    )
    types = parts["[Content_Types].xml"]
    assert isinstance(types, bytes)
    parts["[Content_Types].xml"] = types.replace(
        b"</Types>",
        b'<Override PartName="/docProps/custom.xml" ContentType="application/'
        b'vnd.openxmlformats-officedocument.custom-properties+xml"/></Types>',
    )


def main(target: Path = HERE) -> None:
    """Write the corpus (cases, template, inputs) into ``target`` (default: beside this file).

    Written beside and then moved into place file by file, so that a test reading the corpus
    meanwhile never sees a file half written or missing; files no longer made are removed."""
    target.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=target.parent) as tmp:
        fresh = Path(tmp)
        _write(fresh)
        made = {p.relative_to(fresh) for p in fresh.rglob("*") if p.is_file()}
        for name in sorted(made):
            (target / name).parent.mkdir(parents=True, exist_ok=True)
            os.replace(fresh / name, target / name)
    stale = [*target.glob("*.yaml"), *(target / "bijlagen").glob("*")]
    for old in stale:
        if old.relative_to(target) not in made:
            old.unlink()


def _write(target: Path) -> None:
    bijlagen = target / "bijlagen"
    templates = target / "templates"
    bijlagen.mkdir(parents=True)
    templates.mkdir()
    voorstel(templates / "voorstel.docx")
    pdf_leaks.leaks_pdf(bijlagen / "kanalen.pdf")
    pdf_small.incremental_pdf(bijlagen / "revisies.pdf")
    pdf_small.objstm_pdf(bijlagen / "objectstromen.pdf")
    pdf_small.secret_pdf(bijlagen / "geheim.pdf")
    pdf_small.secret_pdf(
        bijlagen / "geheim-tot-later.pdf", "LEAKSECRETUNTILFUTURE", "LEAKSECRETLATERINFO"
    )
    pdf_small.secret_pdf(bijlagen / "geheim-tot-voorbij.pdf", "LEAKSECRETUNTILPAST", "Advies")
    pdf_small.portfolio_pdf(bijlagen / "portfolio.pdf")
    pdf_redaction.words_pdf(bijlagen / "woorden.pdf")
    pdf_redaction.tagged_pdf(bijlagen / "woorden-tagged.pdf")
    word_redaction_docx.words_docx(bijlagen / "woorden.docx")
    for place in STELLER_PLACES:
        if place.endswith("docx"):
            word_leaks.steller_docx(bijlagen / steller_file(place), place, STELLER_NAME)
        else:
            pdf_small.steller_pdf(
                bijlagen / steller_file(place), place, STELLER_NAME, STELLER_EMAIL
            )
    word_leaks.hidden_docx(bijlagen / "verborgen.docx")
    word_leaks.pages_docx(bijlagen / "paginas.docx")
    word_leaks.secret_docx(bijlagen / SECRET_FILE)
    word_leaks.revisions_docx(bijlagen / "revisies.docx")
    word_leaks.revisions_elsewhere_docx(bijlagen / "revisies-elders.docx")
    word_leaks.ole_docx(bijlagen / "object.docx")
    odf_leaks.hidden_odt(bijlagen / "verborgen.odt")
    odf_leaks.revisions_odt(bijlagen / "revisies.odt")
    for name in CASES:
        (target / f"{name}.yaml").write_text(case_text(name), encoding="utf-8")
    (target / "embargo.yaml").write_text(embargo_text(), encoding="utf-8")
    (target / f"{VERGADERING}.yaml").write_text(VERGADERING_TEXT, encoding="utf-8")


if __name__ == "__main__":
    main()
