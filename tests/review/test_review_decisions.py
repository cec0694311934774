"""Review decisions without a build (fast tier): what accepting writes into the case's files,
what is refused and leaves them as they were, the record, four eyes and the status that
``publish`` refuses on."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from besluitpak.editing import review, reviewlog
from besluitpak.review.suggestions import Suggestion, Suggestions
from tests.helpers import MINIMAL


def _suggestion(
    document: str, words: str, *, label: str = "Bijlage 1", page: int = 1
) -> Suggestion:
    return Suggestion(
        document=document,
        label=label,
        page=page,
        channel="content",
        start=0,
        end=len(words),
        boxes=(),
        words=words,
        kind="persoon",
        context=f"[{words}] rest",
        fingerprint=f"{abs(hash((document, words))):016x}"[:16],
    )


@pytest.fixture
def case(tmp_path: Path) -> Path:
    folder = tmp_path / "case"
    shutil.copytree(MINIMAL, folder)
    return folder


def test_accepting_words_of_generated_text_marks_every_occurrence_in_its_data_file(
    case: Path,
) -> None:
    data = case / "bijlagen" / "notitie.yaml"
    data.write_text(
        data.read_text(encoding="utf-8").replace(
            "met de wijkraad.", "met de wijkraad en de\n    wijkraad van Proefdorp-Noord."
        ),
        encoding="utf-8",
    )
    decision = review.accept(case, _suggestion("notitie", "Proefdorp-Noord"), door="eerste")
    text = data.read_text(encoding="utf-8")
    assert text.count("{lak:5.1.2e}Proefdorp-Noord{/lak}") == 2
    assert "titel: Notitie over de proef" in text
    assert decision.wat == "accept" and decision.grond == "5.1.2e" and decision.nr == 1


def test_words_not_in_the_data_are_refused_and_nothing_is_written(case: Path) -> None:
    def files() -> dict[Path, bytes]:
        return {
            p: p.read_bytes()
            for p in case.rglob("*")
            if p.is_file() and ".besluitpak" not in p.parts
        }

    before = files()
    with pytest.raises(reviewlog.ReviewRefused, match="'Jan Klaassen' is not in its data"):
        review.accept(case, _suggestion("notitie", "Jan Klaassen"), door="eerste")
    with pytest.raises(reviewlog.ReviewRefused, match="grond: expected a Woo ground"):
        review.accept(case, _suggestion("notitie", "wijkraad"), door="x", grond="9.9")
    assert files() == before


def test_accepting_in_a_ready_made_pdf_adds_a_lakken_entry_keeping_the_comments(
    case: Path,
) -> None:
    review.accept(case, _suggestion("kaart", "Jan Klaassen", label="Bijlage 2"), door="a")
    review.add(case, document="kaart", pagina=1, vak=(10, 20, 110, 40), door="a", grond="5.1.2i")
    text = (case / "besluitpak.yaml").read_text(encoding="utf-8")
    assert text.startswith("# A small valid case for tests")
    assert "woorden: Jan Klaassen" in text and "vak: [10.0, 20.0, 110.0, 40.0]" in text
    with pytest.raises(reviewlog.ReviewRefused, match="notitie is generated text"):
        review.add(case, document="notitie", pagina=1, woorden="x", door="a")
    with pytest.raises(reviewlog.ReviewRefused, match="lakken: "):
        review.add(case, document="kaart", pagina=1, vak=(110, 20, 10, 40), door="a")


def test_four_eyes_needs_a_second_person_and_publish_names_what_waits(case: Path) -> None:
    accepted = _suggestion("kaart", "Jan Klaassen", label="Bijlage 2")
    rejected = _suggestion("kaart", "Piet Puk", label="Bijlage 2")
    waiting = _suggestion("kaart", "Kees Kist", label="Bijlage 2", page=3)
    found = Suggestions(kenmerk="2020/000123", items=(accepted, rejected, waiting))
    reviewlog.set_four_eyes(case, on=True, door="eerste")
    review.accept(case, accepted, door="eerste")
    review.reject(case, rejected, door="tweede", reden="woordvoerder")
    status = review.review_status(case, found)
    assert status.open == (waiting,)
    assert status.refusal() == (
        "review: expected every suggestion decided and confirmed, got 1 open suggestion "
        "(Bijlage 2 p.3: 1) and 2 decisions not confirmed (nr 2, 3)"
    )
    assert reviewlog.confirm(case, door="tweede") == [2]  # not their own rejection
    with pytest.raises(reviewlog.ReviewRefused, match="is tweede's own"):
        reviewlog.confirm(case, door="tweede")
    assert reviewlog.confirm(case, door="eerste") == [3]
    review.reject(case, waiting, door="eerste", reden="staat al in het raadsbesluit")
    assert reviewlog.confirm(case, door="TWEEDE") == [6]  # lines 4, 5: the confirmations
    assert review.review_status(case, found).refusal() is None


def test_a_decision_still_counts_when_a_neighbour_redaction_changed_the_context(
    case: Path,
) -> None:
    rejected = _suggestion("kaart", "Piet Puk", label="Bijlage 2")
    review.reject(case, rejected, door="a", reden="wethouder")
    moved = Suggestion(**{**rejected.as_dict(), "context": "[Piet Puk] other", "fingerprint": "f"})
    [item] = review.review_status(case, Suggestions(kenmerk="k", items=(moved,))).items
    assert item.decision is not None and item.decision.reden == "wethouder"


def test_the_record_is_a_chain_and_a_broken_line_is_named(case: Path) -> None:
    review.reject(case, _suggestion("kaart", "Piet Puk"), door="a", reden="r")
    review.reject(case, _suggestion("kaart", "Kees Kist"), door="a", reden="r")
    path = reviewlog.record_file(case)
    first, second = (json.loads(line) for line in path.read_text().splitlines())
    assert first["vorige"] == "" and len(second["vorige"]) == 64
    kept = path.read_text()
    path.write_text(kept + "not json\n")
    with pytest.raises(Exception, match=r"besluitpak.review.jsonl:3: expected a JSON object"):
        reviewlog.decisions(case)
    # A decision rewritten in place (another reason) breaks the chain at the line after it,
    # and nothing more is added to a broken record.
    path.write_text(kept.replace('"reden": "r"', '"reden": "anders"', 1))
    with pytest.raises(Exception, match=r"besluitpak.review.jsonl:2: vorige: expected"):
        reviewlog.decisions(case)
    before = path.read_bytes()
    with pytest.raises(Exception, match=r"besluitpak.review.jsonl:2: vorige"):
        review.reject(case, _suggestion("kaart", "Jan Jas"), door="a", reden="r")
    data = {p: p.read_bytes() for p in case.rglob("*") if p.is_file()}
    with pytest.raises(Exception, match=r"besluitpak.review.jsonl:2: vorige"):
        review.accept(case, _suggestion("kaart", "Piet Puk"), door="a")
    assert path.read_bytes() == before
    assert {p: p.read_bytes() for p in case.rglob("*") if p.is_file()} == data


def test_the_workspace_setting_makes_review_required_and_four_eyes_on(case: Path) -> None:
    assert reviewlog.settings(case) == reviewlog.Settings()
    (case / "review.yaml").write_text("verplicht: true\nvier_ogen: true\n")
    assert reviewlog.settings(case) == reviewlog.Settings(verplicht=True, vier_ogen=True)
    reviewlog.set_four_eyes(case, on=False, door="a")
    assert not reviewlog.settings(case).vier_ogen
    (case / "review.yaml").write_text("vier_ogen: ja\n")
    with pytest.raises(Exception, match="vier_ogen: expected true or false, got 'ja'"):
        reviewlog.settings(case)


def test_a_suggestion_once_decided_is_not_decided_again(case: Path) -> None:
    # An accepted suggestion is redacted: a later "openbaar" would be recorded over words that
    # stay redacted (and one person's choice silently overruled). Refused, nothing written.
    suggestion = _suggestion("kaart", "Piet Puk")
    review.accept(case, suggestion, door="a")
    path = reviewlog.record_file(case)
    files = {p: p.read_bytes() for p in case.rglob("*") if p.is_file()}
    decided = r"already decided \(accept by a, decision 1\)"
    with pytest.raises(reviewlog.ReviewRefused, match=decided):
        review.reject(case, suggestion, door="b", reden="toch openbaar")
    with pytest.raises(reviewlog.ReviewRefused, match=r"already decided"):
        review.accept(case, suggestion, door="b")
    assert {p: p.read_bytes() for p in case.rglob("*") if p.is_file()} == files
    assert len(path.read_text().splitlines()) == 1
