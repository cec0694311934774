"""The forms of a publication's states: plan it for a day, withdraw it with a reason."""

from __future__ import annotations

from django import forms

from besluitpak.web.forms.base import DATE, TEXT, ProblemsMixin


class ScheduleForm(ProblemsMixin, forms.Form):
    """Publicatie plannen: the day the publication goes public by itself."""

    PREFIX = "plannen"
    """Its fields' names and ids (the page's other form has its own ``reden``)."""

    datum = forms.DateField(
        label="Publiceren op",
        help_text="Op deze dag publiceert besluitpak de publicatie zelf, ook als niemand is "
        "ingelogd; niet vóór het einde van het embargo.",
        widget=forms.DateInput(DATE, format="%Y-%m-%d"),
    )


class WithdrawForm(ProblemsMixin, forms.Form):
    """Publicatie intrekken: why (it is published on the notice at the old addresses)."""

    PREFIX = "intrekken"
    """Its fields' names and ids: the page's Persoonsgegeven toestaan has a ``reden`` too."""

    reden = forms.CharField(
        label="Reden van intrekken",
        max_length=500,
        help_text="Komt openbaar op de melding die op de oude adressen blijft staan, en in het "
        "logboek en het archief. Noem geen persoonsgegevens.",
        widget=forms.TextInput(TEXT),
    )

    def clean_reden(self) -> str:
        return " ".join(str(self.cleaned_data["reden"]).split())
