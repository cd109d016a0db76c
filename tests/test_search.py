"""Site search: treatments and scar types by name, alias or summary, in either language, forgiving of
case, hyphens and a typo; never cached, stored or logged. Runs on SQLite and on PostgreSQL (pg_trgm)."""

import logging
import re

import pytest
from django.urls import reverse
from django.utils import translation

from tests.conftest import create, make_scar_type, make_treatment
from treatments.page_cache import content_changed
from treatments.search import find, normalise

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue(db):
    """A few rows like the starter content's, with Chinese names and aliases."""
    rows = {
        "ice-pick": create(make_scar_type(name="Ice pick scars", slug="ice-pick", summary="Narrow, deep holes.")),
        "rolling": create(
            make_scar_type(
                name="Rolling scars",
                slug="rolling",
                summary="Wide, shallow dips with soft edges.",
                also_known_as="pitted scars",
            )
        ),
        "laser": create(
            make_treatment(
                name="Fractional laser resurfacing",
                slug="fractional-laser",
                also_known_as="fractional CO2 laser, Fraxel",
                summary="A laser makes tiny columns of injury.",
            )
        ),
        "microneedling": create(make_treatment(name="Microneedling", slug="microneedling")),
        "peels": create(
            make_treatment(
                name="Skin peels",
                slug="chemical-peel",
                is_overview=True,
                summary="An acid takes off the top layers; it also fades dark marks.",
            )
        ),
        "hidden": create(make_treatment(name="Microneedling draft", slug="draft", published=False)),
    }
    for key, fields in [
        ("rolling", {"name_zh_hant": "滾動型疤痕", "also_known_as_zh_hant": "凹凸洞, 暗瘡疤"}),
        ("laser", {"name_zh_hant": "點陣激光", "also_known_as_zh_hant": "飛梭激光"}),
        ("peels", {"summary_zh_hant": "用酸性溶液去除表層皮膚，也可淡化暗瘡印。"}),
    ]:
        type(rows[key]).objects.filter(pk=rows[key].pk).update(**fields)
    content_changed()
    return rows


def slugs(found):
    return [row.slug for row in found.scar_types], [row.slug for row in found.treatments]


def test_finds_a_scar_type_by_its_name_whatever_the_case_or_hyphens(catalogue):
    for query in ("ice pick", "Ice-Pick", "ICE PICK SCARS", "  ice   pick "):
        assert slugs(find(query))[0] == ["ice-pick"], query


def test_finds_a_treatment_through_its_alias(catalogue):
    assert slugs(find("fraxel")) == ([], ["fractional-laser"])
    assert slugs(find("CO2 laser"))[1] == ["fractional-laser"]


def test_finds_a_treatment_despite_a_typo(catalogue):
    assert slugs(find("microneedlng"))[1] == ["microneedling"]
    assert slugs(find("fracsional laser"))[1] == ["fractional-laser"]


def test_finds_chinese_aliases_and_summaries_without_spaces(catalogue):
    assert slugs(find("凹凸洞")) == (["rolling"], [])
    assert slugs(find("暗瘡印")) == ([], ["chemical-peel"]), "a Chinese word inside a summary, overview pages included"
    assert slugs(find("激光"))[1] == ["fractional-laser"]


def test_a_name_ranks_above_a_summary_and_drafts_are_never_found(catalogue):
    create(make_treatment(name="Dark mark cream", slug="cream", summary="For marks."))
    content_changed()
    assert slugs(find("mark"))[1] == ["cream", "chemical-peel"]
    assert "draft" not in slugs(find("microneedling draft"))[1]


def test_nothing_unrelated_is_found(catalogue):
    assert slugs(find("wedding")) == ([], [])
    assert slugs(find("!!!")) == ([], [])


def test_normalising_keeps_chinese_and_drops_case_accents_width_and_punctuation():
    assert normalise("Ｆｒａｘｅｌ®, Éclat—peel") == "fraxel eclat peel"
    assert normalise("暗瘡印、凹凸洞") == "暗瘡印 凹凸洞"


def page(client, url) -> str:
    return client.get(url).content.decode()


def test_the_search_page_lists_treatments_and_scar_types_in_the_pages_language(client, catalogue):
    url = reverse("treatments:search")
    html = page(client, f"{url}?q=laser")
    assert "Fractional laser resurfacing" in html and "1 page found for “laser”." in html
    chinese = page(client, f"/zh-hant{url}?q=凹凸洞")
    assert "滾動型疤痕" in chinese and "凹凸洞, 暗瘡疤" in chinese
    assert 'href="/zh-hant/scars/rolling/"' in chinese
    overview = page(client, f"{url}?q=peels")
    assert "Skin peels" in overview and "Overview of several kinds" in overview


def test_the_search_page_says_when_nothing_matches_and_shows_just_the_form_without_a_query(client, catalogue):
    url = reverse("treatments:search")
    assert "Nothing in this guide matches that." in page(client, f"{url}?q=wedding")
    empty = page(client, url)
    assert 'id="search-q"' in empty and "found for" not in empty


def test_a_query_too_long_gets_a_clear_message_and_a_400(client, catalogue):
    response = client.get(reverse("treatments:search"), {"q": "scar " * 30})
    assert response.status_code == 400
    html = response.content.decode()
    assert "Use 100 characters or fewer" in html and 'aria-invalid="true"' in html


def test_search_results_are_never_cached(client, catalogue):
    response = client.get(reverse("treatments:search"), {"q": "laser"})
    assert "no-store" in response["Cache-Control"] and "private" in response["Cache-Control"]
    assert "ETag" not in response


def test_queries_never_reach_the_logs(client, caplog, catalogue):
    with caplog.at_level("DEBUG"):
        assert client.get(reverse("treatments:search"), {"q": "pregnant " * 20}).status_code == 400
        assert client.get("/zh-hant/search/no-such-page/", {"q": "pregnant"}).status_code == 404
    assert caplog.records, "Django logs 4xx responses; this test needs them"
    for record in caplog.records:
        assert "pregnant" not in record.getMessage() and not hasattr(record, "request")


def test_development_server_lines_for_the_search_leave_out_the_query():
    from scarguide.logs import ForgetRequest

    for path in ("/search/", "/zh-hant/search/"):
        record = logging.LogRecord(
            "django.server",
            logging.INFO,
            __file__,
            1,
            '"%s" %s %s',
            (f"GET {path}?q=%E6%9A%97 HTTP/1.1", "200", "9"),
            None,
        )
        assert ForgetRequest().filter(record)
        assert record.getMessage() == f'"GET {path} HTTP/1.1" 200 9'


def test_every_page_has_a_labelled_search_box_that_works_without_javascript(client, public_pages):
    for name, url in public_pages.items():
        html = page(client, url)
        form = re.search(
            r'<form class="site-search" method="get" action="([^"]+)" role="search"[^>]*>(.*?)</form>', html, re.S
        )
        assert form, name
        assert form[1] == reverse("treatments:search")
        assert '<label class="visually-hidden" for="site-search">' in form[2] and 'name="q"' in form[2]
    with translation.override("zh-hant"):
        chinese_search = reverse("treatments:search")
    assert f'action="{chinese_search}"' in page(client, "/zh-hant/")


def test_a_query_that_matches_many_lists_the_best_and_counts_the_rest(client, catalogue):
    from treatments.management.commands.generate_synthetic_treatments import add_synthetic_treatments

    add_synthetic_treatments(30)
    found = find("synthetic treatment 0007")
    assert [row.slug for row in found.treatments][0] == "synthetic-0007"
    many = find("synthetic")
    assert (len(many), len(many.treatments), many.not_shown) == (30, 24, 6)
    assert "6 more are not shown" in page(client, reverse("treatments:search") + "?q=synthetic")


def test_chinese_search_results_say_when_a_translation_awaits_review(client, catalogue):
    notice = "本譯文有待診所審閱。"  # "This translation awaits review by the clinic."
    url = "/zh-hant" + reverse("treatments:search")
    assert notice in page(client, f"{url}?q=凹凸洞")
    ScarType = type(catalogue["rolling"])
    ScarType.objects.filter(pk=catalogue["rolling"].pk).update(translation_reviewed=True)
    assert notice not in page(client, f"{url}?q=凹凸洞")
    assert notice not in page(client, f"{url}?q=wedding"), "nothing found, nothing to review"
