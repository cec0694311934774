"""How the page shows a text of the data: a redacted passage marked as the intern edition
marks it (highlighted, its ground after it), never its ``{lak:…}`` markup."""

from __future__ import annotations

from django import template
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import SafeString, mark_safe

from besluitpak.editing import lak

register = template.Library()


@register.filter
def gelakt(text: object) -> SafeString:
    """``text`` as HTML with each ``{lak:5.1.2e}…{/lak}`` passage in a ``<mark>`` that says
    it will be withheld and on which ground; everything else escaped."""
    written = str(text)
    parts: list[str] = []
    last = 0
    for match in lak.LAK.finditer(written):
        code, passage = match.group(1), match.group(2)
        parts.append(conditional_escape(written[last : match.start()]))
        parts.append(
            format_html(
                '<mark class="bp-lak">{}<span class="bp-lak__grond"> (gelakt, {})</span></mark>',
                passage,
                f"artikel {code} Woo" if code in lak.GRONDEN else code,
            )
        )
        last = match.end()
    parts.append(conditional_escape(written[last:]))
    return mark_safe("".join(parts))  # each part is escaped or built by format_html
