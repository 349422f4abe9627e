/*
 * IdlibMap.start: the map's client, wired from the other scripts. map.js calls it once the Leaflet map, its feature
 * groups (one per layer), the online tiles, the base map data and the panels exist, with the settings that
 * webmap/mapbuild.py builds (config).
 */
(function (IdlibMap) {
  "use strict";

  function start(map, options) {
    const config = options.config;
    const ids = config.layers.map((spec) => spec.id);
    IdlibMap.baseMap(map, options.basemap, config.basemap);
    IdlibMap.onlineTiles(map, options.tiles);
    const source = IdlibMap.source(config); // one for the layers and the place search: each layer is read once
    const drawer = IdlibMap.drawer(map, config, IdlibMap.placeLabels(map, config.labelRanks));
    const layers = IdlibMap.mapLayers(map, options.groups, config, source, drawer);

    const remember = () => IdlibMap.writeAddress(layers.date, ids.filter(layers.isShown), ids);
    const dates = IdlibMap.dateControl(config, (date) => {
      dates.show(date);
      layers.setDate(date);
      remember();
    });
    const panel = IdlibMap.layerPanel(config, (spec, visible) => {
      panel.set(spec, visible);
      layers.setShown(spec, visible);
      remember();
    });
    IdlibMap.fitView(map, config.bounds);

    const asked = IdlibMap.readAddress(config, dates.input);
    config.layers.forEach((spec) => {
      const visible = asked.layers.includes(spec.id);
      panel.set(spec, visible);
      layers.setShown(spec, visible);
    });
    dates.show(asked.date);
    layers.setDate(asked.date);
    remember();
    IdlibMap.startSearch(map, config, source);
  }

  IdlibMap.start = start;
})(window.IdlibMap);
