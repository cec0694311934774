"""Recreate the corpus of ready-made PDFs (committed; run only to change them).

``.venv/bin/python tests/corpus/pdf/make_pdfs.py``

Each file is made the way another tool makes it, so the bundle meets what partners send:

- ``rapport.pdf``: a report as LaTeX and hyperref write it: a title page and a contents page
  numbered i, ii (its own page labels), nested bookmarks (three levels) that go to named
  destinations with /A /GoTo, contents lines that link to named destinations (/A /GoTo and
  /Dest), links with explicit destinations, and one old-style destination in the catalog's
  /Dests dictionary;
- ``gedraaid.pdf``: pages turned by /Rotate 0, 90 (inherited from the page tree), 180 and
  270, their text drawn so that it reads upright on screen;
- ``cid.pdf``: text in Latin, Greek and Cyrillic in a Type0 font with a CIDFontType2
  descendant (Identity-H, glyph ids as CIDs, a ToUnicode CMap), as Word, browsers and
  fpdf2 write it; untagged;
- ``formulier.pdf``: a filled-in form (AcroForm text field and check box);
- ``scan.pdf``: a scanned page: one image, no text;
- ``getagd.pdf``: a tagged PDF with its own structure tree (headings, a list, a link to a
  heading), exported by LibreOffice with ``UseTaggedPDF``;
- ``standaardfonts.pdf``: text in the standard fonts, none embedded, as countless generators
  write them: reportlab's Helvetica (plain, bold, oblique, bold oblique), Times-Roman,
  Times-Italic and Courier in WinAnsiEncoding on page 1; on page 2, written by hand,
  Helvetica with its built-in StandardEncoding and /Differences, Times-Roman with no
  /Encoding at all (curly quotes and the fi ligature at StandardEncoding's codes);
- ``symbool.pdf``: Helvetica and Symbol (Greek letters by its built-in encoding), neither
  embedded, written by hand (no free font has Symbol's metrics);
- ``leeg.pdf``: a valid PDF without pages (/Count 0, no /Kids), written byte by byte.

``getagd.pdf`` needs LibreOffice's ``soffice`` (7.4 made the committed one).
"""

from __future__ import annotations

import io
import json
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pikepdf
from fontTools import subset
from fontTools.ttLib import TTFont
from pikepdf import Array, Dictionary, Name, OutlineItem, String
from PIL import Image, ImageDraw, ImageFont
from reportlab.lib.pagesizes import A4
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen.canvas import Canvas

ROOT = Path(__file__).resolve().parents[3]
sys.path.insert(0, str(ROOT))
from besluitpak.pdf import fonts  # noqa: E402

HERE = Path(__file__).resolve().parent
WIDTH, HEIGHT = A4
TOP = HEIGHT - 110  # below the band the bundle's stamps take

# --- rapport.pdf: a LaTeX-like report ---------------------------------------------------------

# (page index, heading, its level, named destination, y of the heading)
HEADINGS = [
    (2, "1 Inleiding", 1, "section.1", TOP),
    (2, "1.1 Aanleiding", 2, "subsection.1.1", TOP - 200),
    (3, "1.2 Vraagstelling", 2, "subsection.1.2", TOP),
    (4, "2 Analyse", 1, "section.2", TOP),
    (4, "2.1 Wijken", 2, "subsection.2.1", TOP - 120),
    (5, "2.1.1 Wijk Noord", 3, "subsubsection.2.1.1", TOP),
    (6, "3 Conclusies", 1, "section.3", TOP),
]
FIGURE_Y = TOP - 400


def _report_pages() -> bytes:
    regular, bold = fonts.register()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=True, initialFontName=regular)
    canvas.setTitle("Evaluatie van de proef")
    canvas.setFont(bold, 22)
    canvas.drawString(80, TOP - 100, "Evaluatie van de proef")
    canvas.setFont(regular, 12)
    canvas.drawString(80, TOP - 130, "Rapport van het Proefbureau")
    canvas.showPage()
    canvas.setFont(bold, 16)
    canvas.drawString(80, TOP, "Inhoudsopgave")
    canvas.setFont(regular, 11)
    for line, (page, heading, level, _, _) in enumerate(HEADINGS):
        y = TOP - 40 - 22 * line
        canvas.drawString(80 + 16 * (level - 1), y, heading)
        canvas.drawRightString(WIDTH - 80, y, str(page - 1))
    canvas.showPage()
    for page in range(2, 7):
        for _, heading, level, _, y in (h for h in HEADINGS if h[0] == page):
            canvas.setFont(bold, {1: 16, 2: 13, 3: 11}[level])
            canvas.drawString(80, y, heading)
            canvas.setFont(regular, 11)
            canvas.drawString(80, y - 24, f"Tekst onder {heading}.")
        if page == 2:
            canvas.drawString(80, TOP - 300, "Zie figuur 1 voor de wijkkaart.")
        if page == 3:
            canvas.drawString(80, TOP - 300, "Terug naar de inhoudsopgave.")
        if page == 4:
            canvas.rect(80, FIGURE_Y, 300, 120)
            canvas.drawString(90, FIGURE_Y + 10, "Figuur 1: wijkkaart")
        if page == 5:
            canvas.drawString(80, TOP - 300, "Zie de conclusies in hoofdstuk 3.")
        canvas.setFont(regular, 10)
        canvas.drawCentredString(WIDTH / 2, 90, str(page - 1))
        canvas.showPage()
    canvas.save()
    return buffer.getvalue()


def _link(pdf: pikepdf.Pdf, page: int, rect: list[float], **target: pikepdf.Object) -> None:
    annot = pdf.make_indirect(
        Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=Array(rect), Border=Array([0, 0, 0]))
    )
    for key, value in target.items():
        annot[Name("/" + key)] = value
    obj = pdf.pages[page].obj
    obj.Annots = Array([*obj.get("/Annots", Array()), annot])


def _goto(destination: pikepdf.Object) -> Dictionary:
    return Dictionary(S=Name.GoTo, D=destination)


def rapport() -> None:
    pdf = pikepdf.open(io.BytesIO(_report_pages()))
    pages = [p.obj for p in pdf.pages]
    dests = pikepdf.NameTree.new(pdf)
    dests["Doc-Start"] = Array([pages[0], Name.XYZ, 0, HEIGHT, None])
    dests["page.ii"] = Array([pages[1], Name.XYZ, 0, HEIGHT, None])
    for number, (page, _, _, name, y) in enumerate(HEADINGS):
        where = Array([pages[page], Name.XYZ, 72, y + 20, None])
        # hyperref writes arrays; other tools a dictionary with /D: both are allowed
        dests[name] = Dictionary(D=where) if number % 2 else where
    pdf.Root.Names = Dictionary(Dests=dests.obj)
    pdf.Root.Dests = Dictionary({"/figure.1": Array([pages[4], Name.FitH, FIGURE_Y + 130])})
    for line, (_, _, level, name, _) in enumerate(HEADINGS):
        y = TOP - 40 - 22 * line
        rect = [76.0 + 16 * (level - 1), y - 4, WIDTH - 76, y + 12]
        if name == "subsubsection.2.1.1":
            _link(pdf, 1, rect, Dest=String(name))
        else:
            _link(pdf, 1, rect, A=_goto(String(name)))
    _link(pdf, 2, [76, TOP - 304, 300, TOP - 288], Dest=Name("/figure.1"))
    _link(pdf, 3, [76, TOP - 304, 300, TOP - 288], Dest=Array([pages[1], Name.Fit]))
    _link(
        pdf,
        5,
        [76, TOP - 304, 300, TOP - 288],
        A=_goto(Array([pages[6], Name.XYZ, None, TOP + 20, None])),
    )
    with pdf.open_outline() as outline:
        outline.root.append(OutlineItem("Inhoudsopgave", action=_goto(String("page.ii"))))
        parents: list[OutlineItem] = []
        for _, heading, level, name, _ in HEADINGS:
            if name == "section.3":
                item = OutlineItem(heading, Array([pages[6], Name.XYZ, None, TOP + 20, None]))
            else:
                item = OutlineItem(heading, action=_goto(String(name)))
            del parents[level - 1 :]
            (parents[-1].children if parents else outline.root).append(item)
            parents.append(item)
        outline.root.append(OutlineItem("Figuur 1", Name("/figure.1")))
    pdf.Root.PageLabels = Dictionary(Nums=Array([0, Dictionary(S=Name.r), 2, Dictionary(S=Name.D)]))
    _save(pdf, "rapport.pdf")


# --- gedraaid.pdf: turned pages ---------------------------------------------------------------

# Place what is drawn in the shown (turned) coordinates so that it reads upright
TURN = {
    0: (1, 0, 0, 1, 0, 0),
    90: (0, 1, -1, 0, WIDTH, 0),
    180: (-1, 0, 0, -1, WIDTH, HEIGHT),
    270: (0, -1, 1, 0, 0, HEIGHT),
}


def gedraaid() -> None:
    regular, bold = fonts.register()
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=True, initialFontName=regular)
    canvas.setTitle("Gedraaide pagina's")
    for turn in (0, 90, 180, 270):
        shown_w, shown_h = (HEIGHT, WIDTH) if turn in (90, 270) else (WIDTH, HEIGHT)
        canvas.saveState()
        canvas.transform(*TURN[turn])
        canvas.setFont(bold, 18)
        canvas.drawString(80, shown_h - 120, f"Pagina gedraaid over {turn} graden")
        canvas.setFont(regular, 12)
        canvas.drawString(80, shown_h - 150, "Deze tekst staat rechtop op het scherm.")
        canvas.rect(80, 100, shown_w - 160, shown_h - 300)
        canvas.restoreState()
        canvas.showPage()
    canvas.save()
    pdf = pikepdf.open(io.BytesIO(buffer.getvalue()))
    # The page tree turns every page by 90; the first says 0 itself, the second inherits
    pdf.Root.Pages.Rotate = 90
    pdf.pages[0].obj.Rotate = 0
    del pdf.pages[1].obj["/Rotate"]  # reportlab writes /Rotate 0 on every page
    pdf.pages[2].obj.Rotate = 180
    pdf.pages[3].obj.Rotate = 270
    _save(pdf, "gedraaid.pdf")


# --- formulier.pdf: a filled-in form ------------------------------------------------------------


def formulier() -> None:
    regular, bold = fonts.register()
    canvas = Canvas(
        str(HERE / "formulier.pdf"), pagesize=A4, invariant=True, initialFontName=regular
    )
    canvas.setTitle("Aanvraagformulier")
    canvas.setFont(bold, 16)
    canvas.drawString(80, TOP, "Aanvraagformulier buurtbudget")
    canvas.setFont(regular, 11)
    canvas.drawString(80, TOP - 50, "Naam van de buurt:")
    canvas.drawString(80, TOP - 90, "Akkoord met de voorwaarden:")
    form = canvas.acroForm
    form.textfield(
        name="buurt",
        value="Proefdorp-Noord",
        x=250,
        y=TOP - 56,
        width=200,
        height=20,
        fontName="Helvetica",
        fontSize=11,
        borderWidth=1,
    )
    form.checkbox(name="akkoord", checked=True, x=250, y=TOP - 96, size=16, buttonStyle="check")
    canvas.showPage()
    canvas.save()


# --- scan.pdf: one image, no text ---------------------------------------------------------------


def scan() -> None:
    dpi = 60
    image = Image.new("L", (round(WIDTH / 72 * dpi), round(HEIGHT / 72 * dpi)), 250)
    draw = ImageDraw.Draw(image)
    font = ImageFont.truetype(str(fonts.path("Regular")), 14)
    draw.text((60, 100), "Ingescande brief van de buurtvereniging", fill=20, font=font)
    for line in range(12):
        draw.line((60, 140 + 18 * line, 420, 140 + 18 * line), fill=90, width=2)
    encoded = io.BytesIO()
    image.save(encoded, "JPEG", quality=50)
    canvas = Canvas(str(HERE / "scan.pdf"), pagesize=A4, invariant=True)
    canvas.setTitle("Scan")
    canvas.drawImage(ImageReader(io.BytesIO(encoded.getvalue())), 0, 0, WIDTH, HEIGHT)
    canvas.showPage()
    canvas.save()
    pdf = pikepdf.open(HERE / "scan.pdf", allow_overwriting_input=True)
    del pdf.pages[0].obj.Resources["/Font"]  # a scanner writes no font: nothing to embed
    _save(pdf, "scan.pdf")


# --- cid.pdf: a Type0 font ----------------------------------------------------------------------

CID_LINES = [
    (18, "Meertalige toelichting"),
    (12, "Nederlands: de proef wordt na een jaar geëvalueerd."),
    (12, "Ελληνικά: η δοκιμή θα αξιολογηθεί μετά από ένα έτος."),
    (12, "Русский: испытание будет оценено через год."),
]
DEJAVU = Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf")


def _cid_font(pdf: pikepdf.Pdf, text: str) -> tuple[pikepdf.Object, dict[str, int]]:
    """A Type0 font of DejaVu Sans holding the glyphs of ``text``; glyph id per character."""
    original = TTFont(str(DEJAVU))
    cmap = original.getBestCmap()
    gids = {ch: original.getGlyphID(cmap[ord(ch)]) for ch in sorted(set(text))}
    scale = 1000 / original["head"].unitsPerEm
    widths = Array()
    for ch, gid in sorted(gids.items(), key=lambda item: item[1]):
        widths.extend([gid, Array([round(original["hmtx"][cmap[ord(ch)]][0] * scale)])])
    options = subset.Options()
    options.retain_gids = True
    options.layout_features = []
    options.drop_tables += ["FFTM"]
    options.name_IDs = [0, 1, 2, 3, 4, 5, 6]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=[ord(ch) for ch in gids])
    subsetter.subset(font := TTFont(str(DEJAVU)))
    program = io.BytesIO()
    font.save(program)
    file = pdf.make_stream(program.getvalue())
    file.Length1 = len(program.getvalue())
    head, hhea = original["head"], original["hhea"]
    descriptor = Dictionary(
        Type=Name.FontDescriptor,
        FontName=Name("/AAAAAA+DejaVuSans"),
        Flags=32,
        FontBBox=Array([round(v * scale) for v in (head.xMin, head.yMin, head.xMax, head.yMax)]),
        ItalicAngle=0,
        Ascent=round(hhea.ascent * scale),
        Descent=round(hhea.descent * scale),
        CapHeight=729,
        StemV=80,
        FontFile2=file,
    )
    descendant = Dictionary(
        Type=Name.Font,
        Subtype=Name.CIDFontType2,
        BaseFont=Name("/AAAAAA+DejaVuSans"),
        CIDSystemInfo=Dictionary(
            Registry=String("Adobe"), Ordering=String("Identity"), Supplement=0
        ),
        FontDescriptor=pdf.make_indirect(descriptor),
        DW=1000,
        W=widths,
        CIDToGIDMap=Name.Identity,
    )
    chars = "".join(
        f"<{gid:04X}> <{ch.encode('utf-16-be').hex().upper()}>\n" for ch, gid in gids.items()
    )
    to_unicode = pdf.make_stream(
        (
            "/CIDInit /ProcSet findresource begin 12 dict begin begincmap\n"
            "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n"
            "/CMapName /Adobe-Identity-UCS def /CMapType 2 def\n"
            "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
            f"{len(gids)} beginbfchar\n{chars}endbfchar\n"
            "endcmap CMapName currentdict /CMap defineresource pop end end\n"
        ).encode("ascii")
    )
    type0 = Dictionary(
        Type=Name.Font,
        Subtype=Name.Type0,
        BaseFont=Name("/AAAAAA+DejaVuSans"),
        Encoding=Name("/Identity-H"),
        DescendantFonts=Array([pdf.make_indirect(descendant)]),
        ToUnicode=to_unicode,
    )
    return pdf.make_indirect(type0), gids


def cid() -> None:
    pdf = pikepdf.new()
    font, gids = _cid_font(pdf, "".join(line for _, line in CID_LINES))
    content = []
    for number, (size, line) in enumerate(CID_LINES):
        glyphs = "".join(f"{gids[ch]:04X}" for ch in line)
        content.append(f"BT /F1 {size} Tf 80 {TOP - 40 * number:.1f} Td <{glyphs}> Tj ET")
    page = pikepdf.Page(
        Dictionary(
            Type=Name.Page,
            MediaBox=Array([0, 0, WIDTH, HEIGHT]),
            Resources=Dictionary(Font=Dictionary(F1=font)),
            Contents=pdf.make_stream("\n".join(content).encode("ascii")),
        )
    )
    pdf.pages.append(page)
    pdf.docinfo.Title = String("Meertalige toelichting")
    _save(pdf, "cid.pdf")


# --- LibreOffice: getagd.pdf --------------------------------------------------------

FODT_HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:xlink="http://www.w3.org/1999/xlink"
 xmlns:dc="http://purl.org/dc/elements/1.1/"
 office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:meta><dc:title>{title}</dc:title><dc:language>nl-NL</dc:language></office:meta>
<office:font-face-decls><style:font-face style:name="DejaVu Sans"
 svg:font-family="'DejaVu Sans'"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"/>
</office:font-face-decls>
<office:styles>
<style:default-style style:family="paragraph"><style:text-properties style:font-name="DejaVu Sans"
 fo:font-size="11pt" fo:language="nl" fo:country="NL"/></style:default-style>
<style:style style:name="Heading_20_1" style:display-name="Heading 1" style:family="paragraph"
 style:default-outline-level="1"><style:text-properties fo:font-size="16pt" fo:font-weight="bold"/>
</style:style>
<style:style style:name="Heading_20_2" style:display-name="Heading 2" style:family="paragraph"
 style:default-outline-level="2"><style:text-properties fo:font-size="13pt" fo:font-weight="bold"/>
</style:style>
</office:styles>
<office:automatic-styles>
<style:page-layout style:name="pm1"><style:page-layout-properties fo:page-width="21cm"
 fo:page-height="29.7cm" fo:margin-top="3cm" fo:margin-bottom="3cm" fo:margin-left="2.5cm"
 fo:margin-right="2.5cm"/></style:page-layout>
<style:style style:name="P1" style:family="paragraph" style:parent-style-name="Heading_20_1">
<style:paragraph-properties fo:break-before="page"/></style:style>
</office:automatic-styles>
<office:master-styles><style:master-page style:name="Standard" style:page-layout-name="pm1"/>
</office:master-styles>
<office:body><office:text>
"""
FODT_TAIL = "</office:text></office:body></office:document>\n"

GETAGD = """
<text:h text:style-name="Heading_20_1" text:outline-level="1">Advies van de wijkraad</text:h>
<text:p>De wijkraad heeft het voorstel besproken. Zie
<text:a xlink:type="simple" xlink:href="#advies">het advies</text:a> op de volgende pagina.</text:p>
<text:h text:style-name="Heading_20_2" text:outline-level="2">Aanleiding</text:h>
<text:p>De proef loopt een jaar.</text:p>
<text:list><text:list-item><text:p>Eerste punt van zorg.</text:p></text:list-item>
<text:list-item><text:p>Tweede punt van zorg.</text:p></text:list-item></text:list>
<text:h text:style-name="P1" text:outline-level="1"><text:bookmark text:name="advies"/>Advies
</text:h>
<text:p>De wijkraad adviseert positief.</text:p>
<text:h text:style-name="Heading_20_2" text:outline-level="2">Ondertekening</text:h>
<text:p>Namens de wijkraad, de voorzitter.</text:p>
"""


# --- standaardfonts.pdf, symbool.pdf, leeg.pdf: fonts not embedded, no pages ---------------------

STANDARD_WORDS = {
    "Helvetica": "Zwaluwstaartverbinding",
    "Helvetica-Bold": "Kikkerdrilvijver",
    "Helvetica-Oblique": "Boomkikkerkoor",
    "Helvetica-BoldOblique": "Egelpaadjesplan",
    "Times-Roman": "Notenkrakersnest",
    "Times-Italic": "Uilenbalkenrij",
    "Courier": "Ganzenveerinkt",
}
"""A word of its own for each font, to find back in the bundle's text."""


def standaardfonts() -> None:
    buffer = io.BytesIO()
    canvas = Canvas(buffer, pagesize=A4, invariant=True)
    canvas.setTitle("Standaardfonts")
    for line, (font, word) in enumerate(STANDARD_WORDS.items()):
        canvas.setFont(font, 13)
        canvas.drawString(80, TOP - 30 * line, f"{font}: {word}, café à € 12,50")
    canvas.showPage()
    canvas.save()
    pdf = pikepdf.open(io.BytesIO(buffer.getvalue()))
    helvetica = Dictionary(
        Type=Name.Font,
        Subtype=Name.Type1,
        BaseFont=Name.Helvetica,
        Encoding=Dictionary(Type=Name.Encoding, Differences=Array([128, Name.Euro])),
    )
    times = Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name("/Times-Roman"))
    # StandardEncoding: 0x60 quoteleft, 0x27 quoteright, 0xAE fi; 0x80 the Euro (Differences)
    content = (
        f"BT /H 13 Tf 80 {TOP} Td (\140Kabeljauwstaart\047 \200 7) Tj ET\n"
        f"BT /T 13 Tf 80 {TOP - 30} Td (Op\256ciersmesje) Tj ET\n"
    )
    pdf.pages.append(
        pikepdf.Page(
            Dictionary(
                Type=Name.Page,
                MediaBox=Array([0, 0, WIDTH, HEIGHT]),
                Resources=Dictionary(
                    Font=Dictionary(H=pdf.make_indirect(helvetica), T=pdf.make_indirect(times))
                ),
                Contents=pdf.make_stream(content.encode("latin-1")),
            )
        )
    )
    _save(pdf, "standaardfonts.pdf")


def symbool() -> None:
    pdf = pikepdf.new()
    helvetica = Dictionary(
        Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Helvetica, Encoding=Name.WinAnsiEncoding
    )
    symbol = Dictionary(Type=Name.Font, Subtype=Name.Type1, BaseFont=Name.Symbol)
    # Symbol's built-in encoding: a b g d are alpha beta gamma delta
    content = (
        f"BT /H 13 Tf 80 {TOP} Td (Formule met Griekse letters:) Tj ET\n"
        f"BT /S 13 Tf 80 {TOP - 30} Td (abgd) Tj ET\n"
    )
    pdf.pages.append(
        pikepdf.Page(
            Dictionary(
                Type=Name.Page,
                MediaBox=Array([0, 0, WIDTH, HEIGHT]),
                Resources=Dictionary(
                    Font=Dictionary(H=pdf.make_indirect(helvetica), S=pdf.make_indirect(symbol))
                ),
                Contents=pdf.make_stream(content.encode("latin-1")),
            )
        )
    )
    _save(pdf, "symbool.pdf")


def leeg() -> None:
    """A PDF whose page tree has no pages: valid (qpdf --check passes), and empty."""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Count 0 >>",
    ]
    out = bytearray(b"%PDF-1.7\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (number, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        xref,
    )
    (HERE / "leeg.pdf").write_bytes(bytes(out))


def _soffice(fodt: str, title: str, target: str, *, tagged: bool) -> None:
    soffice = shutil.which("soffice")
    if soffice is None:
        raise SystemExit("soffice not found: install LibreOffice to make cid.pdf and getagd.pdf")
    options = json.dumps(
        {
            "UseTaggedPDF": {"type": "boolean", "value": "true" if tagged else "false"},
            "ExportBookmarks": {"type": "boolean", "value": "true"},
        },
        separators=(",", ":"),
    )
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / (Path(target).stem + ".fodt")
        source.write_text(FODT_HEAD.format(title=title) + fodt + FODT_TAIL, encoding="utf-8")
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation=file://{work}/profile",
                "--headless",
                "--convert-to",
                f"pdf:writer_pdf_Export:{options}",
                "--outdir",
                work,
                str(source),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
        shutil.copy(Path(work) / target, HERE / target)


def _save(pdf: pikepdf.Pdf, name: str) -> None:
    pdf.save(HERE / name, deterministic_id=True, compress_streams=True)


if __name__ == "__main__":
    rapport()
    gedraaid()
    formulier()
    scan()
    cid()
    standaardfonts()
    symbool()
    leeg()
    if "--no-libreoffice" not in sys.argv:
        _soffice(GETAGD, "Advies van de wijkraad", "getagd.pdf", tagged=True)
