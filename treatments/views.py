from django.core.paginator import InvalidPage, Paginator
from django.db.models import Prefetch
from django.http import Http404, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from .forms import GalleryFilterForm, TreatmentFilterForm
from .matching import recovery_fit
from .models import (
    AftercareStep,
    BeforeAfterPhoto,
    ScarType,
    Source,
    Suitability,
    Treatment,
    TreatmentContraindication,
)
from .page_cache import cached_page
from .structured_data import medical_web_page
from .vocabulary import Fit

TREATMENTS_PER_PAGE = 24


def _suitabilities(user, *, by):
    """Suitability rows whose other side the visitor may see, best fit first."""
    rows = Suitability.objects.select_related("treatment", "scar_type")
    if not (user.is_authenticated and user.is_staff):
        rows = rows.filter(treatment__published=True, scar_type__published=True)
    order = ["fit", "treatment__name"] if by == "treatment" else ["scar_type__order", "scar_type__name"]
    return rows.order_by(*order)


@require_safe
@cached_page()
def home(request):
    scar_types = ScarType.objects.published()
    return render(
        request,
        "treatments/home.html",
        {
            "scar_types": scar_types,
            "treatment_count": Treatment.objects.matchable().count(),
            **Treatment.objects.published().review(),
            "sources": Source.objects.overview(),
        },
    )


@require_safe
@cached_page()
def scar_list(request):
    scar_types = ScarType.objects.visible_to(request.user)
    return render(
        request,
        "treatments/scar_list.html",
        {
            "scar_types": scar_types,
            **scar_types.review(),
            "sources": Source.objects.overview(),
        },
    )


@require_safe
@cached_page()
def scar_detail(request, slug):
    scar_type = get_object_or_404(
        ScarType.objects.visible_to(request.user).prefetch_related(
            "sources", "photos", Prefetch("suitabilities", _suitabilities(request.user, by="treatment"), to_attr="fits")
        ),
        slug=slug,
    )
    return render(
        request,
        "treatments/scar_detail.html",
        {
            "scar_type": scar_type,
            "translation_reviewed": scar_type.translation_reviewed,
            "structured_data": medical_web_page(request, scar_type, "MedicalCondition"),
            "suited": [row for row in scar_type.fits if row.suits],
            "unsuited": [row for row in scar_type.fits if not row.suits],
        },
    )


@require_safe
@cached_page(reads=["scar", "downtime", "pain", "page"])
def treatment_list(request):
    form = TreatmentFilterForm(request.GET or None)
    # The kinds of each treatment, not the overview pages that introduce a family of them.
    listed = Treatment.objects.visible_to(request.user).filter(is_overview=False)
    treatments = listed.select_related("family").prefetch_related(
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
    try:
        # A page number past the last is a 404, as in Django's ListView, so no address makes a new copy of a page.
        page = Paginator(treatments, TREATMENTS_PER_PAGE).page(request.GET.get("page") or 1)
    except InvalidPage:
        raise Http404("No such page of treatments.") from None
    limit = form.cleaned_data.get("downtime") if form.is_bound and form.is_valid() else None
    if limit is not None:
        for treatment in page.object_list:
            treatment.over_limit_days = recovery_fit(treatment.downtime_min_days, treatment.downtime_max_days, limit)
    return render(
        request,
        template,
        {
            "form": form,
            "page": page,
            "treatments": page.object_list,
            "limit": limit,
            **listed.review(),
            "sources": Source.objects.overview(),
        },
        status=status,
    )


def _treatment(request, slug, *related):
    treatments = Treatment.objects.visible_to(request.user).select_related("family")
    return get_object_or_404(treatments.prefetch_related(*related), slug=slug)


@require_safe
@cached_page(reads=["skin"])
def treatment_detail(request, slug):
    gallery_form = GalleryFilterForm(request.GET or None)
    skin = gallery_form.cleaned_data["skin"] if gallery_form.is_valid() else None
    gallery = BeforeAfterPhoto.objects.public().for_skin_type(skin)
    treatment = _treatment(
        request,
        slug,
        "sources",
        "photos",
        Prefetch("suitabilities", _suitabilities(request.user, by="scar_type"), to_attr="fits"),
        Prefetch("contraindication_rules", TreatmentContraindication.objects.select_related("contraindication")),
        Prefetch("before_after_photos", gallery.prefetch_related(_published_scar_types()), to_attr="gallery"),
    )
    in_gallery = request.htmx and request.htmx.target == "gallery-results"
    suited = [row.scar_type_id for row in treatment.fits if row.suits and row.scar_type.published]
    # Read only by the template branch that needs them: an overview lists its kinds, a kind offers a comparison.
    kinds = Treatment.objects.visible_to(request.user).filter(family=treatment, is_overview=False).order_by("name")
    return render(
        request,
        "treatments/treatment_detail.html#gallery" if in_gallery else "treatments/treatment_detail.html",
        {
            "treatment": treatment,
            "translation_reviewed": treatment.translation_reviewed,
            "structured_data": medical_web_page(request, treatment, "MedicalProcedure"),
            "gallery_form": gallery_form,
            "skin": skin,
            "kinds": kinds,
            "fit_groups": [
                (fit, label, [row.scar_type for row in treatment.fits if row.fit == fit])
                for fit, label in Fit.choices
                if any(row.fit == fit for row in treatment.fits)
            ],
            "alternatives": Treatment.objects.alternatives_to(treatment, suited).only("slug", "name"),
            "family_shown": treatment.family and (treatment.family.published or request.user.is_staff),
        },
        status=400 if gallery_form.errors else 200,
    )


def _published_scar_types():
    return Prefetch("scar_types", ScarType.objects.published())


@require_safe
@cached_page()
def aftercare(request, slug):
    treatment = _treatment(
        request, slug, "sources", Prefetch("aftercare_steps", AftercareStep.objects.order_by("day_from", "day_to"))
    )
    steps = treatment.aftercare_steps.all()
    return render(
        request,
        "treatments/aftercare.html",
        {
            "treatment": treatment,
            "translation_reviewed": treatment.translation_reviewed,
            "steps": steps,
            # Signs that cannot wait, apart from those that mean a call to the clinic.
            "urgent": [(step.label, step.urgent_points) for step in steps if step.urgent_points],
            "routine": [(step.label, step.watch_points) for step in steps if step.watch_points],
            # An overview page has no aftercare of its own: each of its kinds has.
            "kinds": treatment.variants.visible_to(request.user).order_by("name") if treatment.is_overview else (),
        },
    )


@require_safe
@never_cache
def ping(request):
    """Liveness for a load balancer, and the benchmark's baseline: every middleware, no database, no template."""
    return HttpResponse("ok", content_type="text/plain")
