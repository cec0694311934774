"""The release number of besluitpak (pyproject.toml reads it from here).

A helper below every stage: the fingerprint of the code, the PDF's Producer and the
records name it, and none of them may import the public API above them to read it.
"""

__version__ = "0.1.0"
"""The release, as PEP 440 spells it."""
