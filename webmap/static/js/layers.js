/*
 * The layers on the map: which are shown, the date they show, and the period each has drawn.
 *
 * A layer's data is loaded the first time it is shown (source.js); after that a new date is a lookup of its period,
 * a layer whose period did not change is not touched, and one whose period changed adds and removes only the
 * features that differ (draw.js). When the date changes, the served page also asks whether `make` has built new
 * layers since it read them: it then reads those again (or reloads, when the page itself changed).
 *
 * A webgl layer (renderer = "webgl") has no periods: its view is given the date and filters its points by it on
 * the GPU (draw.js, webgl.js).
 *
 * A layer with style choices is drawn in the one the reader chose (setStyle): each feature's style row is the
 * choice's (its data's `choices`, by property), and the layer is drawn again.
 *
 * Page hooks, for tests and the benchmark: once every layer shown has been drawn for the date, the page sets
 * <html data-drawn="YYYY-MM-DD"> (empty while a layer's data is loading) and window.idlibmapDrawn =
 * {layer id: features drawn}; the map fires "layersdrawn".
 */

import { say } from "./core.js";
import { periodOf, selection } from "./source.js";

/* The layers of `map`, drawn into `groups` (Leaflet feature groups by layer id) from `source`'s data. */
export function mapLayers(map, groups, config, source, drawer) {
  const shown = new Set();
  const loaded = new Map(); // layer id -> {data, rows (its own style rows), selection, view}, once loaded
  const loading = new Set();
  const drawn = {}; // layer id -> features drawn
  const styles = new Map(); // layer id -> the property of the style choice shown ("" or absent: the maps' own)
  let date = null;

  function report() {
    if (date === null) return;
    if (!loading.size) window.idlibmapDrawn = { ...drawn };
    document.documentElement.dataset.drawn = loading.size ? "" : date;
    map.getContainer().setAttribute("aria-busy", loading.size ? "true" : "false");
    if (!loading.size) map.fire("layersdrawn"); // for what is laid out over the layers (labels.js)
  }

  function drawPeriod(spec) {
    const layer = loaded.get(spec.id);
    if (layer.view.setDate) { // a webgl layer: filtered by date on the GPU
      drawn[spec.id] = layer.view.setDate(date);
      return;
    }
    const period = periodOf(layer.data, date);
    if (layer.selection.period !== period) layer.view.show(layer.selection.moveTo(period));
    drawn[spec.id] = layer.selection.count;
  }

  /* Draw the layer's `data` anew, each feature in its style under the choice shown (its own rows kept as `rows`). */
  function draw(spec, data) {
    if (loaded.has(spec.id)) loaded.get(spec.id).view.clear();
    if (spec.renderer === "webgl") {
      const refresh = () => {
        if (shown.has(spec.id)) drawPeriod(spec);
        report();
      };
      loaded.set(spec.id, { data, view: drawer.view(groups[spec.id], spec, data, refresh) });
      if (shown.has(spec.id)) drawPeriod(spec);
      return;
    }
    const rows = loaded.has(spec.id) && loaded.get(spec.id).data === data
      ? loaded.get(spec.id).rows
      : data.features.map((feature) => feature.style);
    const chosen = (data.choices || {})[styles.get(spec.id)] || rows;
    data.features.forEach((feature, index) => (feature.style = chosen[index]));
    loaded.set(spec.id, { data, rows, selection: selection(data), view: drawer.view(groups[spec.id], spec, data) });
    if (shown.has(spec.id)) drawPeriod(spec); // at the date shown now, which may be a later one
  }

  /* Read the layer's data (again, after a new build: what it drew stays until the new data is there). */
  function load(spec) {
    if (loading.has(spec.id)) return;
    loading.add(spec.id);
    source.layer(spec.id)
      .then((data) => draw(spec, data))
      .catch((error) => say("The layer “" + spec.title + "” could not be loaded: " + error.message + ". "))
      .finally(() => {
        loading.delete(spec.id);
        report();
      });
  }

  function update(spec) {
    if (date === null || !shown.has(spec.id)) return;
    if (loaded.has(spec.id)) drawPeriod(spec);
    else load(spec);
  }

  /* After `make` (as the source's background questions learned): read again the layers whose data changed (a
     hidden one when it is shown next), or reload the page when the page itself changed (its address keeps the
     date and the layers shown). */
  function followBuild() {
    const changed = source.changedLayers();
    if (changed === null) {
      window.location.reload();
      return;
    }
    config.layers.filter((spec) => changed.includes(spec.id) && loaded.has(spec.id)).forEach((spec) => {
      if (shown.has(spec.id)) load(spec);
      else {
        loaded.get(spec.id).view.clear();
        loaded.delete(spec.id);
      }
    });
    if (changed.length) report();
  }

  return {
    /* Show the layers shown on `date`. */
    setDate(newDate) {
      date = newDate;
      config.layers.forEach(update);
      report();
      followBuild();
    },
    /* Show or hide a layer (its feature group); a layer shown again shows the date shown then. */
    setShown(spec, visible) {
      if (visible) {
        shown.add(spec.id);
        map.addLayer(groups[spec.id]);
        update(spec);
      } else {
        shown.delete(spec.id);
        delete drawn[spec.id];
        map.removeLayer(groups[spec.id]);
      }
      report();
    },
    /* Style the layer by its style choice `property` ("": the maps' own style). */
    setStyle(spec, property) {
      styles.set(spec.id, property);
      if (loaded.has(spec.id)) draw(spec, loaded.get(spec.id).data);
      report();
    },
    styleOf: (id) => styles.get(id) || "",
    isShown: (id) => shown.has(id),
    get date() {
      return date;
    },
  };
}
