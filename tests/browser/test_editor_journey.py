"""A content editor changes the guide in admin, and patients see the change at once."""

import re

import pytest
from django.contrib.auth.models import Permission, User
from playwright.sync_api import expect

from tests.browser.conftest import VIEWPORTS, shot, url
from treatments.models import Treatment

PASSWORD = "a-long-editor-password"

pytestmark = [pytest.mark.browser, pytest.mark.parametrize("viewport", VIEWPORTS)]


@pytest.fixture
def editor(site):
    """Clinic staff who may edit the guide's content and nothing else, as the Content editor group may.

    The group itself comes from a data migration, which the live-server tests' database flushes
    remove; tests/test_admin.py checks what the group may do.
    """
    user = User.objects.create_user("editor", password=PASSWORD, is_staff=True)
    user.user_permissions.set(Permission.objects.filter(content_type__app_label="treatments"))
    return user


def test_editor_changes_downtime_and_a_suitability_and_the_public_pages_follow(page, page_errors, editor):
    microneedling = Treatment.objects.get(slug="microneedling")
    boxcar_results = url("treatments:results", query="scar=boxcar&severity=moderate&skin_type=2&downtime=21")
    page.goto(boxcar_results)
    expect(page.locator(".options")).to_contain_text("Microneedling")
    page.goto(url("treatments:treatment_detail", "microneedling"))
    expect(page.locator(".facts")).to_contain_text("1 to 5 days")

    page.goto(url("admin:login", query="next=" + url("admin:index")))
    page.get_by_label("Username").fill(editor.username)
    page.get_by_label("Password").fill(PASSWORD)
    shot(page, "editor", "1-login")
    page.get_by_role("button", name="Log in").click()
    expect(page.get_by_role("link", name="Treatments").first).to_be_visible()

    page.goto(url("admin:treatments_treatment_change", microneedling.pk))
    page.locator("#id_downtime_min_days").fill("2")
    page.locator("#id_downtime_max_days").fill("9")
    boxcar_row = page.locator(
        "tr.form-row", has=page.locator("select[name$='-scar_type'] option[selected]", has_text="Boxcar")
    )
    boxcar_row.locator("select[name$='-fit']").select_option("not-suitable")
    boxcar_row.locator("textarea[name$='-reason_en']").fill("Our clinic no longer uses microneedling for boxcar scars.")
    shot(page, "editor", "2-change-treatment")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist .success")).to_contain_text("was changed successfully")
    shot(page, "editor", "3-saved")

    page.goto(url("treatments:treatment_detail", "microneedling"))
    expect(page.locator(".facts")).to_contain_text("2 to 9 days")
    boxcar = page.get_by_role("row", name=re.compile("Boxcar"))
    expect(boxcar).to_contain_text("Not suitable")
    expect(boxcar).to_contain_text("no longer uses microneedling")
    shot(page, "editor", "4-public-treatment")

    page.goto(url("treatments:scar_detail", "boxcar"))
    unsuited = page.locator("section", has=page.get_by_role("heading", name=re.compile("do not suit", re.I)))
    expect(unsuited).to_contain_text("Microneedling")
    expect(unsuited).to_contain_text("no longer uses microneedling")

    page.goto(url("treatments:treatment_list", query="scar=boxcar"))
    expect(page.locator("#results")).not_to_contain_text("Microneedling")

    page.goto(boxcar_results)
    expect(page.locator(".options")).not_to_contain_text("Microneedling")
    ruled_out = page.locator("section", has=page.get_by_role("heading", name=re.compile("ruled out", re.I)))
    expect(ruled_out).to_contain_text("Microneedling")
    expect(ruled_out).to_contain_text("Not used for the kinds of scar you chose")
    shot(page, "editor", "5-results-ruled-out")

    page.goto(url("treatments:results", query="scar=rolling&severity=moderate&skin_type=2&downtime=21"))
    option = page.locator(".option", has=page.locator(".option__name", has_text=microneedling.name))
    expect(option).to_contain_text("2 to 9 days")

    assert page_errors == []
