"""The command line: parse, call the public API, print, exit. No logic of its own.

``main`` is the ``besluitpak`` group (:mod:`.base`); each module adds its commands to it.
The commands import the pipeline and the stages they use when they run: ``besluitpak
build`` on unchanged inputs needs none of them (see ``besluitpak.up_to_date``).
"""

from besluitpak.cli import (  # noqa: F401  (add the commands)
    archive,
    build,
    edit,
    review,
    reviewdecide,
    route,
    signing,
    vergadering,
    watch,
    web,
)
from besluitpak.cli.base import main

__all__ = ["main"]

if __name__ == "__main__":
    main()
