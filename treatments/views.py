from django.db.models import Max, Prefetch
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_GET

from .forms import TreatmentFilterForm
from .models import AftercareStep, ScarType, Source, Suitability, Treatment


def _suitabilities(user, *, by):
    """Suitability rows whose other side the visitor may see, best fit first."""
    rows = Suitability.objects.select_related("treatment", "scar_type")
    if not (user.is_authenticated and user.is_staff):
        rows = rows.filter(treatment__published=True, scar_type__published=True)
    order = ["fit", "treatment__name"] if by == "treatment" else ["scar_type__order", "scar_type__name"]
    return rows.order_by(*order)


@require_GET
def home(request):
    scar_types = ScarType.objects.published()
    return render(
        request,
        "treatments/home.html",
        {
            "scar_types": scar_types,
            "treatment_count": Treatment.objects.published().count(),
            "reviewed_on": Treatment.objects.published().aggregate(latest=Max("reviewed_on"))["latest"],
            "sources": Source.objects.overview(),
        },
    )


@require_GET
def scar_list(request):
    scar_types = ScarType.objects.visible_to(request.user)
    return render(
        request,
        "treatments/scar_list.html",
        {
            "scar_types": scar_types,
            "reviewed_on": scar_types.aggregate(latest=Max("reviewed_on"))["latest"],
            "sources": Source.objects.overview(),
        },
    )


@require_GET
def scar_detail(request, slug):
    scar_type = get_object_or_404(
        ScarType.objects.visible_to(request.user).prefetch_related(
            "sources", Prefetch("suitabilities", _suitabilities(request.user, by="treatment"), to_attr="fits")
        ),
        slug=slug,
    )
    return render(
        request,
        "treatments/scar_detail.html",
        {
            "scar_type": scar_type,
            "suited": [row for row in scar_type.fits if row.suits],
            "unsuited": [row for row in scar_type.fits if not row.suits],
        },
    )


@require_GET
def treatment_list(request):
    form = TreatmentFilterForm(request.GET or None)
    treatments = Treatment.objects.visible_to(request.user).prefetch_related(
        Prefetch(
            "suitabilities", _suitabilities(request.user, by="scar_type").exclude(fit="not-suitable"), to_attr="fits"
        )
    )
    status = 200
    if form.is_bound and form.is_valid():
        treatments = form.filter(treatments)
    elif form.is_bound:
        status = 400
    template = "treatments/treatment_list.html#results" if request.htmx else "treatments/treatment_list.html"
    return render(
        request,
        template,
        {
            "form": form,
            "treatments": treatments,
            "reviewed_on": Treatment.objects.visible_to(request.user).aggregate(latest=Max("reviewed_on"))["latest"],
            "sources": Source.objects.overview(),
        },
        status=status,
    )


def _treatment(request, slug, *related):
    return get_object_or_404(Treatment.objects.visible_to(request.user).prefetch_related(*related), slug=slug)


@require_GET
def treatment_detail(request, slug):
    treatment = _treatment(
        request,
        slug,
        "sources",
        Prefetch("suitabilities", _suitabilities(request.user, by="scar_type"), to_attr="fits"),
        Prefetch("contraindication_rules__contraindication"),
    )
    return render(request, "treatments/treatment_detail.html", {"treatment": treatment})


@require_GET
def aftercare(request, slug):
    treatment = _treatment(
        request, slug, "sources", Prefetch("aftercare_steps", AftercareStep.objects.order_by("day_from", "day_to"))
    )
    return render(request, "treatments/aftercare.html", {"treatment": treatment})


def page_not_found(request, exception):
    return render(request, "404.html", status=404)


def server_error(request):
    return render(request, "500.html", status=500)
