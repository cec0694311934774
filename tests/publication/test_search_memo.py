"""The guard's search with its findings kept per document (besluitpak.publication.search_memo):
taken from the cache the findings are the same list, in the same order, as a search without
any cache; a record is what is read for the channels it was made of; and changed bytes, a
changed steller or a changed withheld passage are never answered from an older record (the
key is the channels as searched and everything else the search reads)."""

from __future__ import annotations

import dataclasses
import os
import subprocess
import sys
from pathlib import Path

import pytest

from besluitpak.casefile import lak_words
from besluitpak.casefile.case import Case, load_case
from besluitpak.publication import guard
from besluitpak.publication.channels import Channel
from besluitpak.publication.secrets import Secrets
from tests.helpers import MINIMAL, ROOT

SECRETS = Secrets(
    passages=(("a {lak} passage of bijlage 2", lak_words.pattern("grond van Zijlweg")),),
    phrases={("de", "erfpacht", "van", "het", "perceel"): "withheld bijlage 3"},
)


@pytest.fixture(scope="module")
def case() -> Case:
    return load_case(MINIMAL / "besluitpak.yaml")  # steller P. Tester, 0123 456 789


def _channels(noord: str = "Geen bijzonderheden.") -> list[Channel]:
    """The cover's texts, then two documents' channels, raw content streams among them: the
    same findings in a page's text and its content stream, a finding only in a stream."""
    one, two = "bijlage 1", "bijlage 2"
    return [
        Channel(document="the cover or contents", page=None, channel="content", text="Besluit"),
        Channel(document=one, page=1, channel="content stream", text="bel P. Tester"),
        Channel(document=one, page=1, channel="content", text="bel P. Tester op 0123 456 789"),
        Channel(document=one, page=2, channel="bookmark", text="mail p.tester@proef.example"),
        Channel(document=one, page=2, channel="content", text=noord),
        Channel(document=two, page=1, channel="content", text="IBAN NL91ABNA0417164300 hier"),
        Channel(document=two, page=1, channel="content stream", text="IBAN NL91ABNA0417164300"),
        Channel(document=two, page=2, channel="content stream", text="de grond van Zijlweg"),
        Channel(document=two, page=3, channel="alt", text="de erfpacht van het perceel is"),
        Channel(document=two, page=3, channel="content stream", text="Zijlweg 7a 2013 DK"),
    ]


def _records(cache: Path) -> set[Path]:
    return set(cache.rglob("*.json"))


def test_findings_from_the_cache_are_those_of_a_search_without_it(
    case: Case, tmp_path: Path
) -> None:
    found = _channels()
    fresh = guard.search(case, found, secrets=SECRETS)
    assert {f.what for f in fresh} >= {"steller.naam", "IBAN", "withheld bijlage 3"}
    assert any(f.channel == "content" and f.withheld for f in fresh)
    first = guard.search(case, found, secrets=SECRETS, cache=tmp_path)
    kept = _records(tmp_path)
    assert len(kept) == 3  # the cover's run and each document's
    again = guard.search(case, found, secrets=SECRETS, cache=tmp_path)
    assert _records(tmp_path) == kept  # nothing searched again
    assert first == fresh
    assert again == fresh  # the same findings, in the same order


def test_a_record_is_what_is_read_for_the_channels_it_was_made_of(
    case: Case, tmp_path: Path
) -> None:
    """A record emptied by hand stands for its document: the search trusts what it kept for
    these very bytes (so its key must fix them; see the next test)."""
    found = _channels()
    fresh = guard.search(case, found, secrets=SECRETS, cache=tmp_path)
    for record in _records(tmp_path):
        if "IBAN" in record.read_text(encoding="utf-8"):
            record.write_text('{"first": [], "later": []}', encoding="utf-8")
    kept = guard.search(case, found, secrets=SECRETS, cache=tmp_path)
    assert kept == [f for f in fresh if f.document != "bijlage 2"]


def test_changed_text_steller_or_withheld_passage_is_searched_again(
    case: Case, tmp_path: Path
) -> None:
    guard.search(case, _channels(), secrets=SECRETS, cache=tmp_path)
    kept = _records(tmp_path)
    leaking = _channels(noord="bel 06 12345678 of mail r.zqkstra@haarlem.example")
    found = guard.search(case, leaking, secrets=SECRETS, cache=tmp_path)
    assert len(_records(tmp_path) - kept) == 1  # only bijlage 1's run searched again
    assert found == guard.search(case, leaking, secrets=SECRETS)
    assert {"telefoonnummer", "e-mailadres"} <= {
        f.what for f in found if f.document == "bijlage 1" and f.page == 2
    }
    more = dataclasses.replace(
        SECRETS, passages=(*SECRETS.passages, ("a {lak} passage", lak_words.pattern("Besluit")))
    )
    with_more = guard.search(case, _channels(), secrets=more, cache=tmp_path)
    assert with_more == guard.search(case, _channels(), secrets=more)
    assert any(f.document == "the cover or contents" and f.withheld for f in with_more)
    steller = case.meta.steller.model_copy(update={"naam": "R. Zqkstra"})
    other = dataclasses.replace(case, meta=case.meta.model_copy(update={"steller": steller}))
    as_other = guard.search(other, leaking, secrets=SECRETS, cache=tmp_path)
    assert as_other == guard.search(other, leaking, secrets=SECRETS)
    assert any(f.what == "steller.naam" and f.page == 2 for f in as_other)


SALT = """
import datetime as dt, sys
from pathlib import Path
from besluitpak.casefile.case import load_case
from besluitpak.publication import guard, search_memo
from besluitpak.publication.editions import plan_edition
case = load_case(Path(sys.argv[1]))
plan = plan_edition(case, "openbaar", today=dt.date(2014, 4, 1))
secrets = guard.secrets_of(case, plan)
print(search_memo.salt(case, guard._allowed(case), secrets))
"""


def test_the_key_is_the_same_in_every_process() -> None:
    """Python orders a set of strings differently in each process (hash randomisation):
    what the key is made of must not depend on it, or no later build finds a record."""
    keys = {
        subprocess.run(
            [sys.executable, "-c", SALT, str(ROOT / "besluitpak.yaml")],
            env={**os.environ, "PYTHONHASHSEED": str(seed)},
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        for seed in (1, 2, 3)
    }
    assert len(keys) == 1, keys
