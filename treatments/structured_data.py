"""schema.org data for search engines on the scar type and treatment pages: a MedicalWebPage about a
MedicalCondition or a MedicalProcedure, in the page's language, with its review date and reviewer.

It goes out as `<script type="application/ld+json">`: a data block, which browsers never run, so the
Content-Security-Policy (`script-src 'self'`) does not apply to it and needs no nonce or hash. Its JSON is
escaped like Django's `json_script`, so no text staff write can close the element.
"""

import json

from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpRequest
from django.urls import reverse
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe
from django.utils.translation import get_language

ESCAPES = {ord(">"): "\\u003E", ord("<"): "\\u003C", ord("&"): "\\u0026"}


def medical_web_page(request: HttpRequest, row, about: str) -> SafeString:
    """`row` is a ScarType (about a "MedicalCondition") or a Treatment (about a "MedicalProcedure")."""
    url = request.build_absolute_uri(row.get_absolute_url())
    data = {
        "@context": "https://schema.org",
        "@type": "MedicalWebPage",
        "url": url,
        "name": row.name,
        "description": row.summary,
        "inLanguage": get_language(),
        "lastReviewed": row.reviewed_on,
        "isPartOf": {
            "@type": "WebSite",
            "name": settings.SITE_NAME,
            "url": request.build_absolute_uri(reverse("treatments:home")),
        },
        "about": {
            "@type": about,
            "name": row.name,
            "description": row.summary,
            "url": url,
            **({"alternateName": aliases} if (aliases := _aliases(row.also_known_as)) else {}),
        },
    }
    if row.reviewed_by:
        data["reviewedBy"] = {"@type": "Person", "name": row.reviewed_by}
    text = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False).translate(ESCAPES)
    return format_html('<script type="application/ld+json">{}</script>', mark_safe(text))


def _aliases(text: str) -> list[str]:
    return [name.strip() for name in text.replace("，", ",").replace("、", ",").split(",") if name.strip()]
