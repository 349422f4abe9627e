/*
 * The page's language: ?lang=<code>, one of config.languages (webmap/i18n.py: code, name, dir, locale and nameKey,
 * the property that holds a place's name in it; the first language is the one the data is written in, and the
 * page's default), the page's words in it (config.messages, built by webmap/i18n.py from webmap/messages/ and the
 * manifest), place names in it where the data has them, and dates and numbers written its way (Intl, with the
 * language's locale).
 *
 * The server renders the markup in the first language, each translatable text marked with its key: data-i18n (the
 * text), data-i18n-placeholder, data-i18n-aria-label. Texts from the data (notes, source titles, event names) are
 * not translated: where the page is in another language the data's own is marked as such (fromData).
 */

import { element } from "./core.js";

let languages = []; // config.languages, set by setLanguage before anything is written
let written = null; // the language the data is written in (the first)
let language = null; // the page's
let words = {};
let fallback = {}; // the words in the first language, for a key the page's language lacks

/* The language the address asks for (?lang=), of `config.languages`; the first for none or one the map lacks. The
   page becomes that language: <html lang dir>, the title, every marked text. Returns the code asked for when the
   map does not have it (for a notice), else null. */
export function setLanguage(config) {
  const asked = new URLSearchParams(window.location.search).get("lang");
  languages = config.languages;
  written = languages[0];
  const chosen = languages.find((entry) => entry.code === asked);
  language = chosen || written;
  fallback = config.messages[written.code];
  words = config.messages[language.code];
  document.documentElement.lang = language.code;
  document.documentElement.dir = language.dir;
  document.title = t("map.title");
  if (language !== written) translateMarkup();
  return asked !== null && !chosen ? asked : null;
}

function translateMarkup() {
  document.querySelectorAll("[data-i18n]").forEach((node) => (node.textContent = t(node.dataset.i18n)));
  document.querySelectorAll("[data-i18n-placeholder]").forEach((node) => {
    node.placeholder = t(node.dataset.i18nPlaceholder);
  });
  document.querySelectorAll("[data-i18n-aria-label]").forEach((node) => {
    node.setAttribute("aria-label", t(node.dataset.i18nAriaLabel));
  });
}

/* True when the page has a text for `key` (a word made from data: property.<key>, value.<value>). */
export function has(key) {
  return key in fallback;
}

/* The text of `key` in the page's language (the first language's where it has none), its {name}s filled from
   `values`. */
export function t(key, values) {
  const text = key in words ? words[key] : key in fallback ? fallback[key] : key;
  return text.replace(/\{(\w+)\}/g, (whole, name) => (values && name in values ? String(values[name]) : whole));
}

/* The properties that hold a place's names, one per language (config.languages[].nameKey). */
export function nameKeys() {
  return languages.map((entry) => entry.nameKey);
}

/* A feature's names in every language it has one in, in the languages' order: [{name, lang, dir}]. */
export function placeNames(properties) {
  return languages
    .filter((entry) => properties[entry.nameKey])
    .map((entry) => ({ name: properties[entry.nameKey], lang: entry.code, dir: entry.dir }));
}

/* A feature's name in the page's language where the data has it, else its name as written. */
export function localName(properties) {
  return properties[language.nameKey] || properties[written.nameKey];
}

/* A new element `tag` (in `parent`, when given) holding a feature's name in the page's language; marked as the
   data's language where the data has no name in the page's. */
export function nameElement(tag, parent, properties, className) {
  const name = localName(properties);
  const node = element(tag, parent, name, className);
  return name === properties[written.nameKey] ? fromData(node) : node;
}

/* Mark `node`, text of the data (written in the first language), as such where the page is in another: a screen
   reader reads it in its language, and it runs in its own direction in a page of the other direction. */
export function fromData(node) {
  if (language !== written) Object.assign(node, { lang: written.code, dir: "auto" });
  return node;
}

const formats = new Map();
const DATE_STYLES = {
  long: { day: "numeric", month: "long", year: "numeric" },
  short: { day: "numeric", month: "short", year: "numeric" },
  month: { month: "long", year: "numeric" },
  year: { year: "numeric" },
};

/* The language's Intl format of dates in a style of DATE_STYLES, made once. */
function dateFormat(style) {
  const key = language.code + " " + style;
  if (!formats.has(key)) {
    formats.set(key, new Intl.DateTimeFormat(language.locale, { ...DATE_STYLES[style], timeZone: "UTC" }));
  }
  return formats.get(key);
}

/* A day (YYYY-MM-DD) written the language's way, in a style of DATE_STYLES: "long" (5 March 2020), "short"
   (5 Mar 2020), "month" (March 2020) or "year" (2020). */
export function formatDate(day, style) {
  return dateFormat(style).format(new Date(day + "T00:00:00Z"));
}

/* The days from `first` to `last` (YYYY-MM-DD, both included) written the language's way as one range, each part
   once: "10–16 February 2020", "28 February – 5 March 2020"; one day alone where they are the same. */
export function formatDays(first, last) {
  return dateFormat("long").formatRange(new Date(first + "T00:00:00Z"), new Date(last + "T00:00:00Z"));
}

/* A number written the language's way. */
export function formatNumber(value) {
  return Number(value).toLocaleString(language.locale);
}

/* The language switch: each language's link keeps the address's date and layers. */
export function languageLinks() {
  const params = new URLSearchParams(window.location.search);
  document.querySelectorAll(".languages a[data-lang]").forEach((link) => {
    const code = link.dataset.lang;
    if (code === written.code) params.delete("lang");
    else params.set("lang", code);
    link.href = "?" + params.toString().replace(/%2C/g, ",");
    if (code === language.code) link.setAttribute("aria-current", "true");
    else link.removeAttribute("aria-current");
  });
}

/* folium's controls, whose words are set when map.js makes them: the zoom buttons, the fullscreen button, the
   pointer's coordinates. */
export function translateControls(map, controls) {
  const container = map.getContainer();
  [["in", "map.zoom_in"], ["out", "map.zoom_out"]].forEach(([which, key]) => {
    const button = container.querySelector(".leaflet-control-zoom-" + which);
    if (button) Object.assign(button, { title: t(key) }).setAttribute("aria-label", t(key));
  });
  const fullscreen = controls.fullscreen;
  Object.assign(fullscreen.options, { title: t("map.fullscreen"), titleCancel: t("map.leave_fullscreen") });
  fullscreen.link.title = t("map.fullscreen");
  fullscreen.link.setAttribute("aria-label", t("map.fullscreen"));
  controls.pointer.options.emptyString = t("map.pointer");
  controls.pointer.getContainer().textContent = t("map.pointer");
}

/* The code of the page's language. */
export function languageCode() {
  return language.code;
}

/* The page's language as the address names it (?lang=): its code, or null for the first language, the default. */
export function addressLanguage() {
  return language === written ? null : language.code;
}
