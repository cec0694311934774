"""The rows of the word-redaction case (``lak-woorden``, issue 29 item 3): words and boxes
removed from kept pages of ready-made PDFs (pdf_redaction.py), what is beside them kept."""

from __future__ import annotations

from tests.corpus.leaks.channel import Channel, row

CASE = "lak-woorden"
W = "woorden.pdf"
T = "woorden-tagged.pdf"
D = "woorden.docx"


def _gone(marker: str, file: str, channel: str) -> Channel:
    return row(marker, file, channel, intern="present", case=CASE)


def _kept(marker: str, file: str, channel: str) -> Channel:
    return row(marker, file, channel, "present", "present", case=CASE)


REDACTION: tuple[Channel, ...] = (
    _gone("LEAKWOORDTJ", W, "woorden: a word split over TJ strings with kerning"),
    _kept("LEAKNAASTOPEN", W, "the word after it in the same TJ array"),
    _kept("LEAKREDOPENA", W, "a line above the redacted words"),
    _gone("LEAKACTUALZICHT", W, "woorden: a word in a marked sequence"),
    row(
        "LEAKACTUALSPAN",
        W,
        "that marked sequence's /ActualText",
        case=CASE,
    ),
    _gone("LEAKLINKWOORD", W, "woorden: a word under a link"),
    row("LEAKLINKURI", W, "the URI of the link over the redacted word", case=CASE),
    _gone("LEAKTYPEDRIE", W, "woorden: a word drawn with a Type 3 font"),
    _gone("LEAKGLYFNAAM", W, "woorden: and a Type 3 glyph named so (a logo on the page)"),
    _gone("LEAKNFD", W, "woorden with an accent: its second occurrence decomposed (NFD)"),
    _kept(
        "LEAKFORMGEDEELD",
        W,
        "a form XObject under a box on page 1 and drawn on page 2 too: page 2 keeps it",
    ),
    row(
        "LEAKBEELDPIXELS",
        W,
        "vak: the pixel bytes of an image under a box",
        case=CASE,
    ),
    _gone("LEAKDRAAIGELAKT", W, "vak on a rotated page (unrotated coordinates)"),
    _kept("LEAKDRAAIOPEN", W, "the word beside it on the rotated page"),
    _kept("LEAKPAGINATWEEOPEN", W, "page 2's own text"),
    _gone("LEAKSTRUCTZICHT", T, "woorden: a word in a tagged Span"),
    row("LEAKSTRUCTACTUAL", T, "the Span element's /ActualText", case=CASE),
    row("LEAKSTRUCTALT", T, "its paragraph's /Alt", case=CASE),
    row("LEAKSTRUCTSPAN", T, "its marked sequence's /ActualText", case=CASE),
    _kept("LEAKSTRUCTOPEN", T, "a tagged paragraph beside it"),
    _gone("LEAKDOCXKOP", D, "woorden in a .docx: its header"),
    _gone("LEAKDOCXNOOT", D, "woorden in a .docx: a footnote"),
    _gone("LEAKDOCXWIJZIGING", D, "woorden in a .docx: a tracked insertion (aanvaarden)"),
    _gone("LEAKDOCXRUNS", D, "woorden in a .docx: split over runs of other formatting"),
    _gone("LEAKDOCXTEKSTVAK", D, "woorden in a .docx: a text box (and its VML fallback)"),
    _kept("LEAKDOCXOPEN", D, "a word beside them in the .docx"),
)
