/*
 * The page's language: ?lang=en|ar|tr (config.languages), the page's words in it (config.messages, built by
 * webmap/i18n.py from webmap/messages/ and the manifest), place names in it where the data has them (name_ar,
 * name_tr), and dates and numbers written its way (Intl, with the language's locale).
 *
 * The server renders the markup in English, each translatable text marked with its key: data-i18n (the text),
 * data-i18n-placeholder, data-i18n-aria-label. Texts from the data (notes, source titles, event names) are not
 * translated: where the page is not in English the data's own English is marked as such (fromData).
 */
(function (IdlibMap) {
  "use strict";

  let language = null; // of config.languages, set by setLanguage before anything is written
  let words = {};
  let english = {};

  /* The language the address asks for (?lang=), of `config.languages`; English for none or one the map lacks. The
     page becomes that language: <html lang dir>, the title, every marked text. Returns the code asked for when the
     map does not have it (for a notice), else null. */
  function setLanguage(config) {
    const asked = new URLSearchParams(window.location.search).get("lang");
    const chosen = config.languages.find((entry) => entry.code === asked);
    language = chosen || config.languages[0];
    english = config.messages[config.languages[0].code];
    words = config.messages[language.code];
    document.documentElement.lang = language.code;
    document.documentElement.dir = language.dir;
    document.title = t("map.title");
    if (language !== config.languages[0]) translateMarkup();
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
  function has(key) {
    return key in english;
  }

  /* The text of `key` in the page's language (English where it has none), its {name}s filled from `values`. */
  function t(key, values) {
    const text = key in words ? words[key] : key in english ? english[key] : key;
    return text.replace(/\{(\w+)\}/g, (whole, name) => (values && name in values ? String(values[name]) : whole));
  }

  /* A feature's name in the page's language: name_ar or name_tr where the data has it, else its name. */
  function localName(properties) {
    return properties["name_" + language.code] || properties.name;
  }

  /* A new element `tag` (in `parent`, when given) holding a feature's name in the page's language; marked as English
     where the data has no name in it. */
  function nameElement(tag, parent, properties, className) {
    const name = localName(properties);
    const node = IdlibMap.element(tag, parent, name, className);
    return name === properties.name ? fromData(node) : node;
  }

  /* Mark `node`, text of the data (written in English), as English where the page is not: a screen reader reads it
     as English, and it runs left to right in a right-to-left page. */
  function fromData(node) {
    if (language.code !== "en") Object.assign(node, { lang: "en", dir: "auto" });
    return node;
  }

  const formats = new Map();
  const DATE_STYLES = {
    long: { day: "numeric", month: "long", year: "numeric" },
    short: { day: "numeric", month: "short", year: "numeric" },
    month: { month: "long", year: "numeric" },
    year: { year: "numeric" },
  };

  /* A day (YYYY-MM-DD) written the language's way, in a style of DATE_STYLES: "long" (5 March 2020), "short"
     (5 Mar 2020), "month" (March 2020) or "year" (2020). */
  function formatDate(day, style) {
    const key = language.code + " " + style;
    if (!formats.has(key)) {
      formats.set(key, new Intl.DateTimeFormat(language.locale, { ...DATE_STYLES[style], timeZone: "UTC" }));
    }
    return formats.get(key).format(new Date(day + "T00:00:00Z"));
  }

  /* A number written the language's way. */
  function formatNumber(value) {
    return Number(value).toLocaleString(language.locale);
  }

  /* The language switch: each language's link keeps the address's date and layers. */
  function languageLinks() {
    const params = new URLSearchParams(window.location.search);
    document.querySelectorAll(".languages a[data-lang]").forEach((link) => {
      const code = link.dataset.lang;
      if (code === "en") params.delete("lang");
      else params.set("lang", code);
      link.href = "?" + params.toString().replace(/%2C/g, ",");
      if (code === language.code) link.setAttribute("aria-current", "true");
      else link.removeAttribute("aria-current");
    });
  }

  /* folium's controls, whose words are set when map.js makes them: the zoom buttons, the fullscreen button, the
     pointer's coordinates. */
  function translateControls(map, controls) {
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

  /* The code of the page's language ("en", "ar", "tr"). */
  function languageCode() {
    return language.code;
  }

  Object.assign(IdlibMap, {
    setLanguage, languageCode, has, t, localName, nameElement, fromData, formatDate, formatNumber, languageLinks,
    translateControls,
  });
})(window.IdlibMap);
