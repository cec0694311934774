"""The web app's Django management commands (``serve``, ``worker``, ``users``), which the
command line runs through :mod:`besluitpak.web.commandline`."""
