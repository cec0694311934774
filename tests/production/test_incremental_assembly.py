"""Incremental assembly: a rebuild after one changed bijlage reads again only that bijlage's
pages and Part for the per-document checks (the rest comes from what the cache kept of each
document), parses again only the pages whose content changed for the structure check,
searches again only that bijlage's channels for the public edition's guard, and assembles
the editions side by side — and writes the very bytes a full build without any cache
writes, for both editions."""

from __future__ import annotations

from pathlib import Path

import pikepdf
import pytest

from besluitpak.files import cache_home
from besluitpak.pdf.inspect import tagged
from tests.helpers import cli, edit, sha256

pytestmark = pytest.mark.libreoffice

BUNDLES = ("collegebesluit-2014-123456-intern.pdf", "collegebesluit-2014-123456-openbaar.pdf")


def built(case: Path, out: Path, *extra: str) -> dict[str, str]:
    result = cli("build", case / "besluitpak.yaml", "--out", out, *extra)
    assert result.exit_code == 0, result.output
    return {name: sha256(out / name) for name in BUNDLES}


def remembered() -> set[Path]:
    """What the checks and the guard keep: per document, per page content, per document's
    channels."""
    return {
        *(cache_home() / "page-checks").rglob("*.json"),
        *(cache_home() / "guard-found-v1").rglob("*.json"),
    }


def contents(out: Path) -> set[bytes]:
    """The digests of the pages' content in both bundles in ``out``."""
    found = set()
    for name in BUNDLES:
        with pikepdf.open(out / name) as pdf:
            found |= {tagged._content_digest(page) or b"" for page in pdf.pages}
    return found


def test_one_changed_bijlage_rebuilt_gives_the_bytes_of_a_full_build(
    reference: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out"
    first = built(reference, out)
    before = contents(out)
    edit(reference / "bijlagen" / "gebiedsopgave-noord.yaml", '"40.800"', '"40.917"')
    kept = remembered()
    rebuilt = built(reference, out)
    read_again = remembered() - kept
    changed = contents(out) - before
    full = built(reference, tmp_path / "full", "--no-cache")
    assert rebuilt == full  # intern and openbaar, byte for byte
    assert all(rebuilt[name] != first[name] for name in BUNDLES)  # the change is in both
    # only the changed bijlage's pages were read again: one new record for each of the two
    # per-page checks in each edition; every other document's came from the cache
    per_document = [p.parent.name for p in read_again if p.parent.name != "marked-v1"]
    assert sorted(per_document) == [
        "census-v1",  # the element counts: that bijlage's Part walked alone again
        "census-v1",
        "glyphs-v1",
        "glyphs-v1",
        "guard-found-v1",  # the openbaar edition's guard searched that bijlage alone again
        "headings-v1",  # the heading check walked that bijlage's Part alone again
        "headings-v1",
        "notes-v1",  # the note-ID repair walked that bijlage's Part alone again
        "notes-v1",
        "reached-v1",  # the structure check: that bijlage's pages' marked content owned
        "reached-v1",
        "untagged-v1",
        "untagged-v1",
    ]
    # the structure check parsed again only the pages whose content changed (noord's)
    assert 0 < len(changed) < len(before) / 4
    assert len([p for p in read_again if p.parent.name == "marked-v1"]) == len(changed)


def test_a_cached_check_result_is_the_same_as_one_read_again(
    reference: Path, tmp_path: Path
) -> None:
    """Two builds of the same case into two folders: the second takes every document's
    per-page results from the cache and writes the same bytes as the first."""
    first = built(reference, tmp_path / "one")
    kept = remembered()
    second = built(reference, tmp_path / "two")
    assert remembered() == kept
    assert second == first
