"""Build every case of the leak corpus with the real CLI and say, per channel, what happened.

``.venv/bin/python tests/corpus/leaks/run.py [CASE...]`` prints one line per channel:
marker, expectation, observed (cleared / leaked / present / missing / refused / shipped /
not shipped) and where it was found. tests/publication/test_leak_corpus.py asserts the same
outcomes.

Public files are everything a public path writes: ``build`` (the openbaar bundle), ``publish``
(the publication folder: PDFs, sitemaps, inventarislijst, record), ``build --only ID
--edition openbaar`` and ``render --openbaar``. The intern bundle is scanned apart, to prove
that what is withheld from the public is really in the corpus.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
if str(HERE.parents[2]) not in sys.path:  # run as a script
    sys.path.insert(0, str(HERE.parents[2]))

from tests.corpus.leaks.channel import SECRET_ID, VERGADERING, Channel  # noqa: E402
from tests.corpus.leaks.channels import CHANNELS  # noqa: E402
from tests.corpus.leaks.make_leaks import CASES  # noqa: E402
from tests.corpus.leaks.scan import View, find, tree_views  # noqa: E402

TODAY = "2020-06-10"
BESLUITPAK = str(Path(sys.executable).parent / "besluitpak")
READY_PUBLIC = (
    "collegevoorstel",
    "kanalen",
    "revisies",
    "objectstromen",
    "verborgen-word",
    "paginas-word",
    "verborgen-odt",
)
READY_WITHHELD = ("geheim-pdf", SECRET_ID)


PATHS = {
    "build": "build",
    "publish": "publish",
    "only": "build --only",
    "only-w": "build --only (withheld)",
    "render": "render --openbaar",
}


@dataclass
class Run:
    """One command on one case."""

    args: list[str]
    returncode: int
    output: str


@dataclass
class CaseResult:
    name: str
    runs: list[Run] = field(default_factory=list)
    public: list[View] = field(default_factory=list)
    intern: list[View] = field(default_factory=list)
    public_files: list[str] = field(default_factory=list)

    @property
    def refusal(self) -> Run | None:
        """The main build, when it was refused (exit 1)."""
        main = self.runs[0]
        return main if main.returncode != 0 else None


def _run(args: list[str], cwd: Path) -> Run:
    done = subprocess.run([BESLUITPAK, *args], cwd=cwd, capture_output=True, text=True, check=False)
    return Run(args=args, returncode=done.returncode, output=done.stdout + done.stderr)


def _files(folder: Path, hidden: bool = False) -> list[Path]:
    """The files of an output folder; its hidden files (.besluitpak-state.json: bookkeeping
    with the input paths) only where ``hidden``: the publication folder is harvested as it
    stands, the build folder is not published (it holds the intern edition too)."""
    if not folder.exists():
        return []
    return sorted(
        p for p in folder.rglob("*") if p.is_file() and (hidden or not p.name.startswith("."))
    )


def build_case(name: str, work: Path) -> CaseResult:
    """Every public path of one case, into ``work``/<path>/<case>."""
    case = work / "corpus" / f"{name}.yaml"
    result = CaseResult(name=name)
    out = work / "build" / name
    if name == VERGADERING:
        command = ["vergadering", "besluitenlijst", str(case), "--definitief"]
    else:
        command = ["build", str(case)]
    result.runs.append(_run([*command, "--out", str(out), "--today", TODAY], case.parent))
    folders = [out]
    if name == "zaak" and result.refusal is None:
        pub, only, only_w, render = (
            work / k / name for k in ("publish", "only", "only-w", "render")
        )
        result.runs.append(
            _run(["publish", str(case), "--out", str(pub), "--today", TODAY], case.parent)
        )
        result.runs.append(
            _run(
                [
                    "build",
                    str(case),
                    "--out",
                    str(only),
                    "--today",
                    TODAY,
                    "--edition",
                    "openbaar",
                    *[a for i in READY_PUBLIC for a in ("--only", i)],
                ],
                case.parent,
            )
        )
        result.runs.append(
            _run(
                [
                    "build",
                    str(case),
                    "--out",
                    str(only_w),
                    "--today",
                    TODAY,
                    "--edition",
                    "openbaar",
                    *[a for i in READY_WITHHELD for a in ("--only", i)],
                ],
                case.parent,
            )
        )
        result.runs.append(
            _run(
                ["render", str(case), "--out", str(render), "--today", TODAY, "--openbaar"],
                case.parent,
            )
        )
        folders += [pub, only, only_w, render]
    public = {
        folder: [
            p
            for p in _files(folder, hidden=folder.parent.name == "publish")
            if "-intern" not in p.name
        ]
        for folder in folders
    }
    intern = [p for p in _files(out) if "-intern" in p.name]
    result.public_files = [str(p.relative_to(work)) for ps in public.values() for p in ps]
    for folder, paths in public.items():
        result.public += tree_views(paths, folder, f"{folder.relative_to(work)}/")
    result.intern = tree_views(intern, out, f"{out.relative_to(work)}/")
    return result


def prepare(work: Path) -> None:
    """A copy of the corpus (cases, templates, inputs) to build from."""
    target = work / "corpus"
    shutil.copytree(HERE, target, ignore=shutil.ignore_patterns("*.py", "*.md", "__pycache__"))


@dataclass(frozen=True)
class Outcome:
    channel: Channel
    observed: str  # cleared | leaked | present | missing | refused | shipped | not shipped
    where: tuple[str, ...]
    intern_ok: bool  # the intern edition agrees with Channel.intern

    @property
    def holds(self) -> bool:
        """Whether the observation meets the channel's expectation."""
        expect = self.channel.expect
        if expect == "kept":
            return True
        if expect == "present":
            return self.observed == "present" and self.intern_ok
        if expect == "absent-or-refused":
            return self.observed in ("cleared", "refused") and self.intern_ok
        return self.observed == "cleared" and self.intern_ok


def outcome(channel: Channel, result: CaseResult) -> Outcome:
    if result.refusal is not None:
        return Outcome(channel, "refused", (), channel.intern == "any")
    hits = find(channel.marker, result.public, channel.view)
    where = tuple(sorted({f"{f} ({v})" for f, v in hits}))
    in_intern = bool(find(channel.marker, result.intern, channel.view))
    intern_ok = {"any": True, "present": in_intern, "absent": not in_intern}[channel.intern]
    if channel.expect == "kept":
        observed = "shipped" if hits else "not shipped"
    elif channel.expect == "present":
        observed = "present" if hits else "missing"
    else:
        observed = "leaked" if hits else "cleared"
    return Outcome(channel, observed, where, intern_ok)


def run_all(
    work: Path, names: list[str] | None = None
) -> tuple[dict[str, CaseResult], list[Outcome]]:
    prepare(work)
    results = {name: build_case(name, work) for name in (names or [*CASES, VERGADERING])}
    outcomes = [outcome(c, results[c.case]) for c in CHANNELS if c.case in results]
    return results, outcomes


def markdown(outcomes: list[Outcome]) -> str:
    """The catalogue's table: channel, marker, expected, observed, test."""
    rows = [
        "| case | input | channel | marker | expected | observed | how it is cleared | test |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for o in outcomes:
        c = o.channel
        observed = o.observed if o.holds else f"**{o.observed.upper()}**"
        if o.where and c.expect != "present":
            paths = sorted({w.split("/")[0] for w in o.where})
            observed += f" ({', '.join(PATHS[p] for p in paths)})"
        if not o.intern_ok:
            observed += f" (intern: expected {c.intern})"
        rows.append(
            f"| {c.case} | {c.file} | {c.channel} | `{c.marker}` | {c.expect} | {observed} | "
            f"| `test_channel[{c.case}-{c.marker}]` |"
        )
    return "\n".join(rows)


def main(args: list[str]) -> None:
    import tempfile

    as_markdown = "--markdown" in args
    args = [a for a in args if a != "--markdown"]
    with tempfile.TemporaryDirectory() as tmp:
        results, outcomes = run_all(Path(tmp), args or None)
        if as_markdown:
            print(markdown(outcomes))
            return
        for result in results.values():
            for run in result.runs:
                status = "ok" if run.returncode == 0 else f"exit {run.returncode}"
                last = run.output.strip().splitlines()[-1:] or [""]
                print(f"# {result.name}: {' '.join(run.args[:1])} {status}: {last[0][:300]}")
        for o in outcomes:
            mark = "ok " if o.holds else "BAD"
            intern = "" if o.intern_ok else f" (intern: expected {o.channel.intern})"
            print(
                f"{mark} {o.channel.case:28} {o.channel.marker:30} {o.channel.expect:18} "
                f"{o.observed}{intern}: {'; '.join(o.where)[:400]}"
            )


if __name__ == "__main__":
    main(sys.argv[1:])
