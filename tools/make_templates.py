"""Bootstrap the Word templates in templates/ (run once; then the .docx files are the sources).

People change the templates in Word or LibreOffice, not here. This script documents how the
first versions were made and can recreate them: ``python tools/make_templates.py``.
It also builds the ready-made bijlage ``bijlagen/voorbeeld-vormgeving.docx`` from
``bijlagen/voorbeeld-vormgeving-tekst.yaml``.
"""

from __future__ import annotations

import datetime as dt
import io
import re
import sys
import zipfile
from pathlib import Path

import yaml
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_TAB_ALIGNMENT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor
from lxml import etree

ROOT = Path(__file__).resolve().parent.parent
ACCENT = RGBColor(0x9E, 0x1B, 0x32)  # Haarlem red
GREY = RGBColor(0x55, 0x55, 0x55)
BODY_FONT = "Calibri"  # Carlito on Linux: metric-compatible
HEAD_FONT = "Calibri"


def _fix_fonts(style, name: str) -> None:
    """Use ``name`` for every script; drop theme fonts so the name really applies."""
    rpr = style.element.get_or_add_rPr()
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for attr in list(fonts.attrib):
        del fonts.attrib[attr]
    for attr in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attr), name)


_UNUSED_PARTS = ("word/stylesWithEffects.xml", "docProps/thumbnail.jpeg")
_OWN_STYLES = {"Hyperlink", "Veldnaam", "Toelichting", "Tabel", "Klein"}
_STYLE_REFERENCE = re.compile(
    rb"w:(?:pStyle|rStyle|tblStyle|numStyleLink|styleLink) "
    rb'w:val="([^"]+)"'
)


def save(doc, path: Path) -> None:
    """Save ``doc`` with only the styles it uses.

    python-docx's default template carries 169 full style definitions, their latent-style
    table and a Word 2010 copy of them all (~800 KB of XML): LibreOffice parses all of it
    for every document, which was two thirds of its conversion time. Kept: the styles the
    document and its numbering use, our own styles (Hyperlink is applied at render time),
    each type's default, and what those are based on, linked to or followed by.
    """
    buffer = io.BytesIO()
    doc.save(buffer)
    with zipfile.ZipFile(buffer) as source:
        parts = {
            info: source.read(info)
            for info in source.infolist()
            if info.filename not in _UNUSED_PARTS
        }
    texts = {info.filename: data for info, data in parts.items()}
    used = {
        match.decode()
        for name, data in texts.items()
        if name.startswith("word/") and name != "word/styles.xml"
        for match in _STYLE_REFERENCE.findall(data)
    }
    styles = etree.fromstring(texts["word/styles.xml"])
    by_id = {style.get(qn("w:styleId")): style for style in styles.iter(qn("w:style"))}
    keep = (
        used
        | _OWN_STYLES
        | {sid for sid, style in by_id.items() if style.get(qn("w:default")) == "1"}
    )
    todo = list(keep)
    while todo:
        style = by_id.get(todo.pop())
        for tag in ("w:basedOn", "w:link", "w:next"):
            ref = style.find(qn(tag)) if style is not None else None
            if ref is not None and ref.get(qn("w:val")) not in keep:
                keep.add(ref.get(qn("w:val")))
                todo.append(ref.get(qn("w:val")))
    for sid, style in by_id.items():
        if sid not in keep:
            styles.remove(style)
    for latent in styles.findall(qn("w:latentStyles")):
        styles.remove(latent)
    slim = etree.tostring(styles, xml_declaration=True, encoding="UTF-8", standalone=True)
    unused = "|".join(re.escape(name.split("/", 1)[1]) for name in _UNUSED_PARTS)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for info, data in parts.items():
            if info.filename == "word/styles.xml":
                data = slim
            elif info.filename.endswith(".rels") or info.filename == "[Content_Types].xml":
                data = re.sub(
                    rb'<(?:Relationship|Override) [^>]*"/?(?:docProps/|word/)?(?:'
                    + unused.encode()
                    + rb')"[^>]*/>',
                    b"",
                    data,
                )
            target.writestr(info, data)


def new_document(title: str):
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    # The bundle stamps the kenmerk and label in the top band (above 1.9 cm) and the page
    # number in the bottom band (below 1.9 cm): the templates keep those bands empty.
    section.top_margin, section.bottom_margin = Cm(2.6), Cm(2.4)
    section.left_margin, section.right_margin = Cm(2.5), Cm(2.5)
    section.header_distance, section.footer_distance = Cm(1.0), Cm(1.0)

    styles = doc.styles
    # Document language nl-NL (docDefaults) and theme language.
    defaults = styles.element.find(qn("w:docDefaults"))
    for lang in defaults.iter(qn("w:lang")):
        lang.set(qn("w:val"), "nl-NL")
        lang.set(qn("w:eastAsia"), "nl-NL")
        lang.set(qn("w:bidi"), "ar-SA")
    settings = doc.settings.element
    for lang in settings.iter(qn("w:themeFontLang")):
        lang.set(qn("w:val"), "nl-NL")

    normal = styles["Normal"]
    _fix_fonts(normal, BODY_FONT)
    normal.font.size = Pt(11)
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.15

    for name, size, space_before, italic in (
        ("Title", 22, 0, False),
        ("Heading 1", 15, 16, False),
        ("Heading 2", 12.5, 12, False),
        ("Heading 3", 11, 10, False),
    ):
        style = styles[name]
        _fix_fonts(style, HEAD_FONT)
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.italic = italic
        style.font.color.rgb = ACCENT if name != "Heading 3" else GREY
        style.paragraph_format.space_before = Pt(space_before)
        style.paragraph_format.space_after = Pt(6 if name != "Title" else 4)
        style.paragraph_format.keep_with_next = True
    # Title: no bottom border line from the default template, clean look.
    title_ppr = styles["Title"].element.get_or_add_pPr()
    for border in title_ppr.findall(qn("w:pBdr")):
        title_ppr.remove(border)

    subtitle = styles["Subtitle"]
    _fix_fonts(subtitle, BODY_FONT)
    subtitle.font.size = Pt(12)
    subtitle.font.italic = False
    subtitle.font.color.rgb = GREY
    subtitle.paragraph_format.space_after = Pt(14)

    for name in ("List Bullet", "List Number"):
        _fix_fonts(styles[name], BODY_FONT)
        styles[name].paragraph_format.space_after = Pt(3)

    if "Hyperlink" not in [s.name for s in styles]:
        link = styles.add_style("Hyperlink", WD_STYLE_TYPE.CHARACTER)
        link.font.color.rgb = RGBColor(0x05, 0x63, 0xC1)
        link.font.underline = True

    label = styles.add_style("Veldnaam", WD_STYLE_TYPE.PARAGRAPH)
    label.base_style = normal
    label.paragraph_format.space_after = Pt(2)
    label.paragraph_format.left_indent = Cm(4.5)
    label.paragraph_format.first_line_indent = Cm(-4.5)
    label.paragraph_format.tab_stops.add_tab_stop(Cm(4.5), WD_TAB_ALIGNMENT.LEFT)

    toelichting = styles.add_style("Toelichting", WD_STYLE_TYPE.PARAGRAPH)
    toelichting.base_style = normal
    toelichting.paragraph_format.left_indent = Cm(0.63)
    toelichting.paragraph_format.space_after = Pt(8)

    cell_style = styles.add_style("Tabel", WD_STYLE_TYPE.PARAGRAPH)
    cell_style.base_style = normal
    cell_style.font.size = Pt(9.5)
    cell_style.paragraph_format.space_after = Pt(2)
    cell_style.paragraph_format.line_spacing = 1.05

    small = styles.add_style("Klein", WD_STYLE_TYPE.PARAGRAPH)
    small.base_style = normal
    small.font.size = Pt(9)
    small.font.color.rgb = GREY

    props = doc.core_properties
    props.title = title
    props.author = "Gemeente"
    props.last_modified_by = "Gemeente"
    props.language = "nl-NL"
    props.created = props.modified = dt.datetime(2014, 1, 1)
    props.comments = ""
    return doc


def tag(doc, text: str) -> None:
    """A paragraph that holds only a docxtpl block tag (it disappears when rendered)."""
    doc.add_paragraph(text)


def field(doc, name: str, value: str) -> None:
    p = doc.add_paragraph(style="Veldnaam")
    p.add_run(name).bold = True
    p.add_run("\t" + value)


def _shade(cell, fill: str) -> None:
    tc_pr = cell._tc.get_or_add_tcPr()
    shd = OxmlElement("w:shd")
    shd.set(qn("w:val"), "clear")
    shd.set(qn("w:color"), "auto")
    shd.set(qn("w:fill"), fill)
    tc_pr.append(shd)


def _repeat_header(row) -> None:
    tr_pr = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    tr_pr.append(header)
    cant_split = OxmlElement("w:cantSplit")
    tr_pr.append(cant_split)


def table(
    doc,
    headers: list[str],
    cells: list[str],
    widths: list[float],
    loop: str,
    *,
    bold_first: bool = False,
    keep_together: bool = False,
) -> None:
    """A table: one repeating header row, then one templated row inside a ``{%tr for %}``.

    Cells use the smaller "Tabel" style (long Dutch words fit narrow columns); the header
    never stands alone at the foot of a page; ``keep_together`` keeps a short table whole.
    """
    t = doc.add_table(rows=4, cols=len(headers))
    t.style = doc.styles["Table Grid"]
    t.alignment = WD_TABLE_ALIGNMENT.LEFT
    t.autofit = False
    for row in t.rows:
        for cell, width in zip(row.cells, widths, strict=True):
            cell.width = Cm(width)
    # LibreOffice lays out by the table grid, not the cell widths: set both.
    for grid_col, width in zip(t._tbl.tblGrid.findall(qn("w:gridCol")), widths, strict=True):
        grid_col.set(qn("w:w"), str(int(Cm(width).twips)))
    tbl_pr = t._tbl.tblPr
    layout = OxmlElement("w:tblLayout")
    layout.set(qn("w:type"), "fixed")
    tbl_pr.append(layout)
    header = t.rows[0]
    _repeat_header(header)
    for cell, text in zip(header.cells, headers, strict=True):
        cell.text = ""
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        run.font.color.rgb = RGBColor(0xFF, 0xFF, 0xFF)
        _shade(cell, "9E1B32")
    t.rows[1].cells[0].text = loop
    for index, (cell, text) in enumerate(zip(t.rows[2].cells, cells, strict=True)):
        cell.text = ""
        lines = text.split("\n")
        first = cell.paragraphs[0]
        run = first.add_run(lines[0])
        run.bold = bold_first and index == 0
        for extra in lines[1:]:
            cell.add_paragraph(extra)
        for paragraph in cell.paragraphs:
            paragraph.paragraph_format.space_after = Pt(2)
    t.rows[3].cells[0].text = "{%tr endfor %}"
    t.rows[2]._tr.get_or_add_trPr().append(OxmlElement("w:cantSplit"))
    for row_index in (0, 2):
        for cell in t.rows[row_index].cells:
            for paragraph in cell.paragraphs:
                paragraph.style = doc.styles["Tabel"]
                paragraph.paragraph_format.keep_with_next = row_index == 0 or keep_together
    if doc.paragraphs:
        doc.paragraphs[-1].paragraph_format.keep_with_next = True
    doc.add_paragraph()


def paragraphs(doc, var: str, style: str | None = None) -> None:
    tag(doc, f"{{%p for alinea in {var} %}}")
    doc.add_paragraph("{{ alinea }}", style=style)
    tag(doc, "{%p endfor %}")


def collegevoorstel() -> None:
    doc = new_document("Sjabloon collegevoorstel")
    doc.add_paragraph("Collegevoorstel", style="Title")
    doc.add_paragraph("Gemeente {{ gemeente.naam }}", style="Subtitle")
    field(doc, "Onderwerp", "{{ onderwerp }}")
    field(doc, "Kenmerk", "{{ kenmerk }}")
    field(doc, "Collegevergadering", "{{ collegevergadering|datum }}")
    field(doc, "Portefeuillehouder", "{{ portefeuillehouder }}")
    field(doc, "Afdeling", "{{ afdeling }}")
    tag(doc, "{%p if steller.naam %}")
    field(
        doc,
        "Steller",
        "{{ steller.naam }}{% if steller.telefoon %}, tel. {{ steller.telefoon }}"
        "{% endif %}{% if steller.email %}, {{ steller.email }}{% endif %}",
    )
    tag(doc, "{%p endif %}")
    tag(doc, "{%p if embargo_tot %}")
    field(doc, "Openbaar vanaf", "{{ embargo_tot|datum }}")
    tag(doc, "{%p endif %}")

    doc.add_heading("1. Inleiding", level=1)
    tag(doc, "{%p for deel in inleiding %}")
    tag(doc, "{%p if deel.kop is defined %}")
    doc.add_heading("{{ deel.kop }}", level=2)
    tag(doc, "{%p endif %}")
    tag(doc, "{%p for alinea in deel.alineas %}")
    doc.add_paragraph("{{ alinea }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p endfor %}")

    doc.add_heading("2. Besluitpunten college", level=1)
    tag(doc, "{%p for punt in besluitpunten %}")
    doc.add_paragraph("{{ punt }}", style="List Number")
    tag(doc, "{%p endfor %}")

    doc.add_heading("3. Beoogd resultaat", level=1)
    paragraphs(doc, "beoogd_resultaat")

    doc.add_heading("4. Argumenten", level=1)
    tag(doc, "{%p for argument in argumenten %}")
    p = doc.add_paragraph(style="List Bullet")
    p.add_run("{{ argument.stelling }}").bold = True
    doc.add_paragraph("{{ argument.toelichting }}", style="Toelichting")
    tag(doc, "{%p endfor %}")

    doc.add_heading("5. Kanttekeningen", level=1)
    tag(doc, "{%p for kanttekening in kanttekeningen %}")
    p = doc.add_paragraph(style="List Bullet")
    p.add_run("{{ kanttekening.stelling }}").bold = True
    doc.add_paragraph("{{ kanttekening.toelichting }}", style="Toelichting")
    tag(doc, "{%p endfor %}")

    doc.add_heading("6. Uitvoering", level=1)
    paragraphs(doc, "uitvoering")
    doc.add_heading("Communicatie", level=2)
    paragraphs(doc, "communicatie")

    doc.add_heading("7. Bijlagen", level=1)
    paragraphs(doc, "bijlagen_toelichting")
    tag(doc, "{%p for b in bijlagen %}")
    doc.add_paragraph("Bijlage {{ b.nummer }}: {{ b.titel }}", style="List Bullet")
    tag(doc, "{%p endfor %}")

    closing = doc.add_paragraph("Het college van burgemeester en wethouders,")
    closing.paragraph_format.space_before = Pt(18)
    closing.paragraph_format.keep_with_next = True
    for _ in range(2):
        blank = doc.add_paragraph()
        blank.paragraph_format.keep_with_next = True
    sign = doc.add_paragraph("de secretaris\tde burgemeester")
    sign.paragraph_format.tab_stops.add_tab_stop(Cm(9.0), WD_TAB_ALIGNMENT.LEFT)
    save(doc, ROOT / "templates" / "collegevoorstel.docx")


def gebiedsopgave() -> None:
    doc = new_document("Sjabloon gebiedsopgave")
    doc.add_paragraph("Gebiedsopgave {{ periode }} stadsdeel {{ stadsdeel }}", style="Title")
    doc.add_paragraph(
        "Gemeente {{ gemeente.naam }} · bij collegevoorstel {{ kenmerk }} · "
        "collegevergadering {{ collegevergadering|datum }}",
        style="Subtitle",
    )
    doc.add_heading("Inleiding", level=1)
    paragraphs(doc, "inleiding")
    doc.add_heading("Het stadsdeel {{ stadsdeel }}", level=1)
    paragraphs(doc, "karakter")
    doc.add_heading("Kerncijfers", level=2)
    table(
        doc,
        ["Indicator", "Waarde"],
        ["{{ k.indicator }}", "{{ k.waarde }}"],
        [11.0, 5.0],
        "{%tr for k in kerncijfers %}",
        keep_together=True,
    )
    doc.add_heading("Opgaven per pijler", level=1)
    tag(doc, "{%p for pijler in pijlers %}")
    doc.add_heading("Pijler {{ pijler.naam|lower }}", level=2)
    ambitie = doc.add_paragraph()
    ambitie.add_run("Ambitie 2018: ").bold = True
    ambitie.add_run("{{ pijler.ambitie }}").italic = True
    doc.add_heading("Doelstellingen", level=3)
    tag(doc, "{%p for d in pijler.doelstellingen %}")
    doc.add_paragraph("{{ d }}", style="List Bullet")
    tag(doc, "{%p endfor %}")
    doc.add_heading("Prioriteiten 2014-2018", level=3)
    tag(doc, "{%p for d in pijler.prioriteiten %}")
    doc.add_paragraph("{{ d }}", style="List Bullet")
    tag(doc, "{%p endfor %}")
    doc.add_heading("Beoogde resultaten", level=3)
    table(
        doc,
        ["Resultaat", "Indicator", "Streefwaarde"],
        ["{{ r.resultaat }}", "{{ r.indicator }}", "{{ r.streefwaarde }}"],
        [6.5, 5.5, 4.0],
        "{%tr for r in pijler.resultaten %}",
    )
    tag(doc, "{%p endfor %}")
    doc.add_heading("Partners in {{ stadsdeel }}", level=1)
    doc.add_paragraph("De opgave wordt uitgevoerd samen met onder meer:")
    tag(doc, "{%p for partner in partners %}")
    doc.add_paragraph("{{ partner }}", style="List Bullet")
    tag(doc, "{%p endfor %}")
    save(doc, ROOT / "templates" / "gebiedsopgave.docx")


def gebiedsprogramma() -> None:
    doc = new_document("Sjabloon gebiedsprogramma")
    doc.add_paragraph("Gebiedsprogramma {{ jaar }} stadsdeel {{ stadsdeel }}", style="Title")
    doc.add_paragraph(
        "Gemeente {{ gemeente.naam }} · jaarschijf {{ jaar }} van de gebiedsopgave"
        " · bij collegevoorstel {{ kenmerk }}",
        style="Subtitle",
    )
    doc.add_heading("Inleiding", level=1)
    paragraphs(doc, "inleiding")
    doc.add_heading("Projecten en activiteiten {{ jaar }}", level=1)
    tag(doc, "{%p for pijler in pijlers %}")
    doc.add_heading("Pijler {{ pijler.naam|lower }}", level=2)
    doc.add_paragraph("{{ pijler.toelichting }}")
    table(
        doc,
        ["Project en activiteiten", "Partners", "Planning", "Bestaand budget"],
        [
            "{{ p.naam }}\n{{ p.omschrijving }}\nActiviteiten: {{ p.activiteiten|join('; ') }}",
            "{{ p.partners }}",
            "{{ p.planning }}",
            "{{ p.budget }}\n{{ p.bedrag|bedrag }}",
        ],
        [6.0, 3.8, 2.4, 3.8],
        "{%tr for p in pijler.projecten %}",
        bold_first=True,
    )
    tag(doc, "{%p endfor %}")
    doc.add_heading("Financiën", level=1)
    doc.add_paragraph(
        "Alle projecten en activiteiten worden betaald uit bestaande budgetten; "
        "het programma vraagt geen extra middelen."
    )
    table(
        doc,
        ["Pijler", "Aantal projecten", "Bedrag uit bestaande budgetten"],
        [
            "{{ pijler.naam }}",
            "{{ pijler.projecten|length }}",
            "{{ pijler.projecten|sum(attribute='bedrag')|bedrag }}",
        ],
        [6.0, 4.0, 6.0],
        "{%tr for pijler in pijlers %}",
        keep_together=True,
    )
    totaal = doc.add_paragraph()
    totaal.add_run(
        "Totaal: {{ pijlers|map(attribute='projecten')|sum(start=[])"
        "|sum(attribute='bedrag')|bedrag }}"
    ).bold = True
    doc.add_heading("Contact", level=1)
    doc.add_paragraph("{{ contact }}")
    save(doc, ROOT / "templates" / "gebiedsprogramma.docx")


def voorbeeld_vormgeving() -> None:
    source = ROOT / "bijlagen" / "voorbeeld-vormgeving-tekst.yaml"
    data = yaml.safe_load(source.read_text(encoding="utf-8"))
    doc = new_document(data["titel"])
    props = doc.core_properties
    props.author = "Gemeente Haarlem"
    title = doc.add_paragraph(data["titel"], style="Title")
    title.paragraph_format.space_after = Pt(2)
    doc.add_paragraph(data["ondertitel"], style="Subtitle")
    intro = doc.add_paragraph(data["intro"])
    intro.runs[0].font.size = Pt(13)
    intro.paragraph_format.space_after = Pt(14)
    for blok in data["blokken"]:
        doc.add_heading(blok["kop"], level=1)
        doc.add_paragraph(blok["tekst"])
    doc.add_paragraph()
    doc.add_paragraph(data["colofon"], style="Klein")
    save(doc, ROOT / "bijlagen" / "voorbeeld-vormgeving.docx")


if __name__ == "__main__":
    (ROOT / "templates").mkdir(exist_ok=True)
    collegevoorstel()
    gebiedsopgave()
    gebiedsprogramma()
    if (ROOT / "bijlagen" / "voorbeeld-vormgeving-tekst.yaml").exists():
        voorbeeld_vormgeving()
    else:
        print("bijlagen/voorbeeld-vormgeving-tekst.yaml missing: skipped", file=sys.stderr)
