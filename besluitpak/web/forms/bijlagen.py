"""The forms of the bijlagen: a new one (generated from a template, or a ready-made file)
and a ready-made bijlage's new file. An uploaded file is read and checked here, before
anything is written."""

from __future__ import annotations

from typing import Any

from django import forms
from django.conf import settings

from besluitpak.editing import compose, uploads
from besluitpak.web import wording
from besluitpak.web.forms.base import TEXT, ProblemsMixin

FILE_INPUT = {"class": "utrecht-textbox", "accept": ".pdf,.docx,.odt"}


def _checked_upload(given: Any) -> uploads.Checked:
    """The uploaded file read (within the upload limit) and checked, or the refusal."""
    try:
        return uploads.check(uploads.read(given, limit=settings.MAX_UPLOAD_BYTES))
    except uploads.UploadRefused as e:
        raise forms.ValidationError(f"Niet geüpload: {wording.error(e)}") from None


class BijlageForm(ProblemsMixin, forms.Form):
    """A new bijlage's id and title (the case file's rule for the id is checked on saving)."""

    id = forms.CharField(
        label="Id",
        max_length=64,
        help_text="Korte vaste naam: kleine letters, cijfers en streepjes, zoals kaart-centrum. "
        "In teksten verwijst u ernaar met {bijlage:id}.",
        widget=forms.TextInput(TEXT),
    )
    titel = forms.CharField(label="Titel", max_length=300, widget=forms.TextInput(TEXT))

    problem_keys = {"id": "id", "titel": "titel"}


class GeneratedForm(BijlageForm):
    """A bijlage generated from one of the case's templates."""

    prefix = "gegenereerd"

    template = forms.ChoiceField(
        label="Sjabloon",
        widget=forms.Select({"class": "utrecht-select utrecht-select--html-select"}),
    )

    def __init__(self, *args: Any, templates: list[str], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [(t, t.removeprefix(f"{compose.TEMPLATES}/")) for t in templates]
        self.fields["template"].choices = choices  # type: ignore[attr-defined]


class ReadyForm(BijlageForm):
    """A ready-made bijlage: an uploaded file, checked (its cleaned value: the checked
    upload)."""

    prefix = "kant-en-klaar"
    file_name = ""
    """The uploaded file's name as the person's computer gave it (for the logboek)."""

    bestand = forms.FileField(
        label="Bestand (PDF, Word .docx of OpenDocument .odt)",
        widget=forms.ClearableFileInput(FILE_INPUT),
    )

    def clean_bestand(self) -> uploads.Checked:
        given = self.cleaned_data["bestand"]
        self.file_name = str(given.name)
        return _checked_upload(given)


class UploadForm(forms.Form):
    """A new file for a ready-made bijlage, checked (its cleaned value: the checked upload)."""

    file_name = ""
    """The uploaded file's name as the person's computer gave it (for the logboek)."""

    bestand = forms.FileField(
        label="Nieuw bestand",
        widget=forms.ClearableFileInput(FILE_INPUT),
        required=True,
        error_messages={
            code: "Niet geüpload: kies een bestand."
            for code in ("required", "invalid", "missing", "empty", "max_length", "contradiction")
        },
    )

    def clean_bestand(self) -> uploads.Checked:
        given = self.cleaned_data["bestand"]
        self.file_name = str(given.name)
        return _checked_upload(given)

    def refusal(self) -> str:
        """Why the file was not taken, in one line."""
        said = " ".join(str(error) for error in self.errors.get("bestand", []))
        return said or "Niet geüpload: kies een bestand."
