"""Dutch on the page, English on the command line: every message code of the library's
catalogue (besluitpak/codes.py) has a Dutch text in the page's translation catalogue and
renders without an English word; the case page, a failed job and a refused upload say the
library's located errors in Dutch (the CLI's English stays in the job's record); dates read
"25 maart 2014"; a bad request gets a Dutch page."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from django.test import Client
from django.utils import timezone

from besluitpak import events
from besluitpak.codes import CODES
from besluitpak.errors import ConversionError
from besluitpak.publication import guard, refusals
from besluitpak.web import jobs, wording
from besluitpak.web import progress as jobs_progress
from besluitpak.web.models import Job
from besluitpak.web.templatetags.besluitpak_nl import datum, job_message, moment
from tests.helpers import ROOT
from tests.web.workspaces import add_meeting

PO = ROOT / "besluitpak" / "web" / "locale" / "nl" / "LC_MESSAGES" / "django.po"
ENGLISH = {
    "a", "an", "the", "and", "at", "be", "bomb", "characters", "convert", "could", "did",
    "empty", "error", "expected", "failed", "file", "form", "got", "internal", "item", "key",
    "least", "like", "list", "mapping", "mean", "missing", "most", "must", "not", "nothing",
    "number", "one", "required", "should", "text", "than", "to", "unknown", "upload", "value",
    "with", "you", "or",
}  # fmt: skip
"""Words that are English and not Dutch ("of", "is", "in" are both; so is "zip")."""

SAMPLES = {
    "key": "kenmerk",
    "allowed": "kenmerk, onderwerp, afdeling",
    "hint": "onderwerp",
    "kinds": "str,dict[str,any]",
    "got": "text '2014 123'",
    "got_kind": "text",
    "got_value": "2014 123",
    "written": "0392",
    "options": "conform, gewijzigd, aangehouden",
    "max": "300",
    "count": "2",
    "found": "3",
    "names": "notitie.docx",
    "reason": "",
    "limit": "25,0 MB",
    "size": "31,0 MB",
    "unpacked": "2100,0 MB",
    "ident": "kaart",
    "reserved": "nieuw, archief",
    "name": "proef",
    "offset": "12",
    "what": "tab",
    "vergadering": "2014-03-11",
    "embargo": "2013-01-01",
    "char": "U+000B",
    "position": "10",
    "chars": "中 (U+4E2D)",
    "paginas": "4-3",
    "meant": "3-4",
    "known": "5.1.1c, 5.1.2e",
    "ground": "5.9",
    "missing": "data",
    "uitkomst": "conform",
    "document": "Collegevoorstel: Proef met besluitpak",
    "page": "1",
    "channel": "bookmark",
    "passage": "Grote Markt 2, 2011 RD Haarlem",
    "where": "bijlagen/brief.docx (bijlage 3, brief)",
    "path": "bijlagen/kaart.pdf",
    "file": "archief/2020-000123/v001/intern.pdf",
    "listed": "1234",
    "insertions": "2",
    "deletions": "4",
    "moves": "0",
    "formatting": "1",
    "comments": "1",
    "seconds": "300",
    "version": "archief/2020-000123/v001",
    "cases": "4",
    "manifest": "manifest.json",
    "seal": "manifest.sha256",
    "previous": "v001",
    "field": "omvang",
    "value": "1234",
    "expected": "v001",
    "kenmerk": "2020/000123",
    "template": "collegevoorstel.docx",
    "near": "Datum: {{ datum|datum_lang }}",
    "signer": "Gemeente Proefdorp",
    "time": "2026-12-07 20:08:25 UTC",
    "level": "PAdES B-LTA",
    "wat": "paraaf",
    "label": "in advies",
    "als": "juridisch",
    "held": "teammanager Wijken",
    "soort": "advies",
    "wie": "financiën",
    "stap": "Advies juridisch en financiën",
    "asked": "juridisch, financiën",
    "voor": "afdelingshoofd",
    "oordeel": "misschien",
    "door": "P. Tester",
    "case": "proef",
    "nr": "3",
    "woorden": "Huize Zonnehoek",
    "functie": "concerncontroller",
}
"""A value for each parameter a code names (none of them English)."""

GOT_KINDS = ("nothing", "bool", "number", "text", "list", "empty-list", "mapping",
             "empty-mapping", "date", "other")  # fmt: skip


def _english(text: str) -> set[str]:
    return set(re.findall(r"[a-z]+", text.lower())) & ENGLISH


def test_the_translation_catalogue_holds_exactly_the_codes_of_the_library() -> None:
    written = set(re.findall(r'^msgid "([^"]+)"$', PO.read_text(encoding="utf-8"), re.M))
    assert written == set(CODES)


@pytest.mark.parametrize("code", sorted(CODES))
def test_every_code_renders_in_dutch_without_an_english_word(code: str) -> None:
    params = {name: SAMPLES[name] for name in CODES[code]}
    shown = wording.say(code, params, "NOT TRANSLATED")
    assert shown != "NOT TRANSLATED"
    assert not re.search(r"\{[a-z_]*\}", shown), shown  # every placeholder filled
    assert _english(shown) == set(), shown
    for kind in GOT_KINDS if "got_kind" in params else ():
        value = {"date": "2014-03-25", "bool": "true", "number": "12.5"}.get(kind, "x")
        again = wording.say(code, {**params, "got_kind": kind, "got_value": value}, "")
        assert _english(again) == set(), again


def test_a_date_is_written_out_in_dutch() -> None:
    assert datum("2014-03-25") == "25 maart 2014"
    got = wording.say("expected-date", {"got_kind": "date", "got_value": "2014-03-25"}, "")
    assert got.endswith("maar hier staat de datum 25 maart 2014")


def test_a_moment_is_written_out_in_dutch_in_the_page_s_time_zone() -> None:
    """The publication page's changes showed ``2026-12-08T03:28:36+00:00`` under a heading
    that said ``8 december 2026 04:28`` for the same moment."""
    from django.utils import translation

    with translation.override("nl"):
        assert moment("2026-12-08T03:28:36+00:00") == "8 december 2026 04:28"
        assert moment("2026-07-01T10:00:00+00:00") == "1 juli 2026 12:00"  # summer time
    assert moment("nooit") == "nooit"


def test_the_case_page_shows_the_case_file_s_problems_in_dutch(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    case_file = workspace / "proef" / "besluitpak.yaml"
    text = case_file.read_text(encoding="utf-8")
    text = text.replace("kenmerk: 2020/000123", "kenmerk: 2014 123")
    text = text.replace("afdeling: Proefafdeling\n", "afdeling: Proefafdeling\nafdelnig: x\n")
    case_file.write_text(text, encoding="utf-8")
    page = client_as("secretariaat").get("/zaken/proef/").content.decode()
    assert "verwacht een kenmerk zoals 2014/123456" in page
    assert "maar hier staat de tekst ‘2014 123’" in page
    assert "onbekende sleutel ‘afdelnig’; bedoelt u ‘afdeling’?" in page
    assert "expected" not in page and "unknown key" not in page


def test_a_failed_build_says_why_in_dutch_and_keeps_the_cli_words_in_its_record(
    client_as: Callable[[str], Client], workspace: Path, users: dict[str, object]
) -> None:
    case_file = workspace / "proef" / "besluitpak.yaml"
    text = case_file.read_text(encoding="utf-8")
    case_file.write_text(text.replace("kenmerk: 2020/000123", "kenmerk: 2014 123"), "utf-8")
    job = jobs.request("proef", Job.Kind.BUILD, user=users["secretariaat"])
    jobs.execute(job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert "expected a kenmerk like 2014/123456" in job.message  # the CLI's words, recorded
    answer = client_as("secretariaat").get("/zaken/proef/taak/").content.decode()
    assert "De invoer heeft 1 probleem of problemen" in answer
    assert "proef/besluitpak.yaml:5: kenmerk: verwacht een kenmerk zoals" in answer
    assert "expected" not in answer and str(workspace) not in answer


def test_an_internal_error_and_a_failed_conversion_are_said_in_dutch(
    workspace: Path, settings: object
) -> None:
    failed = ConversionError(
        f"LibreOffice could not convert notitie.docx: exit status 81 in {workspace}/x",
        failed=(workspace / "proef" / "templates" / "notitie.docx",),
        reason=f"exit status 81 in {workspace}/x",
    )
    job = Job(status="failed", message=str(failed), result=jobs_progress.wording_of(failed))
    shown = job_message(job)
    assert shown == "LibreOffice kon notitie.docx niet omzetten naar PDF. LibreOffice meldde: " \
        "exit status 81 in x"  # fmt: skip
    late = ConversionError(
        "LibreOffice could not convert notitie.docx: timed out after 300 s",
        failed=(workspace / "proef" / "templates" / "notitie.docx",),
        reason="timed out after 300 s",
    )
    job = Job(status="failed", message=str(late), result=jobs_progress.wording_of(late))
    assert job_message(job).startswith("LibreOffice kon notitie.docx niet binnen 300 seconden")
    broken = Job(
        status="failed",
        finished=timezone.now(),
        message="internal error: KeyError 'x'",
        result={"error": {"code": "internal-error", "params": {}}},
    )
    assert job_message(broken).startswith("Er ging iets mis in besluitpak zelf")


def test_a_bad_request_gets_a_dutch_page(client_as: Callable[[str], Client]) -> None:
    response = client_as("secretariaat").get("/", headers={"Host": "niet-deze-server"})
    assert response.status_code == 400
    page = response.content.decode()
    assert '<html lang="nl">' in page and "Verzoek niet begrepen" in page
    assert "Bad Request" not in page


def test_a_case_file_that_is_no_yaml_is_said_in_dutch_on_its_page(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    case_file = workspace / "proef" / "besluitpak.yaml"
    case_file.write_text("kenmerk: [\nonderwerp: Proef\n", encoding="utf-8")
    page = client_as("secretariaat").get("/zaken/proef/").content.decode()
    assert "besluitpak.yaml:3: ongeldige YAML (" in page
    assert "invalid YAML" not in page


def _case_file(workspace: Path, old: str, new: str) -> None:
    case_file = workspace / "proef" / "besluitpak.yaml"
    text = case_file.read_text(encoding="utf-8")
    assert old in text
    case_file.write_text(text.replace(old, new), encoding="utf-8")


def test_an_embargo_before_the_meeting_is_said_in_dutch_with_written_out_dates(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    _case_file(workspace, "collegevergadering: 2020-06-02\n", "collegevergadering: 2020-06-02\n"
               "embargo_tot: 2019-01-01\n")  # fmt: skip
    page = client_as("secretariaat").get("/zaken/proef/").content.decode()
    assert "verwacht een datum op of na de collegevergadering (2 juni 2020), maar hier staat " \
        "1 januari 2019" in page  # fmt: skip
    assert "expected" not in page and "(2020-06-02)" not in page
    assert not re.search(r"besluitpak\.yaml:\d+\)", page)  # no file:line beside the field


def test_a_control_character_is_said_in_dutch(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    _case_file(workspace, "onderwerp: Proef met besluitpak", 'onderwerp: "Proef met\\vbesluitpak"')
    page = client_as("secretariaat").get("/zaken/proef/").content.decode()
    assert "verwacht tekst zonder stuurtekens, maar hier staat het stuurteken U+000B op " \
        "positie 10" in page  # fmt: skip
    assert "control characters" not in page


@pytest.mark.parametrize(
    ("old", "new", "dutch"),
    [
        (
            "    bestand: bijlagen/kaart.pdf\n",
            "    bestand: bijlagen/kaart.pdf\n    lakken:\n      - {paginas: 2-1, grond: 5.1.2e}\n",
            "verwacht elk bereik van laag naar hoog, zoals 1-2, maar hier staat ‘2-1’",
        ),
        (
            "    bestand: bijlagen/kaart.pdf\n",
            "    bestand: bijlagen/kaart.pdf\n    openbaar: false\n",
            "een bijlage die niet openbaar is heeft een Woo-grond nodig",
        ),
        (
            "    bestand: bijlagen/kaart.pdf\n",
            "    bestand: bijlagen/kaart.pdf\n    lakken:\n      - {paginas: 1, grond: art9}\n",
            "verwacht een Woo-grond (5.1.1a, ",
        ),
        (
            "    data: bijlagen/notitie.yaml\n",
            "    data: bijlagen/notitie.yaml\n    bestand: bijlagen/kaart.pdf\n",
            "verwacht óf een sjabloon met gegevens, óf een kant-en-klaar bestand",
        ),
    ],
)
def test_a_bijlage_refused_by_the_models_own_checks_is_said_in_dutch(
    client_as: Callable[[str], Client], workspace: Path, old: str, new: str, dutch: str
) -> None:
    _case_file(workspace, old, new)
    page = client_as("secretariaat").get("/zaken/proef/").content.decode()
    assert dutch in page
    assert "expected" not in page


def test_a_guard_warning_of_a_build_is_shown_in_dutch_naming_the_document_by_title() -> None:
    found = guard.Found(
        where="collegevoorstel, page 1",
        what="adres",
        passage="Meer informatie: Grote Markt 2, 2011 RD Haarlem",
        steller=False,
        document="collegevoorstel",
        page=1,
        channel="content",
    )
    said = refusals.warning(found, {"collegevoorstel": "Collegevoorstel: Proef met besluitpak"})
    assert said.startswith("personal data in the public edition, collegevoorstel, page 1: adres")
    job = Job(status="running")
    progress = jobs_progress.Progress(job)
    progress.write = lambda *, force=False: None  # type: ignore[method-assign]
    progress(events.BuildWarning(message=said, kenmerk="2020/000123"))
    assert progress.state["warnings"] == [
        "Persoonsgegeven in de openbare editie, Collegevoorstel: Proef met besluitpak, pagina 1: "
        "adres in „Meer informatie: Grote Markt 2, 2011 RD Haarlem”; publiceren weigert dit tot "
        "het gelakt is of toegestaan (Publicatie › Persoonsgegeven toestaan)"
    ]


def test_a_document_that_cannot_be_read_fails_the_build_in_dutch_without_the_parsers_words(
    client_as: Callable[[str], Client], workspace: Path, users: dict[str, object]
) -> None:
    import zipfile

    brief = workspace / "proef" / "bijlagen" / "brief.docx"
    with zipfile.ZipFile(brief) as z:
        parts = {name: z.read(name) for name in z.namelist()}
    parts["word/document.xml"] = b"<w:document>kapot"
    with zipfile.ZipFile(brief, "w") as z:
        for name, data in parts.items():
            z.writestr(name, data)
    job = jobs.request("proef", Job.Kind.BUILD, user=users["secretariaat"])
    jobs.execute(job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert "cannot read this document" in job.message  # the CLI's words, recorded
    answer = client_as("secretariaat").get("/zaken/proef/taak/").content.decode()
    assert "bijlagen/brief.docx (bijlage 3, brief): dit document is niet te lezen" in answer
    assert "cannot read" not in answer and "Namespace" not in answer
    assert "&lt;string&gt;" not in answer


@pytest.mark.libreoffice
def test_a_real_build_warns_of_personal_data_in_dutch_on_the_case_page(
    client_as: Callable[[str], Client], workspace: Path, users: dict[str, object]
) -> None:
    _case_file(
        workspace,
        "      - Een korte toelichting bij de proef.",
        "      - Meer informatie bij de wijkraad, Grote Markt 2, 2011 RD Haarlem.",
    )
    job = jobs.request("proef", Job.Kind.BUILD, user=users["secretariaat"])
    jobs.execute(job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.DONE, job.message
    page = client_as("secretariaat").get("/zaken/proef/taak/").content.decode()
    assert "Persoonsgegeven in de openbare editie, Collegevoorstel: Proef met besluitpak, " \
        "pagina " in page  # fmt: skip
    assert ": adres in „" in page and "Grote Markt 2, 2011 RD Haarlem" in page
    assert "(Publicatie › Persoonsgegeven toestaan)" in page
    assert "personal data" not in page and "publish refuses" not in page


def test_a_new_bijlage_whose_file_exists_already_is_refused_in_dutch(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    pdf = (workspace / "gebied" / "bijlagen" / "kaart.pdf").read_bytes()
    (workspace / "gebied" / "bijlagen" / "plattegrond.pdf").write_bytes(pdf)
    response = client_as("secretariaat").post(
        "/zaken/gebied/bijlagen/nieuw/",
        {
            "kant-en-klaar-id": "plattegrond",
            "kant-en-klaar-titel": "Plattegrond",
            "bron": "bestand",
            "kant-en-klaar-bestand": SimpleUploadedFile("plattegrond.pdf", pdf),
        },
    )
    page = response.content.decode()
    assert "het bestand bijlagen/plattegrond.pdf bestaat al; kies een ander id" in page
    assert "expected a new file" not in page


def test_a_damaged_pdf_upload_is_said_without_the_pdf_library_s_words() -> None:
    reason = "stream <_io.BytesIO object at 0x7f>: unable to find trailer dictionary"
    shown = wording.say("upload-bad-pdf", {"reason": reason}, "")
    assert shown.startswith("dit bestand begint als een PDF maar is niet te lezen")
    assert "BytesIO" not in shown and "trailer" not in shown


@pytest.mark.libreoffice
def test_an_archived_version_changed_afterwards_is_reported_in_dutch_by_verify(
    client_as: Callable[[str], Client], workspace: Path, users: dict[str, object]
) -> None:
    import json

    import besluitpak

    case_file = workspace / "proef" / "besluitpak.yaml"
    besluitpak.archive(besluitpak.load_case(case_file), archief=workspace / "archief")
    version = workspace / "archief" / "2020-000123" / "v001"
    listed = json.loads((version / "manifest.json").read_text(encoding="utf-8"))["files"]
    changed = next(e["path"] for e in listed if e["path"].endswith(".pdf"))
    data = bytearray((version / changed).read_bytes())
    data[-20] ^= 1  # the same size, other bytes
    (version / changed).write_bytes(bytes(data))
    (version / "extra.txt").write_text("later toegevoegd", encoding="utf-8")
    job = jobs.request("proef", Job.Kind.VERIFY, user=users["archivaris"])
    jobs.execute(job.pk)
    page = client_as("archivaris").get("/zaken/proef/archief/").content.decode()
    assert "Integriteit: problemen gevonden" in page
    assert f"archief/2020-000123/v001/{changed}: het controlegetal klopt niet met het " \
        "manifest (het bestand is veranderd)" in page  # fmt: skip
    assert "archief/2020-000123/v001/extra.txt: staat niet in het manifest" in page
    assert "checksum does not match" not in page and "not listed" not in page
    assert str(workspace) not in page
    manifest = version / "manifest.json"
    manifest.write_bytes(manifest.read_bytes() + b"\n")  # the manifest changed after sealing
    job = jobs.request("proef", Job.Kind.VERIFY, user=users["archivaris"])
    jobs.execute(job.pk)
    page = client_as("archivaris").get("/zaken/proef/archief/").content.decode()
    assert "archief/2020-000123/v001/manifest.json: komt niet overeen met zijn zegel" in page
    assert "does not match its seal" not in page


@pytest.mark.parametrize(
    ("name", "data", "dutch"),
    [
        ("kaart.pdf", b"<html>niet gevonden</html>", "kaart): verwacht een PDF, maar dit "),
        ("kaart.pdf", b"", "kaart): het bestand is leeg (0 bytes)"),
        ("brief.docx", b"geen zip", "brief): verwacht een Word-document (.docx), maar dit "),
    ],
    ids=["html-as-pdf", "empty-pdf", "text-as-docx"],
)
def test_a_ready_made_file_that_is_not_what_it_says_fails_the_build_in_dutch(
    client_as: Callable[[str], Client],
    workspace: Path,
    users: dict[str, object],
    name: str,
    data: bytes,
    dutch: str,
) -> None:
    (workspace / "proef" / "bijlagen" / name).write_bytes(data)
    job = jobs.request("proef", Job.Kind.BUILD, user=users["secretariaat"])
    jobs.execute(job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    answer = client_as("secretariaat").get("/zaken/proef/taak/").content.decode()
    assert dutch in answer, job.message
    assert "expected" not in answer and "the file is empty" not in answer


def test_a_ready_made_document_with_tracked_changes_is_refused_in_dutch_with_the_counts(
    client_as: Callable[[str], Client], workspace: Path, users: dict[str, object]
) -> None:
    tracked = ROOT / "tests" / "corpus" / "word" / "tracked-changes.docx"
    (workspace / "proef" / "bijlagen" / "brief.docx").write_bytes(tracked.read_bytes())
    job = jobs.request("proef", Job.Kind.BUILD, user=users["secretariaat"])
    jobs.execute(job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert "expected a document without tracked changes" in job.message  # the CLI's words
    answer = client_as("secretariaat").get("/zaken/proef/taak/").content.decode()
    assert "verwacht een document zonder bijgehouden wijzigingen, maar het bevat" in answer
    assert "2 invoegingen, 4 verwijderingen, 1 verplaatsing en 1 opmaakwijziging" in answer
    assert "‘wijzigingen: aanvaarden’" in answer
    assert "expected" not in answer and "insertions" not in answer
    assert str(workspace) not in answer


def test_a_template_that_asks_for_a_value_the_data_lacks_fails_the_build_in_dutch(
    client_as: Callable[[str], Client], workspace: Path, users: dict[str, object]
) -> None:
    from docx import Document

    template = workspace / "proef" / "templates" / "notitie.docx"
    made = Document(str(template))
    made.add_paragraph("Bron: {{ bron }}")
    made.save(str(template))
    job = jobs.request("proef", Job.Kind.BUILD, user=users["secretariaat"])
    jobs.execute(job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert "undefined variable while rendering" in job.message  # the CLI's words, recorded
    answer = client_as("secretariaat").get("/zaken/proef/taak/").content.decode()
    assert "sjabloon notitie.docx: het sjabloon gebruikt het gegeven ‘bron’, dat er" in answer
    assert "undefined" not in answer
    assert str(workspace) not in answer


def test_a_template_with_a_syntax_error_fails_the_build_in_dutch(
    client_as: Callable[[str], Client], workspace: Path, users: dict[str, object]
) -> None:
    from docx import Document

    template = workspace / "proef" / "templates" / "notitie.docx"
    made = Document(str(template))
    made.add_paragraph("{{ titel }")
    made.save(str(template))
    job = jobs.request("proef", Job.Kind.BUILD, user=users["secretariaat"])
    jobs.execute(job.pk)
    job.refresh_from_db()
    assert job.status == Job.Status.FAILED
    assert "template syntax error" in job.message  # the CLI's words, recorded
    answer = client_as("secretariaat").get("/zaken/proef/taak/").content.decode()
    assert "sjabloon notitie.docx: een veld of blok tussen" in answer
    assert "syntax error" not in answer and str(workspace) not in answer


def test_the_case_page_locates_a_problem_relative_to_the_workspace(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    case_file = workspace / "proef" / "besluitpak.yaml"
    text = case_file.read_text(encoding="utf-8")
    case_file.write_text(text.replace("afdeling: Proefafdeling\n", "afdelnig: x\n"), "utf-8")
    page = client_as("secretariaat").get("/zaken/proef/").content.decode()
    assert re.search(r"proef/besluitpak\.yaml:\d+: afdelnig: onbekende sleutel", page)
    assert str(workspace) not in page


@pytest.mark.parametrize(
    ("missing", "said"),
    [(("../gebied",), "1 probleem;"), (("../gebied", "../proef"), "2 problemen;")],
)
def test_the_meeting_page_counts_its_problems_in_dutch(
    client_as: Callable[[str], Client], workspace: Path, missing: tuple[str, ...], said: str
) -> None:
    meeting = add_meeting(workspace)
    text = meeting.read_text(encoding="utf-8")
    for n, case in enumerate(missing):
        text = text.replace(case, f"../bestaat-niet-{n}")
    meeting.write_text(text, encoding="utf-8")
    page = client_as("secretariaat").get("/vergaderingen/2026-50/").content.decode()
    assert f"Deze vergadering heeft {said}" in page
    assert "probleemen" not in page and "2 agendapunten" in page


def test_no_template_counts_with_django_s_english_plural_suffix() -> None:
    """Dutch plurals are no suffix (probleem, problemen): every count is said with
    ``aantal`` and both forms written out."""
    templates = ROOT / "besluitpak" / "web" / "templates"
    assert not [p.name for p in templates.rglob("*.html") if "pluralize" in p.read_text()]


def test_a_document_s_data_page_locates_the_case_s_problems_in_the_case_folder(
    client_as: Callable[[str], Client], workspace: Path
) -> None:
    case_file = workspace / "gebied" / "besluitpak.yaml"
    text = case_file.read_text(encoding="utf-8")
    case_file.write_text(text.replace("afdeling:", "afdelnig:", 1), encoding="utf-8")
    page = client_as("secretariaat").get("/zaken/gebied/documenten/opgave-centrum/")
    shown = page.content.decode()
    assert re.search(r">besluitpak\.yaml:\d+: afdelnig: onbekende sleutel", shown)
    assert str(workspace) not in shown
