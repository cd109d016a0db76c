"""The admin: lockout after repeated failed sign-ins, staff only, least privilege, and a history of every change."""

import pytest
from axes.models import AccessAttempt
from django.contrib.auth.models import User
from django.test import RequestFactory
from django.urls import reverse

from scarguide.security import client_ip
from tests.test_views_photos import make_pair
from treatments.models import Source
from treatments.photos import BeforeAfterPhoto

pytestmark = pytest.mark.django_db

LOGIN = reverse("admin:login")


@pytest.fixture(autouse=True)
def fast_password_hashing(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture
def staff(db):
    return User.objects.create_user("nurse", password="the-right-long-password", is_staff=True, is_superuser=True)


def sign_in(client, username, password, address="203.0.113.7"):
    return client.post(LOGIN, {"username": username, "password": password}, REMOTE_ADDR=address)


def test_five_failed_sign_ins_lock_the_account_from_that_address(client, staff, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        assert sign_in(client, "nurse", "wrong").status_code == 200
    response = sign_in(client, "nurse", "wrong")
    assert response.status_code == 429
    text = response.content.decode()
    assert "Too many failed sign-in attempts" in text
    assert "Please wait 1\xa0hour, then try again." in text
    # Even the right password is refused until the hour is over.
    assert sign_in(client, "nurse", "the-right-long-password").status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_locked_address_cannot_try_other_accounts(client, staff, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "nurse", "wrong")
    assert sign_in(client, "someone-else", "any").status_code == 429


def test_lockout_does_not_stop_staff_at_another_address(client, staff, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "nurse", "wrong")
    response = sign_in(client, "nurse", "the-right-long-password", address="198.51.100.20")
    assert response.status_code == 302


def test_a_successful_sign_in_clears_earlier_failures(client, staff, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        sign_in(client, "nurse", "wrong")
    assert sign_in(client, "nurse", "the-right-long-password").status_code == 302
    client.logout()
    assert sign_in(client, "nurse", "wrong").status_code == 200


def test_lockout_counts_the_visitor_address_behind_trusted_proxies(settings):
    request = RequestFactory().get("/", REMOTE_ADDR="10.0.0.2", HTTP_X_FORWARDED_FOR="6.6.6.6, 203.0.113.7")
    assert client_ip(request) == "10.0.0.2"
    settings.TRUSTED_PROXY_COUNT = 1
    assert client_ip(request) == "203.0.113.7"


def test_only_staff_reach_the_admin(client):
    User.objects.create_user("patient", password="a-long-patient-password")
    assert sign_in(client, "patient", "a-long-patient-password").status_code == 200
    response = client.get(reverse("admin:index"))
    assert response.status_code == 302
    assert response["Location"].startswith(LOGIN)


def test_content_editor_cannot_see_sign_in_records(editor_client):
    for name in ("axes_accessattempt_changelist", "axes_accesslog_changelist", "axes_accessfailurelog_changelist"):
        assert editor_client.get(reverse(f"admin:{name}")).status_code == 403


def source_form(source, **changes):
    return {"key": source.key, "citation": source.citation, "url": source.url, "overview": "", **changes}


def test_admin_edit_records_who_changed_what_and_when(editor_client, editor):
    source = Source.objects.create(key="jacob-2001", citation="Jacob CI et al. 2001.")
    url = reverse("admin:treatments_source_change", args=[source.pk])
    response = editor_client.post(url, source_form(source, citation="Jacob CI, Dover JS, Kaminer MS. 2001."))
    assert response.status_code == 302

    latest, first = source.history.all()[:2]
    assert latest.history_user == editor and latest.history_type == "~"
    assert latest.history_date is not None
    (change,) = latest.diff_against(first).changes
    assert (change.field, change.old, change.new) == (
        "citation",
        "Jacob CI et al. 2001.",
        "Jacob CI, Dover JS, Kaminer MS. 2001.",
    )

    history = editor_client.get(reverse("admin:treatments_source_history", args=[source.pk]))
    assert history.status_code == 200
    assert "editor" in history.content.decode()


def test_content_editor_can_revert_a_change_from_its_history(editor_client):
    source = Source.objects.create(key="jacob-2001", citation="The right citation.")
    editor_client.post(
        reverse("admin:treatments_source_change", args=[source.pk]), source_form(source, citation="A mistake.")
    )
    original = source.history.earliest()
    revert = reverse("admin:treatments_source_simple_history", args=[source.pk, original.history_id])
    assert editor_client.get(revert).status_code == 200
    assert editor_client.post(revert, source_form(source, citation="The right citation.")).status_code == 302

    source.refresh_from_db()
    assert source.citation == "The right citation."
    assert source.history.count() == 3


def test_photo_changes_are_recorded_but_a_deleted_before_and_after_photo_leaves_no_history(
    treatment, scar_type, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    pair = make_pair(treatment, scar_type, published=False)
    pair.description = "3 sessions, 6 weeks apart."
    pair.save()
    assert pair.history.count() == 2

    pair.delete()
    assert not BeforeAfterPhoto.history.filter(id=pair.id).exists()


@pytest.mark.parametrize("length", [151, 256, 10_000])
def test_a_username_of_any_length_gets_the_normal_form_error(client, staff, length):
    """PostgreSQL refuses a username longer than django-axes' column (CI runs this on PostgreSQL too)."""
    response = sign_in(client, "u" * length, "wrong")
    assert response.status_code == 200
    assert "Please enter the correct username and password" in response.content.decode()
    attempt = AccessAttempt.objects.get()
    assert len(attempt.username) <= AccessAttempt._meta.get_field("username").max_length
    assert attempt.username == "u" * 150


def test_failed_sign_ins_with_long_usernames_still_count_towards_the_lockout(client, staff, settings):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        sign_in(client, "u" * 300, "wrong")
    assert sign_in(client, "nurse", "the-right-long-password").status_code == 429


def test_a_forwarded_address_that_is_not_an_ip_address_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    request = RequestFactory().get("/", HTTP_X_FORWARDED_FOR="x" * 300 + ", 10.0.0.2", REMOTE_ADDR="10.0.0.1")
    assert client_ip(request) == "10.0.0.1"
