"""The strict Content-Security-Policy blocks nothing the site and its admin need, in a real browser."""

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import expect

from tests.browser.conftest import url

PASSWORD = "a-long-password-for-the-policy-test"

pytestmark = pytest.mark.browser


@pytest.fixture
def staff(site):
    return User.objects.create_user("ops", password=PASSWORD, is_staff=True, is_superuser=True)


def test_admin_scripts_run_under_the_policy(page, page_errors, staff):
    page.goto(url("admin:login"))
    page.get_by_label("Username").fill(staff.username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(f"**{url('admin:index')}")
    page.wait_for_load_state("networkidle")

    page.goto(url("admin:treatments_scartype_add"))
    page.locator("#id_name_en").press_sequentially("Mixed scars")
    # prepopulate.js fills the web address from the name; SelectFilter2.js builds the two-box picker.
    expect(page.locator("#id_slug")).to_have_value("mixed-scars")
    expect(page.locator("#id_sources_from")).to_be_visible()
    page.locator("#id_reviewed_on").fill("2026-11-20")
    expect(page.locator(".datetimeshortcuts").first).to_be_visible()
    assert page_errors == []


def test_questionnaire_steps_load_under_the_policy(page, page_errors):
    response = page.goto(url("treatments:questionnaire"))
    policy = response.headers["content-security-policy"]
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    page.get_by_role("button", name="Next").first.click()
    page.wait_for_load_state("networkidle")
    # htmx is configured to add no <style> of its own, which the policy would refuse.
    assert page.locator("head style").count() == 0
    assert page_errors == []
