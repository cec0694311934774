"""inspect never crashes: damaged, mistyped or foreign files give exit 0 or 1, one line per
unreadable file and no traceback; a part a check cannot read is that check's FAIL."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pikepdf
import pytest
from pikepdf import Array, Dictionary, Name

from tests.helpers import MINIMAL, cli

BASE = MINIMAL / "bijlagen" / "kaart.pdf"

MUTATIONS: dict[str, Callable[[pikepdf.Pdf], None]] = {
    "metadata_a_number": lambda p: setattr(p.Root, "Metadata", 3),
    "names_a_number": lambda p: setattr(p.Root, "Names", 7),
    "names_tree_malformed": lambda p: setattr(
        p.Root, "Names", Dictionary(EmbeddedFiles=5, JavaScript=Array([1]))
    ),
    "structtreeroot_a_number": lambda p: setattr(p.Root, "StructTreeRoot", 42),
    "structtree_k_a_number": lambda p: setattr(
        p.Root, "StructTreeRoot", Dictionary(K=42, RoleMap=Array([1]), ParentTree=3)
    ),
    "markinfo_a_number": lambda p: setattr(p.Root, "MarkInfo", 3),
    "outlines_a_number": lambda p: setattr(p.Root, "Outlines", 3),
    "pagelabels_a_number": lambda p: setattr(p.Root, "PageLabels", 3),
    "outputintents_a_dictionary": lambda p: setattr(p.Root, "OutputIntents", Dictionary(S=1)),
    "viewerprefs_a_number": lambda p: setattr(p.Root, "ViewerPreferences", 3),
    "lang_a_number": lambda p: setattr(p.Root, "Lang", 3),
    "info_a_number": lambda p: setattr(p.trailer, "Info", 3),
    "resources_a_number": lambda p: setattr(p.pages[0].obj, "Resources", 3),
    "annots_a_number": lambda p: setattr(p.pages[0].obj, "Annots", 3),
    "structparents_a_name": lambda p: setattr(p.pages[0].obj, "StructParents", Name.X),
}


def assert_no_crash(args: list[str | Path]) -> str:
    result = cli("inspect", *args)
    assert result.exit_code in (0, 1), result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    assert len(result.stderr.splitlines()) <= len(args)
    assert " object at 0x" not in result.output and "pikepdf." not in result.output
    return result.stdout


@pytest.mark.parametrize("name", sorted(MUTATIONS))
def test_a_pdf_whose_objects_have_wrong_types_is_reported_not_crashed_on(
    name: str, tmp_path: Path
) -> None:
    target = tmp_path / f"{name}.pdf"
    with pikepdf.open(BASE) as pdf:
        MUTATIONS[name](pdf)
        pdf.save(target)
    assert_no_crash([target])


def test_byte_damage_and_foreign_files_end_in_one_line(tmp_path: Path) -> None:
    data = BASE.read_bytes()
    files = {
        "empty.pdf": b"",
        "truncated.pdf": data[: len(data) // 3],
        "random.pdf": bytes(range(256)) * 40,
        "header-then-garbage.pdf": b"%PDF-1.7\n" + bytes(range(256)) * 40,
        "broken-xref.pdf": data[: data.rfind(b"startxref")] + b"startxref\n99999999\n%%EOF\n",
        "html.pdf": b"<html>not a pdf</html>",
    }
    paths: list[str | Path] = []
    for name, content in files.items():
        (tmp_path / name).write_bytes(content)
        paths.append(tmp_path / name)
    paths += [tmp_path, tmp_path / "missing.pdf"]
    assert_no_crash(paths)
    result = cli("inspect", tmp_path)
    assert result.exit_code == 1
    assert result.stderr.strip() == f"error: {tmp_path}: expected a PDF file, got a folder"


def test_a_repaired_xref_is_a_failed_check(tmp_path: Path) -> None:
    data = BASE.read_bytes()
    broken = tmp_path / "broken-xref.pdf"
    broken.write_bytes(data[: data.rfind(b"startxref")] + b"startxref\n99999999\n%%EOF\n")
    stdout = assert_no_crash([broken])
    assert "[FAIL] readable without repair: damaged, repaired on reading" in stdout


def test_a_password_encrypted_pdf_is_one_clear_line(tmp_path: Path) -> None:
    locked = tmp_path / "locked.pdf"
    with pikepdf.open(BASE) as pdf:
        pdf.save(locked, encryption=pikepdf.Encryption(user="geheim", owner="geheim"))
    result = cli("inspect", locked)
    assert result.exit_code == 1
    assert result.stderr.strip() == f"error: {locked}: the PDF is encrypted with a password"


def test_a_structure_tree_that_is_a_number_fails_that_check_and_the_rest_still_run(
    tmp_path: Path,
) -> None:
    target = tmp_path / "str.pdf"
    with pikepdf.open(BASE) as pdf:
        pdf.Root.StructTreeRoot = 42
        pdf.save(target)
    stdout = assert_no_crash([target])
    assert "[FAIL] structure tree readable: cannot read it: /StructTreeRoot is a number" in stdout
    assert "every font embedded" in stdout and "bookmarks" in stdout
