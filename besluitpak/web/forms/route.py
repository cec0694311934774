"""The forms of the paraafroute: indienen, advies, paraaf, terugsturen met reden,
agenderen (with a reason when the case is not agendeerbaar)."""

from __future__ import annotations

from django import forms

from besluitpak.web.forms.base import TEXT

SELECT = forms.Select({"class": "utrecht-select utrecht-select--html-select"})
AREA = forms.Textarea({"class": "utrecht-textarea utrecht-textarea--html-textarea", "rows": 2})


class ActForm(forms.Form):
    """An advice or paraaf for one function (``voor``: the slot's function), as one of the
    person's functions or namens one they substitute for; a comment. ``pakket``: the
    fingerprint of the package the page showed (the library refuses the action when the
    package changed since)."""

    voor = forms.CharField(widget=forms.HiddenInput)
    pakket = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    oordeel = forms.ChoiceField(
        label="Oordeel",
        required=False,
        choices=[("akkoord", "akkoord"), ("bezwaar", "bezwaar")],
        widget=SELECT,
    )
    opmerking = forms.CharField(label="Opmerking", required=False, max_length=2000, widget=AREA)


class SubmitForm(forms.Form):
    opmerking = forms.CharField(label="Opmerking", required=False, max_length=2000, widget=AREA)


class ReturnForm(forms.Form):
    """Terugsturen met reden; ``pakket`` as in :class:`ActForm` (the package the page showed)."""

    pakket = forms.CharField(widget=forms.HiddenInput, required=False, max_length=64)
    reden = forms.CharField(
        label="Reden van terugsturen",
        max_length=2000,
        help_text="De steller ziet de reden bij het voorstel en krijgt haar per e-mail.",
        widget=AREA,
    )


class DelegateForm(forms.Form):
    """Vervanger aanwijzen: a colleague acts namens one of my functions for a period."""

    functie = forms.ChoiceField(label="Functie", widget=SELECT)
    vervanger = forms.ChoiceField(label="Vervanger", widget=SELECT)
    van = forms.DateField(label="Van", widget=forms.DateInput({**TEXT, "type": "date"}))
    tot = forms.DateField(label="Tot en met", widget=forms.DateInput({**TEXT, "type": "date"}))

    def clean(self) -> dict[str, object]:
        data = super().clean() or {}
        van, tot = data.get("van"), data.get("tot")
        if van and tot and tot < van:
            self.add_error("tot", "Kies een einddatum op of na de begindatum.")
        return data


class AgendaForm(forms.Form):
    case = forms.CharField(widget=forms.HiddenInput)
    soort = forms.ChoiceField(
        label="Soort",
        choices=[("bespreekstuk", "bespreekstuk"), ("hamerstuk", "hamerstuk")],
        widget=SELECT,
    )
    reden = forms.CharField(
        label="Reden om buiten de route te agenderen",
        required=False,
        max_length=500,
        help_text="Alleen nodig als het voorstel nog niet agendeerbaar is; komt in het logboek.",
        widget=forms.TextInput(TEXT),
    )
