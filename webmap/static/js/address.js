/*
 * The page's address keeps the map's state, so that a link opens the same view:
 * ?date=YYYY-MM-DD&layers=a,b&lang=<code> (`layers` is left out when every layer is shown, `lang` when the page is in
 * the map's first language, its default).
 */

import { say } from "./core.js";
import { addressLanguage, languageLinks, t } from "./i18n.js";

/* The state the address asks for, {date, layers (ids)}: an unusable date or unknown layers are reported to the
   reader and replaced (by config.defaultDate, or left out), never fatal. `dateInput` is the page's date input,
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
  return { date, layers };
}

/* Put the date, the layers shown (ids, of all `ids`) and the page's language in the address, without a new
   history entry; then point the language switch at the same state. */
export function writeAddress(date, shown, ids) {
  const params = new URLSearchParams({ date });
  if (shown.length !== ids.length) params.set("layers", shown.join(","));
  if (addressLanguage()) params.set("lang", addressLanguage());
  try {
    history.replaceState(null, "", "?" + params.toString().replace(/%2C/g, ","));
  } catch {
    // A page opened from disk may not be allowed to change its address; the map works all the same.
  }
  languageLinks();
}
