"""The adversary's ready-made ODF text documents (.odt), written part by part so that every
place where ODF keeps text, printed or not, holds its own marker."""

from __future__ import annotations

from pathlib import Path

from tests.corpus.leaks.word_leaks import XML, jpeg, marker_rows, png, zip_parts

ODF_NS = (
    'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
    'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
    'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
    'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
    'xmlns:dc="http://purl.org/dc/elements/1.1/" '
    'xmlns:meta="urn:oasis:names:tc:opendocument:xmlns:meta:1.0" '
    'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0" '
    'xmlns:draw="urn:oasis:names:tc:opendocument:xmlns:drawing:1.0" '
    'xmlns:xlink="http://www.w3.org/1999/xlink" '
    'xmlns:form="urn:oasis:names:tc:opendocument:xmlns:form:1.0" office:version="1.3"'
)


def _odt(
    target: Path,
    automatic_styles: str,
    body: str,
    meta: str,
    pictures: dict[str, bytes] | None = None,
) -> None:
    pictures = pictures or {}
    content = (
        f"{XML}<office:document-content {ODF_NS}>"
        '<office:font-face-decls><style:font-face style:name="Carlito" '
        'svg:font-family="Carlito"/></office:font-face-decls>'
        f"<office:automatic-styles>{automatic_styles}</office:automatic-styles>"
        f"<office:body><office:text>{body}</office:text></office:body>"
        "</office:document-content>"
    )
    styles = (
        f"{XML}<office:document-styles {ODF_NS}><office:styles>"
        '<style:default-style style:family="paragraph"><style:text-properties '
        'style:font-name="Carlito" fo:font-size="11pt" fo:language="nl" fo:country="NL"/>'
        "</style:default-style></office:styles></office:document-styles>"
    )
    meta_xml = (
        f"{XML}<office:document-meta {ODF_NS}><office:meta>{meta}"
        f"<meta:creation-date>2020-01-01T00:00:00</meta:creation-date>"
        "<dc:date>2020-01-01T00:00:00</dc:date></office:meta></office:document-meta>"
    )
    manifest = (
        f"{XML}<manifest:manifest "
        'xmlns:manifest="urn:oasis:names:tc:opendocument:xmlns:manifest:1.0" '
        'manifest:version="1.3">'
        '<manifest:file-entry manifest:full-path="/" '
        'manifest:media-type="application/vnd.oasis.opendocument.text"/>'
        '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="styles.xml" manifest:media-type="text/xml"/>'
        '<manifest:file-entry manifest:full-path="meta.xml" manifest:media-type="text/xml"/>'
        + "".join(
            f'<manifest:file-entry manifest:full-path="{name}" '
            f'manifest:media-type="image/{"jpeg" if name.endswith(".jpg") else "png"}"/>'
            for name in pictures
        )
        + "</manifest:manifest>"
    )
    zip_parts(
        target,
        {
            "mimetype": "application/vnd.oasis.opendocument.text",
            "META-INF/manifest.xml": manifest,
            "content.xml": content,
            "styles.xml": styles,
            "meta.xml": meta_xml,
            **pictures,
        },
        stored_first="mimetype",
    )


def tp(text: str, style: str = "") -> str:
    attr = f' text:style-name="{style}"' if style else ""
    return f"<text:p{attr}>{text}</text:p>"


def hidden_odt(target: Path) -> None:
    automatic = (
        '<style:style style:name="Verborgen" style:family="text">'
        '<style:text-properties text:display="none"/></style:style>'
        '<style:style style:name="SectVerborgen" style:family="section"/>'
        '<style:style style:name="Bijsnijden" style:family="graphic"><style:graphic-properties '
        'fo:clip="rect(0cm, 0cm, 0.06cm, 0cm)"/></style:style>'
    )
    body = (
        '<office:forms form:automatic-focus="false" form:apply-design-mode="false">'
        '<form:form form:name="Formulier">'
        '<form:text form:name="LEAKODTFORMNAME" form:id="control1" xml:id="control1" '
        'form:control-implementation="ooo:com.sun.star.form.component.TextField" '
        'form:current-value="LEAKODTFORMVALUE" form:title="LEAKODTFORMTITLE"/>'
        "</form:form></office:forms>"
        "<text:user-field-decls>"
        '<text:user-field-decl text:name="LeakVeld" office:value-type="string" '
        'office:string-value="LEAKODTUSERFIELD"/></text:user-field-decls>'
        '<text:h text:outline-level="1">Notitie met verborgen onderdelen</text:h>'
        + tp("Zichtbare tekst LEAKODTVISIBLE in een openbare bijlage.")
        + tp(
            "Verborgen alinea LEAKODTHIDDENPARA"
            '<text:hidden-paragraph text:condition="ooow:1==1" text:is-hidden="true"/>'
        )
        + tp(
            'Tekst met een verborgen veld <text:hidden-text text:condition="ooow:1==1" '
            'text:string-value="LEAKODTHIDDENTEXT" text:is-hidden="true">'
            "LEAKODTHIDDENTEXT</text:hidden-text>."
        )
        + tp(
            'Verborgen opmaak: <text:span text:style-name="Verborgen">LEAKODTDISPLAYNONE'
            "</text:span>"
        )
        + '<text:section text:name="Verborgen sectie" text:style-name="SectVerborgen" '
        'text:display="none">'
        + tp("Verborgen sectie LEAKODTHIDDENSECTION")
        + "</text:section>"
        + '<text:section text:name="Voorwaardelijke sectie" text:display="condition" '
        'text:condition="ooow:1==1">'
        + tp("Voorwaardelijk verborgen LEAKODTCONDSECTION")
        + "</text:section>"
        + tp(
            'Met een voetnoot<text:note text:id="n1" text:note-class="footnote">'
            "<text:note-citation>1</text:note-citation><text:note-body>"
            + tp("Voetnoot LEAKODTFOOTNOTE")
            + "</text:note-body></text:note>."
        )
        + tp(
            'Een variabele: <text:variable-set text:name="LeakVar" office:value-type="string" '
            'text:display="none">LEAKODTVARIABLE</text:variable-set>einde.'
        )
        + tp(
            '<text:bookmark text:name="LEAKODTBOOKMARK"/>Een alinea met een bladwijzer en '
            'een figuur: <draw:frame draw:name="LEAKODTFRAMENAME" text:anchor-type="as-char" '
            'svg:width="2cm" svg:height="1cm"><draw:image xlink:href="Pictures/p.png" '
            'xlink:type="simple" xlink:show="embed" xlink:actuate="onLoad"/>'
            "<svg:title>Figuur</svg:title></draw:frame>, een foto: "
            '<draw:frame draw:name="Foto" text:anchor-type="as-char" svg:width="2cm" '
            'svg:height="1cm"><draw:image xlink:href="Pictures/foto.jpg" xlink:type="simple" '
            'xlink:show="embed" xlink:actuate="onLoad"/></draw:frame> en een bijgesneden '
            'figuur: <draw:frame draw:name="Bijgesneden" draw:style-name="Bijsnijden" '
            'text:anchor-type="as-char" svg:width="4cm" svg:height="1cm">'
            '<draw:image xlink:href="Pictures/bijgesneden.png" xlink:type="simple" '
            'xlink:show="embed" xlink:actuate="onLoad"/></draw:frame>'
        )
        + tp(
            'Een veld: <draw:control draw:control="control1" text:anchor-type="as-char" '
            'svg:width="5cm" svg:height="0.8cm"/> en '
            "een opmerking<office:annotation><dc:creator>LEAKODTCOMMENTONLYAUTHOR</dc:creator>"
            "<dc:date>2020-01-01T00:00:00</dc:date>"
            + tp("Opmerking LEAKODTCOMMENTONLYTEXT")
            + "</office:annotation> en "
            'een gebruikersveld: <text:user-field-get text:name="LeakVeld" '
            'text:display="none">LEAKODTUSERFIELD</text:user-field-get>.'
        )
    )
    meta = (
        "<dc:title>LEAKODTMETATITLE</dc:title><dc:creator>LEAKODTMETACREATOR</dc:creator>"
        "<meta:initial-creator>LEAKODTMETAINITIAL</meta:initial-creator>"
        "<meta:keyword>LEAKODTMETAKEYWORD</meta:keyword>"
        "<dc:description>LEAKODTMETADESCRIPTION</dc:description>"
        '<meta:user-defined meta:name="LEAKODTMETAUSERNAME">LEAKODTMETAUSERVALUE'
        "</meta:user-defined>"
    )
    pictures = {
        "Pictures/p.png": png(60),
        "Pictures/foto.jpg": jpeg("LEAKODTJPEGCOMMENT", "LEAKODTJPEGEXIF"),
        "Pictures/bijgesneden.png": marker_rows("LEAKODTCROPPEDPIXELS"),
    }
    _odt(target, automatic, body, meta, pictures)


def revisions_odt(target: Path) -> None:
    changes = (
        "<text:tracked-changes>"
        '<text:changed-region text:id="ct1"><text:deletion><office:change-info>'
        "<dc:creator>LEAKREVODTAUTHOR</dc:creator><dc:date>2020-01-01T00:00:00</dc:date>"
        "</office:change-info>" + tp("LEAKREVODTDELETED") + "</text:deletion></text:changed-region>"
        '<text:changed-region text:id="ct2"><text:insertion><office:change-info>'
        "<dc:creator>LEAKREVODTAUTHOR</dc:creator><dc:date>2020-01-01T00:00:00</dc:date>"
        "</office:change-info></text:insertion></text:changed-region>"
        "</text:tracked-changes>"
    )
    body = (
        changes
        + '<text:h text:outline-level="1">Notitie met wijzigingen</text:h>'
        + tp("Vaste tekst LEAKREVODTVISIBLE.")
        + tp(
            'Het bedrag is <text:change text:change-id="ct1"/>'
            '<text:change-start text:change-id="ct2"/>LEAKREVODTINSERTED'
            '<text:change-end text:change-id="ct2"/>.'
        )
        + tp(
            "Becommentarieerd<office:annotation><dc:creator>LEAKREVODTCOMMENTAUTHOR"
            "</dc:creator><dc:date>2020-01-01T00:00:00</dc:date>"
            + tp("Commentaar LEAKREVODTCOMMENTTEXT")
            + "</office:annotation> zin."
        )
    )
    _odt(target, "", body, "<dc:title>Wijzigingen</dc:title>")
