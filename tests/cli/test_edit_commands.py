"""``besluitpak bijlage add|move|remove|list`` and ``besluitpak set``: the real CLI on real
case files (the web tests' workspace, copied to tmp_path), each result read back with the
CLI's own loader."""

from __future__ import annotations

import shutil
import subprocess
import time
from pathlib import Path

import pytest

import besluitpak
from besluitpak.editing import compose, edits, uploads
from besluitpak.editing.versions import Conflicted
from tests.helpers import BESLUITPAK, MINIMAL, cli
from tests.web.workspaces import make_workspace

KAART = MINIMAL / "bijlagen" / "kaart.pdf"


@pytest.fixture
def gebied(tmp_path: Path) -> Path:
    """The case ``gebied``: a collegevoorstel, a generated gebiedsopgave, a ready-made kaart."""
    return make_workspace(tmp_path / "werkruimte") / "gebied"


def _case_file(folder: Path) -> str:
    return (folder / "besluitpak.yaml").read_text(encoding="utf-8")


def _version(output: str) -> str:
    return next(line.split()[1] for line in output.splitlines() if line.startswith("versie:"))


def test_bijlage_add_names_the_bijlage_after_the_file_when_no_id_is_given(
    gebied: Path, tmp_path: Path
) -> None:
    given = tmp_path / "Kaart Noord (v2).pdf"
    given.write_bytes(KAART.read_bytes())
    result = cli("bijlage", "add", given, "--titel", "Kaart Noord", "--zaak", gebied)
    assert result.exit_code == 0, result.stderr
    assert "added: bijlagen/kaart-noord-v2.pdf" in result.stdout
    case = besluitpak.load_case(gebied / "besluitpak.yaml")
    assert [b.id for b in case.bijlagen] == ["opgave-centrum", "kaart", "kaart-noord-v2"]


def test_bijlage_add_with_an_id_stores_the_pdf_and_the_loader_reads_it_back(
    gebied: Path,
) -> None:
    before = _case_file(gebied)
    result = cli(
        "bijlage", "add", KAART, "--titel", "Tweede kaart", "--id", "kaart-twee", "-z", gebied
    )
    assert result.exit_code == 0, result.stderr
    assert "added: bijlagen/kaart-twee.pdf" in result.stdout
    assert (gebied / "bijlagen" / "kaart-twee.pdf").read_bytes() == KAART.read_bytes()
    case = besluitpak.load_case(gebied / "besluitpak.yaml")
    assert [(b.id, b.titel) for b in case.bijlagen][-1] == ("kaart-twee", "Tweede kaart")
    after = _case_file(gebied)
    assert after.startswith(before.rstrip("\n"))  # comments and the rest kept, one item added


def test_bijlage_add_whose_id_is_taken_is_refused_naming_the_case_file_and_field(
    gebied: Path,
) -> None:
    before = _case_file(gebied)
    result = cli("bijlage", "add", KAART, "--titel", "Nog een kaart", "-z", gebied)
    assert result.exit_code == 1
    assert (
        f"{gebied}/besluitpak.yaml:43: id: expected an id no other bijlage has, got 'kaart'"
        in result.stderr
    )  # at the bijlagen list's line, as the other messages are located
    assert "Traceback" not in result.stderr
    assert _case_file(gebied) == before


def test_bijlage_add_takes_a_data_file_for_one_of_the_case_templates(
    gebied: Path, tmp_path: Path
) -> None:
    data = tmp_path / "Opgave Noord.yaml"
    data.write_bytes((gebied / "bijlagen" / "gebiedsopgave-centrum.yaml").read_bytes())
    result = cli(
        "bijlage", "add", data, "--titel", "Gebiedsopgave Noord",
        "--template", "templates/gebiedsopgave.docx", "-z", gebied,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    assert (gebied / "bijlagen" / "opgave-noord.yaml").read_bytes() == data.read_bytes()
    case = besluitpak.load_case(gebied / "besluitpak.yaml")
    assert [b.id for b in case.bijlagen] == ["opgave-centrum", "kaart", "opgave-noord"]


def test_bijlage_add_of_a_data_file_without_a_template_is_refused(
    gebied: Path, tmp_path: Path
) -> None:
    data = tmp_path / "noord.yaml"
    data.write_text("titel: Noord\n", encoding="utf-8")
    result = cli("bijlage", "add", data, "--titel", "Noord", "-z", gebied)
    assert result.exit_code == 1
    assert "besluitpak.yaml:43: template: expected one of the case's templates" in result.stderr
    assert "got none" in result.stderr
    assert not (gebied / "bijlagen" / "noord.yaml").exists()


def test_bijlage_add_refuses_a_program_by_its_content_whatever_its_name(
    gebied: Path, tmp_path: Path
) -> None:
    fake = tmp_path / "kaart.pdf"
    fake.write_bytes(b"MZ\x90\x00" + bytes(200))
    before = _case_file(gebied)
    result = cli("bijlage", "add", fake, "--titel", "Kaart", "--id", "nep", "-z", gebied)
    assert result.exit_code == 1
    assert f"{fake}: upload: expected a PDF" in result.stderr
    assert "got a Windows program (.exe)" in result.stderr
    assert _case_file(gebied) == before
    assert not (gebied / "bijlagen" / "nep.pdf").exists()


def test_bijlage_move_puts_it_at_its_place_and_its_comment_moves_with_it(gebied: Path) -> None:
    path = gebied / "besluitpak.yaml"
    path.write_text(
        _case_file(gebied).replace(
            "  - id: kaart\n", "  # de kaart van de afdeling GIS\n  - id: kaart\n"
        ),
        encoding="utf-8",
    )
    result = cli("bijlage", "move", "kaart", "--naar", "1", "-z", gebied)
    assert result.exit_code == 0, result.stderr
    assert "moved: kaart is bijlage 1" in result.stdout
    text = _case_file(gebied)
    assert "bijlagen:\n  # de kaart van de afdeling GIS\n  - id: kaart\n" in text
    case = besluitpak.load_case(path)
    assert [b.id for b in case.bijlagen] == ["kaart", "opgave-centrum"]


def test_bijlage_move_to_a_place_the_case_has_not_is_refused(gebied: Path) -> None:
    result = cli("bijlage", "move", "kaart", "--naar", "7", "-z", gebied)
    assert result.exit_code == 1
    assert "besluitpak.yaml:43: naar: expected a place from 1 to 2, got 7" in result.stderr


def test_bijlage_remove_is_refused_while_the_voorstel_refers_to_it(gebied: Path) -> None:
    before = _case_file(gebied)
    result = cli("bijlage", "remove", "kaart", "-z", gebied)
    assert result.exit_code == 1
    assert f"{gebied}/besluitpak.yaml:" in result.stderr
    assert "voorstel.data.besluitpunten[1]: reference to unknown bijlage id 'kaart'" in (
        result.stderr
    )
    assert "nothing was written" in result.stderr
    assert _case_file(gebied) == before
    assert (gebied / "bijlagen" / "kaart.pdf").is_file()


def test_bijlage_remove_takes_out_the_entry_and_its_file_nothing_else_uses(gebied: Path) -> None:
    cli("bijlage", "add", KAART, "--titel", "Extra", "--id", "extra", "-z", gebied)
    result = cli("bijlage", "remove", "extra", "-z", gebied)
    assert result.exit_code == 0, result.stderr
    assert "removed: extra (removed bijlagen/extra.pdf)" in result.stdout
    assert not (gebied / "bijlagen" / "extra.pdf").exists()
    assert [b.id for b in besluitpak.load_case(gebied / "besluitpak.yaml").bijlagen] == [
        "opgave-centrum",
        "kaart",
    ]


def test_bijlage_list_shows_number_id_titel_and_the_version(gebied: Path) -> None:
    result = cli("bijlage", "list", "-z", gebied / "besluitpak.yaml")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].split()[:2] == ["1", "opgave-centrum"]
    assert "Kaart van het stadsdeel" in lines[1]
    assert len(_version(result.stdout)) == 64


def test_set_changes_only_that_line_keeping_comments_and_layout(gebied: Path) -> None:
    before = _case_file(gebied).splitlines()
    result = cli("set", "onderwerp", "Gebiedsopgave Centrum opnieuw vaststellen", "-z", gebied)
    assert result.exit_code == 0, result.stderr
    after = _case_file(gebied).splitlines()
    changed = [(a, b) for a, b in zip(before, after, strict=True) if a != b]
    assert changed == [
        (
            "onderwerp: Gebiedsopgave Centrum vaststellen",
            "onderwerp: Gebiedsopgave Centrum opnieuw vaststellen",
        )
    ]
    case = besluitpak.load_case(gebied / "besluitpak.yaml")
    assert case.meta.onderwerp == "Gebiedsopgave Centrum opnieuw vaststellen"


def test_set_reads_a_date_as_a_date_and_a_nested_key_by_its_path(gebied: Path) -> None:
    assert cli("set", "collegevergadering", "2026-12-22", "-z", gebied).exit_code == 0
    assert cli("set", "bijlagen[1].titel", "Kaart: centrum", "-z", gebied).exit_code == 0
    case = besluitpak.load_case(gebied / "besluitpak.yaml")
    assert str(case.meta.collegevergadering) == "2026-12-22"
    assert case.bijlagen[1].titel == "Kaart: centrum"


def test_set_refuses_what_the_loader_refuses_as_file_line_field(gebied: Path) -> None:
    before = _case_file(gebied)
    result = cli("set", "collegevergadering", "2026-13-01", "-z", gebied)
    assert result.exit_code == 1
    assert (
        f"{gebied}/besluitpak.yaml:9: collegevergadering: expected a real date like "
        "2014-03-11, got text '2026-13-01'"
    ) in result.stderr
    assert "Traceback" not in result.stderr
    assert _case_file(gebied) == before


@pytest.mark.parametrize(
    ("key", "said"),
    [
        ("bijlagen[5].titel", "besluitpak.yaml:43: bijlagen[5].titel: expected an index below 2"),
        ("onderwerp.x", "besluitpak.yaml:8: onderwerp: expected a mapping, got text 'Gebied"),
        ("bijlagen[1]titel", "besluitpak.yaml: key: expected a key path like onderwerp"),
    ],
)
def test_set_refuses_a_key_path_that_names_no_place(gebied: Path, key: str, said: str) -> None:
    result = cli("set", key, "x", "-z", gebied)
    assert result.exit_code == 1
    assert said in result.stderr


def test_a_terminal_change_from_an_old_version_is_refused_after_a_page_change(
    gebied: Path,
) -> None:
    seen = _version(cli("bijlage", "list", "-z", gebied).stdout)
    page_version = compose.reorder(gebied, ["kaart", "opgave-centrum"], version=seen)
    assert page_version == []  # the page's reorder, saved
    result = cli("bijlage", "move", "kaart", "--naar", "2", "--versie", seen, "-z", gebied)
    assert result.exit_code == 1
    assert "besluitpak.yaml: volgorde: expected it unchanged since --versie" in result.stderr
    assert "nothing was written" in result.stderr
    assert compose.ids(gebied) == ["kaart", "opgave-centrum"]


def test_a_page_change_from_an_old_version_is_refused_after_a_terminal_change(
    gebied: Path,
) -> None:
    seen = _version(cli("bijlage", "list", "-z", gebied).stdout)
    assert cli("bijlage", "move", "kaart", "--naar", "1", "-z", gebied).exit_code == 0
    with pytest.raises(Conflicted):
        compose.reorder(gebied, ["opgave-centrum", "kaart"], version=seen)
    assert compose.ids(gebied) == ["kaart", "opgave-centrum"]


def test_the_terminal_waits_while_the_page_holds_the_case_edit_lock(gebied: Path) -> None:
    with edits.exclusive(gebied.parent, gebied.name):
        process = subprocess.Popen(
            [BESLUITPAK, "set", "onderwerp", "Na het slot", "-z", str(gebied)],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        time.sleep(1.5)  # long enough for the command to reach the lock and wait there
        assert process.poll() is None
        assert "Na het slot" not in _case_file(gebied)
    out, err = process.communicate(timeout=60)
    assert "set: onderwerp" in out
    assert process.returncode == 0, err
    assert "onderwerp: Na het slot" in _case_file(gebied)


@pytest.fixture
def alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A case on its own (``x/zaak``, ``x`` no workspace: no ``.besluitpak/`` the page made
    there), the terminal in it as after ``cd x/zaak``."""
    folder = tmp_path / "x" / "zaak"
    shutil.copytree(MINIMAL, folder)
    monkeypatch.chdir(folder)
    return folder


def test_a_case_on_its_own_keeps_its_edit_state_inside_itself_and_writes_nothing_beside_it(
    alone: Path,
) -> None:
    seen = _version(cli("bijlage", "list").stdout)
    added = cli("bijlage", "add", KAART, "--titel", "Tweede kaart", "--id", "kaart-twee")
    assert added.exit_code == 0, added.stderr
    changed = cli("set", "onderwerp", "Op zichzelf", "--versie", seen)  # seen's bytes are kept
    assert changed.exit_code == 0, changed.stderr
    assert [p.name for p in alone.parent.iterdir()] == ["zaak"]
    private = alone / ".besluitpak"
    assert (private / "locks" / "edit-zaak.lock").is_file()
    assert (private / "versies" / seen).is_file()
    assert (private / "versies" / _version(changed.stdout)).is_file()
    assert list((private / "shadows").iterdir()) == []  # each tried edit's shadow removed
    case = besluitpak.load_case(alone / "besluitpak.yaml")
    assert case.meta.onderwerp == "Op zichzelf"
    assert [b.id for b in case.bijlagen][-1] == "kaart-twee"
    assert not any(".besluitpak" in p.parts for p in case.inputs)


def test_a_refused_change_to_a_case_on_its_own_still_writes_nothing_beside_it(
    alone: Path,
) -> None:
    before = _case_file(alone)
    result = cli("set", "collegevergadering", "2020-02-30")
    assert result.exit_code == 1
    assert "besluitpak.yaml:7: collegevergadering: expected a real date" in result.stderr
    assert _case_file(alone) == before
    assert [p.name for p in alone.parent.iterdir()] == ["zaak"]


@pytest.mark.libreoffice
def test_the_edit_state_a_case_on_its_own_keeps_in_itself_makes_no_build_stale(
    alone: Path,
) -> None:
    assert cli("set", "onderwerp", "Op zichzelf").exit_code == 0
    first = cli("build", ".")
    assert first.exit_code == 0, first.stderr
    built = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (alone / "out").rglob("*.pdf")}
    assert built
    seen = _version(cli("bijlage", "list").stdout)  # a version kept, a change tried and refused
    assert cli("bijlage", "move", "kaart", "--naar", "9", "--versie", seen).exit_code == 1
    assert (alone / ".besluitpak" / "versies" / seen).is_file()
    again = cli("build", ".")
    assert again.exit_code == 0, again.stderr
    assert "up to date: 2020/000123: no input changed since the last build" in again.stderr
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in built} == built


def test_a_case_in_the_workspace_the_page_made_keeps_its_edit_state_there_not_in_itself(
    gebied: Path,
) -> None:
    private = gebied.parent / ".besluitpak"  # made by the page (make_workspace, as it does)
    seen = _version(cli("bijlage", "list", "-z", gebied).stdout)
    result = cli("set", "onderwerp", "In de werkruimte", "--versie", seen, "-z", gebied)
    assert result.exit_code == 0, result.stderr
    assert (private / "versies" / seen).is_file()
    assert (private / "locks" / "edit-gebied.lock").is_file()
    assert not (gebied / ".besluitpak").exists()


# --- the adversary's findings (issue 27): each one's scenario, on the real CLI ----------------

WORD = Path(__file__).resolve().parents[1] / "corpus" / "word"


@pytest.mark.parametrize(
    ("name", "counts"),
    [
        ("tracked-changes.docx", "got 2 insertions, 4 deletions, 1 move and 1 formatting change"),
        ("tracked-changes.odt", "got 3 insertions, 5 deletions and 1 formatting change"),
    ],
)
def test_bijlage_add_refuses_a_document_with_tracked_changes_as_the_page_upload_does(
    gebied: Path, name: str, counts: str
) -> None:
    before = _case_file(gebied)
    files = sorted(p.name for p in (gebied / "bijlagen").iterdir())
    result = cli("bijlage", "add", WORD / name, "--titel", "T", "-z", gebied)
    assert result.exit_code == 1
    assert f"{WORD / name}: upload: expected a document without tracked changes, {counts}" in (
        result.stderr
    )
    assert "'wijzigingen: aanvaarden'" in result.stderr
    assert "--wijzigingen aanvaarden" in result.stderr
    assert _case_file(gebied) == before
    assert sorted(p.name for p in (gebied / "bijlagen").iterdir()) == files
    with pytest.raises(uploads.UploadRefused) as refused:  # the page's upload: the same check
        uploads.check((WORD / name).read_bytes())
    assert refused.value.code == "tracked-changes"
    assert counts in str(refused.value)


def test_bijlage_add_with_wijzigingen_takes_a_tracked_document_and_check_passes(
    gebied: Path,
) -> None:
    result = cli(
        "bijlage", "add", WORD / "tracked-changes.docx", "--titel", "Brief", "--id", "brief",
        "--wijzigingen", "aanvaarden", "-z", gebied,
    )  # fmt: skip
    assert result.exit_code == 0, result.stderr
    case = besluitpak.load_case(gebied / "besluitpak.yaml")
    assert (case.bijlagen[-1].id, case.bijlagen[-1].wijzigingen) == ("brief", "aanvaarden")
    checked = cli("check", gebied)
    assert checked.exit_code == 0, checked.stderr


def test_bijlage_add_of_a_ready_made_document_with_a_template_is_refused(gebied: Path) -> None:
    before = _case_file(gebied)
    result = cli(
        "bijlage", "add", KAART, "--titel", "K", "--id", "k2",
        "--template", "templates/gebiedsopgave.docx", "-z", gebied,
    )  # fmt: skip
    assert result.exit_code == 1
    assert (
        "besluitpak.yaml:43: template: expected no --template for kaart.pdf: --template is for "
        "a data file (.yaml); kaart.pdf is a ready-made document"
    ) in result.stderr
    assert _case_file(gebied) == before
    assert not (gebied / "bijlagen" / "k2.pdf").exists()


@pytest.mark.parametrize(
    "command",
    [
        ("bijlage", "move", "kaart", "--naar", "1"),
        ("bijlage", "remove", "kaart"),
        ("set", "onderwerp", "Nieuw"),
        ("bijlage", "add", str(KAART), "--titel", "K", "--id", "k2"),
    ],
)
def test_a_made_up_version_is_refused_as_unknown_not_as_someone_elses_change(
    gebied: Path, command: tuple[str, ...]
) -> None:
    before = _case_file(gebied)
    result = cli(*command, "--versie", "deadbeef", "-z", gebied)
    assert result.exit_code == 1
    assert (
        f"{gebied}/besluitpak.yaml: --versie: expected a version this case file was saved as "
        "here, got 'deadbeef', which is unknown"
    ) in result.stderr
    assert "run 'besluitpak bijlage list' for the current one" in result.stderr
    assert "someone else" not in result.stderr
    assert _case_file(gebied) == before


def test_a_version_kept_before_the_case_joined_a_workspace_is_unknown_there(alone: Path) -> None:
    seen = _version(cli("bijlage", "list").stdout)  # kept in the case's own .besluitpak/
    assert cli("set", "onderwerp", "Eerder").exit_code == 0  # the file is no longer ``seen``
    (alone.parent / ".besluitpak").mkdir()  # the page made x/ a workspace since
    result = cli("set", "onderwerp", "Later", "--versie", seen)
    assert result.exit_code == 1
    assert f"--versie: expected a version this case file was saved as here, got {seen!r}" in (
        result.stderr
    )


def test_bijlage_add_takes_a_version_and_refuses_when_the_bijlagen_changed_since(
    gebied: Path,
) -> None:
    seen = _version(cli("bijlage", "list", "-z", gebied).stdout)
    first = cli(
        "bijlage", "add", KAART, "--titel", "K", "--id", "k2", "--versie", seen, "-z", gebied
    )
    assert first.exit_code == 0, first.stderr
    second = cli(
        "bijlage", "add", KAART, "--titel", "K", "--id", "k3", "--versie", seen, "-z", gebied
    )
    assert second.exit_code == 1
    assert "besluitpak.yaml: bijlagen: expected it unchanged since --versie" in second.stderr
    assert compose.ids(gebied) == ["opgave-centrum", "kaart", "k2"]


@pytest.mark.parametrize(
    ("key", "said"),
    [
        ("bijlagen.titel", "besluitpak.yaml:44: bijlagen: expected a mapping, got a list"),
        ("steller.naam.x", "besluitpak.yaml:13: steller.naam: expected a mapping, got text 'B. "),
        (
            "voorstel.data.besluitpunten[1].x",
            "voorstel.data.besluitpunten[1]: expected a mapping, got text 'Kennis te nemen",
        ),
    ],
)
def test_set_says_what_it_found_in_the_users_words(gebied: Path, key: str, said: str) -> None:
    path = gebied / "besluitpak.yaml"  # a folded text, as a person writes a long one (+1 line)
    path.write_text(
        _case_file(gebied).replace("      - Kennis te", "      - >-\n        Kennis te"),
        encoding="utf-8",
    )
    result = cli("set", key, "y", "-z", gebied)
    assert result.exit_code == 1
    assert said in result.stderr
    for word in ("Commented", "Scalar", "got str"):
        assert word not in result.stderr


def test_set_of_a_new_key_points_at_its_nearest_parent_never_past_the_file(gebied: Path) -> None:
    lines = len(_case_file(gebied).splitlines())
    top = cli("set", "onderwerpp", "x", "-z", gebied)
    assert top.exit_code == 1
    assert f"{gebied}/besluitpak.yaml: onderwerpp: unknown key 'onderwerpp'" in top.stderr
    nested = cli("set", "voorstel.data.nope", "y", "-z", gebied)
    assert nested.exit_code == 1
    assert f"{gebied}/besluitpak.yaml:21: voorstel.data.nope: unknown key 'nope'" in nested.stderr
    assert f"besluitpak.yaml:{lines + 1}:" not in top.stderr + nested.stderr


def test_bijlage_list_of_a_broken_case_file_says_what_check_says_on_one_line(
    gebied: Path,
) -> None:
    path = gebied / "besluitpak.yaml"
    path.write_text(_case_file(gebied).replace("kenmerk: 2026/000777", "kenmerk: ["), "utf-8")
    listed = cli("bijlage", "list", "-z", gebied)
    checked = cli("check", gebied)
    assert listed.exit_code == checked.exit_code == 1
    located = [line for line in checked.stderr.splitlines() if "invalid YAML" in line]
    assert located and f"{gebied}/besluitpak.yaml:" in located[0]
    assert located[0] in listed.stderr.splitlines()
    assert len(listed.stderr.splitlines()) == len(checked.stderr.splitlines())


def test_zaak_takes_the_case_file_and_explains_a_case_file_of_another_name(
    gebied: Path,
) -> None:
    by_file = cli("set", "onderwerp", "Via het bestand", "-z", gebied / "besluitpak.yaml")
    assert by_file.exit_code == 0, by_file.stderr
    other = gebied / "bad.yaml"
    other.write_bytes((gebied / "besluitpak.yaml").read_bytes())
    result = cli("bijlage", "list", "-z", other)
    assert result.exit_code == 1
    assert (
        f"--zaak: expected a case folder holding besluitpak.yaml, or that file, got '{other}'"
        in (result.stderr)
    )
    assert "edit only a case file named besluitpak.yaml" in result.stderr


def test_set_help_counts_list_positions_from_0_and_stores_a_list_as_the_text_typed(
    gebied: Path,
) -> None:
    shown = " ".join(cli("set", "--help").stdout.split())
    assert "bijlagen[0] is bijlage 1, bijlagen[11] is bijlage 12" in shown
    assert "[1,2] and {a: 1} are text" in shown
    assert cli("set", "bijlagen[0].titel", "Eerste", "-z", gebied).exit_code == 0
    assert cli("set", "onderwerp", "[1,2]", "-z", gebied).exit_code == 0
    case = besluitpak.load_case(gebied / "besluitpak.yaml")
    assert (case.bijlagen[0].titel, case.meta.onderwerp) == ("Eerste", "[1,2]")


def test_bijlage_list_takes_no_lock_and_keeps_only_the_version_it_prints(gebied: Path) -> None:
    private = gebied.parent / ".besluitpak"
    assert list(private.iterdir()) == []  # the workspace as the page made it
    case_files = sorted(p for p in gebied.rglob("*"))
    result = cli("bijlage", "list", "-z", gebied)
    assert result.exit_code == 0, result.stderr
    kept = [p.relative_to(private).as_posix() for p in private.rglob("*") if p.is_file()]
    assert kept == [f"versies/{_version(result.stdout)}"]
    assert sorted(p for p in gebied.rglob("*")) == case_files
    assert "no lock" in " ".join(cli("bijlage", "list", "--help").stdout.split())


def test_bijlage_add_of_a_data_file_for_a_template_the_case_has_not_names_file_and_line(
    gebied: Path, tmp_path: Path
) -> None:
    data = tmp_path / "noord.yaml"
    data.write_text("titel: Noord\n", encoding="utf-8")
    result = cli(
        "bijlage", "add", data, "--titel", "Noord", "--template", "templates/nope.docx",
        "-z", gebied,
    )  # fmt: skip
    assert result.exit_code == 1
    assert f"{gebied}/besluitpak.yaml:43: template: expected one of the case's templates" in (
        result.stderr
    )
    assert "got 'templates/nope.docx'" in result.stderr
    assert not (gebied / "bijlagen" / "noord.yaml").exists()
