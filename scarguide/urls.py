from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

from treatments.search_engines import robots_txt, sitemap
from treatments.views import ping

# Addresses that are the same in every language: staff, the load balancer's probes, search engines' files.
urlpatterns = [
    path("admin/", admin.site.urls),
    path("ping", ping, name="ping"),
    path("robots.txt", robots_txt, name="robots_txt"),
    path("sitemap.xml", sitemap, name="sitemap"),
]
# Patients' pages: English at today's addresses, every other language under its code (/zh-hant/...).
urlpatterns += i18n_patterns(
    path("privacy/", TemplateView.as_view(template_name="privacy.html"), name="privacy"),
    path("", include("treatments.urls")),
    prefix_default_language=False,
)
# Uploaded photos, in development only (static() adds nothing when DEBUG is off). In production the
# web server or object storage serves MEDIA_URL: see "Uploaded photos" in the README.
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler400 = "scarguide.errors.bad_request"
handler403 = "scarguide.errors.permission_denied"
handler404 = "scarguide.errors.page_not_found"
handler500 = "scarguide.errors.server_error"
