"""What a match gives back: the options to discuss, the treatments ruled out, the suggested plans and the
notices. The rules that decide them are in `matching.py`; these only hold the decisions and write them out
in words (`wording.py`) when a page or the JSON asks.
"""

from dataclasses import dataclass, field
from typing import NamedTuple

from .clinical_facts import Patient, TreatmentFacts
from .vocabulary import Fit
from .wording import Say, join_names, say, sentence

SUITS = frozenset({Fit.FIRST_LINE, Fit.SECOND_LINE})


class ScarLabel(NamedTuple):
    """How an option fits one of the patient's kinds of scar, for the patient."""

    scar: str
    name: str
    fit: str


# Made for every treatment of every request, so light: slots, not frozen.
@dataclass(slots=True, kw_only=True)
class Candidate:
    treatment: TreatmentFacts
    fit: str
    score: int
    tier: int
    group: str
    labels: tuple[ScarLabel, ...]
    over_limit_days: int = 0
    ask_doctor: bool = False
    # Clinically a usual first choice for one of the patient's kinds of scar (section 3), even when held
    # back for this patient: it ranks above options that are only ever second choices for them.
    first_choice: bool = False
    findings: tuple = field(default=(), repr=False)

    def reasons(self) -> list[str]:
        return [sentence(s) for f in self.findings for s in f.reasons]

    def cautions(self) -> list[str]:
        return [sentence(s) for f in self.findings for s in (*f.holds_back, *f.cautions)]


@dataclass(slots=True, kw_only=True)
class Excluded:
    treatment: TreatmentFacts
    why: tuple[Say, ...]

    def reasons(self) -> list[str]:
        return [sentence(s) for s in self.why]


@dataclass(frozen=True, kw_only=True)
class Step:
    """One numbered step of a plan: the treatments done at that point, the patient's kinds of scar they
    are for, and how long after the step before."""

    candidates: tuple[Candidate, ...]
    scars: tuple[str, ...]
    wait: str = ""

    def wait_words(self) -> str:
        return sentence(say(self.wait)).strip() if self.wait else ""

    def parts(self) -> list[tuple[Candidate, list[str]]]:
        """Each treatment of the step with the names of the patient's scars it is for."""
        return [
            (c, [label.name for label in c.labels if label.scar in self.scars and label.fit in SUITS])
            for c in self.candidates
        ]


@dataclass(frozen=True, kw_only=True)
class Plan:
    steps: tuple[Step, ...]

    @property
    def treatments(self) -> tuple[str, ...]:
        return tuple(c.treatment.slug for step in self.steps for c in step.candidates)

    def note(self) -> str:
        """The plan in words, its steps numbered as the page numbers them."""
        parts = [
            sentence(
                say(
                    "plan-step",
                    number=number,
                    names=join_names(
                        sentence(say("plan-for", name=c.treatment.name, scars=join_names(scars, lower=True)))
                        for c, scars in step.parts()
                    ),
                    does=sentence(say(f"plan-does-{step.candidates[0].treatment.role}")),
                    wait=sentence(say(step.wait)) if step.wait else "",
                )
            )
            for number, step in enumerate(self.steps, 1)
        ]
        return " ".join([*parts, sentence(say("plan-end"))])


@dataclass(frozen=True, kw_only=True)
class Notice:
    text: str
    # A notice that changes everything (a hard stop or a tendency to form raised scars), shown as a
    # warning before the options.
    warning: bool = False


@dataclass(frozen=True, kw_only=True)
class Result:
    candidates: tuple[Candidate, ...]
    excluded: tuple[Excluded, ...]
    plans: tuple[Plan, ...]
    notices: tuple[Notice, ...]
    patient: Patient
