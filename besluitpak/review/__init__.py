"""Suggested redactions (issue 29): person names, addresses and the identifiers the guard
knows, found in every text of the public edition, for a person to accept or reject.

:mod:`.detect` reads one text (deduce, a rule-based Dutch de-identifier, plus the guard's
patterns); :mod:`.public` knows the names that are public by function; :mod:`.suggestions`
reads the public edition through the guard's channels and makes each finding a
:class:`~.suggestions.Suggestion` with a fingerprint that survives a rebuild.
"""
