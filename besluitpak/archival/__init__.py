"""Stage 6, the archive: immutable versions with a manifest, an input snapshot and MDTO
records; verify, history and diff.
"""
