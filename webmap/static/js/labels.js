/*
 * Place labels, by the manifest's label ranks ([map] label_ranks, given as config.labelRanks: rank, screen_size in
 * CSS pixels, weight, min_zoom): a rank is labelled from its min_zoom on, so fewer names show when zoomed out, in
 * its own size and weight. A label whose rank the table does not list is always shown, in the stylesheet's font.
 * A place is labelled in the page's language where the data has its name in it (i18n.js nameElement).
 *
 * No label overlaps another: after every zoom, pan and redraw (declutter), the labels are placed in order of rank,
 * each at the position clear of the labels placed before it that lies inside the map, under no panel of the page,
 * and has the least of the lines drawn (a road, the front line, a route) running through it, a base map name (a
 * province's, a country's) counting as a little line; among equals, the first of the positions a cartographer prefers
 * (right of its point, left, above right, below right, ...). A label that has no clear position is hidden (class
 * "label-hidden") until one frees up, and a base map name that a place's label covers is hidden: the places' names
 * come first.
 */

import { nameElement } from "./i18n.js";

// How far a label keeps from its point, and from other labels, in CSS pixels.
const GAP = 7;
const PAD = 2;
// What a position costs, in pixels of line running through it: covering a base map name (which is then hidden), a
// little; lying under a panel or a control of the page, or past the map's edge, where it cannot be read, more than
// any line.
const NAME_COST = 4;
const HIDDEN_COST = 100000;
// Where a label may go, best first: x and y direction from the point (0: centred on it).
const POSITIONS = [[1, 0], [-1, 0], [1, -1], [1, 1], [-1, -1], [-1, 1], [0, -1], [0, 1]];

function overlaps(a, b) {
  return a.left < b.right && b.left < a.right && a.top < b.bottom && b.top < a.bottom;
}

/* How long a stretch of the segment (x1, y1)-(x2, y2) runs through the box, in pixels: the segment clipped to it
   (Liang-Barsky). */
function through(box, x1, y1, x2, y2) {
  let t0 = 0;
  let t1 = 1;
  const dx = x2 - x1;
  const dy = y2 - y1;
  const edges = [[-dx, x1 - box.left], [dx, box.right - x1], [-dy, y1 - box.top], [dy, box.bottom - y1]];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return 0;
    } else {
      const t = q / p;
      if (p < 0) t0 = Math.max(t0, t);
      else t1 = Math.min(t1, t);
      if (t0 > t1) return 0;
    }
  }
  return (t1 - t0) * Math.hypot(dx, dy);
}

/* The labels of `map`: bind(layer, feature, rankProperty) gives a gazetteer feature's Leaflet layer its label;
   declutter() places them all again. `lines()` gives the lines drawn, each an array of L.LatLng. */
export function placeLabels(map, ranks, lines) {
  const byRank = new Map(ranks.map((entry) => [entry.rank, entry]));
  const labels = []; // {layer, text, entry, order}
  let frame = null;

  const zoomShows = (label) => !label.entry || map.getZoom() >= label.entry.min_zoom;

  /* The lines drawn near the view, in container pixels. */
  function segments() {
    const size = map.getSize();
    const found = [];
    lines().forEach((latlngs) => {
      const points = latlngs.map((latlng) => map.latLngToContainerPoint(latlng));
      for (let index = 1; index < points.length; index += 1) {
        const a = points[index - 1];
        const b = points[index];
        const outside = (Math.max(a.x, b.x) < 0 || Math.min(a.x, b.x) > size.x)
          || (Math.max(a.y, b.y) < 0 || Math.min(a.y, b.y) > size.y);
        if (!outside) found.push([a.x, a.y, b.x, b.y]);
      }
    });
    return found;
  }

  function place() {
    frame = null;
    const origin = map.getContainer().getBoundingClientRect();
    const shown = labels.filter((label) => label.text.isConnected && label.layer._map && zoomShows(label));
    labels.forEach((label) => {
      label.text.style.transform = "";
      const box = label.text.parentElement;
      if (box) box.style.visibility = shown.includes(label) ? "" : "hidden";
    });
    const names = Array.from(map.getContainer().querySelectorAll(".basemap-label span"));
    names.forEach((name) => (name.parentElement.style.visibility = ""));
    const named = names.map((name) => {
      const rect = name.getBoundingClientRect();
      return { name, box: { left: rect.left, right: rect.right, top: rect.top, bottom: rect.bottom } };
    });
    const drawn = segments();
    const size = map.getSize();
    const chrome = Array.from(map.getContainer().querySelectorAll(".idl-panel, .leaflet-control"))
      .map((node) => node.getBoundingClientRect())
      .filter((rect) => rect.width && rect.height);
    const placed = [];
    shown
      .map((label) => ({ label, rect: label.text.getBoundingClientRect() }))
      .sort((a, b) => a.label.rank - b.label.rank || a.label.order - b.label.order)
      .forEach(({ label, rect }) => {
        const anchor = map.latLngToContainerPoint(label.layer.getLatLng());
        const x0 = rect.left - origin.left;
        const y0 = rect.top - origin.top;
        const [w, h] = [rect.width, rect.height];
        let best = null;
        POSITIONS.forEach(([sx, sy]) => {
          const diagonal = sx && sy ? 0.7 : 1;
          const left = sx > 0 ? anchor.x + GAP * diagonal : sx < 0 ? anchor.x - GAP * diagonal - w : anchor.x - w / 2;
          const top = sy > 0 ? anchor.y + GAP * diagonal : sy < 0 ? anchor.y - GAP * diagonal - h : anchor.y - h / 2;
          const box = { left: left - PAD, right: left + w + PAD, top: top - PAD, bottom: top + h + PAD };
          const page = {
            left: box.left + origin.left, right: box.right + origin.left, top: box.top + origin.top,
            bottom: box.bottom + origin.top,
          };
          if (placed.some((other) => overlaps(box, other))) return;
          const cut = box.left < 0 || box.top < 0 || box.right > size.x || box.bottom > size.y;
          const cost = (cut || chrome.some((other) => overlaps(page, other)) ? HIDDEN_COST : 0)
            + (named.some((other) => overlaps(page, other.box)) ? NAME_COST : 0)
            + drawn.reduce((sum, segment) => sum + through(box, ...segment), 0);
          if (!best || cost < best.cost) best = { box, cost, dx: left - x0, dy: top - y0 };
        });
        label.text.parentElement.style.visibility = best ? "" : "hidden";
        label.text.parentElement.classList.toggle("label-hidden", !best);
        if (!best) return;
        label.text.style.transform = `translate(${best.dx.toFixed(1)}px, ${best.dy.toFixed(1)}px)`;
        placed.push(best.box);
      });
    named.forEach(({ name, box }) => {
      const page = (other) => ({
        left: other.left + origin.left, right: other.right + origin.left, top: other.top + origin.top,
        bottom: other.bottom + origin.top,
      });
      if (placed.some((other) => overlaps(box, page(other)))) name.parentElement.style.visibility = "hidden";
    });
  }

  /* Place the labels again on the next frame (once, however often it is asked for). */
  function declutter() {
    if (!frame) frame = requestAnimationFrame(place);
  }

  map.on("zoomend moveend resize layersdrawn", declutter);

  return {
    bind(layer, feature, rankProperty) {
      const text = nameElement("span", null, feature.properties);
      const entry = byRank.get(feature.properties[rankProperty]);
      if (entry) {
        text.dataset.rank = String(entry.rank);
        text.style.fontSize = entry.screen_size + "px";
        text.style.fontWeight = entry.weight;
      }
      const rank = entry ? entry.rank : Math.max(0, ...byRank.keys()) + 1;
      labels.push({ layer, text, entry, rank, order: labels.length });
      layer.bindTooltip(text, { permanent: true, direction: "right", className: "place-label", offset: [4, 0] });
      layer.on("tooltipopen add", declutter);
    },
    declutter,
  };
}
