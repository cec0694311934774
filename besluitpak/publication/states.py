"""The states of a publication, as the Woo platforms know them: concept (built, not public),
gepland (goes public on a date, by whoever checks first: the web's worker, or
``besluitpak publish-due``), gepubliceerd, ingetrokken.

The state lives where the publication lives, so the command line and the web page read the
same: an append-only log ``.<folder>.publicatie/staat.jsonl`` beside the publication folder
(not in it: the folder is harvested as it stands), one JSON line per change with who, when
and why. A gepland publication is built into ``.<folder>.publicatie/concept/`` and moved into
the folder when it is due.
A folder with a build record and no log was published by a plain ``publish``: gepubliceerd.

A withdrawal removes the published files, leaves a notice page (HTML) that the old URLs
answer with, and rewrites the sitemap (each DiWoo record keeps its URL and gains
``redenVerwijderingVervanging``, the element DiWoo has for it) and the inventarislijst.
"""

from __future__ import annotations

import datetime as dt
import html
import json
import os
import shutil
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any

from besluitpak import dutch
from besluitpak.errors import PublishError
from besluitpak.files import safe_name, write_atomic
from besluitpak.publication import diwoo, guard, release
from besluitpak.publication.editions import Beoordeling, plan_edition

if TYPE_CHECKING:
    from besluitpak.casefile.case import Case

CONCEPT, GEPLAND, GEPUBLICEERD, INGETROKKEN = STATES = (
    "concept",
    "gepland",
    "gepubliceerd",
    "ingetrokken",
)


def private(folder: Path) -> Path:
    """Where the state of the publication in ``folder`` lives: beside it, never in it (the
    folder is harvested and served as it stands: neither a concept before its day nor the
    names in the log may be reachable there)."""
    resolved = folder.resolve()  # `--out .` has no name of its own
    return resolved.parent / f".{resolved.name}.publicatie"


def log_file(folder: Path) -> Path:
    return private(folder) / "staat.jsonl"


def staged(folder: Path) -> Path:
    """The gepland publication, built and waiting for its day."""
    return private(folder) / "concept"


REDENEN = {
    "privacy": ("https://identifier.overheid.nl/tooi/def/thes/kern/c_098c1346",
                "correctie privacygevoelige gegevens"),
    "procedure": ("https://identifier.overheid.nl/tooi/def/thes/kern/c_c77c86e0",
                  "correctie procedurele fout"),
}  # fmt: skip
"""The DiWoo value list of reasons for a withdrawal (``redenVerwijderingVervanging``)."""


@dataclass(frozen=True, kw_only=True)
class Change:
    """One change of state: to ``staat``, at ``tijd`` (UTC, ISO), by ``door``, because
    ``reden``; a gepland one names the day it goes public."""

    staat: str
    tijd: str
    door: str
    kenmerk: str
    reden: str = ""
    gepland_op: str | None = None
    bestanden: tuple[str, ...] = ()
    """The files the change put in or took out of the publication folder."""

    def as_json(self) -> dict[str, Any]:
        return {**asdict(self), "bestanden": list(self.bestanden)}


def now() -> str:
    return dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()


def history(folder: Path) -> list[Change]:
    """Every change recorded for the publication in ``folder``, oldest first."""
    path = log_file(folder)
    if not path.is_file():
        return []
    changes = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        try:
            loaded = json.loads(line)
            changes.append(Change(**{**loaded, "bestanden": tuple(loaded.get("bestanden", ()))}))
        except (ValueError, TypeError) as e:
            raise PublishError(f"{path}: line {number}: expected a state change, got {e}") from e
    return changes


def state(folder: Path) -> str | None:
    """The publication's state: the last change's, else gepubliceerd when a plain
    ``publish`` left its build record, else None (nothing published or planned)."""
    changes = history(folder)
    if changes:
        return changes[-1].staat
    return GEPUBLICEERD if _record_path(folder, required=False) else None


def record(folder: Path, change: Change) -> Change:
    """Append ``change`` to the folder's log (never rewritten: appended and flushed)."""
    if change.staat not in STATES:
        raise PublishError(f"staat: expected one of {', '.join(STATES)}, got {change.staat!r}")
    path = log_file(folder)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("a", encoding="utf-8") as log:
        log.write(json.dumps(change.as_json(), ensure_ascii=False) + "\n")
        log.flush()
        os.fsync(log.fileno())
    return change


def due(folder: Path, today: dt.date) -> bool:
    """Is the publication in ``folder`` gepland for ``today`` or earlier?"""
    changes = history(folder)
    if not changes or changes[-1].staat != GEPLAND or changes[-1].gepland_op is None:
        return False
    return dt.date.fromisoformat(changes[-1].gepland_op) <= today


def release_staged(folder: Path, *, door: str, kenmerk: str) -> Change:
    """Move the gepland publication into the folder (a file at a time, each atomic; the
    case's files it does not hold are removed, a withdrawal notice with them) and record
    gepubliceerd."""
    concept = staged(folder)
    changes = history(folder)
    if not changes or changes[-1].staat != GEPLAND or not concept.is_dir():
        raise PublishError(f"{folder}: nothing gepland to publish")
    folder.mkdir(parents=True, exist_ok=True)
    names = sorted(p.name for p in concept.iterdir() if p.is_file() and not p.name.startswith("."))
    prefix = f"collegebesluit-{safe_name(kenmerk)}-"
    for path in sorted(folder.iterdir()):
        if path.is_file() and path.name.startswith(prefix) and path.name not in names:
            path.unlink()
    for name in names:
        os.replace(concept / name, folder / name)
    shutil.rmtree(concept)  # what the build kept beside the files (its state)
    return record(
        folder,
        Change(
            staat=GEPUBLICEERD,
            tijd=now(),
            door=door,
            kenmerk=kenmerk,
            reden=f"gepland op {changes[-1].gepland_op}",
            bestanden=tuple(names),
        ),
    )


def notice_name(kenmerk: str) -> str:
    return f"collegebesluit-{safe_name(kenmerk)}-ingetrokken.html"


def _record_path(folder: Path, *, required: bool = True) -> Path | None:
    found = sorted(folder.glob("collegebesluit-*.record.json")) if folder.is_dir() else []
    if not found and required:
        raise PublishError(f"{folder}: no publication here (no build record *.record.json)")
    return found[0] if found else None


@dataclass(frozen=True, kw_only=True)
class Withdrawal:
    """What a withdrawal did: the files it took out, the notice and the files it rewrote."""

    change: Change
    removed: tuple[str, ...]
    notice: Path
    written: tuple[Path, ...]


Keep = Callable[[Sequence[Path], Change], None]
"""Called with the files about to be removed (and the notice and rewritten files beside
them) before any is: the archive keeps them."""


def withdraw(
    case: Case,
    folder: Path,
    *,
    reden: str,
    door: str,
    today: dt.date,
    categorie: str | None = None,
    keep: Keep | None = None,
) -> Withdrawal:
    """Withdraw the publication in ``folder``: every file is written and checked (the
    personal-data guard reads the notice and the new sitemap too) before ``keep`` runs and
    before the published files are removed."""
    if state(folder) != GEPUBLICEERD:
        raise PublishError(f"{folder}: only a gepubliceerd publication can be withdrawn")
    if not reden.strip():
        raise PublishError("--reden: expected why the publication is withdrawn, got none")
    if categorie is not None and categorie not in REDENEN:
        raise PublishError(f"--categorie: expected one of {', '.join(REDENEN)}, got {categorie!r}")
    record_file = _record_path(folder)
    assert record_file is not None
    published = json.loads(record_file.read_text(encoding="utf-8"))
    files = [published["bundle"], *(d["file"] for d in published["documents"] if d["file"])]
    base = release.publication_url(case)
    change = Change(
        staat=INGETROKKEN, tijd=now(), door=door, kenmerk=case.meta.kenmerk, reden=reden,
        bestanden=tuple(files),
    )  # fmt: skip
    new = _withdrawn_files(case, published, base, reden=reden, today=today, categorie=categorie)
    plan = plan_edition(case, "openbaar", today=today)
    inventory = folder / f"{release.INVENTORY}.pdf"
    pdf = release.inventory_pdf(
        case, _items(case, published, folder, withdrawn=False), base, folder / ".ingetrokken.pdf"
    )
    try:
        guard.check_shipping(case, plan, [*new, (inventory.name, pdf.read_bytes())])
        if keep is not None:
            keep([folder / name for name in files], change)
        pdf.replace(inventory)
    finally:
        pdf.unlink(missing_ok=True)
    for name, data in new:
        write_atomic(folder / name, data)
    for name in files:
        (folder / name).unlink(missing_ok=True)
    record(folder, change)
    written = (*tuple(folder / name for name, _ in new), inventory)
    return Withdrawal(
        change=change, removed=tuple(files), notice=folder / notice_name(case.meta.kenmerk),
        written=written,
    )  # fmt: skip


def _items(
    case: Case, published: dict[str, Any], folder: Path, *, withdrawn: bool
) -> list[release.Item]:
    """The documents of the record: ``withdrawn``: those that were public, with their old
    file (for their URL); else every document, as the inventarislijst lists it now."""
    by_id = {d.id: d for d in case.documents}
    items = []
    for entry in published["documents"]:
        document = by_id.get(entry["document"] or "")
        if document is None and entry["bijlage"] is not None:
            document = next((d for d in case.documents if d.number == entry["bijlage"]), None)
        if document is None:
            raise PublishError(f"{entry['titel']}: no longer in the case; cannot withdraw it")
        if withdrawn and not entry["file"]:
            continue
        status = "ingetrokken" if entry["file"] else entry["beoordeling"]
        items.append(
            release.Item(
                document=document,
                file=folder / entry["file"] if withdrawn else None,
                beoordeling=Beoordeling(status=status, gronden=tuple(entry["gronden"])),
            )
        )
    return items


def _withdrawn_files(
    case: Case,
    published: dict[str, Any],
    base: str,
    *,
    reden: str,
    today: dt.date,
    categorie: str | None,
) -> list[tuple[str, bytes]]:
    """The sitemap (each record marked withdrawn), the inventarislijst as CSV and the
    notice page, as bytes."""
    uri = REDENEN[categorie][0] if categorie else None
    folder = Path(".")
    records = [
        replace(r, ingetrokken=(reden, uri))
        for r in release._records(case, _items(case, published, folder, withdrawn=True), base)
    ]
    items = _items(case, published, folder, withdrawn=False)
    titels = [f"{d['titel']}" for d in published["documents"] if d["file"]]
    return [
        (release.SITEMAP, diwoo.sitemap(case, records, lastmod=today)),
        (f"{release.INVENTORY}.csv", release.inventory_csv(case, items, base)),
        (notice_name(case.meta.kenmerk), notice(case, titels, reden=reden, today=today)),
    ]


def notice(case: Case, titels: Sequence[str], *, reden: str, today: dt.date) -> bytes:
    """The withdrawal notice the old URLs answer with: Dutch, one heading, the date and
    the reason, the documents it concerns (valid HTML, a language, a landmark)."""
    meta = case.meta
    lines = "\n".join(f"      <li>{html.escape(t)}</li>" for t in titels)
    title = f"Publicatie ingetrokken: collegebesluit {meta.kenmerk}"
    page = f"""<!DOCTYPE html>
<html lang="nl">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <meta name="robots" content="noindex">
  <title>{html.escape(title)}</title>
</head>
<body>
  <main>
    <h1>{html.escape(title)}</h1>
    <p>Gemeente {html.escape(meta.gemeente.naam)} heeft de publicatie van collegebesluit
    {html.escape(meta.kenmerk)} ({html.escape(meta.onderwerp)}) ingetrokken op
    <time datetime="{today.isoformat()}">{dutch.datum(today)}</time>.</p>
    <p>Reden: {html.escape(reden)}</p>
    <h2>Ingetrokken documenten</h2>
    <ul>
{lines}
    </ul>
  </main>
</body>
</html>
"""
    return page.encode("utf-8")
