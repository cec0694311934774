"""The files a case names (templates, data files, ready-made bestanden), each checked: a path
inside the case folder, an existing file of an accepted kind, data that passes its template's
schema and whose texts are well formed. Problems are collected, never raised one by one."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from besluitpak.casefile import refs, yamlsrc
from besluitpak.casefile.template_schema import schema_problems
from besluitpak.casefile.texts import control_characters, text_problems
from besluitpak.casefile.yamlsrc import KeyPath, Source
from besluitpak.errors import CaseError, Problem

TEMPLATE_SUFFIXES = (".docx",)
BESTAND_SUFFIXES = (".docx", ".odt", ".pdf")
DATA_SUFFIXES = (".yaml", ".yml")

_WRONG_KIND = {
    ".dotx": ": a Word template file cannot be filled directly; open it in Word and save it "
    "as a .docx document",
    ".dotm": ": a Word template with macros; save it as a .docx document without macros",
    ".docm": ": a Word document with macros; save it as a .docx document without macros",
    ".doc": ": the old Word format; save it as a .docx document",
}


@dataclass(kw_only=True)
class Resolver:
    """Checks paths and data files named by the case, collecting problems."""

    root: Path
    source: Source
    problems: list[Problem]
    inputs: list[Path]

    def path(self, key: KeyPath, value: str, suffixes: tuple[str, ...]) -> Path | None:
        where = Path(value)
        problem = None
        if where.is_absolute() or value.startswith("~"):
            problem = f"expected a path relative to the case folder, got absolute path {value!r}"
        else:
            resolved = (self.root / where).resolve()
            if not resolved.is_relative_to(self.root):
                problem = (
                    f"expected a path inside the case folder {self.root}, got {value!r}, "
                    f"which leads outside it"
                )
            elif not resolved.exists():
                problem = f"file not found: {value}"
            elif resolved.is_dir():
                problem = f"expected a file, got directory {value!r}"
            elif resolved.suffix.lower() not in suffixes:
                problem = (
                    f"expected a {' or '.join(suffixes)} file, got {value!r}"
                    + _WRONG_KIND.get(resolved.suffix.lower(), "")
                )
            else:
                self.inputs.append(resolved)
                return resolved
        self.problems.append(self.source.problem(key, problem))
        return None

    def data(
        self,
        key: KeyPath,
        value: str | dict[str, Any],
        template: Path | None,
        numbers: Mapping[str, int],
    ) -> tuple[dict[str, Any] | None, Path | None]:
        if isinstance(value, dict):
            data_source, data_file = self.source.sub(key), None
        else:
            data_file = self.path(key, value, DATA_SUFFIXES)
            if data_file is None:
                return None, None
            try:
                data_source = yamlsrc.load(data_file, display=self._shown(data_file))
            except CaseError as e:
                self.problems.extend(e.problems)
                return None, data_file
        before = len(self.problems)
        if data_file is not None:
            self.problems.extend(control_characters(data_source))
        if template is not None:
            self.problems.extend(schema_problems(data_source, template))
        self.problems.extend(text_problems(data_source, numbers))
        if len(self.problems) > before:
            return None, data_file
        return refs.substitute_all(data_source.data, numbers), data_file

    def _shown(self, file: Path) -> Path:
        """Data files are named relative to the case folder in messages."""
        try:
            return file.relative_to(self.root)
        except ValueError:
            return file
