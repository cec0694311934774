"""verify's checks of the route records of a kenmerk's versions, on version folders laid out
by hand (the archive run itself is tests/route/test_route_archive.py): a record that shrank,
one that vanished, and a paraaf that names a package version that never existed."""

from __future__ import annotations

import json
from pathlib import Path

from besluitpak.archival import trail
from besluitpak.route import record
from besluitpak.route.package import inputs_digest

FILES = {"besluitpak.yaml": "a" * 64}


def version(folder: Path, name: str, actions: list[dict[str, object]]) -> Path:
    """A version folder with a manifest whose inputs are FILES, and a route record."""
    path = folder / name
    path.mkdir(parents=True)
    manifest = {"fingerprint": {"inputs": FILES}}
    (path / "manifest.json").write_text(json.dumps(manifest), encoding="utf-8")
    live = path / "live.jsonl"
    for action in actions:
        record.append(live, action)
    live.rename(path / trail.ROUTE)
    return path


INDIENEN = {"tijd": "2026-03-02T09:00:00Z", "wat": "indienen", "door": "P. Tester"}
PARAAF = {
    "tijd": "2026-03-03T09:00:00Z",
    "wat": "paraaf",
    "door": "T. Manager",
    "als": "teammanager",
    "pakket": inputs_digest(FILES),
}


def test_records_that_only_grew_pass(tmp_path: Path) -> None:
    version(tmp_path, "v001", [INDIENEN])
    version(tmp_path, "v002", [INDIENEN, PARAAF])
    assert trail.problems(tmp_path) == []


def test_a_record_that_shrank_or_vanished_fails_naming_the_version(tmp_path: Path) -> None:
    version(tmp_path, "v001", [INDIENEN, PARAAF])
    version(tmp_path, "v002", [INDIENEN])
    (tmp_path / "v003").mkdir()
    found = trail.problems(tmp_path)
    assert (
        f"{tmp_path}/v002/route.jsonl: 1 lines, fewer than the 2 of v001: archived actions "
        "were removed" in found
    )
    assert f"{tmp_path}/v003/route.jsonl: missing, while v002 kept a route record" in found


def test_a_paraaf_on_a_package_that_never_existed_fails_at_its_line(tmp_path: Path) -> None:
    version(tmp_path, "v001", [INDIENEN, {**PARAAF, "pakket": "f" * 64}])
    assert trail.problems(tmp_path) == [
        f"{tmp_path}/v001/route.jsonl:2: pakket: expected a package version that exists "
        "(archived, or described in the record), got ffffffffffffffff…"
    ]
