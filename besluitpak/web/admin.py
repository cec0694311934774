"""The page's admin (``/beheer/``): people linked to the route's functions, their
substitutes ("namens", for a period), and the e-mails the route sent. A function is one the
workspace's route templates name (the check ``besluitpak users functie`` makes too)."""

from __future__ import annotations

from pathlib import Path

from django import forms
from django.conf import settings
from django.contrib import admin
from django.core.exceptions import ValidationError

from besluitpak.editing.routefuncties import named_functie
from besluitpak.errors import BesluitpakError
from besluitpak.web import wording
from besluitpak.web.routemodels import Functie, Melding, Vervanging


class _NamedFunctie(forms.ModelForm):  # type: ignore[type-arg]
    """A function as routes.yaml (or the built-in route) spells it; refused in Dutch
    otherwise, as the command line refuses it in English."""

    def clean_functie(self) -> str:
        try:
            return named_functie(Path(settings.WORKSPACE), self.cleaned_data["functie"])
        except BesluitpakError as e:
            raise ValidationError(wording.error(e), code="unknown-functie") from None


class FunctieForm(_NamedFunctie):
    class Meta:
        model = Functie
        fields = ("user", "functie")


class VervangingForm(_NamedFunctie):
    class Meta:
        model = Vervanging
        fields = ("vervanger", "functie", "van", "tot", "reden")


@admin.register(Functie)
class FunctieAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    form = FunctieForm
    list_display = ("user", "functie")
    list_filter = ("functie",)
    search_fields = ("user__username", "user__first_name", "user__last_name", "functie")


@admin.register(Vervanging)
class VervangingAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    form = VervangingForm
    list_display = ("vervanger", "functie", "van", "tot", "reden")
    list_filter = ("functie",)


@admin.register(Melding)
class MeldingAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("key", "to", "sent")
    readonly_fields = ("key", "to", "sent")
