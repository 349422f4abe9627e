/*
 * A layer of many features drawn on one canvas of its own (renderer = "canvas" in the manifest; mapcanvas.js's
 * MapCanvas): the way to show tens or hundreds of thousands of features and change the date within a frame.
 *
 * Each feature is kept as flat arrays of its coordinates projected once (at zoom 0), never as a Leaflet layer, so a
 * date change costs setting which features stand and one redraw, in the file's order, each run of features of one
 * style as one path. Leaflet's own canvas renderer, with a Leaflet layer per feature, spent 27 µs a feature added or
 * removed (measured at 10,000 features a layer): over 50 ms a date change. A click asks every feature canvas, the
 * topmost layer first (canvasClicks), and the layer hit opens its one popup. A point with an uncertainty_m is drawn in
 * a circle of that radius on the ground, as on SVG (options.uncertainty gives its line and fill), under the points.
 */

import { pathOptions } from "./symbols.js";
import { MapCanvas, groundPixels, paintRings } from "./mapcanvas.js";

const POINT = 0;
const LINE = 1;
const AREA = 2;
const KINDS = { Point: POINT, MultiPoint: POINT, LineString: LINE, MultiLineString: LINE, Polygon: AREA, MultiPolygon: AREA };
// How near a click must be to a point or a line to hit it, in screen pixels (beside its own width).
const TOLERANCE = 4;

/* The parts of a geometry as arrays of coordinates: a point, a line or a polygon's ring each. */
function geometryParts(geometry) {
  const c = geometry.coordinates;
  switch (geometry.type) {
    case "Point": return [[c]];
    case "MultiPoint": return c.map((point) => [point]);
    case "LineString": return [c];
    case "MultiLineString": case "Polygon": return c;
    case "MultiPolygon": return c.flat();
    default: return [];
  }
}

/* The radius at zoom 0 of the circle of a point's uncertainty_m (metres on the ground, at its latitude), or 0. */
function ringRadius(feature, crs) {
  const metres = feature.properties.uncertainty_m;
  if (feature.geometry.type !== "Point" || !(metres > 0)) return 0;
  return groundPixels(metres, feature.geometry.coordinates[1], crs.scale(0));
}

/* A feature as drawn: its kind, style row, parts (each part's x, y at zoom 0, less `base`, in one Float64Array),
   its uncertainty's ring (radius at zoom 0, or 0) and, for a line or an area, its path. Coordinates are kept relative
   to the layer's base so that the path's single precision floats stay exact to a fraction of a pixel at the closest
   zoom. */
function projected(feature, crs, base) {
  const kind = KINDS[feature.geometry.type];
  const path = kind === POINT ? null : new Path2D();
  const parts = geometryParts(feature.geometry).map((part) => {
    const flat = new Float64Array(part.length * 2);
    part.forEach(([lng, lat], index) => {
      const point = crs.latLngToPoint(L.latLng(lat, lng), 0);
      flat[2 * index] = point.x - base.x;
      flat[2 * index + 1] = point.y - base.y;
      if (!path) return;
      if (index) path.lineTo(flat[2 * index], flat[2 * index + 1]);
      else path.moveTo(flat[0], flat[1]);
    });
    if (kind === AREA) path.closePath();
    return flat;
  });
  return { kind, style: feature.style, parts, path, ring: ringRadius(feature, crs) };
}

function distanceToSegment(x, y, x1, y1, x2, y2) {
  const dx = x2 - x1;
  const dy = y2 - y1;
  const length = dx * dx + dy * dy;
  const t = length ? Math.max(0, Math.min(1, ((x - x1) * dx + (y - y1) * dy) / length)) : 0;
  return Math.hypot(x - x1 - t * dx, y - y1 - t * dy);
}

/* Whether (x, y) at zoom 0 is in a ring (even-odd rule, so holes are out). */
function inside(parts, x, y) {
  let odd = false;
  parts.forEach((ring) => {
    for (let i = 0, j = ring.length - 2; i < ring.length; j = i, i += 2) {
      const xi = ring[i], yi = ring[i + 1], xj = ring[j], yj = ring[j + 1];
      if ((yi > y) !== (yj > y) && x < ((xj - xi) * (y - yi)) / (yj - yi) + xi) odd = !odd;
    }
  });
  return odd;
}

export const FeatureCanvas = MapCanvas.extend({
  /* `data`: a layer's data (source.js); `popup(feature)`: its popup's content; options.pane, options.className,
     options.uncertainty (config.uncertainty: the line width, dash and fill opacity of a point's circle). */
  initialize(data, popup, options) {
    L.setOptions(this, options);
    this._data = data;
    this._popupContent = popup;
    this._shown = new Uint8Array(data.features.length);
    this._drawn = new Array(data.features.length); // each feature projected when first shown
  },

  onAdd(map) {
    this._base = this._base || map.options.crs.latLngToPoint(map.getCenter(), 0);
    this._popup = L.popup({ maxWidth: 320 });
    MapCanvas.prototype.onAdd.call(this, map);
  },

  onRemove(map) {
    MapCanvas.prototype.onRemove.call(this, map);
    map.closePopup(this._popup);
  },

  /* Show and hide features (indexes in the data's `features`); the canvas is drawn again on the next frame. */
  change(added, removed) {
    removed.forEach((index) => (this._shown[index] = 0));
    added.forEach((index) => (this._shown[index] = 1));
    this.requestRedraw();
  },

  clear() {
    this._shown.fill(0);
    this.change([], []);
  },

  _projected(index) {
    if (!this._drawn[index]) this._drawn[index] = projected(this._data.features[index], this._map.options.crs, this._base);
    return this._drawn[index];
  },

  /* Zoom 0 coordinates to the canvas's: scale, and the canvas's top left at that zoom. */
  _frameOf(map) {
    const topLeft = map.containerPointToLayerPoint([0, 0]);
    const origin = map.getPixelOrigin().add(topLeft);
    return { topLeft, origin, scale: map.options.crs.scale(map.getZoom()) / map.options.crs.scale(0) };
  },

  paint(ctx, ratio) {
    const { origin, scale } = this._frameOf(this._map);
    // Lines and areas are traced at zoom 0 (relative to the layer's base) and scaled by the transform.
    const shift = { x: this._base.x * scale - origin.x, y: this._base.y * scale - origin.y };
    const styles = this._data.styles;
    this._rings(ctx, ratio, scale, shift);
    let run = null; // {style, kind, path}: features of one style and kind, drawn as one path
    const finish = () => {
      if (run) this._paint(ctx, styles[run.style], run, ratio, scale, shift);
    };
    for (let index = 0; index < this._drawn.length; index += 1) {
      if (!this._shown[index]) continue;
      const feature = this._projected(index);
      if (!run || run.style !== feature.style || run.kind !== feature.kind) {
        finish();
        run = { style: feature.style, kind: feature.kind, path: new Path2D() };
      }
      if (feature.kind === POINT) {
        const radius = styles[feature.style].radius;
        feature.parts.forEach((part) => {
          const x = part[0] * scale + shift.x;
          const y = part[1] * scale + shift.y;
          run.path.moveTo(x + radius, y);
          run.path.arc(x, y, radius, 0, 2 * Math.PI);
        });
      } else run.path.addPath(feature.path);
    }
    finish();
  },

  /* The circles of the uncertainty of the points shown, one path a style: filled faintly and outlined dashed in the
     style's colours, as L.circle draws them on SVG (draw.js). */
  _rings(ctx, ratio, scale, shift) {
    const paths = new Map(); // style row -> the path of its circles
    for (let index = 0; index < this._drawn.length; index += 1) {
      if (!this._shown[index]) continue;
      const feature = this._projected(index);
      if (!feature.ring) continue;
      if (!paths.has(feature.style)) paths.set(feature.style, new Path2D());
      const path = paths.get(feature.style);
      const x = feature.parts[0][0] * scale + shift.x;
      const y = feature.parts[0][1] * scale + shift.y;
      const radius = feature.ring * scale;
      path.moveTo(x + radius, y);
      path.arc(x, y, radius, 0, 2 * Math.PI);
    }
    paths.forEach((path, row) => paintRings(ctx, ratio, path, this._data.styles[row], this.options.uncertainty));
  },

  /* Fill (areas, points) and stroke a run's path, as Leaflet draws a path of the style's options; lines and
     areas in zoom 0 units, scaled. */
  _paint(ctx, style, run, ratio, scale, shift) {
    const options = pathOptions(style, null);
    const scaled = run.kind !== POINT;
    if (scaled) ctx.setTransform(ratio * scale, 0, 0, ratio * scale, ratio * shift.x, ratio * shift.y);
    else ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
    const unit = scaled ? scale : 1;
    if (run.kind !== LINE && options.fillOpacity) {
      ctx.globalAlpha = options.fillOpacity;
      ctx.fillStyle = options.fillColor;
      ctx.fill(run.path, "evenodd");
    }
    if (options.weight && options.opacity) {
      ctx.globalAlpha = options.opacity;
      ctx.strokeStyle = options.color;
      ctx.lineWidth = options.weight / unit;
      ctx.lineCap = ctx.lineJoin = "round";
      const dash = options.dashArray ? options.dashArray.split(/[ ,]+/).map(Number) : [];
      ctx.setLineDash(dash.map((length) => length / unit));
      ctx.stroke(run.path);
    }
  },

  /* The topmost feature shown under the container point `point`, or null. */
  featureAt(point) {
    const { origin, scale } = this._frameOf(this._map);
    const x = (point.x + origin.x) / scale - this._base.x;
    const y = (point.y + origin.y) / scale - this._base.y;
    const styles = this._data.styles;
    for (let index = this._drawn.length - 1; index >= 0; index -= 1) {
      if (!this._shown[index]) continue;
      const feature = this._projected(index);
      const style = styles[feature.style];
      const reach = ((style.weight || 0) / 2 + TOLERANCE) / scale;
      const hit = feature.parts.some((part) => {
        if (feature.kind === POINT) return Math.hypot(x - part[0], y - part[1]) <= reach + style.radius / scale;
        for (let i = 2; i < part.length; i += 2) {
          if (distanceToSegment(x, y, part[i - 2], part[i - 1], part[i], part[i + 1]) <= reach) return true;
        }
        return false;
      }) || (feature.kind === AREA && inside(feature.parts, x, y));
      if (hit) return this._data.features[index];
    }
    return null;
  },

  /* Open the popup of the feature under the click `event`, if any; true when one was hit. */
  openAt(event) {
    const feature = this.featureAt(event.containerPoint);
    if (!feature) return false;
    this._popup.setLatLng(event.latlng).setContent(this._popupContent(feature)).openOn(this._map);
    return true;
  },
});

/* Clicks on the map open the popup of the topmost feature canvas hit: `canvases()` lists them bottom to top. */
export function canvasClicks(map, canvases) {
  map.on("click", (event) => {
    canvases().reverse().find((layer) => layer._map && layer.openAt(event));
  });
}
