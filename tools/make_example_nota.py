"""Make the ready-made bijlagen of voorbeelden/inspraak-zijlweg as another tool would write
them (reportlab, untagged, with bookmarks): the nota van beantwoording, whose pages 3 and 4
list the insprekers with their personal data — the pages the example case withholds (lakken) —
and a one-page definitief ontwerp.

Run: .venv/bin/python tools/make_example_nota.py (the PDF is committed; rerun only to change it).
"""

from __future__ import annotations

from pathlib import Path

from reportlab.lib.pagesizes import A4
from reportlab.pdfgen.canvas import Canvas

from besluitpak.pdf import fonts

FOLDER = Path(__file__).resolve().parents[1] / "voorbeelden" / "inspraak-zijlweg" / "bijlagen"

PAGES: list[tuple[str, list[str]]] = [
    (
        "Nota van beantwoording inspraak herinrichting Zijlweg",
        [
            "Van 3 tot en met 31 maart 2014 lag het voorlopig ontwerp voor de herinrichting",
            "van de Zijlweg ter inzage. Bewoners, ondernemers en organisaties konden een",
            "reactie geven via de website, per brief of tijdens de inloopavond op 12 maart in",
            "het Zijlwegcollege. Er kwamen 23 reacties binnen. Deze nota vat de reacties per",
            "thema samen en geeft het antwoord van het college.",
        ],
    ),
    (
        "Reacties per thema",
        [
            "Verkeersveiligheid (11 reacties): insprekers vragen om een veiliger oversteek bij",
            "de Westergracht. Antwoord: het ontwerp krijgt een middengeleider en een",
            "verhoogd plateau. Parkeren (7 reacties): het verdwijnen van 14 parkeerplaatsen",
            "baart zorgen. Antwoord: in de Kleverlaan komen 10 plaatsen terug. Groen (5",
            "reacties): de bomenrij blijft behouden en wordt aangevuld met 8 nieuwe bomen.",
        ],
    ),
    (
        "Overzicht insprekers (1)",
        [
            "1. mevrouw A. Jansen, Zijlweg 112, 2013 DK Haarlem, 06-41234567",
            "2. de heer B. de Boer, Westergracht 8, 2013 ZD Haarlem, b.deboer@example.nl",
            "3. familie C. Smit, Kleverlaan 23a, 2023 JA Haarlem, 023-5312345",
            "4. mevrouw D. Bakker, Zijlweg 140, 2013 DL Haarlem",
        ],
    ),
    (
        "Overzicht insprekers (2)",
        [
            "5. de heer E. Visser, Zijlweg 98, 2013 DJ Haarlem, 06-28765432",
            "6. mevrouw F. Mulder, Leidsevaart 301, 2014 HA Haarlem",
            "7. Bewonersvereniging Zijlweg-Oost, p/a G. Meijer, Zijlweg 75, 2013 DE Haarlem",
        ],
    ),
    (
        "Conclusie",
        [
            "Het college stelt het definitief ontwerp vast met de aanpassingen uit deze nota.",
            "De insprekers ontvangen persoonlijk bericht. De uitvoering begint in september",
            "2014 en duurt tot het voorjaar van 2015.",
        ],
    ),
]


ONTWERP: list[tuple[str, list[str]]] = [
    (
        "Definitief ontwerp herinrichting Zijlweg",
        [
            "Profiel: twee rijstroken van 3,10 meter, vrijliggende fietspaden van 2,00 meter,",
            "trottoirs van 1,80 meter en een middengeleider bij de Westergracht.",
            "Groen: de bestaande rij iepen blijft staan; acht nieuwe bomen in de Kleverlaan.",
            "Parkeren: 14 plaatsen vervallen, 10 komen terug in de Kleverlaan.",
            "Laden en lossen: een nieuwe laad- en losplaats ter hoogte van nummer 112.",
        ],
    ),
]


def write(path: Path, title: str, pages: list[tuple[str, list[str]]]) -> None:
    regular, bold = fonts.register()
    canvas = Canvas(str(path), pagesize=A4, invariant=True, initialFontName=regular)
    canvas.setTitle(title)
    for number, (heading, lines) in enumerate(pages, start=1):
        canvas.bookmarkPage(f"p{number}")
        canvas.addOutlineEntry(heading, f"p{number}", level=0)
        canvas.setFont(bold, 16)
        canvas.drawString(72, 770, heading)
        canvas.setFont(regular, 11)
        y = 740
        for line in lines:
            canvas.drawString(72, y, line)
            y -= 16
        canvas.setFont(regular, 9)
        canvas.drawString(72, 40, f"{title} — pagina {number} van {len(pages)}")
        canvas.showPage()
    canvas.save()
    print(path)


def main() -> None:
    write(FOLDER / "nota-van-beantwoording.pdf", "Nota van beantwoording Zijlweg", PAGES)
    write(FOLDER / "definitief-ontwerp.pdf", "Definitief ontwerp Zijlweg", ONTWERP)


if __name__ == "__main__":
    main()
