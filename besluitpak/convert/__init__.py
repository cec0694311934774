"""Stage 3, convert: Word documents to tagged PDF/A with LibreOffice.

- :mod:`~besluitpak.convert.backend`: which converter a build uses (local workers or a
  unoserver pool), named by a spec, chosen once per build as one value with its identity;
- :mod:`~besluitpak.convert.libreoffice`: the local LibreOffice — the program, its version,
  the export filter every converter uses, and the locked, tuned worker profiles;
- :mod:`~besluitpak.convert.workers`: the local workers, converting in parallel batches;
- :mod:`~besluitpak.convert.unoserver` and :mod:`~besluitpak.convert.unoclient`: a pool of
  remote unoserver instances, and the client of one;
- :mod:`~besluitpak.convert.stream`: starts the converter before the documents are
  written and hands out each PDF as soon as it is finished;
- :mod:`~besluitpak.convert.cache`: converted documents kept under keys the caller computes
  (:mod:`besluitpak.production.keys`): this stage knows nothing of cases.
"""
