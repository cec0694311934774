"""Stage 6: the versioned archive an archivist can trust.

Each archived version is a folder ``archief/<kenmerk>/vNNN/`` holding the editions, a
snapshot of every input (``invoer/``), MDTO 1.0.1 records (``mdto/``) and a manifest with
the SHA-256 and size of every file, the tool versions and the build options. A version is
written in a hidden folder and renamed into place under a lock, then made read-only: an
interrupted run leaves no half version, two runs never take the same number, and nothing
is ever overwritten.
"""

from __future__ import annotations

import datetime as dt
import difflib
import fcntl
import getpass
import hashlib
import json
import os
import platform
import re
import shutil
import socket
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from importlib import metadata, resources
from pathlib import Path
from typing import Any

from besluitpak import __version__, convert, pipeline
from besluitpak.case import Case, load_case
from besluitpak.errors import BesluitpakError
from besluitpak.files import sha256
from besluitpak.publish import EDITIONS, plan_edition

MDTO_NS = "https://www.nationaalarchief.nl/mdto"
MANIFEST = "manifest.json"
SNAPSHOT = "invoer"
PRONOM = {"A": ("fmt/476", "Acrobat PDF/A - Portable Document Format 2a"),
          "U": ("fmt/478", "Acrobat PDF/A - Portable Document Format 2u"),
          "B": ("fmt/477", "Acrobat PDF/A - Portable Document Format 2b")}
LIBRARIES = ("pikepdf", "pypdf", "docxtpl", "python-docx", "reportlab", "lxml", "pydantic",
             "Jinja2", "PyYAML", "fonttools")
VERSION_NAME = re.compile(r"^v(\d{3,})$")


class ArchiveError(BesluitpakError):
    """Raised when an archive folder is missing, locked elsewhere or cannot be written."""


def kenmerk_folder(archief: Path, kenmerk: str) -> Path:
    return archief / pipeline.safe_kenmerk(kenmerk)


def versions(folder: Path) -> list[Path]:
    """The finished versions in a kenmerk's folder, oldest first (hidden work is ignored)."""
    if not folder.is_dir():
        return []
    found = [p for p in folder.iterdir() if p.is_dir() and VERSION_NAME.match(p.name)]
    return sorted(found, key=lambda p: int(p.name[1:]))


def read_manifest(version: Path) -> dict[str, Any]:
    try:
        loaded: dict[str, Any] = json.loads((version / MANIFEST).read_text(encoding="utf-8"))
        return loaded
    except (OSError, ValueError) as e:
        raise ArchiveError(f"{version / MANIFEST}: cannot read the manifest: {e}") from e


@dataclass(frozen=True, kw_only=True)
class Archived:
    """The result of ``archive``: the version folder, and whether it is new."""

    version: Path
    new: bool


def _fingerprint(case: Case, today: dt.date) -> dict[str, Any]:
    """What decides a version's content: the inputs' bytes and what each edition holds."""
    plans = [plan_edition(case, name, today=today) for name in EDITIONS]
    return {
        "inputs": {_relative(case, p): sha256(p) for p in sorted(case.inputs)},
        "editions": [{"name": p.name, "embargo": str(p.embargo),
                      "withheld": [d.id for d in p.withheld]} for p in plans],
        "besluitpak": __version__, "libreoffice": convert.version(),
    }


def _relative(case: Case, path: Path) -> str:
    return path.resolve().relative_to(case.root).as_posix()


def archive(case: Case, *, archief: Path, today: dt.date | None = None,
            jobs: int | None = None, progress: pipeline.Progress = pipeline._quiet) -> Archived:
    """Store the case's editions as its next version, unless the latest is identical."""
    today = today or dt.date.today()
    folder = kenmerk_folder(archief, case.meta.kenmerk)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise ArchiveError(f"{folder}: cannot create the archive folder: {e.strerror}") from e
    fingerprint = _fingerprint(case, today)
    existing = versions(folder)
    if existing and read_manifest(existing[-1]).get("fingerprint") == fingerprint:
        return Archived(version=existing[-1], new=False)

    staging = folder / f".tmp-{uuid.uuid4().hex}"
    try:
        _write_version(case, staging, today=today, jobs=jobs, progress=progress,
                       fingerprint=fingerprint)
        with _lock(folder):
            _clean_leftovers(folder, keep=staging)
            existing = versions(folder)
            if existing and read_manifest(existing[-1]).get("fingerprint") == fingerprint:
                return Archived(version=existing[-1], new=False)  # another run was first
            number = int(existing[-1].name[1:]) + 1 if existing else 1
            target = folder / f"v{number:03d}"
            _chain(staging, existing[-1] if existing else None, number)
            _freeze(staging)
            os.rename(staging, target)  # atomic: the version appears whole or not at all
        return Archived(version=target, new=True)
    except OSError as e:
        raise ArchiveError(f"{folder}: cannot write the version: {e.strerror or e}") from e
    finally:
        if staging.exists():
            _unfreeze(staging)
            shutil.rmtree(staging, ignore_errors=True)


class _lock:
    """An exclusive lock on a kenmerk's folder while a version number is taken."""

    def __init__(self, folder: Path) -> None:
        self.path = folder / ".lock"

    def __enter__(self) -> None:
        self.handle = self.path.open("w")
        fcntl.flock(self.handle, fcntl.LOCK_EX)

    def __exit__(self, *_: object) -> None:
        fcntl.flock(self.handle, fcntl.LOCK_UN)
        self.handle.close()


def _clean_leftovers(folder: Path, *, keep: Path) -> None:
    """Remove work that an interrupted run left (under the lock, so never a live one's)."""
    for leftover in folder.glob(".tmp-*"):
        if leftover != keep and not _in_use(leftover):
            _unfreeze(leftover)
            shutil.rmtree(leftover, ignore_errors=True)


def _in_use(staging: Path) -> bool:
    owner = staging / ".owner"
    try:
        pid = int(owner.read_text())
        os.kill(pid, 0)
        return True
    except (OSError, ValueError):
        return False


def _write_version(case: Case, staging: Path, *, today: dt.date, jobs: int | None,
                   progress: pipeline.Progress, fingerprint: dict[str, Any]) -> None:
    staging.mkdir()
    (staging / ".owner").write_text(str(os.getpid()))
    built = pipeline.build(case, out=staging / ".build", jobs=jobs, today=today,
                           progress=progress)
    outputs = []
    for bundle in built.files:
        target = staging / bundle.name
        shutil.copyfile(bundle, target)
        outputs.append(target)
    shutil.rmtree(staging / ".build")
    snapshot = staging / SNAPSHOT
    for source in case.inputs:
        relative = _relative(case, source)
        (snapshot / relative).parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(source, snapshot / relative)
    moment = dt.datetime.now(dt.UTC).replace(microsecond=0)
    _write_mdto(case, staging, outputs, moment=moment)
    plans = built.plans
    manifest = {
        "kenmerk": case.meta.kenmerk,
        "onderwerp": case.meta.onderwerp,
        "created": moment.isoformat(),
        "user": f"{getpass.getuser()}@{socket.gethostname()}",
        "options": {"editions": list(EDITIONS), "today": today.isoformat()},
        "embargo": {"embargo_tot": case.meta.embargo_tot.isoformat()
                    if case.meta.embargo_tot else None,
                    "active": any(p.embargo is not None for p in plans)},
        "editions": [{"name": p.name, "file": pipeline.bundle_name(case, p.name),
                      "withheld": [{"bijlage": d.number, "grond": d.grond} for d in p.withheld]}
                     for p in plans],
        "inputs": [{"path": f"{SNAPSHOT}/{_relative(case, p)}",
                    "role": _role(case, p), "sha256": sha256(p), "size": p.stat().st_size}
                   for p in sorted(case.inputs)],
        "tools": _tools(),
        "fingerprint": fingerprint,
    }
    (staging / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n",
                                    encoding="utf-8")


def _chain(staging: Path, previous: Path | None, number: int) -> None:
    """Number the manifest, link it to the previous one, and list every file's checksum."""
    path = staging / MANIFEST
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["version"] = f"v{number:03d}"
    manifest["previous"] = None if previous is None else {
        "version": previous.name, "manifest_sha256": sha256(previous / MANIFEST)}
    (staging / ".owner").unlink(missing_ok=True)
    manifest["files"] = [{"path": p.relative_to(staging).as_posix(), "sha256": sha256(p),
                          "size": p.stat().st_size}
                         for p in sorted(staging.rglob("*")) if p.is_file() and
                         p.name != MANIFEST]
    path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _freeze(folder: Path) -> None:
    for path in folder.rglob("*"):
        path.chmod(0o444 if path.is_file() else 0o555)
    folder.chmod(0o555)


def _unfreeze(folder: Path) -> None:
    for path in [folder, *folder.rglob("*")]:
        if path.is_dir():
            path.chmod(0o755)


def _role(case: Case, path: Path) -> str:
    if path.resolve() == case.path:
        return "case"
    for document in case.documents:
        if document.template is not None and path.resolve() == document.template:
            return "template"
        if document.data_file is not None and path.resolve() == document.data_file:
            return "data"
        if document.bestand is not None and path.resolve() == document.bestand:
            return "bestand"
    return "input"


def _tools() -> dict[str, Any]:
    libraries: dict[str, str | None] = {}
    for name in LIBRARIES:
        try:
            libraries[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            libraries[name] = None
    return {"besluitpak": __version__, "libreoffice": convert.version(),
            "python": platform.python_version(), "libraries": libraries}


# --- MDTO ----------------------------------------------------------------------------------

def _begrip(parent: Any, tag: str, label: str, lijst: str, code: str | None = None) -> None:
    from lxml import etree

    element = etree.SubElement(parent, f"{{{MDTO_NS}}}{tag}")
    etree.SubElement(element, f"{{{MDTO_NS}}}begripLabel").text = label
    if code:
        etree.SubElement(element, f"{{{MDTO_NS}}}begripCode").text = code
    lijst_el = etree.SubElement(element, f"{{{MDTO_NS}}}begripBegrippenlijst")
    etree.SubElement(lijst_el, f"{{{MDTO_NS}}}verwijzingNaam").text = lijst


def _verwijzing(parent: Any, tag: str, naam: str, kenmerk: str | None = None,
                bron: str | None = None) -> None:
    from lxml import etree

    element = etree.SubElement(parent, f"{{{MDTO_NS}}}{tag}")
    etree.SubElement(element, f"{{{MDTO_NS}}}verwijzingNaam").text = naam
    if kenmerk:
        ident = etree.SubElement(element, f"{{{MDTO_NS}}}verwijzingIdentificatie")
        etree.SubElement(ident, f"{{{MDTO_NS}}}identificatieKenmerk").text = kenmerk
        etree.SubElement(ident, f"{{{MDTO_NS}}}identificatieBron").text = bron


def _identificatie(parent: Any, kenmerk: str) -> None:
    from lxml import etree

    ident = etree.SubElement(parent, f"{{{MDTO_NS}}}identificatie")
    etree.SubElement(ident, f"{{{MDTO_NS}}}identificatieKenmerk").text = kenmerk
    etree.SubElement(ident, f"{{{MDTO_NS}}}identificatieBron").text = "besluitpak archief"


def _archiefvormer(case: Case) -> tuple[str, str, str]:
    from besluitpak.publish import tooi_gemeente

    try:
        uri, label = tooi_gemeente(case)
        return label, uri, "TOOI"
    except BesluitpakError:
        return (f"gemeente {case.meta.gemeente.naam}", f"gm{case.meta.gemeente.cbs_code}",
                "CBS gemeentecode")


def _pdfa_level(pdf: Path) -> str:
    import pikepdf

    with pikepdf.open(pdf) as opened:
        level = opened.open_metadata().get("pdfaid:conformance", "B")
    return str(level) if str(level) in PRONOM else "B"


def _write_mdto(case: Case, staging: Path, outputs: list[Path], *,
                moment: dt.datetime) -> None:
    from lxml import etree

    folder = staging / "mdto"
    folder.mkdir()
    meta = case.meta
    package_id = f"{meta.kenmerk}"
    root = etree.Element(f"{{{MDTO_NS}}}MDTO", nsmap={None: MDTO_NS})
    obj = etree.SubElement(root, f"{{{MDTO_NS}}}informatieobject")
    _identificatie(obj, package_id)
    etree.SubElement(obj, f"{{{MDTO_NS}}}naam").text = f"Collegebesluit {meta.kenmerk}: " \
                                                      f"{meta.onderwerp}"
    _begrip(obj, "aggregatieniveau", "Archiefstuk", "Begrippenlijst Aggregatieniveaus MDTO")
    etree.SubElement(obj, f"{{{MDTO_NS}}}trefwoord").text = "collegebesluit"
    etree.SubElement(obj, f"{{{MDTO_NS}}}omschrijving").text = (
        f"Collegevoorstel met {len(case.bijlagen)} bijlagen, vastgesteld in de "
        f"collegevergadering van {meta.collegevergadering.isoformat()}.")
    etree.SubElement(obj, f"{{{MDTO_NS}}}taal").text = "nl"
    event = etree.SubElement(obj, f"{{{MDTO_NS}}}event")
    _begrip(event, "eventType", "Vaststelling", "Begrippenlijst EventTypeLijst MDTO")
    etree.SubElement(event, f"{{{MDTO_NS}}}eventTijd").text = \
        f"{meta.collegevergadering.isoformat()}T00:00:00"
    _begrip(obj, "waardering", "Blijvend te bewaren", "Begrippenlijst Waarderingen MDTO", "B")
    for output in outputs:
        _verwijzing(obj, "heeftRepresentatie", output.name, f"{package_id}/{output.name}",
                    "besluitpak archief")
    naam, kenmerk, bron = _archiefvormer(case)
    _verwijzing(obj, "archiefvormer", naam, kenmerk, bron)
    withheld = [d for d in case.bijlagen if not d.openbaar]
    beperking = etree.SubElement(obj, f"{{{MDTO_NS}}}beperkingGebruik")
    _begrip(beperking, "beperkingGebruikType",
            "Openbaar met beperkingen" if withheld else "Openbaar",
            "Begrippenlijst BeperkingGebruik besluitpak")
    if withheld:
        etree.SubElement(beperking, f"{{{MDTO_NS}}}beperkingGebruikNadereBeschrijving").text = \
            "; ".join(f"bijlage {d.number}: {d.grond}" for d in withheld)
    _write_xml(root, folder / "informatieobject.xml")

    for output in outputs:
        root = etree.Element(f"{{{MDTO_NS}}}MDTO", nsmap={None: MDTO_NS})
        bestand = etree.SubElement(root, f"{{{MDTO_NS}}}bestand")
        _identificatie(bestand, f"{package_id}/{output.name}")
        etree.SubElement(bestand, f"{{{MDTO_NS}}}naam").text = output.name
        etree.SubElement(bestand, f"{{{MDTO_NS}}}omvang").text = str(output.stat().st_size)
        code, label = PRONOM[_pdfa_level(output)]
        _begrip(bestand, "bestandsformaat", label, "PRONOM-register", code)
        checksum = etree.SubElement(bestand, f"{{{MDTO_NS}}}checksum")
        _begrip(checksum, "checksumAlgoritme", "SHA-256",
                "Begrippenlijst ChecksumAlgoritme MDTO")
        etree.SubElement(checksum, f"{{{MDTO_NS}}}checksumWaarde").text = sha256(output)
        etree.SubElement(checksum, f"{{{MDTO_NS}}}checksumDatum").text = \
            moment.replace(tzinfo=None).isoformat()
        _verwijzing(bestand, "isRepresentatieVan", f"Collegebesluit {meta.kenmerk}",
                    package_id, "besluitpak archief")
        _write_xml(root, folder / f"{output.name}.xml")


def _write_xml(root: Any, path: Path) -> None:
    from lxml import etree

    data: bytes = etree.tostring(root, xml_declaration=True, encoding="UTF-8",
                                 pretty_print=True)
    problem = mdto_problem(data)
    if problem:
        raise ArchiveError(f"{path.name}: MDTO record does not validate: {problem}")
    path.write_bytes(data)


def mdto_problem(data: bytes) -> str | None:
    """Why ``data`` is not a valid MDTO 1.0.1 record, or None."""
    from lxml import etree

    schema = etree.XMLSchema(etree.parse(str(
        resources.files("besluitpak").joinpath("data", "xsd", "MDTO-XML1.0.1.xsd"))))
    try:
        document = etree.fromstring(data)
    except etree.XMLSyntaxError as e:
        return str(e)
    if schema.validate(document):
        return None
    error = schema.error_log[0]
    return f"line {error.line}: {error.message}"


# --- verify ---------------------------------------------------------------------------------

@dataclass
class Verification:
    """What ``verify`` checked, and what it found wrong."""

    checked: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.problems


def verify(path: Path, *, rebuild: bool = False) -> Verification:
    """Verify a version folder, a kenmerk's folder, a whole archief, or one bundle PDF."""
    result = Verification()
    if path.is_file():
        _verify_file(path, result)
    elif (path / MANIFEST).exists():
        _verify_version(path, result, rebuild=rebuild)
    elif path.is_dir():
        found = [v for v in sorted(path.rglob(MANIFEST))
                 if VERSION_NAME.match(v.parent.name) and
                 not any(p.startswith(".tmp-") for p in v.relative_to(path).parts)]
        if not found:
            result.problems.append(f"{path}: no archived versions found")
        for manifest in found:
            _verify_version(manifest.parent, result, rebuild=rebuild)
    else:
        result.problems.append(f"{path}: no such file or folder")
    return result


def _verify_version(version: Path, result: Verification, *, rebuild: bool) -> None:
    try:
        manifest = read_manifest(version)
    except ArchiveError as e:
        result.problems.append(str(e))
        return
    listed = {entry["path"]: entry for entry in manifest.get("files", [])}
    present = {p.relative_to(version).as_posix() for p in version.rglob("*")
               if p.is_file() and p.name != MANIFEST}
    for missing in sorted(set(listed) - present):
        result.problems.append(f"{version / missing}: missing (listed in the manifest)")
    for extra in sorted(present - set(listed)):
        result.problems.append(f"{version / extra}: not listed in the manifest")
    for relative in sorted(set(listed) & present):
        entry = listed[relative]
        file = version / relative
        if file.stat().st_size != entry["size"] or sha256(file) != entry["sha256"]:
            result.problems.append(f"{file}: checksum does not match the manifest "
                                   f"(the file was changed)")
    for record in sorted((version / "mdto").glob("*.xml")):
        problem = mdto_problem(record.read_bytes())
        if problem:
            result.problems.append(f"{record}: not valid MDTO: {problem}")
    for edition in manifest.get("editions", []):
        pdf = version / edition["file"]
        record = version / "mdto" / f"{edition['file']}.xml"
        if pdf.exists() and record.exists() and sha256(pdf) not in record.read_text():
            result.problems.append(f"{record}: its checksum is not that of {pdf.name}")
    previous = manifest.get("previous")
    if previous:
        before = version.parent / previous["version"] / MANIFEST
        if not before.exists() or sha256(before) != previous["manifest_sha256"]:
            result.problems.append(f"{version / MANIFEST}: the previous version's manifest "
                                   f"({previous['version']}) is missing or changed")
    result.checked.append(f"{version}: {len(listed)} files")
    if rebuild and not any(str(version) in p for p in result.problems):
        _verify_rebuild(version, manifest, result)


def _verify_rebuild(version: Path, manifest: dict[str, Any], result: Verification) -> None:
    with tempfile.TemporaryDirectory(prefix="besluitpak-rebuild-") as tmp:
        work = Path(tmp)
        shutil.copytree(version / SNAPSHOT, work / SNAPSHOT)
        for path in (work / SNAPSHOT).rglob("*"):
            path.chmod(0o755 if path.is_dir() else 0o644)
        case = load_case(work / SNAPSHOT)
        today = dt.date.fromisoformat(manifest["options"]["today"])
        built = pipeline.build(case, out=work / "out", today=today, no_cache=True)
        for bundle in built.files:
            archived = version / bundle.name
            same = archived.exists() and sha256(archived) == sha256(bundle)
            if not same:
                result.problems.append(f"{archived}: a rebuild from the snapshot gives other "
                                       f"bytes (SHA-256 {sha256(bundle)[:16]}…)")
            else:
                result.checked.append(f"{archived.name}: rebuilt, same SHA-256")


def _verify_file(path: Path, result: Verification) -> None:
    from besluitpak.inspect import inspect

    manifest_path = path.parent / MANIFEST
    if manifest_path.exists():
        entries = {e["path"]: e for e in read_manifest(path.parent).get("files", [])}
        entry = entries.get(path.name)
        if entry is None:
            result.problems.append(f"{path}: not listed in {manifest_path}")
        elif sha256(path) != entry["sha256"]:
            result.problems.append(f"{path}: checksum does not match the manifest "
                                   f"(the file was changed)")
        else:
            result.checked.append(f"{path}: checksum matches the manifest")
    try:
        report = inspect(path)
    except BesluitpakError as e:
        result.problems.append(str(e))
        return
    for check in report.failed():
        result.problems.append(f"{path}: {check.name}: {check.detail}")
    result.checked.append(f"{path}: {len(report.checks)} structure checks")


# --- history and diff -----------------------------------------------------------------------

def history(archief: Path, kenmerk: str) -> list[str]:
    """One line per version: number, date, user, editions, embargo, what changed."""
    folder = kenmerk_folder(archief, kenmerk)
    found = versions(folder)
    if not found:
        raise ArchiveError(f"{folder}: no archived versions of {kenmerk}")
    lines, previous = [], None
    for version in found:
        manifest = read_manifest(version)
        embargo = manifest.get("embargo", {})
        state = "no embargo" if not embargo.get("embargo_tot") else (
            f"embargo until {embargo['embargo_tot']}"
            f"{' (running)' if embargo.get('active') else ' (passed)'}")
        editions = "+".join(e["name"] for e in manifest.get("editions", []))
        lines.append(f"{version.name}  {manifest['created'][:16].replace('T', ' ')}  "
                     f"{manifest['user']}  {editions}  {state}  "
                     f"{_summary(previous, manifest)}")
        previous = manifest
    return lines


def _summary(before: dict[str, Any] | None, after: dict[str, Any]) -> str:
    if before is None:
        return "first version"
    old = {i["path"]: i["sha256"] for i in before.get("inputs", [])}
    new = {i["path"]: i["sha256"] for i in after.get("inputs", [])}
    changed = [p for p in new if p in old and old[p] != new[p]]
    added = [p for p in new if p not in old]
    removed = [p for p in old if p not in new]
    parts = [f"changed {', '.join(_short(p) for p in changed)}" if changed else "",
             f"added {', '.join(_short(p) for p in added)}" if added else "",
             f"removed {', '.join(_short(p) for p in removed)}" if removed else ""]
    text = "; ".join(p for p in parts if p)
    if not text and before.get("options") != after.get("options"):
        text = f"rebuilt for {after['options']['today']}"
    return text or "same inputs"


def _short(path: str) -> str:
    return path.removeprefix(f"{SNAPSHOT}/")


def _version_path(archief: Path, kenmerk: str, name: str) -> Path:
    version = kenmerk_folder(archief, kenmerk) / name
    if not (version / MANIFEST).exists():
        known = ", ".join(v.name for v in versions(kenmerk_folder(archief, kenmerk))) or "none"
        raise ArchiveError(f"{version}: no such version of {kenmerk} (versions: {known})")
    return version


@dataclass(frozen=True)
class _Document:
    title: str
    pages: int
    content: str
    """Hash of the pages' own drawing (the stamps are apart): equal means unchanged."""
    pdf: Path
    first: int

    def text(self) -> list[str]:
        """Its pages' text (poppler), read only when the document changed."""
        done = subprocess.run(["pdftotext", "-layout", "-f", str(self.first + 1), "-l",
                               str(self.first + self.pages), str(self.pdf), "-"],
                              capture_output=True, text=True, check=False).stdout
        return [" ".join(p.split()) for p in done.split("\f") if p.strip()]


def _documents(version: Path) -> dict[str, _Document]:
    """The documents of the intern edition of a version, by id."""
    import pikepdf

    manifest = read_manifest(version)
    case = load_case(version / SNAPSHOT)
    intern = version / next(e["file"] for e in manifest["editions"] if e["name"] == "intern")
    result = {}
    with pikepdf.open(intern) as pdf:
        names = pdf.Root.Names.Dests.Names
        index: dict[tuple[int, int], int] = {page.obj.objgen: number
                                             for number, page in enumerate(pdf.pages)}
        starts = sorted((index[names[i + 1][0].objgen], str(names[i]))
                         for i in range(0, len(names), 2))
        for position, (first, name) in enumerate(starts):
            last = starts[position + 1][0] if position + 1 < len(starts) else len(pdf.pages)
            digest = hashlib.sha256()
            for page in pdf.pages[first:last]:
                contents = page.obj.Contents
                for stream in (contents if isinstance(contents, pikepdf.Array)
                               else [contents]):
                    digest.update(stream.read_bytes())
            ident = "collegevoorstel" if name == "collegevoorstel" else \
                case.bijlagen[int(name.split("-")[1]) - 1].id
            title = next(d.titel for d in case.documents if d.id == ident)
            result[ident] = _Document(title=title, pages=last - first,
                                      content=digest.hexdigest(), pdf=intern, first=first)
    return result


def diff(archief: Path, kenmerk: str, first: str, second: str) -> Iterator[str]:
    """What changed between two versions, per document, as readable lines."""
    old_version = _version_path(archief, kenmerk, first)
    new_version = _version_path(archief, kenmerk, second)
    old_manifest, new_manifest = read_manifest(old_version), read_manifest(new_version)
    yield f"{kenmerk}: {first} -> {second}"
    yield f"  inputs: {_summary(old_manifest, new_manifest)}"
    old_docs, new_docs = _documents(old_version), _documents(new_version)
    for ident, document in new_docs.items():
        if ident not in old_docs:
            yield f"  added: {ident} ({document.title}), {document.pages} pages"
    for ident, document in old_docs.items():
        if ident not in new_docs:
            yield f"  removed: {ident} ({document.title})"
    unchanged = 0
    for ident, document in new_docs.items():
        old = old_docs.get(ident)
        if old is None:
            continue
        if old.content == document.content and old.title == document.title:
            unchanged += 1
            continue
        lines_old, lines_new = _lines(old.text()), _lines(document.text())
        yield (f"  changed: {ident} ({document.title}): {old.pages} -> {document.pages} "
               f"pages")
        for line in difflib.unified_diff(lines_old, lines_new, lineterm="", n=0):
            if not line.startswith(("---", "+++", "@@")):
                yield f"    {line}"
    yield f"  unchanged: {unchanged} document(s)"


def _lines(pages: list[str]) -> list[str]:
    """Text as sentences, without the page furniture (which changes with page numbers)."""
    text = " ".join(pages)
    text = re.sub(r"pagina \d+ van \d+", "", text)
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]
