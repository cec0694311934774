"""Recreate the foreign Word corpus in this folder (committed; run only to change it).

``python tests/corpus/word/make_word.py`` (needs ``soffice`` 7.4 and ``/opt/lo25/soffice``)

Templates — each fits the data of ``tests/cases/minimal``'s bijlage ``notitie`` (``titel``,
``alineas[]``, ``rijen[]`` with ``naam`` and ``waarde``), so a test puts it in place of
``templates/notitie.docx``. Each has a logo image in the header, a footnote holding a tag,
a ``{%p for %}`` loop, ``{%tr for %}`` table rows in a landscape section and a content
control (``w:sdt``) holding a tag:

- ``template-python-docx.docx``: written with python-docx (tools/make_templates.py's house
  style), the source of the others;
- ``template-writer-7.4.docx``, ``template-writer-25.2.docx``: that file opened and saved
  by LibreOffice Writer 7.4 and 25.2 as "Word 2007–365" (filter ``MS Word 2007 XML``, what
  ``soffice --convert-to docx`` picks);
- ``template-writer-7.4-ooxml.docx``, ``template-writer-25.2-ooxml.docx``: saved as "Office
  Open XML Text (Transitional)" (filter ``Office Open XML Text``): this dialect relates
  ``docProps/core.xml`` with the type ``…/officedocument/2006/relationships/metadata/
  core-properties``, which python-docx does not know; it then adds a second core.xml;
- ``template-word.docx``: no Word is available here, so this is built by hand from the
  python-docx file with the parts Word 365 typically writes: ``compatibilityMode`` 15 in the
  settings, Word 16 in ``docProps/app.xml``, custom properties (a sensitivity label), a
  second customXml item (SharePoint document properties) and ``w14:paraId`` on paragraphs.

Ready-made bijlagen with tracked changes and comments (``tracked-changes.docx``: no Word
here, so the revisions are written into python-docx's XML by hand, as Word 365 writes them;
``tracked-changes.odt``: that file saved by Writer 7.4, which keeps them as ODF tracked
changes and annotations). Each marker word stands in one kind of change only, so a test can
tell which text reached the PDF: ``Ingevoegdkwartel`` inserted, ``Geschraptkwartel``
deleted, ``Opmerkingkwartel`` in a comment, ``Verplaatstkwartel`` moved, ``Kopgeschrapt``
deleted in the header, ``Voetingevoegd`` inserted in the footer, ``Voetnootgeschrapt`` deleted
in a footnote; ``Vetkwartel`` made bold (a formatting change) and the mark between
``Eerstedeel`` and ``Tweededeel`` deleted (the paragraphs join when accepted). The header and
footer stand where Word puts them by default (1.25 cm from the edge).

A letterhead as offices make them (``letterhead.docx``, python-docx and hand-made anchors):
the gemeente's logo anchored to the page 0.4 cm from the top edge in the header, a second
one aligned to the page's bottom edge in the footer, header and footer text at Word's
default 1.25 cm: all of it where the bundle stamps.

Ready-made bijlagen with template tags the sender forgot (``{{ titel }}`` split over runs as
Word splits an edited field, ``{{p bijlage_tekst }}``, ``{% if ... %}`` and one in the
header): ``leftover-tags.docx`` (python-docx), ``leftover-tags-writer.docx`` (saved by Writer
7.4 as Office Open XML Text) and ``leftover-tags.odt`` (saved by Writer 7.4).
"""

from __future__ import annotations

import io
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls
from docx.shared import Cm
from PIL import Image, ImageDraw

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT / "tools"))
from make_templates import new_document, save, table, tag  # noqa: E402

HERE = Path(__file__).resolve().parent
WRITERS = {"7.4": "soffice", "25.2": "/opt/lo25/soffice"}

FOOTNOTES = (
    f"<w:footnotes {nsdecls('w')}>"
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
    "</w:r></w:p></w:footnote>"
    '<w:footnote w:id="1"><w:p><w:pPr><w:spacing w:after="0"/><w:rPr><w:sz w:val="18"/></w:rPr>'
    '</w:pPr><w:r><w:rPr><w:vertAlign w:val="superscript"/><w:sz w:val="18"/></w:rPr>'
    '<w:footnoteRef/></w:r><w:r><w:rPr><w:sz w:val="18"/></w:rPr><w:t xml:space="preserve"> '
    "Voetnoot: bron gemeente {{ gemeente.naam }}, kenmerk {{ kenmerk }}.</w:t></w:r></w:p>"
    "</w:footnote></w:footnotes>"
)


def logo() -> bytes:
    """A small PNG: the gemeente's logo stand-in (a red shield and a band)."""
    image = Image.new("RGB", (240, 80), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.rectangle((4, 4, 70, 76), fill=(158, 27, 50))
    draw.rectangle((84, 30, 236, 50), fill=(85, 85, 85))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def _footnote(doc: Any) -> None:
    name = PackURI("/word/footnotes.xml")
    part = Part(name, CT.WML_FOOTNOTES, FOOTNOTES.encode(), doc.part.package)
    doc.part.relate_to(part, RT.FOOTNOTES)
    paragraph = doc.add_paragraph("Deze notitie hoort bij collegebesluit {{ kenmerk }}.")
    paragraph._p.append(
        parse_xml(
            f'<w:r {nsdecls("w")}><w:rPr><w:vertAlign w:val="superscript"/></w:rPr>'
            '<w:footnoteReference w:id="1"/></w:r>'
        )
    )


def _content_control(doc: Any) -> None:
    paragraph = doc.add_paragraph("Onderwerp: ")
    paragraph._p.append(
        parse_xml(
            f'<w:sdt {nsdecls("w")}><w:sdtPr><w:alias w:val="Onderwerp"/>'
            '<w:tag w:val="onderwerp"/><w:id w:val="424242"/><w:text/></w:sdtPr>'
            "<w:sdtContent><w:r><w:t>{{ onderwerp }}</w:t></w:r></w:sdtContent></w:sdt>"
        )
    )


def python_docx_template(path: Path) -> None:
    doc = new_document("Notitie (vreemd sjabloon)")
    section = doc.sections[0]
    # The logo stands below the band the bundle stamps (the top 1.9 cm stay free).
    section.header_distance, section.top_margin = Cm(2.0), Cm(3.4)
    header = section.header.paragraphs[0]
    header.alignment = WD_ALIGN_PARAGRAPH.RIGHT
    picture = header.add_run().add_picture(io.BytesIO(logo()), height=Cm(0.9))
    picture._inline.docPr.set("descr", "Logo van de gemeente")  # alternative text
    doc.add_paragraph("{{ titel }}", style="Title")
    _content_control(doc)
    doc.add_heading("Inhoud", level=1)
    tag(doc, "{%p for alinea in alineas %}")
    doc.add_paragraph("{{ alinea }}")
    tag(doc, "{%p endfor %}")
    _footnote(doc)
    landscape = doc.add_section(WD_SECTION.NEW_PAGE)
    landscape.orientation = WD_ORIENT.LANDSCAPE
    landscape.page_width, landscape.page_height = Cm(29.7), Cm(21.0)
    doc.add_heading("Cijfers (liggend)", level=2)
    cells = ["{{ r.naam }}", "{{ r.waarde }}"]
    table(doc, ["Naam", "Waarde"], cells, [14.0, 8.0], "{%tr for r in rijen %}")
    save(doc, path)


_APP = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<Template>Normal.dotm</Template><TotalTime>3</TotalTime><Pages>2</Pages><Words>40</Words>"
    "<Application>Microsoft Office Word</Application><DocSecurity>0</DocSecurity>"
    "<Lines>4</Lines><Paragraphs>3</Paragraphs><ScaleCrop>false</ScaleCrop>"
    "<Company>Gemeente Proefdorp</Company><LinksUpToDate>false</LinksUpToDate>"
    "<CharactersWithSpaces>300</CharactersWithSpaces><SharedDoc>false</SharedDoc>"
    "<HyperlinksChanged>false</HyperlinksChanged><AppVersion>16.0000</AppVersion></Properties>"
)
_CUSTOM = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties" '
    'xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" name="ContentTypeId">'
    "<vt:lpwstr>0x0101009A6C2B5E0C1D4F4B8E2A3C4D5E6F7A8B</vt:lpwstr></property>"
    '<property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="3" '
    'name="MSIP_Label_0b1c2d3e-0000-4000-8000-000000000001_Enabled"><vt:lpwstr>true</vt:lpwstr>'
    "</property></Properties>"
)
_ITEM = (
    '<?xml version="1.0" encoding="UTF-8" standalone="no"?>'
    '<p:properties xmlns:p="http://schemas.microsoft.com/office/2006/metadata/properties" '
    'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"><documentManagement>'
    '<Zaaknummer xmlns="http://example.org/proefdorp">Z-2020-123</Zaaknummer>'
    "</documentManagement></p:properties>"
)
_ITEM_PROPS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="no"?>'
    '<ds:datastoreItem ds:itemID="{6E0C9A1B-1234-4C5D-9E8F-0A1B2C3D4E5F}" '
    'xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml">'
    '<ds:schemaRefs><ds:schemaRef ds:uri="http://schemas.microsoft.com/office/2006/metadata/properties"/>'
    "</ds:schemaRefs></ds:datastoreItem>"
)
_ITEM_RELS = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/customXmlProps" Target="itemProps2.xml"/></Relationships>'
)


def word_like(source: Path, path: Path) -> None:
    """``source`` with the parts and markup Word 365 writes (built by hand: no Word here)."""
    with zipfile.ZipFile(source) as archive:
        parts = {name: archive.read(name) for name in archive.namelist()}
    parts["docProps/app.xml"] = _APP.encode()
    parts["docProps/custom.xml"] = _CUSTOM.encode()
    parts["customXml/item2.xml"] = _ITEM.encode()
    parts["customXml/itemProps2.xml"] = _ITEM_PROPS.encode()
    parts["customXml/_rels/item2.xml.rels"] = _ITEM_RELS.encode()
    settings = parts["word/settings.xml"].decode()
    settings = re.sub(r'(w:name="compatibilityMode" [^>]*w:val=)"14"', r'\1"15"', settings)
    parts["word/settings.xml"] = settings.encode()
    counter = iter(range(0x1A2B3C00, 0x1A2B3FFF))
    document = re.sub(
        r"<w:p(?=[ >])",
        lambda _: f'<w:p w14:paraId="{next(counter):08X}" w14:textId="77777777" w:rsidR="00A1B2C3"',
        parts["word/document.xml"].decode(),
    )
    parts["word/document.xml"] = document.encode()
    types = (
        parts["[Content_Types].xml"]
        .decode()
        .replace(
            "</Types>",
            '<Override PartName="/docProps/custom.xml" ContentType="application/vnd.openxmlformats-'
            'officedocument.custom-properties+xml"/><Override PartName="/customXml/itemProps2.xml" '
            'ContentType="application/vnd.openxmlformats-officedocument.customXmlProperties+xml"/>'
            "</Types>",
        )
    )
    parts["[Content_Types].xml"] = types.encode()
    rels = (
        parts["_rels/.rels"]
        .decode()
        .replace(
            "</Relationships>",
            '<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/custom-properties" Target="docProps/custom.xml"/></Relationships>',
        )
    )
    parts["_rels/.rels"] = rels.encode()
    doc_rels = (
        parts["word/_rels/document.xml.rels"]
        .decode()
        .replace(
            "</Relationships>",
            '<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
            'relationships/customXml" Target="../customXml/item2.xml"/></Relationships>',
        )
    )
    parts["word/_rels/document.xml.rels"] = doc_rels.encode()
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as target:
        for name, data in parts.items():
            target.writestr(name, data)


def leftover_tags(path: Path) -> None:
    doc = new_document("Brief met vergeten velden")
    doc.sections[0].header.paragraphs[0].text = "Kenmerk: {{ kenmerk }}"
    doc.add_paragraph("Brief van de wijkraad", style="Title")
    paragraph = doc.add_paragraph()
    for piece in ("Geachte {", "{ ti", "tel }", "},"):  # as Word saves an edited field
        paragraph.add_run(piece).bold = piece.startswith("{ ti")
    doc.add_paragraph("{{p bijlage_tekst }}")
    doc.add_paragraph("{% if spoed %}Met spoed.{% endif %}")
    doc.add_paragraph("Met vriendelijke groet, de wijkraad.")
    save(doc, path)


_REV = 'w:author="Recensent Kwartel" w:date="2026-03-02T10:00:00Z"'


def _rev(kind: str, number: int, text: str) -> str:
    """A run of ``text`` inside a tracked ``w:ins``, ``w:del``, ``w:moveFrom`` or ``w:moveTo``."""
    tag = "w:delText" if kind in ("del", "moveFrom") else "w:t"
    run = f'<w:r><{tag} xml:space="preserve">{text}</{tag}></w:r>'
    return f'<w:{kind} w:id="{number}" {_REV}>{run}</w:{kind}>'


def _plain(text: str) -> str:
    return f'<w:r><w:t xml:space="preserve">{text}</w:t></w:r>'


_TRACKED_BODY = [
    _plain("Brief van de wijkraad met wijzigingen."),
    _plain("Wij vragen ")
    + _rev("ins", 11, "Ingevoegdkwartel ")
    + _plain("om een speeltuin")
    + _rev("del", 12, " Geschraptkwartel")
    + _plain("."),
    _plain("De buurt ")
    + '<w:commentRangeStart w:id="0"/>'
    + _plain("steunt het plan")
    + '<w:commentRangeEnd w:id="0"/>'
    + '<w:r><w:rPr><w:rStyle w:val="CommentReference"/></w:rPr><w:commentReference w:id="0"/>'
    + "</w:r>"
    + _plain(" van harte."),
    '<w:moveFromRangeStart w:id="13" w:name="move1" '
    + _REV
    + "/>"
    + _rev("moveFrom", 14, "Verplaatstkwartel staat eerst hier. ")
    + '<w:moveFromRangeEnd w:id="13"/>'
    + _plain("Tussenzin."),
    _plain("Een woord in ")
    + '<w:r><w:rPr><w:b/><w:rPrChange w:id="15" '
    + _REV
    + "><w:rPr/></w:rPrChange></w:rPr>"
    + '<w:t xml:space="preserve">Vetkwartel</w:t></w:r>'
    + _plain(" is vet gemaakt."),
    '<w:moveToRangeStart w:id="16" w:name="move1" '
    + _REV
    + "/>"
    + _rev("moveTo", 17, "Verplaatstkwartel staat eerst hier. ")
    + '<w:moveToRangeEnd w:id="16"/>'
    + _plain("Slotzin van de verplaatsing."),
]
_JOINED = (
    f'<w:p><w:pPr><w:rPr><w:del w:id="18" {_REV}/></w:rPr></w:pPr>{_plain("Eerstedeel")}</w:p>'
    f"<w:p>{_plain(' Tweededeel')}"
    '<w:r><w:rPr><w:vertAlign w:val="superscript"/></w:rPr><w:footnoteReference w:id="1"/>'
    "</w:r></w:p>"
)
_COMMENTS = (
    f"<w:comments {nsdecls('w')}>"
    '<w:comment w:id="0" w:author="Recensent Kwartel" w:date="2026-03-02T10:00:00Z" '
    'w:initials="RK"><w:p><w:r><w:annotationRef/></w:r>'
    "<w:r><w:t>Opmerkingkwartel: klopt dit wel?</w:t></w:r></w:p></w:comment></w:comments>"
)
_TRACKED_FOOTNOTES = FOOTNOTES.replace(
    "Voetnoot: bron gemeente {{ gemeente.naam }}, kenmerk {{ kenmerk }}.</w:t></w:r>",
    "Voetnoot van de wijkraad.</w:t></w:r>" + _rev("del", 19, " Voetnootgeschrapt"),
)


def tracked_changes(path: Path) -> None:
    """A ready-made letter with tracked changes and a comment (see the module docstring)."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.header_distance, section.footer_distance = Cm(1.25), Cm(1.25)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.5)
    header = section.header.paragraphs[0]._p
    header.append(parse_xml(f"<w:r {nsdecls('w')}><w:t>Wijkraad Proefdorp</w:t></w:r>"))
    header.append(
        parse_xml(
            f'<w:del {nsdecls("w")} w:id="20" {_REV}><w:r>'
            '<w:delText xml:space="preserve"> Kopgeschrapt</w:delText>'
            "</w:r></w:del>"
        )
    )
    footer = section.footer.paragraphs[0]._p
    footer.append(
        parse_xml(f'<w:r {nsdecls("w")}><w:t xml:space="preserve">Dorpsstraat 1 </w:t></w:r>')
    )
    footer.append(
        parse_xml(
            f'<w:ins {nsdecls("w")} w:id="21" {_REV}><w:r><w:t>Voetingevoegd</w:t></w:r></w:ins>'
        )
    )
    body = doc.element.body
    sect = body[-1]
    for content in _TRACKED_BODY:
        sect.addprevious(parse_xml(f"<w:p {nsdecls('w')}>{content}</w:p>"))
    for paragraph in parse_xml(f"<w:body {nsdecls('w')}>{_JOINED}</w:body>"):
        sect.addprevious(paragraph)
    notes = Part(
        PackURI("/word/footnotes.xml"),
        CT.WML_FOOTNOTES,
        _TRACKED_FOOTNOTES.encode(),
        doc.part.package,
    )
    doc.part.relate_to(notes, RT.FOOTNOTES)
    comments = Part(
        PackURI("/word/comments.xml"), CT.WML_COMMENTS, _COMMENTS.encode(), doc.part.package
    )
    doc.part.relate_to(comments, RT.COMMENTS)
    doc.core_properties.author = "Wijkraad Proefdorp"
    doc.save(str(path))


def _anchored(inline: Any, vertical: str) -> None:
    """Turn a picture python-docx placed inline into one anchored to the page, placed
    ``vertical`` (``<wp:posOffset>…</wp:posOffset>`` or ``<wp:align>…</wp:align>``)."""
    keep = {"extent", "docPr", "cNvGraphicFramePr", "graphic"}
    parts = {child.tag.split("}")[1]: child for child in inline if child.tag.split("}")[1] in keep}
    anchor = parse_xml(
        f'<wp:anchor {nsdecls("wp")} distT="0" distB="0" distL="0" distR="0" simplePos="0" '
        'relativeHeight="2" behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="page"><wp:posOffset>'
        f'{int(Cm(15.5))}</wp:posOffset></wp:positionH><wp:positionV relativeFrom="page">'
        f"{vertical}</wp:positionV></wp:anchor>"
    )
    anchor.append(parts["extent"])
    anchor.append(parse_xml(f'<wp:effectExtent {nsdecls("wp")} l="0" t="0" r="0" b="0"/>'))
    anchor.append(parse_xml(f"<wp:wrapNone {nsdecls('wp')}/>"))
    for name in ("docPr", "cNvGraphicFramePr", "graphic"):
        anchor.append(parts[name])
    inline.getparent().replace(inline, anchor)


def letterhead(path: Path) -> None:
    """A letter on the wijkraad's letterhead (see the module docstring)."""
    doc = Document()
    section = doc.sections[0]
    section.page_width, section.page_height = Cm(21.0), Cm(29.7)
    section.header_distance, section.footer_distance = Cm(1.25), Cm(1.25)
    section.top_margin, section.bottom_margin = Cm(2.5), Cm(2.5)
    header = section.header.paragraphs[0]
    header.add_run("Wijkraad Proefdorp")
    top = header.add_run().add_picture(io.BytesIO(logo()), height=Cm(1.0))
    top._inline.docPr.set("descr", "Logo van de wijkraad")
    _anchored(top._inline, f"<wp:posOffset>{int(Cm(0.4))}</wp:posOffset>")
    footer = section.footer.paragraphs[0]
    footer.add_run("Dorpsstraat 1, Proefdorp")
    bottom = footer.add_run().add_picture(io.BytesIO(logo()), height=Cm(0.8))
    bottom._inline.docPr.set("descr", "Beeldmerk van de wijkraad")
    _anchored(bottom._inline, "<wp:align>bottom</wp:align>")
    doc.add_paragraph("Brief van de wijkraad op briefpapier.")
    doc.add_paragraph("Wij vragen het college om een speeltuin.")
    doc.core_properties.author = "Wijkraad Proefdorp"
    doc.save(str(path))


def writer(version: str, source: Path, target: Path, kind: str = "docx") -> None:
    """``source`` opened and saved by LibreOffice Writer ``version`` as ``target``."""
    soffice = WRITERS[version]
    filters = {
        "docx": "docx:MS Word 2007 XML",
        "ooxml": "docx:Office Open XML Text",
        "odt": "odt:writer8",
    }
    with tempfile.TemporaryDirectory() as work:
        folder = Path(work)
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                "--headless",
                "--convert-to",
                filters[kind],
                "--outdir",
                str(folder / "out"),
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=300,
        )
        shutil.copyfile(folder / "out" / f"{source.stem}{target.suffix}", target)


def main() -> None:
    source = HERE / "template-python-docx.docx"
    python_docx_template(source)
    word_like(source, HERE / "template-word.docx")
    for version in WRITERS:
        with tempfile.TemporaryDirectory() as work:
            copy = Path(work) / "template.docx"
            shutil.copyfile(source, copy)
            writer(version, copy, HERE / f"template-writer-{version}.docx")
            writer(version, copy, HERE / f"template-writer-{version}-ooxml.docx", kind="ooxml")
    leftover_tags(HERE / "leftover-tags.docx")
    with tempfile.TemporaryDirectory() as work:
        copy = Path(work) / "leftover.docx"
        shutil.copyfile(HERE / "leftover-tags.docx", copy)
        writer("7.4", copy, HERE / "leftover-tags-writer.docx", kind="ooxml")
        writer("7.4", copy, HERE / "leftover-tags.odt", kind="odt")
    tracked_changes(HERE / "tracked-changes.docx")
    letterhead(HERE / "letterhead.docx")
    with tempfile.TemporaryDirectory() as work:
        copy = Path(work) / "tracked-changes.docx"
        shutil.copyfile(HERE / "tracked-changes.docx", copy)
        writer("7.4", copy, HERE / "tracked-changes.odt", kind="odt")


if __name__ == "__main__":
    main()
