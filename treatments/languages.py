"""The same page in each language: the language links, the hreflang alternates and the canonical address.

English keeps the unprefixed addresses and every other language lives under its code (`/zh-hant/...`),
so a page's address in another language is the same view reversed with that language active.
"""

from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import get_language, get_language_info, override

# Query parameters that are part of what a page is, kept in its canonical address and its alternates.
# Every other parameter (filters, answers, dates, a search) is left out of them.
PAGE_PARAMETERS = {
    "treatments:treatment_list": ("page",),
    "treatments:compare": ("t",),
}


def page_addresses(request: HttpRequest) -> dict:
    """Context for base.html: `language_links` (the same page, the same query string, in each language;
    on a page kept in the shared cache, only the parameters it reads), and `alternates` and
    `canonical_url` for search engines. A page that is not translated (the admin's
    sign-in lockout, say) gets no language links; a page not found links each language's home page."""
    match = request.resolver_match
    try:
        paths = {code: _path(match, code) for code, _name in settings.LANGUAGES}
    except NoReverseMatch:
        return {}
    if match and len(set(paths.values())) < len(paths):
        return {}
    query = request.META.get("QUERY_STRING", "")
    # A page kept in the shared cache (page_cache.cached_page) names the parameters it reads: its
    # language links keep those and nothing else, so nothing else in its address (answers pasted onto
    # it, say) is stored with the page.
    reads = getattr(match.func, "shared_cache", None) if match else None
    if reads is not None:
        query = _only(request, reads)
    current = get_language()
    links = []
    for code, path in paths.items():
        info = get_language_info(code)
        links.append(
            {
                "code": code,
                "name": info["name_local"],
                "url": f"{path}?{query}" if query and match else path,
                "prefix": _path(None, code).removesuffix("/"),
                "current": code == current,
            }
        )
    if not match:
        return {"language_links": links}
    kept = _only(request, PAGE_PARAMETERS.get(match.view_name, ()))
    absolute = {code: request.build_absolute_uri(f"{path}?{kept}" if kept else path) for code, path in paths.items()}
    return {
        "language_links": links,
        "canonical_url": absolute[current],
        "alternates": [
            *({"hreflang": code, "url": url} for code, url in absolute.items()),
            {"hreflang": "x-default", "url": absolute[settings.LANGUAGE_CODE]},
        ],
    }


def _only(request: HttpRequest, names) -> str:
    return urlencode([(name, value) for name in names for value in request.GET.getlist(name)])


def _path(match, language: str) -> str:
    """The page's path in `language`; without a page (not found), that language's home page."""
    with override(language):
        if match is None:
            return reverse("treatments:home")
        return reverse(match.view_name, args=match.args, kwargs=match.kwargs)
