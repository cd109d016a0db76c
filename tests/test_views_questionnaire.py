"""The questionnaire: one question per step as plain GET forms that htmx enhances, its titles and
addresses, its errors, the review, every question on one form, and the health answer "None of these"."""

import re

import pytest
from django.urls import reverse

from treatments.forms import DOWNTIME_DAYS

ANSWERS = "scar=rolling&severity=moderate&skin_type=2&downtime=10"
CHECKED_ROLLING = re.compile(r'<input type="checkbox" name="scar" value="rolling"[^>]* checked>')
HTMX = {"hx-request": "true"}
INTRODUCTION = "Five short questions about your scars"
PRIVACY = "Your answers are not saved."


def questionnaire(client, query="", **headers):
    return client.get(f"{reverse('treatments:questionnaire')}?{query}", headers=headers)


def title(html):
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1)


def h1(html):
    return re.sub(r"<[^>]+>", "", re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S).group(1)).strip()


def test_everyone_starts_on_step_1_as_a_plain_get_form(client, options, django_assert_max_num_queries):
    with django_assert_max_num_queries(7):
        response = questionnaire(client)
    html = response.content.decode()
    assert response.status_code == 200
    assert title(html) == "Step 1 of 5: Which kinds of scar do you see? · ScarGuide"
    assert h1(html) == "Step 1 of 5: Which kinds of scar do you see?"
    assert '<form class="questionnaire" method="get" action="/questionnaire/"' in html
    assert 'name="step" value="2"' in html
    # Nothing is swapped in once the page has loaded: what the patient sees first stays.
    assert 'hx-trigger="load"' not in html
    assert INTRODUCTION in html and PRIVACY in html
    assert f'href="{reverse("treatments:scar_list")}"' in html
    assert 'href="/questionnaire/?all=1"' in html


@pytest.mark.parametrize(
    ("query", "heading"),
    [
        ("scar=rolling&step=2", "Step 2 of 5: How noticeable are your scars?"),
        ("scar=rolling&severity=mild&step=3", "Step 3 of 5: What does your skin do in strong sun?"),
        ("scar=rolling&severity=mild&skin_type=2&step=4", "Step 4 of 5: How much recovery time can you accept?"),
        (f"{ANSWERS}&step=5", "Step 5 of 5: Does any of this apply to you?"),
    ],
)
def test_each_step_is_its_question_in_heading_and_title_without_the_introduction(client, options, query, heading):
    for headers in ({}, HTMX):
        html = questionnaire(client, query, **headers).content.decode()
        assert h1(html) == heading
        assert title(html) == f"{heading} · ScarGuide"
        assert INTRODUCTION not in html and PRIVACY not in html
        assert html.count("<fieldset") == 1


def test_htmx_gets_a_fragment_with_its_own_title_and_the_steps_address(client, options):
    response = questionnaire(client, "scar=rolling&severity=mild&current=2&step=3", **HTMX)
    html = response.content.decode()
    assert "<html" not in html
    assert html.lstrip().startswith("<title>Step 3 of 5: What does your skin do in strong sun? · ScarGuide</title>")
    assert response["HX-Push-Url"] == "/questionnaire/?scar=rolling&severity=mild&step=3"
    assert '<input type="hidden" name="scar" value="rolling">' in html
    assert '<input type="hidden" name="severity" value="mild">' in html
    assert 'name="skin_type"' in html and "aria-invalid" not in html
    assert "HX-Request" in response["Vary"]
    assert re.search(r'<h1 class="question__title" tabindex="-1" autofocus>', html)


def test_moving_on_without_an_answer_comes_back_to_the_steps_own_address_with_its_error(client, options):
    response = questionnaire(client, "severity=mild&current=1&step=2")
    assert response.status_code == 302
    assert response["Location"] == "/questionnaire/?severity=mild&current=1&step=1"
    html = client.get(response["Location"]).content.decode()
    assert title(html) == "Error: Step 1 of 5: Which kinds of scar do you see? · ScarGuide"
    assert h1(html) == "Step 1 of 5: Which kinds of scar do you see?"
    assert re.search(r'<div class="error-summary" role="alert" tabindex="-1" autofocus>', html)
    assert '<a href="#q-scar">Tick at least one kind of scar.</a>' in html
    assert 'aria-describedby="scar-hint scar-error"' in html
    assert 'aria-invalid="true"' in html


def test_with_htmx_the_error_comes_in_place_and_the_address_names_the_step_shown(client, options):
    response = questionnaire(client, "current=1&step=2", **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert response["HX-Push-Url"] == "/questionnaire/?current=1&step=1"
    assert html.lstrip().startswith("<title>Error: Step 1 of 5: Which kinds of scar do you see? · ScarGuide</title>")
    assert 'role="alert"' in html and "Tick at least one kind of scar." in html


def test_going_back_needs_no_answer_and_keeps_the_others(client, options):
    response = questionnaire(client, "scar=rolling&current=2&step=1")
    html = response.content.decode()
    assert response.status_code == 200
    assert h1(html).startswith("Step 1 of 5")
    assert CHECKED_ROLLING.search(html)
    assert "error-summary" not in html


def test_next_comes_before_back_in_the_page_as_on_screen(client, options):
    html = questionnaire(client, "scar=rolling&step=2").content.decode()
    actions = html.split('<div class="step-actions">')[1].split("</div>")[0]
    assert actions.index('value="3">Next<') < actions.index('value="1">Back<')


@pytest.mark.parametrize(
    ("query", "address"),
    [
        (f"{ANSWERS}&health=none", f"/questionnaire/?{ANSWERS}&health=none&step=6"),
        (ANSWERS, f"/questionnaire/?{ANSWERS}&step=5"),
        ("scar=rolling&severity=mild", "/questionnaire/?scar=rolling&severity=mild&step=3"),
        ("skin_type=9", "/questionnaire/?skin_type=9&step=1"),
    ],
)
def test_answers_without_a_step_go_to_the_review_or_the_first_missing_answer(client, options, query, address):
    response = questionnaire(client, query)
    assert response.status_code == 302
    assert response["Location"] == address


def test_review_lists_the_answers_with_change_links_and_leads_to_the_results(client, options):
    html = questionnaire(client, f"{ANSWERS}&health=pregnant&step=6", **HTMX).content.decode()
    assert title(html) == "Check your answers · ScarGuide"
    assert "Rolling scars" in html and "Moderate" in html and "I am pregnant or breastfeeding" in html
    assert "Up to 10 days" in html
    assert html.count(">Change<") == 5
    assert '<form method="get" action="/results/">' in html


def test_review_with_missing_answers_says_so_in_its_title(client, options):
    html = questionnaire(client, "scar=rolling&step=6").content.decode()
    assert title(html) == "Error: Check your answers · ScarGuide"
    assert "Choose how noticeable your scars are." in html


def test_history_restore_gets_the_whole_page(client, options):
    headers = {**HTMX, "hx-history-restore-request": "true"}
    response = questionnaire(client, "step=2", **headers)
    assert "<html" in response.content.decode()
    assert "HX-Push-Url" not in response


def test_every_question_on_one_form_stays_reachable(client, options):
    html = questionnaire(client, f"{ANSWERS}&all=1").content.decode()
    assert '<form class="questionnaire" method="get" action="/results/"' in html
    assert html.count("<fieldset") == html.count("<legend>") == 5
    assert title(html) == "Questionnaire: options for your acne scars · ScarGuide"
    assert INTRODUCTION in html and PRIVACY in html
    assert "Step 1 of 5" not in html
    assert CHECKED_ROLLING.search(html)
    for name in ("scar", "severity", "skin_type", "downtime", "health"):
        assert f'name="{name}"' in html


def test_wrong_answers_on_the_results_come_back_on_one_form_titled_as_an_error(client, options):
    response = client.get(reverse("treatments:results") + "?scar=rolling&severity=mild&skin_type=2&downtime=500")
    html = response.content.decode()
    assert response.status_code == 400
    assert title(html).startswith("Error: ")
    assert 'href="#q-downtime"' in html


def test_skin_types_lead_with_words_and_a_swatch_that_is_only_decoration(client, options):
    html = questionnaire(client, "scar=rolling&severity=mild&step=3").content.decode()
    labels = re.findall(r'<label for="id_skin_type_\d">(.*?)</label>', html, re.S)
    assert len(labels) == 6
    for number, label in enumerate(labels, 1):
        assert f'<span class="swatch swatch--{number}" aria-hidden="true"></span>' in label
    assert "Very fair skin that always burns and never tans (type I)" in labels[0]
    assert "Dark brown or black skin that almost never burns (type VI)" in labels[5]


def test_recovery_choices_say_exactly_what_they_mean_and_the_results_accept_each(client, options):
    html = questionnaire(client, "scar=rolling&severity=mild&skin_type=2&step=4").content.decode()
    titles = re.findall(r'<span class="choice__title">([^<]+)</span>', html)
    assert titles == [
        "No recovery time",
        "Up to 2 days",
        "Up to 5 days",
        "Up to 10 days",
        "Up to 21 days",
        "Up to 60 days",
    ]
    assert "about a week" not in html.lower()
    for days in DOWNTIME_DAYS:
        query = f"scar=rolling&severity=mild&skin_type=2&downtime={days}&format=json"
        assert client.get(f"{reverse('treatments:results')}?{query}").status_code == 200, days


def test_a_shared_number_of_days_stays_choosable_in_its_place(client, options):
    html = questionnaire(client, "scar=rolling&severity=mild&skin_type=2&downtime=7&step=4").content.decode()
    values = re.findall(r'name="downtime" value="(\d+)"', html)
    assert values == ["0", "2", "5", "7", "10", "21", "60"]
    assert "Up to 7 days" in html


def test_health_question_offers_none_of_these_last_for_the_script_to_clear_the_others(client, options):
    html = questionnaire(client, f"{ANSWERS}&step=5").content.decode()
    boxes = re.findall(r'<input type="checkbox" name="health" value="([\w-]+)"([^>]*)>', html)
    assert [value for value, _attrs in boxes] == ["anticoagulants", "pregnant", "none"]
    assert "data-clears-others" in boxes[-1][1]
    assert all("data-clears-others" not in attrs for _value, attrs in boxes[:-1])
    assert '<p class="choices__or">or</p>' in html
    assert 'src="/static/js/questionnaire.js"' in html


def test_none_of_these_means_no_health_answer_in_the_results(client, options):
    url = reverse("treatments:results")
    with_none = client.get(f"{url}?{ANSWERS}&health=none&format=json").json()
    without = client.get(f"{url}?{ANSWERS}&format=json").json()
    assert with_none["profile"]["health"] == [] == without["profile"]["health"]
    assert with_none == without
    review = questionnaire(client, f"{ANSWERS}&health=none&step=6").content.decode()
    assert "None of these" in review


def test_none_of_these_with_another_answer_is_a_clear_error(client, options):
    query = f"{ANSWERS}&health=none&health=pregnant"
    response = client.get(f"{reverse('treatments:results')}?{query}&format=json")
    assert response.status_code == 400
    assert response.json()["errors"]["health"] == ["Tick “None of these” or the ones that apply to you, not both."]
    step = questionnaire(client, f"{query}&current=5&step=6")
    assert step["Location"] == f"/questionnaire/?{query}&current=5&step=5"
    html = client.get(step["Location"]).content.decode()
    assert "Tick “None of these” or the ones that apply to you, not both." in html
    assert title(html).startswith("Error: Step 5 of 5")


def test_home_and_navigation_lead_to_the_questionnaire(client, options):
    page = client.get(reverse("treatments:home")).content.decode()
    assert page.count(f'href="{reverse("treatments:questionnaire")}"') >= 2


def test_a_skipped_health_question_is_never_read_as_none_of_these(client, options):
    """The health question decides what is safe: leaving it blank asks again; "None of these" is an answer."""
    left = questionnaire(client, f"{ANSWERS}&current=5&step=6")
    assert left.status_code == 302 and left["Location"].endswith("&current=5&step=5")
    html = questionnaire(client, f"{ANSWERS}&current=5&step=5").content.decode()
    assert "Tick the ones that apply to you, or “None of these”." in html
    review = questionnaire(client, f"{ANSWERS}&step=6").content.decode()
    assert "Tick the ones that apply to you, or “None of these”." in review
    assert questionnaire(client, f"{ANSWERS}&health=none&current=5&step=6").status_code == 200
