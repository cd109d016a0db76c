"""Small builders for tests: a few unsaved or saved rows, never the whole fixture unless asked."""

import datetime
import itertools

import pytest
from django.conf import settings
from django.contrib.auth.models import Group, User
from django.core.cache import cache
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone, translation

from tests.servers import MissingServer, PostgresServer, RedisServer, manage, production_environment
from treatments.editors import CONTENT_EDITOR
from treatments.management.commands.generate_synthetic_treatments import add_synthetic_treatments
from treatments.models import (
    AftercareStep,
    Contraindication,
    ScarType,
    Source,
    Suitability,
    Treatment,
    TreatmentContraindication,
)

_counter = itertools.count(1)
REVIEWED = {"reviewed_on": datetime.date(2026, 11, 1), "reviewed_by": "Dr Test, dermatologist"}


def make_scar_type(**fields):
    n = next(_counter)
    values = {
        "name": f"Scar {n}",
        "slug": f"scar-{n}",
        "summary": "A short summary.",
        "description": "What it is.",
        "how_to_recognise": "What it looks like.",
        "stretch_test": "What stretching does.",
        "order": n,
        **REVIEWED,
    }
    values.update(fields)
    return ScarType(**values)


def make_treatment(**fields):
    n = next(_counter)
    values = {
        "name": f"Treatment {n}",
        "slug": f"treatment-{n}",
        "category": Treatment.Category.NEEDLING,
        "role": Treatment.Role.RESURFACING,
        "summary": "A short summary.",
        "how_it_works": "How it works.",
        "session": "What a session is like.",
        "preparation": "Stop picking\nUse sunscreen",
        "side_effects": "Redness\nSwelling",
        "downtime_min_days": 1,
        "downtime_max_days": 3,
        "sessions_min": 3,
        "sessions_max": 6,
        "interval_min_weeks": 4,
        "interval_max_weeks": 6,
        "pain": 1,
        "cost_min": 200,
        "cost_max": 700,
        "pigment_risk": Treatment.PigmentRisk.LOW,
        "pigment_note": "Low risk.",
        "evidence": Treatment.Evidence.MODERATE,
        "evidence_note": "Some trials.",
        "results_timeline": "Weeks to months.",
        "results_last": "Years.",
        **REVIEWED,
    }
    values.update(fields)
    return Treatment(**values)


@pytest.fixture
def scar_type(db):
    return create(make_scar_type(name="Rolling", slug="rolling"))


@pytest.fixture
def treatment(db, scar_type):
    treatment = create(make_treatment(name="Subcision", slug="subcision"))
    Suitability.objects.create(treatment=treatment, scar_type=scar_type, fit="first-line", reason="Frees the bands.")
    AftercareStep.objects.create(treatment=treatment, day_from=0, day_to=0, todo="Ice", watch_for="Heavy bleeding")
    source = Source.objects.create(key="vempati-2023", citation="Vempati A et al. Subcision review. 2023.")
    treatment.sources.add(source)
    rule = Contraindication.objects.create(
        slug="anticoagulants", name="Blood thinners", question="I take blood thinners", explanation="Bruising."
    )
    TreatmentContraindication.objects.create(
        treatment=treatment, contraindication=rule, action="caution", note="Bruises."
    )
    return treatment


def create(obj):
    obj.full_clean()
    obj.save()
    return obj


def make_catalogue(treatment_count):
    """The four scar types, two health questions and `treatment_count` linked treatments, bulk-created."""
    for slug in ("ice-pick", "boxcar", "rolling", "hypertrophic"):
        create(make_scar_type(name=slug.replace("-", " ").capitalize(), slug=slug))
    for slug in ("pregnant", "anticoagulants"):
        Contraindication.objects.create(slug=slug, name=slug, question=f"{slug}?", explanation="Why we ask.")
    return add_synthetic_treatments(treatment_count)


@pytest.fixture
def seeded(db):
    call_command("seed_content", verbosity=0)


def admin_form_data(response):
    """What the admin change page in `response` posts back when the editor saves it unchanged."""
    form = response.context["adminform"].form
    data = {name: form[name].value() for name in form.fields if form[name].value() is not None}
    for formset in response.context.get("inline_admin_formsets", []):
        management = formset.formset.management_form
        for name in management.fields:
            data[f"{management.prefix}-{name}"] = management[name].value()
        for index, inline_form in enumerate(formset.formset.forms):
            for name in inline_form.fields:
                value = inline_form[name].value()
                if value is not None:
                    data[f"{formset.formset.prefix}-{index}-{name}"] = value
    return data


@pytest.fixture
def editor(db):
    user = User.objects.create_user("editor", password="a-long-editor-password", is_staff=True)
    user.groups.add(Group.objects.get(name=CONTENT_EDITOR))
    return user


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


@pytest.fixture(autouse=True)
def empty_cache():
    """Each test starts with nothing cached, whatever an earlier test rendered."""
    cache.clear()


@pytest.fixture(autouse=True)
def default_language():
    """Each test starts in English: a request to a Chinese page leaves Chinese active in the test's thread."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()


# Example answers for the results page (see docs/results-contract.md).
ANSWERS = "scar=rolling&severity=moderate&skin_type=5&downtime=7&health=anticoagulants"


@pytest.fixture
def public_pages(treatment):
    """One address of every kind of page a patient can open, by page type."""
    scar_type = treatment.scar_types.first()
    in_a_year = (timezone.localdate() + datetime.timedelta(days=365)).isoformat()
    return {
        "home": reverse("treatments:home"),
        "scar list": reverse("treatments:scar_list"),
        "scar detail": scar_type.get_absolute_url(),
        "treatment list": reverse("treatments:treatment_list"),
        "filtered list": reverse("treatments:treatment_list") + "?pain=1",
        "treatment detail": treatment.get_absolute_url(),
        "aftercare": treatment.get_aftercare_url(),
        "questionnaire": reverse("treatments:questionnaire"),
        "results": reverse("treatments:results") + f"?{ANSWERS}",
        "compare": reverse("treatments:compare") + f"?t={treatment.slug}&t={create(make_treatment()).slug}",
        "planner": reverse("treatments:plan", args=[treatment.slug]) + f"?date={in_a_year}",
        "side-by-side plan": reverse("treatments:plan_side_by_side") + f"?t={treatment.slug}",
        "privacy": reverse("privacy"),
        "not found": "/no-such-page/",
    }


@pytest.fixture(autouse=True)
def plain_static_files(settings):
    """Tests render pages without running collectstatic; production serves hashed names."""
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def options(db):
    """Rolling and ice pick scars, three treatments and two health questions: enough to match answers on."""
    rolling = create(make_scar_type(name="Rolling scars", slug="rolling"))
    ice_pick = create(make_scar_type(name="Ice pick scars", slug="ice-pick"))
    treatments = {
        "subcision": create(
            make_treatment(
                name="Subcision", slug="subcision", role="structural", downtime_min_days=3, downtime_max_days=10
            )
        ),
        "microneedling": create(make_treatment(name="Microneedling", slug="microneedling")),
        "laser": create(
            make_treatment(
                name="Laser resurfacing",
                slug="laser",
                category="energy",
                downtime_min_days=5,
                downtime_max_days=10,
                pigment_risk="moderate",
            )
        ),
    }
    for slug, scar_type, fit in [
        ("subcision", rolling, "first-line"),
        ("microneedling", rolling, "second-line"),
        ("laser", rolling, "second-line"),
        ("laser", ice_pick, "second-line"),
        ("subcision", ice_pick, "not-suitable"),
        ("microneedling", ice_pick, "not-suitable"),
    ]:
        Suitability.objects.create(treatment=treatments[slug], scar_type=scar_type, fit=fit, reason=f"{slug} {fit}.")
    pregnant = Contraindication.objects.create(
        slug="pregnant",
        name="Pregnancy",
        question="I am pregnant or breastfeeding",
        explanation="Some treatments wait.",
        notice="Procedures wait until after pregnancy and breastfeeding.",
    )
    thinners = Contraindication.objects.create(
        slug="anticoagulants", name="Blood thinners", question="I take blood thinners", explanation="Bruising."
    )
    for treatment in treatments.values():
        TreatmentContraindication.objects.create(
            treatment=treatment, contraindication=pregnant, action="avoid", note="Waits until after pregnancy."
        )
    TreatmentContraindication.objects.create(
        treatment=treatments["subcision"], contraindication=thinners, action="caution", note="More bruising."
    )
    return treatments


def _started(server_class):
    try:
        return server_class().start()
    except MissingServer as missing:
        pytest.fail(str(missing), pytrace=False)


@pytest.fixture(scope="session")
def postgres_server():
    """A throwaway PostgreSQL for the tests that need one whatever DATABASE_URL says (tests/servers.py)."""
    server = _started(PostgresServer)
    yield server
    server.close()


@pytest.fixture(scope="session")
def redis_server():
    """A throwaway Redis (tests/servers.py)."""
    server = _started(RedisServer)
    yield server
    server.close()


@pytest.fixture(scope="session")
def collected_static(tmp_path_factory):
    """Static files collected once for every gunicorn server the tests start (DJANGO_STATIC_ROOT)."""
    folder = tmp_path_factory.mktemp("static")
    manage(production_environment(folder, DJANGO_STATIC_ROOT=str(folder)), "collectstatic", "--no-input", "-v", "0")
    return str(folder)
