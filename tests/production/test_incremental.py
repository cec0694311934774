"""Speed without staleness: the cache, the up-to-date check, one document on its own, batch
builds and watch — each must give the same bytes as a clean build."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
import uuid
from pathlib import Path

import pytest
from docx import Document

import besluitpak
from besluitpak import events
from besluitpak.casefile import case as case_mod
from besluitpak.convert import libreoffice as convert
from besluitpak.convert import workers
from besluitpak.files import cache_home
from tests.helpers import BESLUITPAK, cli, edit, page_texts, sha256

pytestmark = pytest.mark.libreoffice


def unique(case: Path) -> str:
    """Give the case a kenmerk of its own, so no other test's cache entries match it."""
    kenmerk = f"2020/{uuid.uuid4().int % 10**8:08d}"
    edit(case / "besluitpak.yaml", "kenmerk: 2020/000123", f"kenmerk: {kenmerk}")
    edit(case / "bijlagen" / "notitie.yaml", "De proef loopt", f"De proef ({kenmerk}) loopt")
    return kenmerk


def build(case: Path, out: Path, *extra: str) -> tuple[list[Path], str]:
    result = cli("build", case, "--out", out, "--edition", "intern", *extra)
    assert result.exit_code == 0, result.output
    return [Path(p) for p in result.stdout.split()], result.stderr


def cache_entries(kenmerk: str) -> list[Path]:
    root = cache_home() / "documents"
    found = []
    for record in root.rglob("*.json"):
        if json.loads(record.read_text()).get("kenmerk") == kenmerk:
            found.append(record.with_suffix(".pdf"))
    return found


def test_nothing_changed_means_nothing_done(minimal: Path, tmp_path: Path) -> None:
    unique(minimal)
    _, first = build(minimal, tmp_path)
    assert "3 document(s) to convert, 0 from the cache" in first  # voorstel, notitie, brief:
    _, second = build(minimal, tmp_path)  # kaart is a PDF
    assert "up to date" in second
    assert "to convert" not in second


def test_one_bijlage_edited_converts_only_that_one(minimal: Path, tmp_path: Path) -> None:
    unique(minimal)
    build(minimal, tmp_path / "a")
    edit(minimal / "bijlagen" / "notitie.yaml", "waarde: € 15.000", "waarde: € 16.000")
    [bundle], log = build(minimal, tmp_path / "a")
    assert "1 document(s) to convert, 2 from the cache: bijlage 1 (notitie)" in log
    assert any("€ 16.000" in text for text in page_texts(bundle))
    [clean], _ = build(minimal, tmp_path / "clean", "--no-cache")
    assert sha256(bundle) == sha256(clean)


def test_a_changed_template_forces_conversion(minimal: Path, tmp_path: Path) -> None:
    unique(minimal)
    build(minimal, tmp_path)
    template = minimal / "templates" / "notitie.docx"
    doc = Document(str(template))
    doc.add_paragraph("Slotopmerking uit het sjabloon.")
    doc.save(str(template))
    [bundle], log = build(minimal, tmp_path)
    assert "1 document(s) to convert, 2 from the cache: bijlage 1 (notitie)" in log
    assert any("Slotopmerking uit het sjabloon." in text for text in page_texts(bundle))


def test_a_changed_libreoffice_option_forces_conversion(
    minimal: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    unique(minimal)
    build(minimal, tmp_path / "a")
    monkeypatch.setattr(
        convert,
        "EXPORT_FILTER",
        convert.EXPORT_FILTER.replace(
            '"ExportNotes":{"type":"boolean","value":"false"}',
            '"ExportNotes":{"type":"boolean","value":"true"}',
        ),
    )
    seen: list[besluitpak.Event] = []
    settings = besluitpak.BuildSettings(editions=("intern",))
    besluitpak.build(
        case_mod.load_case(minimal), out=tmp_path / "b", settings=settings, on_event=seen.append
    )
    [planned] = [e for e in seen if isinstance(e, events.ConversionPlanned)]
    assert len(planned.converting) == 3 and planned.cached == 0


def test_a_truncated_cache_entry_is_detected_and_rebuilt(minimal: Path, tmp_path: Path) -> None:
    kenmerk = unique(minimal)
    [first], _ = build(minimal, tmp_path / "a")
    entries = cache_entries(kenmerk)
    assert len(entries) == 3
    for entry in entries:  # a crash mid-write, or a disk error: half a file
        entry.write_bytes(entry.read_bytes()[: entry.stat().st_size // 2])
    [again], log = build(minimal, tmp_path / "b")
    assert "3 document(s) to convert, 0 from the cache" in log
    assert sha256(again) == sha256(first)


def test_a_half_written_entry_is_never_served(minimal: Path, tmp_path: Path) -> None:
    kenmerk = unique(minimal)
    build(minimal, tmp_path / "a")
    for entry in cache_entries(kenmerk):  # the record was never written: no entry
        entry.with_suffix(".json").unlink()
    [again], log = build(minimal, tmp_path / "b")
    assert "3 document(s) to convert, 0 from the cache" in log
    assert "Kaart van het proefgebied" in "".join(page_texts(again))


def test_two_builds_sharing_the_cache_at_once(minimal: Path, tmp_path: Path) -> None:
    unique(minimal)
    env = dict(os.environ)
    command = [BESLUITPAK, "build", str(minimal), "--edition", "intern", "--out"]
    runs = [
        subprocess.Popen(
            [*command, str(tmp_path / f"out-{i}")],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(2)
    ]
    results = [run.communicate(timeout=300) for run in runs]
    assert [run.returncode for run in runs] == [0, 0], results
    bundles = [Path(out.split()[0]) for out, _ in results]
    assert sha256(bundles[0]) == sha256(bundles[1])


def test_cache_clear(minimal: Path, tmp_path: Path) -> None:
    kenmerk = unique(minimal)
    (minimal / "templates" / "notitie.schema.json").write_text('{"type": "object"}')
    build(minimal, tmp_path)
    assert cache_entries(kenmerk)
    info = cli("cache", "info")
    assert "cached document(s)" in info.stdout
    assert list((cache_home() / "valid").iterdir())
    result = cli("cache", "clear")
    assert result.exit_code == 0
    assert result.stdout.startswith("removed ")
    assert cache_entries(kenmerk) == []
    assert not (cache_home() / "valid").exists()
    assert not (cache_home() / "variables").exists()
    _, again = build(minimal, tmp_path / "again")  # and everything is found out anew
    assert "3 document(s) to convert, 0 from the cache" in again


def test_only_one_bijlage_on_its_own(minimal: Path, tmp_path: Path) -> None:
    unique(minimal)
    result = cli("build", minimal, "--out", tmp_path, "--only", "notitie")
    assert result.exit_code == 0, result.output
    [single] = [Path(p) for p in result.stdout.split()]
    assert single.name.endswith("-bijlage-01-notitie.pdf")
    texts = page_texts(single)
    assert len(texts) == 1
    assert "Bijlage 1 bij collegebesluit" in texts[0] and "pagina 1 van 1" in texts[0]
    assert "Collegebesluit" not in texts[0]  # no cover, no contents
    unknown = cli("build", minimal, "--out", tmp_path, "--only", "notitje")
    assert unknown.exit_code == 1
    assert (
        "--only: expected a document id (collegevoorstel, notitie, kaart, brief), got "
        "'notitje'" in unknown.stderr
    )


def test_a_batch_of_cases_with_one_broken(minimal: Path, tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "zaken"
    for index in range(2):
        target = folder / f"zaak-{index}"
        shutil.copytree(minimal, target)
        edit(target / "besluitpak.yaml", "kenmerk: 2020/000123", f"kenmerk: 2020/00077{index}")
    shutil.copytree(minimal, folder / "zaak-kapot")
    edit(folder / "zaak-kapot" / "besluitpak.yaml", "kenmerk: 2020/000123", "kenmerk: -kapot")
    result = cli("build", folder, "--out", tmp_path / "out", "--edition", "intern")
    assert result.exit_code == 1
    assert "summary: 2 built, 1 failed" in result.stderr
    assert "failed: " in result.stderr and "zaak-kapot" in result.stderr
    assert "kenmerk: expected a kenmerk like 2014/123456" in result.stderr
    built = sorted(p.name for p in (tmp_path / "out").rglob("*.pdf"))
    assert built == [
        "collegebesluit-2020-000770-intern.pdf",
        "collegebesluit-2020-000771-intern.pdf",
    ]


def test_watch_rebuilds_on_save_and_keeps_the_last_good_bundle(
    minimal: Path, tmp_path: Path
) -> None:
    unique(minimal)
    out = tmp_path / "out"
    process = subprocess.Popen(
        [
            BESLUITPAK,
            "watch",
            str(minimal),
            "--out",
            str(out),
            "--edition",
            "intern",
            "--interval",
            "0.2",
            "--max-rebuilds",
            "2",
        ],
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ),
    )
    assert process.stderr is not None
    log: list[str] = []

    def wait_for(text: str) -> None:
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            line = process.stderr.readline()  # type: ignore[union-attr]
            log.append(line)
            if text in line:
                return
        raise AssertionError(f"{text!r} not seen in: {''.join(log)}")

    try:
        wait_for("watching")
        time.sleep(0.3)
        edit(minimal / "bijlagen" / "notitie.yaml", "waarde: € 15.000", "waarde: € 17.500")
        wait_for("rebuilt in")
        bundle = next(out.glob("*-intern.pdf"))
        assert any("€ 17.500" in text for text in page_texts(bundle))
        good = sha256(bundle)
        time.sleep(0.3)
        (minimal / "bijlagen" / "notitie.yaml").write_text("titel: [kapot\n")
        wait_for("the last good bundle is kept")
        assert any("notitie.yaml:" in line and "invalid YAML" in line for line in log)
        assert sha256(bundle) == good
        process.wait(timeout=30)
    finally:
        process.kill()
        process.communicate()  # reaped, its pipe closed: no ResourceWarning


def test_worker_profiles_skip_the_graphics_render_tests(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """LibreOffice runs its graphics render tests (~0.9 s of CPU) at every start of a profile
    that has not recorded the version it last ran as; a worker profile records it, from its
    very first start on, and LibreOffice keeps the setting when it rewrites the registry."""
    monkeypatch.setenv("BESLUITPAK_CACHE", str(tmp_path / "cache"))
    source = tmp_path / "brief.docx"
    document = Document()
    document.add_paragraph("Een korte brief.")
    document.save(str(source))
    for run in range(2):
        done = workers.convert([source], tmp_path / f"pdf-{run}", jobs=1)
        assert [text.strip() for text in page_texts(done[source])] == ["Een korte brief."]
    user = tmp_path / "cache" / "profiles" / "worker-0" / "user"
    assert not (user / "GraphicsRenderTests.log").exists()
    registry = (user / "registrymodifications.xcu").read_text(encoding="utf-8")
    assert registry.count('oor:name="ooSetupLastVersion"') == 1
    # 7.4 rewrites the registry on its first run (and keeps the setting), 25.2 leaves it
    assert f"<value>{convert._product_version()}</value>" in registry


def test_a_profile_from_an_older_libreoffice_is_brought_up_to_date(tmp_path: Path) -> None:
    registry = tmp_path / "user" / "registrymodifications.xcu"
    convert.tune_profile(tmp_path)
    text = registry.read_text(encoding="utf-8")
    registry.write_text(
        text.replace(f"<value>{convert._product_version()}</value>", "<value>6.1</value>"),
        encoding="utf-8",
    )
    convert.tune_profile(tmp_path)
    text = registry.read_text(encoding="utf-8")
    assert text.count("ooSetupLastVersion") == 1
    assert f"<value>{convert._product_version()}</value>" in text and "6.1" not in text


def _build_in_a_fresh_process(case: Path, out: Path, *extra: str) -> tuple[str, bool]:
    """Build with the real CLI in its own interpreter; its stderr and whether it loaded
    the case model (pydantic and all) to decide."""
    script = (
        "import sys\nfrom besluitpak.cli import main\n"
        "try:\n    main(sys.argv[1:])\nexcept SystemExit as e:\n    code = e.code\n"
        "print('LOADED' if 'besluitpak.casefile.case' in sys.modules else 'NOT LOADED', "
        "file=sys.stderr)\nsys.exit(code)\n"
    )
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            script,
            "build",
            str(case),
            "--out",
            str(out),
            "--edition",
            "intern",
            *extra,
        ],
        capture_output=True,
        text=True,
        check=False,
        env=os.environ.copy(),
    )
    assert done.returncode == 0, done.stderr
    return done.stderr, "NOT LOADED" not in done.stderr


def test_nothing_changed_is_known_without_loading_the_case(minimal: Path, tmp_path: Path) -> None:
    unique(minimal)
    first, _ = _build_in_a_fresh_process(minimal, tmp_path)
    assert "to convert" in first
    second, loaded = _build_in_a_fresh_process(minimal, tmp_path)
    assert "up to date" in second and not loaded
    (minimal / "templates" / "notitie.schema.json").write_text(  # appears: checked again
        '{"type": "object"}'
    )
    third, loaded = _build_in_a_fresh_process(minimal, tmp_path)
    assert "up to date" in third and loaded  # the full check: still nothing to rebuild
    fourth, loaded = _build_in_a_fresh_process(minimal, tmp_path)
    assert "up to date" in fourth and not loaded


def test_a_new_day_or_a_touched_bundle_goes_the_full_way(minimal: Path, tmp_path: Path) -> None:
    unique(minimal)
    _build_in_a_fresh_process(minimal, tmp_path, "--today", "2026-01-01")
    same_day, loaded = _build_in_a_fresh_process(minimal, tmp_path, "--today", "2026-01-01")
    assert "up to date" in same_day and not loaded
    next_day, loaded = _build_in_a_fresh_process(minimal, tmp_path, "--today", "2026-01-02")
    assert "up to date" in next_day and loaded  # an embargo may have ended overnight
    [bundle] = tmp_path.glob("*-intern.pdf")
    bundle.write_bytes(bundle.read_bytes() + b"\n% touched")
    touched, _ = _build_in_a_fresh_process(minimal, tmp_path, "--today", "2026-01-02")
    assert "up to date" not in touched and "assemble" in touched


def test_a_data_file_edited_is_never_missed(minimal: Path, tmp_path: Path) -> None:
    kenmerk = unique(minimal)
    _build_in_a_fresh_process(minimal, tmp_path)
    edit(
        minimal / "bijlagen" / "notitie.yaml",
        f"De proef ({kenmerk}) loopt",
        f"De proef ({kenmerk}) liep",
    )
    again, _ = _build_in_a_fresh_process(minimal, tmp_path)
    assert "up to date" not in again
    assert "1 document(s) to convert" in again
    [bundle] = tmp_path.glob("*-intern.pdf")
    assert any(f"De proef ({kenmerk}) liep" in text for text in page_texts(bundle))


def test_the_intern_bundle_is_the_same_after_the_public_edition_filled_the_cache(
    minimal: Path, tmp_path: Path
) -> None:
    """A generated document whose values are the same in both editions is converted once
    for both. Which rendering that was depended on which edition was built first: after a
    public build the intern bundle's tags carried the public copy's style names ('Stijl
    23'), and an archive's rebuild gave other bytes. It is always the allow-listed one."""
    unique(minimal)
    public = cli("build", minimal, "--out", tmp_path / "pub", "--edition", "openbaar")
    assert public.exit_code == 0, public.output
    [bundle], log = build(minimal, tmp_path / "a")
    assert "from the cache" in log and "0 from the cache" not in log
    [clean], _ = build(minimal, tmp_path / "clean", "--no-cache")
    assert sha256(bundle) == sha256(clean)
