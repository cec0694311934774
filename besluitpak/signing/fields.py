"""The signature fields a PDF gets before its first signature, tagged so PDF/UA holds.

On the besluitenlijst two visible fields side by side at the foot of the last page, for the
burgemeester and the secretaris (their description names every word of the stamp but the
signer's name, which only the signature knows); on a bundle one invisible field for the
organisation's seal; on both one invisible field for the archive's document timestamp.
Each widget is a Form element in the structure tree (PDF/UA-1 7.18.1, 7.18.4) with its
description in /TU and /Alt, printed (PDF/A-2 6.3.2). This is the one full rewrite a file
gets, before anything is signed; every signature after it is an incremental update that
fills a field made here.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, String

from besluitpak.errors import SigningError
from besluitpak.housestyle import MARGIN, STAMP_BOTTOM_BAND
from besluitpak.pdf.signed import signature_fields
from besluitpak.pdf.structure import number_tree_items
from besluitpak.signing.keys import FUNCTIE

TIMESTAMP_FIELD = "archieftijdstempel"
VISIBLE = ("burgemeester", "secretaris")
WIDTH, HEIGHT, GAP = 200.0, 54.0, 24.0
PRINT = 4


@dataclass(frozen=True, kw_only=True)
class Field:
    name: str
    description: str
    rect: tuple[float, float, float, float]
    """(0, 0, 0, 0): invisible."""
    page: int
    """0-based."""


def _wanted(role: str, pages: int) -> list[Field]:
    last = pages - 1
    fields: list[Field] = []
    if role in VISIBLE:
        bottom = STAMP_BOTTOM_BAND + 20.0
        for index, name in enumerate(VISIBLE):
            left = MARGIN + index * (WIDTH + GAP)
            fields.append(
                Field(
                    name=name,
                    description=f"Handtekening van de {FUNCTIE[name]}, ondertekend op datum en "
                    "tijd (UTC)",
                    rect=(left, bottom, left + WIDTH, bottom + HEIGHT),
                    page=last,
                )
            )
    else:
        fields.append(
            Field(
                name=role,
                description="Elektronisch zegel van de gemeente",
                rect=(0, 0, 0, 0),
                page=0,
            )
        )
    fields.append(
        Field(
            name=TIMESTAMP_FIELD,
            description="Documenttijdstempel voor het archief",
            rect=(0, 0, 0, 0),
            page=0,
        )
    )
    return fields


def _names(pdf: pikepdf.Pdf) -> set[str]:
    form = pdf.Root.get("/AcroForm")
    fields = form.get("/Fields", Array()) if isinstance(form, Dictionary) else Array()
    return {str(f.get("/T", "")) for f in fields if isinstance(f, Dictionary)}


def needs_fields(data: bytes, role: str) -> bool:
    """Whether the file lacks the field ``role`` signs in (then :func:`prepared` adds them)."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        return role not in _names(pdf)


def prepared(data: bytes, role: str) -> bytes:
    """``data`` with the fields ``role`` and its co-signers sign in; only before anything is
    signed (a signed file is never rewritten)."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        signed = signature_fields(pdf)
        if signed:
            raise SigningError(
                f"no field for the {role} in a file already signed ({', '.join(signed)}): the "
                "fields are made before the first signature (burgemeester and secretaris on "
                "the besluitenlijst, organisatie on a bundle)"
            )
        _add(pdf, _wanted(role, len(pdf.pages)))
        buffer = io.BytesIO()
        pdf.save(
            buffer, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate
        )
        return buffer.getvalue()


def _add(pdf: pikepdf.Pdf, fields: Sequence[Field]) -> None:
    tree = pdf.Root.get("/StructTreeRoot")
    if not isinstance(tree, Dictionary):
        raise SigningError("the PDF has no structure tree: besluitpak signs only its own PDFs")
    entries = dict(number_tree_items(tree.ParentTree)) if "/ParentTree" in tree else {}
    key = max([int(tree.get("/ParentTreeNextKey", 0)), *(k + 1 for k in entries)])
    document = _document(tree)
    form = pdf.Root.get("/AcroForm")
    if not isinstance(form, Dictionary):
        form = pdf.Root.AcroForm = pdf.make_indirect(Dictionary(Fields=Array()))
    for field in fields:
        page = pdf.pages[field.page]
        widget = _widget(pdf, field, page.obj, key)
        element = pdf.make_indirect(
            Dictionary(
                Type=Name.StructElem,
                S=Name.Form,
                P=document,
                Pg=page.obj,
                Alt=String(field.description),
                K=Dictionary(
                    Type=Name.OBJR, Obj=widget, Pg=page.obj
                ),  # pyHanko's diff rule: Form.K.Obj
            )
        )
        _append(document, element)
        entries[key] = element
        key += 1
        if "/Annots" not in page.obj:
            page.obj.Annots = Array()
        page.obj.Annots.append(widget)
        page.obj.Tabs = Name.S
        form.Fields.append(widget)
    form.SigFlags = 3
    nums: list[Any] = []
    for number in sorted(entries):
        nums += [number, entries[number]]
    tree.ParentTree = pdf.make_indirect(Dictionary(Nums=Array(nums)))
    tree.ParentTreeNextKey = key


def _widget(pdf: pikepdf.Pdf, field: Field, page: pikepdf.Object, key: int) -> pikepdf.Object:
    rect = field.rect
    appearance = pdf.make_stream(
        b"",
        BBox=Array([0, 0, rect[2] - rect[0], rect[3] - rect[1]]),
        Type=Name.XObject,
        Subtype=Name.Form,
        Resources=Dictionary(),
    )
    return pdf.make_indirect(
        Dictionary(
            Type=Name.Annot,
            Subtype=Name.Widget,
            FT=Name.Sig,
            T=String(field.name),
            TU=String(field.description),
            Contents=String(field.description),
            Rect=Array(list(rect)),
            F=PRINT,
            P=page,
            StructParent=key,
            AP=Dictionary(N=appearance),
        )
    )


def _document(tree: pikepdf.Object) -> pikepdf.Object:
    kids = tree.get("/K")
    first = kids[0] if isinstance(kids, Array) and len(kids) else kids
    if not isinstance(first, Dictionary):
        raise SigningError("the PDF's structure tree has no Document element to add fields to")
    return first


def _append(parent: pikepdf.Object, element: pikepdf.Object) -> None:
    kids = parent.get("/K")
    if kids is None:
        parent.K = Array([element])
    elif isinstance(kids, Array):
        kids.append(element)
    else:
        parent.K = Array([kids, element])
