/*
 * The page's chrome: the panels (date, toolbar, search, layers, what changed, download) laid out over the map in two
 * columns, "start" (the date's side: left, or right in a right-to-left language) and "end"; on a phone or tablet
 * the stylesheet makes them one column under the toolbar (folds.js opens one panel at a time). The chrome is inside
 * the map's container, so that it stays in full screen; clicks and scrolls on a panel do not reach the map.
 */

import { element } from "./core.js";

/* The chrome of `map`, made on first use: div.idl-chrome > div.chrome-start + div.chrome-end. It and Leaflet's
   controls come first in the container, so that the keyboard reaches the panels and the zoom before the hundreds
   of features on the map (where they are drawn does not change). */
function chrome(map) {
  const container = map.getContainer();
  let node = container.querySelector(":scope > .idl-chrome");
  if (!node) {
    node = element("div", null, null, "idl-chrome");
    element("div", node, null, "chrome-start");
    element("div", node, null, "chrome-end");
    container.insertBefore(node, container.firstChild);
    node.after(container.querySelector(":scope > .leaflet-control-container"));
  }
  return node;
}

/* Put the page's element `id` (a panel) in the chrome's column `side` ("start" or "end"), after what is there. */
export function panel(map, id, side) {
  const node = document.getElementById(id);
  L.DomEvent.disableClickPropagation(node);
  L.DomEvent.disableScrollPropagation(node);
  chrome(map).querySelector(".chrome-" + side).appendChild(node);
}

/* The room the chrome takes at the map's edges, as fitBounds/flyToBounds padding: beside the columns on a wide
   screen (none when they leave too little between them), under the toolbar on a narrow one. */
export function viewPadding(map) {
  const box = map.getContainer().getBoundingClientRect();
  const toolbar = document.getElementById("toolbar").getBoundingClientRect();
  if (compact()) return { paddingTopLeft: [0, toolbar.bottom - box.top], paddingBottomRight: [0, 0] };
  let left = 0;
  let right = 0;
  chrome(map).querySelectorAll(".chrome-start, .chrome-end").forEach((column) => {
    const edge = column.getBoundingClientRect();
    if (!edge.width) return;
    if (edge.left - box.left < box.right - edge.right) left = Math.max(left, edge.right - box.left + 10);
    else right = Math.max(right, box.right - edge.left + 10);
  });
  if (box.width - left - right <= box.width / 3) return { paddingTopLeft: [0, 0], paddingBottomRight: [0, 0] };
  return { paddingTopLeft: [left, 0], paddingBottomRight: [right, 0] };
}

/* Show `bounds` ([[south, west], [north, east]]) in the part of the map the chrome leaves free. */
export function fitView(map, bounds) {
  map.fitBounds(bounds, { ...viewPadding(map), animate: false }); // no animation: labels added meanwhile would drift
}

/* True on a phone or tablet: the stylesheet's --compact (1 below its width limit) says so, the one place that
   draws the line. */
export function compact() {
  return getComputedStyle(document.documentElement).getPropertyValue("--compact").trim() === "1";
}
