"""The seeded content: complete, honest and free of placeholders."""

import json
import re
from pathlib import Path

import pytest
from django.conf import settings

from treatments.models import ScarType, Source, Treatment

pytestmark = pytest.mark.django_db

REQUIRED_TREATMENTS = {
    "laser-resurfacing",
    "microneedling",
    "chemical-peel",
    "dermal-fillers",
    "subcision",
    "mesotherapy",
    "steroid-injection",
    "botulinum-toxin",
    "surgery",
    "tca-cross",
    "dermabrasion",
}
REQUIRED_HEALTH = {"pregnant", "isotretinoin", "active-acne", "keloid", "anticoagulants", "cold-sores"}
FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "content.json"


def test_fixture_uses_natural_keys_only():
    rows = json.loads(FIXTURE.read_text())
    assert rows and all("pk" not in row for row in rows)


def test_fixture_has_the_contract_slugs(seeded):
    assert set(ScarType.objects.values_list("slug", flat=True)) == {"ice-pick", "boxcar", "rolling", "hypertrophic"}
    assert set(Treatment.objects.values_list("slug", flat=True)) >= REQUIRED_TREATMENTS
    from treatments.models import Contraindication

    assert set(Contraindication.objects.values_list("slug", flat=True)) >= REQUIRED_HEALTH


def test_every_treatment_is_complete(seeded):
    scar_types = set(ScarType.objects.values_list("slug", flat=True))
    for treatment in Treatment.objects.prefetch_related("suitabilities__scar_type", "aftercare_steps", "sources"):
        for field in treatment._meta.concrete_fields:
            if field.blank:
                continue
            value = getattr(treatment, field.attname)
            assert value not in (None, ""), f"{treatment.slug}.{field.name} is empty"
        assert treatment.sources.count() >= 2, treatment.slug
        assert len(treatment.preparation_points) >= 2 and len(treatment.side_effect_points) >= 2, treatment.slug
        if treatment.is_overview:
            continue
        assert {row.scar_type.slug for row in treatment.suitabilities.all()} == scar_types, treatment.slug
        assert all(row.reason.strip() for row in treatment.suitabilities.all()), treatment.slug
        assert treatment.aftercare_steps.count() >= 4, treatment.slug
        assert treatment.contraindication_rules.exists(), treatment.slug


def test_evidence_grades_are_honest(seeded):
    grades = dict(Treatment.objects.values_list("slug", "evidence"))
    assert grades["mesotherapy"] == "very-low"
    assert "high" not in grades.values(), "no acne-scar treatment has high-quality evidence (Cochrane 2016)"


def test_every_scar_type_explains_the_stretch_test(seeded):
    for scar_type in ScarType.objects.all():
        assert "stretch" in scar_type.stretch_test.lower() or "pull" in scar_type.stretch_test.lower(), scar_type.slug
        assert scar_type.sources.exists(), scar_type.slug


def test_overview_sources_exist(seeded):
    assert Source.objects.overview().exists()


def test_no_placeholder_or_promises_in_content():
    rows = json.loads(FIXTURE.read_text())
    text = " ".join(str(value) for row in rows for value in row["fields"].values()).lower()
    for word in ("lorem", "todo", "tbd", "xxx", "placeholder", "guaranteed", "permanently remove", "100%"):
        assert word not in text, word
    assert not re.search(r"\bremoves? (your |the )?scars\b", text)
