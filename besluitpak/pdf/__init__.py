"""Stage 4, the PDF: ready-made PDFs checked and cleaned, then one bundle assembled with its
cover and contents, stamps, bookmarks, page labels, one merged structure tree and PDF/A +
PDF/UA metadata; and :mod:`~besluitpak.pdf.inspect`, which checks what a PDF claims.
"""
