"""Recreate the adversary's leak corpus (committed; run only to change it).

``.venv/bin/python tests/corpus/leaks/make_leaks.py``

Every input carries one marker per channel (upper-case letters, no spaces), so that a marker
can be searched for in every byte of every public file. ``CHANNELS`` below says, per marker,
what the public edition must do with it; ``tests/test_leak_corpus.py`` builds the cases
(``*.yaml`` beside this file) with the real CLI and checks it. CATALOGUE.md is the same table,
with what was observed.

Expectations:
- ``absent``: in no byte of any public file (decompressed, every revision, every layer).
- ``present``: visible content of a public page; it must reach the public edition (this proves
  the public edition is not simply empty).
- ``absent-or-refused``: the build may refuse the input with a message naming the file; if it
  builds, the marker is absent from every public file.
- ``kept``: not asserted either way; reported (e.g. text under a black box on a kept page:
  withholding pages does not redact a page that is kept).

``intern`` is ``present`` where the intern edition must show the marker (it is withheld from
the public only): proof that the corpus is real and the marker findable by the scan.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
if str(ROOT) not in sys.path:  # run as a script
    sys.path.insert(0, str(ROOT))

from tests.corpus.leaks import pdf_leaks, word_leaks  # noqa: E402

STELLER_NAME = "Q. Leakstellerzq"
STELLER_EMAIL = "leakstellerzq@proef.example"
STELLER_PHONE = "0612345678"
STELLER_MARKER = "LEAKSTELLERZQ"
SECRET_ID = "leaksecretid"
SECRET_FILE = "geheim-leaksecretfile.docx"
VERGADERING = "vergadering"
"""Not a case: the vergadering file (vergadering.yaml) whose besluitenlijst is public."""


@dataclass(frozen=True, kw_only=True)
class Channel:
    marker: str
    case: str  # which case file builds it (zaak, wijzigingen-docx, ...)
    file: str  # the input file under bijlagen/ (or the case file)
    channel: str  # where in that file the marker lives
    expect: str  # absent | present | absent-or-refused | kept
    intern: str = "any"  # present | absent | any
    view: str = ""  # only this view of scan.py counts (e.g. bookmarks); all when empty


def _c(
    marker: str,
    file: str,
    channel: str,
    expect: str = "absent",
    intern: str = "any",
    case: str = "zaak",
    view: str = "",
) -> Channel:
    return Channel(
        marker=marker,
        case=case,
        file=file,
        channel=channel,
        expect=expect,
        intern=intern,
        view=view,
    )


K = "kanalen.pdf"
SINGLE: tuple[Channel, ...] = (
    # the case file itself
    _c(
        "LEAKLAKHEADING",
        "zaak.yaml",
        "{lak} passage in a heading (text and bookmark)",
        intern="present",
    ),
    _c("LEAKLAKTABLE", "zaak.yaml", "{lak} passage in a table cell", intern="present"),
    _c(
        "LEAKLAKGLYPH",
        "zaak.yaml",
        "{lak} passage with a glyph used nowhere else",
        intern="present",
    ),
    _c(
        "GLYPH-U+014B",
        "zaak.yaml",
        "that glyph (eng) in a public font's ToUnicode",
        intern="present",
    ),
    _c(
        "LEAKLAKPASSAGE",
        "zaak.yaml",
        "{lak} passage in the collegevoorstel's data",
        intern="present",
    ),
    _c(
        "LEAKVOORSTELVISIBLE",
        "zaak.yaml",
        "plain text of the collegevoorstel",
        "present",
        "present",
    ),
    _c(SECRET_ID.upper(), "zaak.yaml", "id of a withheld bijlage (openbaar: false)"),
    _c("LEAKSECRETFILE", "zaak.yaml", "file name of a withheld bijlage"),
    # kanalen.pdf: four pages sharing one /Resources; pages 2 and 4 are withheld (lakken)
    _c("LEAKPDFKEPTVISIBLE", K, "kept page 1: visible text", "present", "present"),
    _c("LEAKPDFKEPTPAGE3", K, "kept page 3: visible text", "present", "present"),
    _c("LEAKPDFUNDERBOX", K, "kept page 1: text under a black rectangle", "kept"),
    _c("LEAKPDFOFFPAGE", K, "kept page 1: text drawn outside the page box", "kept"),
    _c("LEAKPDFWITHHELDTEXT", K, "withheld page 2: content text", intern="present"),
    _c("LEAKPDFWITHHELDP4", K, "withheld page 4: content text", intern="present"),
    _c(
        "LEAKPDFINVISIBLE",
        K,
        "withheld page 2: text rendering mode 3 (invisible)",
        intern="present",
    ),
    _c(
        "LEAKPDFMCACTUALTEXT",
        K,
        "withheld page 2: marked-content /ActualText in the stream",
        intern="present",
    ),
    _c(
        "LEAKPDFONLYFONTTEXT",
        K,
        "withheld page 2: text in a font only page 2 uses",
        intern="present",
    ),
    _c("LEAKPDFFONTNAME", K, "/BaseFont and /FontName of the font only page 2 uses"),
    _c("LEAKPDFCMAPNAME", K, "/CMapName in the ToUnicode CMap of the font only page 2 uses"),
    _c("GLYPH-U+03A9", K, "glyph (Omega) only page 2 drew, in the shared font's ToUnicode"),
    _c(
        "LEAKPDFFORMXOBJ",
        K,
        "form XObject drawn only by page 2, in the shared /Resources",
        intern="present",
    ),
    _c(
        "LEAKPDFWITHHELDIMAGE",
        K,
        "image XObject drawn only by page 2 (samples = marker)",
        intern="present",
    ),
    _c("LEAKPDFIMAGEXMP", K, "/Metadata stream of that image"),
    _c("LEAKPDFUNUSEDIMAGE", K, "image XObject in the shared /Resources that no page draws"),
    _c("LEAKPDFUNUSEDFORM", K, "form XObject in the shared /Resources that no page draws"),
    _c("LEAKPDFLAYEROFF", K, "kept page 3: text in an optional-content layer that is OFF"),
    _c("LEAKPDFOCXOBJ", K, "kept page 3: form XObject with /OC of the OFF layer"),
    _c("LEAKPDFOCGOFFNAME", K, "/Name of the OFF optional-content group"),
    _c(
        "LEAKPDFLAYERON",
        K,
        "kept page 3: text in a layer that is ON (rule: stated by the defender)",
        "kept",
    ),
    _c("LEAKPDFANNOTCONTENTS", K, "kept page 1: Text annotation (sticky note) /Contents"),
    _c("LEAKPDFANNOTSUBJ", K, "kept page 1: Text annotation /Subj"),
    _c("LEAKPDFANNOTAUTHOR", K, "kept page 1: Text annotation /T (author)"),
    _c("LEAKPDFANNOTNM", K, "kept page 1: Text annotation /NM (name)"),
    _c("LEAKPDFANNOTAP", K, "kept page 1: Text annotation appearance stream"),
    _c("LEAKPDFPOPUPCONTENTS", K, "kept page 1: Popup annotation /Contents"),
    _c("LEAKPDFFREETEXTCONTENTS", K, "kept page 1: FreeText annotation /Contents"),
    _c("LEAKPDFFREETEXTRC", K, "kept page 1: FreeText annotation /RC (rich text)"),
    _c("LEAKPDFATTACHFILE", K, "kept page 1: FileAttachment's embedded file (popup /Parent)"),
    _c("LEAKPDFATTACHNAME", K, "kept page 1: FileAttachment's file name"),
    _c("LEAKPDFATTACHCONTENTS", K, "kept page 1: FileAttachment /Contents"),
    _c("LEAKPDFSOUNDDATA", K, "kept page 1: Sound annotation's sound stream"),
    _c("LEAKPDFSOUNDCONTENTS", K, "kept page 1: Sound annotation /Contents"),
    _c("LEAKPDFSQUARECONTENTS", K, "kept page 1: Square annotation /Contents"),
    _c("LEAKPDFSQUARERC", K, "kept page 1: Square annotation /RC"),
    _c("LEAKPDFREDACTOVERLAY", K, "kept page 1: unapplied Redact annotation /OverlayText"),
    _c("LEAKPDFREDACTCONTENTS", K, "kept page 1: Redact annotation /Contents"),
    _c("LEAKPDFSTAMPNAME", K, "kept page 1: Stamp annotation /Name"),
    _c("LEAKPDFWIDGETAP", K, "kept page 1: form field widget appearance stream"),
    _c("LEAKPDFFIELDNAME", K, "form field /T (name)"),
    _c("LEAKPDFFIELDTOOLTIP", K, "form field /TU (tooltip)"),
    _c("LEAKPDFFIELDVALUE", K, "form field /V (value)"),
    _c("LEAKPDFFIELDDEFAULT", K, "form field /DV (default value)"),
    _c("LEAKPDFLINKURI", K, "kept page 1: web link URI (README: links to the web stay)", "kept"),
    _c("LEAKPDFLINKCONTENTS", K, "kept page 1: web link's own /Contents", "kept"),
    _c("LEAKPDFNAMEDDEST", K, "kept page 1: link to a named destination on withheld page 2"),
    _c("LEAKPDFLAUNCH", K, "kept page 1: link with a Launch action"),
    _c("LEAKPDFLINKJS", K, "kept page 1: link with a JavaScript action"),
    _c("LEAKPDFWITHHELDANNOTCONTENTS", K, "withheld page 2: Text annotation /Contents"),
    _c("LEAKPDFWITHHELDANNOTAUTHOR", K, "withheld page 2: Text annotation /T"),
    _c("LEAKPDFWITHHELDLINK", K, "withheld page 4: web link URI"),
    _c("LEAKPDFPAGEAA", K, "kept page 1: page /AA JavaScript"),
    _c("LEAKPDFPAGEPIECE", K, "kept page 1: page /PieceInfo"),
    _c("LEAKPDFPAGEXMP", K, "kept page 1: page /Metadata (XMP)"),
    _c("LEAKPDFTHUMBNAIL", K, "kept page 1: page /Thumb thumbnail image (samples = marker)"),
    _c("LEAKPDFEMBEDFILE", K, "/Names /EmbeddedFiles: file content"),
    _c("LEAKPDFEMBEDNAME", K, "/Names /EmbeddedFiles: file name"),
    _c("LEAKPDFEMBEDDESC", K, "/Names /EmbeddedFiles: /Desc"),
    _c("LEAKPDFEMBEDKEY", K, "/Names /EmbeddedFiles: name-tree key"),
    _c("LEAKPDFJSNAME", K, "/Names /JavaScript: name-tree key"),
    _c("LEAKPDFDOCJS", K, "/Names /JavaScript: script"),
    _c("LEAKPDFOLDDEST", K, "catalog /Dests (old-style named destination to page 4)"),
    _c("LEAKPDFOPENACTION", K, "catalog /OpenAction JavaScript"),
    _c("LEAKPDFDOCAA", K, "catalog /AA JavaScript"),
    _c("LEAKPDFURIBASE", K, "catalog /URI /Base"),
    _c("LEAKPDFPAGELABEL", K, "/PageLabels prefix"),
    _c("LEAKPDFDOCPIECE", K, "catalog /PieceInfo"),
    _c("LEAKPDFXMP", K, "catalog /Metadata (XMP) title and creator"),
    _c("LEAKPDFTHREAD", K, "article thread /I /Title (bead on withheld page 2)"),
    _c("LEAKPDFINFOTITLE", K, "Info /Title"),
    _c("LEAKPDFINFOAUTHOR", K, "Info /Author"),
    _c("LEAKPDFINFOSUBJECT", K, "Info /Subject"),
    _c("LEAKPDFINFOKEYWORDS", K, "Info /Keywords"),
    _c("LEAKPDFINFOCREATOR", K, "Info /Creator"),
    _c("LEAKPDFINFOPRODUCER", K, "Info /Producer"),
    _c("LEAKPDFINFOCUSTOM", K, "Info custom key"),
    _c("LEAKPDFOUTLINEWITHHELD", K, "bookmark to withheld page 2"),
    _c("LEAKPDFOUTLINENESTEDWITHHELD", K, "nested bookmark (under a kept one) to withheld p. 4"),
    _c(
        "LEAKPDFOUTLINEKEPT",
        K,
        "nested bookmark to kept page 3",
        "present",
        "present",
        view="bookmarks",
    ),
    _c("LEAKPDFSTRUCTALT", K, "structure element of withheld page 2: /Alt"),
    _c("LEAKPDFSTRUCTACTUAL", K, "structure element of withheld page 2: /ActualText"),
    _c("LEAKPDFSTRUCTTITLE", K, "structure element of withheld page 2: /T"),
    _c("LEAKPDFSTRUCTEXPANSION", K, "structure element of withheld page 2: /E"),
    _c("LEAKPDFSTRUCTID", K, "structure element of withheld page 2: /ID and the /IDTree"),
    _c("LEAKPDFFIGUREALT", K, "Figure element of withheld page 2: /Alt"),
    _c("LEAKPDFSTRUCTSPANTITLE", K, "/T of a Sect spanning withheld page 2"),
    _c("LEAKPDFSTRUCTKEPTALT", K, "/Alt of a P on kept page 1", "kept"),
    _c("LEAKPDFLINKAP", K, "kept page 1: web link's appearance stream"),
    _c("LEAKPDFLINKNM", K, "kept page 1: web link's /NM"),
    _c("LEAKPDFLINKNEXTJS", K, "kept page 1: web link's /Next JavaScript action"),
    _c("LEAKPDFGOTOR", K, "kept page 1: link to another file (GoToR)"),
    _c("LEAKPDFKEPTIMAGEXMP", K, "kept page 3: /Metadata of a drawn picture"),
    _c("LEAKPDFOPIPATH", K, "kept page 3: /OPI file path of a drawn picture"),
    _c("LEAKPDFIMAGEEXTRAKEY", K, "kept page 3: private key in a drawn picture's dictionary"),
    _c(
        "LEAKPDFNESTEDUNUSED",
        K,
        "kept page 3: picture in a drawn form's own /Resources that the form never draws",
    ),
    _c("LEAKPDFFORMPIECE", K, "kept page 3: /PieceInfo of a drawn form XObject"),
    _c("LEAKPDFFORMXMP", K, "kept page 3: /Metadata of a drawn form XObject"),
    _c("LEAKPDFPATTERNCELL", K, "tiling pattern only withheld page 2 paints: its cell"),
    _c("LEAKPDFPATTERNNAME", K, "tiling pattern only withheld page 2 paints: resource name"),
    _c("LEAKPDFOCMDIMAGE", K, "kept page 3: picture under an OCMD whose group is OFF"),
    _c("LEAKPDFAFFILE", K, "catalog /AF associated file (PDF 2.0)"),
    _c("LEAKPDFPAGEAFFILE", K, "kept page 1: /AF associated file (PDF 2.0)"),
    _c("LEAKPDFOUTPUTINTENT", K, "catalog /OutputIntents identifier and /Info"),
    _c("LEAKPDFDPARTMETA", K, "/DPartRoot document-part metadata (PDF 2.0)"),
    _c("LEAKPDFFORMOCIMAGE", K, "kept page 3: picture in an OFF layer inside a drawn form"),
    _c(
        "LEAKPDFINLINEOCOFF",
        K,
        "kept page 3: inline image (BI/ID/EI) in an OFF layer, nested marked content",
    ),
    _c("LEAKPDFJPEGCOMMENT", K, "kept page 3: JPEG comment (COM) of a drawn photo"),
    _c("LEAKPDFJPEGEXIF", K, "kept page 3: EXIF Artist of a drawn photo"),
    _c(
        "LEAKPDFSPANACTUAL",
        K,
        "/ActualText of a kept page's element whose content is on withheld page 2 (MCR)",
    ),
    _c("LEAKPDFOUTLINEJS", K, "bookmark with a JavaScript action"),
    _c("LEAKPDFOUTLINEURI", K, "bookmark with a web link action", "kept"),
    _c(
        "GLYPH-OUTLINE-U+03A9",
        K,
        "outline of the glyph (Omega) only withheld page 2 drew, in a public font program",
        intern="present",
    ),
    _c("LEAKPDFCMAPUNUSED", K, "kept pages' font: ToUnicode entry for a code no page draws"),
    _c("LEAKPDFFONTXMP", K, "kept pages' font: /Metadata of the font program"),
    _c("LEAKPDFALTERNATEIMAGE", K, "kept picture's /Alternates image"),
    _c("LEAKPDFTEMPLATENAME", K, "/Names /Templates key"),
    _c("LEAKPDFTEMPLATEPAGE", K, "/Names /Templates: the invisible template page's content"),
    _c("LEAKPDFNAMEDPAGE", K, "/Names /Pages key (named kept page)"),
    _c("LEAKPDFNAMEDAPKEY", K, "/Names /AP key"),
    _c("LEAKPDFNAMEDAPSTREAM", K, "/Names /AP appearance stream"),
    _c("LEAKPDFEXTENSIONURL", K, "catalog /Extensions developer URL"),
    _c("LEAKPDFTRAILER", K, "private key in the trailer"),
    _c("LEAKPDFOCUSAGE", K, "/Usage /CreatorInfo of the layer that is ON"),
    _c("LEAKPDFCATALOGKEY", K, "private key in the catalog"),
    _c(
        "LEAKPDFTYPE3GLYPH",
        K,
        "Type 3 font shared with kept page 3: the glyph procedure only "
        "withheld page 2 drew (a picture, samples = marker)",
        intern="present",
    ),
    _c("LEAKPDFOUTSIDECROP", K, "kept page 3: text outside its /CropBox", "kept"),
    _c("LEAKPDFPAGESKEY", K, "private key in the page tree node"),
    _c("LEAKPDFPAGEKEY", K, "kept page 1: private key in the page dictionary"),
    _c("LEAKPDFOUTLINEKEY", K, "private key in a bookmark to a kept page"),
    _c("LEAKPDFSTRUCTPRIVATE", K, "private key in a kept page's structure element"),
    _c("LEAKPDFUSERPROPERTY", K, "/UserProperties attribute of a kept page's element"),
    _c(
        "LEAKPDFPROPLISTPRIVATE",
        K,
        "kept page 1: named property list (/Properties) of a marked-content sequence",
    ),
    _c("LEAKPDFDPSTRING", K, "kept page 1: marked-content point (DP) with a dictionary"),
    _c("LEAKPDFBXUNKNOWN", K, "kept page 1: unknown operator in a BX/EX section"),
    _c("LEAKPDFINLINEKEY", K, "kept page 1: private key of an inline image"),
    _c("LEAKPDFCONTENTKEY", K, "kept page 1: private key of a content stream's dictionary"),
    # revisies.pdf: an incremental update
    _c("LEAKPDFREV1TEXT", "revisies.pdf", "earlier revision's page content (incremental update)"),
    _c("LEAKPDFREV1INFO", "revisies.pdf", "earlier revision's Info /Title"),
    _c("LEAKPDFORPHAN", "revisies.pdf", "an object no other object refers to"),
    _c("LEAKPDFAFTEREOF", "revisies.pdf", "bytes after the last %%EOF"),
    _c("LEAKPDFREV2TEXT", "revisies.pdf", "current revision's page content", "present", "present"),
    # objectstromen.pdf: dictionaries in object streams; page 2 withheld
    _c("LEAKPDFOBJSTMKEPT", "objectstromen.pdf", "kept page 1 text", "present", "present"),
    _c("LEAKPDFOBJSTMWITHHELD", "objectstromen.pdf", "withheld page 2 text", intern="present"),
    _c(
        "LEAKPDFOBJSTMANNOT", "objectstromen.pdf", "withheld page 2 annotation, in an object stream"
    ),
    _c("LEAKPDFOBJSTMINFO", "objectstromen.pdf", "Info /Title, in an object stream"),
    # geheim.pdf: withheld as a whole
    _c(
        "LEAKSECRETPDFTEXT",
        "geheim.pdf",
        "text of a withheld (openbaar: false) PDF",
        intern="present",
    ),
    _c("LEAKSECRETPDFINFO", "geheim.pdf", "Info /Title of a withheld PDF"),
    # verborgen.docx: a public Word file with unprinted parts
    _c("LEAKDOCXVISIBLE", "verborgen.docx", "body text", "present", "present"),
    _c("LEAKDOCXFOOTNOTE", "verborgen.docx", "footnote (printed)", "present", "present"),
    _c("LEAKDOCXENDNOTE", "verborgen.docx", "endnote (printed)", "present", "present"),
    _c("LEAKDOCXTEXTBOX", "verborgen.docx", "text box (printed)", "present", "present"),
    _c(
        "LEAKDOCXHEADER",
        "verborgen.docx",
        "header (printed; may be moved off the stamp line)",
        "kept",
    ),
    _c(
        "LEAKDOCXFOOTER",
        "verborgen.docx",
        "footer (printed; may be moved off the stamp line)",
        "kept",
    ),
    _c("LEAKDOCXWHITETEXT", "verborgen.docx", "white text on white (printed)", "kept"),
    _c(
        "LEAKDOCXALTKEPT",
        "verborgen.docx",
        "image alt text (wp:docPr descr) of a public picture",
        "kept",
    ),
    _c("LEAKDOCXIMAGETITLE", "verborgen.docx", "image title (wp:docPr title)", "kept"),
    _c("LEAKDOCXVANISH", "verborgen.docx", "hidden text (w:vanish)"),
    _c("LEAKDOCXJPEGCOMMENT", "verborgen.docx", "JPEG comment (COM) of a printed photo"),
    _c("LEAKDOCXJPEGEXIF", "verborgen.docx", "EXIF Artist of a printed photo"),
    _c("LEAKDOCXPNGTEXT", "verborgen.docx", "PNG tEXt chunk of a printed picture"),
    _c("LEAKDOCXBOOKMARKNAME", "verborgen.docx", "bookmark name (w:bookmarkStart)"),
    _c("LEAKDOCXSDTALIAS", "verborgen.docx", "content control title (w:alias)"),
    _c("LEAKDOCXSDTTAG", "verborgen.docx", "content control tag (w:tag)"),
    _c("LEAKDOCXMCFALLBACK", "verborgen.docx", "text box in mc:Fallback (the Choice is shown)"),
    _c("LEAKDOCXFFNAME", "verborgen.docx", "legacy form field name (w:ffData)"),
    _c("LEAKDOCXFFHELP", "verborgen.docx", "legacy form field help text"),
    _c("LEAKDOCXFFSTATUS", "verborgen.docx", "legacy form field status-bar text"),
    _c("LEAKDOCXFFDEFAULT", "verborgen.docx", "legacy form field default (a value is shown)"),
    _c(
        "LEAKDOCXHIDDENIMAGEALT",
        "verborgen.docx",
        "alt text of a picture Word hides (wp:docPr hidden); LibreOffice draws it",
        "kept",
    ),
    _c("LEAKDOCXCOMMENTONLYTEXT", "verborgen.docx", "comment in a file without tracked changes"),
    _c("LEAKDOCXCOMMENTONLYAUTHOR", "verborgen.docx", "that comment's author"),
    _c("LEAKDOCXFIELDINSTR", "verborgen.docx", "field instruction (INCLUDETEXT path)"),
    _c("LEAKDOCXGLOSSARY", "verborgen.docx", "glossary document (building blocks)"),
    _c("LEAKDOCXDOCVAR", "verborgen.docx", "document variable (w:docVar)"),
    _c("LEAKDOCXTEMPLATEPATH", "verborgen.docx", "attached template path (settings rels)"),
    _c("LEAKDOCXPEOPLE", "verborgen.docx", "people.xml (authors)"),
    _c("LEAKDOCXCUSTOMXML", "verborgen.docx", "custom XML part (customXml/item1.xml)"),
    _c("LEAKDOCXCORETITLE", "verborgen.docx", "docProps/core.xml dc:title"),
    _c("LEAKDOCXCOREAUTHOR", "verborgen.docx", "docProps/core.xml dc:creator"),
    _c("LEAKDOCXLASTMODBY", "verborgen.docx", "docProps/core.xml cp:lastModifiedBy"),
    _c("LEAKDOCXKEYWORDS", "verborgen.docx", "docProps/core.xml cp:keywords"),
    _c("LEAKDOCXDESCRIPTION", "verborgen.docx", "docProps/core.xml dc:description"),
    _c("LEAKDOCXSUBJECT", "verborgen.docx", "docProps/core.xml dc:subject"),
    _c("LEAKDOCXAPPTEMPLATE", "verborgen.docx", "docProps/app.xml Template"),
    _c("LEAKDOCXAPPCOMPANY", "verborgen.docx", "docProps/app.xml Company"),
    _c("LEAKDOCXAPPMANAGER", "verborgen.docx", "docProps/app.xml Manager"),
    _c("LEAKDOCXCUSTOMNAME", "verborgen.docx", "docProps/custom.xml property name"),
    _c("LEAKDOCXCUSTOMVALUE", "verborgen.docx", "docProps/custom.xml property value"),
    # paginas.docx: page 2 withheld with lakken
    _c("LEAKDOCXPAGEKEPT", "paginas.docx", "kept page 1 text", "present", "present"),
    _c("LEAKDOCXPAGE3KEPT", "paginas.docx", "kept page 3 text", "present", "present"),
    _c("LEAKDOCXPAGEWITHHELDTEXT", "paginas.docx", "withheld page 2 text", intern="present"),
    _c("LEAKDOCXPAGEWITHHELDALT", "paginas.docx", "alt text of the picture on withheld page 2"),
    _c(
        "LEAKDOCXHEADINGWITHHELD",
        "paginas.docx",
        "heading on withheld page 2 (text and bookmark)",
        intern="present",
    ),
    _c(
        "LEAKDOCXHEADINGKEPT",
        "paginas.docx",
        "heading on kept page 3 (text and bookmark)",
        "present",
        "present",
    ),
    # geheim-leaksecretfile.docx: withheld as a whole
    _c(
        "LEAKSECRETDOCXBODY",
        SECRET_FILE,
        "text of a withheld (openbaar: false) .docx",
        intern="present",
    ),
    _c("LEAKSECRETDOCXALT", SECRET_FILE, "alt text of its picture"),
    _c("LEAKSECRETDOCXTITLE", SECRET_FILE, "its core.xml title"),
    _c("LEAKSECRETDOCXAUTHOR", SECRET_FILE, "its core.xml creator"),
    # verborgen.odt: a public ODF file with unprinted parts
    _c("LEAKODTVISIBLE", "verborgen.odt", "body text", "present", "present"),
    _c("LEAKODTFOOTNOTE", "verborgen.odt", "footnote (printed)", "present", "present"),
    _c("LEAKODTHIDDENPARA", "verborgen.odt", "paragraph hidden by text:hidden-paragraph"),
    _c("LEAKODTHIDDENTEXT", "verborgen.odt", "text:hidden-text field"),
    _c("LEAKODTDISPLAYNONE", "verborgen.odt", "span in a style with text:display=none"),
    _c("LEAKODTHIDDENSECTION", "verborgen.odt", "section with text:display=none"),
    _c("LEAKODTCONDSECTION", "verborgen.odt", "section hidden by a condition"),
    _c("LEAKODTVARIABLE", "verborgen.odt", "variable-set with text:display=none"),
    _c("LEAKODTUSERFIELD", "verborgen.odt", "user field (declared value, shown as none)"),
    _c("LEAKODTBOOKMARK", "verborgen.odt", "bookmark name (text:bookmark)"),
    _c("LEAKODTFRAMENAME", "verborgen.odt", "picture frame name (draw:name)"),
    _c("LEAKODTFORMNAME", "verborgen.odt", "form control name (form:name)"),
    _c("LEAKODTFORMTITLE", "verborgen.odt", "form control tooltip (form:title)"),
    _c("LEAKODTFORMVALUE", "verborgen.odt", "form control value (shown in the field)", "kept"),
    _c("LEAKODTCOMMENTONLYTEXT", "verborgen.odt", "office:annotation in a file without changes"),
    _c("LEAKODTCOMMENTONLYAUTHOR", "verborgen.odt", "that annotation's author"),
    _c("LEAKODTMETATITLE", "verborgen.odt", "meta.xml dc:title"),
    _c("LEAKODTMETACREATOR", "verborgen.odt", "meta.xml dc:creator"),
    _c("LEAKODTMETAINITIAL", "verborgen.odt", "meta.xml meta:initial-creator"),
    _c("LEAKODTMETAKEYWORD", "verborgen.odt", "meta.xml meta:keyword"),
    _c("LEAKODTMETADESCRIPTION", "verborgen.odt", "meta.xml dc:description"),
    _c("LEAKODTMETAUSERNAME", "verborgen.odt", "meta.xml meta:user-defined name"),
    _c("LEAKODTMETAUSERVALUE", "verborgen.odt", "meta.xml meta:user-defined value"),
    # tracked changes and comments (_revision_channels) and the steller (_steller_channels)
    # a portfolio
    _c(
        "LEAKPORTFOLIOCOVER",
        "portfolio.pdf",
        "cover page text of a PDF portfolio",
        "kept",
        case="portfolio",
    ),
    _c(
        "LEAKPORTFOLIOFILE",
        "portfolio.pdf",
        "portfolio member file content",
        "absent-or-refused",
        case="portfolio",
    ),
    _c(
        "LEAKPORTFOLIONAME",
        "portfolio.pdf",
        "portfolio member file name",
        "absent-or-refused",
        case="portfolio",
    ),
    _c(
        "LEAKPORTFOLIOITEM",
        "portfolio.pdf",
        "portfolio member /CI collection item",
        "absent-or-refused",
        case="portfolio",
    ),
    _c(
        "LEAKPORTFOLIOSCHEMA",
        "portfolio.pdf",
        "/Collection /Schema field name",
        "absent-or-refused",
        case="portfolio",
    ),
)


def _revision_channels() -> tuple[Channel, ...]:
    """Tracked changes and comments, per format and per mode of ``wijzigingen``: without it
    the build may refuse; ``aanvaarden`` keeps insertions, drops deletions; ``verwerpen`` the
    other way round; comments and authors never ship (not in the intern edition either)."""
    rules = {
        ("", "VISIBLE"): ("kept", "any"),
        ("", "INSERTED"): ("kept", "any"),
        ("aanvaarden", "VISIBLE"): ("present", "present"),
        ("aanvaarden", "INSERTED"): ("present", "present"),
        ("aanvaarden", "DELETED"): ("absent", "absent"),
        ("aanvaarden", "MOVEDFROM"): ("absent", "absent"),
        ("verwerpen", "VISIBLE"): ("present", "present"),
        ("verwerpen", "INSERTED"): ("absent", "absent"),
        ("verwerpen", "DELETED"): ("kept", "any"),
        ("verwerpen", "MOVEDFROM"): ("kept", "any"),
    }
    out = []
    for fmt, kind in (("DOCX", "docx"), ("ODT", "odt")):
        places = [
            ("VISIBLE", "unchanged text"),
            ("DELETED", "tracked deletion"),
            ("INSERTED", "tracked insertion"),
            ("AUTHOR", "author of the tracked changes"),
            ("COMMENTTEXT", "comment text"),
            ("COMMENTAUTHOR", "comment author"),
        ]
        if kind == "docx":
            places.append(("MOVEDFROM", "tracked move source (w:moveFrom)"))
        for mode in ("", "aanvaarden", "verwerpen"):
            case = f"wijzigingen-{kind}" + (f"-{mode}" if mode else "")
            for place, what in places:
                default = ("absent", "absent") if mode else ("absent-or-refused", "any")
                expect, intern = rules.get((mode, place), default)
                out.append(
                    Channel(
                        marker=f"LEAKREV{fmt}{place}",
                        case=case,
                        file=f"revisies.{kind}",
                        channel=f"{what} (wijzigingen: {mode or 'not set'})",
                        expect=expect,
                        intern=intern,
                    )
                )
    return tuple(out)


STELLER_PLACES = {
    "bookmark": "bookmark title",
    "mailto": "mailto link (e-mail)",
    "note": "sticky note /Contents and /T",
    "layer": "text in an optional-content layer that is OFF",
    "alt": "/Alt of a structure element on a kept page",
    "actualtext": "marked-content /ActualText on a kept page",
    "info": "Info /Author and /Title (e-mail)",
    "upper": "visible text, the name in UPPER CASE",
    "alt-docx": "alt text of a picture in a public .docx",
    "header-docx": "header of a public .docx (printed)",
}


def _steller_file(place: str) -> str:
    return f"steller-{place}." + ("docx" if place.endswith("docx") else "pdf")


def _steller_channels() -> tuple[Channel, ...]:
    """The steller's name (or e-mail) in one place per case: the guard stops the public
    edition (refused) or the place does not ship (absent)."""
    return tuple(
        Channel(
            marker=STELLER_MARKER,
            case=f"steller-{place}",
            file=_steller_file(place),
            channel=f"steller's name: {what}",
            expect="absent-or-refused",
        )
        for place, what in STELLER_PLACES.items()
    )


def _vergadering_channels() -> tuple[Channel, ...]:
    """The besluitenlijst of vergadering.yaml (public): {lak} in what the meeting adopted and
    summarised, a case under embargo (number only), a withheld bijlage (title and ground only)."""
    places = (
        ("LEAKVERGVISIBLE", "vergadering.yaml", "samenvatting on the besluitenlijst", "present"),
        ("LEAKVERGLAK", "vergadering.yaml", "{lak} in adopted besluitpunten (gewijzigd)", ""),
        ("LEAKVERGSAMENVATTINGLAK", "vergadering.yaml", "{lak} in a samenvatting", ""),
        ("LEAKEMBARGOONDERWERP", "embargo.yaml", "onderwerp of a case under embargo", ""),
        ("LEAKEMBARGOBIJLAGE", "embargo.yaml", "bijlage titel of a case under embargo", ""),
        ("LEAKEMBARGOSAMENVATTING", "vergadering.yaml", "samenvatting of a case under embargo", ""),
        (SECRET_ID.upper(), "zaak.yaml", "id of a withheld bijlage, on the besluitenlijst", ""),
        ("LEAKSECRETFILE", "zaak.yaml", "file name of a withheld bijlage, on the list", ""),
    )
    return tuple(
        _c(marker, file, what, expect or "absent", case=VERGADERING)
        for marker, file, what, expect in places
    )


CHANNELS: tuple[Channel, ...] = (
    SINGLE
    + _revision_channels()
    + _steller_channels()
    + (
        _c(
            "LEAKLAKTITLE",
            "lak-titel.yaml",
            "{lak} passage in a bijlage's titel (contents, "
            "bookmarks, sitemap, inventarislijst, record)",
            "absent-or-refused",
            case="lak-titel",
        ),
        _c(
            STELLER_MARKER,
            "steller-titel.yaml",
            "steller's name in a bijlage's titel",
            "absent-or-refused",
            case="steller-titel",
        ),
    )
    + _vergadering_channels()
)

CASE_HEAD = """\
# Written by make_leaks.py: the adversary's case (see CATALOGUE.md).
gemeente:
  naam: Haarlem
  cbs_code: "0392"
kenmerk: {kenmerk}
onderwerp: {onderwerp}
collegevergadering: 2020-06-02
portefeuillehouder: Wethouder Proef
afdeling: Proefafdeling
steller:
  naam: {steller_naam}
  telefoon: {steller_telefoon}
  email: {steller_email}
publicatie_url: https://example.org/woo/collegebesluiten
voorstel:
  template: templates/voorstel.docx
  data:
    besluitpunten:
      - Kennis te nemen van de bijlagen.
    toelichting:
      - Zichtbaar in het voorstel LEAKVOORSTELVISIBLE.
      - "Gelakt: {{lak:5.1.2e}}LEAKLAKPASSAGE van mevrouw Jansen{{/lak}}."
    secties:
      - kop: "Zienswijze van {{lak:5.1.2e}}LEAKLAKHEADING{{/lak}}"
        tekst: "Met een teken alleen in de lak: {{lak:5.1.2e}}Haŋ LEAKLAKGLYPH{{/lak}}."
    rijen:
      - naam: "{{lak:5.1.2e}}LEAKLAKTABLE{{/lak}}"
        waarde: "12"
      - naam: Openbaar
        waarde: "3"
bijlagen:
"""

ZAAK_BIJLAGEN = f"""\
  - id: kanalen
    titel: Document met alle kanalen van een PDF
    bestand: bijlagen/kanalen.pdf
    lakken:
      - {{paginas: "2", grond: "5.1.2e"}}
      - {{paginas: "4", grond: "5.1.2e"}}
  - id: revisies
    titel: Herziene notitie
    bestand: bijlagen/revisies.pdf
  - id: objectstromen
    titel: Notitie met objectstromen
    bestand: bijlagen/objectstromen.pdf
    lakken:
      - {{paginas: "2", grond: "5.1.2e"}}
  - id: geheim-pdf
    titel: Vertrouwelijk advies
    bestand: bijlagen/geheim.pdf
    openbaar: false
    grond: "5.1.2e"
  - id: verborgen-word
    titel: Notitie met verborgen onderdelen (Word)
    bestand: bijlagen/verborgen.docx
  - id: paginas-word
    titel: Overzicht van reacties
    bestand: bijlagen/paginas.docx
    lakken:
      - {{paginas: "2", grond: "5.1.2e"}}
  - id: {SECRET_ID}
    titel: Vertrouwelijke notitie
    bestand: bijlagen/{SECRET_FILE}
    openbaar: false
    grond: "5.1.2e"
  - id: verborgen-odt
    titel: Notitie met verborgen onderdelen (ODF)
    bestand: bijlagen/verborgen.odt
"""


def _bijlage(ident: str, titel: str, bestand: str, extra: str = "") -> str:
    return f"""\
  - id: {ident}
    titel: {titel}
    bestand: bijlagen/{bestand}
{extra}"""


CASES: dict[str, tuple[str, str]] = {
    # case name: (onderwerp, bijlagen)
    "zaak": ("Proef met verborgen kanalen", ZAAK_BIJLAGEN),
    "portfolio": (
        "Proef met een portfolio",
        """\
  - id: portfolio
    titel: Portfolio
    bestand: bijlagen/portfolio.pdf
""",
    ),
}


for _kind in ("docx", "odt"):
    for _mode in ("", "aanvaarden", "verwerpen"):
        CASES[f"wijzigingen-{_kind}" + (f"-{_mode}" if _mode else "")] = (
            f"Proef met wijzigingen ({_kind}, {_mode or 'zonder keuze'})",
            _bijlage(
                f"revisies-{_kind}",
                f"Notitie met wijzigingen ({_kind})",
                f"revisies.{_kind}",
                f"    wijzigingen: {_mode}\n" if _mode else "",
            ),
        )
CASES["lak-titel"] = (
    "Proef met een lak in een titel",
    _bijlage("titel", "Reactie van {lak:5.1.2e}LEAKLAKTITLE{/lak}", "objectstromen.pdf"),
)
CASES["steller-titel"] = (
    "Proef met de steller in een titel",
    _bijlage("titel", "Reactie van Q. Leakstellerzq", "objectstromen.pdf"),
)
for _place in STELLER_PLACES:
    CASES[f"steller-{_place}"] = (
        f"Proef met de steller ({_place})",
        _bijlage("reactie", "Reactie op het ontwerp", _steller_file(_place)),
    )


VERGADERING_TEXT = """\
# Written by make_leaks.py: the adversary's collegevergadering (see CATALOGUE.md).
gemeente:
  naam: Haarlem
  cbs_code: "0392"
datum: 2020-06-02
nummer: "2020-01"
publicatie_url: https://example.org/woo/besluitenlijsten
aanwezig:
  - Burgemeester Proef
agenda:
  - zaak: zaak.yaml
    soort: bespreekstuk
    uitkomst: gewijzigd
    besluitpunten:
      - "Kennis te nemen van {bijlage:kanalen}, zonder {lak:5.1.2e}LEAKVERGLAK{/lak}."
    samenvatting: "Openbaar LEAKVERGVISIBLE; gelakt {lak:5.1.2e}LEAKVERGSAMENVATTINGLAK{/lak}."
  - zaak: embargo.yaml
    soort: hamerstuk
    uitkomst: conform
    samenvatting: "Onder embargo LEAKEMBARGOSAMENVATTING."
"""


def embargo_text() -> str:
    """A case under embargo until after the day the besluitenlijst is made."""
    text = case_text("portfolio").replace(
        "onderwerp: Proef met een portfolio", "onderwerp: Proef onder embargo LEAKEMBARGOONDERWERP"
    )
    text = text.replace("kenmerk: 2020/", "embargo_tot: 2020-07-01\nkenmerk: 2020/9")
    return text.replace("titel: Portfolio", "titel: Stukken onder embargo LEAKEMBARGOBIJLAGE")


def case_text(name: str) -> str:
    onderwerp, bijlagen = CASES[name]
    steller = name.startswith("steller")
    return (
        CASE_HEAD.format(
            kenmerk=f"2020/{list(CASES).index(name) + 1:06d}",
            onderwerp=onderwerp,
            steller_naam=STELLER_NAME if steller else "P. Tester",
            steller_telefoon=STELLER_PHONE if steller else "0123 456 789",
            steller_email=STELLER_EMAIL if steller else "p.tester@proef.example",
        )
        + bijlagen
    )


def voorstel(target: Path) -> None:
    """The collegevoorstel template: the minimal case's, without its reference to a bijlage."""
    sys.path.insert(0, str(ROOT / "tools"))
    from make_templates import new_document, save, table, tag

    doc = new_document("Proefvoorstel")
    doc.add_paragraph("Collegevoorstel", style="Title")
    doc.add_paragraph("{{ onderwerp }} ({{ kenmerk }}), {{ collegevergadering|datum }}")
    tag(doc, "{%p if steller.naam %}")
    doc.add_paragraph("Steller: {{ steller.naam }}, {{ steller.telefoon }}, {{ steller.email }}")
    tag(doc, "{%p endif %}")
    doc.add_heading("Besluitpunten", level=1)
    tag(doc, "{%p for punt in besluitpunten %}")
    doc.add_paragraph("{{ punt }}", style="List Number")
    tag(doc, "{%p endfor %}")
    doc.add_heading("Toelichting", level=1)
    tag(doc, "{%p for alinea in toelichting %}")
    doc.add_paragraph("{{ alinea }}")
    tag(doc, "{%p endfor %}")
    tag(doc, "{%p for s in secties %}")
    doc.add_heading("{{ s.kop }}", level=2)
    doc.add_paragraph("{{ s.tekst }}")
    tag(doc, "{%p endfor %}")
    table(
        doc,
        ["Naam", "Aantal"],
        ["{{ r.naam }}", "{{ r.waarde }}"],
        [10.0, 6.0],
        "{%tr for r in rijen %}",
    )
    save(doc, target)
    _pin(target)


def _pin(target: Path) -> None:
    """Rewrite a saved package with fixed dates, so that it is reproducible."""
    import re
    import zipfile

    with zipfile.ZipFile(target) as archive:
        parts: dict[str, bytes | str] = {n: archive.read(n) for n in archive.namelist()}
    core = parts.get("docProps/core.xml")
    if isinstance(core, bytes):
        parts["docProps/core.xml"] = re.sub(
            rb"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?Z?", b"2020-01-01T00:00:00Z", core
        )
    word_leaks.zip_parts(target, parts)


def main(target: Path = HERE) -> None:
    """Write the corpus (cases, template, inputs) into ``target`` (default: beside this file)."""
    bijlagen = target / "bijlagen"
    templates = target / "templates"
    bijlagen.mkdir(parents=True, exist_ok=True)
    templates.mkdir(exist_ok=True)
    for old in [*target.glob("*.yaml"), *bijlagen.glob("*")]:
        old.unlink()
    voorstel(templates / "voorstel.docx")
    pdf_leaks.leaks_pdf(bijlagen / "kanalen.pdf")
    pdf_leaks.incremental_pdf(bijlagen / "revisies.pdf")
    pdf_leaks.objstm_pdf(bijlagen / "objectstromen.pdf")
    pdf_leaks.secret_pdf(bijlagen / "geheim.pdf")
    pdf_leaks.portfolio_pdf(bijlagen / "portfolio.pdf")
    for place in STELLER_PLACES:
        if place.endswith("docx"):
            word_leaks.steller_docx(bijlagen / _steller_file(place), place, STELLER_NAME)
        else:
            pdf_leaks.steller_pdf(
                bijlagen / _steller_file(place), place, STELLER_NAME, STELLER_EMAIL
            )
    word_leaks.hidden_docx(bijlagen / "verborgen.docx")
    word_leaks.pages_docx(bijlagen / "paginas.docx")
    word_leaks.secret_docx(bijlagen / SECRET_FILE)
    word_leaks.revisions_docx(bijlagen / "revisies.docx")
    word_leaks.hidden_odt(bijlagen / "verborgen.odt")
    word_leaks.revisions_odt(bijlagen / "revisies.odt")
    for name in CASES:
        (target / f"{name}.yaml").write_text(case_text(name), encoding="utf-8")
    (target / "embargo.yaml").write_text(embargo_text(), encoding="utf-8")
    (target / f"{VERGADERING}.yaml").write_text(VERGADERING_TEXT, encoding="utf-8")


if __name__ == "__main__":
    main()
