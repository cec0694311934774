"""One fingerprint for every consumer: changing any input changes each key that must change.

The consumers are the document cache (one key per document), the up-to-date check (the key
of a build's files and the signature of a way of building) and the archive (whether a
version is new). Fast tier: no LibreOffice; the converter's identity is given explicitly.
"""

from __future__ import annotations

import datetime as dt
import shutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from besluitpak import fingerprint
from besluitpak.casefile.case import Case, load_case
from besluitpak.convert import libreoffice
from besluitpak.production import keys as document_keys
from besluitpak.publication.editions import EDITIONS, plan_edition
from tests.helpers import CASES, edit

TODAY = dt.date(2020, 6, 2)
LIBREOFFICE = {"libreoffice": "LibreOffice 7.4.7.2", "filter": libreoffice.EXPORT_FILTER}


@dataclass(frozen=True)
class Keys:
    """Every fingerprint of one case, as the consumers compute them."""

    documents: dict[str, str | None]
    bundle: str
    run: str
    archive: str


def keys(
    case: Case,
    *,
    converter: dict[str, str] = LIBREOFFICE,
    editions: tuple[str, ...] = EDITIONS,
    only: tuple[str, ...] = (),
    today: dt.date = TODAY,
) -> Keys:
    tools = fingerprint.tools(converter)
    plans = [plan_edition(case, name, today=today) for name in editions]
    documents = {
        d.id: document_keys.document_key(case, d, public=False, tools=tools) for d in case.documents
    }
    return Keys(
        documents=documents,
        bundle=fingerprint.bundle_key(case, plans, only, tools=tools),
        run=fingerprint.run_signature(case.path, editions=editions, only=only, tools=tools),
        archive=fingerprint.digest(fingerprint.archive_fingerprint(case, plans, tools=tools)),
    )


@pytest.fixture
def case_dir(tmp_path: Path) -> Path:
    target = tmp_path / "case"
    shutil.copytree(CASES / "minimal", target)
    return target


def test_the_same_inputs_give_the_same_keys(case_dir: Path) -> None:
    assert keys(load_case(case_dir)) == keys(load_case(case_dir))


Change = Callable[[Path], None]


def _data(root: Path) -> None:
    edit(root / "bijlagen" / "notitie.yaml", "proef", "Proef")


def _template(root: Path) -> None:
    with (root / "templates" / "notitie.docx").open("ab") as handle:
        handle.write(b"\0")  # other bytes; a zip reader still finds its directory


def _ready_made(root: Path) -> None:
    with (root / "bijlagen" / "kaart.pdf").open("ab") as handle:
        handle.write(b"\n% another revision\n")


@pytest.mark.parametrize(
    ("change", "changed_document"),
    [(_data, "notitie"), (_template, "notitie"), (_ready_made, None)],
    ids=["data file", "template", "ready-made PDF"],
)
def test_an_input_change_changes_its_document_the_bundle_and_the_archive(
    case_dir: Path, change: Change, changed_document: str | None
) -> None:
    before = keys(load_case(case_dir))
    change(case_dir)
    after = keys(load_case(case_dir))
    assert after.bundle != before.bundle
    assert after.archive != before.archive
    moved = {doc for doc in before.documents if before.documents[doc] != after.documents[doc]}
    assert moved == ({changed_document} if changed_document else set())
    assert after.run == before.run  # the quick check compares the input files itself


def test_a_case_file_change_changes_the_documents_that_show_it(case_dir: Path) -> None:
    before = keys(load_case(case_dir))
    edit(
        case_dir / "besluitpak.yaml",
        "onderwerp: Proef met besluitpak",
        "onderwerp: Proef met besluitpak, herzien",
    )
    after = keys(load_case(case_dir))
    assert after.bundle != before.bundle and after.archive != before.archive
    # the onderwerp is in every document's properties (and the voorstel's text)
    assert all(after.documents[d] != before.documents[d] for d in ("collegevoorstel", "brief"))


@pytest.mark.parametrize(
    "converter",
    [
        {**LIBREOFFICE, "libreoffice": "LibreOffice 25.2.3.2"},
        {**LIBREOFFICE, "filter": LIBREOFFICE["filter"].replace('"value":"2"', '"value":"3"')},
    ],
    ids=["LibreOffice version", "export filter"],
)
def test_a_converter_change_changes_every_key(case_dir: Path, converter: dict[str, str]) -> None:
    case = load_case(case_dir)
    before, after = keys(case), keys(case, converter=converter)
    assert after.bundle != before.bundle and after.run != before.run
    assert after.archive != before.archive
    assert all(
        after.documents[d] != before.documents[d]
        for d in before.documents
        if before.documents[d] is not None
    )


def test_a_library_version_changes_every_key(
    case_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    case = load_case(case_dir)
    before = keys(case)
    real = fingerprint.library_versions()
    assert any(name.startswith("pikepdf-") for name in real)  # read off the real install
    fingerprint.code_version.cache_clear()
    monkeypatch.setattr(
        fingerprint,
        "library_versions",
        lambda names=fingerprint.LIBRARIES: [*real, "pikepdf-99.0.0"],
    )
    try:
        after = keys(case)
    finally:
        fingerprint.code_version.cache_clear()
    assert after.bundle != before.bundle and after.run != before.run
    assert after.archive != before.archive
    assert all(
        after.documents[d] != before.documents[d]
        for d in before.documents
        if before.documents[d] is not None
    )


def test_options_change_the_build_keys_but_not_the_documents(case_dir: Path) -> None:
    case = load_case(case_dir)
    before = keys(case)
    intern = keys(case, editions=("intern",))
    only = keys(case, only=("notitie",))
    assert len({before.bundle, intern.bundle, only.bundle}) == 3
    assert len({before.run, intern.run, only.run}) == 3
    assert intern.documents == before.documents == only.documents


def test_the_day_changes_the_bundle_key_only_when_an_edition_changes(case_dir: Path) -> None:
    edit(
        case_dir / "besluitpak.yaml",
        "afdeling: Proefafdeling",
        "afdeling: Proefafdeling\nembargo_tot: 2020-06-16",
    )
    case = load_case(case_dir)
    during, later = keys(case, today=dt.date(2020, 6, 3)), keys(case, today=dt.date(2020, 6, 4))
    after = keys(case, today=dt.date(2020, 6, 16))
    assert during.bundle == later.bundle  # still under embargo: the same editions
    assert after.bundle != during.bundle  # the embargo ended: the public edition changed
    assert after.archive != during.archive
