/*
 * The situation map in the browser, core: the DOM helpers every other module uses, and the arithmetic of days.
 *
 * The page's scripts are ES modules, each with one job, importing what it uses; app.js (start, which map.js
 * imports and calls) wires them together. The page's markup (panels, legend) is rendered on the server. Text from
 * the data only ever reaches the page as textContent or attribute values, never as HTML.
 */

const SVG_NS = "http://www.w3.org/2000/svg";

/* A new HTML element with `text` as its text, appended to `parent` when given. */
export function element(tag, parent, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = String(text);
  if (className) node.className = className;
  if (parent) parent.appendChild(node);
  return node;
}

/* A new SVG element with the given attributes. */
export function svgElement(tag, attributes) {
  const node = document.createElementNS(SVG_NS, tag);
  Object.entries(attributes).forEach(([name, value]) => node.setAttribute(name, String(value)));
  return node;
}

/* The day `days` after `day` (YYYY-MM-DD; before it for a negative `days`). */
export function addDays(day, days) {
  const date = new Date(day + "T00:00:00Z");
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/* Tell the reader something in the notice line (a role="status" region, shown once it has something to say). */
export function say(message) {
  const notice = document.getElementById("notice");
  element("span", notice, message);
  notice.hidden = false;
}
