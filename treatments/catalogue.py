"""The published content the questionnaire asks about and matches against, read once per content version.

Only rows staff edit, never anything a patient sent. Each app process keeps the copy for the content
version (and language) it last saw: a content edit changes the version, so the next request reads
the new content on every server.
"""

from dataclasses import dataclass
from functools import lru_cache

from django.db.models import Prefetch
from django.utils.translation import get_language

from .clinical_facts import Concern, Rule, Scar, Suits, TreatmentFacts
from .models import (
    Contraindication,
    ScarType,
    Source,
    Suitability,
    Treatment,
    TreatmentContraindication,
)
from .page_cache import content_version
from .publishing import review_of


@dataclass(frozen=True)
class Catalogue:
    version: str
    scar_types: list
    concerns: list
    treatments: list
    facts: tuple[TreatmentFacts, ...]
    scars: tuple[Scar, ...]
    concern_facts: tuple[Concern, ...]
    sources: list
    review: dict

    @property
    def by_slug(self) -> dict:
        return {treatment.slug: treatment for treatment in self.treatments}


def current() -> Catalogue:
    return _load(content_version(), get_language())


@lru_cache(maxsize=4)
def _load(version: str, language: str) -> Catalogue:
    """Every matchable treatment with its suitability and health rows, in a fixed number of queries."""
    treatments = list(
        Treatment.objects.matchable()
        .select_related("paired_with")
        .prefetch_related(
            Prefetch(
                "suitabilities",
                Suitability.objects.filter(scar_type__published=True).select_related("scar_type"),
                to_attr="scar_fits",
            ),
            Prefetch(
                "contraindication_rules",
                TreatmentContraindication.objects.select_related("contraindication"),
                to_attr="health_rules",
            ),
        )
    )
    scar_types = list(ScarType.objects.published())
    concerns = list(Contraindication.objects.all())
    return Catalogue(
        version=version,
        scar_types=scar_types,
        concerns=concerns,
        treatments=treatments,
        facts=tuple(facts(treatment) for treatment in treatments),
        scars=tuple(Scar(slug=s.slug, name=s.name, shape=s.shape) for s in scar_types),
        concern_facts=tuple(
            Concern(slug=c.slug, name=c.name, notice=c.notice, hard_stop=c.rules_out_all) for c in concerns
        ),
        sources=list(Source.objects.overview()),
        review=review_of(treatments),
    )


def facts(treatment: Treatment) -> TreatmentFacts:
    """A treatment's facts for matching, from its row and its prefetched suitability and health rows."""
    partner = treatment.paired_with
    return TreatmentFacts(
        slug=treatment.slug,
        name=treatment.name,
        role=treatment.role,
        category=treatment.category,
        downtime_min=treatment.downtime_min_days,
        downtime_max=treatment.downtime_max_days,
        sessions_min=treatment.sessions_min,
        sessions_max=treatment.sessions_max,
        pain=treatment.pain,
        pigment_risk=treatment.pigment_risk,
        pigment_note=treatment.pigment_note,
        evidence=treatment.evidence,
        wounds_skin=treatment.wounds_skin,
        paired_with=partner.slug if partner and partner.published else "",
        paired_with_name=partner.name if partner else "",
        url=treatment.get_absolute_url(),
        aftercare_url=treatment.get_aftercare_url(),
        fits=tuple(Suits(scar=row.scar_type.slug, fit=row.fit, reason=row.reason) for row in treatment.scar_fits),
        rules=tuple(
            Rule(concern=rule.contraindication.slug, action=rule.action, note=rule.note)
            for rule in treatment.health_rules
        ),
    )
