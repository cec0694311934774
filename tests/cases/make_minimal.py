"""Recreate the binary inputs of tests/cases/minimal (committed; run only to change them).

``python tests/cases/make_minimal.py``
"""

from __future__ import annotations

import sys
from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools"))
from make_templates import new_document, table, tag  # noqa: E402

from besluitpak.pdf import fonts  # noqa: E402

HERE = Path(__file__).resolve().parent / "minimal"


def voorstel() -> None:
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
    doc.add_paragraph("Zie ook {{ bijlage('notitie') }}.")
    doc.save(HERE / "templates" / "voorstel.docx")


def notitie() -> None:
    doc = new_document("Notitie")
    doc.add_paragraph("{{ titel }}", style="Title")
    doc.add_heading("Inhoud", level=1)
    tag(doc, "{%p for alinea in alineas %}")
    doc.add_paragraph("{{ alinea }}")
    tag(doc, "{%p endfor %}")
    doc.add_heading("Cijfers", level=2)
    table(
        doc,
        ["Naam", "Waarde"],
        ["{{ r.naam }}", "{{ r.waarde }}"],
        [10.0, 6.0],
        "{%tr for r in rijen %}",
    )
    doc.save(HERE / "templates" / "notitie.docx")


def brief() -> None:
    doc = new_document("Brief van de wijkraad")
    doc.add_paragraph("Brief van de wijkraad", style="Title")
    doc.add_heading("Aanleiding", level=1)
    doc.add_paragraph(
        "De wijkraad Proefdorp-Noord steunt de proef en vraagt om een evaluatie na een jaar."
    )
    doc.add_heading("Verzoek", level=1)
    doc.add_paragraph("Wij verzoeken het college de wijkraad te betrekken bij de uitvoering.")
    doc.save(HERE / "bijlagen" / "brief.docx")


def kaart() -> None:
    regular, bold = fonts.register()
    canvas = Canvas(
        str(HERE / "bijlagen" / "kaart.pdf"), pagesize=A4, invariant=True, initialFontName=regular
    )
    canvas.setTitle("Kaart van het proefgebied")
    canvas.setFont(bold, 18)
    canvas.drawString(80, 700, "Kaart van het proefgebied")
    canvas.setStrokeColorRGB(0.2, 0.4, 0.2)
    canvas.rect(80, 200, 435, 450, stroke=1, fill=0)
    canvas.setFont(regular, 11)
    canvas.drawString(100, 420, "Proefdorp-Noord")
    canvas.showPage()
    canvas.save()


if __name__ == "__main__":
    voorstel()
    notitie()
    brief()
    kaart()
