"""Editing a case and a vergadering in their files, for the web page, the command line and
Python: every change is made on the YAML's round-trip data (comments and layout kept), tried
with the CLI's loader first (a change that adds a problem is refused and nothing written),
under the file's edit lock and against the version the change was made from.
"""

from besluitpak.casefile import lak

__all__ = ["lak"]
