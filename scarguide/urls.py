from django.conf import settings
from django.conf.urls.static import static
from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

urlpatterns = [
    path("admin/", admin.site.urls),
    path("privacy/", TemplateView.as_view(template_name="privacy.html"), name="privacy"),
    path("", include("treatments.urls")),
]
# Uploaded photos, in development only (static() adds nothing when DEBUG is off). In production the
# web server or object storage serves MEDIA_URL: see "Uploaded photos" in the README.
urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

handler400 = "scarguide.errors.bad_request"
handler403 = "scarguide.errors.permission_denied"
handler404 = "scarguide.errors.page_not_found"
handler500 = "scarguide.errors.server_error"
