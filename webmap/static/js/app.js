/*
 * The map's client, its entry point: map.js imports this module and calls panel() for each panel of the page, then
 * start() once the Leaflet map, its feature groups (one per layer), the online tiles, the base map data, folium's
 * controls and the panels exist, with the settings that webmap/mapbuild.py builds (config). start() wires the other
 * modules together.
 *
 * A date the reader picks, a layer switched or the map moved stops the playback; a step of the playback shows its
 * date the same way as a pick, so the panels and the address follow it.
 */

import { say } from "./core.js";
import { formatDate, setLanguage, t, translateControls } from "./i18n.js";
import { source } from "./source.js";
import { placeLabels } from "./labels.js";
import { drawer } from "./draw.js";
import { mapLayers } from "./layers.js";
import { news } from "./news.js";
import { readAddress, writeAddress } from "./address.js";
import { dateControl } from "./dates.js";
import { playback } from "./playback.js";
import { layerPanel } from "./layerpanel.js";
import { startSearch } from "./search.js";
import { baseMap, onlineTiles } from "./basemap.js";
import { fitView } from "./panels.js";
import { folds } from "./folds.js";
import { highlights } from "./highlights.js";
import { changesPanel } from "./changes.js";
import { downloadPanel } from "./downloads.js";

export { panel } from "./panels.js";

/* Every line drawn by the layers shown as SVG (a road, a front line, a route), each as an array of L.LatLng: what
   the labels keep clear of. */
function drawnLines(map, groups) {
  const lines = [];
  Object.values(groups).filter((group) => map.hasLayer(group)).forEach((group) => {
    group.eachLayer((layer) => {
      if (!(layer instanceof L.Polyline) || layer instanceof L.Polygon) return;
      const latlngs = layer.getLatLngs();
      if (L.LineUtil.isFlat(latlngs)) lines.push(latlngs);
      else lines.push(...latlngs);
    });
  });
  return lines;
}

export function start(map, options) {
  const config = options.config;
  const ids = config.layers.map((spec) => spec.id);
  const unknownLanguage = setLanguage(config);
  Object.keys(config.qualities).forEach((name) => (config.qualities[name] = t("quality." + name)));
  translateControls(map, options.controls);
  baseMap(map, options.basemap, config.basemap);
  onlineTiles(map, options.tiles);
  const layerSource = source(config); // one for the layers and the place search: each layer is read once
  const newsMarks = news(config, options.groups);
  const labels = placeLabels(map, config.labelRanks, () => drawnLines(map, options.groups));
  const pickDate = (date) => {
    player.stop();
    go(date);
  };
  const layerDrawer = newsMarks.watch(drawer(map, config, labels, layerSource, pickDate));
  const layers = mapLayers(map, options.groups, config, layerSource, layerDrawer);
  const rings = highlights(map);
  const toolbarDate = document.querySelector("#toolbar .toolbar-date");

  const shownIds = () => ids.filter(layers.isShown);
  const styles = () => Object.fromEntries(ids.map((id) => [id, layers.styleOf(id)]));
  const remember = () => writeAddress(layers.date, shownIds(), ids, styles());
  let panel = null; // the layer panel, made below: the folds open it first
  const panelFolds = folds((id, open, keep) => {
    if (id === "changes-panel") changes.setOpen(open, keep);
    if (id === "layer-panel" && open && panel) panel.fit();
  });
  const changes = changesPanel(map, config, layerSource, rings, panelFolds);
  const downloads = downloadPanel(config, layerSource, map);

  function go(date) {
    dates.show(date);
    layers.setDate(date);
    newsMarks.show(date);
    player.follow(date);
    changes.show(date);
    downloads.show(date, shownIds());
    toolbarDate.textContent = formatDate(date, "short");
    remember();
  }
  const dates = dateControl(config, pickDate);
  const player = playback(dates.keyDates, go, () => {
    if (panelFolds.compact()) panelFolds.closeAll();
  });
  function setShown(spec, visible) {
    panel.set(spec, visible);
    layers.setShown(spec, visible);
  }
  panel = layerPanel(
    config,
    (spec, visible) => {
      player.stop();
      setShown(spec, visible);
      downloads.show(layers.date, shownIds());
      remember();
    },
    (spec, property) => {
      layers.setStyle(spec, property);
      remember();
    },
  );
  fitView(map, config.bounds);
  map.on("movestart", player.stop);

  if (unknownLanguage) say(t("date.unknown_language", { asked: unknownLanguage }) + " ");
  const asked = readAddress(config, dates.input);
  config.layers.forEach((spec) => setShown(spec, asked.layers.includes(spec.id)));
  Object.entries(asked.styles).forEach(([id, property]) => {
    const spec = config.layers.find((candidate) => candidate.id === id);
    panel.setStyle(spec, property);
    layers.setStyle(spec, property);
  });
  panel.fit();
  go(asked.date);
  startSearch(map, config, layerSource);
}
