"""What the matching rules read: the patient's answers and the facts of each treatment, as frozen
dataclasses built from the content rows. No database, no request."""

from dataclasses import dataclass
from functools import cached_property

from .vocabulary import KELOID, Fit, Shape


@dataclass(frozen=True, kw_only=True)
class Answers:
    """The questionnaire's answers, as sets so that the order they came in never matters."""

    scars: frozenset[str]
    severity: str
    skin_type: int
    downtime: int
    health: frozenset[str] = frozenset()


@dataclass(frozen=True, kw_only=True)
class Scar:
    """One ScarType row."""

    slug: str
    name: str
    shape: str = Shape.SUNKEN


@dataclass(frozen=True, kw_only=True)
class Concern:
    """One Contraindication row: a health question, the notice shown when it is ticked, and whether it
    rules out every treatment that has no rule of its own for it (a hard stop)."""

    slug: str
    name: str = ""
    notice: str = ""
    hard_stop: bool = False


@dataclass(frozen=True, kw_only=True)
class Suits:
    """One Suitability row: how well the treatment suits one scar type, and why."""

    scar: str
    fit: str
    reason: str


@dataclass(frozen=True, kw_only=True)
class Rule:
    """One TreatmentContraindication row: what a health answer means for the treatment."""

    concern: str
    action: str
    note: str


@dataclass(frozen=True, kw_only=True)
class TreatmentFacts:
    slug: str
    name: str
    role: str
    category: str = ""
    downtime_min: int
    downtime_max: int
    sessions_min: int = 1
    sessions_max: int = 1
    pain: int = 1
    pigment_risk: str
    pigment_note: str = ""
    evidence: str
    wounds_skin: bool = True
    # Offered only together with this treatment (its slug and name), which follows it.
    paired_with: str = ""
    paired_with_name: str = ""
    url: str = ""
    aftercare_url: str = ""
    fits: tuple[Suits, ...] = ()
    rules: tuple[Rule, ...] = ()

    @cached_property
    def fit_for(self) -> dict[str, Suits]:
        return {row.scar: row for row in self.fits}

    @cached_property
    def rule_for(self) -> dict[str, Rule]:
        return {rule.concern: rule for rule in self.rules}

    def first_choice_for(self, scar: str) -> bool:
        """Clinically a usual first choice for that kind of scar (section 3), whatever holds it back for a
        patient."""
        row = self.fit_for.get(scar)
        return bool(row) and row.fit == Fit.FIRST_LINE


@dataclass(frozen=True)
class Patient:
    """The answers read against the content: which scars are raised, and which health answers are in
    effect. A raised scar means the patient already heals that way, so the keloid question counts as
    ticked (sections 6 and 8)."""

    answers: Answers
    scars: dict[str, Scar]
    concerns: dict[str, Concern]

    @cached_property
    def shapes(self) -> dict[str, str]:
        return {slug: self.scars[slug].shape if slug in self.scars else Shape.SUNKEN for slug in self.answers.scars}

    @cached_property
    def scar_slugs(self) -> list[str]:
        """The patient's kinds of scar, without flat marks (which are not scars), in a stable order."""
        return sorted(slug for slug, shape in self.shapes.items() if shape != Shape.FLAT)

    @property
    def marks_only(self) -> bool:
        """Only flat red or brown marks: colour care, not scar procedures (section 8, gate rule 5)."""
        return not self.scar_slugs

    @property
    def has_marks(self) -> bool:
        return Shape.FLAT in self.shapes.values()

    @cached_property
    def has_raised_scars(self) -> bool:
        return Shape.RAISED in self.shapes.values()

    @cached_property
    def health(self) -> frozenset[str]:
        return self.answers.health | ({KELOID} if self.has_raised_scars else set())

    @property
    def keloid_prone(self) -> bool:
        return KELOID in self.health

    @cached_property
    def hard_stops(self) -> tuple[Concern, ...]:
        return tuple(c for c in self.concerns.values() if c.hard_stop and c.slug in self.health)

    def scar_name(self, slug: str) -> str:
        return self.scars[slug].name if slug in self.scars else slug
