"""ToUnicode CMaps of a public copy's fonts: read (bfchar and bfrange entries) and written
anew with only the codes the copy shows, under a fixed name."""

from __future__ import annotations

import re

_HEX = re.compile(rb"<([0-9A-Fa-f\s]*)>")
_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)
_RANGE_ENTRY = re.compile(
    rb"<([0-9A-Fa-f\s]*)>\s*<([0-9A-Fa-f\s]*)>\s*(<[0-9A-Fa-f\s]*>|\[[^\]]*\])"
)


def read_cmap(data: bytes) -> dict[int, str]:
    """A ToUnicode CMap's code → text entries (bfchar and bfrange)."""
    mapping: dict[int, str] = {}
    for block in _BFCHAR.findall(data):
        values = _HEX.findall(block)
        for source, target in zip(values[::2], values[1::2], strict=False):
            mapping[_int(source)] = _utf16(target)
    for block in _BFRANGE.findall(data):
        for low, high, target in _RANGE_ENTRY.findall(block):
            start, end = _int(low), _int(high)
            if end - start > 0xFFFF:
                continue
            if target.startswith(b"["):
                for offset, value in enumerate(_HEX.findall(target)):
                    mapping[start + offset] = _utf16(value)
                continue
            first = _hex(_HEX.findall(target)[0])
            for offset in range(end - start + 1):
                last = int.from_bytes(first[-2:] or b"\0\0", "big") + offset
                mapping[start + offset] = _decode(first[:-2] + (last & 0xFFFF).to_bytes(2, "big"))
    return mapping


def _hex(value: bytes) -> bytes:
    digits = re.sub(rb"\s", b"", value)
    if len(digits) % 2:
        digits += b"0"
    return bytes.fromhex(digits.decode("ascii"))


def _int(value: bytes) -> int:
    return int.from_bytes(_hex(value), "big") if _hex(value) else 0


def _utf16(value: bytes) -> str:
    return _decode(_hex(value))


def _decode(data: bytes) -> str:
    return data.decode("utf-16-be", errors="replace")


def write_cmap(mapping: dict[int, str], width: int, *, name: str = "Besluitpak-UCS") -> bytes:
    """A ToUnicode CMap of ``mapping`` (codes of ``width`` bytes), in its order; the one
    writer of the CMaps besluitpak makes (public copies, repaired and embedded fonts)."""
    digits = 2 * width
    lines = [
        "/CIDInit /ProcSet findresource begin",
        "12 dict begin",
        "begincmap",
        "/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def",
        f"/CMapName /{name} def",
        "/CMapType 2 def",
        "1 begincodespacerange",
        f"<{0:0{digits}X}> <{(1 << (8 * width)) - 1:0{digits}X}>",
        "endcodespacerange",
    ]
    entries = list(mapping.items())
    for start in range(0, len(entries), 100):
        chunk = entries[start : start + 100]
        lines.append(f"{len(chunk)} beginbfchar")
        for code, text in chunk:
            unicode = text.encode("utf-16-be", "surrogatepass").hex().upper()
            lines.append(f"<{code:0{digits}X}> <{unicode}>")
        lines.append("endbfchar")
    lines += [
        "endcmap",
        "CMapName currentdict /CMap defineresource pop",
        "end",
        "end",
    ]
    return "\n".join(lines).encode("ascii")
