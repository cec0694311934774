"""Benchmark: a whole collegevergadering against building its five cases one by one, in one
run, printed as ratios.

    .venv/bin/python bench/vergadering.py

Everything runs through the command line in fresh processes, as the secretariat would:

- **one by one, cold**: ``besluitpak build CASE --edition intern`` for each of the five
  cases of the reference vergadering, one after the other, on an empty cache (each process
  starts its own LibreOffice workers);
- **meeting, cold**: ``besluitpak vergadering agenda`` on an empty cache: the five packages
  in one run sharing the workers, then the agenda and the 74-page vergadermap;
- **meeting, one case changed**: one besluitpunt of one small case edited, the agenda run
  again (the other four packages are up to date, the vergadermap is made again);
- **besluitenlijst**: ``besluitpak vergadering besluitenlijst --definitief`` (one Word
  document rendered and converted, finished as PDF/A + PDF/UA, its DiWoo record).

One run each (the figures move by ±20 % on the shared machine: compare the ratios, which
come from the same run).
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BESLUITPAK = str(Path(sys.executable).parent / "besluitpak")
SMALL = ("subsidieregeling", "benoeming", "raadsvragen", "grondverkoop")


def run(env: dict[str, str], *args: str | Path) -> float:
    """Seconds the command took; exits with its output when it fails."""
    begin = time.perf_counter()
    done = subprocess.run(
        [BESLUITPAK, "-q", *map(str, args)], env=env, capture_output=True, text=True, check=False
    )
    seconds = time.perf_counter() - begin
    if done.returncode != 0:
        sys.exit(f"besluitpak {' '.join(map(str, args))} failed:\n{done.stderr}")
    return seconds


def copy_repository_cases(target: Path) -> Path:
    """The reference case and the reference vergadering (``zaak: ..``), copied; the
    vergadering file."""
    target.mkdir()
    shutil.copy(ROOT / "besluitpak.yaml", target)
    shutil.copytree(ROOT / "templates", target / "templates")
    shutil.copytree(ROOT / "bijlagen", target / "bijlagen")
    shutil.copytree(
        ROOT / "vergadering", target / "vergadering", ignore=shutil.ignore_patterns("out")
    )
    return target / "vergadering" / "vergadering.yaml"


def main() -> None:
    with tempfile.TemporaryDirectory(prefix="bench-vergadering-") as work_dir:
        work = Path(work_dir)
        file = copy_repository_cases(work / "zaken")
        cases = [work / "zaken" / "vergadering" / name for name in SMALL] + [work / "zaken"]

        def fresh_cache(name: str) -> dict[str, str]:
            return dict(os.environ, BESLUITPAK_CACHE=str(work / f"cache-{name}"))

        env = fresh_cache("one-by-one")
        one_by_one = sum(
            run(env, "build", case, "--edition", "intern", "--out", work / "los" / case.name)
            for case in cases
        )
        env = fresh_cache("meeting")
        cold = run(env, "vergadering", "agenda", file, "--out", work / "vergadering")
        nothing = run(env, "vergadering", "agenda", file, "--out", work / "vergadering")
        case_file = work / "zaken" / "vergadering" / "raadsvragen" / "besluitpak.yaml"
        text = case_file.read_text(encoding="utf-8")
        case_file.write_text(text.replace("aan de raad te zenden", "aan de raad te sturen"))
        changed = run(env, "vergadering", "agenda", file, "--out", work / "vergadering")
        lijst = run(
            env,
            "vergadering",
            "besluitenlijst",
            file,
            "--definitief",
            "--today",
            "2014-03-25",
            "--out",
            work / "vergadering",
        )
    rows = [
        ("five cases one by one with the CLI, cold (intern edition)", one_by_one, ""),
        ("meeting cold: five packages, agenda, vergadermap", cold, one_by_one / cold),
        ("meeting, one case changed", changed, one_by_one / changed),
        ("meeting, nothing changed", nothing, one_by_one / nothing),
        ("besluitenlijst --definitief", lijst, ""),
    ]
    print(f"{'scenario':<58} {'time':>8}  vs one by one")
    for name, seconds, ratio in rows:
        shown = f"{ratio:.1f}× faster" if ratio else ""
        print(f"{name:<58} {seconds:7.2f}s  {shown}")


if __name__ == "__main__":
    main()
