"""The treatment page leads with the facts, then the detail; overview pages list their kinds; the
treatment list shows kinds, never overviews; the comparison box suggests treatments for the same scars."""

import re

import pytest
from django.urls import reverse

from tests.conftest import create, make_scar_type, make_treatment
from treatments.models import Suitability

pytestmark = pytest.mark.django_db


def sections(html):
    """The ids of the page's h2 headings, in order."""
    return re.findall(r'<h2 id="([\w-]+)"', html)


def test_the_facts_come_first_then_an_on_this_page_list_then_the_detail(client, treatment):
    html = client.get(treatment.get_absolute_url()).content.decode()
    order = sections(html)
    assert order[:2] == ["glance-title", "on-this-page-title"]
    assert order.index("how-it-works") < order.index("scar-by-scar") < order.index("about-page-title")
    facts = html.split('id="glance-title"')[1].split("</section>")[0]
    for text in ("Which scars it suits", "Usual first choice", "Rolling", "Recovery time", "1 to 3 days", "Pain"):
        assert text in facts, text
    contents = html.split('id="on-this-page-title"')[1].split("</nav>")[0]
    for anchor in re.findall(r'href="#([\w-]+)"', contents):
        assert f'id="{anchor}"' in html, anchor


def test_empty_sections_are_left_out_of_the_page_and_its_contents(client, treatment):
    html = client.get(treatment.get_absolute_url()).content.decode()
    assert "Before and after photos" not in html
    assert 'id="photos-title"' not in html and 'href="#photos-title"' not in html


@pytest.fixture
def family(db, scar_type):
    """An overview page (Chemical peel) with two published kinds and a draft one, and a treatment of its own."""
    overview = create(make_treatment(name="Chemical peel", slug="chemical-peel", is_overview=True))
    kinds = [
        create(make_treatment(name="Light chemical peel", slug="light-peel", family=overview, downtime_max_days=2)),
        create(make_treatment(name="Medium chemical peel", slug="medium-peel", family=overview, downtime_max_days=10)),
        create(make_treatment(name="Deep chemical peel", slug="deep-peel", family=overview, published=False)),
    ]
    for kind in kinds:
        Suitability.objects.create(treatment=kind, scar_type=scar_type, fit="second-line", reason="Evens the surface.")
    return overview, kinds


def test_overview_page_shows_its_kinds_in_a_table_instead_of_facts_of_its_own(client, family):
    overview, (light, medium, draft) = family
    html = client.get(overview.get_absolute_url()).content.decode()
    assert 'id="glance-title"' not in html
    table = html.split('<table class="kinds-table">')[1].split("</table>")[0]
    rows = re.findall(r'<th scope="row"><a href="([^"]+)">([^<]+)</a>', table)
    assert rows == [(light.get_absolute_url(), light.name), (medium.get_absolute_url(), medium.name)]
    for label in ("Recovery time", "Pain", "Sessions", "Cost per session", "Evidence"):
        assert f'<th scope="col">{label}</th>' in table
    assert "1 to 10 days" in table
    assert 'href="/compare/?t=light-peel&amp;t=medium-peel"' in html
    assert "How it works" in html


def test_staff_see_the_draft_kinds_of_an_overview(admin_client, family):
    overview, (_light, _medium, draft) = family
    html = admin_client.get(overview.get_absolute_url()).content.decode()
    assert draft.name in html and "Draft" in html


def test_each_kind_names_its_family_and_links_to_it(client, family):
    overview, (light, *_rest) = family
    html = client.get(light.get_absolute_url()).content.decode()
    note = html.split('<p class="family-note">')[1].split("</p>")[0]
    assert f'One kind of <a href="{overview.get_absolute_url()}">Chemical peel</a>' in note
    breadcrumb = html.split('class="breadcrumb">')[1].split("</nav>")[0]
    assert overview.get_absolute_url() in breadcrumb


def test_the_treatment_list_shows_kinds_not_overviews_and_names_the_family(
    client, family, django_assert_max_num_queries
):
    overview, (light, medium, draft) = family
    with django_assert_max_num_queries(8):
        html = client.get(reverse("treatments:treatment_list")).content.decode()
    cards = re.findall(r'<li class="card treatment-card">\s*<h3><a href="([^"]+)"', html)
    assert overview.get_absolute_url() not in cards
    assert light.get_absolute_url() in cards and medium.get_absolute_url() in cards
    assert draft.get_absolute_url() not in cards
    assert html.count(f'One kind of <a href="{overview.get_absolute_url()}">Chemical peel</a>') == 2


def test_staff_see_draft_kinds_in_the_list_but_still_no_overviews(admin_client, family):
    overview, (_light, _medium, draft) = family
    html = admin_client.get(reverse("treatments:treatment_list")).content.decode()
    assert draft.get_absolute_url() in html
    assert not re.search(rf'<h3><a href="{overview.get_absolute_url()}"', html)


def test_home_counts_the_kinds_a_patient_can_weigh(client, family):
    html = client.get(reverse("treatments:home")).content.decode()
    assert "2 treatments, with recovery time, pain, cost and evidence." in html


def test_the_comparison_box_suggests_treatments_for_the_same_scars_best_first(client, family, scar_type):
    overview, (light, medium, _draft) = family
    boxcar = create_scar("Boxcar", "boxcar")
    subject = create(make_treatment(name="Subject", slug="subject"))
    both = create(make_treatment(name="Zeta two scars", slug="zeta"))
    first = create(make_treatment(name="Alpha first choice", slug="alpha"))
    other_scar = create(make_treatment(name="Other scar only", slug="other"))
    for treatment, scar, fit in [
        (subject, scar_type, "first-line"),
        (subject, boxcar, "second-line"),
        (both, scar_type, "second-line"),
        (both, boxcar, "second-line"),
        (first, scar_type, "first-line"),
        (other_scar, create_scar("Ice pick", "ice-pick"), "first-line"),
        (overview, scar_type, "first-line"),
    ]:
        Suitability.objects.create(treatment=treatment, scar_type=scar, fit=fit, reason="Why.")
    Suitability.objects.create(treatment=other_scar, scar_type=boxcar, fit="not-suitable", reason="Why not.")
    html = client.get(subject.get_absolute_url()).content.decode()
    box = html.split('<select id="compare-with" name="t">')[1].split("</select>")[0]
    offered = re.findall(r'<option value="([\w-]+)">', box)
    # Two scars in common first; then one, first choices before second choices; never an overview.
    assert offered == ["zeta", "alpha", "light-peel", "medium-peel"]


def create_scar(name, slug):
    return create(make_scar_type(name=name, slug=slug))


def test_a_treatment_that_suits_no_scar_yet_offers_no_comparison(client, db):
    lonely = create(make_treatment(name="Lonely", slug="lonely"))
    create(make_treatment(name="Other", slug="other"))
    html = client.get(lonely.get_absolute_url()).content.decode()
    assert 'id="compare-with"' not in html


def test_overview_pages_cannot_be_chosen_to_compare(client, family):
    overview, (light, medium, _draft) = family
    page = client.get(reverse("treatments:compare")).content.decode()
    assert 'value="chemical-peel"' not in page
    assert 'value="light-peel"' in page
    response = client.get(reverse("treatments:compare"), {"t": ["chemical-peel", "light-peel"]})
    assert response.status_code == 400


def test_treatment_page_keeps_its_query_budget_for_a_kind_and_an_overview(
    client, family, django_assert_max_num_queries
):
    overview, (light, *_rest) = family
    for url in (overview.get_absolute_url(), light.get_absolute_url()):
        with django_assert_max_num_queries(8):
            assert client.get(url).status_code == 200
