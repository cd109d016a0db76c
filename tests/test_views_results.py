"""The results pages: the JSON contract, the 400s, and content rows driving them."""

import re

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from tests.conftest import create, make_catalogue, make_treatment
from treatments.management.commands.generate_synthetic_treatments import add_synthetic_treatments
from treatments.models import Contraindication, ScarType, Suitability, TreatmentContraindication
from treatments.page_cache import content_changed

ANSWERS = "scar=rolling&severity=moderate&skin_type=2&downtime=7"
CHECKED_ROLLING = re.compile(r'<input type="checkbox" name="scar" value="rolling"[^>]* checked>')
CONTRACT_KEYS = {"profile", "candidates", "excluded", "combinations", "notices"}
CANDIDATE_KEYS = {
    "treatment",
    "name",
    "fit",
    "score",
    "reasons",
    "cautions",
    "downtime_days",
    "sessions",
    "url",
    "aftercare_url",
    # Added to the contract: the option's group (raised or sunken scars), how it fits each of the
    # patient's scar types, its evidence grade, by how many days it may go over the recovery limit,
    # and whether it is "ask your doctor first".
    "group",
    "fits",
    "evidence",
    "over_limit_days",
    "ask_doctor",
}


def results(client, query=ANSWERS, **headers):
    return client.get(f"{reverse('treatments:results')}?{query}", headers=headers)


def ranking(client, query=ANSWERS):
    return [entry["treatment"] for entry in results(client, f"{query}&format=json").json()["candidates"]]


def test_json_has_exactly_the_contracts_keys(client, options):
    response = results(client, f"{ANSWERS}&health=anticoagulants&scar=ice-pick&format=json")
    assert response.status_code == 200
    body = response.json()
    assert set(body) == CONTRACT_KEYS
    assert body["profile"] == {
        "scar": ["rolling", "ice-pick"],
        "severity": "moderate",
        "skin_type": 2,
        "downtime": 7,
        "health": ["anticoagulants"],
    }
    subcision = next(entry for entry in body["candidates"] if entry["treatment"] == "subcision")
    assert set(subcision) == CANDIDATE_KEYS
    assert subcision["fit"] == "second-line", "its recovery may go 3 days over the limit: not a usual first choice"
    assert subcision["over_limit_days"] == 3
    assert subcision["fits"] == [{"scar": "ice-pick", "fit": "not-suitable"}, {"scar": "rolling", "fit": "second-line"}]
    assert subcision["group"] == "sunken" and subcision["evidence"] == "moderate" and not subcision["ask_doctor"]
    assert subcision["downtime_days"] == [3, 10]
    assert subcision["sessions"] == [3, 6]
    assert "More bruising." in subcision["cautions"]
    assert subcision["url"] == "http://testserver/treatments/subcision/"
    assert subcision["aftercare_url"] == "http://testserver/treatments/subcision/aftercare/"
    assert all(set(entry) == {"treatment", "name", "reasons"} for entry in body["excluded"])
    assert body["combinations"] and all(set(plan) == {"treatments", "note", "steps"} for plan in body["combinations"])
    assert all(set(step) == {"treatments", "for", "wait"} for plan in body["combinations"] for step in plan["steps"])
    listed = [entry["treatment"] for entry in body["candidates"] + body["excluded"]]
    assert sorted(listed) == ["laser", "microneedling", "subcision"]


def test_json_is_chosen_by_the_accept_header_and_html_stays_the_default(client, options):
    assert results(client, accept="application/json")["Content-Type"] == "application/json"
    browser = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
    assert results(client, accept=browser)["Content-Type"].startswith("text/html")
    assert results(client, f"{ANSWERS}&format=xml")["Content-Type"].startswith("text/html")
    assert "Accept" in results(client)["Vary"]


def test_pregnancy_excludes_every_procedure_with_its_note_and_shows_the_notice(client, options):
    body = results(client, f"{ANSWERS}&health=pregnant&format=json").json()
    assert body["candidates"] == []
    assert {entry["treatment"] for entry in body["excluded"]} == {"laser", "microneedling", "subcision"}
    assert all("Waits until after pregnancy." in entry["reasons"] for entry in body["excluded"])
    assert body["notices"] == ["Procedures wait until after pregnancy and breastfeeding."]


def test_invalid_answers_give_json_400_with_a_message_per_field(client, options):
    response = results(client, "scar=moon&severity=dreadful&skin_type=9&downtime=61&health=x&format=json")
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert set(errors) == {"scar", "severity", "skin_type", "downtime", "health"}
    assert all(isinstance(message, str) and message for messages in errors.values() for message in messages)


def test_invalid_answers_give_the_questionnaire_again_with_messages_and_400(client, options):
    response = results(client, "scar=rolling&severity=mild&skin_type=2&downtime=500")
    assert response.status_code == 400
    page = response.content.decode()
    assert 'action="/results/"' in page
    assert "Enter a whole number of days from 0 to 60." in page
    assert 'href="#q-downtime"' in page
    assert CHECKED_ROLLING.search(page)


@pytest.mark.parametrize(
    "query",
    ["", "downtime=1e9&skin_type=%00", "scar=rolling&scar=rolling&severity=mild&severity=moon", "skin_type=٣"],
)
def test_odd_queries_get_a_clear_400_not_a_server_error(client, options, query):
    assert results(client, query).status_code == 400
    assert results(client, query, accept="application/json").status_code == 400


def test_results_page_shows_options_evenly_and_everything_a_patient_needs(client, options):
    response = results(client, f"{ANSWERS}&scar=ice-pick")
    page = response.content.decode()
    assert response.status_code == 200
    assert "your treatment" not in page.lower()
    assert "Options to discuss" in page
    for treatment in options.values():
        assert treatment.get_aftercare_url() in page
    assert page.count("In its favour") == page.count("Against it") == 3
    assert "A possible order" in page
    assert "Questions to ask your dermatologist" in page
    assert "not a diagnosis or medical advice" in page
    change = reverse("treatments:questionnaire") + "?scar=rolling&amp;scar=ice-pick&amp;severity=moderate"
    assert change in page
    assert f'href="http://testserver{reverse("treatments:results")}?scar=rolling' in page
    assert re.search(r'href="/compare/\?t=[a-z-]+&amp;t=[a-z-]+', page)


def test_ruled_out_options_are_grouped_by_reason_each_reason_once(client, options):
    page = results(client, "scar=rolling&severity=mild&skin_type=2&downtime=2").content.decode()
    assert "Ruled out for now" in page
    assert page.count("Recovery takes longer than you can accept") == 1
    group = page.split("Recovery takes longer than you can accept", 1)[1].split("</dd>", 1)[0]
    assert "Subcision" in group and "Laser resurfacing" in group
    assert "That is at least 1 day more" not in page, "each option's own words are in the JSON, not on the page"


def test_a_large_catalogue_shows_the_options_16_a_page_and_every_ruled_out_one_on_each_page(client, db):
    make_catalogue(40)
    body = results(client, f"{ANSWERS}&format=json").json()
    candidates = [entry["name"] for entry in body["candidates"]]
    assert 16 < len(candidates) <= 32
    first, second = (results(client, f"{ANSWERS}{page}").content.decode() for page in ("", "&page=2"))
    shown = [re.findall(r'<span class="option__name">([^<]+)</span>', page) for page in (first, second)]
    assert shown == [candidates[:16], candidates[16:]]
    assert f"{len(candidates)} options to discuss" in first
    assert 'rel="next"' in first and 'rel="prev"' not in first
    assert 'start="17"' in second and 'rel="prev"' in second
    for page in (first, second):
        assert all(entry["name"] in page for entry in body["excluded"])
    assert results(client, f"{ANSWERS}&page=x9").content.decode().count('<li class="option"') == 16


def test_results_are_never_cached_and_set_no_cookie(client, options):
    response = results(client)
    assert "no-store" in response["Cache-Control"]
    assert not response.cookies


def test_changing_a_suitability_row_in_the_database_changes_the_ranking(client, options):
    query = ANSWERS.replace("downtime=7", "downtime=14")
    assert ranking(client, query)[0] == "subcision"
    for treatment, fit in (("subcision", "second-line"), ("microneedling", "first-line")):
        row = Suitability.objects.get(treatment__slug=treatment, scar_type__slug="rolling")
        row.fit = fit
        row.save()
    assert ranking(client, query)[0] == "microneedling"


def test_changing_a_downtime_in_the_database_changes_what_is_excluded(client, options):
    assert "laser" in ranking(client)
    laser = options["laser"]
    laser.downtime_min_days, laser.downtime_max_days = 8, 14
    laser.save()
    assert "laser" not in ranking(client)


def test_a_hard_stop_question_rules_out_a_treatment_that_has_no_row_for_it(client, options):
    """Gate rules 1 and 2 hold for a treatment staff add without health rules of their own."""
    TreatmentContraindication.objects.filter(treatment=options["microneedling"]).delete()
    assert "microneedling" in ranking(client, f"{ANSWERS}&health=pregnant")
    Contraindication.objects.filter(slug="pregnant").update(rules_out_all=True)
    content_changed()
    body = results(client, f"{ANSWERS}&health=pregnant&format=json").json()
    assert "microneedling" not in [entry["treatment"] for entry in body["candidates"]]
    excluded = {entry["treatment"]: entry["reasons"] for entry in body["excluded"]}
    assert excluded["microneedling"] == ["Procedures wait until after pregnancy and breastfeeding."]
    assert excluded["laser"] == ["Waits until after pregnancy."], "a treatment's own row still speaks for it"


def test_unpublished_treatments_are_left_out(client, options):
    options["laser"].published = False
    options["laser"].save()
    body = results(client, f"{ANSWERS}&format=json").json()
    assert "laser" not in [entry["treatment"] for entry in body["candidates"] + body["excluded"]]


def test_results_read_the_same_queries_for_10_or_200_treatments_and_one_once_cached(
    client, db, django_assert_max_num_queries
):
    make_catalogue(10)

    def count():
        cache.clear()
        with CaptureQueriesContext(connection) as queries:
            assert results(client).status_code == 200
        return len(queries)

    with_10 = count()
    assert with_10 <= 7
    add_synthetic_treatments(190)
    assert count() == with_10
    with django_assert_max_num_queries(1):
        results(client, f"{ANSWERS}&format=json")


def test_a_new_treatment_added_in_admin_is_matched_without_code_changes(client, options):
    peel = create(make_treatment(name="Peel", slug="peel"))
    rolling = ScarType.objects.get(slug="rolling")
    Suitability.objects.create(treatment=peel, scar_type=rolling, fit="first-line", reason="Evens the surface.")
    assert "peel" in ranking(client)


def test_results_with_no_health_answer_say_so_and_link_to_the_question(client, seeded):
    """The health question decides what is safe: results read no answer as none, and say so; "None of these"
    is an answer."""
    query = "scar=rolling&severity=moderate&skin_type=2&downtime=10"
    page = results(client, query).content.decode()
    assert "You did not answer the health question" in page
    assert f'href="/questionnaire/?{query.replace("&", "&amp;")}&amp;step=5"' in page
    assert "You did not answer the health question" not in results(client, f"{query}&health=none").content.decode()
    assert "You did not answer" not in results(client, f"{query}&health=anticoagulants").content.decode()
