"""The page in English, Arabic and Turkish: the message files have the same words, every word the page and its
scripts name exists, the manifest's texts are translated; in a real browser ?lang=ar gives a right-to-left page
with Arabic place names and dates, the language switch keeps the date and layers, and the address keeps the
language."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from flask.testing import FlaskClient
from playwright.sync_api import expect

from geo.model.manifest import Manifest, load_manifest
from webmap.i18n import MESSAGES_DIR, data_words, languages, manifest_texts, page_words

from support import LAYERS_DIR, ROOT

SCRIPTS = ROOT / "webmap" / "static" / "js"
#: The languages of the page's own words (webmap/messages), and those the Idlib map speaks beside its first.
PAGE_LANGUAGES = sorted(p.stem for p in MESSAGES_DIR.glob("*.toml"))
TRANSLATED = load_manifest(LAYERS_DIR).language_codes[1:]


@pytest.mark.parametrize("language", PAGE_LANGUAGES)
def test_every_language_has_the_same_words_as_english(language: str) -> None:
    assert sorted(page_words(language)) == sorted(page_words("en"))


def test_every_language_of_the_map_has_the_page_s_words(manifest: Manifest) -> None:
    assert set(manifest.language_codes) <= set(PAGE_LANGUAGES)


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_words_of_the_data_are_translated(manifest: Manifest, language: str) -> None:
    english, translated = data_words(manifest, "en"), data_words(manifest, language)
    assert english and translated.keys() == english.keys()


def test_every_word_the_scripts_and_the_markup_name_exists(client: FlaskClient, manifest: Manifest) -> None:
    words = set(page_words("en")) | set(manifest_texts(manifest, "en"))
    named = set()
    for script in SCRIPTS.glob("*.js"):
        # A whole key, t("date.label", ...); a key made of parts (t("changes." + kind)) is checked by its use.
        named |= set(re.findall(r"""\bt\(\s*["']([\w.]+)["']\s*[,)]""", script.read_text(encoding="utf-8")))
    html = client.get("/").get_data(as_text=True)
    named |= set(re.findall(r'data-i18n(?:-[a-z-]+)?="([\w.]+)"', html))
    assert named and named - words == set()


@pytest.mark.parametrize("language", TRANSLATED)
def test_the_manifest_s_texts_are_translated(manifest: Manifest, language: str) -> None:
    english, translated = manifest_texts(manifest, "en"), manifest_texts(manifest, language)
    assert translated.keys() == english.keys()
    untranslated = [key for key in english if translated[key] == english[key] and not key.startswith("map.online")]
    assert untranslated == []


def test_arabic_is_right_to_left_with_arabic_names_and_dates(visit, manifest: Manifest) -> None:
    page = visit.open("/?date=2020-03-06&lang=ar", "2020-03-06")
    expect(page.locator("html")).to_have_attribute("dir", "rtl")
    expect(page.locator("html")).to_have_attribute("lang", "ar")
    expect(page.locator("#date-caption")).to_contain_text("مارس")
    expect(page.locator(".place-label", has_text="إدلب")).to_have_count(1)
    expect(page.locator(".place-label", has_text="Idlib")).to_have_count(0)
    expect(page.get_by_label(manifest["observation_posts"].text("title", "ar"), exact=True)).to_be_checked()
    date_panel = page.locator("#date-panel").bounding_box()
    layers = page.locator("#layer-panel").bounding_box()
    assert layers["x"] < date_panel["x"], "the panels are mirrored: the date on the right"
    expect(page.get_by_role("button", name="تشغيل")).to_be_visible()


def test_a_popup_names_the_place_in_the_language_and_keeps_the_sources_text(visit, catalog) -> None:
    page = visit.open("/?date=2020-03-06&layers=town_control&lang=ar", "2020-03-06")
    town = next(f for f in catalog["town_control"].at(dt.date(2020, 3, 6)) if f["properties"].get("name_ar"))
    page.locator(f'.layer-town_control[title="{town["properties"]["name"]}"]').first.dispatch_event("click")
    popup = page.locator(".idl-popup")
    expect(popup.locator("h2")).to_have_text(town["properties"]["name_ar"])
    expect(popup.locator(".popup-other-name[lang=en]")).to_have_text(town["properties"]["name"])
    title = town["properties"]["sources"][0]["title"]
    expect(popup.get_by_role("link", name=title).first).to_be_visible()


def test_turkish_writes_dates_its_way(visit) -> None:
    page = visit.open("/?date=2020-02-27&lang=tr", "2020-02-27")
    expect(page.locator("html")).to_have_attribute("dir", "ltr")
    expect(page.locator("#date-caption")).to_have_text("27 Şubat 2020 itibarıyla durum")
    expect(page.get_by_role("button", name="Oynat")).to_be_visible()


def test_the_switch_keeps_the_date_and_layers_and_the_address_keeps_the_language(visit) -> None:
    page = visit.open("/?date=2020-03-06&layers=places,observation_posts", "2020-03-06")
    page.locator(".languages a[lang=ar]").click()
    wait = page.wait_for_selector('html[dir="rtl"][data-drawn="2020-03-06"]', state="attached")
    assert wait
    assert page.url.endswith("/?date=2020-03-06&layers=places,observation_posts&lang=ar")
    page.get_by_label("التاريخ", exact=True).fill("2020-03-15")
    page.wait_for_selector('html[data-drawn="2020-03-15"]', state="attached")
    assert page.url.endswith("/?date=2020-03-15&layers=places,observation_posts&lang=ar")
    page.locator(".languages a[lang=en]").click()
    page.wait_for_selector('html[dir="ltr"][data-drawn="2020-03-15"]', state="attached")
    assert page.url.endswith("/?date=2020-03-15&layers=places,observation_posts")


def test_a_language_the_map_lacks_is_english_with_a_notice(visit) -> None:
    page = visit.open("/?date=2020-03-06&lang=xx", "2020-03-06")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("status")).to_contain_text("xx")
    assert "lang=" not in page.url


def test_each_language_names_the_property_of_a_place_s_name_in_it(manifest: Manifest) -> None:
    """The scripts take the languages and their names' properties from the settings: the data's own "name" for
    the first language, name_<code> for the others."""
    keys = [entry["nameKey"] for entry in languages(manifest)]
    assert keys == ["name", *(f"name_{code}" for code in manifest.language_codes[1:])]


def test_a_place_is_found_and_named_in_every_language_it_has_a_name_in(visit, catalog) -> None:
    place = next(f["properties"] for f in catalog["places"].features if f["properties"].get("name_ar"))
    page = visit.open("/?date=2020-03-06", "2020-03-06")
    page.get_by_label("Find a place").fill(place["name_ar"])
    page.get_by_label("Find a place").press("Enter")
    popup = page.locator(".leaflet-popup-content .idl-popup")
    expect(popup.locator("h2")).to_have_text(place["name"])
    expect(popup.locator(".popup-other-name[lang=ar][dir=rtl]")).to_have_text(place["name_ar"])
    assert "Name ar" not in popup.inner_text(), "a name is not listed among the details"
