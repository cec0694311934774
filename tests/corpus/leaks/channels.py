"""Every channel of the leak corpus: the case file's own, the PDF and Word/ODF rows, tracked
changes per mode, the steller in one place per case, titles, the vergadering, a portfolio."""

from __future__ import annotations

from tests.corpus.leaks.channel import (
    SECRET_ID,
    STELLER_MARKER,
    VERGADERING,
    Channel,
    row,
)
from tests.corpus.leaks.channels_pdf import PDF
from tests.corpus.leaks.channels_redaction import REDACTION
from tests.corpus.leaks.channels_word import WORD

CASE_FILE: tuple[Channel, ...] = (
    row(
        "LEAKSECRETGENERATED",
        "zaak.yaml",
        "data of a generated bijlage withheld as a whole",
        intern="present",
    ),
    row("LEAKUNUSEDDATA", "zaak.yaml", "a data key no template uses"),
    row("LEAKTPLCOREAUTHOR", "templates/voorstel.docx", "the template's core.xml creator"),
    row("LEAKTPLVANISH", "templates/voorstel.docx", "hidden text (w:vanish) in the template"),
    row("LEAKTPLDOCVAR", "templates/voorstel.docx", "document variable in the template"),
    row("LEAKTPLCUSTOM", "templates/voorstel.docx", "custom property of the template"),
    row(
        "LEAKLAKHEADING",
        "zaak.yaml",
        "{lak} passage in a heading (text and bookmark)",
        intern="present",
    ),
    row("LEAKLAKTABLE", "zaak.yaml", "{lak} passage in a table cell", intern="present"),
    row(
        "LEAKLAKGLYPH",
        "zaak.yaml",
        "{lak} passage with a glyph used nowhere else",
        intern="present",
    ),
    row(
        "GLYPH-U+014B",
        "zaak.yaml",
        "that glyph (eng) in a public font's ToUnicode",
        intern="present",
    ),
    row(
        "LEAKLAKPASSAGE",
        "zaak.yaml",
        "{lak} passage in the collegevoorstel's data",
        intern="present",
    ),
    row(
        "LEAKVOORSTELVISIBLE",
        "zaak.yaml",
        "plain text of the collegevoorstel",
        "present",
        "present",
    ),
    row(SECRET_ID.upper(), "zaak.yaml", "id of a withheld bijlage (openbaar: false)"),
    row("LEAKSECRETFILE", "zaak.yaml", "file name of a withheld bijlage"),
)

PORTFOLIO: tuple[Channel, ...] = (
    row(
        "LEAKDOCXOLEVISIBLE",
        "object.docx",
        "body text beside an embedded OLE object",
        "kept",
        case="ole-docx",
    ),
    row(
        "LEAKDOCXOLEDATA",
        "object.docx",
        "data of an embedded OLE object (a package)",
        "absent-or-refused",
        case="ole-docx",
    ),
    row(
        "LEAKPORTFOLIOCOVER",
        "portfolio.pdf",
        "cover page text of a PDF portfolio",
        "kept",
        case="portfolio",
    ),
    row(
        "LEAKPORTFOLIOFILE",
        "portfolio.pdf",
        "portfolio member file content",
        "absent-or-refused",
        case="portfolio",
    ),
    row(
        "LEAKPORTFOLIONAME",
        "portfolio.pdf",
        "portfolio member file name",
        "absent-or-refused",
        case="portfolio",
    ),
    row(
        "LEAKPORTFOLIOITEM",
        "portfolio.pdf",
        "portfolio member /CI collection item",
        "absent-or-refused",
        case="portfolio",
    ),
    row(
        "LEAKPORTFOLIOSCHEMA",
        "portfolio.pdf",
        "/Collection /Schema field name",
        "absent-or-refused",
        case="portfolio",
    ),
)


def _revisions_elsewhere() -> tuple[Channel, ...]:
    """Tracked deletions in a header, a footnote, a text box and a deleted table row."""
    places = (
        ("LEAKREVHDRDELETED", "tracked deletion in the header"),
        ("LEAKREVFNDELETED", "tracked deletion in a footnote"),
        ("LEAKREVTXBXDELETED", "tracked deletion in a text box"),
        ("LEAKREVROWDELETED", "deleted table row (text in w:t, the row marked w:del)"),
    )
    out = []
    for mode in ("", "aanvaarden"):
        case = "wijzigingen-elders-docx" + (f"-{mode}" if mode else "")
        out.append(
            row(
                "LEAKREVELSEWHEREVISIBLE",
                "revisies-elders.docx",
                f"unchanged text (wijzigingen: {mode or 'not set'})",
                "present" if mode else "kept",
                "present" if mode else "any",
                case=case,
            )
        )
        for marker, what in places:
            out.append(
                row(
                    marker,
                    "revisies-elders.docx",
                    f"{what} (wijzigingen: {mode or 'not set'})",
                    "absent" if mode else "absent-or-refused",
                    "absent" if mode else "any",
                    case=case,
                )
            )
    return tuple(out)


def _revision_channels() -> tuple[Channel, ...]:
    """Tracked changes and comments, per format and per mode of ``wijzigingen``: without it
    the build may refuse; ``aanvaarden`` keeps insertions, drops deletions; ``verwerpen`` the
    other way round; comments and authors never ship (not in the intern edition either)."""
    rules = {
        ("", "VISIBLE"): ("kept", "any"),
        ("", "INSERTED"): ("kept", "any"),
        ("aanvaarden", "VISIBLE"): ("present", "present"),
        ("aanvaarden", "INSERTED"): ("present", "present"),
        ("aanvaarden", "DELETED"): ("absent", "absent"),
        ("aanvaarden", "MOVEDFROM"): ("absent", "absent"),
        ("verwerpen", "VISIBLE"): ("present", "present"),
        ("verwerpen", "INSERTED"): ("absent", "absent"),
        ("verwerpen", "DELETED"): ("kept", "any"),
        ("verwerpen", "MOVEDFROM"): ("kept", "any"),
    }
    out = []
    for fmt, kind in (("DOCX", "docx"), ("ODT", "odt")):
        places = [
            ("VISIBLE", "unchanged text"),
            ("DELETED", "tracked deletion"),
            ("INSERTED", "tracked insertion"),
            ("AUTHOR", "author of the tracked changes"),
            ("COMMENTTEXT", "comment text"),
            ("COMMENTAUTHOR", "comment author"),
        ]
        if kind == "docx":
            places.append(("MOVEDFROM", "tracked move source (w:moveFrom)"))
        for mode in ("", "aanvaarden", "verwerpen"):
            case = f"wijzigingen-{kind}" + (f"-{mode}" if mode else "")
            for place, what in places:
                default = ("absent", "absent") if mode else ("absent-or-refused", "any")
                expect, intern = rules.get((mode, place), default)
                out.append(
                    Channel(
                        marker=f"LEAKREV{fmt}{place}",
                        case=case,
                        file=f"revisies.{kind}",
                        channel=f"{what} (wijzigingen: {mode or 'not set'})",
                        expect=expect,
                        intern=intern,
                    )
                )
    return tuple(out)


STELLER_PLACES = {
    "bookmark": "bookmark title",
    "mailto": "mailto link (e-mail)",
    "uriquery": "web link with the e-mail in its query",
    "note": "sticky note /Contents and /T",
    "layer": "text in an optional-content layer that is OFF",
    "alt": "/Alt of a structure element on a kept page",
    "actualtext": "marked-content /ActualText on a kept page",
    "info": "Info /Author and /Title (e-mail)",
    "upper": "visible text, the name in UPPER CASE",
    "alt-docx": "alt text of a picture in a public .docx",
    "header-docx": "header of a public .docx (printed)",
    "core-docx": "core.xml title and creator of a public .docx",
    "bestandsnaam-leakstellerzq": "the name in a public bijlage's file name (a clean PDF)",
}


def steller_file(place: str) -> str:
    return f"steller-{place}." + ("docx" if place.endswith("docx") else "pdf")


def _steller_channels() -> tuple[Channel, ...]:
    """The steller's name (or e-mail) in one place per case: the guard stops the public
    edition (refused) or the place does not ship (absent)."""
    return tuple(
        Channel(
            marker=STELLER_MARKER,
            case=f"steller-{place}",
            file=steller_file(place),
            channel=f"steller's name: {what}",
            expect="absent-or-refused",
        )
        for place, what in STELLER_PLACES.items()
    )


def _vergadering_channels() -> tuple[Channel, ...]:
    """The besluitenlijst of vergadering.yaml (public): {lak} in what the meeting adopted and
    summarised, a case under embargo (number only), a withheld bijlage (title and ground only)."""
    places = (
        ("LEAKVERGVISIBLE", "vergadering.yaml", "samenvatting on the besluitenlijst", "present"),
        ("LEAKVERGLAK", "vergadering.yaml", "{lak} in adopted besluitpunten (gewijzigd)", ""),
        ("LEAKVERGSAMENVATTINGLAK", "vergadering.yaml", "{lak} in a samenvatting", ""),
        ("LEAKEMBARGOONDERWERP", "embargo.yaml", "onderwerp of a case under embargo", ""),
        ("LEAKEMBARGOBIJLAGE", "embargo.yaml", "bijlage titel of a case under embargo", ""),
        ("LEAKEMBARGOSAMENVATTING", "vergadering.yaml", "samenvatting of a case under embargo", ""),
        (SECRET_ID.upper(), "zaak.yaml", "id of a withheld bijlage, on the besluitenlijst", ""),
        ("LEAKSECRETFILE", "zaak.yaml", "file name of a withheld bijlage, on the list", ""),
    )
    return tuple(
        row(marker, file, what, expect or "absent", case=VERGADERING)
        for marker, file, what, expect in places
    )


CHANNELS: tuple[Channel, ...] = (
    CASE_FILE
    + PDF
    + WORD
    + REDACTION
    + PORTFOLIO
    + _revision_channels()
    + _revisions_elsewhere()
    + _steller_channels()
    + (
        row(
            "LEAKLAKTITLE",
            "lak-titel.yaml",
            "{lak} passage in a bijlage's titel (contents, "
            "bookmarks, sitemap, inventarislijst, record)",
            "absent-or-refused",
            case="lak-titel",
        ),
        row(
            STELLER_MARKER,
            "steller-titel.yaml",
            "steller's name in a bijlage's titel",
            "absent-or-refused",
            case="steller-titel",
        ),
    )
    + _vergadering_channels()
)
