"""The checks of what a file says it is and may hold: its PDF/A identification,
metadata, viewer settings, OutputIntent, fonts, and no forbidden actions or names."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator
from typing import Any

import pikepdf
from pikepdf import Dictionary, Name

from besluitpak.pdf import resource_walk
from besluitpak.pdf.inspect.base import (
    NS,
    Check,
    _Context,
    _dict,
    _entry_array,
    _entry_dict,
    _kind,
    _number,
    _text,
    check,
)

FORBIDDEN_ACTIONS = {
    "/Launch",
    "/Sound",
    "/Movie",
    "/ResetForm",
    "/ImportData",
    "/JavaScript",
    "/Hide",
    "/SetOCGState",
    "/Rendition",
    "/Trans",
    "/GoTo3DView",
    "/GoToR",
    "/GoToE",
}


def _pdf_date_to_iso(value: str) -> str:
    match = re.match(r"D:(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})", value)
    if not match:
        return value
    y, mo, d, h, mi, s = (int(g) for g in match.groups())
    return dt.datetime(y, mo, d, h, mi, s).strftime("%Y-%m-%dT%H:%M:%S")


@check
def identification(c: _Context) -> Iterator[Check]:
    part, level = c.xmp_text("pdfaid:part"), c.xmp_text("pdfaid:conformance")
    yield Check(
        "identification",
        "PDF/A-2 identification in XMP",
        part == "2" and level in {"A", "B", "U"},
        f"pdfaid:part={part}, conformance={level}",
    )
    ua = c.xmp_text("pdfuaid:part")
    schemas = (
        c.xmp.xpath("//pdfaSchema:namespaceURI/text()", namespaces=NS) if c.xmp is not None else []
    )
    yield Check(
        "identification",
        "PDF/UA-1 identification in XMP",
        ua == "1" and "http://www.aiim.org/pdfua/ns/id/" in schemas,
        f"pdfuaid:part={ua}; extension schema declares pdfuaid: "
        f"{'yes' if 'http://www.aiim.org/pdfua/ns/id/' in schemas else 'no'}",
    )


def _info(pdf: pikepdf.Pdf) -> Dictionary:
    """The Info dictionary (empty when there is none), or why it cannot be read."""
    info = pdf.trailer.get("/Info")
    return Dictionary() if info is None else _dict(info, "the trailer's /Info")


@check
def metadata(c: _Context) -> Iterator[Check]:
    yield Check(
        "metadata",
        "XMP present and well-formed",
        c.xmp is not None,
        c.xmp_error or ("parsed" if c.xmp is not None else "no /Metadata stream"),
    )
    info = _info(c.pdf)
    pairs = [
        ("/Title", "dc:title"),
        ("/Author", "dc:creator"),
        ("/Subject", "dc:description"),
        ("/Keywords", "pdf:Keywords"),
        ("/Producer", "pdf:Producer"),
    ]
    mismatches = []
    for key, path in pairs:
        if key in info and _text(info[key]) != (c.xmp_text(path) or ""):
            mismatches.append(f"{key} {_text(info[key])!r} vs {path} {c.xmp_text(path)!r}")
    for key, path in (("/CreationDate", "xmp:CreateDate"), ("/ModDate", "xmp:ModifyDate")):
        if key in info and not (c.xmp_text(path) or "").startswith(
            _pdf_date_to_iso(_text(info[key]))
        ):
            mismatches.append(f"{key} vs {path}")
    yield Check(
        "metadata",
        "Info dictionary matches XMP",
        not mismatches,
        "; ".join(mismatches) or "title, author, subject, keywords, producer, dates",
    )


@check
def viewing(c: _Context) -> Iterator[Check]:
    info = _info(c.pdf)
    title = _text(info.get("/Title")) or c.xmp_text("dc:title") or ""
    prefs = _entry_dict(c.pdf.Root, "/ViewerPreferences", "")
    shown = prefs.get("/DisplayDocTitle") == True  # noqa: E712
    yield Check(
        "metadata",
        "title shown by viewers",
        bool(title) and shown,
        f"title {title!r}; DisplayDocTitle={shown}",
    )
    lang = c.pdf.Root.get("/Lang")
    text = str(lang) if isinstance(lang, pikepdf.String) else ""
    found = text or ("missing" if lang is None else f"is {_kind(lang)}, not text")
    yield Check("metadata", "document language", bool(text), f"/Lang {found}")


@check
def output_intent(c: _Context) -> Iterator[Check]:
    intents = _entry_array(c.pdf.Root, "/OutputIntents", "")
    ok, detail = False, "no OutputIntent"
    for index, intent in enumerate(intents):
        where = f"/OutputIntents[{index}]"
        intent = _dict(intent, where)
        if intent.get("/S") != Name.GTS_PDFA1 or "/DestOutputProfile" not in intent:
            continue
        profile = intent.get("/DestOutputProfile")
        if not isinstance(profile, pikepdf.Stream):
            ok, detail = False, f"{where}/DestOutputProfile is {_kind(profile)}, not a stream"
            continue
        icc = profile.read_bytes()
        components = profile.get("/N", 0)
        ok = (
            icc[36:40] == b"acsp"
            and icc[16:20] == b"RGB "
            and _number(components, f"{where}/DestOutputProfile/N") == 3
        )
        detail = (
            f"GTS_PDFA1 {_text(intent.get('/OutputConditionIdentifier'))}, ICC "
            f"{len(icc)} bytes, colour space {icc[16:20].decode(errors='replace')}"
        )
    yield Check("archival", "OutputIntent with an embedded ICC profile", ok, detail)


def _fonts(pdf: pikepdf.Pdf) -> Iterator[tuple[str, Dictionary]]:
    """Every font the pages use, in every resource dictionary they reach (forms, patterns,
    soft masks, Type 3 fonts, annotations: :mod:`besluitpak.pdf.resource_walk`), once, with
    where it is used."""
    walked: set[tuple[int, int]] = set()
    met: set[tuple[int, int]] = set()
    for number, page in enumerate(pdf.pages, start=1):
        if "/Resources" in page.obj:
            _dict(page.obj.get("/Resources"), f"page {number}: /Resources")
        for path, resources in resource_walk.page_resources(page.obj, seen=walked):
            where = f"page {number}: {'' if path == '/Resources' else path}"
            for key, font in _entry_dict(resources, "/Font", where).items():
                font = _dict(font, f"{where}/Font{key}")
                if not font.is_indirect or font.objgen not in met:
                    met.add(font.objgen)
                    yield f"{where}/Font{key}", font


@check
def fonts(c: _Context) -> Iterator[Check]:
    not_embedded, no_unicode, no_gid_map, count = [], [], [], 0
    for where, font in _fonts(c.pdf):
        count += 1
        base = font.get("/BaseFont")
        name = str(base).lstrip("/") if isinstance(base, Name) else "?"
        if font.get("/Subtype") == Name.Type3:
            continue
        descendants = _entry_array(font, "/DescendantFonts", where)
        owner = _dict(descendants[0], f"{where}/DescendantFonts[0]") if descendants else font
        descriptor = _entry_dict(owner, "/FontDescriptor", where)
        page = where.split(":", 1)[0].replace("page ", "p.")
        if not any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3")):
            not_embedded.append(f"{name} ({page})")
        standard = font.get("/Encoding") in (
            Name.WinAnsiEncoding,
            Name.MacRomanEncoding,
            Name.StandardEncoding,
        )
        if "/ToUnicode" not in font and not standard:
            no_unicode.append(f"{name} ({page})")
        if owner.get("/Subtype") == Name.CIDFontType2 and "/CIDToGIDMap" not in owner:
            no_gid_map.append(f"{name} ({page})")
    yield Check(
        "fonts",
        "every font embedded",
        not not_embedded,
        f"{count} fonts" + (f"; not embedded: {', '.join(not_embedded)}" if not_embedded else ""),
    )
    yield Check(
        "fonts",
        "every font maps to Unicode",
        not no_unicode,
        "ToUnicode or a standard encoding"
        + (f"; missing: {', '.join(no_unicode)}" if no_unicode else ""),
    )
    yield Check(
        "fonts",
        "every CID font has a glyph map",
        not no_gid_map,
        "CIDToGIDMap on every CIDFontType2"
        + (f"; missing: {', '.join(no_gid_map)}" if no_gid_map else ""),
    )


def _action(obj: Any) -> str:
    """The action type ``/S`` of a dictionary, as text ('' when it has none or a wrong one)."""
    kind = obj.get("/S")
    return str(kind) if isinstance(kind, Name) else ""


@check
def safety(c: _Context) -> Iterator[Check]:
    yield Check(
        "archival",
        "not encrypted",
        not c.pdf.is_encrypted,
        "encrypted" if c.pdf.is_encrypted else "no /Encrypt",
    )
    scripts, actions, external = [], [], []
    for obj in c.pdf.objects:
        if not isinstance(obj, Dictionary | pikepdf.Stream):
            continue
        action = _action(obj)
        if "/JS" in obj or action == "/JavaScript":
            scripts.append(str(obj.objgen))
        if action in FORBIDDEN_ACTIONS and action != "/JavaScript":
            actions.append(action)
        if isinstance(obj, pikepdf.Stream) and (
            "/F" in obj.stream_dict or "/FFilter" in obj.stream_dict
        ):
            external.append("external stream")
        if "/Ref" in obj and obj.get("/Subtype") == Name.Form:
            external.append("reference XObject")
        if "/OPI" in obj:
            external.append("OPI")
    names = _entry_dict(c.pdf.Root, "/Names", "")
    if "/JavaScript" in names:
        scripts.append("document JavaScript")
    if "/EmbeddedFiles" in names:
        external.append("embedded files")
    yield Check(
        "archival",
        "no JavaScript",
        not scripts,
        f"found in {', '.join(scripts)}" if scripts else "none",
    )
    yield Check(
        "archival",
        "no forbidden actions",
        not actions,
        ", ".join(sorted(set(actions))) or "none (no Launch, GoToR, Sound, Movie…)",
    )
    yield Check(
        "archival",
        "no external references or attachments",
        not external,
        ", ".join(sorted(set(external))) or "none",
    )
