"""Content in English and Traditional Chinese: edited side by side in admin, shown in the page's language
with English where a translation is missing, loaded from and exported to the starter content file."""

import json
from pathlib import Path

import pytest
from django.apps import apps
from django.conf import settings
from django.core.management import call_command
from django.urls import reverse
from django.utils import translation
from modeltranslation.translator import translator

from tests.conftest import ANSWERS, admin_form_data
from treatments.models import AftercareStep, ScarType, SeededRow, Suitability, Treatment, TreatmentContraindication
from treatments.page_cache import content_changed

pytestmark = pytest.mark.django_db

FIXTURE = Path(settings.BASE_DIR) / "fixtures" / "content.json"


def chinese(path: str) -> str:
    return f"/zh-hant{path}"


def page(client, url) -> str:
    return client.get(url).content.decode()


def test_chinese_pages_show_the_chinese_text_and_english_where_it_is_missing(client, treatment, scar_type):
    Treatment.objects.filter(pk=treatment.pk).update(name_zh_hant="皮下分離術", summary_zh_hant="")
    ScarType.objects.filter(pk=scar_type.pk).update(name_zh_hant="滾動型疤痕")
    url = treatment.get_absolute_url()
    html = page(client, chinese(url))
    assert "皮下分離術" in html and "滾動型疤痕" in html
    assert "A short summary." in html, "an empty translation falls back to the English"
    english = page(client, url)
    assert "皮下分離術" not in english and "Subcision" in english


def test_results_match_the_same_in_both_languages_with_sentences_in_the_pages_language(client, options):
    Suitability.objects.filter(treatment__slug="subcision", scar_type__slug="rolling").update(
        reason_zh_hant="切斷拉扯皮膚的纖維。"
    )
    TreatmentContraindication.objects.filter(
        treatment__slug="subcision", contraindication__slug="anticoagulants"
    ).update(note_zh_hant="瘀傷會較多。")
    query = f"{reverse('treatments:results')}?{ANSWERS}&format=json"
    english, in_chinese = client.get(query).json(), client.get(chinese(query)).json()

    def shape(result):
        return (
            [(c["treatment"], c["fit"], c["score"], c["group"]) for c in result["candidates"]],
            [e["treatment"] for e in result["excluded"]],
            [plan["treatments"] for plan in result["combinations"]],
            result["profile"],
        )

    assert shape(english) == shape(in_chinese)
    subcision = {c["treatment"]: c for c in in_chinese["candidates"]}["subcision"]
    assert any("切斷拉扯皮膚的纖維。" in reason for reason in subcision["reasons"])
    assert any("瘀傷會較多。" in caution for caution in subcision["cautions"])
    assert subcision["url"] == "http://testserver/zh-hant/treatments/subcision/"
    english_subcision = {c["treatment"]: c for c in english["candidates"]}["subcision"]
    assert not any("切斷" in reason for reason in english_subcision["reasons"])


def test_a_chinese_page_says_its_translation_awaits_the_clinics_review_until_staff_tick_it(client, treatment):
    with translation.override("zh-hant"):
        notice = translation.gettext("This translation awaits review by the clinic.")
    assert notice == "本譯文有待診所審閱。"
    urls = [treatment.get_absolute_url(), treatment.get_aftercare_url(), reverse("treatments:treatment_list")]
    scar_page, privacy = treatment.scar_types.first().get_absolute_url(), reverse("privacy")
    for url in urls:
        assert notice in page(client, chinese(url)), url
        assert notice not in page(client, url), url
    Treatment.objects.filter(pk=treatment.pk).update(translation_reviewed=True)
    content_changed()
    for url in urls:
        assert notice not in page(client, chinese(url)), url
    assert notice in page(client, chinese(scar_page))
    assert notice not in page(client, chinese(privacy)), "pages without content rows say nothing"


def test_staff_edit_both_languages_on_one_page_and_the_history_keeps_both(editor_client, client, treatment):
    url = reverse("admin:treatments_treatment_change", args=[treatment.pk])
    form = editor_client.get(url)
    fields = form.context["adminform"].form.fields
    for name in ("name_en", "name_zh_hant", "summary_en", "summary_zh_hant", "also_known_as_zh_hant"):
        assert name in fields, name
    assert fields["name_en"].required and not fields["name_zh_hant"].required
    data = admin_form_data(form)
    data.update({"name_zh_hant": "皮下分離術", "summary_zh_hant": "用特製的針在疤痕下面切斷纖維。"})
    assert editor_client.post(url, data).status_code == 302
    assert "用特製的針在疤痕下面切斷纖維。" in page(client, chinese(treatment.get_absolute_url()))
    assert treatment.history.first().name_zh_hant == "皮下分離術"
    assert treatment.history.first().name_en == "Subcision"


@pytest.mark.parametrize(
    "changelist",
    ["treatment", "scartype", "suitability", "aftercarestep", "contraindication", "treatmentcontraindication"],
)
def test_every_main_changelist_filters_rows_missing_a_translation(editor_client, treatment, changelist):
    url = reverse(f"admin:treatments_{changelist}_changelist")
    missing = editor_client.get(f"{url}?translation=missing")
    assert missing.status_code == 200
    assert missing.context["cl"].result_count == 1
    model = missing.context["cl"].model
    for field in translator.get_options_for_model(model).fields:
        model.objects.update(**{f"{field}_zh_hant": "中文"})
    assert editor_client.get(f"{url}?translation=missing").context["cl"].result_count == 0
    assert editor_client.get(f"{url}?translation=complete").context["cl"].result_count == 1


def test_an_empty_english_text_is_not_a_missing_translation(editor_client, treatment):
    step = AftercareStep.objects.get(treatment=treatment)
    AftercareStep.objects.filter(pk=step.pk).update(todo_zh_hant="冰敷", watch_for_en="", urgent_en="")
    url = reverse("admin:treatments_aftercarestep_changelist")
    assert editor_client.get(f"{url}?translation=missing").context["cl"].result_count == 0


def test_the_starter_content_file_may_carry_chinese_text_and_never_overwrites_staff_edits(tmp_path, db):
    fixture = tmp_path / "content.json"
    rows = [
        row
        for row in json.loads(FIXTURE.read_text(encoding="utf-8"))
        if row["model"] in ("treatments.scartype", "treatments.source")
    ]
    for row in rows:
        if row["fields"].get("slug") == "rolling":
            row["fields"].update({"name_zh_hant": "滾動型疤痕", "also_known_as_zh_hant": "凹凸洞"})
    fixture.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    call_command("seed_content", str(fixture), verbosity=0)
    rolling = ScarType.objects.get(slug="rolling")
    assert (rolling.name_en, rolling.name_zh_hant, rolling.also_known_as_zh_hant) == (
        next(row["fields"]["name"] for row in rows if row["fields"].get("slug") == "rolling"),
        "滾動型疤痕",
        "凹凸洞",
    )
    ScarType.objects.filter(pk=rolling.pk).update(name_zh_hant="診所的寫法")
    call_command("seed_content", str(fixture), verbosity=0)
    assert ScarType.objects.get(slug="rolling").name_zh_hant == "診所的寫法"


def test_export_writes_english_under_plain_names_and_translations_under_their_language(tmp_path, seeded):
    ScarType.objects.filter(slug="rolling").update(name_zh_hant="滾動型疤痕")
    Treatment.objects.filter(slug="subcision").update(summary_zh_hant="")
    exported = tmp_path / "content.json"
    call_command("export_content", output=str(exported), verbosity=0)
    text = exported.read_text(encoding="utf-8")
    assert text.endswith("]\n") and "滾動型疤痕" in text, "UTF-8 as it is, not escaped"
    rows = json.loads(text)
    rolling = next(row for row in rows if row["model"] == "treatments.scartype" and row["fields"]["slug"] == "rolling")
    assert rolling["fields"]["name_zh_hant"] == "滾動型疤痕"
    assert (
        "name_en" not in rolling["fields"] and rolling["fields"]["name"] == ScarType.objects.get(slug="rolling").name_en
    )
    assert all("pk" not in row and not row["model"].startswith("treatments.historical") for row in rows)
    subcision = next(
        row for row in rows if row["model"] == "treatments.treatment" and row["fields"]["slug"] == "subcision"
    )
    assert "summary_zh_hant" not in subcision["fields"] and "name_zh_hant" in subcision["fields"], (
        "a translation not written yet is left out"
    )
    with translation.override("zh-hant"):
        assert ScarType.objects.get(slug="rolling").name == "滾動型疤痕"


def test_exported_content_loads_into_an_empty_database_as_it_was(tmp_path, seeded):
    Treatment.objects.filter(slug="subcision").update(summary_zh_hant="皮下分離術的摘要")
    exported = tmp_path / "content.json"
    call_command("export_content", output=str(exported), verbosity=0)
    before = {t.slug: (t.name_en, t.summary_en, t.summary_zh_hant) for t in Treatment.objects.all()}
    for model in (Treatment, ScarType, SeededRow):
        model.objects.all().delete()
    call_command("seed_content", str(exported), verbosity=0)
    assert {t.slug: (t.name_en, t.summary_en, t.summary_zh_hant) for t in Treatment.objects.all()} == before


def test_every_seeded_text_has_a_chinese_version():
    """Fails naming each row and text of the starter content that has English but no Chinese yet."""
    missing = []
    for row in json.loads(FIXTURE.read_text(encoding="utf-8")):
        model = apps.get_model(row["model"])
        if model not in translator.get_registered_models():
            continue
        for field in translator.get_options_for_model(model).fields:
            if row["fields"].get(field) and not row["fields"].get(f"{field}_zh_hant"):
                missing.append(f"{row['model']} {row['fields'].get('slug', '')}: {field}")
    assert missing == [], f"{len(missing)} seeded texts have no Chinese version:\n" + "\n".join(missing)


def test_scar_types_and_treatments_show_their_aliases_in_the_pages_language(client, treatment, scar_type):
    ScarType.objects.filter(pk=scar_type.pk).update(also_known_as_en="pitted scars", also_known_as_zh_hant="凹凸洞")
    Treatment.objects.filter(pk=treatment.pk).update(also_known_as_en="scar release", also_known_as_zh_hant="剝離")
    scar_url, treatment_url = scar_type.get_absolute_url(), treatment.get_absolute_url()
    assert "Also called: pitted scars" in page(client, scar_url)
    assert "Also called: scar release" in page(client, treatment_url)
    assert "凹凸洞" in page(client, chinese(scar_url)) and "剝離" in page(client, chinese(treatment_url))
