"""What search engines read: robots.txt, and sitemap.xml (the pages themselves carry a canonical address,
hreflang alternates and, for scar types and treatments, schema.org data)."""

from django.conf import settings
from django.contrib.sitemaps.views import sitemap as sitemap_view
from django.http import HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import override
from django.views.decorators.http import require_safe

from .page_cache import cached_page
from .sitemaps import SITEMAPS


@require_safe
@cached_page()
def sitemap(request: HttpRequest) -> HttpResponse:
    return sitemap_view(request, sitemaps=SITEMAPS)


@require_safe
def robots_txt(request: HttpRequest) -> HttpResponse:
    """Crawlers stay out of every page whose address carries what a patient chose, in every language:
    questionnaire answers (the empty questionnaire stays open, so that its noindex is seen), results,
    the planner and the search. Comparisons and the catalogue stay open."""
    lines = ["User-agent: *", f"Disallow: {reverse('admin:index')}"]
    for code, _name in settings.LANGUAGES:
        with override(code):
            lines += [
                f"Disallow: {reverse('treatments:questionnaire')}?",
                f"Disallow: {reverse('treatments:results')}",
                f"Disallow: {reverse('treatments:plan_side_by_side')}",
                f"Disallow: {reverse('treatments:treatment_list')}*/plan/",
                f"Disallow: {reverse('treatments:search')}",
            ]
    lines += ["", f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}"]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
