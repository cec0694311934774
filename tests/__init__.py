"""The besluitpak test suite (shared helpers in tests/helpers.py)."""
