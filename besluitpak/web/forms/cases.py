"""The forms of a case: its own fields (shared with a new case's form), a new case, and
publishing it (before the embargo only with a reason)."""

from __future__ import annotations

import datetime as dt
from typing import Any

from django import forms

from besluitpak.editing import newcase
from besluitpak.editing.yamledit import styled
from besluitpak.web.forms.base import DATE, ONE_LINE, TEXT, ProblemsMixin


class CaseFieldsForm(ProblemsMixin, forms.Form):
    """The fields every case has (a new case's form and a case's own form share them)."""

    onderwerp = forms.CharField(max_length=300, widget=forms.Textarea(ONE_LINE))
    kenmerk = forms.CharField(
        max_length=64,
        help_text="Zoals de gemeente het schrijft, bijvoorbeeld 2014/123456.",
        widget=forms.TextInput(TEXT),
    )
    collegevergadering = forms.DateField(widget=forms.DateInput(DATE, format="%Y-%m-%d"))
    portefeuillehouder = forms.CharField(max_length=300, widget=forms.TextInput(TEXT))
    afdeling = forms.CharField(max_length=300, widget=forms.TextInput(TEXT))

    problem_keys = {
        "onderwerp": "onderwerp",
        "kenmerk": "kenmerk",
        "collegevergadering": "collegevergadering",
        "portefeuillehouder": "portefeuillehouder",
        "afdeling": "afdeling",
    }


class CaseForm(CaseFieldsForm):
    """The case file's own fields (the collegevoorstel's text is its document's data)."""

    embargo_tot = forms.DateField(
        required=False,
        label="Embargo tot",
        help_text="Leeg: geen embargo. Tot die dag wordt de openbare editie niet gepubliceerd.",
        widget=forms.DateInput(DATE, format="%Y-%m-%d"),
    )
    steller_naam = forms.CharField(
        label="Steller: naam", max_length=200, required=False, widget=forms.TextInput(TEXT)
    )
    steller_telefoon = forms.CharField(
        label="Steller: telefoon", max_length=50, required=False, widget=forms.TextInput(TEXT)
    )
    steller_email = forms.EmailField(
        label="Steller: e-mail", required=False, widget=forms.EmailInput(TEXT)
    )

    problem_keys = {
        **CaseFieldsForm.problem_keys,
        "embargo_tot": "embargo_tot",
        "steller.naam": "steller_naam",
        "steller.telefoon": "steller_telefoon",
        "steller.email": "steller_email",
    }

    @classmethod
    def initial_from(cls, data: Any) -> dict[str, Any]:
        """The form's values from the case file's data (as it is, even with problems)."""
        data = data if isinstance(data, dict) else {}
        steller = data.get("steller") if isinstance(data.get("steller"), dict) else {}
        initial = {name: data.get(name) for name in cls.problem_keys if "." not in name}
        for part in ("naam", "telefoon", "email"):
            initial[f"steller_{part}"] = steller.get(part)
        return {k: v for k, v in initial.items() if v is not None}

    def apply(self, data: Any, *, only: set[str] | None = None) -> None:
        """Write the cleaned values into the case file's data (a ruamel map), in place;
        ``only``: just these fields (the ones the person changed), the rest as they are."""
        values = self.cleaned_data
        fields = set(self.problem_keys.values()) if only is None else only
        for name in ("onderwerp", "kenmerk", "collegevergadering", "portefeuillehouder"):
            if name in fields:
                data[name] = _keep(data.get(name), values[name])
        if "afdeling" in fields:
            data["afdeling"] = _keep(data.get("afdeling"), values["afdeling"])
        if "embargo_tot" not in fields:
            pass
        elif values["embargo_tot"]:
            data["embargo_tot"] = values["embargo_tot"]
        elif "embargo_tot" in data:
            del data["embargo_tot"]
        parts = [p for p in ("naam", "telefoon", "email") if f"steller_{p}" in fields]
        if parts:
            self._apply_steller(data, parts)

    def _apply_steller(self, data: Any, parts: list[str]) -> None:
        values = self.cleaned_data
        old = data.get("steller")
        if isinstance(old, dict):
            for part in parts:
                if values[f"steller_{part}"]:
                    old[part] = _keep(old.get(part), values[f"steller_{part}"])
                elif part in old:
                    del old[part]
            if not old:
                del data["steller"]
            return
        steller = {p: values[f"steller_{p}"] for p in parts if values[f"steller_{p}"]}
        if steller:
            data["steller"] = steller
        elif "steller" in data:
            del data["steller"]

    def values_of(self, initial: dict[str, Any] | None) -> dict[str, str]:
        """Every field's value as text, from ``initial`` (:meth:`initial_from`) or, given
        None, from the cleaned form: what the three-way merge compares."""
        source = self.cleaned_data if initial is None else initial
        return {name: _text(source.get(name)) for name in self.fields}


def _text(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.date):
        return value.isoformat()
    return str(value)


def _keep(old: Any, new: Any) -> Any:
    if isinstance(old, dt.date) and isinstance(new, dt.date) and old == new:
        return old
    if old == new:
        return old
    return styled(old, new)


class NewCaseForm(CaseFieldsForm):
    """A new case: the fields every case has, its folder name and the case it starts from."""

    field_order = ["onderwerp", "naam"]
    naam = forms.CharField(
        label="Mapnaam",
        max_length=100,
        required=False,
        help_text="De map van de zaak in de werkruimte: letters, cijfers en . _ -. "
        "Leeg: afgeleid van het onderwerp.",
        widget=forms.TextInput(TEXT),
    )
    basis = forms.ChoiceField(
        label="Op basis van",
        help_text="De gemeente, de sjablonen en het collegevoorstel worden van deze zaak "
        "overgenomen; bijlagen niet.",
        widget=forms.Select({"class": "utrecht-select utrecht-select--html-select"}),
    )

    def __init__(self, *args: Any, cases: list[tuple[str, str]], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["basis"].choices = cases  # type: ignore[attr-defined]

    def new_case(self) -> newcase.NewCase:
        """The case to make; its folder named after the onderwerp when no name was given."""
        values = self.cleaned_data
        return newcase.NewCase(
            name=values["naam"].strip() or newcase.folder_name(values["onderwerp"]),
            onderwerp=values["onderwerp"],
            kenmerk=values["kenmerk"],
            collegevergadering=values["collegevergadering"],
            portefeuillehouder=values["portefeuillehouder"],
            afdeling=values["afdeling"],
            basis=values["basis"],
        )


class PublishForm(forms.Form):
    """Publiceren: before the embargo date only with a reason, which is recorded."""

    reden = forms.CharField(
        required=False,
        label="Reden om vóór het embargo te publiceren",
        help_text="Alleen nodig vóór de embargodatum; de reden wordt vastgelegd.",
        widget=forms.Textarea(
            {"class": "utrecht-textarea utrecht-textarea--html-textarea", "rows": 3}
        ),
    )

    def __init__(self, *args: Any, embargo: str = "", **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.embargo = embargo
        """The embargo's end as the page shows it, while the case is under embargo; else ""."""

    def clean(self) -> dict[str, Any]:
        cleaned = super().clean() or {}
        if self.embargo and not cleaned.get("reden"):
            raise forms.ValidationError(
                f"Publiceren geweigerd: de zaak is onder embargo tot {self.embargo}. "
                "Geef een reden om eerder te publiceren; die wordt vastgelegd."
            )
        return cleaned
