"""The middle of a build: what to make, the tasks that make it, and its assembly.

Called only by :mod:`besluitpak.pipeline` (and the meeting, which is a client of the same
production). Read in this order:

- :mod:`.plan`: the targets, what each edition of a package needs, and whether it is
  already up to date (decided before any work);
- :mod:`.keys`: the cache key of a document's PDF (what determines it);
- :mod:`.tasks`: one conversion task per distinct document, keyed so, and the packages
  that wait for each;
- :mod:`.assembly`: a package whose documents are in, assembled and checked into its files;
- :mod:`.document`: one document made outside a package (the meeting's besluitenlijst),
  with the same cache, converter and events as a package's;
- :mod:`.results`: what a build reports back;
- :mod:`.state`: what an output folder remembers of the builds that wrote it, and the quick
  "up to date" answer that needs no case loaded (``besluitpak.up_to_date``);
- :mod:`.lock`: one build at a time writes into a folder;
- :mod:`.cachedir`: the document cache as its user sees it (``besluitpak cache``).

The fingerprint every key is made of is a helper below the stages
(:mod:`besluitpak.fingerprint`): the converter's cache and the archive take their keys from
it too.

This ``__init__`` imports nothing: ``besluitpak build`` on unchanged inputs loads only
:mod:`.state`.
"""
