"""What every form of the page shares: the renderer that gives every field the NL Design
System's markup (help text and error carry the ids Django's ``aria-describedby`` points
at), the placing of the CLI's problems on a form's fields, and the inputs' classes."""

from __future__ import annotations

from typing import Any

from django.forms.renderers import TemplatesSetting

from besluitpak.editing import compose
from besluitpak.errors import BesluitpakError, Problem
from besluitpak.web import wording


class Renderer(TemplatesSetting):
    form_template_name = "besluitpak_web/forms/form.html"
    field_template_name = "besluitpak_web/forms/field.html"


class ProblemsMixin:
    """Put the CLI's problems (``file:line: key: message``) on the fields they concern;
    a problem no field shows goes to the form's own errors, so none is lost."""

    problem_keys: dict[str, str] = {}
    """The problem's key (``embargo_tot``, ``steller.email``) -> the form field's name."""

    def add_problems(self, problems: list[Problem]) -> None:
        form: Any = self
        if not hasattr(form, "cleaned_data"):
            form.cleaned_data = {}  # an unbound form (the page shown): add_error needs it
        for problem in problems:
            field = self.problem_keys.get(problem.key)
            if field is not None and field in form.fields:
                # shown beside its input: no file and line the person never saw
                form.add_error(field, wording.message(problem))
            else:
                form.add_error(None, wording.located(problem))

    def add_refusal(self, error: BesluitpakError) -> None:
        """A refusal of the editing on the field it names (``id: expected …``), else on the
        form."""
        form: Any = self
        field = str(error).split(":", 1)[0] if isinstance(error, compose.ComposeError) else None
        form.add_error(field if field in form.fields else None, wording.error(error))


TEXT = {"class": "utrecht-textbox utrecht-textbox--html-input"}
DATE = {"class": "utrecht-textbox utrecht-textbox--html-input", "type": "date"}
ONE_LINE = {
    "class": "utrecht-textarea utrecht-textarea--html-textarea bp-one-line",
    "rows": "2",
    "data-one-line": "",
}
"""A one-line text that may be long: a text area, so that it wraps (Enter still submits)."""
