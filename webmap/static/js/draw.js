/*
 * Drawing a layer's features (those of one date, chosen by layers.js) into the layer's feature group.
 *
 * Each layer has its own Leaflet pane, stacked in the manifest's order whatever order the data arrives in, and every
 * drawn element carries the class layer-<id>. A layer whose manifest entry says renderer = "canvas" is drawn on one
 * canvas in its pane (points as circles) rather than as SVG elements, with one popup for the whole layer: the way
 * to draw tens of thousands of features.
 */
(function (IdlibMap) {
  "use strict";

  /* The drawer of `map`: makes the layers' panes (and canvases) now; draw(group, spec, styles, features) replaces
     what the group shows. `labels` is from IdlibMap.placeLabels. */
  function drawer(map, config, labels) {
    const renderers = {};
    config.layers.forEach((spec, index) => {
      map.createPane("pane-" + spec.id).style.zIndex = String(410 + index);
      if (spec.renderer === "canvas") renderers[spec.id] = L.canvas({ pane: "pane-" + spec.id });
    });
    const hatch = IdlibMap.hatchPatterns();
    const popup = (feature, spec) => IdlibMap.popupContent(feature, spec, config.qualities);

    function draw(group, spec, styles, features) {
      const className = "layer-" + spec.id;
      const pane = "pane-" + spec.id;
      const renderer = renderers[spec.id];
      const patterns = renderer ? null : hatch;
      const options = (feature) => IdlibMap.pathOptions(styles[feature.style], patterns);
      group.clearLayers();
      const drawn = L.geoJSON(features, {
        pane,
        className,
        renderer,
        style: options,
        pointToLayer: (feature, latlng) => renderer ? L.circleMarker(latlng, {
          ...options(feature),
          pane,
          renderer,
          radius: styles[feature.style].radius,
        }) : L.marker(latlng, {
          pane,
          icon: IdlibMap.markerIcon(styles[feature.style], className, config),
          title: feature.properties.name,
          riseOnHover: true,
        }),
        onEachFeature: (feature, layer) => {
          if (!renderer) layer.bindPopup(() => popup(feature, spec), { maxWidth: 320 });
          if (spec.gazetteer) labels.bind(layer, feature, spec.labelRank);
        },
      });
      // On a canvas, one popup for the whole layer rather than one per feature: cheaper to draw a new date.
      if (renderer) drawn.bindPopup((layer) => popup(layer.feature, spec), { maxWidth: 320 });
      group.addLayer(drawn);
    }

    return { draw };
  }

  IdlibMap.drawer = drawer;
})(window.IdlibMap);
