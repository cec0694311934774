"""Stage 3: Word documents to tagged PDF/A with LibreOffice, in parallel batches.

Each worker is one ``soffice`` process with its own profile: two processes on one profile
silently lose files. A profile is locked while in use, so builds running at the same time
never share one. Every expected output is checked; a failed batch is retried once with a
fresh profile.
"""

from __future__ import annotations

import contextlib
import fcntl
import functools
import os
import re
import shutil
import signal
import subprocess
import tempfile
import time
import zipfile
from collections.abc import Generator, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from besluitpak.errors import ConversionError
from besluitpak.files import cache_home, remembered

INSTALL_HINT = (
    "install it with: sudo apt-get install libreoffice-writer-nogui "
    "fonts-crosextra-carlito fonts-liberation2"
)

EXPORT_FILTER = (
    "pdf:writer_pdf_Export:{"
    '"SelectPdfVersion":{"type":"long","value":"2"},'
    '"UseTaggedPDF":{"type":"boolean","value":"true"},'
    '"PDFUACompliance":{"type":"boolean","value":"true"},'
    '"ExportBookmarks":{"type":"boolean","value":"true"},'
    '"ExportNotes":{"type":"boolean","value":"false"},'
    '"ExportFormFields":{"type":"boolean","value":"false"}'
    "}"
)
"""PDF/A-2b, tagged, with the PDF/UA flag and bookmarks from headings (measured in DESIGN §6)."""

CONVERTIBLE = (".docx", ".odt", ".doc", ".rtf")
DEFAULT_TIMEOUT = float(os.environ.get("BESLUITPAK_TIMEOUT", "180"))
"""Seconds a LibreOffice batch may take (``$BESLUITPAK_TIMEOUT``)."""


def default_jobs() -> int:
    """One LibreOffice per core, at most four."""
    return max(1, min(4, os.cpu_count() or 1))


def soffice() -> str:
    """The LibreOffice executable, or a clear error saying how to install it."""
    override = os.environ.get("BESLUITPAK_SOFFICE")
    if override:
        if shutil.which(override) is None:
            raise ConversionError(f"BESLUITPAK_SOFFICE={override}: no such program")
        return override
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    raise ConversionError(f"LibreOffice (soffice) was not found on PATH; {INSTALL_HINT}")


def version() -> str:
    """``LibreOffice 7.4.7.2 …``: the LibreOffice that makes the PDFs (the current
    converter's, :mod:`~besluitpak.convert.backend`), part of every cache key and build
    record."""
    from besluitpak.convert import backend

    return backend.current().version()


@functools.cache
def local_version() -> str:
    """The local LibreOffice's ``LibreOffice 7.4.7.2 …``. Asking takes a LibreOffice start,
    so the answer is remembered until the program file changes."""
    program = Path(os.path.realpath(soffice()))
    stat = program.stat()

    def ask() -> str:
        try:
            result = subprocess.run(
                [str(program), "--version"], capture_output=True, text=True, timeout=60, check=False
            )
        except (OSError, subprocess.TimeoutExpired) as e:
            raise ConversionError(f"cannot run LibreOffice to ask its version: {e}") from e
        lines = result.stdout.strip().splitlines()
        return lines[0] if lines else "LibreOffice ?"

    return remembered(
        cache_home() / "libreoffice-version.txt",
        f"{program}:{stat.st_mtime_ns}:{stat.st_size}",
        ask,
    )


def identity() -> dict[str, str]:
    """What every fingerprint records of the converter (the current one: local workers or
    a unoserver pool): LibreOffice's version and the export filter."""
    from besluitpak.convert import backend

    return backend.current().identity()


_TUNING = {  # what a converter needs no time for at every start
    "/org.openoffice.Office.Java/VirtualMachine": ("Enable", "false"),
    "/org.openoffice.Office.Common/Misc": ("UseOpenCL", "false"),
    "/org.openoffice.Office.Common/Save/Document": ("AutoSave", "false"),
}


def _product_version() -> str:
    """``7.4`` for LibreOffice 7.4.7.2: what LibreOffice records as the last version seen."""
    match = re.search(r"(\d+)\.(\d+)", local_version())
    return f"{match[1]}.{match[2]}" if match else "0.0"


def tune_profile(profile: Path) -> None:
    """Make a worker profile start fast.

    LibreOffice (7.2 and later) runs its graphics render tests at every start until the
    profile records the version it last ran as (``ooSetupLastVersion``), and only its window
    code records that, so a headless profile never does: the tests cost ~0.9 s of CPU and
    ~40 MiB at every start. Recording the version skips them. Java, OpenCL and autosave are
    switched off too: a converter uses none of them.
    """
    settings = {
        **_TUNING,
        "/org.openoffice.Setup/Product": ("ooSetupLastVersion", _product_version()),
    }
    registry = profile / "user" / "registrymodifications.xcu"
    try:
        text = registry.read_text(encoding="utf-8")
    except OSError:
        text = (
            '<?xml version="1.0" encoding="UTF-8"?>\n<oor:items '
            'xmlns:oor="http://openoffice.org/2001/registry" '
            'xmlns:xs="http://www.w3.org/2001/XMLSchema" '
            'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">\n</oor:items>\n'
        )
    missing = {
        path: setting
        for path, setting in settings.items()
        if f'oor:path="{path}"><prop oor:name="{setting[0]}" oor:op="fuse"><value>'
        f"{setting[1]}</value>" not in text
    }
    if not missing or "</oor:items>" not in text:
        return
    for path, (name, _) in missing.items():  # an older value of the same setting goes
        text = re.sub(
            rf'<item oor:path="{re.escape(path)}"><prop oor:name="{name}" '
            rf'oor:op="fuse"><value>[^<]*</value></prop></item>\n?',
            "",
            text,
        )
    items = "".join(
        f'<item oor:path="{path}"><prop oor:name="{name}" oor:op="fuse"><value>'
        f"{value}</value></prop></item>\n"
        for path, (name, value) in missing.items()
    )
    registry.parent.mkdir(parents=True, exist_ok=True)
    registry.write_text(text.replace("</oor:items>", f"{items}</oor:items>"), encoding="utf-8")


@contextlib.contextmanager
def worker_profiles(count: int) -> Iterator[list[Path]]:
    """``count`` LibreOffice profiles that no other process uses until we let go."""
    root = cache_home() / "profiles"
    root.mkdir(parents=True, exist_ok=True)
    held: list[tuple[Path, int]] = []
    try:
        index = 0
        while len(held) < count:
            lock_path = root / f"worker-{index}.lock"
            fd = os.open(lock_path, os.O_CREAT | os.O_RDWR, 0o644)
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                os.close(fd)
            else:
                held.append((root / f"worker-{index}", fd))
                tune_profile(root / f"worker-{index}")
            index += 1
        yield [profile for profile, _ in held]
    finally:
        for _, fd in held:
            fcntl.flock(fd, fcntl.LOCK_UN)
            os.close(fd)


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


def _warmup_document(folder: Path) -> Path:
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
    first = [_warmup_document(log_dir)] if warmup else []
    command = [
        soffice(),
        f"-env:UserInstallation={profile.resolve().as_uri()}",
        "--headless",
        "--invisible",
        "--norestore",
        "--nologo",
        "--nodefault",
        "--nolockcheck",
        "--convert-to",
        EXPORT_FILTER,
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
    timeout: float = DEFAULT_TIMEOUT,
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
    timeout: float = DEFAULT_TIMEOUT,
) -> Conversion:
    """Start converting ``sources``, which may still be being written.

    LibreOffice needs about a second to start before it opens the first file: the caller
    renders the documents meanwhile (writing each atomically, under its final name) and
    then calls :meth:`Conversion.finish`. A file LibreOffice reached too early is simply
    converted again in the retry.
    """
    return Conversion(sources, out_dir, jobs=jobs, timeout=timeout)


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
        if not sources:
            return
        soffice()
        out_dir.mkdir(parents=True, exist_ok=True)
        batches = _batches(sources, jobs or default_jobs())
        early = not all(source.exists() for source in self.sources)
        try:
            self.profiles = self._stack.enter_context(worker_profiles(len(batches)))
            self.logs = Path(
                self._stack.enter_context(tempfile.TemporaryDirectory(prefix="besluitpak-lo-"))
            )
            for batch, profile in zip(batches, self.profiles, strict=False):
                # one by one: interrupted between two starts, abort() still ends the first
                self._runs.append(_start(batch, profile, out_dir, self.logs, warmup=early))
        except BaseException:
            self.abort()
            raise
        self._deadline = time.monotonic() + timeout

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
