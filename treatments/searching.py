"""The search page: `/search/?q=...`, in every language.

What a patient searches for can be health data, like their answers: the page is built for each request,
never cached on the server and sent with `Cache-Control: no-store`, and no log line holds the query
(see scarguide.security.ForgetRequest).
"""

from django import forms
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .search import LONGEST_QUERY, find


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search treatments and scar types"),
        max_length=LONGEST_QUERY,
        required=False,
        strip=True,
        error_messages={
            "max_length": _("Use %(limit_value)d characters or fewer, for example the name of a treatment or a scar."),
        },
    )


@require_safe
@never_cache
def search(request: HttpRequest) -> HttpResponse:
    form = SearchForm(request.GET or None)
    query = form.cleaned_data["q"] if form.is_valid() else ""
    found = find(query) if query else None
    shown = [*found.scar_types, *found.treatments] if found else []
    return render(
        request,
        "treatments/search.html",
        {
            "form": form,
            "query": query,
            "found": found,
            "translation_reviewed": all(row.translation_reviewed for row in shown) if shown else None,
        },
        status=400 if form.errors else 200,
    )
