"""verify on a manifest that is not JSON, or lacks the keys it reads: exit 1, one line per
problem in the form ``file: key: expected X, got Y``, never a traceback."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.helpers import cli


def version_with(tmp_path: Path, manifest: str) -> Path:
    version = tmp_path / "archief" / "2020-000123" / "v001"
    version.mkdir(parents=True)
    (version / "manifest.json").write_text(manifest, encoding="utf-8")
    return version


@pytest.mark.parametrize(
    ("manifest", "expected"),
    [
        ('{"files": [', "cannot read the manifest"),
        ("[1, 2]", "expected a JSON object, got a list"),
        ("{}", "files: expected a list, got nothing"),
        (json.dumps({"files": [{"path": "a.pdf"}], "editions": []}), "files[0].sha256"),
        (json.dumps({"files": [], "editions": [], "previous": 3}), "previous: expected"),
    ],
)
def test_a_broken_manifest_is_a_one_line_failure(
    manifest: str, expected: str, tmp_path: Path
) -> None:
    version = version_with(tmp_path, manifest)
    for target in (version, version.parent, tmp_path / "archief"):
        result = cli("verify", target)
        assert result.exit_code == 1, result.output
        assert "Traceback" not in result.output and "internal error" not in result.output
        assert expected in result.stdout


def test_a_pdf_beside_a_manifest_missing_keys_fails_in_one_line(tmp_path: Path) -> None:
    version = version_with(tmp_path, json.dumps({"editions": []}))
    pdf = version / "x.pdf"
    pdf.write_bytes(b"")
    result = cli("verify", pdf)
    assert result.exit_code == 1
    assert "files: expected a list, got nothing" in result.stdout
    assert "internal error" not in result.output


def test_a_missing_path_is_a_one_line_failure(tmp_path: Path) -> None:
    result = cli("verify", tmp_path / "nothing-here")
    assert result.exit_code == 1
    assert "no such file or folder" in result.stdout
