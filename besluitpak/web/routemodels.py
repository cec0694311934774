"""Who holds which function on the paraafroute (``teammanager Wijken``, ``afdelingshoofd``,
``juridisch``), who stands in for whom for a while ("namens"), and which e-mails were sent
(each once). Kept in the page's admin; the route record in the case says what was done."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models


class Functie(models.Model):
    """A person holds a function of the route templates (``routes.yaml``)."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="functies",
        verbose_name="persoon",
    )
    functie = models.CharField(
        max_length=100,
        help_text="Zoals routes.yaml de functie noemt, bijv. ‘teammanager Wijken’.",
    )

    class Meta:
        app_label = "besluitpak_web"
        verbose_name = "functie"
        verbose_name_plural = "functies"
        constraints = [
            models.UniqueConstraint(fields=["user", "functie"], name="one_functie_per_user")
        ]

    def __str__(self) -> str:
        return f"{self.user} — {self.functie}"


class Vervanging(models.Model):
    """``vervanger`` may act namens ``functie`` from ``van`` to ``tot`` (both included)."""

    vervanger = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="vervangingen"
    )
    functie = models.CharField(max_length=100, help_text="De functie die hij of zij vervangt.")
    van = models.DateField()
    tot = models.DateField()
    reden = models.CharField(max_length=200, blank=True)

    class Meta:
        app_label = "besluitpak_web"
        verbose_name = "vervanging"
        verbose_name_plural = "vervangingen"
        ordering = ["-van"]

    def __str__(self) -> str:
        return f"{self.vervanger} namens {self.functie} ({self.van} – {self.tot})"

    def active(self, day: dt.date) -> bool:
        return self.van <= day <= self.tot


class Melding(models.Model):
    """An e-mail the route sent (its ``key`` says what about), so it is sent only once."""

    key = models.CharField(max_length=300, unique=True)
    to = models.TextField()
    sent = models.DateTimeField(auto_now_add=True)

    class Meta:
        app_label = "besluitpak_web"
        verbose_name = "melding"
        verbose_name_plural = "meldingen"
