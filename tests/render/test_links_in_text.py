"""Addresses in text become real links, and a link holds only its address."""

from __future__ import annotations

import zipfile
from pathlib import Path

from lxml import etree

from besluitpak import load_case
from besluitpak.render.docx import render_case
from tests.helpers import ROOT

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _hyperlinks(docx: Path) -> list[etree._Element]:
    with zipfile.ZipFile(docx) as package:
        body = etree.fromstring(package.read("word/document.xml"))
    return list(body.iter(f"{W}hyperlink"))


def test_the_stellers_e_mail_address_is_a_link_without_the_tab_before_it(tmp_path: Path) -> None:
    case = load_case(ROOT / "besluitpak.yaml")
    [voorstel, *_] = render_case(case, tmp_path)
    [link] = [h for h in _hyperlinks(voorstel.path) if "@" in "".join(h.itertext())]
    assert "".join(link.itertext()) == case.meta.steller.email
    assert list(link.iter(f"{W}tab")) == []
    paragraph = link.getparent()
    text = "".join(
        "\t" if el.tag == f"{W}tab" else (el.text or "")
        for el in paragraph.iter(f"{W}t", f"{W}tab")
    )
    assert text.startswith("Steller\t") and text.endswith(case.meta.steller.email)
