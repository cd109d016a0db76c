"""The seeded content: complete, honest and free of placeholders."""

import io
import json
import re
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import call_command

from treatments import vocabulary
from treatments.models import Contraindication, ScarType, Source, Treatment, TreatmentContraindication

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
    assert set(ScarType.objects.values_list("slug", flat=True)) == {
        "ice-pick",
        "boxcar",
        "rolling",
        "hypertrophic",
        "flat-marks",
    }
    assert set(Treatment.objects.values_list("slug", flat=True)) >= REQUIRED_TREATMENTS
    from treatments.models import Contraindication

    assert set(Contraindication.objects.values_list("slug", flat=True)) >= REQUIRED_HEALTH


def test_every_treatment_is_complete(seeded):
    scar_types = set(ScarType.objects.exclude(shape="flat").values_list("slug", flat=True))
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


# Content rules the matching and the pages rely on. Each states, for the seeded content, a rule the
# clinic's editors follow when they write new rows.

RANK_CLAIM = re.compile(r"\b(first|second)[- ](choice|line|option|treatment)\b|\bbest\b", re.IGNORECASE)
# Signs that cannot wait belong under "get help at once", never among the routine "call the clinic" signs.
EMERGENCY_WORDS = re.compile(r"emergency|at once|ambulance|breathing|swallowing|sight|dusky|fever|10 minutes", re.I)


def rows(model):
    return [row["fields"] for row in json.loads(FIXTURE.read_text()) if row["model"] == f"treatments.{model}"]


def test_no_suitability_reason_claims_a_rank():
    """The page prints the rank; a reason that claims one would contradict a rank the matching lowered."""
    claims = [
        (r["treatment"], r["scar_type"], r["reason"]) for r in rows("suitability") if RANK_CLAIM.search(r["reason"])
    ]
    assert not claims


def test_overview_pages_are_not_matched_and_their_kinds_point_to_them(seeded):
    overviews = Treatment.objects.filter(is_overview=True)
    assert set(overviews.values_list("slug", flat=True)) == {"laser-resurfacing", "chemical-peel"}
    for overview in overviews:
        assert not overview.suitabilities.exists(), overview.slug
        assert not overview.contraindication_rules.exists(), overview.slug
        assert not overview.aftercare_steps.exists(), overview.slug
        kinds = list(overview.variants.values_list("slug", flat=True))
        word = {"laser-resurfacing": "laser", "chemical-peel": "peel"}[overview.slug]
        assert len(kinds) >= 2 and all(word in slug for slug in kinds), (overview.slug, kinds)


def test_rows_load_after_the_rows_they_point_to():
    """seed_content loads one row at a time: an overview before its kinds, a partner before its pair."""
    seen = set()
    for fields in rows("treatment"):
        for key in ("family", "paired_with"):
            if fields[key]:
                assert fields[key][0] in seen, (fields["slug"], key)
        seen.add(fields["slug"])


def test_seeding_an_empty_database_adds_every_row(db):
    out = io.StringIO()
    call_command("seed_content", stdout=out)
    assert f"{len(json.loads(FIXTURE.read_text()))} rows added, 0 left as they were, 0 skipped" in out.getvalue()


def test_every_wounding_treatment_has_a_keloid_note_that_fits_raised_scars_too(seeded):
    """A patient with raised acne scars gets the same note as one who ticked 'I get keloids'."""
    for treatment in Treatment.objects.matchable().filter(wounds_skin=True):
        rule = treatment.contraindication_rules.get(contraindication__slug=vocabulary.KELOID)
        assert "raised scars" in rule.note and "you get keloids" not in rule.note.lower(), treatment.slug


def test_every_matchable_treatment_has_its_own_note_for_each_hard_stop(seeded):
    for question in Contraindication.objects.filter(rules_out_all=True):
        missing = Treatment.objects.matchable().exclude(contraindication_rules__contraindication=question)
        assert not missing.exists(), (question.slug, list(missing.values_list("slug", flat=True)))


def test_pregnancy_leaves_only_the_light_peel_to_ask_about(seeded):
    kept = TreatmentContraindication.objects.filter(contraindication__slug="pregnant").exclude(action="avoid")
    assert list(kept.values_list("treatment__slug", flat=True)) == ["light-chemical-peel"]
    assert "ask your doctor" in kept.get().note.lower()


def test_antiviral_cover_is_in_preparation_and_on_the_day_of_treatment(seeded):
    covered = Treatment.objects.filter(contraindication_rules__contraindication__slug="cold-sores")
    assert set(covered.values_list("slug", flat=True)) >= {
        "non-ablative-fractional-laser",
        "ablative-fractional-laser",
        "medium-chemical-peel",
        "dermabrasion",
        "microneedling",
    }
    for treatment in covered:
        assert any("cold sore" in p and "antiviral" in p for p in treatment.preparation_points), treatment.slug
        day_zero = treatment.aftercare_steps.get(day_from=0)
        assert any("cold sore" in p and "antiviral" in p for p in day_zero.todo_points), treatment.slug


def test_emergency_signs_say_get_help_at_once_and_routine_signs_do_not():
    for step in rows("aftercarestep"):
        for line in step["watch_for"].splitlines():
            assert not EMERGENCY_WORDS.search(line), (step["treatment"], line)
        for line in step["urgent"].splitlines():
            assert re.search(r"at once", line), (step["treatment"], line)


def test_filler_warns_of_blocked_blood_vessels_and_loss_of_sight(seeded):
    filler = Treatment.objects.get(slug="dermal-fillers")
    assert "loss of sight" in filler.side_effects.lower() and "dusky" in filler.side_effects
    urgent = " ".join(filler.aftercare_steps.filter(day_from=0).values_list("urgent", flat=True)).lower()
    assert "sight" in urgent and "dusky" in urgent


def test_side_effects_that_matter_are_named(seeded):
    steroid = Treatment.objects.get(slug="steroid-injection").side_effects.lower()
    assert "thinning" in steroid and "lighter skin" in steroid and "blood vessels" in steroid
    toxin = Treatment.objects.get(slug="botulinum-toxin").side_effects.lower()
    assert "bruise" in toxin and "weakness" in toxin


def test_off_label_uses_are_named_and_explained(seeded):
    for slug, medicine in (("botulinum-toxin", "botulinum toxin"), ("steroid-injection", "5-FU")):
        text = Treatment.objects.get(slug=slug).how_it_works
        assert f"{medicine} in scars is off-label" in text or f"{medicine} for scars is off-label" in text, slug
        assert "licence" in text, slug


def test_cutting_out_a_raised_scar_always_comes_with_steroid(seeded):
    excision = Treatment.objects.get(slug="keloid-excision")
    assert excision.paired_with.slug == "steroid-injection"
    for text in (excision.summary, excision.suitabilities.get(scar_type__slug="hypertrophic").reason):
        assert "steroid" in text.lower() and "grow back" in text, text
    assert any("steroid" in step.todo.lower() for step in excision.aftercare_steps.filter(day_from__gte=7))


def test_mesotherapy_reasons_never_praise_it():
    for reason in rows("suitability"):
        if reason["treatment"] == ["mesotherapy"] and reason["fit"] != "not-suitable":
            assert "very little good evidence" in reason["reason"], reason["reason"]


def test_content_awaits_review_by_the_clinics_dermatologist():
    for model in ("scartype", "treatment"):
        assert all(fields["reviewed_by"] == "" for fields in rows(model)), model


def test_raised_scars_are_the_only_raised_shape_and_flat_marks_the_only_flat_one(seeded):
    assert dict(ScarType.objects.values_list("slug", "shape")) == {
        "ice-pick": "sunken",
        "boxcar": "sunken",
        "rolling": "sunken",
        "hypertrophic": "raised",
        "flat-marks": "flat",
    }


def test_the_flat_marks_page_tells_marks_from_scars_and_what_helps(seeded):
    """Section 8a: how to tell marks from scars, that most fade, sun protection, what a dermatologist may
    offer, and why aggressive resurfacing can darken brown marks on darker skin; with its sources."""
    marks = ScarType.objects.get(slug="flat-marks")
    text = " ".join([marks.summary, marks.description, marks.how_to_recognise]).lower()
    for words in ("not scars", "fade", "sunscreen", "vascular", "hydroquinone", "darker skin", "registered"):
        assert words in text or words.replace("vascular", "blood vessels") in text, words
    assert marks.sources.count() >= 5


def test_side_effects_are_points_without_a_closing_full_stop():
    """The results join a treatment's side effects with semicolons and end them with one full stop."""
    for fields in rows("treatment"):
        assert not any(line.endswith(".") for line in fields["side_effects"].splitlines()), fields["slug"]
