import itertools

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction

from treatments.models import (
    AftercareStep,
    Contraindication,
    ScarType,
    Suitability,
    Treatment,
    TreatmentContraindication,
)
from treatments.page_cache import content_changed

CONFIRM = "--yes-this-is-a-throwaway-database"
AFTERCARE = [(0, 0, "Keep the area clean."), (1, 3, "Use a gentle moisturiser."), (4, 14, "Wear sunscreen daily.")]


class Command(BaseCommand):
    help = (
        "Add made-up published treatments, each with a fit for every scar type, aftercare steps and health "
        "rules, to measure how the site behaves with a large catalogue. Only for a throwaway database."
    )

    def add_arguments(self, parser):
        parser.add_argument("count", type=int, help="How many treatments to add.")
        parser.add_argument(CONFIRM, action="store_true", dest="confirmed", help="Required: the rows are fake.")

    def handle(self, *args, count, confirmed, **options):
        if not confirmed:
            raise CommandError(f"These treatments are fake. Run this only on a throwaway database, with {CONFIRM}.")
        if not ScarType.objects.exists():
            raise CommandError("Add the scar types first (python manage.py seed_content).")
        with transaction.atomic():
            added = add_synthetic_treatments(count)
        self.stdout.write(self.style.SUCCESS(f"Added {len(added)} synthetic treatments."))


def add_synthetic_treatments(count):
    """Bulk-create `count` varied, realistic treatments linked to every existing scar type and health question."""
    start = Treatment.objects.filter(slug__startswith="synthetic-").count() + 1
    treatments = Treatment.objects.bulk_create(_treatment(n) for n in range(start, start + count))
    scar_types, questions = list(ScarType.objects.all()), list(Contraindication.objects.all())
    fits, actions = list(Suitability.Fit), [*TreatmentContraindication.Action, None]
    Suitability.objects.bulk_create(
        Suitability(treatment=t, scar_type=s, fit=fits[(i + j) % 3], reason="Made up for measuring.")
        for i, t in enumerate(treatments)
        for j, s in enumerate(scar_types)
    )
    AftercareStep.objects.bulk_create(
        AftercareStep(treatment=t, day_from=first, day_to=last, todo=todo, watch_for="Spreading redness or pus.")
        for t, (first, last, todo) in itertools.product(treatments, AFTERCARE)
    )
    TreatmentContraindication.objects.bulk_create(
        TreatmentContraindication(treatment=t, contraindication=q, action=actions[(i + k) % 3], note="Made up.")
        for i, t in enumerate(treatments)
        for k, q in enumerate(questions)
        if actions[(i + k) % 3]
    )
    content_changed()
    return treatments


def _treatment(n):
    downtime = n % 5
    sessions = 1 + n % 4
    return Treatment(
        name=f"Synthetic treatment {n:04d}",
        slug=f"synthetic-{n:04d}",
        category=list(Treatment.Category)[n % 5],
        role=list(Treatment.Role)[n % 4],
        summary="A made-up treatment used to measure the site with a large catalogue.",
        how_it_works="It does not exist.",
        session="About an hour.",
        preparation="Avoid the sun\nStop retinoids a week before",
        side_effects="Redness\nSwelling",
        downtime_min_days=downtime,
        downtime_max_days=downtime + n % 14,
        sessions_min=sessions,
        sessions_max=sessions + n % 3,
        interval_min_weeks=0 if sessions == 1 else 4,
        interval_max_weeks=0 if sessions == 1 else 6,
        pain=1 + n % 3,
        cost_min=100 + n % 7 * 50,
        cost_max=400 + n % 7 * 100,
        pigment_risk=list(Treatment.PigmentRisk)[n % 3],
        pigment_note="Ask about darker skin.",
        evidence=list(Treatment.Evidence)[n % 5],
        evidence_note="None: it is made up.",
        results_timeline="Weeks.",
        results_last="Months.",
        reviewed_on="2026-11-01",
        reviewed_by="Synthetic data",
    )
