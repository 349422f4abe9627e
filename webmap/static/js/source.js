/*
 * Where a layer's data comes from, and which of its features stand on a date.
 *
 * A layer's data is one object, the same for the served page and the static copy (webmap/store.py
 * EncodedLayer.page_data): {styles, dates, periods, features}. `dates` are the layer's dates in order (every
 * valid_from and valid_to); between two of them nothing changes, so `periods[i]` lists the indexes in `features` of
 * the features that stand in period i: period 0 is before dates[0], period i starts at dates[i - 1]. Each layer's
 * data is loaded once; a date's features are then a lookup, never a request.
 */
(function (IdlibMap) {
  "use strict";

  /* The period of `date` (YYYY-MM-DD, so text order is date order) in a layer's data: how many of the layer's dates
     are on or before it, by binary search. */
  function periodOf(data, date) {
    let low = 0;
    let high = data.dates.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (data.dates[middle] <= date) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  /* The features of a layer's data that stand in `period` (from periodOf). */
  function featuresIn(data, period) {
    return data.periods[period].map((index) => data.features[index]);
  }

  function fetchLayer(id) {
    return fetch("data/" + encodeURIComponent(id) + ".json").then((response) =>
      response.json().then((body) => {
        if (!response.ok) throw new Error(body.error || response.statusText);
        return body;
      }),
    );
  }

  function embeddedLayer(id) {
    const data = window.IDLIBMAP_DATA && window.IDLIBMAP_DATA[id];
    return data ? Promise.resolve(data) : Promise.reject(new Error("data.js has no layer " + id));
  }

  /* The layers' data by id, each read at most once (again only after a failure): from data/<id>.json when the page
     is served (config.source "api"), from data.js (window.IDLIBMAP_DATA) in the static copy ("embedded"). */
  function source(config) {
    const read = config.source === "embedded" ? embeddedLayer : fetchLayer;
    const layers = new Map();
    return {
      layer(id) {
        if (!layers.has(id)) {
          layers.set(id, read(id).catch((error) => {
            layers.delete(id);
            throw error;
          }));
        }
        return layers.get(id);
      },
    };
  }

  Object.assign(IdlibMap, { periodOf, featuresIn, source });
})(window.IdlibMap);
