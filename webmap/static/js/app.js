/*
 * IdlibMap.start: the map's client, wired from the other scripts. map.js calls it once the Leaflet map, its feature
 * groups (one per layer), the online tiles, the base map data, folium's controls and the panels exist, with the
 * settings that webmap/mapbuild.py builds (config).
 *
 * A date the reader picks, a layer switched or the map moved stops the playback; a step of the playback shows its
 * date the same way as a pick, so the panels and the address follow it.
 */
(function (IdlibMap) {
  "use strict";

  function start(map, options) {
    const config = options.config;
    const ids = config.layers.map((spec) => spec.id);
    const unknownLanguage = IdlibMap.setLanguage(config);
    Object.keys(config.qualities).forEach((name) => (config.qualities[name] = IdlibMap.t("quality." + name)));
    IdlibMap.translateControls(map, options.controls);
    IdlibMap.baseMap(map, options.basemap, config.basemap);
    IdlibMap.onlineTiles(map, options.tiles);
    const source = IdlibMap.source(config); // one for the layers and the place search: each layer is read once
    const news = IdlibMap.news(config, options.groups);
    const drawer = news.watch(IdlibMap.drawer(map, config, IdlibMap.placeLabels(map, config.labelRanks)));
    const layers = IdlibMap.mapLayers(map, options.groups, config, source, drawer);
    const highlights = IdlibMap.highlights(map);
    const toolbarDate = document.querySelector("#toolbar .toolbar-date");

    const shownIds = () => ids.filter(layers.isShown);
    const remember = () => IdlibMap.writeAddress(layers.date, shownIds(), ids);
    const folds = IdlibMap.folds((id, open, keep) => {
      if (id === "changes-panel") changes.setOpen(open, keep);
    });
    const changes = IdlibMap.changesPanel(map, config, source, highlights, folds);
    const downloads = IdlibMap.downloadPanel(config, source);

    function go(date) {
      dates.show(date);
      layers.setDate(date);
      news.show(date);
      playback.follow(date);
      changes.show(date);
      downloads.show(date, shownIds());
      toolbarDate.textContent = IdlibMap.formatDate(date, "short");
      remember();
    }
    const dates = IdlibMap.dateControl(config, (date) => {
      playback.stop();
      go(date);
    });
    const playback = IdlibMap.playback(dates.keyDates, go, () => {
      if (folds.compact()) folds.closeAll();
    });
    function setShown(spec, visible) {
      panel.set(spec, visible);
      layers.setShown(spec, visible);
    }
    const panel = IdlibMap.layerPanel(config, (spec, visible) => {
      playback.stop();
      setShown(spec, visible);
      downloads.show(layers.date, shownIds());
      remember();
    });
    IdlibMap.fitView(map, config.bounds);
    map.on("movestart", playback.stop);

    if (unknownLanguage) IdlibMap.say(IdlibMap.t("date.unknown_language", { asked: unknownLanguage }) + " ");
    const asked = IdlibMap.readAddress(config, dates.input);
    config.layers.forEach((spec) => setShown(spec, asked.layers.includes(spec.id)));
    go(asked.date);
    IdlibMap.startSearch(map, config, source);
  }

  IdlibMap.start = start;
})(window.IdlibMap);
