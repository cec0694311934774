"""besluitpak: a Dutch municipal college decision as one publication-ready PDF bundle."""

from importlib.metadata import PackageNotFoundError, version

try:
    __version__ = version("besluitpak")
except PackageNotFoundError:  # running from a source tree that was not installed
    __version__ = "0.0.0"
