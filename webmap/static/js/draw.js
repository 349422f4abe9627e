/*
 * Drawing a layer's features into the layer's feature group, as the date moves: only what changed is touched.
 *
 * Each layer has its own Leaflet pane, stacked in the manifest's order whatever order the data arrives in. A layer
 * is drawn as SVG by default: a feature's Leaflet layer (an element with the class layer-<id>) is made the first time
 * the feature is shown and kept, a date change adds and removes only the features that start or stop standing
 * (source.js selection), and within a layer the features keep the order of the layer's file. A layer whose manifest
 * entry says renderer = "canvas" is drawn on one canvas of its own (canvas.js, the canvas with the class layer-<id>),
 * with one popup for the whole layer: the way to draw tens of thousands of features. One whose entry says renderer =
 * "webgl" is drawn by deck.gl (webgl.js) from its columns, with its filters and the key of its density in the layer
 * panel (filters.js, density.js) and its events per week under the date control (histogram.js); its popup asks for
 * the feature clicked (source.js feature).
 * A point with an uncertainty_m is drawn in a circle of that radius on the ground, shown and hidden with its point:
 * on SVG an L.circle (the class feature-uncertainty), on a canvas its path (canvas.js, and webgl.js's canvas).
 */

import { hatchPatterns, markerIcon, pathOptions } from "./symbols.js";
import { popupContent } from "./popup.js";
import { FeatureCanvas, canvasClicks } from "./canvas.js";
import { eventLayer } from "./webgl.js";
import { layerFilters } from "./filters.js";
import { histogram } from "./histogram.js";
import { densityKey } from "./density.js";
import { say } from "./core.js";

/* The drawer of `map`: makes the layers' panes now; view(group, spec, data, refresh) draws a layer's data into its
   feature group. `labels` is from labels.js placeLabels; `layerSource` is source.js's; `pick(date)` shows a date
   the reader picked on a webgl layer's histogram. */
export function drawer(map, config, labels, layerSource, pick) {
  config.layers.forEach((spec, index) => {
    map.createPane("pane-" + spec.id).style.zIndex = String(410 + index);
  });
  const hatch = hatchPatterns();
  const popup = (feature, spec) => popupContent(feature, spec, config.qualities);
  const canvases = new Map(); // layer id -> its FeatureCanvas
  canvasClicks(map, () => config.layers.filter((spec) => canvases.has(spec.id)).map((spec) => canvases.get(spec.id)));

  /* A canvas layer's view: its features on one FeatureCanvas in the group. */
  function canvasView(group, spec, data) {
    if (canvases.has(spec.id)) group.removeLayer(canvases.get(spec.id));
    const canvas = new FeatureCanvas(data, (feature) => popup(feature, spec), {
      pane: "pane-" + spec.id,
      className: "layer-" + spec.id,
      uncertainty: config.uncertainty,
    });
    canvases.set(spec.id, canvas);
    group.addLayer(canvas);
    return {
      show: (change) => canvas.change(change.added, change.removed),
      clear: () => canvas.clear(),
    };
  }

  /* A webgl layer's view: deck.gl's layer in the group, the layer's filters, its density's key and its histogram. setDate(date)
     returns how many points stand then and are shown by the filters; `refresh()` is called when the filters
     change what is drawn. */
  function webglView(group, spec, data, refresh) {
    group.clearLayers();
    const popupAt = L.popup({ maxWidth: 320 });
    const item = document.querySelector(`#layer-panel .layer-item[data-layer="${CSS.escape(spec.id)}"]`);
    const clicked = (index, latlng) => {
      layerSource.feature(spec.id, index)
        .then((feature) => popupAt.setLatLng(latlng).setContent(popup(feature, spec)).openOn(map))
        .catch((error) => say("The event could not be loaded: " + error.message + ". "));
    };
    // The key is shown while the layer is drawn as density (first drawn once the layer is added, below).
    const events = eventLayer(map, data, {
      pane: "pane-" + spec.id,
      uncertainty: config.uncertainty,
      clicked,
      drawn: (as) => key.show(as === "density"),
    });
    const key = densityKey(item, events.color);
    const chart = histogram(spec, data, pick);
    layerFilters(item, spec, data, (shown) => {
      events.setShown(shown);
      chart.setShown(shown);
      refresh();
    });
    group.addLayer(events.layer);
    return {
      setDate(date) {
        events.setDate(date);
        chart.show(date);
        return events.count();
      },
      clear: () => group.clearLayers(),
    };
  }

  /* An SVG layer's view: a Leaflet layer per feature, made when first shown. */
  function svgView(group, spec, data) {
    const className = "layer-" + spec.id;
    const pane = "pane-" + spec.id;
    const made = new Array(data.features.length);
    const circles = new Array(data.features.length); // index -> its uncertainty's circle, or null
    const shown = new Uint8Array(data.features.length);

    /* The circle of a point's uncertainty_m, in its style's colour, under the point and never in its way; or null. */
    function circle(index) {
      const feature = data.features[index];
      const radius = feature.properties.uncertainty_m;
      if (feature.geometry.type !== "Point" || !(radius > 0)) return null;
      const style = data.styles[feature.style];
      const [lng, lat] = feature.geometry.coordinates;
      const look = config.uncertainty;
      return L.circle([lat, lng], {
        radius, pane, className: "feature-uncertainty", interactive: false,
        color: style.color, weight: look.width, dashArray: look.dash, fillColor: style.fill_color,
        fillOpacity: look.fillOpacity,
      });
    }

    function make(index) {
      const feature = data.features[index];
      const style = data.styles[feature.style];
      const layer = L.GeoJSON.geometryToLayer(feature, {
        ...pathOptions(style, hatch),
        pane,
        className,
        pointToLayer: (point, latlng) => L.marker(latlng, {
          pane,
          icon: markerIcon(style, className, config),
          title: feature.properties.name,
          riseOnHover: true,
        }),
      });
      layer.feature = feature;
      layer.bindPopup(() => popup(feature, spec), { maxWidth: 320 });
      if (spec.gazetteer) labels.bind(layer, feature, spec.labelRank);
      return layer;
    }

    /* New features are drawn on top; those after the first new one in the file's order are lifted over them again,
       so that the file's order holds (a front line stays above the areas it divides). Markers stack by latitude. */
    function keepOrder(first) {
      for (let index = first; index < shown.length; index += 1) {
        if (shown[index] && made[index].bringToFront) made[index].bringToFront();
      }
    }

    return {
      show(change) {
        change.removed.forEach((index) => {
          group.removeLayer(made[index]);
          if (circles[index]) group.removeLayer(circles[index]);
          shown[index] = 0;
        });
        change.added.forEach((index) => {
          if (circles[index] === undefined) circles[index] = circle(index);
          if (circles[index]) group.addLayer(circles[index]);
          group.addLayer(made[index] || (made[index] = make(index)));
          shown[index] = 1;
        });
        if (change.added.length) keepOrder(change.added[0]);
      },
      clear() {
        group.clearLayers();
        shown.fill(0);
      },
    };
  }

  /* The features of `data` (a layer's data, source.js) in `group`: show(change) adds and removes the features of
     a selection's change ({added, removed}); clear() removes them all. A webgl layer's view has setDate(date)
     instead of show, and calls `refresh()` when its filters change. */
  function view(group, spec, data, refresh) {
    if (spec.renderer === "webgl") return webglView(group, spec, data, refresh);
    return spec.renderer === "canvas" ? canvasView(group, spec, data) : svgView(group, spec, data);
  }

  return { view };
}
