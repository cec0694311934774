"""Stage 3 on this machine: Word documents to tagged PDF/A with LibreOffice, in parallel
batches.

Each batch is one ``soffice --convert-to`` process on its own locked, tuned profile
(:func:`~besluitpak.convert.libreoffice.worker_profiles`). Every expected output is checked;
a failed batch is retried once, on a fresh profile after a crash.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
import time
import zipfile
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from besluitpak.convert import early, libreoffice
from besluitpak.convert.libreoffice import INSTALL_HINT, soffice, tune_profile, worker_profiles
from besluitpak.errors import ConversionError

STREAM_AT_LEAST = 4
"""Documents per LibreOffice started early from which it is given its batch before they
are written (a cold build, a batch of cases: it converts while the rest is rendered); with
fewer, after (a change of a few documents, rendered in a moment: a file reached before it
is written would be converted again by a LibreOffice started cold, ~1 s)."""
TIMEOUT = "BESLUITPAK_TIMEOUT"
"""The environment variable that says how many seconds a conversion may take (default 180)."""


def default_timeout() -> float:
    """Seconds a conversion may take: ``$BESLUITPAK_TIMEOUT``, read now (when a conversion
    starts), else 180."""
    written = os.environ.get(TIMEOUT, "").strip()
    if not written:
        return 180.0
    try:
        seconds = float(written)
    except ValueError:
        seconds = 0.0  # refused below, with the rest that is no timeout
    if not 0 < seconds < float("inf"):
        raise ConversionError(f"{TIMEOUT}: expected seconds (more than 0), got {written!r}")
    return seconds


def default_jobs() -> int:
    """One LibreOffice per core, at most four."""
    return max(1, min(4, os.cpu_count() or 1))


def _batches(sources: Sequence[Path], count: int) -> list[list[Path]]:
    """Split the work into ``count`` batches of about equal size (largest files first).
    Files not written yet are dealt round-robin, in order, so each batch gets the
    earliest-ready ones first."""
    batches: list[list[Path]] = [[] for _ in range(max(1, min(count, len(sources))))]
    if not all(source.exists() for source in sources):
        for index, source in enumerate(sources):
            batches[index % len(batches)].append(source)
        return batches
    sizes = [0] * len(batches)
    for source in sorted(sources, key=lambda p: (-p.stat().st_size, p.name)):
        slot = sizes.index(min(sizes))
        batches[slot].append(source)
        sizes[slot] += source.stat().st_size
    return [b for b in batches if b]


_WARMUP_PARTS = {
    "[Content_Types].xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.'
    'relationships+xml"/><Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-'
    'officedocument.wordprocessingml.document.main+xml"/></Types>',
    "_rels/.rels": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships/officeDocument" Target="word/document.xml"/></Relationships>',
    "word/document.xml": '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
    "<w:body><w:p><w:r><w:t>besluitpak</w:t></w:r></w:p></w:body></w:document>",
}
WARMUP_NAME = "besluitpak-warmup"
"""A one-line document each worker converts first when the real ones are still being
rendered: LibreOffice loads Writer and its filters (~0.25 s) meanwhile, instead of after."""


def warmup_document(folder: Path) -> Path:
    """A one-line Word document in ``folder`` (made once) to convert first."""
    path = folder / f"{WARMUP_NAME}.docx"
    if not path.exists():
        with zipfile.ZipFile(path, "w") as package:
            for name, text in _WARMUP_PARTS.items():
                package.writestr(name, text)
    return path


@dataclass
class _Run:
    batch: list[Path]
    profile: Path
    process: subprocess.Popen[bytes]
    log: Path
    order: list[Path]
    """Every file LibreOffice was given, in the order it converts them (warm-up first)."""


def _start(
    batch: list[Path], profile: Path, out_dir: Path, log_dir: Path, *, warmup: bool = False
) -> _Run:
    log = log_dir / f"{profile.name}.log"
    first = [warmup_document(log_dir)] if warmup else []
    command = [
        soffice(),
        f"-env:UserInstallation={profile.resolve().as_uri()}",
        *("--headless", "--invisible", "--norestore", "--nologo", "--nodefault"),
        "--nolockcheck",
        "--convert-to",
        libreoffice.EXPORT_FILTER,
        "--outdir",
        str(out_dir),
        *map(str, first + batch),
    ]
    env = dict(os.environ, SAL_USE_VCLPLUGIN="svp", LC_ALL="C.UTF-8")
    with log.open("wb") as out:
        try:
            process = subprocess.Popen(
                command,
                stdout=out,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                env=env,
                start_new_session=True,
            )
        except OSError as e:
            raise ConversionError(
                f"cannot start LibreOffice ({command[0]}): {e}; {INSTALL_HINT}"
            ) from e
    return _Run(batch=batch, profile=profile, process=process, log=log, order=first + batch)


def _kill(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(process.pid, signal.SIGKILL)
    process.wait()


def _written(pdf: Path) -> bool:
    try:
        return pdf.stat().st_size > 0
    except OSError:
        return False


def _missing(batch: list[Path], out_dir: Path) -> list[Path]:
    missing = []
    for source in batch:
        target = out_dir / f"{source.stem}.pdf"
        if not target.exists() or target.stat().st_size == 0:
            missing.append(source)
    return missing


def convert(
    sources: Sequence[Path],
    out_dir: Path,
    *,
    jobs: int | None = None,
    timeout: float | None = None,
) -> dict[Path, Path]:
    """Convert each source (.docx/.odt) to ``out_dir/<stem>.pdf``; return source -> pdf.

    Raises :class:`ConversionError` naming the documents when LibreOffice fails, times out
    or does not write a file.
    """
    return start(sources, out_dir, jobs=jobs, timeout=timeout).finish()


def start(
    sources: Sequence[Path],
    out_dir: Path,
    *,
    jobs: int | None = None,
    timeout: float | None = None,
) -> Conversion:
    """Start converting ``sources``, which may still be being written (``timeout`` None:
    :func:`default_timeout`).

    LibreOffice needs about a second to start before it opens the first file: the caller
    renders the documents meanwhile (writing each atomically, under its final name) and
    then calls :meth:`Conversion.finish`. A file LibreOffice reached too early is simply
    converted again in the retry.
    """
    seconds = default_timeout() if timeout is None else timeout
    return Conversion(sources, out_dir, jobs=jobs, timeout=seconds)


class Conversion:
    """LibreOffice batches under way."""

    def __init__(
        self, sources: Sequence[Path], out_dir: Path, *, jobs: int | None, timeout: float
    ) -> None:
        stems = [s.stem for s in sources]
        if len(set(stems)) != len(stems):
            raise ConversionError("two documents to convert have the same file name")
        self.sources, self.out_dir, self.timeout = list(sources), out_dir, timeout
        self._stack = contextlib.ExitStack()
        self._runs: list[_Run] = []
        self._handed: list[tuple[list[Path], Path]] = []
        """The batches for the LibreOffices started early (with their profiles), handed to
        them once written."""
        if not sources:
            early.end()  # nothing to convert: the idle LibreOffices go
            return
        soffice()
        out_dir.mkdir(parents=True, exist_ok=True)
        batches = _batches(sources, jobs or default_jobs())
        warmup = not all(source.exists() for source in self.sources)
        try:
            self.logs = Path(
                self._stack.enter_context(tempfile.TemporaryDirectory(prefix="besluitpak-lo-"))
            )
            for idle in early.take(len(batches)):
                self._stack.callback(idle.close)
                self._handed.append((batches.pop(), idle.profile))
            early.end()  # more started early than there are batches: those go now
            self.profiles = self._stack.enter_context(worker_profiles(len(batches)))
            for batch, profile in zip(batches, self.profiles, strict=False):
                # one by one: interrupted between two starts, abort() still ends the first
                self._runs.append(_start(batch, profile, out_dir, self.logs, warmup=warmup))
            self.profiles.extend(profile for _, profile in self._handed)
            if warmup and len(self.sources) >= STREAM_AT_LEAST * (len(self._handed) or 1):
                self._hand_over(warmup=True)  # many, being written: convert as they come
        except BaseException:
            self.abort()
            raise
        self._deadline = time.monotonic() + timeout

    def _hand_over(self, *, warmup: bool = False) -> None:
        """Give each early LibreOffice its batch (they convert at once)."""
        handed, self._handed = self._handed, []
        for batch, profile in handed:
            self._runs.append(_start(batch, profile, self.out_dir, self.logs, warmup=warmup))

    def finish(self, *, skip: Sequence[Path] = ()) -> dict[Path, Path]:
        """Wait, check every output (but those of ``skip``: never written), retry what
        failed once on fresh profiles; the PDF of each source."""
        return dict(self.completed(skip=skip))

    def completed(self, *, skip: Sequence[Path] = ()) -> Generator[tuple[Path, Path], None, None]:
        """Each source with its PDF as soon as LibreOffice has finished it, so that the
        caller can use it while the rest converts; then what failed, retried once (on a
        fresh profile after a crash). Raises :class:`ConversionError` if the retry fails.
        """
        skipped = set(skip)
        if not [source for source in self.sources if source not in skipped]:
            self.abort()
            return
        try:
            self._hand_over()
            given: set[Path] = set()
            for source in self._as_they_finish(skipped):
                given.add(source)
                yield source, self._pdf(source)
            failed = _wait(self._runs, self.out_dir, self._deadline, self.timeout, skipped)
            for source in (s for run in self._runs for s in run.batch):
                if (
                    source not in given
                    and source not in skipped
                    and not any(source in failure.batch for failure in failed)
                ):
                    given.add(source)  # finished as the worker ended: not seen above
                    yield source, self._pdf(source)
            if failed:
                yield from self._retry(failed)
        finally:
            self.abort()

    def _as_they_finish(self, skipped: set[Path]) -> Iterator[Path]:
        """The sources whose PDF is finished, while the workers run. A worker converts its
        files one after the other: a PDF is finished once the next file's PDF appears or
        the worker has ended."""
        positions = [0] * len(self._runs)
        while time.monotonic() < self._deadline:
            for number, run in enumerate(self._runs):
                ended = run.process.poll() is not None
                while positions[number] < len(run.order):
                    source = run.order[positions[number]]
                    following = run.order[positions[number] + 1 : positions[number] + 2]
                    if not (ended or (following and self._pdf(following[0]).exists())):
                        break
                    if (
                        source in run.batch
                        and source not in skipped
                        and _written(self._pdf(source))
                    ):
                        yield source
                    positions[number] += 1
            if all(
                run.process.poll() is not None and positions[number] == len(run.order)
                for number, run in enumerate(self._runs)
            ):
                return
            time.sleep(0.03)

    def _retry(self, failed: list[_Failure]) -> Iterator[tuple[Path, Path]]:
        """Convert what failed once more; on a fresh profile after a crash, which may have
        broken it."""
        for failure, profile in zip(failed, self.profiles, strict=False):
            if failure.crashed:
                shutil.rmtree(profile, ignore_errors=True)
                tune_profile(profile)
        again = _run_batches(
            [failure.batch for failure in failed],
            self.profiles,
            self.out_dir,
            self.logs,
            self.timeout,
        )
        if again:
            batch, reason = again[0].batch, again[0].reason
            names = ", ".join(p.name for p in batch)
            raise ConversionError(
                f"LibreOffice could not convert {names}: {reason}",
                failed=tuple(batch),
                reason=str(reason),
            )
        for failure in failed:
            for source in failure.batch:
                yield source, self._pdf(source)

    def _pdf(self, source: Path) -> Path:
        return self.out_dir / f"{source.stem}.pdf"

    def abort(self) -> None:
        """Stop every LibreOffice still running and let go of the profiles."""
        for run in self._runs:
            if run.process.poll() is None:
                _kill(run.process)
        self._stack.close()


def _run_batches(
    batches: list[list[Path]], profiles: list[Path], out_dir: Path, logs: Path, timeout: float
) -> list[_Failure]:
    runs: list[_Run] = []
    try:
        for batch, profile in zip(batches, profiles, strict=False):
            runs.append(_start(batch, profile, out_dir, logs))
        return _wait(runs, out_dir, time.monotonic() + timeout, timeout, set())
    finally:
        for run in runs:
            if run.process.poll() is None:
                _kill(run.process)


@dataclass(frozen=True)
class _Failure:
    batch: list[Path]
    reason: str
    crashed: bool
    """LibreOffice crashed or hung (not merely a file it could not open yet or at all)."""


def _wait(
    runs: list[_Run], out_dir: Path, deadline: float, timeout: float, skip: set[Path]
) -> list[_Failure]:
    """Wait for every run; the batches (or parts of them) that failed, with why."""
    failed: list[_Failure] = []
    for run in runs:
        remaining = max(0.1, deadline - time.monotonic())
        batch = [source for source in run.batch if source not in skip]
        try:
            code = run.process.wait(timeout=remaining)
        except subprocess.TimeoutExpired:
            _kill(run.process)
            failed.append(_Failure(batch, f"timed out after {timeout:.0f} s", crashed=True))
            continue
        (out_dir / f"{WARMUP_NAME}.pdf").unlink(missing_ok=True)
        missing = _missing(batch, out_dir)
        if (code != 0 and batch) or missing:
            tail = run.log.read_text(errors="replace").strip().splitlines()[-3:]
            detail = "; ".join(line for line in tail if "javaldx" not in line)
            what = (
                f"no PDF written for {', '.join(p.name for p in missing)}"
                if missing
                else f"exit status {code}"
            )
            failed.append(
                _Failure(
                    missing or batch, what + (f" ({detail})" if detail else ""), crashed=code != 0
                )
            )
    return failed
