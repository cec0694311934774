"""The name and address detector on the planted corpus (tests/corpus/names/), and what is
never suggested (fast tier: deduce, no LibreOffice)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

import pytest

from besluitpak.review import detect, public
from besluitpak.review.boxes import Box, PageWords, of_span
from besluitpak.review.suggestions import Suggestion, _fingerprinted

ROOT = Path(__file__).resolve().parents[2]


def _bench() -> ModuleType:
    spec = importlib.util.spec_from_file_location("bench_names", ROOT / "bench" / "names.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.mark.parametrize("name", ["tune", "heldout"])
def test_recall_on_person_names_and_addresses_is_at_least_095_on_each_set(name: str) -> None:
    bench = _bench()
    counts, _ = bench.measure(name, bench.reference_public())
    for kind in (detect.PERSON, detect.ADDRESS):
        found = counts[kind]
        assert found["exp"] >= 25, f"{name}: too few planted {kind}"
        assert found["tp"] / found["exp"] >= 0.95, f"{name} {kind}: {found}"


def test_the_corpus_has_at_least_300_sentences_in_four_genres() -> None:
    rows = [
        line
        for name in ("tune", "heldout")
        for line in (ROOT / "tests/corpus/names" / f"{name}.jsonl").read_text().splitlines()
    ]
    assert len(rows) >= 300
    for genre in ("inspraakreactie", "bezwaar", "raadsvragen", "subsidieaanvraag"):
        assert sum(f'"genre": "{genre}"' in row for row in rows) >= 40


def test_a_resident_with_initials_and_tussenvoegsels_and_her_street_are_found() -> None:
    text = "Mevrouw J.M. van der Berg-Kok, Kerkstraat 12a, 2011 AB Haarlem, maakt bezwaar."
    found = {(s.kind, s.words) for s in detect.find(text)}
    assert any(kind == "persoon" and "van der Berg-Kok" in words for kind, words in found)
    assert ("adres", "Kerkstraat 12a, 2011 AB Haarlem") in found


def test_the_guards_identifiers_are_found_through_its_own_patterns() -> None:
    text = "Bel 06-12345678 of mail jan@example.nl; IBAN NL91 ABNA 0417 1643 00."
    kinds = {s.kind for s in detect.find(text)}
    assert {"telefoonnummer", "e-mailadres", "IBAN"} <= kinds


def test_a_street_or_neighbourhood_named_after_a_person_is_no_person() -> None:
    text = "In de Frans Halsbuurt en aan de Burgemeester van Halterenstraat wordt gebouwd."
    assert [s for s in detect.find(text) if s.kind == "persoon"] == []


def test_names_public_by_function_are_never_suggested_in_any_form() -> None:
    known = public.of(
        gemeente="Haarlem",
        portefeuillehouder="wethouder M. Sikkema",
        afdeling="Gebiedsgericht werken",
        vergadering_names=["burgemeester B. Schneiders", "gemeentesecretaris L. de Wit (ziek)"],
    )
    text = (
        "Wethouder Sikkema en burgemeester Schneiders spraken met Ingrid Kuipers; "
        "L. de Wit notuleerde."
    )
    kept = [s.words for s in detect.find(text) if not known.hides(text, s.start, s.end)]
    assert kept == ["Ingrid Kuipers"]


def test_a_vergadering_names_its_college_only_for_the_cases_on_its_agenda(tmp_path: Path) -> None:
    case = tmp_path / "zaak" / "besluitpak.yaml"
    case.parent.mkdir()
    case.write_text("kenmerk: x\n")
    (tmp_path / "vergadering.yaml").write_text(
        "agenda: [{zaak: zaak}]\naanwezig: [wethouder J. Nieuwenburg]\n"
    )
    (tmp_path / "other").mkdir()
    (tmp_path / "other" / "vergadering.yaml").write_text(
        "agenda: [{zaak: elders}]\naanwezig: [wethouder P. Anders]\n"
    )
    files = public.vergadering_files(case)
    assert public.vergadering_names(case, files) == ["wethouder J. Nieuwenburg"]


def _suggestion(context: str, words: str) -> Suggestion:
    return Suggestion(
        document="opgave-noord", label="Bijlage 3", page=2, channel="content", start=0,
        end=len(words), boxes=(), words=words, kind="persoon", context=context,
    )  # fmt: skip


def test_a_fingerprint_depends_on_the_words_and_their_context_not_on_the_page() -> None:
    first = _fingerprinted([_suggestion("met [Ingrid Kuipers] over", "Ingrid Kuipers")])[0]
    moved = _fingerprinted([
        _suggestion("met [Ingrid Kuipers] over", "Ingrid Kuipers").__class__(
            **{**first.as_dict(), "page": 7, "fingerprint": ""}
        )
    ])[0]  # fmt: skip
    other = _fingerprinted([_suggestion("met [Ingrid Kuiper] over", "Ingrid Kuiper")])[0]
    twice = _fingerprinted([_suggestion("a [X Y] b", "X Y"), _suggestion("a [X Y] b", "X Y")])
    assert first.fingerprint == moved.fingerprint
    assert first.fingerprint != other.fingerprint
    assert twice[0].fingerprint != twice[1].fingerprint
    assert len(first.fingerprint) == 16


def test_a_spans_boxes_are_its_words_boxes() -> None:
    text = "De heer Jan Smit woont hier"
    page = PageWords(
        width=595, height=842, words=tuple(text.split()),
        boxes=tuple(Box(x0=i * 10, y0=0, x1=i * 10 + 8, y1=10) for i in range(6)),
    )  # fmt: skip
    start = text.index("Jan Smit")
    assert of_span(text, start, start + len("Jan Smit"), page) == page.boxes[2:4]
    assert of_span("other words", 0, 5, page) == ()
