"""Background jobs: a build, publication, archiving or verification of one case, never
inside a request.

A job is a :class:`~besluitpak.web.models.Job` row plus a task on Django's tasks framework
(database-backed queue by default, RQ on Redis with ``$BESLUITPAK_QUEUE``). The worker that
takes a job holds an exclusive lock on it (``.besluitpak/locks/job-<pk>.lock``) for as long
as it works on it, and one case is worked on by one job at a time: the worker also holds a
lock on the case (``.besluitpak/locks/<case>.lock``) while the job runs, so a second worker
waits. A job whose worker died — its locks freed by the kernel — is found by
:func:`~besluitpak.web.recovery.recover` and queued again. Running a job's task twice is
harmless: a finished job is skipped.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import logging
import threading
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import filelock
from django.conf import settings
from django.db import transaction
from django.utils import timezone

import besluitpak
from besluitpak.editing import meetings
from besluitpak.editing.workspace import (
    ARCHIEF,
    CASE_FILE,
    OUT,
    PRIVATE,
    PUBLISHED,
    check_links,
    private_folder,
    shown,
)
from besluitpak.errors import BesluitpakError
from besluitpak.web import audit, inturn, publicationjobs, sealed, signing, thumbnails, wording
from besluitpak.web.models import AuditEntry, Job
from besluitpak.web.progress import Progress, cli_message, wording_of

log = logging.getLogger(__name__)
Event = AuditEntry.Event


def request(case: str, kind: str, *, user: Any, reason: str = "") -> Job:
    """Queue ``kind`` for ``case`` on behalf of ``user``; an identical job still waiting in
    the queue is returned instead of a second one."""
    with transaction.atomic():
        waiting = Job.objects.filter(
            case=case, kind=kind, status=Job.Status.QUEUED, started__isnull=True, reason=reason
        ).first()
        if waiting is not None:
            return waiting
        job = Job.objects.create(
            case=case, kind=kind, requested_by=user, requested_by_name=user.username, reason=reason
        )
        transaction.on_commit(lambda: enqueue(job.pk))
    return job


def enqueue(pk: int) -> None:
    """Hand job ``pk`` to the queue (its task's id kept on the job)."""
    from besluitpak.web.tasks import run_job

    result = run_job.enqueue(pk)
    Job.objects.filter(pk=pk).update(task_id=str(result.id))


def current(case: str) -> Job | None:
    """The case's job that is waiting or running, else its latest."""
    active = Job.objects.filter(case=case, status__in=[Job.Status.QUEUED, Job.Status.RUNNING])
    return active.order_by("created").first() or Job.objects.filter(case=case).first()


@contextlib.contextmanager
def case_lock(case: str, *, wait: bool = True) -> Iterator[bool]:
    """An exclusive lock on ``case`` for this process; yields whether it was taken."""
    with _lock(f"{case}.lock", wait=wait) as taken:
        yield taken


@contextlib.contextmanager
def job_lock(pk: int, *, wait: bool = True) -> Iterator[bool]:
    """An exclusive lock on job ``pk``: held by the worker working on it (also while it
    waits for the case), so that a free lock on an active job means its worker died."""
    with _lock(f"job-{pk}.lock", wait=wait) as taken:
        yield taken


@contextlib.contextmanager
def _lock(name: str, *, wait: bool) -> Iterator[bool]:
    """The lock file ``name`` of the workspace's locks folder, held (an flock: the kernel
    frees it when the process dies); without ``wait``, yields False when another has it."""
    folder = private_folder(Path(settings.WORKSPACE)) / "locks"
    folder.mkdir(parents=True, exist_ok=True)
    lock = filelock.FileLock(folder / name)
    try:
        lock.acquire(timeout=-1 if wait else 0)
    except filelock.Timeout:
        yield False
        return
    try:
        yield True
    finally:
        lock.release()


def execute(pk: int) -> None:
    """Run job ``pk`` (the task's body); a job already finished is left alone."""
    with job_lock(pk):
        job = Job.objects.get(pk=pk)
        if not job.active:
            return
        with case_lock(job.case):
            job.refresh_from_db()
            if not job.active:
                return
            _run(job)
    if job.kind == Job.Kind.BUILD and job.status == Job.Status.DONE:
        # After the job is done, beside the next job: the bundles are available while the
        # thumbnails are made. Not a daemon thread: a stopping worker finishes them first.
        root = Path(settings.WORKSPACE)
        files = [root / name for name in job.result.get("files", [])]
        threading.Thread(target=thumbnails.make, args=(files,), name="thumbnails").start()


def _run(job: Job) -> None:
    """Run ``job`` (holding its case's lock) and record how it ended."""
    job.status, job.started, job.attempts = Job.Status.RUNNING, timezone.now(), job.attempts + 1
    job.progress, job.message = {}, ""
    job.save(update_fields=["status", "started", "attempts", "progress", "message"])
    progress = Progress(job)
    try:
        _boundaries(job)
        result = _RUNNERS[job.kind](job, progress)
    except BesluitpakError as e:
        said = wording_of(e)
        _finish(job, Job.Status.FAILED, message=cli_message(e), progress=progress, result=said)
    except Exception as e:
        log.exception("job %s failed", job.pk)
        said = {"error": {"code": "internal-error", "params": {}}}
        _finish(
            job, Job.Status.FAILED, message=f"internal error: {e}", progress=progress, result=said
        )
    else:
        _finish(job, Job.Status.DONE, result=result, progress=progress)


def _boundaries(job: Job) -> None:
    """Refuse a job whose case (or meeting folder, or the archive) holds a symbolic link
    out of the workspace: nothing is read or written through it (a Dutch message)."""
    root = Path(settings.WORKSPACE)
    if job.case.startswith("vergadering:"):
        check_links(root, root / "vergaderingen", shallow=root / ARCHIEF)
    else:
        check_links(root, _folder(job), shallow=root / ARCHIEF)


def _finish(
    job: Job,
    status: str,
    *,
    progress: Progress,
    message: str = "",
    result: dict[str, Any] | None = None,
) -> None:
    job.status, job.finished, job.message = status, timezone.now(), message
    job.result = result or {}
    job.progress = progress.state
    job.save(update_fields=["status", "finished", "message", "result", "progress"])
    who = job.requested_by or job.requested_by_name
    if status == Job.Status.FAILED:
        audit.record(Event.JOB_FAILED, user=who, case=job.case, job=job.kind, message=message)
        return
    event = {
        "build": Event.BUILT,
        "publish": Event.PUBLISHED,
        "archive": Event.ARCHIVED,
        "verify": Event.VERIFIED,
        "meeting_agenda": Event.AGENDA_BUILT,
        "meeting_voorlopig": Event.LIST_WRITTEN,
        "meeting_definitief": Event.LIST_WRITTEN,
        "meeting_archive": Event.MEETING_ARCHIVED,
        "schedule": Event.SCHEDULED,
        "release": Event.PUBLISHED,
        "withdraw": Event.WITHDRAWN,
        "meeting_sign": Event.LIST_SIGNED,
    }[job.kind]
    fingerprint = str(job.result.get("fingerprint", ""))
    detail = {k: v for k, v in job.result.items() if k != "fingerprint"}
    if job.reason:
        detail["reden"] = job.reason
    audit.record(event, user=who, case=job.case, fingerprint=fingerprint, **detail)


def inputs_key(folder: Path) -> str:
    """A digest of every file of the case except its builds (and edit state the terminal
    kept in it before the page made the workspace's): did anything change?"""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        relative = path.relative_to(folder)
        if relative.parts[0] in (OUT, PRIVATE) or not path.is_file():
            continue
        digest.update(str(relative).encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def _folder(job: Job) -> Path:
    return Path(settings.WORKSPACE) / job.case


def _files(paths: Any) -> dict[str, Any]:
    """The files written, relative to the workspace, with their SHA-256; the fingerprint is
    the digest of those lines (what was built, byte for byte)."""
    root = Path(settings.WORKSPACE)
    lines = {
        Path(p).resolve().relative_to(root).as_posix(): hashlib.sha256(
            Path(p).read_bytes()
        ).hexdigest()
        for p in paths
    }
    listing = "".join(f"{sha}  {name}\n" for name, sha in sorted(lines.items()))
    return {
        "fingerprint": hashlib.sha256(listing.encode()).hexdigest(),
        "files": list(lines),
        "sha256": lines,
    }


def _build(job: Job, progress: Progress) -> dict[str, Any]:
    folder = _folder(job)
    before = inputs_key(folder)
    case = besluitpak.load_case(folder / CASE_FILE)
    progress.titles = _titles([case])
    # The intern edition first: the page shows its link while the public one is built.
    files, pages = inturn.build(case, out=folder / OUT, on_event=progress, built=progress.built)
    if inputs_key(folder) != before:
        # Edited during the build: what was built is not what is there now; build next.
        transaction.on_commit(lambda: request(job.case, Job.Kind.BUILD, user=_requester(job)))
    return {**_files(files), "pages": pages}


def _door(job: Job) -> str:
    """Who archives, for the manifest: the requester's name and role (``sanne
    (secretariaat)``)."""
    from besluitpak.web.permissions import role_of

    user = job.requested_by
    role = role_of(user) if user is not None else ""
    return f"{job.requested_by_name} ({role})" if role else job.requested_by_name


def _requester(job: Job) -> Any:
    """Who asked for ``job``: the account, or (deleted since) a stand-in with the name."""
    if job.requested_by is not None:
        return job.requested_by
    from django.contrib.auth.models import User

    return User(username=job.requested_by_name)


def _titles(cases: Sequence[besluitpak.Case]) -> dict[str, str]:
    """How progress names a document by its id: ``Bijlage 1: Kaart``; where cases of a
    meeting share an id (each has a collegevoorstel), by its label alone."""
    named: dict[str, set[str]] = {}
    for case in cases:
        for d in case.documents:
            named.setdefault(d.id, set()).add(f"{d.short_label}: {d.titel}")
    labels = {d.id: d.short_label for case in cases for d in case.documents}
    return {key: next(iter(t)) if len(t) == 1 else labels[key] for key, t in named.items()}


def _publish(job: Job, progress: Progress) -> dict[str, Any]:
    folder = _folder(job)
    case = besluitpak.load_case(folder / CASE_FILE)
    progress.titles = _titles([case])
    override = None
    if job.reason:
        moment = dt.datetime.now(dt.UTC).replace(microsecond=0).isoformat()
        override = besluitpak.Override(reden=job.reason, user=job.requested_by_name, time=moment)
    published = besluitpak.publish(
        case,
        out=folder / PUBLISHED,
        settings=besluitpak.BuildSettings(override=override),
        on_event=progress,
    )
    besluitpak.record_published(case, out=folder / PUBLISHED, door=_door(job))
    return _files(published.files)


def _archive(job: Job, progress: Progress) -> dict[str, Any]:
    folder = _folder(job)
    case = besluitpak.load_case(folder / CASE_FILE)
    progress.titles = _titles([case])
    stored = besluitpak.archive(
        case, archief=folder.parent / ARCHIEF, on_event=progress, door=_door(job)
    )
    seal = stored.version / "manifest.json.sha256"
    return {
        "fingerprint": seal.read_text().split()[0] if seal.is_file() else "",
        "version": stored.version.name,
        "new": stored.new,
    }


def _verify(job: Job, progress: Progress) -> dict[str, Any]:
    folder = _folder(job)
    case = besluitpak.load_case(folder / CASE_FILE)
    found = besluitpak.versions(folder.parent / ARCHIEF, case.meta.kenmerk)
    if not found:
        raise BesluitpakError(f"{case.meta.kenmerk}: nothing archived yet").coded(
            "archive-nothing", kenmerk=case.meta.kenmerk
        )
    result = besluitpak.verify(found[-1].parent)
    root = Path(settings.WORKSPACE)

    def lines(found: list[Any]) -> list[str]:
        return [shown(root, wording.text(line)) for line in found]

    seals = lines(result.seals)
    return {
        # The newest manifest's seal: what the archivist records outside the archive.
        "fingerprint": seals[-1].split()[-1] if seals else "",
        "ok": result.ok,
        "checked": lines(result.checked),
        "problems": lines(result.problems),
        "warnings": lines(result.warnings),
        "findings": lines(result.findings),
        "seals": seals,
        "signatures": sealed.verified(root, [*result.checked, *result.problems]),
    }


def _meeting(job: Job) -> tuple[Path, Path, besluitpak.Vergadering]:
    """The workspace, the meeting's out folder and the meeting of ``job`` (its case is
    ``vergadering:<name>``), loaded by the CLI's loader."""
    root = Path(settings.WORKSPACE)
    name = job.case.removeprefix(meetings.KEY)
    loaded = besluitpak.load_vergadering(meetings.meeting_file(root, name))
    return root, meetings.out_folder(root, name), loaded


def _meeting_agenda(job: Job, progress: Progress) -> dict[str, Any]:
    _, out, loaded = _meeting(job)
    progress.titles = _titles([item.case for item in loaded.items])
    built = besluitpak.build_agenda(loaded, out=out, on_event=progress)
    return {**_files([built.agenda, built.vergadermap]), "pages": built.pages}


def _meeting_lijst(job: Job, progress: Progress) -> dict[str, Any]:
    _, out, loaded = _meeting(job)
    status = besluitpak.LijstStatus(job.kind.removeprefix("meeting_"))
    progress.state["stage"] = f"besluitenlijst ({status.value}) maken"
    progress.write(force=True)
    lijst = besluitpak.write_besluitenlijst(loaded, out=out, status=status, today=dt.date.today())
    return {**_files([lijst.pdf, lijst.docx, lijst.diwoo]), "later": list(lijst.later)}


def _meeting_archive(job: Job, progress: Progress) -> dict[str, Any]:
    root, out, loaded = _meeting(job)
    progress.titles = _titles([item.case for item in loaded.items])
    stored = besluitpak.archive_vergadering(
        loaded, archief=root / ARCHIEF, out=out, on_event=progress, door=_door(job)
    )
    seal = stored.version / "vergadering.json.sha256"
    return {
        "fingerprint": seal.read_text().split()[0] if seal.is_file() else "",
        "version": stored.version.relative_to(root.resolve()).as_posix()
        if stored.version.is_relative_to(root.resolve())
        else stored.version.name,
        "new": stored.new,
        "cases": {str(nummer): version.name for nummer, version in stored.cases},
    }


_RUNNERS = {
    "build": _build,
    "publish": _publish,
    "archive": _archive,
    "verify": _verify,
    "meeting_agenda": _meeting_agenda,
    "meeting_voorlopig": _meeting_lijst,
    "meeting_definitief": _meeting_lijst,
    "meeting_archive": _meeting_archive,
    "schedule": publicationjobs.schedule,
    "release": publicationjobs.release,
    "withdraw": publicationjobs.withdraw,
    "meeting_sign": signing.sign_list,
}
