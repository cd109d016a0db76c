from django.contrib import admin
from django.urls import include, path
from django.views.generic import TemplateView

urlpatterns = [
    path("admin/", admin.site.urls),
    path("privacy/", TemplateView.as_view(template_name="privacy.html"), name="privacy"),
    path("", include("treatments.urls")),
]

handler404 = "treatments.views.page_not_found"
handler500 = "treatments.views.server_error"
