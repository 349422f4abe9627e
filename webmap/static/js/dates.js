/*
 * The date panel: the date input (labelled "Date"), the caption, the previous / next key date buttons, and the list
 * of key dates, built here from config.keyDates (geo.model.catalog.Catalog.timeline: date, title, kind, layer,
 * feature_id) into the panel's empty <ol class="key-dates">. Dates are written the page language's way; the
 * events' titles are the data's (English).
 */

import { element } from "./core.js";
import { formatDate, fromData, t } from "./i18n.js";

/* One button per key date (button[data-date] > time + span), in the list of the date panel. */
function keyDateButtons(list, entries) {
  return entries.map((entry) => {
    const button = element("button", element("li", list));
    button.type = "button";
    button.dataset.date = entry.date;
    element("time", button, formatDate(entry.date, "short")).dateTime = entry.date;
    fromData(element("span", button, entry.title));
    return button;
  });
}

/* The date panel; `pick(date)` is called with the date the reader chose. show(date) shows a date chosen. */
export function dateControl(config, pick) {
  const input = document.getElementById("date-input");
  const caption = document.getElementById("date-caption");
  const previous = document.getElementById("previous-date");
  const next = document.getElementById("next-date");
  const list = document.querySelector("#date-panel .key-dates");
  const buttons = keyDateButtons(list, config.keyDates);
  const keyDates = Array.from(new Set(config.keyDates.map((entry) => entry.date))).sort();
  let shown = null;

  input.addEventListener("change", () => {
    if (input.value) pick(input.value);
  });
  previous.addEventListener("click", () => pick(keyDates.filter((key) => key < shown).pop()));
  next.addEventListener("click", () => pick(keyDates.find((key) => key > shown)));
  buttons.forEach((button) => button.addEventListener("click", () => pick(button.dataset.date)));

  function show(date) {
    shown = date;
    input.value = date;
    caption.textContent = t("date.caption", { date: formatDate(date, "long") });
    const before = keyDates.filter((key) => key < date);
    const after = keyDates.filter((key) => key > date);
    const latest = keyDates.filter((key) => key <= date).pop();
    previous.disabled = !before.length;
    next.disabled = !after.length;
    previous.title = before.length
      ? t("date.previous_title", { date: formatDate(before[before.length - 1], "long") })
      : t("date.no_previous");
    next.title = after.length
      ? t("date.next_title", { date: formatDate(after[0], "long") })
      : t("date.no_next");
    buttons.forEach((button) => {
      const key = button.dataset.date;
      button.classList.toggle("later", key > date);
      button.classList.toggle("latest", key === latest);
      if (key === date) button.setAttribute("aria-current", "date");
      else button.removeAttribute("aria-current");
    });
    const current = buttons.find((button) => button.dataset.date === latest);
    if (current) list.scrollTop = current.offsetTop - list.clientHeight / 3; // the list is the button's offsetParent
  }

  return { show, input, keyDates };
}
