"""Suggestions on the reference case, built once (real LibreOffice): at most one false
suggestion per five pages (issue 29, item 4), positioned, stable across a rebuild."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

import besluitpak
from besluitpak.cli import main
from tests.helpers import ROOT

pytestmark = pytest.mark.libreoffice


@pytest.fixture(scope="module")
def suggested(cache_dir: Path) -> besluitpak.Suggestions:
    return besluitpak.suggest(ROOT / "besluitpak.yaml")


def test_the_reference_case_gets_at_most_one_false_suggestion_per_five_pages(
    suggested: besluitpak.Suggestions,
) -> None:
    # the reference case's public edition holds no personal data (its steller is left
    # out, the college is public by function): every suggestion on it is a false one
    assert suggested.pages >= 40
    assert len(suggested) <= suggested.pages / 5, "\n".join(s.line() for s in suggested)


def test_no_name_public_by_function_is_suggested(suggested: besluitpak.Suggestions) -> None:
    college = ("Schneiders", "Nieuwenburg", "Sikkema", "Velzen", "de Wit", "Haarlem")
    assert not [s for s in suggested if any(n in s.words for n in college)]


def test_a_page_text_suggestion_carries_its_words_boxes(
    suggested: besluitpak.Suggestions,
) -> None:
    on_pages = [s for s in suggested if s.channel == "content"]
    assert on_pages
    for item in on_pages:
        assert len(item.boxes) == len(item.words.split()), item.line()
        assert all(0 <= b.x0 < b.x1 and 0 <= b.y0 < b.y1 for b in item.boxes)


def test_a_rebuild_of_unchanged_text_gives_the_same_fingerprints_and_the_cli_lists_them(
    suggested: besluitpak.Suggestions,
) -> None:
    result = CliRunner().invoke(main, ["suggest", str(ROOT / "besluitpak.yaml"), "--json"])
    assert result.exit_code == 0, result.output
    again = json.loads(result.stdout)
    assert [s["fingerprint"] for s in again["suggestions"]] == [s.fingerprint for s in suggested]
    assert len({s.fingerprint for s in suggested}) == len(suggested)
    for item in suggested:
        assert item.line().endswith(f"({item.kind}, 5.1.2e) [{item.fingerprint}]")
