"""The page's admin (``/beheer/``): people linked to the route's functions, their
substitutes ("namens", for a period), and the e-mails the route sent."""

from __future__ import annotations

from django.contrib import admin

from besluitpak.web.routemodels import Functie, Melding, Vervanging


@admin.register(Functie)
class FunctieAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("user", "functie")
    list_filter = ("functie",)
    search_fields = ("user__username", "user__first_name", "user__last_name", "functie")


@admin.register(Vervanging)
class VervangingAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("vervanger", "functie", "van", "tot", "reden")
    list_filter = ("functie",)


@admin.register(Melding)
class MeldingAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("key", "to", "sent")
    readonly_fields = ("key", "to", "sent")
