"""sitemap.xml: the public catalogue pages in every language, each with its hreflang alternates.

Not listed: the questionnaire, results, comparisons, planner and search, whose addresses carry what a
patient chose (robots.txt keeps crawlers out of them), and the privacy page, which is not catalogue.
"""

from django.contrib.sitemaps import Sitemap
from django.urls import reverse

from .models import ScarType, Treatment


class Catalogue(Sitemap):
    i18n = True
    alternates = True
    x_default = True


class Lists(Catalogue):
    def items(self):
        return ["treatments:home", "treatments:scar_list", "treatments:treatment_list"]

    def location(self, item):
        return reverse(item)


class ScarTypes(Catalogue):
    def items(self):
        return ScarType.objects.published().order_by("pk")

    def lastmod(self, scar_type):
        return scar_type.reviewed_on


class Treatments(Catalogue):
    def items(self):
        return Treatment.objects.published().order_by("pk")

    def lastmod(self, treatment):
        return treatment.reviewed_on


class Aftercare(Treatments):
    def location(self, treatment):
        return treatment.get_aftercare_url()


SITEMAPS = {"lists": Lists, "scar-types": ScarTypes, "treatments": Treatments, "aftercare": Aftercare}
