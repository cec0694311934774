"""Signing and sealing (PAdES, with pyHanko): the besluitenlijst signed by the burgemeester and
the secretaris in visible fields, a bundle sealed by the organisation, each with a timestamp
(B-T) and, for the archive, the validation data and a document timestamp (B-LTA); and the
check of the signatures a PDF carries.

Stage 7 of the layers, above ``pdf`` (it reads and tags with it), below the production and the
pipeline. A signed file is never written into afterwards: signing is an incremental update
only, and :func:`besluitpak.pdf.signed.refuse_signed` stops ``finish`` from writing over one.
"""

from __future__ import annotations

import warnings

with warnings.catch_warnings():
    # pyHanko imports cryptography's DSA types (never used here: we sign with RSA or EC)
    warnings.filterwarnings("ignore", message="DSA is deprecated")
    import pyhanko.sign
    import pyhanko.sign.signers.pdf_cms  # noqa: F401

import logging

for _name in ("pyhanko", "pyhanko_certvalidator", "fontTools"):
    # their warnings (a path not built, a soft-fail revocation check) are in our reports;
    # without a handler Python would print them, with tracebacks, on stderr
    logging.getLogger(_name).addHandler(logging.NullHandler())
