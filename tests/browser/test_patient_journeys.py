"""A patient's journeys through the site, at a phone width and at a desktop width."""

import re

import pytest
from playwright.sync_api import expect

from tests.browser.conftest import VIEWPORTS, assert_fits_width, link_to, shot, url

pytestmark = [pytest.mark.browser, pytest.mark.parametrize("viewport", VIEWPORTS)]


def test_patient_goes_from_home_to_a_scar_type_to_a_treatment_to_its_aftercare(page, page_errors):
    page.goto(url("treatments:home"))
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    shot(page, "catalogue", "1-home")
    assert_fits_width(page)

    link_to(page, "treatments:scar_list").click()
    expect(page).to_have_url(re.compile(re.escape(url("treatments:scar_list")) + "$"))
    shot(page, "catalogue", "2-scar-types")
    assert_fits_width(page)

    link_to(page, "treatments:scar_detail", "rolling").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile("rolling", re.I))
    expect(page.get_by_role("heading", name=re.compile("treatments that can help", re.I))).to_be_visible()
    shot(page, "catalogue", "3-scar-type")
    assert_fits_width(page)

    link_to(page, "treatments:treatment_detail", "subcision").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile("subcision", re.I))
    expect(page.get_by_role("heading", name=re.compile("at a glance", re.I))).to_be_visible()
    shot(page, "catalogue", "4-treatment")
    assert_fits_width(page)

    link_to(page, "treatments:aftercare", "subcision").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(re.compile("aftercare", re.I))
    expect(page.locator(".timeline__step").first).to_be_visible()
    shot(page, "catalogue", "5-aftercare")
    assert_fits_width(page)

    assert page_errors == []
