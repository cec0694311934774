"""Links in a Word document as the bundle wants them: every web or e-mail address in the text
a real hyperlink (screen readers and PDF/UA want a link annotation over an address), and no
image linked from the web (LibreOffice would fetch it while converting)."""

from __future__ import annotations

import copy
import re
from typing import Any

from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

_ADDRESS = re.compile(
    r"(https?://[^\s<>()]+|www\.[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+(?:/[^\s<>()]*)?"
    r"|[\w.+-]+@[\w-]+(?:\.[\w-]+)+)"
)


def unlink_remote_images(docx: Any) -> int:
    """Drop images linked from the web (``r:link`` to an external target): LibreOffice would
    try to fetch them while converting. Embedded images stay. Returns how many."""
    part = docx.part
    remote = {
        rel_id for rel_id, rel in part.rels.items() if rel.is_external and rel.reltype == RT.IMAGE
    }
    count = 0
    for blip in part.element.iter(qn("a:blip")):
        link = blip.get(qn("r:link"))
        if link in remote:
            del blip.attrib[qn("r:link")]
            count += 1
    for rel_id in remote:
        del part.rels[rel_id]
    return count


def _href(address: str) -> str:
    if "@" in address and "://" not in address:
        return f"mailto:{address}"
    return address if "://" in address else f"https://{address}"


def link_addresses(docx: Any) -> int:
    """Make every web or e-mail address in the text a real hyperlink (screen readers and
    PDF/UA want a link annotation over an address). Returns how many were linked."""
    body = docx.element.body
    part = docx.part
    count = 0
    for run in list(body.iter(qn("w:r"))):
        if run.getparent().tag == qn("w:hyperlink"):
            continue
        texts = run.findall(qn("w:t"))
        if len(texts) != 1 or not texts[0].text:
            continue
        text = texts[0].text
        pieces: list[tuple[str, str | None]] = []
        last = 0
        for match in _ADDRESS.finditer(text):
            address = match.group().rstrip(".,;:!?")
            end = match.start() + len(address)
            pieces.append((text[last : match.start()], None))
            pieces.append((address, _href(address)))
            last = end
        if not any(href for _, href in pieces):
            continue
        pieces.append((text[last:], None))
        parent = run.getparent()
        before, after = _split_off_extras(run)
        index = parent.index(run)
        if before is not None:
            parent.insert(index, before)
            index += 1
        if after is not None:
            parent.insert(index + 1, after)
        for offset, (piece, href) in enumerate(p for p in pieces if p[0]):
            new_run = copy.deepcopy(run)
            new_run.find(qn("w:t")).text = piece
            new_run.find(qn("w:t")).set(qn("xml:space"), "preserve")
            if href is None:
                parent.insert(index + offset, new_run)
                continue
            props = new_run.find(qn("w:rPr"))
            if props is None:
                props = OxmlElement("w:rPr")
                new_run.insert(0, props)
            style = OxmlElement("w:rStyle")
            style.set(qn("w:val"), "Hyperlink")
            props.insert(0, style)
            link = OxmlElement("w:hyperlink")
            link.set(qn("r:id"), part.relate_to(href, RT.HYPERLINK, is_external=True))
            link.append(new_run)
            parent.insert(index + offset, link)
            count += 1
        parent.remove(run)
    return count


def _split_off_extras(run: Any) -> tuple[Any, Any]:
    """Move what a run holds besides its text (a tab, a break) into plain runs of their own,
    before and after it, so a link made of the text does not start with a tab (the
    underline began a centimetre before the address). Returns those runs (or None)."""
    text = run.find(qn("w:t"))
    props = run.find(qn("w:rPr"))
    extras = [child for child in run if child is not text and child is not props]
    if not extras:
        return None, None
    position = list(run).index(text)
    made: list[Any] = []
    for side in (
        [c for c in extras if list(run).index(c) < position],
        [c for c in extras if list(run).index(c) > position],
    ):
        if not side:
            made.append(None)
            continue
        plain = OxmlElement("w:r")
        if props is not None:
            plain.append(copy.deepcopy(props))
        for child in side:
            plain.append(child)  # moves it out of the run
        made.append(plain)
    return made[0], made[1]
