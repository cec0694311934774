"""What a kept page's content stream keeps: the instructions a reader sees, and the names of
the resources they use.

Optional content follows the rule of :mod:`besluitpak.pdf.public_layers`: hidden content is
removed (what it shows; graphics- and text-state operators stay so the rest of the page draws
as before), visible layers become ordinary content. Only operators a reader knows are kept
(:data:`besluitpak.pdf.public_bytes.OPERATORS`); a marked sequence keeps only the properties
that say what it marks. The resources themselves are copied by
:class:`besluitpak.pdf.public_content.Copier`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import pikepdf
from pikepdf import Dictionary, Name

from besluitpak.pdf import public_bytes
from besluitpak.pdf.public_layers import Visibility

_DEVICE = {"/DeviceGray", "/DeviceRGB", "/DeviceCMYK", "/Pattern", "/G", "/RGB", "/CMYK", "/I"}
_SHOWS = {
    *("Tj", "TJ", "'", '"', "Do", "sh", "BI", "MP", "DP"),
    *("m", "l", "c", "v", "y", "h", "re", "W", "W*"),
    *("S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n"),
}
"""What hidden content loses: everything that shows something or builds a path."""

Instruction = pikepdf.ContentStreamInstruction | pikepdf.ContentStreamInlineImage


@dataclass
class Filtered:
    """A content stream as the copy keeps it."""

    instructions: list[Instruction | bytes] = field(default_factory=list)
    """Kept instructions; an inline image as the bytes that write it."""
    used: dict[str, set[str]] = field(default_factory=dict)
    """Resource names the kept instructions use, per category."""
    mcids: set[int] = field(default_factory=set)
    """Marked-content ids still present."""
    stack: list[bool] = field(default_factory=list)
    """Per open marked sequence: whether its BDC was kept (not unwrapped optional content)."""
    hidden: int = 0
    """The depth of marked sequences inside hidden optional content (0: not hidden)."""

    def use(self, category: str, name: Any) -> None:
        if isinstance(name, Name):
            self.used.setdefault(category, set()).add(str(name))


class ContentFilter:
    """Filters content streams by what a reader sees of their optional content
    (``visibility``)."""

    def __init__(self, visibility: Visibility) -> None:
        self.visibility = visibility

    def keep(self, instructions: Iterable[Instruction], resources: Dictionary) -> Filtered:
        """The instructions of a content stream (``resources`` its resources) a reader sees,
        with what they use."""
        kept = Filtered()
        for instruction in instructions:
            if isinstance(instruction, pikepdf.ContentStreamInlineImage):
                written = None if kept.hidden else public_bytes.inline_image(instruction)
                if written is not None:
                    colour = instruction.iimage.obj.get("/ColorSpace")
                    if str(colour) not in _DEVICE:
                        kept.use("/ColorSpace", colour)
                    kept.instructions.append(written)
                continue
            operator, operands = str(instruction.operator), list(instruction.operands)
            if operator not in public_bytes.OPERATORS:
                continue  # BX/EX and what a reader does not know; MP and DP mark nothing
            if kept.hidden:
                self._hidden(kept, instruction, operator, operands)
            elif operator in ("BMC", "BDC", "EMC"):
                self._marked_sequence(kept, instruction, operator, operands, resources)
            elif operator != "Do" or not self._xobject_hidden(operands[0], resources):
                self._use(kept, operator, operands)
                kept.instructions.append(instruction)
        return kept

    def _marked_sequence(
        self,
        kept: Filtered,
        instruction: Instruction,
        operator: str,
        operands: list[Any],
        resources: Dictionary,
    ) -> None:
        """A marked sequence begins or ends: optional content is hidden or unwrapped, other
        marks are kept (with the property list they name)."""
        if operator == "EMC":
            if kept.stack and kept.stack.pop():
                kept.instructions.append(instruction)
            return  # the end of unwrapped optional content, or one that began nowhere
        if operator == "BDC" and operands[0] == Name.OC:
            oc = _property(operands[1], resources)
            if oc is None or self.visibility.hidden(oc):  # a layer named nowhere: hidden
                kept.hidden = 1
            else:
                kept.stack.append(False)
            return
        kept.stack.append(True)
        if operator == "BDC":
            self._marked(kept, operands[1], resources)
            properties = public_bytes.mark_properties(operands[1])
            instruction = pikepdf.ContentStreamInstruction(
                [operands[0], properties], pikepdf.Operator("BDC")
            )
        kept.instructions.append(instruction)

    def _hidden(
        self, kept: Filtered, instruction: Instruction, operator: str, operands: list[Any]
    ) -> None:
        """An instruction inside hidden optional content."""
        if operator in ("BMC", "BDC"):
            kept.hidden += 1
        elif operator == "EMC":
            kept.hidden -= 1
        elif operator not in _SHOWS:
            self._keep_state(kept, instruction, operator, operands)

    def _keep_state(
        self, kept: Filtered, instruction: Instruction, operator: str, operands: list[Any]
    ) -> None:
        """In hidden content, what changes the state the visible content after it draws
        with: kept; what shows text moves to the next line without showing it."""
        if operator == "'":
            kept.instructions.append(pikepdf.ContentStreamInstruction([], pikepdf.Operator("T*")))
            return
        if operator == '"':
            for value, op in ((operands[0], "Tw"), (operands[1], "Tc")):
                kept.instructions.append(
                    pikepdf.ContentStreamInstruction([value], pikepdf.Operator(op))
                )
            kept.instructions.append(pikepdf.ContentStreamInstruction([], pikepdf.Operator("T*")))
            return
        self._use(kept, operator, operands)
        kept.instructions.append(instruction)

    def _use(self, kept: Filtered, operator: str, operands: list[Any]) -> None:
        if operator == "Tf" and operands:
            kept.use("/Font", operands[0])
        elif operator == "Do" and operands:
            kept.use("/XObject", operands[0])
        elif operator == "gs" and operands:
            kept.use("/ExtGState", operands[0])
        elif operator in ("cs", "CS") and operands and str(operands[0]) not in _DEVICE:
            kept.use("/ColorSpace", operands[0])
        elif operator in ("scn", "SCN") and operands:
            kept.use("/Pattern", operands[-1])
        elif operator == "sh" and operands:
            kept.use("/Shading", operands[0])
        elif operator == "DP" and len(operands) > 1:
            kept.use("/Properties", operands[1])

    def _marked(self, kept: Filtered, properties: Any, resources: Dictionary) -> None:
        kept.use("/Properties", properties)
        found = _property(properties, resources)
        if isinstance(found, Dictionary) and isinstance(found.get("/MCID"), int):
            kept.mcids.add(int(found.MCID))

    def _xobject_hidden(self, name: Any, resources: Dictionary) -> bool:
        xobject = lookup(resources, "/XObject", name)
        if not isinstance(xobject, pikepdf.Stream):
            return True  # draws nothing
        return self.visibility.hidden(xobject.get("/OC"))


def _property(value: Any, resources: Dictionary) -> Any:
    """A marked-content property list: given inline, or named in the resources."""
    if isinstance(value, Name):
        return lookup(resources, "/Properties", value)
    return value


def lookup(resources: Dictionary, category: str, name: Any) -> Any:
    """What ``resources`` holds under ``name`` in ``category`` (None: nothing)."""
    group = resources.get(category)
    if not isinstance(group, Dictionary) or not isinstance(name, Name):
        return None
    return group.get(str(name))
