/*
 * The layers on the map: which are shown, the date they show, and the period each has drawn.
 *
 * A layer's data is loaded the first time it is shown (source.js); after that a new date is a lookup of its period,
 * and a layer whose period did not change is not drawn again.
 *
 * Page hooks, for tests and the benchmark: once every layer shown has been drawn for the date, the page sets
 * <html data-drawn="YYYY-MM-DD"> (empty while a layer's data is loading) and window.idlibmapDrawn =
 * {layer id: features drawn}.
 */
(function (IdlibMap) {
  "use strict";

  /* The layers of `map`, drawn into `groups` (Leaflet feature groups by layer id) from `source`'s data. */
  function mapLayers(map, groups, config, source, drawer) {
    const shown = new Set();
    const data = new Map(); // layer id -> its data, once loaded
    const loading = new Set();
    const periods = new Map(); // layer id -> the period drawn
    const drawn = {}; // layer id -> features drawn
    let date = null;

    function report() {
      if (date === null) return;
      if (!loading.size) window.idlibmapDrawn = { ...drawn };
      document.documentElement.dataset.drawn = loading.size ? "" : date;
      map.getContainer().setAttribute("aria-busy", loading.size ? "true" : "false");
    }

    function drawPeriod(spec) {
      const layer = data.get(spec.id);
      const period = IdlibMap.periodOf(layer, date);
      if (periods.get(spec.id) === period) return;
      const features = IdlibMap.featuresIn(layer, period);
      drawer.draw(groups[spec.id], spec, layer.styles, features);
      periods.set(spec.id, period);
      drawn[spec.id] = features.length;
    }

    function load(spec) {
      if (loading.has(spec.id)) return;
      loading.add(spec.id);
      source.layer(spec.id)
        .then((layer) => {
          data.set(spec.id, layer);
          if (shown.has(spec.id)) drawPeriod(spec); // at the date shown now, which may be a later one
        })
        .catch((error) => IdlibMap.say("The layer “" + spec.title + "” could not be loaded: " + error.message + ". "))
        .finally(() => {
          loading.delete(spec.id);
          report();
        });
    }

    function update(spec) {
      if (date === null || !shown.has(spec.id)) return;
      if (data.has(spec.id)) drawPeriod(spec);
      else load(spec);
    }

    return {
      /* Show the layers shown on `date`. */
      setDate(newDate) {
        date = newDate;
        config.layers.forEach(update);
        report();
      },
      /* Show or hide a layer (its feature group); a layer shown again is drawn again. */
      setShown(spec, visible) {
        if (visible) {
          shown.add(spec.id);
          map.addLayer(groups[spec.id]);
          update(spec);
        } else {
          shown.delete(spec.id);
          periods.delete(spec.id);
          delete drawn[spec.id];
          map.removeLayer(groups[spec.id]);
          groups[spec.id].clearLayers();
        }
        report();
      },
      isShown: (id) => shown.has(id),
      get date() {
        return date;
      },
    };
  }

  IdlibMap.mapLayers = mapLayers;
})(window.IdlibMap);
