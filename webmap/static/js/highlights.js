/*
 * Highlights: the features that "What changed" lists, ringed on the map (points) or outlined (lines and areas) in
 * their own pane above the layers, catching no clicks; the one the reader went to is ringed more strongly. Each
 * highlight is an SVG path with the class "highlight" over a white halo ("highlight-halo").
 */

/* Above every layer's pane (draw.js: 410 + the layer's place) and under the labels and popups. */
const PANE_Z = 450;
/* A ring's radius (px): round a post's or a town's marker. */
const RADIUS = 12;

export function highlights(map) {
  map.createPane("highlights").style.zIndex = String(PANE_Z);
  const all = L.layerGroup().addTo(map);
  const focused = L.layerGroup().addTo(map);

  /* The ring (a point) or outline (a line or area) of `feature`, over its halo: two layers. */
  function outline(feature, className, weight) {
    const options = { pane: "highlights", interactive: false, fill: false };
    return [["highlight-halo", weight + 3], [className, weight]].map(([name, width]) => L.geoJSON(feature, {
      ...options,
      className: name,
      style: { weight: width },
      pointToLayer: (point, latlng) => L.circleMarker(latlng, {
        ...options, className: name, weight: width, radius: RADIUS,
      }),
    }));
  }

  return {
    /* Ring `features` (GeoJSON features), and nothing else. */
    show(features) {
      all.clearLayers();
      focused.clearLayers();
      features.forEach((feature) => outline(feature, "highlight", 2).forEach((layer) => all.addLayer(layer)));
    },
    /* Ring `feature` more strongly: the one the reader went to. */
    focus(feature) {
      focused.clearLayers();
      outline(feature, "highlight-focus", 3).forEach((layer) => focused.addLayer(layer));
    },
    clear() {
      all.clearLayers();
      focused.clearLayers();
    },
  };
}
