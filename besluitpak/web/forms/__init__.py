"""Every form of the web page, one module per area: :mod:`.cases` (a case's fields, a new
case, publishing), :mod:`.bijlagen` (a bijlage added, a ready-made file replaced),
:mod:`.publication` (a passage allowed), :mod:`.meetings` (an agenda item's outcome), and
what they share in :mod:`.base` (the renderer, the placing of the CLI's problems). A form
checks what it can before the case file is touched; the views call the editing and answer.
"""
