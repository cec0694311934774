"""``python -m besluitpak``: the command line."""

from besluitpak.cli import main

main()
