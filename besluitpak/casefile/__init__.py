"""Stage 1, the case file: load the YAML with the line of every key, validate it against the
schema (a docstring per field) and each data file against its template's JSON Schema,
resolve ``{bijlage:id}`` references, and report every problem of a file at once.

The result is a frozen :class:`~besluitpak.casefile.case.Case`.
"""
