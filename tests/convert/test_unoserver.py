"""Conversion on unoserver instances (started here, as ``unoserver --interface 127.0.0.1
--port P``): the same bundles as the local workers, the fingerprint naming the servers'
LibreOffice, fail-over past a dead or silent server, and a clear error when none answers."""

from __future__ import annotations

import contextlib
import re
import shutil
import socket
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import pikepdf
import pytest
from pypdf import PdfReader

from besluitpak.convert import backend, unoclient, unoserver
from besluitpak.errors import ConversionError
from tests.helpers import BESLUITPAK, MINIMAL
from tests.load import services

pytestmark = [pytest.mark.libreoffice, pytest.mark.unoserver]


@pytest.fixture(scope="module")
def pool(tmp_path_factory: pytest.TempPathFactory) -> Iterator[services.Unoservers]:
    with services.unoservers(tmp_path_factory.mktemp("unoservers"), 2) as running:
        yield running


@pytest.fixture
def document(tmp_path: Path) -> Path:
    import docx

    made = docx.Document()
    made.add_heading("Besluit", 1)
    made.add_paragraph("Het college besluit de notitie vast te stellen.")
    path = tmp_path / "src" / "besluit.docx"
    path.parent.mkdir()
    made.save(str(path))
    return path


@contextlib.contextmanager
def silent_server() -> Iterator[int]:
    """A port that accepts connections and never answers (a hung LibreOffice)."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        yield int(listener.getsockname()[1])


def _tags(pdf: Path) -> list[str]:
    """The structure tree's element types, depth first."""
    found: list[str] = []
    with pikepdf.open(pdf) as document:

        def walk(node: object) -> None:
            if isinstance(node, pikepdf.Dictionary):
                if "/S" in node:
                    found.append(str(node.S))
                kids = node.get("/K")
                if kids is not None:
                    walk(kids)
            elif isinstance(node, pikepdf.Array):
                for kid in node:
                    walk(kid)

        walk(document.Root.StructTreeRoot)
    return found


def _build(case: Path, out: Path, *converter: str) -> list[Path]:
    result = subprocess.run(
        [BESLUITPAK, "build", str(case), "--out", str(out), "--no-cache", *converter],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return sorted(out.glob("*.pdf"))


def test_a_case_built_on_unoserver_has_the_text_and_structure_of_a_local_build(
    pool: services.Unoservers, tmp_path: Path
) -> None:
    case = tmp_path / "proef"
    shutil.copytree(MINIMAL, case)
    local = _build(case, tmp_path / "local")
    remote = _build(case, tmp_path / "remote", "--converter", pool.spec)
    assert [p.name for p in remote] == [p.name for p in local]
    for ours, theirs in zip(remote, local, strict=True):
        ours_text = [page.extract_text() for page in PdfReader(ours).pages]
        assert ours_text == [page.extract_text() for page in PdfReader(theirs).pages]
        assert _tags(ours) == _tags(theirs)
        with pikepdf.open(ours) as document:
            producer = str(document.open_metadata().get("pdf:Producer"))
        assert "(unoserver)" in producer, producer


def test_the_fingerprint_names_the_libreoffice_of_the_servers(
    pool: services.Unoservers,
) -> None:
    info = unoclient.Server("127.0.0.1", pool.services[0].port).info()
    identity = backend.choose(pool.spec).identity
    assert identity["libreoffice"] == f"LibreOffice {info['libreoffice_version']} (unoserver)"
    local = backend.choose("local").identity
    assert identity["filter"] == local["filter"]
    assert identity != local  # the cache never mixes their PDFs


def test_the_filter_options_are_the_local_export_filter() -> None:
    assert unoclient.filter_options() == [
        "SelectPdfVersion=2",
        "UseTaggedPDF=true",
        "PDFUACompliance=true",
        "ExportBookmarks=true",
        "ExportNotes=false",
        "ExportFormFields=false",
    ]


def test_a_dead_server_is_passed_over(
    pool: services.Unoservers, document: Path, tmp_path: Path
) -> None:
    dead = unoclient.free_port()
    live = pool.services[1].port
    converter = backend.parse(f"unoserver://127.0.0.1:{dead},127.0.0.1:{live}")
    pdfs = converter.start([document], tmp_path / "pdf", jobs=None, timeout=60).finish()
    assert pdfs[document].read_bytes().startswith(b"%PDF-")


def test_a_server_that_does_not_answer_in_time_gives_its_document_to_the_next(
    pool: services.Unoservers, document: Path, tmp_path: Path
) -> None:
    with silent_server() as silent:
        spec = f"unoserver://127.0.0.1:{silent},127.0.0.1:{pool.services[0].port}?timeout=2"
        pool_of_two = unoserver.Pool.from_spec(spec)
        assert pool_of_two.document_timeout == 2
        # the silent one answers no health check either: it is left out from the start
        begin = time.monotonic()
        pdfs = pool_of_two.start([document], tmp_path / "pdf", jobs=None, timeout=60).finish()
        assert time.monotonic() - begin < 15
    assert pdfs[document].stat().st_size > 0


def test_a_document_that_times_out_on_every_server_fails_with_the_reason(
    document: Path, tmp_path: Path
) -> None:
    with silent_server() as silent:
        server = unoclient.Server("127.0.0.1", silent)
        with pytest.raises(unoclient.ServerDown, match=r"no PDF within 1 s"):
            server.convert(document.read_bytes(), timeout=1)


def test_no_server_answering_is_a_clear_error(document: Path, tmp_path: Path) -> None:
    dead = unoclient.free_port()
    spec = f"unoserver://127.0.0.1:{dead}"
    with pytest.raises(ConversionError, match=rf"no unoserver answered \(127.0.0.1:{dead}"):
        backend.choose(spec)  # before any work
    with pytest.raises(ConversionError, match="no unoserver answered"):
        backend.parse(spec).start([document], tmp_path / "pdf", jobs=None, timeout=10).finish()


def test_a_converter_spec_that_is_not_one_says_what_is_expected() -> None:
    with pytest.raises(ConversionError, match=r"expected local or unoserver://"):
        backend.parse("gotenberg://127.0.0.1:3000")
    with pytest.raises(ConversionError, match=r"expected HOST:PORT for each server"):
        backend.parse("unoserver://127.0.0.1")
    assert backend.parse("") is backend.LOCAL


def test_the_cli_refuses_a_bad_converter_before_any_work(tmp_path: Path) -> None:
    result = subprocess.run(
        [BESLUITPAK, "build", str(MINIMAL), "--out", str(tmp_path), "--converter", "x://"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 2
    assert re.search(r"--converter.*expected local or unoserver://", result.stderr)
    assert not list(tmp_path.iterdir())


def test_build_settings_choose_the_pool_for_callers_of_the_api(
    pool: services.Unoservers, tmp_path: Path
) -> None:
    import besluitpak

    case = Path(shutil.copytree(MINIMAL, tmp_path / "case"))
    settings = besluitpak.BuildSettings(editions=("intern",), converter=pool.spec, use_cache=False)
    built = besluitpak.build(besluitpak.load_case(case), out=tmp_path / "out", settings=settings)
    with pikepdf.open(built.files[0]) as pdf:
        assert "(unoserver)" in str(pdf.open_metadata().get("pdf:Producer"))
    assert backend.choose().spec == "local"  # the setting chose the pool for that build only
