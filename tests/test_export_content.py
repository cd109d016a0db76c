"""`make export-content` writes the committed fixture back byte for byte, so `git diff` shows only real edits."""

import difflib

import pytest
from django.core.management import call_command

from tests.test_fixture import FIXTURE
from treatments.models import Treatment

pytestmark = pytest.mark.django_db


def export(tmp_path):
    output = tmp_path / "content.json"
    call_command("export_content", "--output", str(output))
    return output.read_text(encoding="utf-8")


def test_a_database_seeded_from_the_fixture_exports_the_fixture_byte_for_byte(seeded, tmp_path):
    assert export(tmp_path) == FIXTURE.read_text(encoding="utf-8")


def test_an_edit_shows_in_the_export_as_that_one_line(seeded, tmp_path):
    treatment = Treatment.objects.get(slug="subcision")
    treatment.summary = "痤疮疤痕: a summary in another script stays readable."
    treatment.save()
    changed = [
        line
        for line in difflib.unified_diff(
            FIXTURE.read_text(encoding="utf-8").splitlines(), export(tmp_path).splitlines()
        )
        if line.startswith(("+ ", "- ", "+\t", "-\t", "+  ", "-  "))
    ]
    assert len(changed) == 2
    assert changed[1] == '+      "summary": "痤疮疤痕: a summary in another script stays readable.",'


def test_rows_added_in_any_order_export_the_same(seeded, tmp_path):
    """The order depends on the content alone, not on the order rows were saved in."""
    first = export(tmp_path)
    microneedling = Treatment.objects.get(slug="microneedling")
    fields = {field.attname: getattr(microneedling, field.attname) for field in Treatment._meta.concrete_fields}
    microneedling.delete()
    Treatment.objects.create(**{**fields, "id": None})
    second = export(tmp_path)
    assert second.count('"model": "treatments.treatment"') == first.count('"model": "treatments.treatment"')
    assert second.index('"slug": "microneedling"') == first.index('"slug": "microneedling"')


def test_a_treatment_comes_after_the_treatments_it_refers_to_so_the_export_loads_row_by_row(seeded, tmp_path):
    """A kind after its family's overview, a treatment after the one it is paired with (seed_content loads
    one row at a time, so a reference to a row further down would be lost)."""
    import json

    order = [row["fields"]["slug"] for row in json.loads(export(tmp_path)) if row["model"] == "treatments.treatment"]
    for treatment in Treatment.objects.exclude(family=None) | Treatment.objects.exclude(paired_with=None):
        for target in (treatment.family, treatment.paired_with):
            if target:
                assert order.index(target.slug) < order.index(treatment.slug), (treatment.slug, target.slug)
