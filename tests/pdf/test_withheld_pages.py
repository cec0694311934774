"""Withheld pages of a ready-made PDF leave nothing behind, whatever else of the document
still points at them (fast tier: pikepdf and qpdf, no LibreOffice)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pikepdf
from pikepdf import Array, Dictionary, Name, String
from reportlab.pdfgen.canvas import Canvas

from besluitpak.pdf.public_copy import public_copy

SECRET = "GEHEIMEPAGINAMARKER"


def _three_pages(path: Path) -> None:
    """Three pages of plain text (uncompressed, so the text is in the bytes); page 2 holds
    the secret."""
    canvas = Canvas(str(path), pageCompression=0, invariant=True)
    for text in ("Inhoud: zie pagina 2", f"Bewonersgegevens {SECRET}", "Slot"):
        canvas.setFont("Helvetica", 12)
        canvas.drawString(72, 720, text)
        canvas.showPage()
    canvas.save()


def _point_at_page_two(path: Path) -> None:
    """What other tools write into page 1: a Word-style link (a GoTo action, no /P) and a
    button with a GoTo action, both in the structure tree, and a named destination."""
    with pikepdf.open(path, allow_overwriting_input=True) as pdf:
        first, second = pdf.pages[0].obj, pdf.pages[1].obj
        goto = Dictionary(S=Name.GoTo, D=Array([second, Name.Fit]))
        link = pdf.make_indirect(
            Dictionary(Type=Name.Annot, Subtype=Name.Link, Rect=Array([72, 700, 300, 740]), A=goto)
        )
        button = pdf.make_indirect(
            Dictionary(
                Type=Name.Annot,
                Subtype=Name.Widget,
                FT=Name.Btn,
                Rect=Array([72, 600, 200, 640]),
                A=Dictionary(S=Name.GoTo, D=Array([second, Name.XYZ, 0, 800, 0])),
            )
        )
        first.Annots = Array([link, button])
        root = pdf.make_indirect(Dictionary(Type=Name.StructTreeRoot))
        elements = [
            pdf.make_indirect(
                Dictionary(
                    Type=Name.StructElem,
                    S=Name(kind),
                    P=root,
                    Pg=first,
                    K=Array([Dictionary(Type=Name.OBJR, Obj=target, Pg=first)]),
                )
            )
            for kind, target in (("/Link", link), ("/Form", button))
        ]
        root.K = Array(elements)
        pdf.Root.StructTreeRoot = root
        pdf.Root.MarkInfo = Dictionary(Marked=True)
        pdf.Root.AcroForm = Dictionary(Fields=Array([button]))
        pdf.Root.Names = Dictionary(
            Dests=Dictionary(Names=Array([String("bewoners"), Array([second, Name.Fit])]))
        )
        pdf.save(path)


def _decompressed(path: Path, tmp_path: Path) -> bytes:
    qdf = tmp_path / f"{path.stem}.qdf.pdf"
    subprocess.run(["qpdf", "--qdf", "--object-streams=disable", str(path), str(qdf)], check=True)
    return qdf.read_bytes()


def test_a_withheld_page_that_links_and_buttons_point_at_leaves_nothing(tmp_path: Path) -> None:
    source = tmp_path / "nota.pdf"
    _three_pages(source)
    _point_at_page_two(source)
    assert SECRET.encode() in _decompressed(source, tmp_path)  # the test can see a leak
    out = tmp_path / "openbaar.pdf"
    public_copy(source, out, grounds={2: "5.1.2e"}, titel="Nota")
    assert SECRET.encode() not in _decompressed(out, tmp_path)
    with pikepdf.open(out) as pdf:
        assert len(pdf.pages) == 3
        pages = {page.obj.objgen for page in pdf.pages}
        stray = [
            obj.objgen
            for obj in pdf.objects
            if isinstance(obj, Dictionary) and obj.get("/Type") == Name.Page
        ]
        assert set(stray) <= pages  # no page object outside the page tree
        on_pages = {a.objgen for page in pdf.pages for a in page.obj.get("/Annots", [])}
        for obj in pdf.objects:
            if isinstance(obj, Dictionary) and obj.get("/Type") == Name.OBJR:
                assert obj.Obj.objgen in on_pages  # no element of a dropped annotation
            if isinstance(obj, Dictionary) and "/A" in obj:
                assert obj.A.get("/S") == Name.URI  # no action into the document
    checked = subprocess.run(["qpdf", "--check", str(out)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stdout
