"""Where a table's rows go (:mod:`besluitpak.pdf.table` draws them): each cell's text
wrapped into lines, each row's height, the heading's height, and which whole rows fit on
which page. Measures with reportlab's font metrics; draws nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth

TOP = 62.0
"""From the top edge to the top of the first line (the heading, or the header row)."""
BOTTOM = 56.0
"""From the bottom edge to the lowest row's bottom (the footer sits below it)."""
SIZE = 9.5
LEADING = 12.0
PAD = 4.0
TITLE_SIZE = 20.0
INTRO_SIZE = 11.0


@dataclass(frozen=True, kw_only=True)
class Row:
    """A row laid out: each cell's lines, its link (if any), and the row's height."""

    lines: tuple[tuple[str, ...], ...]
    urls: tuple[str | None, ...]
    height: float


def check(header: Sequence[str], rows: Sequence[Sequence[object]], widths: Sequence[float]) -> None:
    """Refuse widths that are not one positive number per column, and a row of another
    length than the header (a programming error: ``ValueError``)."""
    if not header or len(widths) != len(header):
        raise ValueError(
            f"table_pdf: widths: expected one per column ({len(header)}), got {len(widths)}"
        )
    if any(w <= 0 for w in widths):
        raise ValueError(f"table_pdf: widths: expected positive numbers, got {list(widths)}")
    for number, row in enumerate(rows, start=1):
        if len(row) != len(header):
            raise ValueError(
                f"table_pdf: row {number}: expected {len(header)} cells, got {len(row)}"
            )


def wrap(text: str, font: str, size: float, width: float) -> list[str]:
    """``text`` in lines no wider than ``width``: at spaces, and a word wider than a line
    (an address) after a ``/``, ``-``, ``.``, ``_``, ``?``, ``&`` or ``=``, else anywhere."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        for line in simpleSplit(paragraph, font, size, width):
            while stringWidth(line, font, size) > width:
                cut = _cut(line, font, size, width)
                lines.append(line[:cut])
                line = line[cut:]
            lines.append(line)
    return lines


def _cut(line: str, font: str, size: float, width: float) -> int:
    """Where to break an over-wide ``line``: the most that fits, after a breaking mark if
    there is one."""
    fits = 1
    while fits < len(line) and stringWidth(line[: fits + 1], font, size) <= width:
        fits += 1
    marks = [i + 1 for i in range(fits) if line[i] in "/-._?&=" and i + 1 < fits]
    return max(marks) if marks and max(marks) > fits // 2 else fits


def layout_row(cells: Sequence[tuple[str, str | None]], columns: Sequence[float], font: str) -> Row:
    """A row of ``(text, url)`` cells in columns of these widths, in ``font``."""
    lines = tuple(
        tuple(wrap(text, font, SIZE, width - 2 * PAD))
        for (text, _), width in zip(cells, columns, strict=True)
    )
    tallest = max([len(cell) for cell in lines] + [1])
    return Row(
        lines=lines,
        urls=tuple(url for _, url in cells),
        height=2 * PAD + SIZE + LEADING * (tallest - 1) + 2,
    )


def heading_lines(
    title: str, intro: Sequence[str], width: float, regular: str, bold: str
) -> tuple[list[str], list[list[str]], float]:
    """The title's lines, each intro paragraph's lines, and the height they take."""
    title_lines = wrap(title, bold, TITLE_SIZE, width)
    intro_lines = [wrap(text, regular, INTRO_SIZE, width) for text in intro]
    height = TITLE_SIZE + 26 * (len(title_lines) - 1) + 22
    height += sum(15 * len(lines) + 6 for lines in intro_lines) + (12 if intro else 0)
    return title_lines, intro_lines, height


def paginate(
    rows: Sequence[Row], header: float, heading: float, page_height: float
) -> list[list[int]]:
    """Which rows go on which page: as many whole rows as fit under the header row."""
    pages: list[list[int]] = [[]]
    room = page_height - TOP - BOTTOM - header - heading
    for index, row in enumerate(rows):
        if row.height > page_height - TOP - BOTTOM - header:
            raise ValueError(
                f"table_pdf: row {index + 1}: expected a row that fits on a page, got one of "
                f"{row.height:.0f} pt"
            )
        if row.height > room and pages[-1]:
            pages.append([])
            room = page_height - TOP - BOTTOM - header
        pages[-1].append(index)
        room -= row.height
    return pages
