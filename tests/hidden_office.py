"""A ready-made .docx and .odt in which every place Word or Writer keeps something it does not
show holds its own marker word, beside marker words it does show (for
tests/render/test_readymade_public_copy.py). Written part by part, as Word and Writer write them."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from PIL import Image
from PIL.PngImagePlugin import PngInfo

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"
WML = "application/vnd.openxmlformats-officedocument.wordprocessingml"
OFFICE = "application/vnd.openxmlformats-officedocument"
XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
NS = (
    f'xmlns:w="{W}" xmlns:r="{REL}" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"'
)

DOCX_SHOWN = (
    "Zichtbaarkwak",  # body text
    "Kopkwak",  # header
    "Voetnootkwak",  # footnote
    "Veldresultaatkwak",  # the result an INCLUDETEXT field shows
    "Keuzekwak",  # the chosen item of a drop-down content control
    "Keuzelijstkwak",  # the text of a content control
    "Tekstvakkwak",  # the text box of the mc:Choice
    "Linkkwak",  # the text of a link to a bookmark
)
DOCX_HIDDEN = (
    "Verborgenkwak",  # w:vanish on the run
    "Stijlverborgenkwak",  # in a character style with w:vanish
    "Alineaverborgenkwak",  # in a paragraph style with w:vanish
    "Veldpadkwak",  # the path in an INCLUDETEXT field's code
    "Eigenschapkwak",  # a DOCPROPERTY field's code
    "Auteurveldkwak",  # a simple AUTHOR field's code (its result is empty)
    "Formulierhulpkwak",  # a legacy form field's help text
    "Bladwijzerkwak",  # a bookmark's name
    "Aliaskwak",  # a content control's title
    "Labelkwak",  # a content control's tag
    "Lijstitemkwak",  # an item of a drop-down not chosen
    "Afbeeldingnaamkwak",  # a picture's name
    "Verborgenfotokwak",  # the alt text of a hidden picture
    "Terugvalkwak",  # the text of an mc:Fallback
    "Schermtipkwak",  # a link's screen tip
    "Padlinkkwak",  # a link to a file on a disk
    "Bouwsteenkwak",  # the glossary document
    "Variabelekwak",  # a document variable
    "Sjabloonkwak",  # the attached template's path
    "Maatwerkxmlkwak",  # a custom XML part
    "Bedrijfkwak",  # docProps/app.xml Company
    "Eigenwaardekwak",  # docProps/custom.xml
    "Categoriekwak",  # docProps/core.xml category
    "Jpegcommentaarkwak",  # a photo's JPEG COM segment
    "Exifmakerkwak",  # the photo's EXIF Artist
    "Pngtekstkwak",  # a PNG tEXt chunk
    "Miniatuurkwak",  # docProps/thumbnail
    "Macrokwak",  # word/vbaProject.bin
    "Insluitselkwak",  # an embedded OLE object's file
    "Opmerkingkwak",  # a comment
    "Stijlnaamkwak",  # the name of a style its author made
    "Stijlaliaskwak",  # that style's other name
)
ODT_SHOWN = (
    "Odtzichtbaarkwak",
    "Odtvoetnootkwak",
    "Odtzichtbareveldkwak",  # a hidden-text field Writer shows (condition false)
    "Odtwaardekwak",  # the value a user field shows
    "Odtkopkwak",  # the header
)
ODT_HIDDEN = (
    "Odtverborgenalineakwak",  # text:hidden-paragraph
    "Odtverborgentekstkwak",  # text:hidden-text
    "Odtweergavegeenkwak",  # a span in a style with text:display="none"
    "Odtalineastijlkwak",  # a paragraph in a paragraph style with text:display="none"
    "Odtsectiekwak",  # a section with text:display="none"
    "Odtvoorwaardekwak",  # a section hidden on a condition
    "Odtvariabelekwak",  # a variable shown as nothing
    "Odtgebruikersveldkwak",  # a user field's declared value, shown as nothing
    "Odtbladwijzerkwak",  # a bookmark name
    "Odtkadernaamkwak",  # a frame name
    "Odtsectienaamkwak",  # a section name
    "Odtformuliernaamkwak",  # a form control's name
    "Odtformuliertipkwak",  # a form control's tooltip
    "Odtscriptkwak",  # a script field
    "Odtpadkwak",  # a link to a file
    "Odttitelkwak",  # meta.xml title
    "Odtmakerkwak",  # meta.xml creator
    "Odteigenkwak",  # meta.xml user-defined
    "Odtprinterkwak",  # settings.xml PrinterName
    "Odtminiatuurkwak",  # Thumbnails/thumbnail.png
    "Odtopmerkingkwak",  # an annotation
    "Odtverborgenkopkwak",  # a header that is switched off
)


def png(colour: int, text: str = "") -> bytes:
    buffer = io.BytesIO()
    info = PngInfo()
    if text:
        info.add_text("Author", text)
    Image.new("L", (40, 20), colour).save(buffer, format="PNG", pnginfo=info)
    return buffer.getvalue()


def halves(top: int, bottom: int) -> bytes:
    """A 20 x 20 grey picture: its top half one shade, its bottom half another."""
    image = Image.new("L", (20, 20), top)
    image.paste(bottom, (0, 10, 20, 20))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG")
    return buffer.getvalue()


def jpeg(comment: str, artist: str) -> bytes:
    exif = Image.Exif()
    exif[0x013B] = artist
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), (40, 120, 200)).save(
        buffer, format="JPEG", comment=comment.encode(), exif=exif.tobytes()
    )
    return buffer.getvalue()


def _zip(target: Path, parts: dict[str, str | bytes], stored: str | None = None) -> None:
    with zipfile.ZipFile(target, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in parts.items():
            kind = zipfile.ZIP_STORED if name == stored else zipfile.ZIP_DEFLATED
            archive.writestr(name, data, compress_type=kind)


def _p(text: str, style: str = "", run: str = "") -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    rpr = f"<w:rPr>{run}</w:rPr>" if run else ""
    return f'<w:p>{ppr}<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def _picture(rel: str, ident: int, descr: str, extra: str = "") -> str:
    return (
        '<w:p><w:r><w:drawing><wp:inline><wp:extent cx="762000" cy="381000"/>'
        f'<wp:docPr id="{ident}" name="Afbeeldingnaamkwak {ident}" descr="{descr}"{extra}/>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        f'<pic:pic><pic:nvPicPr><pic:cNvPr id="{ident}" name="Afbeeldingnaamkwak.png"/>'
        f'<pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="{rel}"/>'
        "<a:stretch><a:fillRect/></a:stretch></pic:blipFill><pic:spPr><a:xfrm>"
        '<a:off x="0" y="0"/><a:ext cx="762000" cy="381000"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
    )


def _fields() -> str:
    def complex_field(code: str, result: str) -> str:
        shown = f'<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>{result}</w:t></w:r>'
        return (
            '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
            f'<w:r><w:instrText xml:space="preserve"> {code} </w:instrText></w:r>'
            f'{shown if result else ""}<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
        )

    form = (
        '<w:p><w:r><w:fldChar w:fldCharType="begin"><w:ffData><w:name w:val="Tekst1"/>'
        '<w:helpText w:type="text" w:val="Formulierhulpkwak"/></w:ffData></w:fldChar></w:r>'
        '<w:r><w:instrText xml:space="preserve"> FORMTEXT </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>ingevuld</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    )
    return (
        complex_field('INCLUDETEXT "C:\\\\Veldpadkwak\\\\bron.docx"', "Veldresultaatkwak")
        + complex_field("DOCPROPERTY Eigenschapkwak", "")
        + '<w:p><w:fldSimple w:instr=" AUTHOR Auteurveldkwak "/></w:p>'
        + form
    )


def _controls() -> str:
    return (
        '<w:sdt><w:sdtPr><w:alias w:val="Aliaskwak"/><w:tag w:val="Labelkwak"/>'
        '<w:dropDownList><w:listItem w:displayText="Keuzekwak" w:value="a"/>'
        '<w:listItem w:displayText="Lijstitemkwak" w:value="b"/></w:dropDownList></w:sdtPr>'
        f"<w:sdtContent>{_p('Keuzekwak')}</w:sdtContent></w:sdt>"
        '<w:sdt><w:sdtPr><w:alias w:val="Aliaskwak"/></w:sdtPr><w:sdtContent>'
        '<w:p><w:r><w:t xml:space="preserve">Keuzelijstkwak </w:t></w:r>'
        '<w:sdt><w:sdtPr><w:tag w:val="Labelkwak"/></w:sdtPr><w:sdtContent>'
        "<w:r><w:t>binnen</w:t></w:r></w:sdtContent></w:sdt></w:p></w:sdtContent></w:sdt>"
    )


def _shapes() -> str:
    choice = (
        '<w:drawing><wp:inline><wp:extent cx="1800000" cy="400000"/><wp:docPr id="30" '
        'name="Tekstvak"/><a:graphic><a:graphicData '
        'uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/>'
        '<a:ext cx="1800000" cy="400000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
        f"</a:prstGeom></wps:spPr><wps:txbx><w:txbxContent>{_p('Tekstvakkwak')}"
        "</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp></a:graphicData></a:graphic>"
        "</wp:inline></w:drawing>"
    )
    fallback = (
        '<w:pict><v:shape style="width:140pt;height:30pt"><v:textbox><w:txbxContent>'
        f"{_p('Terugvalkwak')}</w:txbxContent></v:textbox></v:shape></w:pict>"
    )
    ole = (
        '<w:p><w:r><w:object><v:shape style="width:40pt;height:20pt">'
        '<v:imagedata r:id="rIdPrev" o:title="Insluitselkwak" cropbottom="32768f"/></v:shape>'
        '<o:OLEObject Type="Embed" ProgID="Package" r:id="rIdOle"/></w:object></w:r></w:p>'
    )
    return (
        '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps">'
        f"{choice}</mc:Choice><mc:Fallback>{fallback}</mc:Fallback></mc:AlternateContent>"
        "</w:r></w:p>" + ole
    )


def _links() -> str:
    return (
        '<w:p><w:bookmarkStart w:id="1" w:name="Bladwijzerkwak"/><w:r><w:t>Doel</w:t></w:r>'
        '<w:bookmarkEnd w:id="1"/></w:p>'
        '<w:p><w:hyperlink w:anchor="Bladwijzerkwak" w:tooltip="Schermtipkwak">'
        "<w:r><w:t>Linkkwak</w:t></w:r></w:hyperlink>"
        '<w:r><w:t xml:space="preserve"> en </w:t></w:r><w:hyperlink r:id="rIdFile">'
        "<w:r><w:t>een bestand</w:t></w:r></w:hyperlink>"
        '<w:commentRangeStart w:id="0"/><w:r><w:t xml:space="preserve"> en </w:t></w:r>'
        '<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p>'
    )


def _body() -> str:
    return (
        _p("Eigen opmaak", "Eigen")
        + _p("Zichtbaarkwak en een voetnoot")[:-6]
        + '<w:r><w:footnoteReference w:id="1"/></w:r></w:p>'
        + '<w:p><w:r><w:t xml:space="preserve">Zichtbaar </w:t></w:r>'
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>Verborgenkwak</w:t></w:r>"
        '<w:r><w:rPr><w:rStyle w:val="Verborgen"/></w:rPr><w:t>Stijlverborgenkwak</w:t></w:r>'
        "</w:p>"
        + _p("Alineaverborgenkwak", "Verborgenalinea")
        + _fields()
        + _controls()
        + _shapes()
        + _links()
        + _picture("rIdJpg", 10, "Foto van de straat")
        + _picture("rIdPng", 11, "Verborgenfotokwak", ' hidden="1"')
        + _picture("rIdPng", 12, "Plattegrond")
        + _picture("rIdCrop", 13, "Bijgesneden").replace(
            '<a:blip r:embed="rIdCrop"/>', '<a:blip r:embed="rIdCrop"/><a:srcRect b="50000"/>'
        )
        + '<w:sectPr><w:headerReference w:type="default" r:id="rIdH"/>'
        '<w:footerReference w:type="default" r:id="rIdF"/><w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="1700" w:right="1417" w:bottom="1700" w:left="1417" w:header="708" '
        'w:footer="708" w:gutter="0"/></w:sectPr>'
    )


def _rels(entries: list[tuple[str, str, str]]) -> str:
    body = "".join(
        f'<Relationship Id="{i}" Type="{t}" Target="{target}"'
        + (' TargetMode="External"' if ":" in target else "")
        + "/>"
        for i, t, target in entries
    )
    return f'{XML}<Relationships xmlns="{PKG}">{body}</Relationships>'


def _styles() -> str:
    return (
        f'{XML}<w:styles xmlns:w="{W}"><w:docDefaults><w:rPrDefault><w:rPr>'
        '<w:rFonts w:ascii="Carlito" w:hAnsi="Carlito"/><w:sz w:val="22"/></w:rPr>'
        '</w:rPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" '
        'w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
        '<w:style w:type="character" w:styleId="Verborgen"><w:name w:val="Verborgen"/>'
        "<w:rPr><w:vanish/></w:rPr></w:style>"
        '<w:style w:type="paragraph" w:styleId="Verborgenalinea"><w:name w:val="Verborgen '
        'alinea"/><w:basedOn w:val="Normal"/><w:rPr><w:vanish/></w:rPr></w:style>'
        '<w:style w:type="paragraph" w:customStyle="1" w:styleId="Eigen"><w:name '
        'w:val="Stijlnaamkwak"/><w:aliases w:val="Stijlaliaskwak"/><w:basedOn w:val="Normal"/>'
        "<w:rPr><w:b/></w:rPr></w:style></w:styles>"
    )


def _part(root: str, inner: str) -> str:
    return f"{XML}<w:{root} {NS}>{inner}</w:{root}>"


def hostile_docx(target: Path) -> None:
    """A .docx with a marker in every hidden place (:data:`DOCX_HIDDEN`) and every shown
    one (:data:`DOCX_SHOWN`)."""
    t = f"{REL}/"
    types = {
        "word/document.xml": f"{WML}.document.main+xml",
        "word/styles.xml": f"{WML}.styles+xml",
        "word/settings.xml": f"{WML}.settings+xml",
        "word/header1.xml": f"{WML}.header+xml",
        "word/footer1.xml": f"{WML}.footer+xml",
        "word/footnotes.xml": f"{WML}.footnotes+xml",
        "word/comments.xml": f"{WML}.comments+xml",
        "word/glossary/document.xml": f"{WML}.document.glossary+xml",
        "docProps/core.xml": "application/vnd.openxmlformats-package.core-properties+xml",
        "docProps/app.xml": f"{OFFICE}.extended-properties+xml",
        "docProps/custom.xml": f"{OFFICE}.custom-properties+xml",
        "word/vbaProject.bin": "application/vnd.ms-office.vbaProject",
    }
    overrides = "".join(f'<Override PartName="/{n}" ContentType="{c}"/>' for n, c in types.items())
    note = (
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        f'</w:footnote><w:footnote w:id="1">{_p("Voetnootkwak")}</w:footnote>'
    )
    page = (
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText '
        'xml:space="preserve"> PAGE \\* MERGEFORMAT </w:instrText></w:r><w:r><w:fldChar '
        'w:fldCharType="separate"/></w:r><w:r><w:t>1</w:t></w:r><w:r><w:fldChar '
        'w:fldCharType="end"/></w:r></w:p>'
    )
    core = (
        f"{XML}<cp:coreProperties xmlns:cp="
        '"http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>Brief</dc:title>'
        "<cp:category>Categoriekwak</cp:category></cp:coreProperties>"
    )
    _zip(
        target,
        {
            "[Content_Types].xml": f'{XML}<Types xmlns="http://schemas.openxmlformats.org/'
            'package/2006/content-types"><Default Extension="rels" ContentType="application/'
            'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" '
            'ContentType="application/xml"/><Default Extension="png" ContentType="image/png"/>'
            '<Default Extension="jpeg" ContentType="image/jpeg"/><Default Extension="bin" '
            f'ContentType="{OFFICE}.oleObject"/>{overrides}</Types>',
            "_rels/.rels": _rels(
                [
                    ("rId1", f"{t}officeDocument", "word/document.xml"),
                    ("rId2", f"{PKG}/metadata/core-properties", "docProps/core.xml"),
                    ("rId3", f"{t}extended-properties", "docProps/app.xml"),
                    ("rId4", f"{t}custom-properties", "docProps/custom.xml"),
                    ("rId5", f"{PKG}/metadata/thumbnail", "docProps/thumbnail.jpeg"),
                ]
            ),
            "word/document.xml": f"{XML}<w:document {NS}><w:body>{_body()}</w:body></w:document>",
            "word/_rels/document.xml.rels": _rels(
                [
                    ("rIdS", f"{t}styles", "styles.xml"),
                    ("rIdSet", f"{t}settings", "settings.xml"),
                    ("rIdH", f"{t}header", "header1.xml"),
                    ("rIdF", f"{t}footer", "footer1.xml"),
                    ("rIdFn", f"{t}footnotes", "footnotes.xml"),
                    ("rIdC", f"{t}comments", "comments.xml"),
                    ("rIdG", f"{t}glossaryDocument", "glossary/document.xml"),
                    ("rIdX", f"{t}customXml", "../customXml/item1.xml"),
                    (
                        "rIdV",
                        "http://schemas.microsoft.com/office/2006/relationships/vbaProject",
                        "vbaProject.bin",
                    ),
                    ("rIdJpg", f"{t}image", "media/foto.jpeg"),
                    ("rIdPng", f"{t}image", "media/kaart.png"),
                    ("rIdPrev", f"{t}image", "media/voorbeeld.png"),
                    ("rIdCrop", f"{t}image", "media/bijsnijden.png"),
                    ("rIdOle", f"{t}oleObject", "embeddings/oleObject1.bin"),
                    ("rIdFile", f"{t}hyperlink", "file:///C:/Padlinkkwak/geheim.docx"),
                ]
            ),
            "word/styles.xml": _styles(),
            "word/settings.xml": _part(
                "settings",
                '<w:defaultTabStop w:val="708"/><w:docVars><w:docVar w:name="v" '
                'w:val="Variabelekwak"/></w:docVars><w:attachedTemplate r:id="rIdT"/>',
            ),
            "word/_rels/settings.xml.rels": _rels(
                [("rIdT", f"{t}attachedTemplate", "file:///C:/Sjabloonkwak/Normal.dotm")]
            ),
            "word/header1.xml": _part("hdr", _p("Kopkwak")),
            "word/footer1.xml": _part("ftr", page),
            "word/footnotes.xml": _part("footnotes", note),
            "word/comments.xml": _part(
                "comments", f'<w:comment w:id="0" w:author="A">{_p("Opmerkingkwak")}</w:comment>'
            ),
            "word/glossary/document.xml": _part(
                "glossaryDocument",
                f"<w:docParts><w:docPart><w:docPartBody>{_p('Bouwsteenkwak')}</w:docPartBody>"
                "</w:docPart></w:docParts>",
            ),
            "word/vbaProject.bin": b"Macrokwak",
            "word/embeddings/oleObject1.bin": b"Insluitselkwak",
            "word/media/foto.jpeg": jpeg("Jpegcommentaarkwak", "Exifmakerkwak"),
            "word/media/kaart.png": png(90, "Pngtekstkwak"),
            "word/media/voorbeeld.png": halves(30, 200),
            "word/media/bijsnijden.png": halves(50, 250),
            "customXml/item1.xml": f"{XML}<geheim>Maatwerkxmlkwak</geheim>",
            "docProps/core.xml": core,
            "docProps/app.xml": f'{XML}<Properties xmlns="http://schemas.openxmlformats.org/'
            'officeDocument/2006/extended-properties"><Company>Bedrijfkwak</Company></Properties>',
            "docProps/custom.xml": f'{XML}<Properties xmlns="http://schemas.openxmlformats.org/'
            'officeDocument/2006/custom-properties" xmlns:vt="http://schemas.openxmlformats.org/'
            'officeDocument/2006/docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-'
            '08002B2CF9AE}" pid="2" name="p"><vt:lpwstr>Eigenwaardekwak</vt:lpwstr></property>'
            "</Properties>",
            "docProps/thumbnail.jpeg": jpeg("Miniatuurkwak", "x"),
        },
    )


# --- the .odt -------------------------------------------------------------------------------

ODF_NS = " ".join(
    f'xmlns:{p}="urn:oasis:names:tc:opendocument:xmlns:{u}"'
    for p, u in (
        ("office", "office:1.0"),
        ("style", "style:1.0"),
        ("text", "text:1.0"),
        ("table", "table:1.0"),
        ("draw", "drawing:1.0"),
        ("fo", "xsl-fo-compatible:1.0"),
        ("svg", "svg-compatible:1.0"),
        ("meta", "meta:1.0"),
        ("form", "form:1.0"),
        ("config", "config:1.0"),
    )
) + (
    ' xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'office:version="1.3"'
)


def _tp(text: str, style: str = "") -> str:
    attribute = f' text:style-name="{style}"' if style else ""
    return f"<text:p{attribute}>{text}</text:p>"


def _odt_body() -> str:
    return (
        '<office:forms><form:form form:name="f"><form:text form:name="Odtformuliernaamkwak" '
        'form:id="c1" form:title="Odtformuliertipkwak" form:current-value="ingevuld" '
        'form:control-implementation="ooo:com.sun.star.form.component.TextField"/>'
        "</form:form></office:forms>"
        '<text:variable-decls><text:variable-decl text:name="v" office:value-type="string"/>'
        '</text:variable-decls><text:user-field-decls><text:user-field-decl text:name="u" '
        'office:value-type="string" office:string-value="Odtgebruikersveldkwak"/>'
        '<text:user-field-decl text:name="z" office:value-type="string" '
        'office:string-value="Odtwaardekwak"/></text:user-field-decls>'
        + _tp(
            'Odtzichtbaarkwak met een voetnoot<text:note text:id="n1" '
            'text:note-class="footnote"><text:note-citation>1</text:note-citation>'
            f"<text:note-body>{_tp('Odtvoetnootkwak')}</text:note-body></text:note>."
        )
        + _tp(
            'Odtverborgenalineakwak<text:hidden-paragraph text:condition="ooow:1==1" '
            'text:is-hidden="true"/>'
        )
        + _tp(
            'Een veld: <text:hidden-text text:condition="ooow:1==1" text:string-value='
            '"Odtverborgentekstkwak" text:is-hidden="true">Odtverborgentekstkwak'
            '</text:hidden-text><text:hidden-text text:condition="ooow:1==2" '
            'text:string-value="Odtzichtbareveldkwak" text:is-hidden="false">'
            "Odtzichtbareveldkwak</text:hidden-text>."
        )
        + _tp('Opmaak: <text:span text:style-name="Geen">Odtweergavegeenkwak</text:span>.')
        + _tp("Odtalineastijlkwak", "Verborgenalinea")
        + '<text:section text:name="Odtsectienaamkwak" text:display="none">'
        + _tp("Odtsectiekwak")
        + "</text:section>"
        + '<text:section text:name="s2" text:display="condition" text:condition="ooow:1==1">'
        + _tp("Odtvoorwaardekwak")
        + "</text:section>"
        + _tp(
            'Velden: <text:variable-set text:name="v" office:value-type="string" '
            'text:display="none">Odtvariabelekwak</text:variable-set>'
            '<text:user-field-get text:name="u" text:display="none">Odtgebruikersveldkwak'
            '</text:user-field-get><text:user-field-get text:name="z">Odtwaardekwak'
            "</text:user-field-get> <text:author-name>Auteur</text:author-name>"
            '<text:script script:language="StarBasic" xmlns:script="urn:oasis:names:tc:'
            'opendocument:xmlns:script:1.0">Odtscriptkwak</text:script>.'
        )
        + _tp(
            '<text:bookmark text:name="Odtbladwijzerkwak"/>Een figuur <draw:frame '
            'draw:name="Odtkadernaamkwak" text:anchor-type="as-char" svg:width="2cm" '
            'svg:height="1cm"><draw:image xlink:href="Pictures/p.png" xlink:type="simple" '
            'xlink:show="embed" xlink:actuate="onLoad"/><svg:desc>Plattegrond</svg:desc>'
            '</draw:frame> en <text:a xlink:type="simple" xlink:href="file:///C:/Odtpadkwak/'
            'x.odt">een bestand</text:a> en <draw:control draw:control="c1" '
            'text:anchor-type="as-char" svg:width="4cm" svg:height="0.7cm"/>.'
        )
        + _tp(
            'Bijgesneden: <draw:frame draw:style-name="Bijsnijden" draw:name="b" '
            'text:anchor-type="as-char" svg:width="4cm" svg:height="2cm"><draw:image '
            'xlink:href="Pictures/bijsnijden.png" xlink:type="simple" xlink:show="embed" '
            'xlink:actuate="onLoad"/></draw:frame>.'
        )
        + _tp(
            "Een opmerking<office:annotation><dc:creator>x</dc:creator>"
            f"{_tp('Odtopmerkingkwak')}</office:annotation>."
        )
    )


def hostile_odt(target: Path) -> None:
    """An .odt with a marker in every hidden place (:data:`ODT_HIDDEN`) and every shown
    one (:data:`ODT_SHOWN`)."""
    automatic = (
        '<style:style style:name="Geen" style:family="text"><style:text-properties '
        'text:display="none"/></style:style><style:style style:name="Bijsnijden" '
        'style:family="graphic"><style:graphic-properties '
        'fo:clip="rect(0cm, 0cm, 0.2646cm, 0cm)"/></style:style>'
    )
    styles = (
        f"{XML}<office:document-styles {ODF_NS}><office:styles><style:default-style "
        'style:family="paragraph"><style:text-properties style:font-name="Carlito" '
        'fo:font-size="11pt"/></style:default-style><style:style style:name="Verborgenalinea" '
        'style:family="paragraph"><style:text-properties text:display="none"/></style:style>'
        '</office:styles><office:automatic-styles><style:page-layout style:name="pm1">'
        '<style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" '
        'fo:margin-top="2cm" fo:margin-bottom="2cm" fo:margin-left="2cm" fo:margin-right="2cm"/>'
        "</style:page-layout></office:automatic-styles><office:master-styles>"
        '<style:master-page style:name="Standard" style:page-layout-name="pm1"><style:header>'
        f'{_tp("Odtkopkwak")}</style:header><style:header-left style:display="false">'
        f"{_tp('Odtverborgenkopkwak')}</style:header-left></style:master-page>"
        "</office:master-styles></office:document-styles>"
    )
    meta = (
        f"{XML}<office:document-meta {ODF_NS}><office:meta><dc:title>Odttitelkwak</dc:title>"
        '<dc:creator>Odtmakerkwak</dc:creator><meta:user-defined meta:name="x">Odteigenkwak'
        "</meta:user-defined></office:meta></office:document-meta>"
    )
    settings = (
        f"{XML}<office:document-settings {ODF_NS}><office:settings>"
        '<config:config-item-set config:name="ooo:configuration-settings">'
        '<config:config-item config:name="PrinterName" config:type="string">Odtprinterkwak'
        '</config:config-item><config:config-item config:name="TabsRelativeToIndent" '
        'config:type="boolean">false</config:config-item></config:config-item-set>'
        "</office:settings></office:document-settings>"
    )
    content = (
        f"{XML}<office:document-content {ODF_NS}><office:automatic-styles>{automatic}"
        f"</office:automatic-styles><office:body><office:text>{_odt_body()}</office:text>"
        "</office:body></office:document-content>"
    )
    manifest = (
        f'{XML}<manifest:manifest xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:'
        'manifest:1.0" manifest:version="1.3"><manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        + "".join(
            f'<manifest:file-entry manifest:full-path="{n}" manifest:media-type="{m}"/>'
            for n, m in (
                ("content.xml", "text/xml"),
                ("styles.xml", "text/xml"),
                ("meta.xml", "text/xml"),
                ("settings.xml", "text/xml"),
                ("Pictures/p.png", "image/png"),
                ("Pictures/bijsnijden.png", "image/png"),
                ("Thumbnails/thumbnail.png", "image/png"),
            )
        )
        + "</manifest:manifest>"
    )
    _zip(
        target,
        {
            "mimetype": "application/vnd.oasis.opendocument.text",
            "META-INF/manifest.xml": manifest,
            "content.xml": content,
            "styles.xml": styles,
            "meta.xml": meta,
            "settings.xml": settings,
            "Pictures/p.png": png(60, "Pngtekstkwak"),
            "Pictures/bijsnijden.png": halves(50, 250),
            "Thumbnails/thumbnail.png": png(200, "Odtminiatuurkwak"),
        },
        stored="mimetype",
    )
