"""The form of the publication page: a passage the personal-data guard may let through."""

from __future__ import annotations

from django import forms

from besluitpak.web.forms.base import TEXT, ProblemsMixin


class AllowForm(ProblemsMixin, forms.Form):
    """Persoonsgegeven toestaan: a passage the personal-data guard found, and why it may be
    public anyway."""

    tekst = forms.CharField(
        label="Tekst",
        max_length=300,
        help_text="Precies zoals de controle haar noemt, bijvoorbeeld J. Wienen of "
        "Grote Markt 2, 2011 RD.",
        widget=forms.TextInput(TEXT),
    )
    reden = forms.CharField(
        label="Reden",
        max_length=500,
        help_text="Waarom dit openbaar mag, bijvoorbeeld: burgemeester, openbaar uit hoofde "
        "van zijn functie. De reden komt in het zaakbestand en in het logboek.",
        widget=forms.TextInput(TEXT),
    )

    def clean_tekst(self) -> str:
        return " ".join(str(self.cleaned_data["tekst"]).split())

    def clean_reden(self) -> str:
        return " ".join(str(self.cleaned_data["reden"]).split())
