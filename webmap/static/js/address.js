/*
 * The page's address keeps the map's state, so that a link opens the same view:
 * ?date=YYYY-MM-DD&layers=a,b&style=<layer>:<property>&lang=<code> (`layers` is left out when every layer is shown,
 * `style` when every layer is styled the maps' own way (a layer's style choices: [[layer.style_choice]]), `lang` when
 * the page is in the map's first language, its default).
 */

import { say } from "./core.js";
import { addressLanguage, languageLinks, t } from "./i18n.js";

/* The state the address asks for, {date, layers (ids), styles (layer id -> the property of its style choice)}: an
   unusable date or unknown layers are reported to the reader and replaced (by config.defaultDate, or left out), and
   a style a layer does not have is left out, never fatal. `dateInput` is the page's date input,
   which tells a real day from anything else. (The language is read by i18n.js.) */
export function readAddress(config, dateInput) {
  const params = new URLSearchParams(window.location.search);
  const ids = config.layers.map((spec) => spec.id);
  let date = config.defaultDate;
  if (params.has("date")) {
    const asked = params.get("date");
    dateInput.value = asked; // a date input keeps only a real day in the form YYYY-MM-DD
    if (dateInput.value === asked) date = asked;
    else say(t("date.not_a_day", { asked, date }) + " ");
  }
  let layers = ids;
  if (params.has("layers")) {
    layers = params.get("layers").split(",").filter(Boolean);
    const unknown = layers.filter((id) => !ids.includes(id));
    if (unknown.length) say(t("date.unknown_layers", { ids: unknown.join(", ") }) + " ");
    layers = layers.filter((id) => ids.includes(id));
  }
  const styles = {};
  (params.get("style") || "").split(",").filter(Boolean).forEach((pair) => {
    const [id, property] = pair.split(":");
    const spec = config.layers.find((candidate) => candidate.id === id);
    if (spec && spec.styleChoices.includes(property)) styles[id] = property;
  });
  return { date, layers, styles };
}

/* Put the date, the layers shown (ids, of all `ids`), their style choices ({id: property}, "" for the maps' own) and
   the page's language in the address, without a new history entry; then point the language switch at the same
   state. */
export function writeAddress(date, shown, ids, styles) {
  const params = new URLSearchParams({ date });
  if (shown.length !== ids.length) params.set("layers", shown.join(","));
  const chosen = Object.entries(styles || {}).filter(([, property]) => property);
  if (chosen.length) params.set("style", chosen.map((pair) => pair.join(":")).join(","));
  if (addressLanguage()) params.set("lang", addressLanguage());
  try {
    history.replaceState(null, "", "?" + params.toString().replace(/%2C/g, ",").replace(/%3A/g, ":"));
  } catch {
    // A page opened from disk may not be allowed to change its address; the map works all the same.
  }
  languageLinks();
}
