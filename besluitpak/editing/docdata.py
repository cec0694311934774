"""Where a document's data lives, read as it stands (also when the case has problems), and
the bytes an edit of it writes: its own file (``bijlagen[i].data: bijlagen/x.yaml``) or the
case file (``voorstel.data`` inline), each through :mod:`yamledit`, so comments, key order
and quoting stay as they were.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from besluitpak.casefile.yamlsrc import KeyPath, format_key
from besluitpak.editing import yamledit
from besluitpak.editing.formschema import infer_schema
from besluitpak.editing.versions import UNKNOWN
from besluitpak.editing.workspace import CASE_FILE, inside
from besluitpak.errors import BesluitpakError

VOORSTEL = "collegevoorstel"


class NoDataForm(BesluitpakError):
    """Raised when a case has no such document, or the document has no data to edit (it is
    ready-made)."""


@dataclass(frozen=True, kw_only=True)
class DocumentData:
    """One generated document's data and the schema its form is made from."""

    id: str
    titel: str
    label: str
    """``Collegevoorstel`` or ``Bijlage 2``."""
    schema: Mapping[str, Any]
    inferred: bool
    """The template has no JSON Schema: the form is read off the data."""
    file: str
    """The file holding the data, relative to the case folder (POSIX)."""
    prefix: KeyPath
    """Where in ``file`` the data is: ``()`` for its own file, ``('voorstel', 'data')``."""
    data: Any
    """The data now, as plain dicts, lists and values."""

    @property
    def key_prefix(self) -> str:
        """The prefix of the CLI's keys for this data: ``voorstel.data`` or ``""``."""
        return format_key(self.prefix)


def locate(folder: Path, document: str) -> DocumentData:
    """The data of ``document`` (``collegevoorstel`` or a bijlage id) in the case ``folder``,
    read as the command line reads it (PyYAML, cached until the file changes; the round
    trip is only needed to write an edit back: :func:`changes`)."""
    case = yamledit.read(folder / CASE_FILE)
    if not isinstance(case, Mapping):
        raise NoDataForm(f"{CASE_FILE}: expected a mapping, got {type(case).__name__}")
    entry, where, label, titel = _entry(case, document)
    if "bestand" in entry or "data" not in entry:
        raise NoDataForm(f"{document}: a ready-made document has no data to edit")
    data_value = entry["data"]
    prefix: KeyPath
    if isinstance(data_value, str):
        file, prefix = PurePosixPath(data_value).as_posix(), ()
        data = copy.deepcopy(yamledit.read(inside(folder, file)))
    elif isinstance(data_value, Mapping):
        file, prefix, data = CASE_FILE, (*where, "data"), copy.deepcopy(data_value)
    else:
        raise NoDataForm(f"{format_key((*where, 'data'))}: expected a file or a mapping")
    schema, inferred = _schema(folder, entry.get("template"), data)
    return DocumentData(
        id=document,
        titel=titel,
        label=label,
        schema=schema,
        inferred=inferred,
        file=file,
        prefix=prefix,
        data=data if data is not None else {},
    )


def data_in(parsed: Any, document: DocumentData) -> Any:
    """``document``'s data in ``parsed`` (a version of its file, parsed): the whole file, or
    the data of its entry in the case file (found by id, wherever it stands now);
    ``versions.UNKNOWN`` when that version is not known, {} when it has none."""
    if parsed is UNKNOWN:
        return UNKNOWN
    if not document.prefix:
        return parsed if parsed is not None else {}
    try:
        entry = _entry(parsed if isinstance(parsed, Mapping) else {}, document.id)[0]
    except NoDataForm:
        return {}
    data = entry.get("data")
    return data if isinstance(data, Mapping) else {}


def _entry(case: Mapping[str, Any], document: str) -> tuple[Mapping[str, Any], KeyPath, str, str]:
    if document == VOORSTEL:
        voorstel = case.get("voorstel")
        if isinstance(voorstel, Mapping):
            return voorstel, ("voorstel",), "Collegevoorstel", str(case.get("onderwerp", ""))
    bijlagen = case.get("bijlagen")
    for index, bijlage in enumerate(bijlagen if isinstance(bijlagen, list) else []):
        if isinstance(bijlage, Mapping) and bijlage.get("id") == document:
            titel = str(bijlage.get("titel", document))
            return bijlage, ("bijlagen", index), f"Bijlage {index + 1}", titel
    raise NoDataForm(f"document: expected collegevoorstel or a bijlage id, got {document!r}")


def _schema(folder: Path, template: Any, data: Any) -> tuple[Mapping[str, Any], bool]:
    if isinstance(template, str):
        try:
            sidecar = inside(folder, str(PurePosixPath(template).with_suffix(".schema.json")))
            loaded = json.loads(sidecar.read_text(encoding="utf-8"))
        except (BesluitpakError, OSError, ValueError):
            loaded = None
        if isinstance(loaded, Mapping):
            return loaded, False
    return infer_schema(data), True


def plain(value: Any) -> Any:
    """ruamel's commented maps, sequences and styled scalars as plain dicts, lists, values."""
    if isinstance(value, Mapping):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, bool) or value is None:
        return value
    if isinstance(value, str):
        return str(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    if isinstance(value, dt.datetime):
        return value
    if isinstance(value, dt.date):
        return dt.date(value.year, value.month, value.day)
    return value


def changes(folder: Path, document: DocumentData, data: Any) -> dict[str, bytes]:
    """The new bytes of the file that holds ``document``'s data, with ``data`` laid over
    it (everything else in that file kept byte for byte)."""
    path = inside(folder, document.file)
    loaded = yamledit.load(path)
    if document.prefix:
        parent = loaded
        for part in document.prefix[:-1]:
            parent = parent[part]
        last = document.prefix[-1]
        parent[last] = yamledit.merge(parent[last], data)
    else:
        loaded = yamledit.merge(loaded, data) if loaded is not None else data
    return {document.file: yamledit.dumps(loaded).encode("utf-8")}
