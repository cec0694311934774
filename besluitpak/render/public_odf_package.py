"""The package around an .odt's rebuilt text (see :mod:`besluitpak.render.public_odf`): a
``meta.xml`` without properties, a ``settings.xml`` with only Writer's layout settings, a
manifest listing what is kept, and the zip with ``mimetype`` first and stored."""

from __future__ import annotations

import io
import zipfile

from lxml import etree

from besluitpak.render.revisions import serialize

NS = {
    "office": "urn:oasis:names:tc:opendocument:xmlns:office:1.0",
    "style": "urn:oasis:names:tc:opendocument:xmlns:style:1.0",
    "text": "urn:oasis:names:tc:opendocument:xmlns:text:1.0",
    "table": "urn:oasis:names:tc:opendocument:xmlns:table:1.0",
    "draw": "urn:oasis:names:tc:opendocument:xmlns:drawing:1.0",
    "form": "urn:oasis:names:tc:opendocument:xmlns:form:1.0",
    "xlink": "http://www.w3.org/1999/xlink",
    "config": "urn:oasis:names:tc:opendocument:xmlns:config:1.0",
    "manifest": "urn:oasis:names:tc:opendocument:xmlns:manifest:1.0",
    "script": "urn:oasis:names:tc:opendocument:xmlns:script:1.0",
    "xml": "http://www.w3.org/XML/1998/namespace",
    "fo": "urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0",
}
TEXT_MEDIA_TYPE = "application/vnd.oasis.opendocument.text"


def q(name: str) -> str:
    prefix, local = name.split(":")
    return f"{{{NS[prefix]}}}{local}"


SETTINGS_KEPT = frozenset(
    """AddParaTableSpacing AddParaTableSpacingAtStart AddParaSpacingToTableCells
    AddParaLineSpacingToTableCells AddExternalLeading AddFrameOffsets AddVerticalFrameOffsets
    AlignTabStopPosition ApplyParagraphMarkFormatToNumbering AutoFirstLineIndentDisregardLineSpace
    BackgroundParaOverDrawings CharacterCompressionType ClipAsCharacterAnchoredWriterFlyFrames
    ClippedPictures CollapseEmptyCellPara ConsiderTextWrapOnObjPos ContinuousEndnotes
    DisableOffPagePositioning DoNotCaptureDrawObjsOnPage DoNotJustifyLinesWithManualBreak
    DoNotResetParaAttrsForNumFont FloattableNomargins FootnoteInColumnToPageEnd
    FrameAutowidthWithMorePara GutterAtTop HeaderSpacingBelowLastPara
    IgnoreFirstLineIndentInNumbering IgnoreTabsAndBlanksForLineCalculation InvertBorderSpacing
    IsKernAsianPunctuation MathBaselineAlignment MsWordCompMinLineHeightByFly
    MsWordCompTrailingBlanks NoNumberingShowFollowBy OutlineLevelYieldsNumbering
    PropLineSpacingShrinksFirstLine SmallCapsPercentage66 SubtractFlysAnchoredAtFlys
    SurroundTextWrapSmall TabAtLeftIndentForParagraphsInList TabOverMargin TabOverSpacing
    TabOverflow TabsRelativeToIndent TableRowKeep TreatSingleColumnBreakAsPageBreak
    UnbreakableNumberings UnxForceZeroExtLeading UseFormerLineSpacing UseFormerObjectPositioning
    UseFormerTextWrapping UseOldNumbering UseOldPrinterMetrics WordLikeWrapForAsCharFlys
    EmptyDbFieldHidesPara""".split()  # noqa: SIM905
)
"""Writer's settings that change the layout (names as LibreOffice writes them); each is a
yes/no or a small number."""
SETTINGS_TYPES = ("boolean", "short", "int")
LAYOUT_CHOICES = {"PrinterIndependentLayout": ("high-resolution", "low-resolution", "disabled")}
"""Layout settings written as a word: only these words are copied."""


def meta(content: etree._Element) -> bytes:
    """A ``meta.xml`` that says nothing (no title, author, dates, statistics or keywords)."""
    root = etree.Element(q("office:document-meta"), nsmap={"office": NS["office"]})
    root.set(q("office:version"), content.get(q("office:version"), "1.3"))
    etree.SubElement(root, q("office:meta"))
    return serialize(root)


def settings(source: etree._Element) -> bytes:
    """``settings.xml`` with only the layout settings of ``source`` (no printer, no view, no
    database, no protection key)."""
    nsmap = {"office": NS["office"], "config": NS["config"]}
    root = etree.Element(q("office:document-settings"), nsmap=nsmap)
    root.set(q("office:version"), source.get(q("office:version"), "1.3"))
    settings = etree.SubElement(root, q("office:settings"))
    group = etree.SubElement(settings, q("config:config-item-set"))
    group.set(q("config:name"), "ooo:configuration-settings")
    for item in source.iter(q("config:config-item")):
        parent = item.getparent()
        in_group = (
            parent is not None and parent.get(q("config:name")) == "ooo:configuration-settings"
        )
        name, kind = item.get(q("config:name"), ""), item.get(q("config:type"), "")
        value = (item.text or "").strip()
        if in_group and _kept_setting(name, kind, value):
            copy = etree.SubElement(group, q("config:config-item"))
            copy.set(q("config:name"), name)
            copy.set(q("config:type"), kind)
            copy.text = value
    return serialize(root)


def _kept_setting(name: str, kind: str, value: str) -> bool:
    if name in LAYOUT_CHOICES:
        return kind == "string" and value in LAYOUT_CHOICES[name]
    plain = value in ("true", "false") or value.lstrip("-").isdigit()
    return name in SETTINGS_KEPT and kind in SETTINGS_TYPES and plain


def manifest(
    content: etree._Element, kind: str, written: dict[str, bytes], media: dict[str, str]
) -> bytes:
    root = etree.Element(q("manifest:manifest"), nsmap={"manifest": NS["manifest"]})
    version = content.get(q("office:version"), "1.3")
    root.set(q("manifest:version"), version)
    entries = [("/", kind)] + [(name, _media_type(name, media)) for name in written]
    for path, media_type in entries:
        entry = etree.SubElement(root, q("manifest:file-entry"))
        entry.set(q("manifest:full-path"), path)
        if path == "/":
            entry.set(q("manifest:version"), version)
        entry.set(q("manifest:media-type"), media_type)
    return serialize(root)


def _media_type(name: str, media: dict[str, str]) -> str:
    if media.get(name):
        return media[name]
    return "text/xml" if name.endswith(".xml") else "application/octet-stream"


def zipped(kind: str, written: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        first = zipfile.ZipInfo("mimetype", (1980, 1, 1, 0, 0, 0))
        archive.writestr(first, kind.encode("ascii"), compress_type=zipfile.ZIP_STORED)
        for name, data in written.items():
            info = zipfile.ZipInfo(name, (1980, 1, 1, 0, 0, 0))
            info.external_attr = 0o644 << 16
            archive.writestr(info, data, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
