"""Django settings for ``besluitpak serve``: everything a deployment may change comes from
the environment through :mod:`besluitpak.web.conf` (see its ``VARIABLES``)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from besluitpak.editing.workspace import private_folder
from besluitpak.web import conf

WORKSPACE = conf.workspace()
"""The folder of case folders this installation serves."""
PRIVATE = private_folder(WORKSPACE)

DEBUG = conf.env_flag("BESLUITPAK_DEBUG", default=False)
SECRET_KEY = conf.secret_key(WORKSPACE)
ALLOWED_HOSTS = [h.strip() for h in conf.env("BESLUITPAK_ALLOWED_HOSTS").split(",") if h.strip()]

INSTALLED_APPS = [
    "django.contrib.admin",  # /beheer/: people and their functions on the route
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "django_htmx",
    "django_tasks",
    "django_tasks_db",
    "csp",
    "axes",
    "besluitpak.web.apps.WebConfig",
]

MIDDLEWARE = [
    "besluitpak.web.limits.BodyLimitMiddleware",  # first: a too large body is never read
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "besluitpak.web.sessions.HtmxSignInMiddleware",
    "besluitpak.web.sessions.SignInMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "besluitpak.web.urls"
TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "csp.context_processors.nonce",
                "besluitpak.web.permissions.context",
            ],
            "string_if_invalid": "",
        },
    }
]
FORM_RENDERER = "besluitpak.web.forms.base.Renderer"

DATABASES = {"default": conf.database(f"sqlite:///{PRIVATE / 'besluitpak.sqlite3'}")}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # The web server and the worker share the file: wait for each other's writes.
    DATABASES["default"]["OPTIONS"] = {
        "timeout": 20,
        "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
        "transaction_mode": "IMMEDIATE",
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

QUEUE = conf.queue()
"""Redis for RQ (``$BESLUITPAK_QUEUE``), or "": the jobs wait in the database."""
if QUEUE:
    INSTALLED_APPS += ["django_rq", "django_tasks_rq"]
    # A build may take minutes (a whole archive of cases): RQ's 3-minute default is too short.
    RQ_QUEUES = {"default": {"URL": QUEUE, "DEFAULT_TIMEOUT": 3600}}
    TASKS = {"default": {"BACKEND": "django_tasks_rq.RQBackend", "QUEUES": ["default"]}}
else:
    TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",  # first: a locked-out sign-in is refused
    "django.contrib.auth.backends.ModelBackend",
]
# Signing in: throttled per user name and address (django-axes, its attempts in the database).
AXES_FAILURE_LIMIT = int(conf.env("BESLUITPAK_LOGIN_FAILURES"))
AXES_COOLOFF_TIME = dt.timedelta(minutes=float(conf.env("BESLUITPAK_LOGIN_LOCKOUT_MINUTES")))
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "besluitpak.web.lockout.locked_out"
AXES_VERBOSE = False
LOGIN_URL = "login"
CSRF_FAILURE_VIEW = "besluitpak.web.sessions.csrf_failure"
LOGIN_REDIRECT_URL = "case-list"
LOGOUT_REDIRECT_URL = "login"
# Optional: signing in with the organisation's accounts over OpenID Connect (web/oidc.py),
# beside the local passwords; off unless BESLUITPAK_OIDC_CLIENT_ID is set.
from besluitpak.web import oidcconf  # noqa: E402

_OIDC = oidcconf.settings()
globals().update(_OIDC)
if _OIDC:
    AUTHENTICATION_BACKENDS.insert(1, "besluitpak.web.oidc.Backend")

# E-mail (the paraafroute's notifications, web/notify.py): the organisation's SMTP server.
EMAIL_HOST = conf.env("BESLUITPAK_SMTP_HOST").strip()
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.dummy.EmailBackend"
)
EMAIL_PORT = int(conf.env("BESLUITPAK_SMTP_PORT") or 25)
EMAIL_HOST_USER = conf.env("BESLUITPAK_SMTP_USER")
EMAIL_HOST_PASSWORD = conf.env("BESLUITPAK_SMTP_PASSWORD")
EMAIL_USE_TLS = conf.env("BESLUITPAK_SMTP_TLS").strip().lower() == "starttls"
EMAIL_USE_SSL = conf.env("BESLUITPAK_SMTP_TLS").strip().lower() == "ssl"
EMAIL_TIMEOUT = 20
DEFAULT_FROM_EMAIL = conf.env("BESLUITPAK_MAIL_FROM")
PAGE_URL = conf.env("BESLUITPAK_PAGE_URL").strip().rstrip("/")

LANGUAGE_CODE = "nl"
TIME_ZONE = "Europe/Amsterdam"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
ASSETS = Path(__file__).resolve().parents[2] / "node_modules"
"""The npm packages ``setup.sh`` installs (package.json): served as they are, no build step."""
STATICFILES_DIRS = [
    (prefix, ASSETS / folder)
    for prefix, folder in (
        ("vendor/utrecht", "@utrecht/component-library-css/dist"),
        ("vendor/tokens", "@utrecht/design-tokens/dist"),
        ("vendor/sortablejs", "sortablejs"),
    )
    if (ASSETS / folder).is_dir()
]
WHITENOISE_USE_FINDERS = True  # serve from the installed package: no collectstatic step
WHITENOISE_AUTOREFRESH = DEBUG

MAX_UPLOAD_BYTES = int(conf.env("BESLUITPAK_MAX_UPLOAD_MB")) * 1024 * 1024
DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

# Security: cookies only over HTTPS outside debug, no framing, a strict CSP with nonces.
_SECURE = conf.env_flag("BESLUITPAK_SECURE_COOKIES", default=not DEBUG)
SESSION_COOKIE_SECURE = _SECURE
CSRF_COOKIE_SECURE = _SECURE
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SAMESITE = "Lax"
SESSION_COOKIE_AGE = 8 * 3600
X_FRAME_OPTIONS = "DENY"
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"

from csp.constants import NONCE, NONE, SELF  # noqa: E402

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF],
        "object-src": [NONE],
        "base-uri": [SELF],
        "frame-ancestors": [NONE],
        "form-action": [SELF],
    }
}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"one_line_refusals": {"()": "besluitpak.web.limits.OneLineRefusals"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "loggers": {
        "besluitpak": {"handlers": ["console"], "level": "INFO"},
        "django_tasks": {"handlers": ["console"], "level": "WARNING"},
        # A 403 is one line (who may not is no error); a 500 keeps its traceback.
        "django.request": {"filters": ["one_line_refusals"]},
    },
}
