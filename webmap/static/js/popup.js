/*
 * A feature's popup: its layer, name (and its names in the other languages), dates, details (and what a missing one
 * means), note, why it differs from the ground where a source explains it, where the sources disagree (each version
 * with its sources, the one drawn marked), how exact its position is and within what distance, its sources as links,
 * and, for a layer imported from a dataset, the dataset's terms and the citation it asks for.
 *
 * The page's words, the names of properties and the values the manifest allows are in the page's language; the
 * name is in it where the data has one; notes, other texts of the data and source titles stay as written.
 */

import { addDays, element } from "./core.js";
import { formatDate, formatDays, formatNumber, fromData, has, nameElement, nameKeys, placeNames, t } from "./i18n.js";

// Properties shown in their own place in a popup (or not at all), rather than in its list of details; and the
// names in every language (i18n.js nameKeys).
const OWN_PLACE = new Set([
  "id", "valid_from", "valid_to", "date_precision", "valid_to_precision", "sources", "geometry_quality", "note",
  "entity_id", "disputes", "control_exception", "uncertainty_m",
]);

/* A day as the data gives it, written the page language's way: to the month or year when that is all that is
   known. */
function day(value, precision) {
  return formatDate(value, precision === "month" || precision === "year" ? precision : "long");
}

/* The day after the one period of `precision` (day, week, month or year) that begins on `first`. */
function periodEnd(first, precision) {
  const date = new Date(first + "T00:00:00Z");
  if (precision === "month") date.setUTCMonth(date.getUTCMonth() + 1);
  else if (precision === "year") date.setUTCFullYear(date.getUTCFullYear() + 1);
  else date.setUTCDate(date.getUTCDate() + (precision === "week" ? 7 : 1));
  return date.toISOString().slice(0, 10);
}

/* When a feature holds, in words. Its valid_to is the first day it no longer holds (layers/README.md, "The temporal
   model"), which the popup never names as a last day: a feature that is one day, week, month or year (valid_to the
   day after the period its date_precision names from valid_from, as an imported event's: geo/feeds) is named as that
   period ("In the week of 10–16 February 2020", "In February 2020"), a span by its first and last days; anything
   else holds from one day until another (a state, until the day the next one began). */
function holds(p) {
  const precision = p.date_precision || "day";
  if (!p.valid_to) return t("popup.from", { from: day(p.valid_from, precision) });
  const last = addDays(p.valid_to, -1);
  if (precision === "span") return t("popup.during", { days: formatDays(p.valid_from, last) });
  if (p.valid_to === periodEnd(p.valid_from, precision)) {
    if (precision === "day") return t("popup.on_day", { day: day(p.valid_from, precision) });
    if (precision === "week") return t("popup.in_week", { days: formatDays(p.valid_from, last) });
    return t("popup.in_period", { period: day(p.valid_from, precision) });
  }
  return t("popup.from_until", { from: day(p.valid_from, precision), to: day(p.valid_to, p.valid_to_precision) });
}

/* The name of a property: the page's word for it, else its key in words. */
export function label(key) {
  if (has("property." + key)) return t("property." + key);
  const words = key.replace(/_/g, " ");
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/* A value the manifest allows (a post's status, an event's kind) in the page's language; null for another. */
function word(raw) {
  return has("value." + raw) ? t("value." + raw) : null;
}

/* A value of the data: a number the language's way, a value the manifest allows in the page's language, other
   text as it is. */
export function value(raw) {
  if (typeof raw === "number") return formatNumber(raw);
  return word(raw) || String(raw).replace(/_/g, " ");
}

/* Sources as a list of links (only http(s) addresses become links); their titles stay as published. */
function sourceList(parent, sources) {
  const list = element("ul", parent, null, "popup-sources");
  sources.forEach((source) => {
    const item = element("li", list);
    const safe = /^https?:\/\//i.test(source.url || "");
    const title = element(safe ? "a" : "span", item, source.title || source.url);
    title.dir = "auto";
    if (safe) Object.assign(title, { href: source.url, target: "_blank", rel: "noopener noreferrer" });
    if (source.date) {
      item.appendChild(document.createTextNode(" (" + formatDate(source.date, "short") + ")"));
    }
  });
  return list;
}

/* Where the sources disagree: each fact with its versions side by side, the version drawn marked. */
function disputes(parent, list) {
  const section = element("section", parent, null, "popup-disputes");
  element("h3", section, t("maps.disputes"));
  list.forEach((dispute) => {
    if (dispute.label) fromData(element("h4", section, dispute.label));
    else element("h4", section, label(dispute.fact));
    const versions = element("ul", section, null, "popup-versions");
    dispute.versions.forEach((version) => {
      const item = element("li", versions, null, version.drawn ? "drawn" : null);
      element("span", item, value(version.value), "version-value");
      if (version.drawn) element("span", item, t("maps.drawn"), "version-drawn");
      sourceList(item, version.sources || []);
    });
  });
}

/* The popup's content (an element) of `feature` of the layer `spec`; `qualities`: label by geometry quality. */
export function popupContent(feature, spec, qualities) {
  const p = feature.properties;
  const root = element("div", null, null, "idl-popup");
  element("p", root, t("layer." + spec.id + ".title"), "popup-layer");
  const name = nameElement("h2", root, p).textContent;
  placeNames(p).forEach(({ name: other, lang, dir }) => {
    if (other !== name) Object.assign(element("p", root, other, "popup-other-name"), { lang, dir });
  });
  if (p.valid_from) element("p", root, holds(p), "popup-dates");
  const details = element("dl", root);
  const names = new Set(nameKeys());
  const detail = (key) => !OWN_PLACE.has(key) && !names.has(key) && p[key] !== null && typeof p[key] !== "object";
  Object.keys(p).filter(detail).forEach((key) => {
    element("dt", details, label(key));
    const shown = element("dd", details, value(p[key]));
    if (typeof p[key] === "string" && !word(p[key])) fromData(shown);
  });
  // A property the layer's features may lack, and what its absence means (e.g. a figure no source gives).
  Object.entries(spec.whenAbsent || {}).filter(([key]) => !(key in p)).forEach(([key, meaning]) => {
    element("dt", details, label(key));
    fromData(element("dd", details, meaning, "popup-absent"));
  });
  if (p.note) fromData(element("p", root, p.note, "popup-note"));
  if (p.control_exception) {
    element("p", root, t("popup.exception", { reason: p.control_exception.reason }), "popup-exception");
    sourceList(root, p.control_exception.sources || []);
  }
  if (Array.isArray(p.disputes) && p.disputes.length) disputes(root, p.disputes);
  if (p.geometry_quality) element("p", root, qualities[p.geometry_quality] || p.geometry_quality, "popup-quality");
  if (typeof p.uncertainty_m === "number" && p.uncertainty_m > 0) {
    const km = p.uncertainty_m >= 10000 ? Math.round(p.uncertainty_m / 1000) : Math.round(p.uncertainty_m / 100) / 10;
    element("p", root, t("popup.within", { distance: formatNumber(km) }), "popup-uncertainty");
  }
  if (Array.isArray(p.sources) && p.sources.length) {
    element("h3", root, t("popup.sources"));
    sourceList(root, p.sources);
  }
  if (spec.credit) fromData(element("p", root, spec.credit, "popup-credit"));
  return root;
}
