"""The adversary's ready-made Word documents (.docx), written part by part so
that every place where OOXML keeps text (printed or not) holds its own marker.

The packages are zipped with a fixed date and order, so the files are reproducible.
"""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from PIL import Image
from PIL.PngImagePlugin import PngInfo

STAMP = (2020, 1, 1, 0, 0, 0)

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships"
DOC_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
CT = "http://schemas.openxmlformats.org/package/2006/content-types"
CORE_REL = f"{PKG_REL}/metadata/core-properties"
OFFICE = "application/vnd.openxmlformats-officedocument"
PACKAGE = "application/vnd.openxmlformats-package"
WML = f"{OFFICE}.wordprocessingml"
NS = (
    f'xmlns:w="{W}" xmlns:r="{R}" '
    'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" '
    'xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
    'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" '
    'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
    'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
    'xmlns:w14="http://schemas.microsoft.com/office/word/2010/wordml" '
    'xmlns:w15="http://schemas.microsoft.com/office/word/2012/wordml" '
    'mc:Ignorable="w14 w15"'
)
XML = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
DATE = "2020-01-01T00:00:00Z"


def zip_parts(target: Path, parts: dict[str, bytes | str], stored_first: str | None = None) -> None:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in parts.items():
            info = zipfile.ZipInfo(name, STAMP)
            info.compress_type = (
                zipfile.ZIP_STORED if name == stored_first else zipfile.ZIP_DEFLATED
            )
            info.external_attr = 0o644 << 16
            payload = data.encode("utf-8") if isinstance(data, str) else data
            archive.writestr(info, payload)
    target.write_bytes(buffer.getvalue())


def png(colour: int, text: str = "") -> bytes:
    buffer = io.BytesIO()
    info = PngInfo()
    if text:
        info.add_text("Author", text)
    Image.new("L", (40, 20), colour).save(buffer, format="PNG", optimize=False, pnginfo=info)
    return buffer.getvalue()


def marker_rows(marker: str) -> bytes:
    """A grey PNG whose bottom row's pixels are the marker's bytes (cropped away in use)."""
    data = marker.encode("ascii")
    image = Image.new("L", (len(data), 8), 128)
    image.putdata([128] * len(data) * 7 + list(data))
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=False)
    return buffer.getvalue()


def jpeg(comment: str, artist: str) -> bytes:
    """A small photo whose JPEG comment (COM) and EXIF Artist carry markers."""
    exif = Image.Exif()
    exif[0x013B] = artist
    buffer = io.BytesIO()
    Image.new("RGB", (40, 20), (40, 120, 200)).save(
        buffer, format="JPEG", quality=80, comment=comment.encode("ascii"), exif=exif.tobytes()
    )
    return buffer.getvalue()


def p(text: str, style: str | None = None, run_props: str = "") -> str:
    ppr = f'<w:pPr><w:pStyle w:val="{style}"/></w:pPr>' if style else ""
    rpr = f"<w:rPr>{run_props}</w:rPr>" if run_props else ""
    return f'<w:p>{ppr}<w:r>{rpr}<w:t xml:space="preserve">{text}</w:t></w:r></w:p>'


def _styles() -> str:
    return (
        f'{XML}<w:styles xmlns:w="{W}">'
        '<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Carlito" w:hAnsi="Carlito"/>'
        '<w:sz w:val="22"/><w:lang w:val="nl-NL"/></w:rPr></w:rPrDefault></w:docDefaults>'
        '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
        "</w:style>"
        '<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/>'
        '<w:basedOn w:val="Normal"/><w:rPr><w:b/><w:sz w:val="36"/></w:rPr></w:style>'
        '<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/>'
        '<w:basedOn w:val="Normal"/><w:pPr><w:outlineLvl w:val="0"/></w:pPr>'
        '<w:rPr><w:b/><w:sz w:val="28"/></w:rPr></w:style>'
        "</w:styles>"
    )


def _image(rel: str, descr: str, title: str, ident: int) -> str:
    return (
        '<w:p><w:r><w:drawing><wp:inline><wp:extent cx="762000" cy="381000"/>'
        f'<wp:docPr id="{ident}" name="Afbeelding {ident}" descr="{descr}" title="{title}"/>'
        '<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">'
        f'<pic:pic><pic:nvPicPr><pic:cNvPr id="{ident}" name="img{ident}.png" descr="{descr}"/>'
        f'<pic:cNvPicPr/></pic:nvPicPr><pic:blipFill><a:blip r:embed="{rel}"/>'
        "<a:stretch><a:fillRect/></a:stretch></pic:blipFill>"
        '<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="762000" cy="381000"/></a:xfrm>'
        '<a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr></pic:pic>'
        "</a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"
    )


def _textbox(text: str, fallback: str = "Tekstvak") -> str:
    return (
        '<w:p><w:r><mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>'
        '<wp:anchor distT="0" distB="0" distL="0" distR="0" simplePos="0" relativeHeight="1" '
        'behindDoc="0" locked="0" layoutInCell="1" allowOverlap="1">'
        '<wp:simplePos x="0" y="0"/><wp:positionH relativeFrom="column"><wp:posOffset>0'
        '</wp:posOffset></wp:positionH><wp:positionV relativeFrom="paragraph"><wp:posOffset>0'
        '</wp:posOffset></wp:positionV><wp:extent cx="2700000" cy="500000"/><wp:wrapTopAndBottom/>'
        '<wp:docPr id="20" name="Tekstvak 1"/>'
        '<a:graphic><a:graphicData uri="http://schemas.microsoft.com/office/word/2010/wordprocessingShape">'
        '<wps:wsp><wps:cNvSpPr txBox="1"/><wps:spPr><a:xfrm><a:off x="0" y="0"/>'
        '<a:ext cx="2700000" cy="500000"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/>'
        "</a:prstGeom></wps:spPr><wps:txbx><w:txbxContent>"
        f"{p(text)}</w:txbxContent></wps:txbx><wps:bodyPr/></wps:wsp>"
        "</a:graphicData></a:graphic></wp:anchor></w:drawing></mc:Choice>"
        '<mc:Fallback><w:pict><v:shape xmlns:v="urn:schemas-microsoft-com:vml" '
        'style="width:200pt;height:40pt"><v:textbox><w:txbxContent>'
        f"{p(fallback)}</w:txbxContent></v:textbox></v:shape></w:pict></mc:Fallback>"
        "</mc:AlternateContent>"
        "</w:r></w:p>"
    )


def _core(title: str, creator: str, extra: str = "") -> str:
    return (
        f"{XML}<cp:coreProperties "
        'xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" '
        'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">'
        f"<dc:title>{title}</dc:title><dc:creator>{creator}</dc:creator>{extra}"
        f'<dcterms:created xsi:type="dcterms:W3CDTF">{DATE}</dcterms:created>'
        f'<dcterms:modified xsi:type="dcterms:W3CDTF">{DATE}</dcterms:modified>'
        "</cp:coreProperties>"
    )


def _rels(entries: list[tuple[str, str, str]]) -> str:
    body = "".join(
        f'<Relationship Id="{rid}" Type="{kind}" Target="{target}"/>'
        for rid, kind, target in entries
    )
    return f'{XML}<Relationships xmlns="{PKG_REL}">{body}</Relationships>'


def _types(overrides: dict[str, str]) -> str:
    body = "".join(
        f'<Override PartName="/{part}" ContentType="{kind}"/>' for part, kind in overrides.items()
    )
    return (
        f'{XML}<Types xmlns="{CT}">'
        f'<Default Extension="rels" ContentType="{PACKAGE}.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Default Extension="png" ContentType="image/png"/>'
        '<Default Extension="jpg" ContentType="image/jpeg"/>'
        f"{body}</Types>"
    )


def _document(body: str, sect: str = "") -> str:
    sect_pr = (
        f'<w:sectPr>{sect}<w:pgSz w:w="11906" w:h="16838"/>'
        '<w:pgMar w:top="1700" w:right="1417" w:bottom="1700" w:left="1417" w:header="708" '
        'w:footer="708" w:gutter="0"/></w:sectPr>'
    )
    return f"{XML}<w:document {NS}><w:body>{body}{sect_pr}</w:body></w:document>"


def _part(root: str, inner: str) -> str:
    return f"{XML}<w:{root} {NS}>{inner}</w:{root}>"


# --- a public .docx whose unprinted parts each hold a marker ---------------------------------


def hidden_docx(target: Path) -> None:
    field = (
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> INCLUDETEXT '
        '"C:\\\\LEAKDOCXFIELDINSTR\\\\bron.docx" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        "<w:r><w:t>Ingevoegde tekst uit een ander document.</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
    )
    body = (
        p("Notitie met verborgen onderdelen", "Title")
        + p("Zichtbaar", "Heading1")
        + p("Zichtbare tekst LEAKDOCXVISIBLE in een openbare bijlage.")
        + '<w:p><w:r><w:t xml:space="preserve">Hierna volgt verborgen tekst: </w:t></w:r>'
        "<w:r><w:rPr><w:vanish/></w:rPr><w:t>LEAKDOCXVANISH</w:t></w:r></w:p>"
        + '<w:p><w:r><w:t xml:space="preserve">Met een voetnoot</w:t></w:r>'
        '<w:r><w:footnoteReference w:id="1"/></w:r>'
        '<w:r><w:t xml:space="preserve"> en een eindnoot</w:t></w:r>'
        '<w:r><w:endnoteReference w:id="1"/></w:r></w:p>'
        + field
        + _textbox("Tekstvak LEAKDOCXTEXTBOX", "Vervangend tekstvak LEAKDOCXMCFALLBACK")
        + '<w:p><w:r><w:fldChar w:fldCharType="begin"><w:ffData>'
        '<w:name w:val="LEAKDOCXFFNAME"/><w:enabled/><w:calcOnExit w:val="0"/>'
        '<w:helpText w:type="text" w:val="LEAKDOCXFFHELP"/>'
        '<w:statusText w:type="text" w:val="LEAKDOCXFFSTATUS"/>'
        '<w:textInput><w:default w:val="LEAKDOCXFFDEFAULT"/></w:textInput></w:ffData>'
        '</w:fldChar></w:r><w:r><w:instrText xml:space="preserve"> FORMTEXT </w:instrText>'
        '</w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r>'
        "<w:r><w:t>ingevulde waarde</w:t></w:r>"
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
        + _image("rIdImg", "LEAKDOCXHIDDENIMAGEALT", "Verborgen", 16).replace(
            'title="Verborgen"/>', 'title="Verborgen" hidden="1"/>'
        )
        + _image("rIdImg", "LEAKDOCXALTKEPT", "LEAKDOCXIMAGETITLE", 10)
        + p("Witte tekst LEAKDOCXWHITETEXT", run_props='<w:color w:val="FFFFFF"/>')
        + _image("rIdJpg", "Foto van de straat", "Foto", 14)
        + _image("rIdCrop", "Bijgesneden", "Bijgesneden", 17).replace(
            '<a:blip r:embed="rIdCrop"/>', '<a:blip r:embed="rIdCrop"/><a:srcRect b="75000"/>'
        )
        + '<w:p><w:bookmarkStart w:id="5" w:name="LEAKDOCXBOOKMARKNAME"/>'
        '<w:commentRangeStart w:id="0"/><w:r><w:t>Tekst met een bladwijzer.</w:t></w:r>'
        '<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r>'
        '<w:bookmarkEnd w:id="5"/></w:p>'
        + '<w:sdt><w:sdtPr><w:alias w:val="LEAKDOCXSDTALIAS"/><w:tag w:val="LEAKDOCXSDTTAG"/>'
        "</w:sdtPr><w:sdtContent>"
        + p("Inhoud van een besturingselement.")
        + "</w:sdtContent></w:sdt>"
    )
    sect = (
        '<w:headerReference w:type="default" r:id="rIdH"/>'
        '<w:footerReference w:type="default" r:id="rIdF"/>'
    )
    notes = (
        '<w:{k} w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:{k}>'
        '<w:{k} w:type="continuationSeparator" w:id="0"><w:p><w:r><w:continuationSeparator/>'
        '</w:r></w:p></w:{k}><w:{k} w:id="1">{p}</w:{k}>'
    )
    glossary = _part(
        "glossaryDocument",
        '<w:docParts><w:docPart><w:docPartPr><w:name w:val="Bouwsteen"/>'
        '<w:category><w:name w:val="Algemeen"/><w:gallery w:val="placeholder"/></w:category>'
        '<w:guid w:val="{00000000-0000-0000-0000-000000000001}"/></w:docPartPr>'
        f"<w:docPartBody>{p('Bouwsteen LEAKDOCXGLOSSARY')}</w:docPartBody>"
        "</w:docPart></w:docParts>",
    )
    parts: dict[str, bytes | str] = {
        "[Content_Types].xml": _types(
            {
                "word/document.xml": f"{WML}.document.main+xml",
                "word/styles.xml": f"{WML}.styles+xml",
                "word/settings.xml": f"{WML}.settings+xml",
                "word/header1.xml": f"{WML}.header+xml",
                "word/footer1.xml": f"{WML}.footer+xml",
                "word/footnotes.xml": f"{WML}.footnotes+xml",
                "word/endnotes.xml": f"{WML}.endnotes+xml",
                "word/people.xml": f"{WML}.people+xml",
                "word/comments.xml": f"{WML}.comments+xml",
                "word/glossary/document.xml": f"{WML}.document.glossary+xml",
                "customXml/itemProps1.xml": f"{OFFICE}.customXmlProperties+xml",
                "docProps/core.xml": f"{PACKAGE}.core-properties+xml",
                "docProps/app.xml": f"{OFFICE}.extended-properties+xml",
                "docProps/custom.xml": f"{OFFICE}.custom-properties+xml",
            }
        ),
        "_rels/.rels": _rels(
            [
                ("rId1", f"{DOC_REL}/officeDocument", "word/document.xml"),
                ("rId2", CORE_REL, "docProps/core.xml"),
                ("rId3", f"{DOC_REL}/extended-properties", "docProps/app.xml"),
                ("rId4", f"{DOC_REL}/custom-properties", "docProps/custom.xml"),
            ]
        ),
        "word/document.xml": _document(body, sect),
        "word/_rels/document.xml.rels": _rels(
            [
                ("rIdS", f"{DOC_REL}/styles", "styles.xml"),
                ("rIdSet", f"{DOC_REL}/settings", "settings.xml"),
                ("rIdH", f"{DOC_REL}/header", "header1.xml"),
                ("rIdF", f"{DOC_REL}/footer", "footer1.xml"),
                ("rIdFn", f"{DOC_REL}/footnotes", "footnotes.xml"),
                ("rIdEn", f"{DOC_REL}/endnotes", "endnotes.xml"),
                ("rIdImg", f"{DOC_REL}/image", "media/image1.png"),
                ("rIdJpg", f"{DOC_REL}/image", "media/photo.jpg"),
                ("rIdCrop", f"{DOC_REL}/image", "media/cropped.png"),
                (
                    "rIdP",
                    "http://schemas.microsoft.com/office/2011/relationships/people",
                    "people.xml",
                ),
                ("rIdG", f"{DOC_REL}/glossaryDocument", "glossary/document.xml"),
                ("rIdC", f"{DOC_REL}/comments", "comments.xml"),
                ("rIdX", f"{DOC_REL}/customXml", "../customXml/item1.xml"),
            ]
        ),
        "word/styles.xml": _styles(),
        "word/settings.xml": _part(
            "settings",
            '<w:docVars><w:docVar w:name="LeakVar" w:val="LEAKDOCXDOCVAR"/></w:docVars>'
            '<w:attachedTemplate r:id="rIdT"/>',
        ),
        "word/_rels/settings.xml.rels": _rels(
            [
                (
                    "rIdT",
                    f"{DOC_REL}/attachedTemplate",
                    "file:///C:/LEAKDOCXTEMPLATEPATH/Normal.dotm",
                ),
            ]
        ).replace('Target="file:', 'TargetMode="External" Target="file:'),
        "word/header1.xml": _part("hdr", p("Koptekst LEAKDOCXHEADER")),
        "word/footer1.xml": _part("ftr", p("Voettekst LEAKDOCXFOOTER")),
        "word/footnotes.xml": _part(
            "footnotes", notes.format(k="footnote", p=p("Voetnoot LEAKDOCXFOOTNOTE"))
        ),
        "word/endnotes.xml": _part(
            "endnotes", notes.format(k="endnote", p=p("Eindnoot LEAKDOCXENDNOTE"))
        ),
        "word/comments.xml": _part(
            "comments",
            '<w:comment w:id="0" w:author="LEAKDOCXCOMMENTONLYAUTHOR" w:initials="LQ" '
            f'w:date="{DATE}">{p("Opmerking LEAKDOCXCOMMENTONLYTEXT")}</w:comment>',
        ),
        "word/people.xml": _part(
            "people",
            '<w15:person w15:author="LEAKDOCXPEOPLE"><w15:presenceInfo w15:providerId="None" '
            'w15:userId="LEAKDOCXPEOPLE"/></w15:person>',
        )
        .replace("<w:people", "<w15:people")
        .replace("</w:people>", "</w15:people>"),
        "word/glossary/document.xml": glossary,
        "word/media/image1.png": png(128, "LEAKDOCXPNGTEXT"),
        "word/media/photo.jpg": jpeg("LEAKDOCXJPEGCOMMENT", "LEAKDOCXJPEGEXIF"),
        "word/media/cropped.png": marker_rows("LEAKDOCXCROPPEDPIXELS"),
        "customXml/item1.xml": f"{XML}<gegevens><geheim>LEAKDOCXCUSTOMXML</geheim></gegevens>",
        "customXml/itemProps1.xml": (
            f'{XML}<ds:datastoreItem ds:itemID="{{00000000-0000-0000-0000-000000000002}}" '
            'xmlns:ds="http://schemas.openxmlformats.org/officeDocument/2006/customXml"/>'
        ),
        "customXml/_rels/item1.xml.rels": _rels(
            [
                ("rId1", f"{DOC_REL}/customXmlProps", "itemProps1.xml"),
            ]
        ),
        "docProps/core.xml": _core(
            "LEAKDOCXCORETITLE",
            "LEAKDOCXCOREAUTHOR",
            "<cp:lastModifiedBy>LEAKDOCXLASTMODBY</cp:lastModifiedBy>"
            "<cp:keywords>LEAKDOCXKEYWORDS</cp:keywords>"
            "<dc:description>LEAKDOCXDESCRIPTION</dc:description>"
            "<dc:subject>LEAKDOCXSUBJECT</dc:subject>",
        ),
        "docProps/app.xml": (
            f'{XML}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
            'extended-properties">'
            "<Template>LEAKDOCXAPPTEMPLATE.dotm</Template><Company>LEAKDOCXAPPCOMPANY</Company>"
            "<Manager>LEAKDOCXAPPMANAGER</Manager></Properties>"
        ),
        "docProps/custom.xml": (
            f'{XML}<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/'
            'custom-properties" xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/'
            'docPropsVTypes"><property fmtid="{D5CDD505-2E9C-101B-9397-08002B2CF9AE}" pid="2" '
            'name="LEAKDOCXCUSTOMNAME"><vt:lpwstr>LEAKDOCXCUSTOMVALUE</vt:lpwstr></property>'
            "</Properties>"
        ),
    }
    zip_parts(target, parts)


# --- a .docx with pages: page 2 is withheld with lakken ---------------------------------------


def pages_docx(target: Path) -> None:
    body = (
        p("Overzicht van reacties", "Title")
        + p("Openbare pagina LEAKDOCXPAGEKEPT.")
        + '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'
        + p("Insprekers LEAKDOCXHEADINGWITHHELD", "Heading1")
        + p("Gelakte pagina LEAKDOCXPAGEWITHHELDTEXT, Kerkstraat 1.")
        + _image("rIdImg", "LEAKDOCXPAGEWITHHELDALT", "Foto", 11)
        + '<w:p><w:r><w:br w:type="page"/></w:r></w:p>'
        + p("Slot LEAKDOCXHEADINGKEPT", "Heading1")
        + p("Slot LEAKDOCXPAGE3KEPT.")
    )
    _simple_docx(target, body, "Overzicht", "Afdeling Inspraak")


def _simple_docx(
    target: Path,
    body: str,
    title: str,
    creator: str,
    extra_parts: dict[str, bytes | str] | None = None,
    extra_rels: list[tuple[str, str, str]] | None = None,
    extra_types: dict[str, str] | None = None,
    document: str | None = None,
) -> None:
    parts: dict[str, bytes | str] = {
        "[Content_Types].xml": _types(
            {
                "word/document.xml": f"{WML}.document.main+xml",
                "word/styles.xml": f"{WML}.styles+xml",
                "docProps/core.xml": f"{PACKAGE}.core-properties+xml",
                **(extra_types or {}),
            }
        ),
        "_rels/.rels": _rels(
            [
                ("rId1", f"{DOC_REL}/officeDocument", "word/document.xml"),
                ("rId2", CORE_REL, "docProps/core.xml"),
            ]
        ),
        "word/document.xml": document or _document(body),
        "word/_rels/document.xml.rels": _rels(
            [
                ("rIdS", f"{DOC_REL}/styles", "styles.xml"),
                ("rIdImg", f"{DOC_REL}/image", "media/image1.png"),
                *(extra_rels or []),
            ]
        ),
        "word/styles.xml": _styles(),
        "word/media/image1.png": png(90),
        "docProps/core.xml": _core(title, creator),
        **(extra_parts or {}),
    }
    zip_parts(target, parts)


# --- a .docx withheld as a whole (openbaar: false) --------------------------------------------


def secret_docx(target: Path) -> None:
    body = (
        p("Vertrouwelijke notitie", "Title")
        + p("Geheime inhoud LEAKSECRETDOCXBODY.")
        + _image("rIdImg", "LEAKSECRETDOCXALT", "Foto", 12)
    )
    _simple_docx(target, body, "LEAKSECRETDOCXTITLE", "LEAKSECRETDOCXAUTHOR")


# --- tracked changes and comments -------------------------------------------------------------


def revisions_docx(target: Path) -> None:
    who = 'w:author="LEAKREVDOCXAUTHOR" w:date="2020-01-01T00:00:00Z"'
    body = (
        p("Notitie met wijzigingen", "Title")
        + p("Vaste tekst LEAKREVDOCXVISIBLE.")
        + f'<w:p><w:r><w:t xml:space="preserve">Het bedrag is </w:t></w:r>'
        f'<w:del w:id="1" {who}><w:r><w:delText>LEAKREVDOCXDELETED</w:delText></w:r></w:del>'
        f'<w:ins w:id="2" {who}><w:r><w:t>LEAKREVDOCXINSERTED</w:t></w:r></w:ins></w:p>'
        + f'<w:p><w:moveFrom w:id="3" {who}><w:r><w:t>LEAKREVDOCXMOVEDFROM</w:t></w:r>'
        "</w:moveFrom></w:p>"
        + '<w:p><w:commentRangeStart w:id="0"/><w:r><w:t>Becommentarieerde zin.</w:t></w:r>'
        '<w:commentRangeEnd w:id="0"/><w:r><w:commentReference w:id="0"/></w:r></w:p>'
    )
    comments = _part(
        "comments",
        '<w:comment w:id="0" w:author="LEAKREVDOCXCOMMENTAUTHOR" w:initials="LQ" '
        f'w:date="2020-01-01T00:00:00Z">{p("Commentaar LEAKREVDOCXCOMMENTTEXT")}</w:comment>',
    )
    _simple_docx(
        target,
        body,
        "Wijzigingen",
        "Afdeling",
        extra_parts={"word/comments.xml": comments},
        extra_rels=[("rIdC", f"{DOC_REL}/comments", "comments.xml")],
        extra_types={"word/comments.xml": f"{WML}.comments+xml"},
    )


def revisions_elsewhere_docx(target: Path) -> None:
    """Tracked changes outside the body's runs: in the header, a footnote, a text box, and a
    deleted table row (its text is in w:t, the deletion is marked on the row)."""
    who = 'w:author="Afdeling" w:date="2020-01-01T00:00:00Z"'

    def deleted(ident: int, text: str) -> str:
        return (
            f'<w:p><w:r><w:t xml:space="preserve">Tekst </w:t></w:r><w:del w:id="{ident}" '
            f"{who}><w:r><w:delText>{text}</w:delText></w:r></w:del></w:p>"
        )

    row = (
        '<w:tbl><w:tblPr><w:tblW w:w="5000" w:type="pct"/></w:tblPr><w:tblGrid>'
        '<w:gridCol w:w="4000"/></w:tblGrid>'
        f"<w:tr><w:tc>{p('Blijvende rij')}</w:tc></w:tr>"
        f'<w:tr><w:trPr><w:del w:id="14" {who}/></w:trPr><w:tc>'
        f"{p('Geschrapte rij LEAKREVROWDELETED')}</w:tc></w:tr></w:tbl>"
    )
    body = (
        p("Notitie met wijzigingen buiten de tekst", "Title")
        + p("Vaste tekst LEAKREVELSEWHEREVISIBLE.")
        + '<w:p><w:r><w:t xml:space="preserve">Met een voetnoot</w:t></w:r>'
        '<w:r><w:footnoteReference w:id="1"/></w:r></w:p>'
        + _textbox("Tekstvak", "Tekstvak").replace(
            p("Tekstvak"), deleted(13, "LEAKREVTXBXDELETED"), 1
        )
        + row
        + p("")
    )
    notes = (
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        '</w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
        "<w:continuationSeparator/></w:r></w:p></w:footnote>"
        f'<w:footnote w:id="1">{deleted(12, "LEAKREVFNDELETED")}</w:footnote>'
    )
    sect = '<w:headerReference w:type="default" r:id="rIdH"/>'
    _simple_docx(
        target,
        "",
        "Wijzigingen",
        "Afdeling",
        extra_parts={
            "word/header1.xml": _part("hdr", deleted(11, "LEAKREVHDRDELETED")),
            "word/footnotes.xml": _part("footnotes", notes),
        },
        extra_rels=[
            ("rIdH", f"{DOC_REL}/header", "header1.xml"),
            ("rIdFn", f"{DOC_REL}/footnotes", "footnotes.xml"),
        ],
        extra_types={
            "word/header1.xml": f"{WML}.header+xml",
            "word/footnotes.xml": f"{WML}.footnotes+xml",
        },
        document=_document(body, sect),
    )


# --- the steller's own data in a Word file's printed or carried-over places -------------------

STELLER_DOCX_CHANNELS = ("alt-docx", "header-docx", "core-docx")


def steller_docx(target: Path, channel: str, name: str) -> None:
    body = p("Reactie op het ontwerp", "Title") + p("Een reactie zonder persoonsgegevens.")
    if channel == "alt-docx":
        body += _image("rIdImg", f"Foto van {name}", "Foto", 13)
        _simple_docx(target, body, "Reactie", "Afdeling")
        return
    if channel == "core-docx":
        _simple_docx(target, body, f"Reactie van {name}", name)
        return
    sect = '<w:headerReference w:type="default" r:id="rIdH"/>'
    parts: dict[str, bytes | str] = {"word/header1.xml": _part("hdr", p(f"Contact: {name}"))}
    _simple_docx(
        target,
        "",
        "Reactie",
        "Afdeling",
        extra_parts=parts,
        extra_rels=[("rIdH", f"{DOC_REL}/header", "header1.xml")],
        extra_types={"word/header1.xml": f"{WML}.header+xml"},
        document=_document(body, sect),
    )


def ole_docx(target: Path) -> None:
    """An embedded OLE object (a package): Word shows its icon; the data rides along."""
    vml = (
        'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"'
    )
    body = (
        p("Notitie met een ingesloten object", "Title")
        + p("Zichtbare tekst LEAKDOCXOLEVISIBLE.")
        + f'<w:p><w:r><w:object {vml} w:dxaOrig="1440" w:dyaOrig="720">'
        '<v:shape id="_x0000_i1025" type="#_x0000_t75" style="width:72pt;height:36pt" o:ole="">'
        '<v:imagedata r:id="rIdImg" o:title=""/></v:shape>'
        '<o:OLEObject Type="Embed" ProgID="Package" ShapeID="_x0000_i1025" DrawAspect="Icon" '
        'ObjectID="_1" r:id="rIdOle"/></w:object></w:r></w:p>'
    )
    _simple_docx(
        target,
        body,
        "Object",
        "Afdeling",
        extra_parts={"word/embeddings/oleObject1.bin": b"LEAKDOCXOLEDATA ingesloten gegevens\n"},
        extra_rels=[("rIdOle", f"{DOC_REL}/oleObject", "embeddings/oleObject1.bin")],
        extra_types={"word/embeddings/oleObject1.bin": f"{OFFICE}.oleObject"},
    )
