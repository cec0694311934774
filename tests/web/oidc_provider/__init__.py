"""A real OpenID Connect provider for the tests: a second, minimal Django project with
django-oauth-toolkit's OIDC (RS256 ID tokens, a JWKS, userinfo), standing in for the
municipality's identity provider. :mod:`.running` starts it as a process of its own."""
