"""Every patient page in English at today's addresses and in Traditional Chinese under /zh-hant/, with
language links that keep the page and its query string, hreflang alternates and a canonical address."""

import re
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

pytestmark = pytest.mark.django_db

CATALOGUE = Path(settings.BASE_DIR) / "locale" / "zh_Hant" / "LC_MESSAGES" / "django.po"


class Head(HTMLParser):
    """The <html lang>, the <link>s in <head> and the language links of a page."""

    def __init__(self):
        super().__init__()
        self.lang, self.links, self.language_links = None, [], []

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.lang = attrs.get("lang")
        elif tag == "link" and attrs.get("rel") in ("canonical", "alternate"):
            self.links.append(attrs)
        elif tag == "a" and "data-language-prefix" in attrs:
            self.language_links.append(attrs)


def read(response) -> Head:
    head = Head()
    head.feed(response.content.decode())
    return head


def chinese(path: str) -> str:
    return f"/zh-hant{path}"


def test_english_pages_keep_their_addresses(treatment):
    assert reverse("treatments:home") == "/"
    assert treatment.get_absolute_url() == "/treatments/subcision/"
    assert treatment.get_aftercare_url() == "/treatments/subcision/aftercare/"
    assert reverse("treatments:scar_detail", args=["rolling"]) == "/scars/rolling/"
    assert reverse("treatments:results") == "/results/"
    assert reverse("privacy") == "/privacy/"
    with translation.override("zh-hant"):
        assert treatment.get_absolute_url() == "/zh-hant/treatments/subcision/"


def test_every_public_page_renders_in_english_and_in_chinese(client, public_pages):
    for name, url in public_pages.items():
        expected = 404 if name == "not found" else 200
        english, in_chinese = client.get(url), client.get(chinese(url))
        assert (english.status_code, in_chinese.status_code) == (expected, expected), name
        assert read(english).lang == "en", name
        assert read(in_chinese).lang == "zh-hant", name
        assert in_chinese["Content-Language"] == "zh-hant", name


def test_english_addresses_stay_english_whatever_the_browser_prefers(client, public_pages):
    response = client.get(public_pages["treatment detail"], headers={"Accept-Language": "zh-HK,zh;q=0.9"})
    assert read(response).lang == "en"


def test_staff_probes_and_search_engine_files_have_no_language_prefix(client, treatment):
    assert client.get("/ping").status_code == 200
    assert client.get("/healthz").status_code == 200
    assert client.get(reverse("admin:login")).status_code == 200
    assert reverse("admin:login") == "/admin/login/"
    for path in ("/zh-hant/admin/login/", "/zh-hant/ping"):
        assert client.get(path).status_code == 404, path


@pytest.mark.parametrize("name", ["results", "questionnaire", "filtered list", "planner", "compare"])
def test_language_links_keep_the_page_and_its_query_string(client, public_pages, name):
    url = public_pages[name]
    path, query = url.split("?", 1) if "?" in url else (url, "")
    links = {link["hreflang"]: link for link in read(client.get(url)).language_links}
    assert links["en"]["href"] == url
    assert links["zh-hant"]["href"] == chinese(path) + (f"?{query}" if query else "")
    for code, link in links.items():
        assert link["lang"] == code
    assert "aria-current" in links["en"] and "aria-current" not in links["zh-hant"]
    back = {link["hreflang"]: link for link in read(client.get(links["zh-hant"]["href"])).language_links}
    assert back["en"]["href"] == url
    assert "aria-current" in back["zh-hant"]


def test_language_links_of_a_cached_page_keep_only_what_the_page_reads(client, treatment):
    """Answers pasted onto a catalogue address must not end up in the page the shared cache keeps."""
    url = treatment.get_absolute_url()
    response = client.get(f"{url}?skin=4&health=pregnant&scar=rolling")
    links = {link["hreflang"]: link["href"] for link in read(response).language_links}
    assert links == {"en": f"{url}?skin=4", "zh-hant": f"{chinese(url)}?skin=4"}
    assert "pregnant" not in response.content.decode()
    listing = reverse("treatments:treatment_list")
    links = {
        link["hreflang"]: link["href"]
        for link in read(client.get(f"{listing}?pain=2&page=1&health=pregnant")).language_links
    }
    assert links["zh-hant"] == f"{chinese(listing)}?pain=2&page=1"


def test_language_links_on_a_page_not_found_lead_to_each_home_page(client):
    links = read(client.get("/zh-hant/no-such-page/?scar=rolling")).language_links
    assert [link["href"] for link in links] == ["/", "/zh-hant/"]


def alternates(head):
    return {link["hreflang"]: link["href"] for link in head.links if link["rel"] == "alternate"}


def canonical(head):
    (link,) = [link["href"] for link in head.links if link["rel"] == "canonical"]
    return link


def test_head_names_the_page_in_each_language_without_the_answers(client, public_pages):
    head = read(client.get(public_pages["results"]))
    assert alternates(head) == {
        "en": "http://testserver/results/",
        "zh-hant": "http://testserver/zh-hant/results/",
        "x-default": "http://testserver/results/",
    }
    assert canonical(head) == "http://testserver/results/"
    assert canonical(read(client.get(chinese(public_pages["results"])))) == "http://testserver/zh-hant/results/"


def test_canonical_address_keeps_only_the_query_string_that_is_the_page(client, public_pages):
    url = reverse("treatments:treatment_list")
    assert canonical(read(client.get(f"{url}?page=1&pain=1"))) == "http://testserver/treatments/?page=1"
    assert canonical(read(client.get(f"{url}?pain=1"))) == "http://testserver/treatments/"
    compare = public_pages["compare"]
    assert canonical(read(client.get(compare))) == f"http://testserver{compare}"


def test_a_page_not_found_has_no_canonical_address(client, treatment):
    for path in ("/no-such-page/", "/treatments/no-such-treatment/"):
        head = read(client.get(path))
        assert head.links == [], path


def test_dates_follow_the_language(client, treatment):
    english = client.get(treatment.get_absolute_url()).content.decode()
    assert re.search(r'<time datetime="2026-11-01">1 November 2026</time>', english)
    in_chinese = client.get(chinese(treatment.get_absolute_url())).content.decode()
    assert '<time datetime="2026-11-01">2026年11月1日</time>' in in_chinese


def test_costs_group_their_digits_as_hong_kong_does(client, settings, treatment):
    settings.CURRENCY = "HKD"
    treatment.cost_min, treatment.cost_max = 1500, 12000
    treatment.save()
    english = treatment.get_absolute_url()  # before a Chinese request leaves Chinese active in this thread
    assert "1,500至12,000 HKD" in client.get(chinese(english)).content.decode()
    assert "1,500 to 12,000 HKD" in client.get(english).content.decode()


def test_the_chinese_catalogue_compiles_with_gnu_gettext(tmp_path):
    result = subprocess.run(
        ["msgfmt", "--check", "-o", str(tmp_path / "django.mo"), str(CATALOGUE)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def catalogue_entries(path: Path) -> list[dict]:
    """The entries of a .po file: their flags, msgid and msgstr (each msgstr[n] of a plural)."""
    entries, entry, field = [], None, None
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if not line.strip():
            if entry and entry.get("msgid") is not None:
                entries.append(entry)
            entry, field = None, None
            continue
        entry = entry or {"flags": set(), "msgstr": {}}
        if line.startswith("#,"):
            entry["flags"] |= {flag.strip() for flag in line[2:].split(",")}
        elif line.startswith("#"):
            continue
        elif line.startswith('"'):
            target = entry["msgstr"] if isinstance(field, int) else entry
            target[field] = target.get(field, "") + _unquote(line)
        else:
            keyword, _space, value = line.partition(" ")
            field = int(keyword[7:-1]) if keyword.startswith("msgstr[") else 0 if keyword == "msgstr" else keyword
            if isinstance(field, int):
                entry["msgstr"][field] = _unquote(value)
            else:
                entry[field] = _unquote(value)
    return [entry for entry in entries if entry["msgid"]]


def _unquote(text: str) -> str:
    return text.strip()[1:-1].encode("raw_unicode_escape").decode("unicode_escape")


def test_every_interface_string_has_a_reviewed_chinese_translation():
    """Fails naming each string whose msgstr is empty or marked fuzzy (a guess awaiting a translator)."""
    missing = [
        ("fuzzy: " if "fuzzy" in entry["flags"] else "empty: ") + entry["msgid"]
        for entry in catalogue_entries(CATALOGUE)
        if "fuzzy" in entry["flags"] or not all(entry["msgstr"].values())
    ]
    assert missing == [], f"{len(missing)} interface strings are not translated:\n" + "\n".join(missing)


def test_the_translation_check_finds_empty_and_fuzzy_strings(tmp_path):
    sample = tmp_path / "django.po"
    sample.write_text(
        'msgid ""\nmsgstr "Language: zh_Hant\\n"\n\n'
        'msgid "Pain"\nmsgstr "痛楚"\n\n'
        'msgid "Sessions"\nmsgstr ""\n\n'
        '#, fuzzy\nmsgid "Recovery time"\nmsgstr "康復"\n\n'
        'msgid "%(count)d session"\nmsgid_plural "%(count)d sessions"\nmsgstr[0] ""\n\n'
        'msgid ""\n"Two lines "\n"long"\nmsgstr ""\n"兩行"\n',
        encoding="utf-8",
    )
    entries = {entry["msgid"]: entry for entry in catalogue_entries(sample)}
    assert set(entries) == {"Pain", "Sessions", "Recovery time", "%(count)d session", "Two lines long"}
    assert entries["Pain"]["msgstr"] == {0: "痛楚"} and entries["Two lines long"]["msgstr"] == {0: "兩行"}
    assert "fuzzy" in entries["Recovery time"]["flags"]
    assert entries["%(count)d session"]["msgstr"] == {0: ""}
