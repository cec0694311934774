"""Archive a collegevergadering: each decided case as the version that was decided, and the
meeting itself (agenda, vergadermap, definitive besluitenlijst) with an MDTO record that
relates to each case's record.

A case decided ``gewijzigd`` is archived from a copy of its inputs whose voorstel carries the
adopted besluitpunten (the user's case file is never touched): the archive holds what the
college decided, not what was proposed. Items ``aangehouden`` or ``teruggetrokken`` were not
decided; they are named in the meeting's manifest but no case version is made for them.

The meeting's versions are ``archief/vergaderingen/<nummer>/vNNN/``, written in a hidden
folder, renamed into place and made read-only, as a case's are; their manifest is
``vergadering.json`` (each file's SHA-256 and size, each case's version with the SHA-256 of
its manifest, the previous meeting version's), sealed by ``vergadering.json.sha256``.
"""

from __future__ import annotations

import datetime as dt
import getpass
import io
import json
import os
import shutil
import socket
import uuid
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from besluitpak import dutch
from besluitpak.archival import mdto
from besluitpak.archival.layout import MANIFEST, MEETING_MANIFEST, MEETING_SEAL, VERSION_NAME
from besluitpak.archival.store import VersionLock
from besluitpak.casefile.case import Case, load_case
from besluitpak.errors import ArchiveError
from besluitpak.events import OnEvent
from besluitpak.files import safe_name, sha256
from besluitpak.meeting import signed_list
from besluitpak.meeting.agenda import build_agenda, build_packages, file_stem
from besluitpak.meeting.besluitenlijst import LijstStatus, context
from besluitpak.meeting.load import Item, Vergadering, require_uitkomst
from besluitpak.meeting.schema import Uitkomst
from besluitpak.pipeline import archive as archive_case
from besluitpak.publication.editions import EDITIONS
from besluitpak.settings import BuildSettings

DECIDED = (Uitkomst.CONFORM, Uitkomst.GEWIJZIGD)


@dataclass(frozen=True, kw_only=True)
class MeetingArchived:
    """What archiving a meeting made: its version folder (new or the identical latest), and
    each decided case's version folder, in agenda order."""

    version: Path
    new: bool
    cases: tuple[tuple[int, Path], ...]
    """(agendapunt, the case's version folder)."""


def decided_case(item: Item, *, work: Path) -> Case:
    """The case as the college decided it: itself when ``conform``; when ``gewijzigd``, a
    copy of its inputs under ``work`` with the adopted besluitpunten in its voorstel."""
    case = item.case
    if item.uitkomst is not Uitkomst.GEWIJZIGD:
        return case
    target = work / safe_name(case.meta.kenmerk)
    if target.exists():
        shutil.rmtree(target)
    for source in case.inputs:
        relative = source.resolve().relative_to(case.root)
        (target / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, target / relative)
    adopted = list(item.punt.besluitpunten or ())
    voorstel_data = case.voorstel.data_file
    if voorstel_data is None:  # inline in the case file
        _replace_besluitpunten(target / case.path.relative_to(case.root), adopted, inline=True)
    else:
        _replace_besluitpunten(target / voorstel_data.relative_to(case.root), adopted, inline=False)
    return load_case(target / case.path.relative_to(case.root))


def _replace_besluitpunten(path: Path, adopted: list[str], *, inline: bool) -> None:
    """Put ``adopted`` in place of the besluitpunten in the YAML file at ``path`` (the case
    file's ``voorstel.data``, or a data file), keeping its comments, order and quoting."""
    from ruamel.yaml import YAML

    yaml = YAML()
    yaml.preserve_quotes = True
    yaml.width = 100
    data = yaml.load(path.read_text(encoding="utf-8"))
    (data["voorstel"]["data"] if inline else data)["besluitpunten"] = adopted
    buffer = io.StringIO()
    buffer.write(
        "# The version the college decided (besluitpak vergadering archive): the adopted\n"
        "# besluitpunten replace the voorstel's.\n"
    )
    yaml.dump(data, buffer)
    path.write_text(buffer.getvalue(), encoding="utf-8")


def archive_vergadering(
    vergadering: Vergadering,
    *,
    archief: Path,
    out: Path,
    settings: BuildSettings | None = None,
    on_event: OnEvent | None = None,
    door: str | None = None,
) -> MeetingArchived:
    """Archive every decided case (as decided) and the meeting into ``archief``; the agenda,
    vergadermap and definitive besluitenlijst are built into ``out`` on the way. ``door``:
    who archives, recorded in every manifest written (default: the OS user, user@host)."""
    require_uitkomst(vergadering)
    settings = settings or BuildSettings()
    decided = [
        (item, decided_case(item, work=out / "besloten"))
        for item in vergadering.items
        if item.uitkomst in DECIDED
    ]
    # Both editions of every decided case in one run, sharing the workers: archiving each
    # then takes its documents from the cache.
    build_packages(
        vergadering,
        out=out / "besloten-pakketten",
        settings=settings,
        editions=EDITIONS,
        on_event=on_event,
        chosen=decided,
    )
    versions = [
        (
            item.nummer,
            archive_case(case, archief=archief, settings=settings, on_event=on_event, door=door),
        )
        for item, case in decided
    ]
    agenda = build_agenda(vergadering, out=out, settings=settings, on_event=on_event)
    lijst = signed_list.definitive(vergadering, out=out, settings=settings, on_event=on_event)
    files = [agenda.agenda, agenda.vergadermap, *lijst]  # a signed list as it was signed
    cases = tuple((nummer, archived.version) for nummer, archived in versions)
    version, new = _store(
        vergadering, archief, files=files, cases=cases, today=settings.today, door=door
    )
    return MeetingArchived(version=version, new=new, cases=cases)


def meeting_folder(archief: Path, vergadering: Vergadering) -> Path:
    return archief / "vergaderingen" / file_stem(vergadering)


def _store(
    vergadering: Vergadering,
    archief: Path,
    *,
    files: Sequence[Path],
    cases: Sequence[tuple[int, Path]],
    today: dt.date,
    door: str | None,
) -> tuple[Path, bool]:
    folder = meeting_folder(archief, vergadering)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ArchiveError(f"{folder}: cannot create the archive folder: {e.strerror}") from e
    identity = _identity(vergadering, files, cases, today)
    with VersionLock(folder):  # a CLI and a web archive of one meeting: one after the other
        for leftover in folder.glob(".tmp-*"):  # an interrupted run's (no live one: locked)
            _remove(leftover)
        existing = _versions(folder)
        if existing and _manifest(existing[-1]).get("fingerprint") == identity:
            return existing[-1], False
        return _write(vergadering, folder, files, cases, identity, existing, door=door), True


def _write(
    vergadering: Vergadering,
    folder: Path,
    files: Sequence[Path],
    cases: Sequence[tuple[int, Path]],
    identity: dict[str, Any],
    existing: Sequence[Path],
    *,
    door: str | None,
) -> Path:
    """Write the next meeting version in a hidden folder and rename it into place."""
    number = int(existing[-1].name[1:]) + 1 if existing else 1
    staging = folder / f".tmp-{uuid.uuid4().hex}"
    try:
        staging.mkdir()
        for file in files:
            shutil.copyfile(file, staging / file.name)
        moment = dt.datetime.now(dt.UTC).replace(microsecond=0)
        meta = vergadering.meta
        mdto.write_meeting_mdto(
            staging / "mdto",
            identificatie=f"collegevergadering-{meta.nummer}",
            naam=f"Collegevergadering {meta.nummer} van {dutch.datum(meta.datum)}",
            omschrijving=f"Agenda, vergadermap en besluitenlijst van de collegevergadering "
            f"van {dutch.datum(meta.datum)} met {len(vergadering.items)} agendapunten.",
            datum=meta.datum,
            vormer=vergadering.items[0].case,
            onderdelen=[
                (item.case.meta.kenmerk, f"Collegebesluit {item.case.meta.kenmerk}")
                for item in vergadering.items
                if item.uitkomst in DECIDED
            ],
            outputs=[staging / f.name for f in files if f.suffix == ".pdf"],
            moment=moment,
        )
        manifest = _manifest_of(vergadering, staging, cases, identity, moment, number, existing)
        manifest["user"] = door or f"{getpass.getuser()}@{socket.gethostname()}"
        (staging / MEETING_MANIFEST).write_text(
            json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
        )
        (staging / MEETING_SEAL).write_text(
            f"{sha256(staging / MEETING_MANIFEST)}  {MEETING_MANIFEST}\n", encoding="ascii"
        )
        for path in staging.rglob("*"):
            path.chmod(0o444 if path.is_file() else 0o555)
        target = folder / f"v{number:03d}"
        os.rename(staging, target)
        target.chmod(0o555)
        return target
    except OSError as e:
        raise ArchiveError(f"{folder}: cannot write the version: {e.strerror or e}") from e
    finally:
        if staging.exists():
            _remove(staging)


def _remove(staging: Path) -> None:
    """Remove unfinished work (made read-only on its way to becoming a version)."""
    for path in [staging, *staging.rglob("*")]:
        if path.is_dir():
            path.chmod(0o755)
    shutil.rmtree(staging, ignore_errors=True)


def _identity(
    vergadering: Vergadering,
    files: Sequence[Path],
    cases: Sequence[tuple[int, Path]],
    today: dt.date,
) -> dict[str, Any]:
    """What decides a meeting version: the vergadering file, the case versions, the day and
    the besluitenlijst's bytes (the agenda and vergadermap follow from the cases)."""
    return {
        "vergadering": sha256(vergadering.path),
        "cases": [f"{number}:{version.parent.name}/{version.name}" for number, version in cases],
        "today": today.isoformat(),
        "besluitenlijst": context(vergadering, status=LijstStatus.DEFINITIEF, today=today),
    }


def _manifest_of(
    vergadering: Vergadering,
    staging: Path,
    cases: Sequence[tuple[int, Path]],
    identity: dict[str, Any],
    moment: dt.datetime,
    number: int,
    existing: Sequence[Path],
) -> dict[str, Any]:
    versions = dict(cases)
    meta = vergadering.meta
    return {
        "vergadering": meta.nummer,
        "datum": meta.datum.isoformat(),
        "version": f"v{number:03d}",
        "created": moment.isoformat(),
        "previous": None
        if not existing
        else {
            "version": existing[-1].name,
            "manifest_sha256": sha256(existing[-1] / MEETING_MANIFEST),
        },
        "agenda": [
            {
                "agendapunt": item.nummer,
                "kenmerk": item.case.meta.kenmerk,
                "soort": item.soort.value,
                "uitkomst": item.uitkomst.value if item.uitkomst else None,
                "case_version": (
                    f"{versions[item.nummer].parent.name}/{versions[item.nummer].name}"
                    if item.nummer in versions
                    else None
                ),
                "case_manifest_sha256": (
                    sha256(versions[item.nummer] / MANIFEST) if item.nummer in versions else None
                ),
            }
            for item in vergadering.items
        ],
        "files": [
            {
                "path": p.relative_to(staging).as_posix(),
                "sha256": sha256(p),
                "size": p.stat().st_size,
            }
            for p in sorted(staging.rglob("*"))
            if p.is_file()
        ],
        "fingerprint": identity,
    }


def _versions(folder: Path) -> list[Path]:
    found = [p for p in folder.iterdir() if p.is_dir() and VERSION_NAME.match(p.name)]
    return sorted(found, key=lambda p: int(p.name[1:]))


def _manifest(version: Path) -> dict[str, Any]:
    try:
        loaded: dict[str, Any] = json.loads((version / MEETING_MANIFEST).read_text("utf-8"))
    except (OSError, ValueError) as e:
        raise ArchiveError(f"{version / MEETING_MANIFEST}: cannot read the manifest: {e}") from e
    return loaded
