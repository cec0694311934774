"""The middle of a build: what to make, the tasks that make it, and its assembly.

Called only by :mod:`besluitpak.pipeline` (and the meeting, which is a client of the same
production). Read in this order:

- :mod:`.plan`: the targets, what each edition of a package needs, and whether it is
  already up to date (decided before any work);
- :mod:`.tasks`: one conversion task per distinct document, with its cache key, and the
  packages that wait for each;
- :mod:`.assembly`: a package whose documents are in, assembled and checked into its files;
- :mod:`.results`: what a build reports back;
- :mod:`.state`: what an output folder remembers of the builds that wrote it, and the quick
  "up to date" answer that needs no case loaded.

This ``__init__`` imports nothing: ``besluitpak build`` on unchanged inputs loads only
:mod:`.state`.
"""
