from django.contrib import admin
from django.urls import include, path

urlpatterns = [
    path("admin/", admin.site.urls),
    path("", include("treatments.urls")),
]

handler404 = "treatments.views.page_not_found"
handler500 = "treatments.views.server_error"
