import json

import pytest
from django.core.management import call_command

from tests.conftest import create, make_scar_type
from treatments.models import AftercareStep, ScarType, Suitability, Treatment

pytestmark = pytest.mark.django_db


def counts():
    return {model.__name__: model.objects.count() for model in (ScarType, Treatment, Suitability, AftercareStep)}


def test_seed_content_fills_an_empty_database_and_is_idempotent(seeded):
    first = counts()
    assert first["Treatment"] >= 11 and first["ScarType"] == 5
    call_command("seed_content", verbosity=0)
    assert counts() == first


def test_seed_content_never_overwrites_a_staff_edit(seeded):
    Treatment.objects.filter(slug="microneedling").update(downtime_max_days=9, summary="Edited by the clinic.")
    Suitability.objects.filter(treatment__slug="subcision", scar_type__slug="rolling").update(reason="Clinic wording.")
    call_command("seed_content", verbosity=0)
    edited = Treatment.objects.get(slug="microneedling")
    assert (edited.downtime_max_days, edited.summary) == (9, "Edited by the clinic.")
    assert Suitability.objects.get(treatment__slug="subcision", scar_type__slug="rolling").reason == "Clinic wording."


def test_seed_content_does_not_bring_back_what_staff_deleted(seeded):
    Treatment.objects.get(slug="mesotherapy").delete()
    step = AftercareStep.objects.filter(treatment__slug="subcision").first()
    step.day_to += 1  # an edited day range must not be re-added under its old range
    step.save()
    before = counts()
    call_command("seed_content", verbosity=0)
    assert not Treatment.objects.filter(slug="mesotherapy").exists()
    assert counts() == before


def test_seed_content_fills_a_partly_filled_database(db):
    create(make_scar_type(slug="rolling", name="Rolling (clinic's own page)"))
    call_command("seed_content", verbosity=0)
    assert ScarType.objects.get(slug="rolling").name == "Rolling (clinic's own page)"
    assert ScarType.objects.count() == 5
    assert Suitability.objects.filter(scar_type__slug="rolling").count() == Treatment.objects.matchable().count()


def test_seed_content_reports_a_broken_fixture_clearly(tmp_path, db):
    broken = tmp_path / "broken.json"
    broken.write_text(json.dumps([{"model": "treatments.treatment", "fields": {"slug": "x", "pain": "very"}}]))
    with pytest.raises(Exception, match="Bad fixture row treatments.treatment"):
        call_command("seed_content", str(broken), verbosity=0)
    assert Treatment.objects.count() == 0
