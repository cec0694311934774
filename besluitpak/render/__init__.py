"""Stage 2, render: fill the Word templates with the case's data (docxtpl, strict and
sandboxed Jinja with autoescaping), one .docx per generated document.

:mod:`~besluitpak.render.context` (what a template sees) is kept free of the Word libraries,
so a cache key can be computed without loading them.
"""
