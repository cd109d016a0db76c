from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET

from .forms import GalleryFilterForm, TreatmentFilterForm
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

TREATMENTS_PER_PAGE = 24


def _suitabilities(user, *, by):
    """Suitability rows whose other side the visitor may see, best fit first."""
    rows = Suitability.objects.select_related("treatment", "scar_type")
    if not (user.is_authenticated and user.is_staff):
        rows = rows.filter(treatment__published=True, scar_type__published=True)
    order = ["fit", "treatment__name"] if by == "treatment" else ["scar_type__order", "scar_type__name"]
    return rows.order_by(*order)


@require_GET
@cached_page
def home(request):
    scar_types = ScarType.objects.published()
    return render(
        request,
        "treatments/home.html",
        {
            "scar_types": scar_types,
            "treatment_count": Treatment.objects.published().count(),
            **Treatment.objects.published().review(),
            "sources": Source.objects.overview(),
        },
    )


@require_GET
@cached_page
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


@require_GET
@cached_page
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


@require_GET
@cached_page
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
    page = Paginator(treatments, TREATMENTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(
        request,
        template,
        {
            "form": form,
            "page": page,
            "treatments": page.object_list,
            **Treatment.objects.visible_to(request.user).review(),
            "sources": Source.objects.overview(),
        },
        status=status,
    )


def _treatment(request, slug, *related):
    return get_object_or_404(Treatment.objects.visible_to(request.user).prefetch_related(*related), slug=slug)


@require_GET
@cached_page
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
    return render(
        request,
        "treatments/treatment_detail.html#gallery" if in_gallery else "treatments/treatment_detail.html",
        {
            "treatment": treatment,
            "translation_reviewed": treatment.translation_reviewed,
            "structured_data": medical_web_page(request, treatment, "MedicalProcedure"),
            "gallery_form": gallery_form,
            "skin": skin,
            "others": Treatment.objects.published().exclude(pk=treatment.pk).only("slug", "name"),
        },
        status=400 if gallery_form.errors else 200,
    )


def _published_scar_types():
    return Prefetch("scar_types", ScarType.objects.published())


@require_GET
@cached_page
def aftercare(request, slug):
    treatment = _treatment(
        request, slug, "sources", Prefetch("aftercare_steps", AftercareStep.objects.order_by("day_from", "day_to"))
    )
    return render(
        request,
        "treatments/aftercare.html",
        {"treatment": treatment, "translation_reviewed": treatment.translation_reviewed},
    )


@require_GET
@never_cache
def ping(request):
    """Liveness for a load balancer, and the benchmark's baseline: every middleware, no database, no template."""
    return HttpResponse("ok", content_type="text/plain")


def page_not_found(request, exception):
    # No canonical address or alternates: search engines should drop the address, not keep it.
    return render(request, "404.html", {"canonical_url": "", "alternates": []}, status=404)


def server_error(request):
    return render(request, "500.html", status=500)
