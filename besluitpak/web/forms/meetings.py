"""The form of a meeting's page: what the college decided on one agenda item."""

from __future__ import annotations

import re
from typing import Any

from django import forms

from besluitpak.editing import meetings
from besluitpak.errors import Problem
from besluitpak.web import wording
from besluitpak.web.forms.base import ProblemsMixin


class OutcomeForm(ProblemsMixin, forms.Form):
    """What the college decided on one agenda item: the uitkomst and, for gewijzigd, the
    besluitpunten as adopted (one per paragraph)."""

    uitkomst = forms.ChoiceField(
        label="Uitkomst",
        required=False,
        choices=[("", "nog niet vastgelegd"), *((u, u) for u in meetings.UITKOMSTEN)],
        widget=forms.Select({"class": "utrecht-select utrecht-select--html-select"}),
    )
    besluitpunten = forms.CharField(
        label="Gewijzigde besluitpunten",
        required=False,
        help_text="Alleen bij gewijzigd: de besluitpunten zoals het college ze nam, elk als "
        "eigen alinea (een witregel ertussen).",
        widget=forms.Textarea(
            {"class": "utrecht-textarea utrecht-textarea--html-textarea", "rows": 4}
        ),
    )

    def __init__(self, *args: Any, nummer: int, **kwargs: Any) -> None:
        kwargs["prefix"] = f"punt-{nummer}"
        super().__init__(*args, **kwargs)
        self.nummer = nummer

    def punten(self) -> list[str]:
        """The besluitpunten: one per paragraph, each paragraph's lines joined."""
        text = self.cleaned_data.get("besluitpunten") or ""
        paragraphs = re.split(r"\n\s*\n", text.replace("\r\n", "\n"))
        return [" ".join(p.split()) for p in paragraphs if p.strip()]

    def add_problems(self, problems: list[Problem]) -> None:
        """This item's problems beside its fields (``agenda[i].uitkomst`` beside the
        uitkomst, the rest of ``agenda[i]`` beside the besluitpunten); others above."""
        if not hasattr(self, "cleaned_data"):
            self.cleaned_data = {}
        here = f"agenda[{self.nummer - 1}]"
        for problem in problems:
            # shown beside its input: no file and line the person never saw
            text = wording.message(problem)
            if problem.key == f"{here}.uitkomst":
                self.add_error("uitkomst", text)
            elif problem.key == here or problem.key.startswith(f"{here}."):
                self.add_error("besluitpunten", text)
            else:
                self.add_error(None, wording.located(problem))
