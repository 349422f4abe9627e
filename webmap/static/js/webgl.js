/*
 * A layer of points by the hundred thousand or million drawn with WebGL (renderer = "webgl" in the manifest), by
 * deck.gl in a Leaflet layer (deck.gl-leaflet): the page stays Leaflet's, the points are deck.gl's.
 *
 * The columns (columns.js) go to the GPU once. Each point carries three filter values: its valid_from and valid_to
 * as day numbers and whether the layer panel's filters show it (1 or 0); deck.gl's DataFilterExtension draws a point
 * only where valid_from <= date < valid_to (geo's rule, from the server's day numbers) and it is shown. A date
 * switch changes the filter's range, a uniform: no data is uploaded again. A change of the panel's filters rewrites
 * the third value of each point and uploads that one column.
 *
 * Below POINTS_ZOOM the layer is drawn as density: each point a small translucent dot, so that the colour deepens
 * where they crowd (deck.gl's hexagon and heat map layers aggregate into float textures, which drew nothing under
 * the software WebGL of headless Chromium here); from it on, as points, each with a ring of its position's
 * uncertainty (`uncertainty_m`, in metres) around it. The layer's pane says which (data-drawn-as="density" or
 * "points") and, for tests, whether deck.gl has drawn what it was last given (data-rendered equal to data-asked).
 */

import { dayNumber } from "./columns.js";

// The zoom from which points are drawn instead of density (a town and its surroundings fill the screen).
export const POINTS_ZOOM = 11;
// The radius of a point of the density, in pixels: small and translucent, so that where points crowd the colour
// deepens.
const DENSITY_PX = 3;
// How near a click must be to a point to pick it, in pixels.
const PICK_PX = 6;
const OPEN = 2 ** 24; // beyond every day number (webmap/columns.py: an open end is 9999-12-31's)

/* "#rrggbb" as [r, g, b]. */
function rgb(color) {
  const value = parseInt(color.slice(1), 16);
  return [(value >> 16) & 255, (value >> 8) & 255, value & 255];
}

/* A webgl layer of `data` (its columns) on `map`, in the pane `pane`; `clicked(index, latlng)` is called with the
   point the reader clicked. Returns {layer (the Leaflet layer), setDate(date), setShown(shown), count, drawnAs}. */
export function eventLayer(map, data, pane, clicked) {
  const style = data.styles[0] || {};
  const color = rgb(style.color || "#000000");
  let values = new Float32Array(data.count * 3); // valid_from, valid_to, shown
  for (let index = 0; index < data.count; index += 1) {
    values[3 * index] = data.days[2 * index];
    values[3 * index + 1] = data.days[2 * index + 1];
    values[3 * index + 2] = 1;
  }
  let day = 0;
  // The columns as deck.gl's binary data: the rings' with their radius, the points' and the density's without.
  const attributes = (withRadius) => ({
    length: data.count,
    attributes: {
      getPosition: { value: data.position, size: 2 },
      getFilterValue: { value: values, size: 3 },
      ...(withRadius ? { getRadius: { value: data.radius, size: 1 } } : {}),
    },
  });
  let columns = attributes(false);
  let rings = attributes(true);
  const filter = new deck.DataFilterExtension({ filterSize: 3 });

  function layers() {
    const points = map.getZoom() >= POINTS_ZOOM;
    const shared = {
      data: columns,
      extensions: [filter],
      filterRange: [[-OPEN, day], [day + 1, OPEN], [1, 1]],
    };
    return [
      new deck.ScatterplotLayer({
        ...shared,
        id: "density",
        visible: !points,
        radiusUnits: "pixels",
        getRadius: DENSITY_PX,
        getFillColor: [...color, 110],
        stroked: false,
      }),
      new deck.ScatterplotLayer({
        ...shared,
        data: rings,
        id: "uncertainty",
        visible: points,
        radiusUnits: "meters",
        stroked: true,
        filled: true,
        getFillColor: [...color, 12],
        getLineColor: [...color, 140],
        lineWidthMinPixels: 1,
      }),
      new deck.ScatterplotLayer({
        ...shared,
        id: "points",
        visible: points,
        pickable: true,
        radiusUnits: "pixels",
        getRadius: style.radius || 4,
        getFillColor: [...color, 230],
        getLineColor: [255, 255, 255, 255],
        stroked: true,
        lineWidthUnits: "pixels",
        getLineWidth: 1,
      }),
    ];
  }

  const paneElement = map.getPane(pane);
  let drawnAs = null;
  let asked = 0; // how many times the layers were given to deck.gl: its next frame shows the last
  const layer = new DeckGlLeaflet.LeafletLayer({
    layers: layers(),
    onAfterRender: () => (paneElement.dataset.rendered = String(asked)),
  });
  layer.options.pane = pane;

  function draw() {
    drawnAs = map.getZoom() >= POINTS_ZOOM ? "points" : "density";
    asked += 1;
    Object.assign(paneElement.dataset, { drawnAs, asked: String(asked) });
    layer.setProps({ layers: layers() });
  }

  function onZoom() {
    if ((map.getZoom() >= POINTS_ZOOM ? "points" : "density") !== drawnAs) draw();
  }

  function onClick(event) {
    if (!layer._map || drawnAs !== "points") return;
    const picked = layer.pickObject({ x: event.containerPoint.x, y: event.containerPoint.y, radius: PICK_PX, layerIds: ["points"] });
    if (!picked || picked.index < 0) return;
    const at = picked.index;
    clicked(at, L.latLng(data.position[2 * at + 1], data.position[2 * at]));
  }

  layer.on("add", () => {
    map.on("zoomend", onZoom);
    map.on("click", onClick);
    draw();
  });
  layer.on("remove", () => {
    map.off("zoomend", onZoom);
    map.off("click", onClick);
  });

  /* How many points stand on the date shown and are shown by the filters. */
  function count() {
    let standing = 0;
    for (let index = 0; index < data.count; index += 1) {
      if (values[3 * index] <= day && values[3 * index + 1] > day && values[3 * index + 2]) standing += 1;
    }
    return standing;
  }

  return {
    layer,
    /* Show the points standing on `date` (YYYY-MM-DD): a new filter range, nothing uploaded. */
    setDate(date) {
      day = dayNumber(date);
      if (layer._map) draw();
    },
    /* Show only the points for which `shown[index]` is 1 (the panel's filters): that column is uploaded again (a
       new array: deck.gl uploads a column whose array is not the one it has, and keeps the others). */
    setShown(shown) {
      values = values.slice();
      for (let index = 0; index < data.count; index += 1) values[3 * index + 2] = shown[index];
      columns = attributes(false);
      rings = attributes(true);
      if (layer._map) draw();
    },
    count,
    get drawnAs() {
      return drawnAs;
    },
  };
}
