"""The side-by-side comparison: two to four treatments on every fact, and a clear message otherwise."""

import pytest
from django.urls import reverse

from tests.conftest import create, make_treatment
from treatments.templatetags.facts import LABELS


def compare(client, *slugs):
    query = "&".join(f"t={slug}" for slug in slugs)
    return client.get(f"{reverse('treatments:compare')}?{query}")


def test_two_treatments_side_by_side_on_every_fact(client, options, django_assert_max_num_queries):
    with django_assert_max_num_queries(8):
        response = compare(client, "subcision", "laser")
    assert response.status_code == 200
    page = response.content.decode()
    cards = page.split('<ul class="compare-grid compare-grid--2">')[1].split("</ul>")[0]
    assert cards.index("Subcision") < cards.index("Laser resurfacing")
    for fact, label in LABELS.items():
        assert cards.count(f"<dt>{label}</dt>") == (0 if fact == "fit" else 2), label
    assert "3 to 10 days" in cards and "5 to 10 days" in cards
    headers = page.split("<thead>")[1].split("</thead>")[0]
    assert headers.index("Subcision") < headers.index("Laser resurfacing")
    for fact in ("Side effects", "When you may see a change", "How long it lasts", "Health matters"):
        assert f'<th scope="row">{fact}' in page, fact
    for scar in ("Rolling scars", "Ice pick scars"):
        assert f">{scar}</a></th>" in page, scar
    assert options["laser"].get_aftercare_url() in page
    assert 'class="table-scroll"' in page


def test_four_treatments_are_the_most_and_repeats_count_once(client, options):
    extra = create(make_treatment(name="Peel", slug="peel"))
    assert compare(client, "subcision", "laser", "microneedling", extra.slug).status_code == 200
    assert compare(client, "subcision", "subcision", "laser").status_code == 200


@pytest.mark.parametrize(
    ("slugs", "message"),
    [
        (["subcision"], "Choose at least two treatments to compare."),
        (["subcision", "subcision"], "Choose at least two treatments to compare."),
        (["subcision", "no-such-thing"], "A treatment in the link is not in this guide."),
        (["subcision", "laser", "microneedling", "peel", "x"], "A treatment in the link is not in this guide."),
        ([""], "A treatment in the link is not in this guide."),
    ],
)
def test_unknown_too_few_or_too_many_get_a_clear_400(client, options, slugs, message):
    response = compare(client, *slugs)
    assert response.status_code == 400
    assert message in response.content.decode()


def test_five_known_treatments_are_too_many(client, options):
    for n in (1, 2):
        create(make_treatment(slug=f"extra-{n}"))
    response = compare(client, "subcision", "laser", "microneedling", "extra-1", "extra-2")
    assert response.status_code == 400
    assert "Choose at most four treatments to compare." in response.content.decode()


def test_without_a_choice_the_page_offers_every_treatment_to_pick(client, options):
    response = client.get(reverse("treatments:compare"))
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count('type="checkbox" name="t"') == 3
    assert 'action="/compare/"' in page


def test_unpublished_treatments_cannot_be_compared(client, options):
    options["laser"].published = False
    options["laser"].save()
    assert compare(client, "subcision", "laser").status_code == 400


def test_results_link_to_a_comparison_of_the_top_options(client, options):
    page = client.get(
        reverse("treatments:results") + "?scar=rolling&severity=moderate&skin_type=2&downtime=14"
    ).content.decode()
    assert 'href="/compare/?t=subcision&amp;t=' in page


def test_each_treatment_page_offers_a_comparison_with_another(client, options):
    page = client.get(options["subcision"].get_absolute_url()).content.decode()
    assert 'action="/compare/"' in page
    assert '<input type="hidden" name="t" value="subcision">' in page
    assert '<option value="laser">Laser resurfacing</option>' in page
