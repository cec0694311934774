from __future__ import annotations

from django.apps import AppConfig


class WebConfig(AppConfig):
    name = "besluitpak.web"
    label = "besluitpak_web"
    verbose_name = "besluitpak"
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self) -> None:
        from besluitpak.web import lockout  # noqa: F401  (connects the lock-out's logboek entry)
