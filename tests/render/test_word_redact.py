"""The words of ``lakken`` replaced in a ready-made .docx and .odt before conversion (issue 29
item 3): in every part and across runs and spans, nothing of them left in any XML of the
package, a word beside them kept (fast: no LibreOffice; the built case is in the leak corpus,
``lak-woorden``)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from besluitpak.render import word_redact
from besluitpak.render.word_redact import Words
from tests.corpus.leaks import odf_leaks, word_redaction_docx


def _texts(data: bytes) -> str:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        return "\n".join(archive.read(n).decode("utf-8", "replace") for n in archive.namelist())


def test_every_part_of_a_docx_loses_the_words_and_keeps_the_rest(tmp_path: Path) -> None:
    source = tmp_path / "woorden.docx"
    word_redaction_docx.words_docx(source)
    words = [Words(woorden=w, grond="5.1.2e") for w in word_redaction_docx.WORDS]
    words.append(Words(woorden="voetnoot over", grond="5.1.2d"))  # two words, case-free
    data, counts = word_redact.redact(source.read_bytes(), words)
    # header, footnote, insertion, runs (and the core properties' title), the text box and
    # its VML fallback, the two-word entry in the footnote
    assert counts == [1, 1, 1, 2, 2, 1]
    text = _texts(data)
    assert "LEAKDOCX" not in text.replace("LEAKDOCXOPEN", "")
    assert "LEAKDO" not in text.replace("LEAKDOCXOPEN", "")  # no piece of the split word
    assert text.count("[gelakt: 5.1.2e]") == 7
    assert "[gelakt: 5.1.2d] LEAKDOCXNOOT" not in text  # one marker per occurrence
    assert word_redact.left(data, words) == []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        body = archive.read("word/document.xml").decode()
    assert 'xml:space="preserve">Gesplitst [gelakt: 5.1.2e]</w:t>' in body


def test_an_odt_loses_the_words_across_spans_notes_and_frames(tmp_path: Path) -> None:
    body = (
        odf_leaks.tp("Openbaar ODTOPEN blijft.")
        + odf_leaks.tp(
            'Naam Jan <text:span text:style-name="T1">de</text:span> Vries'
            '<text:note text:id="n1" text:note-class="footnote"><text:note-citation>1'
            "</text:note-citation><text:note-body>"
            + odf_leaks.tp("Noot: jan de vries.")
            + "</text:note-body></text:note> eind."
        )
        + '<text:p><draw:frame draw:name="f"><svg:title>Foto van Jan de Vries</svg:title>'
        "</draw:frame></text:p>"
    )
    source = tmp_path / "woorden.odt"
    odf_leaks._odt(source, "", body, "<dc:title>Over Jan de Vries</dc:title>")
    words = [Words(woorden="Jan de Vries", grond="5.1.2e")]
    data, counts = word_redact.redact(source.read_bytes(), words)
    assert counts == [4]
    text = _texts(data)
    assert "Vries" not in text and "vries" not in text
    assert "ODTOPEN" in text
    assert word_redact.left(data, words) == []
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert archive.namelist()[0] == "mimetype"
        assert archive.getinfo("mimetype").compress_type == zipfile.ZIP_STORED


def test_words_found_nowhere_are_counted_as_none(tmp_path: Path) -> None:
    source = tmp_path / "woorden.docx"
    word_redaction_docx.words_docx(source)
    words = [Words(woorden="LEAKDOCX", grond="5.1.2e"), Words(woorden="Nergens", grond="5.1.2e")]
    _, counts = word_redact.redact(source.read_bytes(), words)
    assert counts == [0, 0]  # whole words only: LEAKDOCX is part of longer words


def test_a_name_typed_decomposed_is_replaced_like_the_precomposed_one(tmp_path: Path) -> None:
    # F5: "Müller" typed once precomposed and once as u + U+0308 (split over two runs),
    # and once in a picture's description; "Mullers" (another word) stays.
    body = (
        "<w:p><w:r><w:t>De heer M\u00fcller sprak in.</w:t></w:r></w:p>"
        "<w:p><w:r><w:t>Mu</w:t></w:r><w:r><w:t>\u0308ller woont hier, naast Mullers."
        "</w:t></w:r></w:p>"
        '<w:p><w:r><w:drawing><wp:docPr id="1" name="f" descr="Foto van MU\u0308LLER"/>'
        "</w:drawing></w:r></w:p>"
    )
    document = (
        '<?xml version="1.0" encoding="UTF-8"?><w:document '
        'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing">'
        f"<w:body>{body}</w:body></w:document>"
    )
    source = io.BytesIO()
    with zipfile.ZipFile(source, "w") as archive:
        archive.writestr("word/document.xml", document.encode())
    words = [Words(woorden="Müller", grond="5.1.2e")]
    data, counts = word_redact.redact(source.getvalue(), words)
    assert counts == [3]
    text = _texts(data)
    assert "ller " not in text and "LLER" not in text and "\u0308" not in text
    assert text.count("[gelakt: 5.1.2e]") == 3
    assert "woont hier, naast Mullers." in text
    assert word_redact.left(data, words) == []
