"""Every address of the page; each views module brings its own."""

from __future__ import annotations

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

urlpatterns = [
    path(
        "inloggen/",
        auth_views.LoginView.as_view(redirect_authenticated_user=True),
        name="login",
    ),
    path("uitloggen/", auth_views.LogoutView.as_view(), name="logout"),
    path("", include("besluitpak.web.oidc")),  # 404 unless BESLUITPAK_OIDC_CLIENT_ID is set
    path("", include("besluitpak.web.sessions")),
    # first: its zaken/nieuw/ would otherwise be read as the case named "nieuw"
    path("", include("besluitpak.web.views.bijlagen")),
    path("", include("besluitpak.web.views.cases")),
    path("", include("besluitpak.web.views.data")),
    path("", include("besluitpak.web.views.archive")),
    path("", include("besluitpak.web.views.publication")),
    path("", include("besluitpak.web.views.publicationstate")),
    path("", include("besluitpak.web.views.meetings")),
    path("", include("besluitpak.web.views.route")),
    path("", include("besluitpak.web.views.routeagenda")),
    path("beheer/", admin.site.urls),
]
