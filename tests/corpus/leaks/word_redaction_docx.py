"""The .docx of the word-redaction case (``lak-woorden``, issue 29 item 3): words a ``lakken``
entry with ``woorden`` names, in the places of a Word file other than the body's plain runs —
the header, a footnote, a tracked insertion (``wijzigingen: aanvaarden``), a text box, and
split over runs of other formatting (and whole in the core properties' title, where the
corpus's scan of the input finds it) — beside a word that stays."""

from __future__ import annotations

from pathlib import Path

from tests.corpus.leaks.word_leaks import (
    DOC_REL,
    WML,
    _document,
    _part,
    _simple_docx,
    _textbox,
    p,
)

WORDS = ("LEAKDOCXKOP", "LEAKDOCXNOOT", "LEAKDOCXWIJZIGING", "LEAKDOCXRUNS", "LEAKDOCXTEKSTVAK")
"""Each is the woorden of one lakken entry."""


def words_docx(target: Path) -> None:
    who = 'w:author="Afdeling" w:date="2020-01-01T00:00:00Z"'
    body = (
        p("Reactie van een bewoner", "Title")
        + p("Openbaar LEAKDOCXOPEN in de tekst.")
        + '<w:p><w:r><w:t xml:space="preserve">Gesplitst LEAKDO</w:t></w:r>'
        "<w:r><w:rPr><w:b/></w:rPr><w:t>CXRU</w:t></w:r>"
        '<w:r><w:t xml:space="preserve">NS en verder.</w:t></w:r></w:p>'
        + '<w:p><w:r><w:t xml:space="preserve">Toegevoegd: </w:t></w:r>'
        f'<w:ins w:id="31" {who}><w:r><w:t>LEAKDOCXWIJZIGING</w:t></w:r></w:ins></w:p>'
        + '<w:p><w:r><w:t xml:space="preserve">Met een voetnoot</w:t></w:r>'
        '<w:r><w:footnoteReference w:id="1"/></w:r></w:p>'
        + _textbox("Tekstvak LEAKDOCXTEKSTVAK", "Tekstvak LEAKDOCXTEKSTVAK")
        + p("")
    )
    notes = (
        '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p>'
        '</w:footnote><w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:r>'
        "<w:continuationSeparator/></w:r></w:p></w:footnote>"
        f'<w:footnote w:id="1">{p("Voetnoot over LEAKDOCXNOOT.")}</w:footnote>'
    )
    sect = '<w:headerReference w:type="default" r:id="rIdH"/>'
    _simple_docx(
        target,
        "",
        "Reactie LEAKDOCXRUNS",  # whole here, so the scan finds it in the input too
        "Afdeling",
        extra_parts={
            "word/header1.xml": _part("hdr", p("Kop met LEAKDOCXKOP")),
            "word/footnotes.xml": _part("footnotes", notes),
        },
        extra_rels=[
            ("rIdH", f"{DOC_REL}/header", "header1.xml"),
            ("rIdFn", f"{DOC_REL}/footnotes", "footnotes.xml"),
        ],
        extra_types={
            "word/header1.xml": f"{WML}.header+xml",
            "word/footnotes.xml": f"{WML}.footnotes+xml",
        },
        document=_document(body, sect),
    )
