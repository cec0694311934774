"""Which optional content (layers) a reader shows by default, for the public copy.

The rule: content is hidden when its optional-content group is off in the default
configuration (``/OCProperties /D``: listed in ``/OFF``, or not in ``/ON`` when
``/BaseState`` is ``/OFF``), when the group's ``/Usage`` says it is not viewed or not
printed, when a membership dictionary's policy or visibility expression over such groups
says so, or when the ``/OC`` entry cannot be read. Hidden content is removed: the marked
sequence ``/OC … BDC … EMC`` loses everything it shows (text, paths, images, XObjects,
shadings, nested marked content; graphics- and text-state operators stay so the rest of the
page draws as before), and an XObject whose own ``/OC`` is hidden is not drawn. Visible
optional content becomes ordinary page content: its ``BDC``/``EMC`` pair is dropped and no
``/OC`` key is copied, so the copy has no optional content at all (and no ``/OCProperties``).
An annotation in a hidden layer is not copied either.
"""

from __future__ import annotations

from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name


class Visibility:
    """Which optional content is hidden in the default configuration (see the module's rule)."""

    def __init__(self, root: pikepdf.Object) -> None:
        self._off: set[tuple[int, int]] = set()
        properties = root.get("/OCProperties")
        if not isinstance(properties, Dictionary):
            return
        default = properties.get("/D")
        if not isinstance(default, Dictionary):
            return
        if default.get("/BaseState") == Name.OFF:
            on = {g.objgen for g in _listed(default.get("/ON"))}
            self._off = {g.objgen for g in _listed(properties.get("/OCGs")) if g.objgen not in on}
        self._off |= {g.objgen for g in _listed(default.get("/OFF"))}

    def hidden(self, oc: Any) -> bool:
        """Is content marked with ``oc`` (a group or membership dictionary, or None) hidden?"""
        if oc is None:
            return False
        if not isinstance(oc, Dictionary):
            return True
        if oc.get("/Type") == Name.OCMD:
            return self._hidden_membership(oc)
        if oc.get("/Type") == Name.OCG or "/Name" in oc:
            return self._group_off(oc)
        return True

    def _group_off(self, group: pikepdf.Object) -> bool:
        if group.is_indirect and group.objgen in self._off:
            return True
        usage = group.get("/Usage")
        if isinstance(usage, Dictionary):
            view, printed = usage.get("/View"), usage.get("/Print")
            if isinstance(view, Dictionary) and view.get("/ViewState") == Name.OFF:
                return True
            if isinstance(printed, Dictionary) and printed.get("/PrintState") == Name.OFF:
                return True
        return False

    def _hidden_membership(self, membership: pikepdf.Object) -> bool:
        expression = membership.get("/VE")
        if expression is not None:
            return not self._visible_expression(expression, 0)
        groups = [not self._group_off(g) for g in _listed(membership.get("/OCGs"))]
        if not groups:
            return False
        policy = membership.get("/P", Name.AnyOn)
        if policy == Name.AllOn:
            return not all(groups)
        if policy == Name.AnyOff:
            return all(groups)
        if policy == Name.AllOff:
            return any(groups)
        return not any(groups)

    def _visible_expression(self, expression: Any, depth: int) -> bool:
        if isinstance(expression, Dictionary):
            return not self._group_off(expression)
        if not isinstance(expression, Array) or len(expression) < 2 or depth > 20:
            return False
        operator, operands = expression[0], list(expression)[1:]
        values = [self._visible_expression(o, depth + 1) for o in operands]
        if operator == Name.Not:
            return not values[0]
        if operator == Name.And:
            return all(values)
        if operator == Name.Or:
            return any(values)
        return False


def _listed(value: Any) -> list[pikepdf.Object]:
    """The dictionaries of an array (or a single one), for identity tests."""
    items = list(value) if isinstance(value, Array) else [value]
    return [item for item in items if isinstance(item, Dictionary) and item.is_indirect]
