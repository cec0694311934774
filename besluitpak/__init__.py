"""besluitpak: a Dutch municipal college decision as one publication-ready PDF bundle."""

__version__ = "0.1.0"
"""The release (pyproject.toml reads it from here)."""
