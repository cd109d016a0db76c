"""Combination sequencing (`docs/clinical-basis.md`, section 8): the order in which options that suit a
patient's scars are usually done. Called by `matching.match` with the options it ranked."""

from collections.abc import Iterable

from .clinical_facts import Patient
from .outcome import SUITS, Candidate, Plan, Step
from .vocabulary import Role, Severity, Shape


def plans(usual: list[Candidate], patient: Patient) -> tuple[Plan, ...]:
    """Combination sequencing (section 8), from options that suit the scars each step is for.

    Sunken scars (several kinds, or moderate or severe ones): structural work on each kind of scar
    first (for each, its best usual first choice among structural options), then volume 2 to 4 weeks
    later or in the same session (for moderate and severe scars only: mild ones need surface
    treatment alone), then resurfacing 4 to 8 weeks after earlier steps have healed. Not
    offered to someone who forms raised scars: a dermatologist plans their treatment. Raised scars:
    the best usual first choice (steroid injections) with the other gentle raised-scar options
    alongside. A treatment offered only with another is followed by it.

    Each step takes clinically usual first choices (section 3) even when held back for this patient: the
    plan says in which order things are usually done, and each option's card says what holds it back.

    `usual`: the options in the usual ranking tier, best first. So no step is an option with very low
    evidence, or one that wounds the skin of someone who forms raised scars.
    """
    found = []
    sunken = sorted(scar for scar, shape in patient.shapes.items() if shape == Shape.SUNKEN)
    if sunken and not patient.keloid_prone and (len(sunken) > 1 or patient.answers.severity != Severity.MILD):
        found.append(_sequence(usual, sunken, patient.answers.severity))
    raised = sorted(scar for scar, shape in patient.shapes.items() if shape == Shape.RAISED)
    if raised:
        found.append(_raised(usual, raised))
    kept = {c.treatment.slug: c for c in usual}
    for c in usual:
        if c.treatment.paired_with in kept:
            partner = kept[c.treatment.paired_with]
            found.append(
                Plan(
                    steps=(
                        Step(candidates=(c,), scars=_suited(c, raised or sunken)),
                        Step(candidates=(partner,), scars=_suited(partner, raised or sunken), wait="wait-paired"),
                    )
                )
            )
    return tuple(plan for plan in found if plan and len(plan.steps) > 1)


def _suited(candidate: Candidate, scars: Iterable[str]) -> tuple[str, ...]:
    wanted = set(scars)
    return tuple(label.scar for label in candidate.labels if label.scar in wanted and label.fit in SUITS)


def _sequence(usual: list[Candidate], scars: list[str], severity: str) -> Plan | None:
    structural = []
    for scar in scars:
        first = next(
            (c for c in usual if c.treatment.role == Role.STRUCTURAL and c.treatment.first_choice_for(scar)),
            None,
        )
        if first and first not in structural:
            structural.append(first)
    steps = []
    if structural:
        steps.append(Step(candidates=tuple(structural), scars=_union(structural, scars)))
    # Section 8 severity modifiers: mild scars need no volume step (surface alone); moderate and severe add it.
    later = ((Role.VOLUME, "wait-volume"),) if severity != Severity.MILD else ()
    for role, wait in (*later, (Role.RESURFACING, "wait-resurfacing")):
        best = next((c for c in usual if c.treatment.role == role and _suited(c, scars)), None)
        if best:
            steps.append(Step(candidates=(best,), scars=_suited(best, scars), wait=wait if steps else ""))
    return Plan(steps=tuple(steps))


def _raised(usual: list[Candidate], scars: list[str]) -> Plan | None:
    options = [c for c in usual if c.treatment.role == Role.RAISED and _suited(c, scars)]
    first = next((c for c in options if any(c.treatment.first_choice_for(scar) for scar in scars)), None)
    if not first:
        return None
    others = tuple(c for c in options if c is not first)
    steps = [Step(candidates=(first,), scars=_suited(first, scars))]
    if others:
        steps.append(Step(candidates=others, scars=_union(others, scars), wait="wait-alongside"))
    return Plan(steps=tuple(steps))


def _union(candidates: Iterable[Candidate], scars: list[str]) -> tuple[str, ...]:
    found = {scar for c in candidates for scar in _suited(c, scars)}
    return tuple(scar for scar in scars if scar in found)
