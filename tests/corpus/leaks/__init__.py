"""The adversary's leak corpus: generator, scanner and runner (see CATALOGUE.md)."""
