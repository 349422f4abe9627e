/*
 * Where a layer's data comes from, and which of its features stand on a date.
 *
 * A layer drawn with WebGL (renderer = "webgl") is read as columns instead (columns.js: data/<id>.bin, or base64 in
 * data.js), and the properties of one of its features when its popup asks (feature).
 *
 * Any other layer's data is one object, the same for the served page and the static copy (webmap/store.py
 * EncodedLayer.page_data): {styles, choices, dates, added, removed, features}. `choices` gives each style choice's row
 * of every feature, by its property (layers.js). `dates` are the layer's dates in order (every valid_from and
 * valid_to); between two of them nothing changes. Period 0 is before dates[0], period i starts at
 * dates[i - 1]; added[i] and removed[i] list the indexes in `features` of the features that start and stop standing
 * where period i starts (added[0]: those standing before the first date). The server computes them with its one
 * temporal rule; here a date is only looked up (periodOf) and a period reached by applying the changes on the way
 * (selection). Each layer's data is loaded once; a date's features are then a lookup, never a request.
 *
 * The served page also asks every window.IDLIBMAP_BUILD_POLL seconds, in the background, which build the server has
 * (GET api/build, a few bytes; never on a date change): after `make`, the layers that changed are read again at the
 * next date change (changedLayers).
 */

import { fromBase64, readColumns } from "./columns.js";

/* The period of `date` (YYYY-MM-DD, so text order is date order) in a layer's data: how many of the layer's dates
   are on or before it, by binary search. */
export function periodOf(data, date) {
  let low = 0;
  let high = data.dates.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (data.dates[middle] <= date) low = middle + 1;
    else high = middle;
  }
  return low;
}

/* The features of a layer's data that stand in one period, kept as the period moves: at first none (period -1).
   moveTo(period) applies the changes between the current period and `period`, forward or back, and returns what
   differs in the end, {added, removed} (indexes in `features`, ascending); `count` is how many stand. */
export function selection(data) {
  const standing = new Uint8Array(data.features.length);
  let period = -1;
  let count = 0;

  function moveTo(target) {
    const before = standing.slice();
    const touched = [];
    const set = (indexes, value) => {
      for (const index of indexes) {
        standing[index] = value;
        touched.push(index);
      }
    };
    for (; period < target; period += 1) {
      set(data.removed[period + 1], 0);
      set(data.added[period + 1], 1);
    }
    for (; period > target; period -= 1) {
      set(data.added[period], 0);
      set(data.removed[period], 1);
    }
    const added = [];
    const removed = [];
    for (const index of touched) {
      if (standing[index] === before[index]) continue; // unchanged in the end, or seen already
      (standing[index] ? added : removed).push(index);
      before[index] = standing[index];
    }
    added.sort((a, b) => a - b); // drawn in the order of the layer's file
    count += added.length - removed.length;
    return { added, removed };
  }

  return {
    moveTo,
    get period() {
      return period;
    },
    get count() {
      return count;
    },
  };
}

function fetchJson(url) {
  return fetch(url).then((response) =>
    response.json().then((body) => {
      if (!response.ok) throw new Error(body.error || response.statusText);
      return body;
    }),
  );
}

function fetchBytes(url) {
  return fetch(url).then((response) => {
    if (!response.ok) return response.json().then((body) => Promise.reject(new Error(body.error || response.statusText)));
    return response.arrayBuffer();
  });
}

function embedded(id) {
  const data = window.IDLIBMAP_DATA && window.IDLIBMAP_DATA[id];
  return data ? Promise.resolve(data) : Promise.reject(new Error("data.js has no layer " + id));
}

/* A layer's data from data.js: a webgl layer's columns are read from their base64 text. */
function embeddedLayer(id, columnar) {
  return embedded(id).then((data) => (columnar ? readColumns(fromBase64(data.columns)) : data));
}

/* The layers' data by id, each read at most once (again only after a failure or a new build): from
   data/<id>.json when the page is served (config.source "api"), from data.js (window.IDLIBMAP_DATA) in the static
   copy ("embedded"). The served page's map.js says which build it was made from: window.IDLIBMAP_BUILD, {page:
   hash, layers: {id: hash}}. */
export function source(config) {
  const build = window.IDLIBMAP_BUILD;
  const served = config.source !== "embedded";
  const columnar = new Set(config.layers.filter((spec) => spec.renderer === "webgl").map((spec) => spec.id));
  const url = (id) => "data/" + encodeURIComponent(id);
  const readServed = (id) => (columnar.has(id)
    ? fetchBytes(url(id) + ".bin").then(readColumns)
    : fetchJson(url(id) + ".json"));
  const read = served ? readServed : (id) => embeddedLayer(id, columnar.has(id));
  const layers = new Map();
  const known = { ...(build && build.layers) };
  let asking = null;

  function layer(id) {
    if (!layers.has(id)) {
      layers.set(id, read(id).catch((error) => {
        layers.delete(id);
        throw error;
      }));
    }
    return layers.get(id);
  }

  let learned = [];
  let pageChanged = false;

  /* Ask the server which build it serves and note the layers whose data changed since the page read them
     (forgotten here, so that layer(id) reads them again), or that the page itself changed (a new layer, key date
     or legend). <html data-new-build> tells that something is to be read again. */
  function ask() {
    if (asking) return;
    asking = fetchJson("api/build").then((now) => {
      if (now.page !== build.page) pageChanged = true;
      Object.keys(now.layers).filter((id) => now.layers[id] !== known[id]).forEach((id) => {
        known[id] = now.layers[id];
        layers.delete(id);
        learned.push(id);
      });
      if (pageChanged || learned.length) document.documentElement.dataset.newBuild = "";
    }, () => {}).finally(() => {
      asking = null;
    });
  }

  /* What the background questions learned since the last call: the ids of the layers to read again, or null when
     the page itself is to be reloaded. No request. */
  function changedLayers() {
    if (pageChanged) return null;
    const changed = learned;
    learned = [];
    delete document.documentElement.dataset.newBuild;
    return changed;
  }

  if (served && build && window.IDLIBMAP_BUILD_POLL > 0) {
    window.setInterval(ask, window.IDLIBMAP_BUILD_POLL * 1000);
  }

  /* One feature of a webgl layer, by its index, with every property (what its popup shows): asked for when the
     reader clicks it (from data.js in the static copy). */
  function feature(id, index) {
    if (served) return fetchJson(url(id) + "/" + index + ".json");
    return embedded(id).then((data) => data.features[index]);
  }

  return { layer, feature, changedLayers };
}
