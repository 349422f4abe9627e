/*
 * A layer of points by the hundred thousand or million drawn with WebGL (renderer = "webgl" in the manifest), by
 * deck.gl in a Leaflet layer (deck.gl-leaflet): the page stays Leaflet's, the points are deck.gl's.
 *
 * The columns (columns.js) go to the GPU once, sorted by how long each point lasts (LASTING) and then by valid_from,
 * as buffers of deck.gl's device. Each point carries three filter values: its valid_from and valid_to as day numbers
 * and whether the layer panel's filters show it (1 or 0); deck.gl's DataFilterExtension draws a point only where
 * valid_from <= date < valid_to (geo's rule, from the server's day numbers) and it is shown. A date switch changes the
 * filter's range, a uniform, and the runs of the buffers drawn: of each class of LASTING, the points that started at
 * most as many days before the date as the longest of the class lasts (only where the buffers are read from moves;
 * nothing is uploaded). Under software WebGL the vertices are what costs: drawing every point of a layer of 100,000
 * for the few hundred of a date took some 450 ms a switch, and one run as long as a layer's longest month some 130 ms
 * at 1,000,000. A change of the panel's filters rewrites the third value of each point and uploads that one buffer. A
 * click is matched to the nearest point shown on the CPU (pick).
 *
 * What is drawn on the CPU is painted on a 2D canvas under deck.gl's, in the same pane (mapcanvas.js): below POINTS_ZOOM
 * the layer's density, the points of the date counted in hexagons (density.js), a click on a hexagon zooming in to its
 * points (deck.gl's canvas is then left empty); from it on, the circle of each point's uncertainty (`uncertainty_m`,
 * in metres), filled faintly and outlined as on the layers drawn on SVG or a canvas, under deck.gl's points. deck.gl's
 * hexagon and heat map layers aggregate on the GPU into float textures, which drew nothing under SwiftShader
 * (headless Chromium's software WebGL), and a circle of 50 km drawn by deck.gl is a square of a thousand pixels a side
 * shaded by the software GPU: its circles made a switch zoomed in 230 ms at 100,000 events, against some 50 without.
 * The layer's pane says which it draws (data-drawn-as="density" or "points"), how many hexagons the density has
 * (data-hexagons) and, for tests, whether what it was last asked to draw is on the screen (data-rendered equal to
 * data-asked: the canvas is painted at once, deck.gl in a frame of its own).
 */

import { dayNumber } from "./columns.js";
import { classFill, countClass, density } from "./density.js";
import { MapCanvas, groundPixels, paintRings } from "./mapcanvas.js";

// The zoom from which points are drawn instead of density (a town and its surroundings fill the screen).
export const POINTS_ZOOM = 11;
// How near a click must be to a point to pick it, in pixels.
const PICK_PX = 6;
const OPEN = 2 ** 24; // beyond every day number (webmap/columns.py: an open end is 9999-12-31's)

/* "#rrggbb" as [r, g, b]. */
function rgb(color) {
  const value = parseInt(color.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

// The classes of points by how long they last, in days at most (a day, a week, a month, a year, longer): each is
// sorted by valid_from on its own, so that the points that may stand on a date are a few runs of the buffers, one a
// class, each no longer than its class lasts (the runs of a layer of ACLED's days, weeks and months, instead of one
// run as long as its longest month: a tenth as many points to draw).
const LASTING = [1, 7, 31, 366, Infinity];

/* The class of LASTING of a point that lasts `days`. */
function lastingClass(days) {
  return LASTING.findIndex((most) => days <= most);
}

/* The first index from `low` below `high` of the sorted `starts` whose value is `value` or more. */
function lowerBound(starts, value, low, high) {
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (starts[middle] < value) low = middle + 1;
    else high = middle;
  }
  return low;
}

/* The points of `data` in the order of their class of LASTING, then of their valid_from: `order` (the index in the
   data of each), `starts` (their valid_from), their `position`, `radius` and filter `values` (valid_from, valid_to,
   shown: 1), and the `classes` that have points: {first, end (their ranks), longest (days the longest lasts)}. Sorted
   once, by a key of class, day and index in a Float64Array (exact below 2^53). */
function byStart(data) {
  const count = data.count;
  const keys = new Float64Array(count);
  const SHIFT = 2 ** 24; // more than every index
  const DAYS = 2 ** 20; // more than every day number plus BEFORE
  const BEFORE = 720000; // more days than from 0001-01-01 to 1970-01-01: every key is positive
  const longest = LASTING.map(() => 0);
  const sizes = LASTING.map(() => 0);
  for (let index = 0; index < count; index += 1) {
    const lasts = data.days[2 * index + 1] - data.days[2 * index];
    const found = lastingClass(lasts);
    longest[found] = Math.max(longest[found], lasts);
    sizes[found] += 1;
    keys[index] = (found * DAYS + data.days[2 * index] + BEFORE) * SHIFT + index;
  }
  keys.sort();
  const classes = [];
  let first = 0;
  sizes.forEach((size, found) => {
    if (size) classes.push({ first, end: first + size, longest: longest[found] });
    first += size;
  });
  const order = new Uint32Array(count);
  const starts = new Float32Array(count);
  const position = new Float32Array(count * 2);
  const radius = new Float32Array(count);
  const values = new Float32Array(count * 3);
  for (let rank = 0; rank < count; rank += 1) {
    const index = keys[rank] % SHIFT;
    order[rank] = index;
    starts[rank] = data.days[2 * index];
    position[2 * rank] = data.position[2 * index];
    position[2 * rank + 1] = data.position[2 * index + 1];
    radius[rank] = data.radius[index];
    values[3 * rank] = data.days[2 * index];
    values[3 * rank + 1] = data.days[2 * index + 1];
    values[3 * rank + 2] = 1;
  }
  return { order, starts, position, radius, values, classes };
}

/* A webgl layer of `data` (its columns) on `map`, in the pane `pane`; `uncertainty` is the page's config.uncertainty
   (how a circle of uncertainty is drawn); `clicked(index, latlng)` is called with the point the reader clicked,
   `drawn(as)` each time the layer changes from density to points or back, and with null when it is taken off the
   map. Returns {layer (the Leaflet layer: the canvas and deck.gl's), color (its style's, as r, g, b), setDate(date),
   setShown(shown), count, drawnAs}. */
export function eventLayer(map, data, { pane, uncertainty, clicked, drawn }) {
  const style = data.styles[0] || {};
  const color = rgb(style.color || "#000000");
  const sorted = byStart(data);
  const values = sorted.values;
  const hexagons = density(sorted.position);
  let day = 0;
  // The runs of points that may stand on `day`: {first, end} of each class of sorted.classes.
  let spans = sorted.classes.map(() => ({ first: 0, end: 0 }));

  let gpu = null; // the columns on the GPU, once deck.gl has its device: {position, values} (luma.gl buffers)

  /* The columns of the run `span` as deck.gl's binary data. The buffers are the same from one date to the next (only
     where they are read from moves), so nothing is uploaded again. The positions' stride is given: deck.gl takes a
     position for a double, 16 bytes a point, unless told (ours are two float32s). */
  function attributes(span) {
    return {
      length: span.end - span.first,
      attributes: {
        getPosition: { buffer: gpu.position, size: 2, stride: 8, offset: span.first * 8 },
        getFilterValue: { buffer: gpu.values, size: 3, offset: span.first * 12 },
      },
    };
  }
  let columns = []; // deck.gl's data of each run

  /* The columns uploaded to `device`, once. */
  function upload(device) {
    const usage = luma.Buffer.VERTEX | luma.Buffer.COPY_DST;
    gpu = {
      position: device.createBuffer({ usage, data: sorted.position }),
      values: device.createBuffer({ usage, data: values }),
    };
    columns = spans.map(attributes);
    draw();
  }

  /* The runs of the points that may stand on `day`: of each class, those started on or before it, and no longer ago
     than the longest of the class lasts. */
  function moveSpans() {
    const next = sorted.classes.map(({ first, end, longest }) => ({
      first: lowerBound(sorted.starts, day - longest + 1, first, end),
      end: lowerBound(sorted.starts, day + 1, first, end),
    }));
    if (next.every((span, at) => span.first === spans[at].first && span.end === spans[at].end)) return;
    spans = next;
    if (gpu) columns = spans.map(attributes);
  }

  /* Call visit(rank) for each point that stands on the date shown and that the filters show. */
  function eachStanding(visit) {
    spans.forEach(({ first, end }) => {
      for (let rank = first; rank < end; rank += 1) if (standing(rank)) visit(rank);
    });
  }

  // The same extensions, colours and data from one drawing to the next: deck.gl compares props by identity, and
  // new extensions would compile the layers' shaders again (a second and more under software WebGL).
  const extensions = [new deck.DataFilterExtension({ filterSize: 3 })];
  const pointColor = [...color, 230];
  const white = [255, 255, 255, 255];

  /* deck.gl's layers: the points of the date at POINTS_ZOOM and closer, a layer a run; none below it or before the
     device. */
  function layers() {
    if (!gpu || drawnAs === "density") return [];
    return columns.map(
      (data, at) =>
        new deck.ScatterplotLayer({
          data,
          extensions,
          filterRange: [[-OPEN, day], [day + 1, OPEN], [1, 1]],
          id: "points-" + at,
          radiusUnits: "pixels",
          getRadius: style.radius || 4,
          getFillColor: pointColor,
          getLineColor: white,
          stroked: true,
          lineWidthUnits: "pixels",
          getLineWidth: 1,
        }),
    );
  }

  let held = []; // the density's hexagons at the last counting: [{polygon, count}]

  /* Paint the density's hexagons, one path a class of COUNT_CLASSES, or the circles of the points of the date in
     view (in one path: where they overlap they are one area). */
  function paint(ctx, ratio) {
    if (drawnAs === "density") {
      const paths = new Map(); // class -> its hexagons' path
      held.forEach((hexagon) => {
        const found = countClass(hexagon.count);
        if (!paths.has(found)) paths.set(found, new Path2D());
        const path = paths.get(found);
        hexagon.polygon.forEach(([lng, lat], corner) => {
          const at = map.latLngToContainerPoint([lat, lng]);
          if (corner) path.lineTo(at.x, at.y);
          else path.moveTo(at.x, at.y);
        });
        path.closePath();
      });
      ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
      paths.forEach((path, found) => {
        ctx.fillStyle = classFill(color, found);
        ctx.fill(path);
      });
      return;
    }
    const size = map.getSize();
    const scale = map.options.crs.scale(map.getZoom());
    const path = new Path2D();
    eachStanding((rank) => {
      if (!(sorted.radius[rank] > 0)) return;
      const lat = sorted.position[2 * rank + 1];
      const at = map.latLngToContainerPoint([lat, sorted.position[2 * rank]]);
      const radius = groundPixels(sorted.radius[rank], lat, scale);
      if (at.x + radius < 0 || at.y + radius < 0 || at.x - radius > size.x || at.y - radius > size.y) return;
      path.moveTo(at.x + radius, at.y);
      path.arc(at.x, at.y, radius, 0, 2 * Math.PI);
    });
    paintRings(ctx, ratio, path, style, uncertainty);
  }

  const paneElement = map.getPane(pane);
  let drawnAs = null;
  let asked = 0; // how many times the layer was asked to draw: data-rendered says when the last is on the screen
  let deckGiven = false; // whether deck.gl was last given layers to draw
  let deckPending = false; // whether deck.gl has yet to draw what it was last given
  const settle = () => {
    if (!deckPending) paneElement.dataset.rendered = String(asked);
  };
  const deckLayer = new DeckGlLeaflet.LeafletLayer({
    layers: [],
    onDeviceInitialized: upload,
    onAfterRender: () => {
      deckPending = false;
      settle();
    },
  });
  deckLayer.options.pane = pane;
  const canvas = new (MapCanvas.extend({ paint }))({ pane, className: "webgl-canvas" });
  const layer = L.layerGroup([canvas, deckLayer]); // the canvas first: under deck.gl's

  /* Draw the layer as the zoom asks: the density counted again (below POINTS_ZOOM) and the canvas painted now, and
     deck.gl given its layers (none for the density: once emptied, it is left alone). */
  function draw() {
    const was = drawnAs;
    drawnAs = map.getZoom() >= POINTS_ZOOM ? "points" : "density";
    if (drawnAs !== was) drawn(drawnAs);
    asked += 1;
    if (drawnAs === "density") {
      held = hexagons.hexagons(map.getZoom(), eachStanding);
      paneElement.dataset.hexagons = String(held.length);
    }
    Object.assign(paneElement.dataset, { drawnAs, asked: String(asked) });
    const given = layers();
    if (given.length || deckGiven) {
      deckPending = true;
      deckGiven = given.length > 0;
      deckLayer.setProps({ layers: given });
    }
    canvas.redraw();
    settle();
  }

  function onZoom() {
    draw(); // the density's hexagons are those of the zoom; the points' layers are the same at every zoom
  }

  /* Whether the point of rank `rank` stands on the date shown and the filters show it. */
  function standing(rank) {
    return values[3 * rank] <= day && values[3 * rank + 1] > day && values[3 * rank + 2] === 1;
  }

  /* The point shown nearest to the container point `at`, within PICK_PX (the last drawn, on top, among equals), as its
     index in the data; -1 for none. On the CPU, over the span of the date: deck.gl's picking reads pixels back from
     the GPU, and finds nothing in columns it reads from GPU buffers at an offset. */
  function pick(at) {
    let best = -1;
    let nearest = PICK_PX;
    eachStanding((rank) => {
      const point = map.latLngToContainerPoint([sorted.position[2 * rank + 1], sorted.position[2 * rank]]);
      const distance = Math.hypot(point.x - at.x, point.y - at.y);
      if (distance <= nearest) {
        nearest = distance;
        best = sorted.order[rank];
      }
    });
    return best;
  }

  function onClick(event) {
    if (!layer._map) return;
    if (drawnAs === "density") {
      if (hexagons.hexagonAt(map.getZoom(), event.latlng.lng, event.latlng.lat) > 0) map.setView(event.latlng, POINTS_ZOOM);
      return;
    }
    const index = pick(event.containerPoint);
    if (index >= 0) clicked(index, L.latLng(data.position[2 * index + 1], data.position[2 * index]));
  }

  layer.on("add", () => {
    map.on("zoomend", onZoom);
    map.on("click", onClick);
    draw();
  });
  layer.on("remove", () => {
    map.off("zoomend", onZoom);
    map.off("click", onClick);
    gpu = null; // gone with deck.gl's device: uploaded again to the next one, when the layer is shown again
    deckGiven = deckPending = false;
    deckLayer.setProps({ layers: [] });
    drawnAs = null;
    drawn(null); // drawn as nothing: the density's key goes with the layer
  });

  /* How many points stand on the date shown and are shown by the filters. */
  function count() {
    let shown = 0;
    eachStanding(() => (shown += 1));
    return shown;
  }

  return {
    layer,
    color,
    /* Show the points standing on `date` (YYYY-MM-DD): a new filter range, nothing uploaded. */
    setDate(date) {
      day = dayNumber(date);
      moveSpans();
      if (layer._map) draw();
    },
    /* Show only the points for which `shown[index]` is 1 (the panel's filters): that column is uploaded again. */
    setShown(shown) {
      for (let index = 0; index < data.count; index += 1) values[3 * index + 2] = shown[sorted.order[index]];
      if (!gpu) return;
      gpu.values.write(values);
      columns = spans.map(attributes);
      if (layer._map) draw();
    },
    count,
    get drawnAs() {
      return drawnAs;
    },
  };
}
