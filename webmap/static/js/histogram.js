/*
 * The events per week of a webgl layer, as bars under the date control: how the layer's events spread over time,
 * with the panel's filters applied, and a way to pick a date (a click on a bar shows the first day of its week).
 *
 * Weeks start on Monday; an event counts in the week of its valid_from. Time runs left to right in every language
 * (the chart is dir="ltr", as its axis of dates). The week shown is marked.
 */

import { element, svgElement } from "./core.js";
import { formatDate, formatNumber, t } from "./i18n.js";
import { dayNumber, isoDay } from "./columns.js";

const MONDAY = 4; // 1970-01-05, day 4, was a Monday
const HEIGHT = 40;
const BAR = 4; // the width of a week, in the chart's units

const weekOf = (day) => Math.floor((day - MONDAY) / 7);
const weekStart = (week) => MONDAY + 7 * week;

/* The chart of the layer `spec` over its columns `data`, in the date panel; `pick(date)` is called with the date
   of the bar clicked. show(date) marks its week; setShown(shown) counts only the points shown (Uint8Array). */
export function histogram(spec, data, pick) {
  const panel = document.getElementById("date-panel");
  const id = "histogram-" + spec.id;
  const old = document.getElementById(id);
  if (old) old.remove(); // the layer read again after a new build
  let first = Infinity;
  let last = -Infinity;
  for (let index = 0; index < data.count; index += 1) {
    const week = weekOf(data.days[2 * index]);
    if (week < first) first = week;
    if (week > last) last = week;
  }
  const weeks = data.count ? last - first + 1 : 0;
  const figure = element("figure", null, null, "event-histogram");
  figure.id = id;
  figure.dir = "ltr";
  panel.querySelector(".step-row").after(figure);
  const caption = element("figcaption", figure, t("date.histogram", { layer: t("layer." + spec.id + ".title") }));
  caption.dir = "auto";
  const chart = svgElement("svg", {
    viewBox: `0 0 ${weeks * BAR} ${HEIGHT}`, preserveAspectRatio: "none", role: "group", "aria-labelledby": id + "-caption",
  });
  caption.id = id + "-caption";
  figure.appendChild(chart);
  const bars = Array.from({ length: weeks }, (_, offset) => {
    const bar = svgElement("rect", { x: offset * BAR, width: BAR * 0.85, y: HEIGHT, height: 0, class: "week" });
    bar.dataset.date = isoDay(weekStart(first + offset));
    bar.appendChild(svgElement("title", {}));
    chart.appendChild(bar);
    bar.addEventListener("click", () => pick(bar.dataset.date));
    return bar;
  });
  let marked = null;

  function setShown(shown) {
    const counts = new Uint32Array(weeks);
    for (let index = 0; index < data.count; index += 1) {
      if (!shown || shown[index]) counts[weekOf(data.days[2 * index]) - first] += 1;
    }
    const most = Math.max(1, ...counts);
    bars.forEach((bar, offset) => {
      const height = (counts[offset] / most) * HEIGHT;
      bar.setAttribute("y", HEIGHT - height);
      bar.setAttribute("height", height);
      bar.dataset.count = counts[offset];
      bar.firstChild.textContent = t("date.histogram_week", {
        date: formatDate(bar.dataset.date, "long"), count: formatNumber(counts[offset]),
      });
    });
  }

  function show(date) {
    if (marked) marked.classList.remove("current");
    marked = bars[weekOf(dayNumber(date)) - first] || null;
    if (marked) marked.classList.add("current");
  }

  setShown(null);
  return { show, setShown, element: figure };
}
