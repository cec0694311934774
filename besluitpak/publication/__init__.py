"""Stage 5, publish: what each edition holds on a given day (withheld bijlagen, embargo), the
release of the public edition and its DiWoo record.
"""
