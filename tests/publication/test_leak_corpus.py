"""The adversary's leak corpus (tests/corpus/leaks, issue 25 item 8): inputs written as an
attacker would, without reading how besluitpak clears a public file, one unique marker per
channel of the PDF, OOXML and ODF specifications that can carry text or a picture.

Every case is built with the real CLI (build, publish, build --only --edition openbaar,
render --openbaar, vergadering besluitenlijst) and every byte of every public file is searched:
raw, decompressed by qpdf, every revision's streams inflated, strings decoded, content decoded
through each ToUnicode CMap, pdftotext, bookmarks, glyph outlines, zip members and pictures'
pixels. The expectation of each channel is in tests/corpus/leaks/channels*.py; CATALOGUE.md
there lists them with what was observed.
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path

import pytest

from tests.corpus.leaks import make_leaks
from tests.corpus.leaks.channel import VERGADERING, Channel
from tests.corpus.leaks.channels import CHANNELS
from tests.corpus.leaks.make_leaks import CASES
from tests.corpus.leaks.run import CaseResult, Outcome, run_all
from tests.corpus.leaks.scan import find, tree_views

CORPUS = Path(make_leaks.__file__).resolve().parent

STILL_LEAKING: frozenset[tuple[str, str]] = frozenset()
"""(case, marker) of channels that leaked when this test was committed: not asserted, and
listed as STILL LEAKING in tests/corpus/leaks/CATALOGUE.md. Move one out when it is fixed."""

ASSERTED = [c for c in CHANNELS if (c.case, c.marker) not in STILL_LEAKING]


def _id(channel: Channel) -> str:
    return f"{channel.case}-{channel.marker}"


def _input(channel: Channel) -> Path:
    if channel.file.endswith(".yaml") or "/" in channel.file:
        return CORPUS / channel.file
    return CORPUS / "bijlagen" / channel.file


# --- the corpus itself (fast) -----------------------------------------------------------------


def test_every_marker_is_unique_and_no_marker_is_part_of_another() -> None:
    markers = {c.marker for c in CHANNELS}
    for case in [*CASES, VERGADERING]:
        in_case = [c.marker for c in CHANNELS if c.case == case]
        assert len(in_case) == len(set(in_case)), case
    overlapping = [(a, b) for a in markers for b in markers if a != b and a.lower() in b.lower()]
    assert overlapping == []


def test_every_case_has_channels_and_every_channel_a_case() -> None:
    assert {c.case for c in CHANNELS} == {*CASES, VERGADERING}
    for channel in CHANNELS:
        assert _input(channel).is_file(), channel
        assert channel.expect in ("absent", "present", "absent-or-refused", "kept")
        assert channel.intern in ("any", "present", "absent")


@pytest.mark.libreoffice  # qpdf and poppler
@pytest.mark.parametrize("channel", CHANNELS, ids=_id)
def test_the_marker_is_findable_in_its_input(channel: Channel) -> None:
    """A marker the scan cannot find in the input would prove nothing by its absence."""
    assert find(channel.marker, tree_views([_input(channel)], CORPUS)), channel


def test_the_generator_is_reproducible_and_writes_the_committed_files(tmp_path: Path) -> None:
    """Twice the same bytes (fixed dates and ids), the same files as committed. The bytes
    are not compared with the committed ones: another pikepdf, reportlab or libjpeg may
    write other, equally valid bytes."""
    first, second = tmp_path / "a", tmp_path / "b"
    make_leaks.main(first)
    make_leaks.main(second)
    written = {p.relative_to(first): p for p in first.rglob("*") if p.is_file()}
    committed = {
        p.relative_to(CORPUS): p
        for p in CORPUS.rglob("*")
        if p.is_file() and p.suffix in (".yaml", ".pdf", ".docx", ".odt")
    }
    assert set(written) == set(committed)
    for name, path in written.items():
        assert _sha(path) == _sha(second / name), f"{name} differs between two runs"
    sizes = {name: path.stat().st_size for name, path in committed.items()}
    assert max(sizes.values()) < 200_000
    assert sum(sizes.values()) < 3_000_000


def _sha(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- built with the real CLI ------------------------------------------------------------------


@pytest.fixture(scope="module")
def corpus_run(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[dict[str, CaseResult], dict[str, Outcome]]:
    results, outcomes = run_all(tmp_path_factory.mktemp("leaks"))
    return results, {_id(o.channel): o for o in outcomes}


@pytest.mark.libreoffice
@pytest.mark.parametrize("channel", ASSERTED, ids=_id)
def test_channel(
    channel: Channel, corpus_run: tuple[dict[str, CaseResult], dict[str, Outcome]]
) -> None:
    seen = corpus_run[1][_id(channel)]
    assert seen.holds, (
        f"{channel.channel}: expected {channel.expect} (intern: {channel.intern}), "
        f"observed {seen.observed} in {list(seen.where)}"
        + ("" if seen.intern_ok else "; the intern edition disagrees")
    )


@pytest.mark.libreoffice
def test_the_main_case_builds_on_every_public_path(
    corpus_run: tuple[dict[str, CaseResult], dict[str, Outcome]],
) -> None:
    """The main case must build: its channels prove nothing if it is refused."""
    zaak = corpus_run[0]["zaak"]
    build, publish, only, only_withheld, render = zaak.runs
    for run in (build, publish, only, render):
        assert run.returncode == 0, run.output
    # a withheld bijlage asked for alone in the public edition: refused, saying why
    assert only_withheld.returncode == 1, only_withheld.output
    assert "not openbaar" in only_withheld.output
    assert "Traceback" not in only_withheld.output
    names = "\n".join(zaak.public_files)
    for expected in ("sitemap.xml", "inventarislijst.csv", "record.json", "-openbaar.pdf"):
        assert expected in names


@pytest.mark.libreoffice
def test_a_refused_case_names_the_bijlage_and_leaves_no_public_file(
    corpus_run: tuple[dict[str, CaseResult], dict[str, Outcome]],
) -> None:
    refused = {name: r for name, r in corpus_run[0].items() if r.refusal is not None}
    for name, result in refused.items():
        run = result.refusal
        assert run is not None
        assert run.returncode == 1, (name, run.output)
        assert "Traceback" not in run.output
        # it says where: the bijlage, its page and channel, or the cover or contents
        assert re.search(r"bijlage|cover|contents", run.output), (name, run.output)
        assert not [f for f in result.public_files if f.endswith("-openbaar.pdf")], name
