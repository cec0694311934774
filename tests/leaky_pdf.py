"""A PDF that hides a different marker in each place a PDF can carry text besides its
visible page text (for the tests of the channel scan and the guard)."""

from __future__ import annotations

from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, String
from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from besluitpak.pdf import fonts

CHANNELS = (
    "bookmark",
    "annotation",
    "link",
    "layer",
    "alt",
    "actualtext",
    "info",
    "xmp",
    "attachment",
    "form",
)


def marker(channel: str) -> str:
    """The unique word hidden in ``channel``."""
    return f"Geheimpje{channel.capitalize()}Xq"


def base_pdf(path: Path, pages: int = 2, text: str = "Zichtbare tekst") -> None:
    """A plain PDF of ``pages`` pages with an embedded font (reportlab)."""
    regular, _bold = fonts.register()
    canvas = Canvas(str(path), pagesize=A4, invariant=True, initialFontName=regular)
    for number in range(1, pages + 1):
        canvas.setFont(regular, 12)
        canvas.drawString(72, 760, f"{text} op pagina {number}")
        canvas.showPage()
    canvas.save()


def hide(
    path: Path,
    *,
    page: int = 2,
    values: dict[str, str] | None = None,
    only: tuple[str, ...] = CHANNELS,
) -> None:
    """Hide ``values[channel]`` (by default :func:`marker`) in each channel of ``only``,
    on ``page`` (1-based) where the channel belongs to a page."""
    text = {c: (values or {}).get(c, marker(c)) for c in CHANNELS}
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        target = pdf.pages[page - 1]
        annots = Array()
        if "bookmark" in only:
            with pdf.open_outline() as outline:
                outline.root.append(pikepdf.OutlineItem(text["bookmark"], page - 1))
        if "annotation" in only:
            annots.append(
                pdf.make_indirect(
                    Dictionary(
                        Type=Name.Annot,
                        Subtype=Name.Text,
                        Rect=[100, 100, 120, 120],
                        Contents=String(text["annotation"]),
                        T=String("Commentaar"),
                        F=4,
                    )
                )
            )
        if "link" in only:
            annots.append(
                pdf.make_indirect(
                    Dictionary(
                        Type=Name.Annot,
                        Subtype=Name.Link,
                        Rect=[72, 700, 200, 720],
                        Border=[0, 0, 0],
                        A=Dictionary(S=Name.URI, URI=String(f"mailto:{text['link']}")),
                    )
                )
            )
        if len(annots):
            target.obj.Annots = annots
        if "layer" in only:
            _hidden_layer(pdf, target, text["layer"])
        if "alt" in only or "actualtext" in only:
            _structure(pdf, target, alt=text["alt"], actual=text["actualtext"], only=only)
        if "xmp" in only:
            with pdf.open_metadata(set_pikepdf_as_editor=False) as meta:
                meta["dc:description"] = text["xmp"]
        if "info" in only:  # after the XMP, which would overwrite the Info dictionary
            pdf.docinfo["/Keywords"] = text["info"]
        if "attachment" in only:
            spec = pikepdf.AttachedFileSpec(
                pdf, f"Bijlage met {text['attachment']} erin.".encode(), mime_type="text/plain"
            )
            pdf.attachments["notitie.txt"] = spec
        if "form" in only:
            field = pdf.make_indirect(
                Dictionary(FT=Name.Tx, T=String("naam"), V=String(text["form"]))
            )
            pdf.Root.AcroForm = Dictionary(Fields=Array([field]))
        pdf.save(path)


def _hidden_layer(pdf: pikepdf.Pdf, page: pikepdf.Page, secret: str) -> None:
    """Text on ``page`` inside an optional-content group that is OFF by default."""
    group = pdf.make_indirect(Dictionary(Type=Name.OCG, Name=String("Verborgen")))
    pdf.Root.OCProperties = Dictionary(
        OCGs=Array([group]), D=Dictionary(Name=String("Standaard"), OFF=Array([group]))
    )
    resources = page.obj.Resources
    if "/Properties" not in resources:
        resources.Properties = Dictionary()
    resources.Properties.OC1 = group
    font = next(iter(resources.Font.keys()))
    stream = f"/OC /OC1 BDC BT {font} 12 Tf 72 500 Td ({secret}) Tj ET EMC".encode()
    page.contents_add(pdf.make_stream(stream), prepend=False)


def _structure(
    pdf: pikepdf.Pdf, page: pikepdf.Page, *, alt: str, actual: str, only: tuple[str, ...]
) -> None:
    figure = Dictionary(Type=Name.StructElem, S=Name.Figure, Pg=page.obj)
    span = Dictionary(Type=Name.StructElem, S=Name.Span, Pg=page.obj)
    if "alt" in only:
        figure.Alt = String(alt)
    if "actualtext" in only:
        span.ActualText = String(actual)
    document = pdf.make_indirect(
        Dictionary(
            Type=Name.StructElem,
            S=Name.Document,
            K=Array([pdf.make_indirect(figure), pdf.make_indirect(span)]),
        )
    )
    pdf.Root.StructTreeRoot = pdf.make_indirect(
        Dictionary(Type=Name.StructTreeRoot, K=Array([document]))
    )
    pdf.Root.MarkInfo = Dictionary(Marked=True)
