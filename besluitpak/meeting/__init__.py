"""The collegevergadering: a client of the pipeline, as a batch of cases is.

A vergadering file names the meeting (nummer, datum, who is present) and its agenda: one
case per item, with what the college decided. From it this package makes the agenda, the
vergadermap, the besluitenlijst and the meeting's archive version. The cases' packages are
built by :func:`besluitpak.build_many`, the PDFs drawn and finished by the PDF stage
(:mod:`besluitpak.pdf.agenda`, :mod:`besluitpak.pdf.meeting`); this package says what they
hold. Read in this order:

- :mod:`.schema`: the vergadering file's model (pydantic), with its JSON Schema;
- :mod:`.load`: the file read and validated with every case it names, all problems at once;
- :mod:`.agenda`: every package built, then the agenda and the vergadermap;
- :mod:`.besluitenlijst`: the besluitenlijst filled into its Word template and converted;
  items under embargo show their number only;
- :mod:`.shipping`: every channel of the besluitenlijst read before it is written, as a
  public edition is: nothing withheld in it, personal data named;
- :mod:`.diwoo`: the besluitenlijst's DiWoo record for the Woo-index;
- :mod:`.archive`: each decided case archived as decided, then the meeting with its MDTO
  record.

The public API (:mod:`besluitpak`) exports ``load_vergadering``, ``build_agenda``,
``write_besluitenlijst`` and ``archive_vergadering``; this ``__init__`` imports nothing.
"""
