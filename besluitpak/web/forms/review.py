"""The forms of the review page: a decision on one suggested redaction, a box by hand."""

from __future__ import annotations

from django import forms

from besluitpak.editing import lak
from besluitpak.web.forms.base import TEXT

GRONDEN = [(code, f"{code} {meaning}") for code, meaning in lak.GRONDEN.items()]


class DecideForm(forms.Form):
    """Lakken (with a ground) or openbaar laten (with a reason) of one suggestion."""

    fingerprint = forms.RegexField(regex=r"^[0-9a-f]{16}$", widget=forms.HiddenInput)
    besluit = forms.ChoiceField(choices=[("accept", "Lakken"), ("reject", "Openbaar laten")])
    grond = forms.ChoiceField(label="Grond", choices=GRONDEN, initial="5.1.2e", required=False)
    reden = forms.CharField(
        label="Reden", max_length=500, required=False, widget=forms.TextInput(TEXT)
    )

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        if data.get("besluit") == "reject" and not str(data.get("reden") or "").strip():
            self.add_error("reden", "Geef de reden waarom dit openbaar mag.")
        return data


class AddForm(forms.Form):
    """Een vak met de hand: the words on a page of a ready-made document."""

    document = forms.CharField(max_length=100, widget=forms.HiddenInput)
    pagina = forms.IntegerField(label="Pagina", min_value=1)
    woorden = forms.CharField(
        label="Woorden",
        max_length=300,
        help_text="Precies zoals ze op de pagina staan, bijvoorbeeld Huize Zonnehoek.",
        widget=forms.TextInput(TEXT),
    )
    grond = forms.ChoiceField(label="Grond", choices=GRONDEN, initial="5.1.2e")
