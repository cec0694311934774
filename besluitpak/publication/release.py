"""The release of a public edition: the publication folder a Woo platform harvests.

``publish`` has written, into one folder, a PDF per public document and the bundle; here
the rest is added:

- ``sitemap.xml``: one ``url`` per public document with its own DiWoo record (the
  collegevoorstel is the besluit, which ``hasParts`` its bijlagen; each bijlage
  ``isPartOf`` it), every record validated against the official XSD;
- ``sitemapindex.xml`` (with ``lastmod``) and ``robots.txt`` naming it, as the Woo-index
  finds sitemaps;
- ``inventarislijst.csv`` and ``inventarislijst.pdf`` (tagged, PDF/A-2 + PDF/UA-1): every
  document with its beoordeling and grounds, and its link when it is public;
- ``<bundle>.record.json``: what was published, when, from which files, by which tools.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import json
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from besluitpak import dutch
from besluitpak.casefile import lak
from besluitpak.errors import CaseError
from besluitpak.files import safe_name, write_atomic
from besluitpak.files import staged as staged_path
from besluitpak.publication import diwoo, guard
from besluitpak.publication.editions import Beoordeling, beoordeling

if TYPE_CHECKING:
    from besluitpak.casefile.case import Case, Document
    from besluitpak.publication.editions import EditionPlan

SITEMAP = "sitemap.xml"
SITEMAP_INDEX = "sitemapindex.xml"
INVENTORY = "inventarislijst"
COLUMNS = ("Nummer", "Titel", "Datum", "Beoordeling", "Gronden", "Link")


@dataclass(frozen=True, kw_only=True)
class Item:
    """One document of the package in the publication: its file (None: not public)."""

    document: Document
    file: Path | None
    beoordeling: Beoordeling

    @property
    def titel(self) -> str:
        return f"{self.document.short_label}: {self.document.titel}"


def publication_url(case: Case) -> str:
    """The case's ``publicatie_url``, or a located error: publish cannot do without it.
    A wrong CBS code is found here too, before any work."""
    url = case.meta.publicatie_url
    if url is None:
        raise CaseError(
            [
                case.source.problem(
                    (),
                    "required key 'publicatie_url' is missing: "
                    "publish needs the web folder where the "
                    "bundle will stand (for DiWoo)",
                )
            ]
        )
    diwoo.tooi_gemeente(case)
    return url.rstrip("/")


def items(case: Case, plan: EditionPlan, files: dict[str, Path]) -> list[Item]:
    """Every document, in order, with its published file (``files`` by document id)."""
    return [
        Item(
            document=document,
            file=files.get(document.id),
            beoordeling=beoordeling(document, today=plan.today),
        )
        for document in case.documents
    ]


def write_release(
    case: Case,
    plan: EditionPlan,
    *,
    bundle: Path,
    published: Sequence[Item],
    today: dt.date,
    tools: dict[str, str],
) -> list[Path]:
    """Write the sitemaps, robots.txt, the inventarislijst and the build record beside the
    published files; return their paths."""
    folder, base = bundle.parent, publication_url(case)
    record = _record(case, plan, bundle, published, base=base, today=today, tools=tools)
    record_path = bundle.with_suffix(".record.json")
    files = [
        (SITEMAP, diwoo.sitemap(case, _records(case, published, base), lastmod=today)),
        (SITEMAP_INDEX, diwoo.sitemap_index([f"{base}/{SITEMAP}"], lastmod=today)),
        ("robots.txt", f"User-agent: *\nAllow: /\nSitemap: {base}/{SITEMAP_INDEX}\n".encode()),
        (f"{INVENTORY}.csv", inventory_csv(case, published, base)),
        (record_path.name, (json.dumps(record, indent=2, ensure_ascii=False) + "\n").encode()),
    ]
    inventory = folder / f"{INVENTORY}.pdf"
    staged = inventory_pdf(case, published, base, staged_path(inventory))
    try:  # every file read, every channel, before any is in place (guard.check_shipping)
        guard.check_shipping(
            case,
            plan,
            [*files, (inventory.name, staged.read_bytes())],
            names=[bundle.name, *(item.file.name for item in published if item.file)],
        )
        staged.replace(inventory)
    finally:
        staged.unlink(missing_ok=True)
    for name, data in files:
        write_atomic(folder / name, data)
    written = [folder / name for name, _data in files[:-1]] + [inventory, record_path]
    keep = {bundle.name, record_path.name, *(item.file.name for item in published if item.file)}
    _withdraw(case, folder, keep=keep)
    return written


def _withdraw(case: Case, folder: Path, *, keep: set[str]) -> None:
    """Remove the case's files this release does not publish (a bijlage withheld since an
    earlier release, an id renamed, an intern file built into the folder): the folder is
    harvested as it stands, so of this case it holds this release and nothing else."""
    prefix = f"collegebesluit-{safe_name(case.meta.kenmerk)}-"
    for path in sorted(folder.iterdir()):
        if path.name.startswith(prefix) and path.name not in keep and path.is_file():
            path.unlink()


def _records(case: Case, published: Sequence[Item], base: str) -> list[diwoo.Record]:
    public = [item for item in published if item.file is not None]
    voorstel = next((item for item in public if item.document.number is None), None)
    besluit = (
        (f"{base}/{voorstel.file.name}", voorstel.titel) if voorstel and voorstel.file else None
    )
    records = []
    for item in public:
        assert item.file is not None
        url = f"{base}/{item.file.name}"
        if item.document.number is None:
            parts = tuple(
                (f"{base}/{other.file.name}", other.titel)
                for other in public
                if other.document.number is not None and other.file is not None
            )
            records.append(
                diwoo.Record(
                    url=url,
                    identifier=case.meta.kenmerk,
                    titel=f"Collegebesluit {case.meta.onderwerp}",
                    documentsoort=diwoo.DOCUMENTSOORT_BESLUIT,
                    parts=parts,
                )
            )
        else:
            records.append(
                diwoo.Record(
                    url=url,
                    identifier=f"{case.meta.kenmerk} bijlage {item.document.number}",
                    titel=item.titel,
                    documentsoort=diwoo.DOCUMENTSOORT_VERGADERSTUK,
                    part_of=besluit,
                )
            )
    return records


def _rows(case: Case, published: Sequence[Item], base: str) -> list[list[str]]:
    datum = dutch.datum(case.meta.collegevergadering)
    return [
        [
            str(number),
            item.titel,
            datum,
            item.beoordeling.status,
            ", ".join(item.beoordeling.gronden),
            f"{base}/{item.file.name}" if item.file is not None else "",
        ]
        for number, item in enumerate(published, start=1)
    ]


def inventory_csv(case: Case, published: Sequence[Item], base: str) -> bytes:
    """The inventarislijst as CSV (UTF-8, comma-separated, a header row)."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow([column.lower() for column in COLUMNS])
    writer.writerows(_rows(case, published, base))
    return buffer.getvalue().encode("utf-8")


def inventory_pdf(case: Case, published: Sequence[Item], base: str, out: Path) -> Path:
    """The inventarislijst as a tagged PDF (PDF/A-2 + PDF/UA-1) at ``out``."""
    from besluitpak.pdf.assemble import Options, finish_standalone
    from besluitpak.pdf.table import Cell, table_pdf

    meta = case.meta
    rows: list[list[Cell]] = []
    for row in _rows(case, published, base):
        link: Cell = (row[5].rsplit("/", 1)[-1], row[5]) if row[5] else "niet openbaar"
        rows.append([*row[:5], link])
    used = sorted({g for item in published for g in item.beoordeling.gronden if g in lak.GRONDEN})
    intro = [
        f"Collegebesluit {meta.kenmerk}: {meta.onderwerp}",
        f"Gemeente {meta.gemeente.naam}, collegevergadering {dutch.datum(meta.collegevergadering)}",
        *(f"Artikel {code} Woo: {lak.GRONDEN[code]}." for code in used),
    ]
    pdf = table_pdf(
        title=f"Inventarislijst collegebesluit {meta.kenmerk}",
        intro=intro,
        header=COLUMNS,
        rows=rows,
        widths=[56, 226, 70, 84, 62, 170],
    )
    finish_standalone(
        pdf,
        case,
        out,
        title=f"Inventarislijst collegebesluit {meta.kenmerk}: {meta.onderwerp}",
        subject=f"Inventarislijst van de openbaarmaking van collegebesluit {meta.kenmerk}",
        options=Options(edition="openbaar", public=True, producer="besluitpak"),
    )
    return out


def _record(
    case: Case,
    plan: EditionPlan,
    bundle: Path,
    published: Sequence[Item],
    *,
    base: str,
    today: dt.date,
    tools: dict[str, str],
) -> dict[str, Any]:
    override = plan.override
    embargo = case.meta.embargo_tot
    return {
        "kenmerk": case.meta.kenmerk,
        "edition": plan.name,
        "bundle": bundle.name,
        "sha256": _sha256(bundle),
        "url": f"{base}/{bundle.name}",
        "today": today.isoformat(),
        "embargo_tot": embargo.isoformat() if embargo else None,
        "override": None
        if override is None
        else {"reden": override.reden, "user": override.user, "time": override.time},
        "documents": [_entry(item) for item in published],
        "withheld": [
            {
                "bijlage": d.number,
                "grond": d.grond,
                "geheim_tot": d.geheim_tot.isoformat() if d.geheim_tot else None,
            }
            for d in plan.withheld
        ],
        "released": [
            {"bijlage": d.number, "geheim_tot": d.geheim_tot.isoformat() if d.geheim_tot else None}
            for d in plan.released
        ],
        **tools,
    }


def _entry(item: Item) -> dict[str, Any]:
    """One document in the record, from what is public of it: a withheld bijlage by its
    number, title (as its placeholder page shows it) and grond, never by its id (a slug
    such as ``voordracht-jansen`` can carry a name)."""
    return {
        "document": item.document.id if item.file else None,
        "bijlage": item.document.number,
        "titel": item.titel,
        "beoordeling": item.beoordeling.status,
        "gronden": list(item.beoordeling.gronden),
        "file": item.file.name if item.file else None,
        "sha256": _sha256(item.file) if item.file else None,
    }


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()
