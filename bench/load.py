"""Load and fault test of build jobs on RQ/Redis with conversion on unoserver, in one run.

    .venv/bin/python bench/load.py [--builds 60] [--users 20] [--within 60] [--workers 2]
                                   [--unoservers 2] [--no-faults] [--no-baseline]

On this machine, in a fresh temporary folder: a real redis-server and ``--unoservers``
unoserver instances on 127.0.0.1, ``--workers`` ``besluitpak worker --converter
unoserver://…`` processes on ``BESLUITPAK_QUEUE=redis://…``, and a workspace of small varied
cases (the web tests' ``proef`` and ``gebied``, each copy with its own kenmerk and subject,
so every conversion is real). ``--users`` simulated users ask for ``--builds`` builds at
random moments within ``--within`` seconds (through :func:`besluitpak.web.jobs.request`,
what the page's Bouwen button calls). Meanwhile one worker and one unoserver are killed
(SIGKILL to the process group, as if the machine died) and started again.

Afterwards it checks, and exits 1 naming what failed: every job finished or failed with a
reason; none lost (each request's job done) or duplicated (one record per job, and no two
jobs of one case ran at the same time); every bundle passes ``besluitpak.verify``; no
half-written file in the workspace or the cache. The report: jobs/minute, p50/p95 wait
(asked → started), documents/second, against a single local LibreOffice worker building
a sample of the same cases in one process (``--no-baseline`` skips it), and the CPU
seconds and peak memory per document of that worker.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import random
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.load import services  # noqa: E402
from tests.web.workspaces import make_workspace  # noqa: E402

TEMPORARY = re.compile(r"(^\.|\.tmp$|\.part$|~$|^tmp)")
"""Names of files written half (a scratch name before the rename)."""


@dataclass
class Run:
    """What the run asked for and what it saw."""

    builds: int
    users: int
    within: float
    workers: int
    unoservers: int
    faults: bool
    asked: list[tuple[float, str, int]] = field(default_factory=list)
    """(moment, case, job pk) of every request."""
    events: list[str] = field(default_factory=list)
    killed_job: int | None = None
    """The job whose worker was killed while it converted (it must be run again)."""


def make_cases(workspace: Path, count: int) -> list[str]:
    """``count`` cases, alternately copies of ``proef`` and ``gebied``, each with its own
    kenmerk and subject (so each converts its own documents)."""
    make_workspace(workspace)
    names = []
    for number in range(count):
        base = ("proef", "gebied")[number % 2]
        name = f"{base}-{number:02d}"
        shutil.copytree(workspace / base, workspace / name)
        case_file = workspace / name / "besluitpak.yaml"
        text = case_file.read_text(encoding="utf-8")
        text = re.sub(r"(?m)^kenmerk: .*$", f"kenmerk: 2026/{700000 + number}", text)
        text = re.sub(r"(?m)^onderwerp: (.*)$", rf"onderwerp: \1 (zaak {number})", text)
        case_file.write_text(text, encoding="utf-8")
        names.append(name)
    for base in ("proef", "gebied"):
        shutil.rmtree(workspace / base)
    return names


def environment(workspace: Path, cache: Path, queue: str, converter: str) -> dict[str, str]:
    return dict(
        os.environ,
        BESLUITPAK_WORKSPACE=str(workspace),
        BESLUITPAK_QUEUE=queue,
        BESLUITPAK_CONVERTER=converter,
        BESLUITPAK_CACHE=str(cache),
        DATABASE_URL=f"sqlite:///{workspace / '.besluitpak' / 'besluitpak.sqlite3'}",
    )


def worker(folder: Path, workspace: Path, number: int) -> services.Service:
    command = [sys.executable, "-m", "besluitpak", "worker", "--workspace", str(workspace)]
    return services.Service("worker", command, 0, folder / f"worker-{number}.log")


def ask(run: Run, cases: list[str], started: float) -> None:
    """The users: each asks for its share of the builds at random moments."""
    from django.contrib.auth.models import Group, User
    from django.db import connection

    from besluitpak.web import jobs

    rng = random.Random(17)
    group = Group.objects.get(name="secretariaat")
    people = []
    for number in range(run.users):
        user, _ = User.objects.get_or_create(username=f"gebruiker{number:02d}")
        user.groups.set([group])
        people.append(user)
    plan = sorted(
        (rng.uniform(0, run.within), people[index % run.users], cases[index % len(cases)])
        for index in range(run.builds)
    )
    lock = threading.Lock()

    def user_thread(person: Any) -> None:
        try:
            for moment, who, case in plan:
                if who != person:
                    continue
                time.sleep(max(0.0, started + moment - time.monotonic()))
                job = jobs.request(case, "build", user=person)
                with lock:
                    run.asked.append((time.monotonic() - started, case, job.pk))
        finally:
            connection.close()

    threads = [threading.Thread(target=user_thread, args=(p,)) for p in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()


def converting(
    workers: list[services.Service], *, seconds: float
) -> tuple[services.Service, int, int | None]:
    """The worker that is converting a job's documents now (its RQ name ends in its pid),
    its number and the job; after ``seconds`` without one, the first worker."""
    from besluitpak.web.models import Job
    from besluitpak.web.tasks import run_job

    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        for job in Job.objects.filter(status=Job.Status.RUNNING):
            if job.progress.get("stage") != "omzetten naar PDF" or not job.task_id:
                continue
            names = run_job.get_result(job.task_id).worker_ids
            for number, each in enumerate(workers, start=1):
                if each.process and names and names[-1].endswith(f"-{each.process.pid}"):
                    return each, number, job.pk
        time.sleep(0.05)
    return workers[0], 1, None


def faults(
    run: Run, workers: list[services.Service], pool: services.Unoservers, started: float
) -> None:
    """Kill one worker while it converts, and one unoserver, then start them again."""

    time.sleep(max(0.0, started + run.within * 0.3 - time.monotonic()))
    victim, number, job = converting(workers, seconds=max(run.within, 30.0))
    victim.kill()
    run.killed_job = job
    run.events.append(
        f"{time.monotonic() - started:5.1f} s  worker {number} killed (SIGKILL) "
        f"converting job {job}"
    )
    time.sleep(2)
    victim.start()
    run.events.append(f"{time.monotonic() - started:5.1f} s  worker {number} started again")
    time.sleep(max(0.0, started + run.within * 0.6 - time.monotonic()))
    server = pool.services[0]
    server.kill()
    run.events.append(f"{time.monotonic() - started:5.1f} s  unoserver 1 killed (SIGKILL)")
    time.sleep(2)
    server.start()
    pool.wait(server)
    run.events.append(f"{time.monotonic() - started:5.1f} s  unoserver 1 answers again")


def wait_for_jobs(seconds: float) -> None:
    from besluitpak.web.models import Job

    deadline = time.monotonic() + seconds
    while Job.objects.filter(status__in=[Job.Status.QUEUED, Job.Status.RUNNING]).exists():
        if time.monotonic() > deadline:
            raise SystemExit(f"jobs still active after {seconds:.0f} s")
        time.sleep(0.5)


def half_written(*folders: Path) -> list[str]:
    """Files that look written half: scratch names, empty or cut-off PDFs."""
    found = []
    for folder in folders:
        for path in folder.rglob("*"):
            if not path.is_file() or ".besluitpak" in path.parts or "locks" in path.parts:
                continue
            if path.parent.name == "profiles" or "profiles" in path.parts:
                continue  # LibreOffice's own profiles (local worker baseline)
            name = path.name
            if TEMPORARY.search(name) and name not in {
                ".besluitpak-state.json",
                ".besluitpak.lock",
            }:
                found.append(f"{path}: a scratch name")
            elif name.endswith(".pdf"):
                data = path.read_bytes()
                if not data.startswith(b"%PDF-") or b"%%EOF" not in data[-1024:]:
                    found.append(f"{path}: not a whole PDF")
    return found


def overlapping(jobs: list[Any]) -> list[str]:
    """Cases two of whose jobs ran at the same time."""
    by_case: dict[str, list[Any]] = {}
    for job in jobs:
        by_case.setdefault(job.case, []).append(job)
    found = []
    for case, its in by_case.items():
        spans = sorted((j.started, j.finished) for j in its if j.started and j.finished)
        if any(begin < end for (_, end), (begin, _) in itertools.pairwise(spans)):
            found.append(f"{case}: two jobs ran at the same time")
    return found


def unverified(workspace: Path) -> list[str]:
    """Every bundle in the workspace that ``besluitpak.verify`` does not pass."""
    import besluitpak

    found = []
    for bundle in sorted(workspace.glob("*/out/*.pdf")):
        result = besluitpak.verify(bundle)
        if not result.ok:
            found.append(f"verify {bundle.relative_to(workspace)}: {result.problems}")
    return found


def check(run: Run, workspace: Path, cache: Path) -> tuple[list[str], dict[str, Any]]:
    """The checks; what failed, and the figures for the report."""
    from besluitpak.web.models import AuditEntry, Job

    failures: list[str] = []
    asked = {pk for _, _, pk in run.asked}
    if len(run.asked) != run.builds:
        failures.append(f"requests: expected {run.builds}, got {len(run.asked)}")
    jobs = list(Job.objects.order_by("pk"))
    lost = asked - {job.pk for job in jobs}
    if lost:
        failures.append(f"lost: jobs {sorted(lost)} asked for but not in the database")
    for job in jobs:
        if job.status not in {Job.Status.DONE, Job.Status.FAILED}:
            failures.append(f"job {job.pk} ({job.case}): expected done or failed, got {job.status}")
        elif job.status == Job.Status.FAILED and not job.message:
            failures.append(f"job {job.pk} ({job.case}): failed without a reason")
    records = AuditEntry.objects.filter(
        event__in=[AuditEntry.Event.BUILT, AuditEntry.Event.JOB_FAILED]
    )
    if records.count() != len(jobs):
        failures.append(f"records: expected one per job ({len(jobs)}), got {records.count()}")
    if run.faults:
        again = [j for j in jobs if j.pk == run.killed_job]
        if not again or again[0].attempts < 2 or again[0].status != Job.Status.DONE:
            failures.append(f"job {run.killed_job}: its worker was killed; expected it run again")
    failures += overlapping(jobs)
    failures += unverified(workspace)
    done = [j for j in jobs if j.status == Job.Status.DONE]
    expected = {name for j in done for name in j.result.get("files", [])}
    missing = [name for name in expected if not (workspace / name).is_file()]
    if missing:
        failures.append(f"bundles missing: {missing}")
    failures += half_written(workspace, cache)
    waits = sorted((j.started - j.created).total_seconds() for j in done if j.started)
    ends = [j.finished for j in done if j.finished]
    span = max(ends) - min(j.created for j in done) if ends else None
    documents = sum(
        sum(1 for word in j.progress.get("documents", {}).values() if word == "omgezet")
        for j in done
    )
    seconds = span.total_seconds() if span else 0.0
    figures = {
        "jobs": len(jobs),
        "done": len(done),
        "failed": [f"{j.case}: {j.message}" for j in jobs if j.status == Job.Status.FAILED],
        "again": sum(1 for j in jobs if j.attempts > 1),
        "bundles": len(list(workspace.glob("*/out/*.pdf"))),
        "seconds": seconds,
        "jobs_per_minute": len(done) / seconds * 60 if seconds else 0.0,
        "wait_p50": statistics.median(waits) if waits else 0.0,
        "wait_p95": waits[min(len(waits) - 1, int(0.95 * len(waits)))] if waits else 0.0,
        "documents": documents,
        "documents_per_second": documents / seconds if seconds else 0.0,
    }
    return failures, figures


def baseline(cases: list[Path], cache: Path) -> dict[str, float]:
    """One local LibreOffice worker (``--jobs 1``) building ``cases`` one after the other
    in one process: documents/second, CPU seconds and peak memory per document."""
    script = (
        "import json, sys, time\n"
        "from pathlib import Path\n"
        "import besluitpak\n"
        "count = [0]\n"
        "def seen(event):\n"
        "    count[0] += type(event).__name__ == 'DocumentConverted'\n"
        "settings = besluitpak.BuildSettings(jobs=1)\n"
        "begin = time.perf_counter()\n"
        "for folder in sys.argv[1:]:\n"
        "    case = besluitpak.load_case(Path(folder) / 'besluitpak.yaml')\n"
        "    besluitpak.build(case, out=Path(folder) / 'out-baseline', settings=settings,"
        " on_event=seen)\n"
        "print(json.dumps({'documents': count[0], 'seconds': time.perf_counter() - begin}))\n"
    )
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    env = dict(os.environ, BESLUITPAK_CACHE=str(cache), BESLUITPAK_CONVERTER="local")
    output = subprocess.run(
        [sys.executable, "-c", script, *map(str, cases)],
        env=env,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    figures = json.loads(output.strip().splitlines()[-1])
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    documents = max(1, int(figures["documents"]))
    return {
        "documents": documents,
        "documents_per_second": documents / figures["seconds"],
        "cpu_per_document": cpu / documents,
        "peak_mib": after.ru_maxrss / 1024,
    }


def group_usage(groups: list[int]) -> dict[str, float]:
    """CPU seconds (with waited-for children) and the largest peak memory (MiB) of the live
    processes of these process groups, from /proc."""
    ticks = os.sysconf("SC_CLK_TCK")
    cpu, peak = 0.0, 0.0
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            status = (entry / "status").read_text()
        except OSError:
            continue
        if int(fields[2]) not in groups:
            continue
        cpu += sum(int(value) for value in fields[11:15]) / ticks
        found = re.search(r"VmHWM:\s+(\d+) kB", status)
        if found:
            peak = max(peak, int(found[1]) / 1024)
    return {"cpu": cpu, "peak_mib": peak}


def report(run: Run, figures: dict[str, Any], base: dict[str, float] | None) -> str:
    lines = [
        f"load test: {run.builds} builds by {run.users} users within {run.within:.0f} s; "
        f"{run.workers} RQ workers, {run.unoservers} unoservers",
        *[f"  {event}" for event in run.events],
        f"jobs: {figures['jobs']} for {len(run.asked)} requests (a request for a case whose "
        f"build is still waiting joins that job)",
        f"  {figures['done']} done, {len(figures['failed'])} failed, "
        f"{figures['again']} run again after a kill; {figures['bundles']} bundles verified",
        f"throughput: {figures['jobs_per_minute']:.1f} jobs/minute over {figures['seconds']:.0f} s",
        f"wait (asked → started): p50 {figures['wait_p50']:.1f} s, p95 {figures['wait_p95']:.1f} s",
        f"conversion: {figures['documents']} documents, "
        f"{figures['documents_per_second']:.2f} documents/s",
    ]
    documents = max(1, figures["documents"])
    for side, what in (
        ("workers", "Python: plan, render, assemble"),
        ("unoservers", "LibreOffice"),
    ):
        use = figures["usage"][side]
        lines.append(
            f"{side} ({what}): {use['cpu'] / documents:.2f} CPU s per document, "
            f"peak {use['peak_mib']:.0f} MiB per process (processes alive at the end)"
        )
    for failed in figures["failed"]:
        lines.append(f"  failed: {failed}")
    if base:
        ratio = figures["documents_per_second"] / base["documents_per_second"]
        lines += [
            f"single local worker (--jobs 1, one process, {base['documents']:.0f} documents): "
            f"{base['documents_per_second']:.2f} documents/s; this setup {ratio:.2f}×",
            f"cost of one local worker: {base['cpu_per_document']:.2f} CPU s per document, "
            f"peak {base['peak_mib']:.0f} MiB (its largest process)",
        ]
    if run.within and figures["seconds"] < run.within * 1.1:
        lines.append(
            f"  (the setup kept up with requests spread over {run.within:.0f} s: its "
            f"documents/s is the load offered, not what it can do; --within 5 asks nearly "
            f"at once)"
        )
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--builds", type=int, default=60)
    parser.add_argument("--users", type=int, default=20)
    parser.add_argument("--within", type=float, default=60.0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--unoservers", type=int, default=2)
    parser.add_argument("--cases", type=int, default=0, help="default: builds / 2")
    parser.add_argument("--no-faults", action="store_true")
    parser.add_argument("--no-baseline", action="store_true")
    parser.add_argument("--timeout", type=float, default=600.0)
    args = parser.parse_args(argv)
    run = Run(
        builds=args.builds,
        users=args.users,
        within=args.within,
        workers=args.workers,
        unoservers=args.unoservers,
        faults=not args.no_faults,
    )
    with tempfile.TemporaryDirectory(prefix="besluitpak-load-") as temporary:
        failures, text = _run(run, Path(temporary), args)
    print(text, flush=True)
    for failure in failures:
        print(f"FAILED: {failure}", flush=True)
    return 1 if failures else 0


def _run(run: Run, folder: Path, args: argparse.Namespace) -> tuple[list[str], str]:
    workspace, cache = folder / "werkruimte", folder / "cache"
    cases = make_cases(workspace, args.cases or max(2, run.builds // 2))
    base = None
    if not args.no_baseline:
        sample = folder / "baseline"
        for name in cases[:6]:
            shutil.copytree(workspace / name, sample / name)
        base = baseline(sorted(sample.iterdir()), folder / "cache-baseline")
    redis = services.redis(folder)
    workers: list[services.Service] = []
    try:
        with services.unoservers(folder, run.unoservers) as pool:
            env = environment(workspace, cache, f"redis://127.0.0.1:{redis.port}/0", pool.spec)
            os.environ.update(env)
            from besluitpak.web import commandline

            commandline.setup(workspace)
            workers = [worker(folder, workspace, n) for n in range(run.workers)]
            for each in workers:
                each.command += ["--converter", pool.spec]
                each.start()
            started = time.monotonic()
            chaos = None
            if run.faults:
                chaos = threading.Thread(target=_faults, args=(run, workers, pool, started))
                chaos.start()
            ask(run, cases, started)
            if chaos is not None:
                chaos.join()
            wait_for_jobs(args.timeout)
            usage = {
                "workers": group_usage([each.process.pid for each in workers if each.process]),
                "unoservers": group_usage([s.process.pid for s in pool.services if s.process]),
            }
            for each in workers:
                each.stop()
            failures, figures = check(run, workspace, cache)
            figures["usage"] = usage
    finally:
        for each in workers:
            each.stop()
        redis.stop()
    return failures, report(run, figures, base)


def _faults(
    run: Run, workers: list[services.Service], pool: services.Unoservers, started: float
) -> None:
    from django.db import connection

    try:
        faults(run, workers, pool, started)
    finally:
        connection.close()


if __name__ == "__main__":
    sys.exit(main())
