"""The lines issue 28's "Done when" names: each measured figure, its baseline, the ratio,
the goal and whether it is met, printed as one table."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, kw_only=True)
class Goal:
    """One line of the table: ``ratio`` compared with ``goal`` (``at_most`` or at least)."""

    label: str
    measured: str
    baseline: str
    ratio: float | None
    goal: float
    at_most: bool
    unit: str = "×"

    @property
    def met(self) -> bool | None:
        if self.ratio is None:
            return None
        return self.ratio <= self.goal if self.at_most else self.ratio >= self.goal

    def line(self) -> str:
        sign = "≤" if self.at_most else "≥"
        places = 0 if self.unit.strip() == "MiB" else 2
        ratio = "—" if self.ratio is None else f"{self.ratio:.{places}f}{self.unit}"
        verdict = {True: "met", False: "not met", None: "not measured"}[self.met]
        return (
            f"  {self.label:<34} {self.measured:<22} {self.baseline:<26} "
            f"{ratio:>10}  {f'{sign} {self.goal:g}{self.unit}':<11} {verdict}"
        )


def print_goals(goals: list[Goal]) -> None:
    header = f"  {'line':<34} {'measured':<22} {'baseline':<26} {'ratio':>10}  goal"
    print("\nissue 28, done when (one run, this machine):")
    print(header)
    for goal in goals:
        print(goal.line())
    met = sum(1 for goal in goals if goal.met)
    print(f"  {met} of {len(goals)} goals met")
