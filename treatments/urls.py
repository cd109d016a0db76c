from django.urls import path

from . import planning, questionnaire, results, searching, views

app_name = "treatments"

urlpatterns = [
    path("", views.home, name="home"),
    path("scars/", views.scar_list, name="scar_list"),
    path("scars/<slug:slug>/", views.scar_detail, name="scar_detail"),
    path("treatments/", views.treatment_list, name="treatment_list"),
    path("treatments/<slug:slug>/", views.treatment_detail, name="treatment_detail"),
    path("treatments/<slug:slug>/aftercare/", views.aftercare, name="aftercare"),
    path("treatments/<slug:slug>/plan/", planning.plan_page, name="plan"),
    path("treatments/<slug:slug>/plan/calendar.ics", planning.plan_calendar, name="plan_calendar"),
    path("plan/", planning.plan_side_by_side, name="plan_side_by_side"),
    path("questionnaire/", questionnaire.questionnaire, name="questionnaire"),
    path("results/", results.results, name="results"),
    path("compare/", questionnaire.compare, name="compare"),
    path("search/", searching.search, name="search"),
]
