"""The small PDFs of the leak corpus: an incremental update, object streams, a withheld
PDF, a portfolio, and the steller's name in one place per file."""

from __future__ import annotations

import io
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from tests.corpus.leaks.pdf_base import new_canvas, stream


def incremental_pdf(target: Path) -> None:
    """Revision 1 draws LEAKPDFREV1TEXT; an appended revision 2 replaces the page's content
    with one that draws only LEAKPDFREV2TEXT and a new Info. Revision 1 stays in the bytes."""
    buffer = io.BytesIO()
    canvas, regular, bold, _ = new_canvas(buffer)
    canvas.setFont(bold, 16)
    canvas.drawString(72, 770, "Herziene notitie")
    canvas.setFont(regular, 11)
    canvas.drawString(72, 740, "Versie twee LEAKPDFREV2TEXT")
    canvas.addLiteral("% revision-1-only")
    canvas.drawString(72, 710, "Versie een LEAKPDFREV1TEXT")
    canvas.addLiteral("% end-revision-1-only")
    canvas.showPage()
    canvas.save()
    pdf = pikepdf.open(io.BytesIO(buffer.getvalue()))
    pdf.docinfo = pdf.make_indirect(Dictionary(Title=String("LEAKPDFREV1INFO")))
    first = io.BytesIO()
    pdf.save(
        first,
        deterministic_id=True,
        compress_streams=True,
        object_stream_mode=pikepdf.ObjectStreamMode.disable,
    )
    rev1 = first.getvalue()
    reread = pikepdf.open(io.BytesIO(rev1))
    page = reread.pages[0].obj
    content = page.Contents.read_bytes()
    start = content.index(b"% revision-1-only")
    end = content.index(b"% end-revision-1-only") + len(b"% end-revision-1-only")
    new_content = content[:start] + content[end:]
    page_num = page.objgen[0]
    size = int(reread.trailer.Size)
    root_num = reread.Root.objgen[0]
    # the page again, with /Contents pointing at the new stream
    keys = []
    for key, value in page.items():
        if key == "/Contents":
            continue
        keys.append(f"{key} {Array([value]).unparse().decode('latin-1')[1:-1]}")
    keys.append(f"/Contents {size} 0 R")
    objects = {
        page_num: ("<< " + " ".join(keys) + " >>").encode("latin-1"),
        size: b"<< /Length %d >>\nstream\n" % len(new_content) + new_content + b"\nendstream",
        size + 1: b"<< /Title (Herziene notitie) >>",
        size + 2: b"(LEAKPDFORPHAN: an object nothing refers to)",
    }
    out = bytearray(rev1)
    if not out.endswith(b"\n"):
        out += b"\n"
    offsets = {}
    for num in sorted(objects):
        offsets[num] = len(out)
        out += b"%d 0 obj\n" % num + objects[num] + b"\nendobj\n"
    prev = rev1.rindex(b"startxref")
    prev_offset = int(rev1[prev + 9 :].split()[0])
    xref_at = len(out)
    out += b"xref\n"
    for num in sorted(objects):
        out += b"%d 1\n%010d 00000 n \n" % (num, offsets[num])
    trailer_id = reread.trailer.ID.unparse()
    out += b"trailer\n<< /Size %d /Root %d 0 R /Info %d 0 R /Prev %d /ID %s >>\n" % (
        size + 3,
        root_num,
        size + 1,
        prev_offset,
        trailer_id,
    )
    out += b"startxref\n%d\n%%%%EOF\n" % xref_at
    out += b"LEAKPDFAFTEREOF bytes after the last end-of-file marker\n"
    target.write_bytes(bytes(out))


def objstm_pdf(target: Path) -> None:
    buffer = io.BytesIO()
    canvas, regular, bold, _ = new_canvas(buffer)
    for n, text in ((1, "Openbaar LEAKPDFOBJSTMKEPT"), (2, "Geheim LEAKPDFOBJSTMWITHHELD")):
        canvas.setFont(bold, 16)
        canvas.drawString(72, 770, f"Pagina {n}")
        canvas.setFont(regular, 11)
        canvas.drawString(72, 740, text)
        canvas.showPage()
    canvas.save()
    pdf = pikepdf.open(io.BytesIO(buffer.getvalue()))
    p2 = pdf.pages[1].obj
    p2.Annots = Array(
        [
            pdf.make_indirect(
                Dictionary(
                    Type=Name.Annot,
                    Subtype=Name.Text,
                    Rect=Array([400, 700, 420, 720]),
                    P=p2,
                    Contents=String("LEAKPDFOBJSTMANNOT"),
                )
            )
        ]
    )
    pdf.docinfo = pdf.make_indirect(Dictionary(Title=String("LEAKPDFOBJSTMINFO")))
    pdf.save(
        target,
        deterministic_id=True,
        compress_streams=True,
        object_stream_mode=pikepdf.ObjectStreamMode.generate,
    )


def secret_pdf(
    target: Path, text: str = "LEAKSECRETPDFTEXT", info: str = "LEAKSECRETPDFINFO"
) -> None:
    buffer = io.BytesIO()
    canvas, regular, bold, _ = new_canvas(buffer)
    canvas.setFont(bold, 16)
    canvas.drawString(72, 770, "Vertrouwelijk advies")
    canvas.setFont(regular, 11)
    canvas.drawString(72, 740, f"Geheim {text}")
    canvas.showPage()
    canvas.save()
    pdf = pikepdf.open(io.BytesIO(buffer.getvalue()))
    pdf.docinfo = pdf.make_indirect(Dictionary(Title=String(info)))
    pdf.save(
        target,
        deterministic_id=True,
        compress_streams=True,
        object_stream_mode=pikepdf.ObjectStreamMode.disable,
    )


def portfolio_pdf(target: Path) -> None:
    buffer = io.BytesIO()
    canvas, regular, bold, _ = new_canvas(buffer)
    canvas.setFont(bold, 16)
    canvas.drawString(72, 770, "Portfolio")
    canvas.setFont(regular, 11)
    canvas.drawString(72, 740, "Voorblad LEAKPORTFOLIOCOVER")
    canvas.showPage()
    canvas.save()
    pdf = pikepdf.open(io.BytesIO(buffer.getvalue()))
    embedded = stream(pdf, "LEAKPORTFOLIOFILE onderdeel van de portfolio\n", Type=Name.EmbeddedFile)
    filespec = Dictionary(
        Type=Name.Filespec,
        F=String("LEAKPORTFOLIONAME.txt"),
        UF=String("LEAKPORTFOLIONAME.txt"),
        EF=Dictionary(F=embedded),
        CI=Dictionary(LeakField=String("LEAKPORTFOLIOITEM")),
    )
    pdf.Root.Names = Dictionary(EmbeddedFiles=Dictionary(Names=Array([String("a"), filespec])))
    pdf.Root.Collection = Dictionary(
        Type=Name.Collection,
        View=Name.D,
        Schema=Dictionary(
            LeakField=Dictionary(
                Type=Name.CollectionField, Subtype=Name.S, N=String("LEAKPORTFOLIOSCHEMA")
            )
        ),
    )
    pdf.save(
        target,
        deterministic_id=True,
        compress_streams=True,
        object_stream_mode=pikepdf.ObjectStreamMode.disable,
    )


STELLER_PDF_CHANNELS = (
    "bookmark",
    "mailto",
    "uriquery",
    "note",
    "layer",
    "alt",
    "actualtext",
    "info",
    "upper",
    "bestandsnaam-leakstellerzq",
)


def steller_pdf(target: Path, channel: str, name: str, email: str) -> None:
    """A one-page PDF whose visible text is clean; ``channel`` says where the steller is."""
    buffer = io.BytesIO()
    canvas, regular, bold, _ = new_canvas(buffer)
    canvas.setFont(bold, 16)
    canvas.drawString(72, 770, "Reactie op het ontwerp")
    canvas.setFont(regular, 11)
    canvas.addLiteral("/P <</MCID 0>> BDC")
    canvas.drawString(72, 740, "Een reactie zonder persoonsgegevens in de tekst.")
    canvas.addLiteral("EMC")
    if channel == "layer":
        canvas.addLiteral("/OC /Hidden BDC")
        canvas.drawString(72, 710, f"Contact: {name}")
        canvas.addLiteral("EMC")
    if channel == "actualtext":
        canvas.addLiteral(f"/Span <</ActualText ({name})>> BDC")
        canvas.drawString(72, 680, "de steller")
        canvas.addLiteral("EMC")
    if channel == "upper":
        canvas.drawString(72, 650, f"Contactpersoon: {name.upper()}")
    canvas.showPage()
    canvas.save()
    pdf = pikepdf.open(io.BytesIO(buffer.getvalue()))
    page = pdf.pages[0].obj
    if channel == "layer":
        off = pdf.make_indirect(Dictionary(Type=Name.OCG, Name=String("Verborgen")))
        page.Resources.Properties = Dictionary(Hidden=off)
        pdf.Root.OCProperties = Dictionary(
            OCGs=Array([off]),
            D=Dictionary(Name=String("Standaard"), OFF=Array([off]), Order=Array([off])),
        )
    if channel == "note":
        page.Annots = Array(
            [
                pdf.make_indirect(
                    Dictionary(
                        Type=Name.Annot,
                        Subtype=Name.Text,
                        P=page,
                        Rect=Array([400, 700, 420, 720]),
                        Contents=String(f"Vraag {name} even"),
                        T=String(name),
                    )
                )
            ]
        )
    if channel in ("mailto", "uriquery"):
        uri = f"mailto:{email}" if channel == "mailto" else f"https://example.org/?van={email}"
        page.Annots = Array(
            [
                pdf.make_indirect(
                    Dictionary(
                        Type=Name.Annot,
                        Subtype=Name.Link,
                        P=page,
                        Rect=Array([72, 600, 300, 620]),
                        Border=Array([0, 0, 0]),
                        A=Dictionary(S=Name.URI, URI=String(uri)),
                    )
                )
            ]
        )
    if channel == "bookmark":
        outline = pdf.make_indirect(Dictionary(Type=Name.Outlines))
        item = pdf.make_indirect(
            Dictionary(
                Title=String(f"Contact: {name}"), Parent=outline, Dest=Array([page, Name.Fit])
            )
        )
        outline.First, outline.Last, outline.Count = item, item, 1
        pdf.Root.Outlines = outline
    if channel == "alt":
        root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
        para = pdf.make_indirect(
            Dictionary(
                Type=Name.StructElem,
                S=Name.P,
                P=root,
                Pg=page,
                K=0,
                Alt=String(f"Geschreven door {name}"),
            )
        )
        root.K = para
        root.ParentTree = pdf.make_indirect(Dictionary(Nums=Array([0, Array([para])])))
        page.StructParents = 0
        pdf.Root.StructTreeRoot = root
        pdf.Root.MarkInfo = Dictionary(Marked=True)
    if channel == "info":
        pdf.docinfo = pdf.make_indirect(
            Dictionary(Author=String(name), Title=String(f"Reactie van {email}"))
        )
    pdf.save(
        target,
        deterministic_id=True,
        compress_streams=True,
        object_stream_mode=pikepdf.ObjectStreamMode.disable,
    )
