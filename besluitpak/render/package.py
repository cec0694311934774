"""The Word package (the .docx zip) as besluitpak writes it: one part per name, whoever
saved the template.

LibreOffice Writer (7.4 and 25.2 alike), saving as "Office Open XML Text (Transitional)"
(filter ``Office Open XML Text``, the ECMA-376 1st edition dialect), relates
``docProps/core.xml`` to the package with the relationship type
``http://schemas.openxmlformats.org/officedocument/2006/relationships/metadata/core-properties``
(``officedocument`` where the standard says ``package``; its "Word 2007–365" save uses the
standard type). python-docx looks only for the
standard type, does not find it, and adds core properties of its own under the same name,
``/docProps/core.xml``: the saved .docx then holds that name twice. zipfile warns
("Duplicate name"), Word calls the file corrupt and LibreOffice 25.2 refuses to load it.
:func:`repair_core_properties` relates the existing part with the standard type before
anything touches the properties; :func:`save` refuses to hand on a package that still
holds a name twice, whatever the cause.
"""

from __future__ import annotations

import datetime as dt
import io
import warnings
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.parts.coreprops import CorePropertiesPart

from besluitpak.casefile.case import Case, Document
from besluitpak.errors import TemplateError
from besluitpak.render.context import ready_made_properties

CORE_PROPERTIES_SUFFIX = "/metadata/core-properties"
"""The end of every relationship type used for core properties (standard, Writer's)."""


def repair_core_properties(docx: Any) -> bool:
    """Relate a core-properties part related under another type (Writer's) with the
    standard type, so python-docx uses it rather than adding a second one. A part under
    that name that is not core properties (wrong content type) is dropped: python-docx
    writes fresh ones. Returns whether anything changed."""
    package = docx.part.package
    rels = package.rels
    if any(rel.reltype == RT.CORE_PROPERTIES for rel in rels.values() if not rel.is_external):
        return False
    changed = False
    for rel_id, rel in list(rels.items()):
        if rel.is_external or not rel.reltype.endswith(CORE_PROPERTIES_SUFFIX):
            continue
        part = rel.target_part
        del rels[rel_id]
        rels.related_parts.pop(rel_id, None)
        changed = True
        if isinstance(part, CorePropertiesPart):
            package.relate_to(part, RT.CORE_PROPERTIES)
            break
    return changed


def set_core_properties(docx: Any, case: Case, document: Document) -> None:
    """Core properties say what the document is, not who last edited the template."""
    props = docx.core_properties
    for name, value in ready_made_properties(case, document).items():
        setattr(props, name, value)
    stamp = dt.datetime.combine(case.meta.collegevergadering, dt.time(0, 0))
    props.created = stamp
    props.modified = stamp
    props.revision = 1


def duplicate_names(data: bytes) -> list[str]:
    """The names a zip archive holds more than once."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        counts = Counter(archive.namelist())
    return sorted(name for name, count in counts.items() if count > 1)


def save(document: Any, out: Path, *, shown: str) -> None:
    """Save ``document`` (python-docx or docxtpl) to ``out`` as a valid package: every
    name once. A name twice is an error naming the document (``shown``), never a zipfile
    warning and a file Word or LibreOffice refuses."""
    buffer = io.BytesIO()
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Duplicate name", category=UserWarning)
        document.save(buffer)
    data = buffer.getvalue()
    twice = duplicate_names(data)
    if twice:
        raise TemplateError(
            f"{shown}: expected a Word package with one part per name, got "
            f"{', '.join(twice)} twice after filling it in; open the file in Word or "
            f"LibreOffice Writer and save it again as .docx"
        )
    out.write_bytes(_dated_once(data))


def _dated_once(data: bytes) -> bytes:
    """The same package with every part dated 1980-01-01 (the zip format's first day),
    in the same order and compression: python-docx dates each part with the clock, so the
    same inputs would otherwise give other bytes every second."""
    buffer = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(buffer, "w") as target,
    ):
        for info in source.infolist():
            dated = zipfile.ZipInfo(info.filename, (1980, 1, 1, 0, 0, 0))
            dated.compress_type = info.compress_type
            dated.external_attr = info.external_attr
            target.writestr(dated, source.read(info))
    return buffer.getvalue()
