"""Stage 3, convert: Word documents to tagged PDF/A with LibreOffice.

:mod:`~besluitpak.convert.libreoffice` runs the workers, each on its own locked, tuned
profile; :mod:`~besluitpak.convert.stream` overlaps their start with rendering and hands out
each PDF as soon as it is finished; :mod:`~besluitpak.convert.cache` keeps converted
documents by the hash of what made them.
"""
