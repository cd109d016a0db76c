"""Unsaved facts for the matching tests: no database, so the rules can be tested many times over."""

from treatments.clinical_facts import Answers, Concern, Patient, Rule, Scar, Suits, TreatmentFacts
from treatments.matching import match
from treatments.wording import sentence

SCARS = (
    Scar(slug="ice-pick", name="Ice pick scars"),
    Scar(slug="boxcar", name="Boxcar scars"),
    Scar(slug="rolling", name="Rolling scars"),
    Scar(slug="hypertrophic", name="Raised scars", shape="raised"),
    Scar(slug="flat-marks", name="Flat red or brown marks", shape="flat"),
)
CONCERNS = (
    Concern(slug="pregnant", name="Pregnancy", notice="Procedures wait until after pregnancy.", hard_stop=True),
    Concern(slug="isotretinoin", name="Isotretinoin", notice="Talk about timing."),
    Concern(slug="active-acne", name="Active acne", notice="Treat the acne first.", hard_stop=True),
    Concern(slug="keloid", name="Keloids", notice="A dermatologist should plan your treatment."),
    Concern(slug="anticoagulants", name="Blood thinners", notice="A doctor reviews your medicines."),
    Concern(slug="cold-sores", name="Cold sores"),
)


def facts(slug: str = "option", **fields) -> TreatmentFacts:
    values = {
        "slug": slug,
        "name": slug.replace("-", " ").capitalize(),
        "role": "resurfacing",
        "downtime_min": 1,
        "downtime_max": 3,
        "pigment_risk": "low",
        "evidence": "low-moderate",
        "wounds_skin": False,
        "fits": (suits("rolling", "first-line"),),
    }
    values.update(fields)
    return TreatmentFacts(**values)


def suits(scar: str, level: str, reason: str = "Because of how it works.") -> Suits:
    return Suits(scar=scar, fit=level, reason=reason)


def rule(concern: str, action: str, note: str = "") -> Rule:
    return Rule(concern=concern, action=action, note=note or f"{action.capitalize()} for {concern}.")


def answers(**fields) -> Answers:
    values = {"scars": frozenset({"rolling"}), "severity": "mild", "skin_type": 2, "downtime": 14}
    values.update({key: frozenset(value) if key in ("scars", "health") else value for key, value in fields.items()})
    return Answers(**values)


def patient(**fields) -> Patient:
    return Patient(answers(**fields), {s.slug: s for s in SCARS}, {c.slug: c for c in CONCERNS})


def run(*treatments: TreatmentFacts, **fields):
    return match(answers=answers(**fields), treatments=treatments, scars=SCARS, concerns=CONCERNS)


def slugs(entries) -> list[str]:
    return [entry.treatment.slug for entry in entries]


def only(result, slug: str):
    return next(entry for entry in (*result.candidates, *result.excluded) if entry.treatment.slug == slug)


def words(said) -> list[str]:
    """What a rule's findings say, as sentences."""
    return [sentence(s) for s in said]
