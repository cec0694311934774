"""Corpora of foreign and adversarial inputs (data; the leak corpus is importable)."""
