/*
 * A webgl layer's density at low zoom: its points counted in hexagons, the hexagons coloured by how many of the
 * points shown stand in each on the date (webgl.js paints them on its canvas below POINTS_ZOOM).
 *
 * The hexagons are the same size on the screen at every zoom (HEX_PX from centre to corner) and laid out in Web
 * Mercator metres, Leaflet's projection, so that they tile the map exactly at any latitude. A zoom's grid is made
 * the first time it is drawn and kept: which hexagon each point falls in, and each hexagon's corners as longitude,
 * latitude. A date switch only counts the points of the date into those hexagons on the CPU (a few hundred or
 * thousand, webgl.js's runs) and returns the hexagons that hold one or more: drawing every point of a layer of
 * 100,000 to blend them into a density cost some 50 ms a frame under software WebGL, against a few for the hexagons.
 * The colour of a hexagon is its class of COUNT_CLASSES, the same at every zoom and date so that two views compare;
 * the layer panel's key (densityKey) lists them.
 */

import { element } from "./core.js";
import { formatNumber, t } from "./i18n.js";

// A hexagon's size on the screen: from its centre to a corner, in pixels.
export const HEX_PX = 12;
// The lower bound of each class of points per hexagon, and the opacity of the layer's colour it is drawn with.
export const COUNT_CLASSES = [
  { from: 1, alpha: 90 },
  { from: 2, alpha: 130 },
  { from: 5, alpha: 170 },
  { from: 10, alpha: 210 },
  { from: 25, alpha: 245 },
];
const EARTH_RADIUS = L.Projection.SphericalMercator.R; // Web Mercator's sphere, in metres, as Leaflet projects
const SQRT3 = Math.sqrt(3);
const OFFSET = 2 ** 20; // more hexagons than the world is across at zoom 12, the most a grid is made for
const MAX_GRID_ZOOM = 12;

/* The Web Mercator metres of a longitude and latitude. */
function project(lng, lat) {
  const sin = Math.sin((Math.max(-85.05, Math.min(85.05, lat)) * Math.PI) / 180);
  return [(EARTH_RADIUS * lng * Math.PI) / 180, (EARTH_RADIUS * Math.log((1 + sin) / (1 - sin))) / 2];
}

/* The longitude and latitude of Web Mercator metres. */
function unproject(x, y) {
  return [(x / EARTH_RADIUS) * (180 / Math.PI), (2 * Math.atan(Math.exp(y / EARTH_RADIUS)) - Math.PI / 2) * (180 / Math.PI)];
}

/* The hexagons' size at `zoom`: from centre to corner, in Web Mercator metres (HEX_PX pixels). */
function hexSize(zoom) {
  return (HEX_PX * 2 * Math.PI * EARTH_RADIUS) / (256 * 2 ** zoom);
}

/* The hexagon (pointy-topped, axial q and r, as one number) of Web Mercator metres x, y for hexagons of `size`. */
function hexKey(x, y, size) {
  const q = ((SQRT3 / 3) * x - y / 3) / size;
  const r = ((2 / 3) * y) / size;
  // Round in cube coordinates (q, r, -q-r): the component that moved most is set from the other two.
  let rq = Math.round(q);
  let rr = Math.round(r);
  const rs = Math.round(-q - r);
  const dq = Math.abs(rq - q);
  const dr = Math.abs(rr - r);
  const ds = Math.abs(rs + q + r);
  if (dq > dr && dq > ds) rq = -rr - rs;
  else if (dr > ds) rr = -rq - rs;
  return (rq + OFFSET) * 2 * OFFSET + (rr + OFFSET);
}

/* The corners of the hexagon `key` of `size`, as [longitude, latitude] pairs, the first repeated last. */
function corners(key, size) {
  const q = Math.floor(key / (2 * OFFSET)) - OFFSET;
  const r = (key % (2 * OFFSET)) - OFFSET;
  const x = size * SQRT3 * (q + r / 2);
  const y = size * 1.5 * r;
  const ring = [];
  for (let corner = 0; corner <= 6; corner += 1) {
    const angle = (Math.PI / 3) * (corner % 6) + Math.PI / 6;
    ring.push(unproject(x + size * Math.cos(angle), y + size * Math.sin(angle)));
  }
  return ring;
}

/* The grid of `position` (longitude, latitude pairs) at `zoom`: {cell (the hexagon of each point, an index into
   keys), keys, at(lng, lat) (the hexagon's index there, or -1 where no point is), corners(index)}. */
function grid(position, zoom) {
  const size = hexSize(zoom);
  const count = position.length / 2;
  const cell = new Uint32Array(count);
  const indexOf = new Map();
  const keys = [];
  for (let index = 0; index < count; index += 1) {
    const [x, y] = project(position[2 * index], position[2 * index + 1]);
    const key = hexKey(x, y, size);
    let found = indexOf.get(key);
    if (found === undefined) {
      found = keys.length;
      indexOf.set(key, found);
      keys.push(key);
    }
    cell[index] = found;
  }
  const rings = new Array(keys.length);
  return {
    cell,
    keys,
    at(lng, lat) {
      const found = indexOf.get(hexKey(...project(lng, lat), size));
      return found === undefined ? -1 : found;
    },
    corners: (index) => (rings[index] ||= corners(keys[index], size)),
  };
}

/* The CSS colour a hexagon of the class `entry` of COUNT_CLASSES is filled with: the layer's `color` (r, g, b) at
   the class's opacity (the hexagons on the map and the swatches of the key alike). */
export function classFill(color, entry) {
  return `rgba(${color.join(", ")}, ${(entry.alpha / 255).toFixed(2)})`;
}

/* The class of COUNT_CLASSES of `count` points. */
export function countClass(count) {
  let found = 0;
  COUNT_CLASSES.forEach((entry, index) => {
    if (count >= entry.from) found = index;
  });
  return COUNT_CLASSES[found];
}

/* The density of the points at `position` (longitude, latitude pairs, in the order they are counted by):
   hexagons(zoom, each) counts the points each(visit) visits (visit(rank): a point by its order in `position`) into
   the hexagons of `zoom` and returns those that hold one or more as [{polygon, count}]; hexagonAt(zoom, lng, lat)
   is the count of the hexagon there at the last counting (0 for none). */
export function density(position) {
  const grids = new Map(); // zoom -> its grid
  let counts = new Uint32Array(0); // by hexagon of `counted`: the points in it at the last counting
  let counted = null; // the grid last counted into
  let held = []; // the hexagons of `counted` that hold one or more

  function gridAt(zoom) {
    const level = Math.max(0, Math.min(MAX_GRID_ZOOM, Math.round(zoom)));
    if (!grids.has(level)) grids.set(level, grid(position, level));
    return grids.get(level);
  }

  return {
    hexagons(zoom, each) {
      held.forEach((index) => (counts[index] = 0));
      counted = gridAt(zoom);
      if (counts.length < counted.keys.length) counts = new Uint32Array(counted.keys.length);
      held = [];
      each((rank) => {
        const index = counted.cell[rank];
        if (counts[index] === 0) held.push(index);
        counts[index] += 1;
      });
      return held.map((index) => ({ polygon: counted.corners(index), count: counts[index] }));
    },
    hexagonAt(zoom, lng, lat) {
      if (!counted || counted !== gridAt(zoom)) return 0;
      const index = counted.at(lng, lat);
      return index >= 0 ? counts[index] : 0;
    },
  };
}

/* The key of a webgl layer's density in its row of the layer panel, `item`: a swatch of the layer's `color` (as
   r, g, b) for each class of COUNT_CLASSES and what the hexagons count. Returns {show(shown)}: shown while the
   layer is drawn as density. */
export function densityKey(item, color) {
  const old = item.querySelector(".density-key");
  if (old) old.remove(); // the layer read again after a new build
  const root = element("div", item, null, "density-key");
  element("p", root, t("layers.density"), "density-what");
  const classes = element("ul", root, null, "density-classes");
  COUNT_CLASSES.forEach((entry, index) => {
    const next = COUNT_CLASSES[index + 1];
    const row = element("li", classes);
    const swatch = element("span", row, null, "density-swatch");
    swatch.style.background = classFill(color, entry);
    const text = !next
      ? t("layers.density_from", { from: formatNumber(entry.from) })
      : next.from - 1 === entry.from
        ? formatNumber(entry.from)
        : t("layers.density_range", { from: formatNumber(entry.from), to: formatNumber(next.from - 1) });
    element("span", row, text, "density-count");
  });
  element("p", root, t("layers.density_zoom"), "density-zoom");
  return {
    show(shown) {
      root.hidden = !shown;
    },
  };
}
