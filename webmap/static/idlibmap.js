/*
 * The situation map in the browser: draws every layer of the manifest for the chosen date with the styles the
 * server resolved, and keeps the date and the layers shown in the page's address (?date=...&layers=a,b).
 *
 * The page's markup (panels, legend, key dates) is rendered on the server; this script wires it to Leaflet.
 * Text from the data only ever reaches the page as textContent or attribute values, never as HTML.
 */
(function () {
  "use strict";

  const SVG_NS = "http://www.w3.org/2000/svg";
  // The places labelled at each zoom, by their label rank (1 = cities): fewer names when zoomed out.
  const LABELLED_RANK = [[11, 3], [9, 2], [0, 1]];
  // Properties shown in their own place in a popup (or not at all), rather than in its list of details.
  const OWN_PLACE = new Set([
    "id", "name", "name_ar", "name_tr", "valid_from", "valid_to", "date_precision", "sources",
    "geometry_quality", "note", "entity_id",
  ]);

  function element(tag, parent, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    if (parent) parent.appendChild(node);
    return node;
  }

  function svgElement(tag, attributes) {
    const node = document.createElementNS(SVG_NS, tag);
    Object.entries(attributes).forEach(([name, value]) => node.setAttribute(name, String(value)));
    return node;
  }

  /* Where the features of a layer on a date come from: the API, or data.js in the static copy, which holds
     every feature and, for each period between two of the layer's dates, which features stand in it. */
  function apiSource() {
    return {
      layer(id, date) {
        const query = date ? "?date=" + encodeURIComponent(date) : "";
        return fetch("api/layers/" + encodeURIComponent(id) + query).then((response) =>
          response.json().then((body) => {
            if (!response.ok) throw new Error(body.error || response.statusText);
            return body;
          }),
        );
      },
    };
  }

  function embeddedSource(data) {
    return {
      layer(id, date) {
        const layer = data[id];
        let features = layer.features;
        if (date) {
          let period = 0;
          while (period < layer.dates.length && layer.dates[period] <= date) period += 1;
          features = layer.periods[period].map((index) => layer.features[index]);
        }
        return Promise.resolve({ type: "FeatureCollection", styles: layer.styles, features });
      },
    };
  }

  /* SVG hatch patterns, one per colour, cloned from the page's #hatch-template (the legend uses the same). */
  function hatchPatterns() {
    const template = document.getElementById("hatch-template");
    const made = new Map();
    return function (style) {
      const key = [style.color, style.fill_color, style.fill_opacity].join(" ");
      if (!made.has(key)) {
        const pattern = template.cloneNode(true);
        pattern.id = "hatch-" + made.size;
        pattern.querySelector(".hatch-tint").setAttribute("fill", style.fill_color);
        pattern.querySelector(".hatch-tint").setAttribute("fill-opacity", style.fill_opacity);
        pattern.querySelector(".hatch-line").setAttribute("stroke", style.color);
        template.parentNode.appendChild(pattern);
        made.set(key, "url(#" + pattern.id + ")");
      }
      return made.get(key);
    };
  }

  /* A dash pattern grows with the line's width (as in the static maps), so a wide dotted line stays dotted. */
  function scaledDash(dash, weight) {
    if (!dash) return null;
    const scale = Math.max(1, weight / 2);
    return dash.split(/[\s,]+/).map((length) => Number(length) * scale).join(" ");
  }

  /* Leaflet's path options of a style; `hatch` is null on a canvas, which draws no SVG pattern (plain fill). */
  function pathOptions(style, hatch) {
    const hatched = style.hatch && hatch;
    return {
      color: style.color,
      weight: style.weight,
      opacity: style.opacity,
      dashArray: scaledDash(style.dash, style.weight),
      fillColor: hatched ? hatch(style) : style.fill_color,
      fillOpacity: hatched ? 1 : style.fill_opacity,
    };
  }

  function markerIcon(style, className, config) {
    const box = config.markerBox;
    const size = Math.round(2 * box * style.radius);
    const svg = svgElement("svg", {
      width: size, height: size, viewBox: [-box, -box, 2 * box, 2 * box].join(" "), "aria-hidden": "true",
    });
    const path = svgElement("path", {
      d: config.markers[style.marker],
      fill: style.fill_color,
      "fill-opacity": style.marker_fill_opacity,
      stroke: style.color,
      "stroke-width": 1.5,
      "vector-effect": "non-scaling-stroke",
    });
    if (style.dash) path.setAttribute("stroke-dasharray", style.dash);
    svg.appendChild(path);
    return L.divIcon({ html: svg, className: className + " idl-marker", iconSize: [size, size] });
  }

  /* A day as the data gives it: to the month or year when that is all that is known. */
  function day(value, precision) {
    if (precision === "month") return value.slice(0, 7);
    if (precision === "year") return value.slice(0, 4);
    return value;
  }

  function label(key) {
    const words = key.replace(/_/g, " ");
    return words.charAt(0).toUpperCase() + words.slice(1);
  }

  function value(raw) {
    if (typeof raw === "number") return raw.toLocaleString("en-GB");
    return String(raw).replace(/_/g, " ");
  }

  function popupContent(feature, spec, config) {
    const p = feature.properties;
    const root = element("div", null, null, "idl-popup");
    element("p", root, spec.title, "popup-layer");
    element("h2", root, p.name);
    [["name_ar", "ar", "rtl"], ["name_tr", "tr", "ltr"]].forEach(([key, lang, dir]) => {
      if (p[key]) Object.assign(element("p", root, p[key], "popup-other-name"), { lang, dir });
    });
    if (p.valid_from) {
      const from = day(p.valid_from, p.date_precision);
      const text = p.valid_to ? "From " + from + " until " + p.valid_to : "From " + from;
      element("p", root, text, "popup-dates");
    }
    const details = element("dl", root);
    Object.keys(p).filter((key) => !OWN_PLACE.has(key) && p[key] !== null && typeof p[key] !== "object")
      .forEach((key) => {
        element("dt", details, label(key));
        element("dd", details, value(p[key]));
      });
    if (p.note) element("p", root, p.note, "popup-note");
    if (p.geometry_quality) element("p", root, config.qualities[p.geometry_quality] || p.geometry_quality, "popup-quality");
    if (Array.isArray(p.sources) && p.sources.length) {
      element("h3", root, "Sources");
      const list = element("ul", root, null, "popup-sources");
      p.sources.forEach((source) => {
        const item = element("li", list);
        const safe = /^https?:\/\//i.test(source.url || "");
        const title = element(safe ? "a" : "span", item, source.title || source.url);
        if (safe) Object.assign(title, { href: source.url, target: "_blank", rel: "noopener noreferrer" });
        if (source.date) item.appendChild(document.createTextNode(" (" + source.date + ")"));
      });
    }
    return root;
  }

  /* The map: one Leaflet pane per layer, stacked in the manifest's order, whatever order the data arrives in.
     A layer whose manifest entry says renderer = "canvas" is drawn on one canvas in its pane (points as circles)
     rather than as SVG elements: the way to draw tens of thousands of features.

     Page hook, for tests and the benchmark: once every layer shown has been drawn for a date, the page sets
     <html data-drawn="YYYY-MM-DD"> (empty while loading) and window.idlibmapDrawn = {layer id: features drawn}. */
  function start(map, options) {
    const config = options.config;
    const app = {
      map, config, groups: options.groups,
      source: config.source === "embedded" ? embeddedSource(window.IDLIBMAP_DATA) : apiSource(),
      hatch: hatchPatterns(),
      shown: new Set(),
      date: null,
      pending: 0,
      tokens: {},
      drawn: {},
      renderers: {},
    };
    const ids = config.layers.map((spec) => spec.id);
    config.layers.forEach((spec, index) => {
      map.createPane("pane-" + spec.id).style.zIndex = String(410 + index);
      if (spec.renderer === "canvas") app.renderers[spec.id] = L.canvas({ pane: "pane-" + spec.id });
    });
    map.createPane("online").style.zIndex = "300";
    const labelRank = () => {
      map.getContainer().dataset.labelRank = LABELLED_RANK.find(([zoom]) => map.getZoom() >= zoom)[1];
    };
    map.on("zoomend", labelRank);
    fitFrame(map, config.frame);
    labelRank();

    const input = document.getElementById("date-input");
    const notice = document.getElementById("notice");
    const keyButtons = Array.from(document.querySelectorAll(".key-dates button[data-date]"));
    const keyDates = Array.from(new Set(keyButtons.map((button) => button.dataset.date))).sort();
    const previous = document.getElementById("previous-date");
    const next = document.getElementById("next-date");
    const toggles = new Map(
      Array.from(document.querySelectorAll(".layer-item input[type=checkbox]")).map((box) => [box.value, box]),
    );

    function say(message) {
      element("span", notice, message);
      notice.hidden = false;
    }

    function busy(change) {
      app.pending += change;
      if (!app.pending) window.idlibmapDrawn = { ...app.drawn };
      document.documentElement.dataset.drawn = app.pending ? "" : app.date;
      map.getContainer().setAttribute("aria-busy", app.pending ? "true" : "false");
    }

    function draw(spec, collection) {
      const group = app.groups[spec.id];
      const className = "layer-" + spec.id;
      const pane = "pane-" + spec.id;
      const renderer = app.renderers[spec.id];
      const hatch = renderer ? null : app.hatch;
      group.clearLayers();
      app.drawn[spec.id] = collection.features.length;
      const drawn = L.geoJSON(collection, {
        pane,
        className,
        renderer,
        style: (feature) => pathOptions(collection.styles[feature.style], hatch),
        pointToLayer: (feature, latlng) => renderer ? L.circleMarker(latlng, {
          ...pathOptions(collection.styles[feature.style], hatch),
          pane,
          renderer,
          radius: collection.styles[feature.style].radius,
        }) : L.marker(latlng, {
          pane,
          icon: markerIcon(collection.styles[feature.style], className, config),
          title: feature.properties.name,
          riseOnHover: true,
        }),
        onEachFeature: (feature, layer) => {
          if (!renderer) layer.bindPopup(() => popupContent(feature, spec, config), { maxWidth: 320 });
          if (spec.gazetteer) {
            const value = feature.properties[spec.labelRank];
            const rank = Number.isInteger(value) ? " rank-" + value : "";
            layer.bindTooltip(element("span", null, feature.properties.name), {
              permanent: true, direction: "right", className: "place-label" + rank, offset: [4, 0],
            });
          }
        },
      });
      // On a canvas, one popup for the whole layer rather than one per feature: cheaper to draw a new date.
      if (renderer) drawn.bindPopup((layer) => popupContent(layer.feature, spec, config), { maxWidth: 320 });
      group.addLayer(drawn);
    }

    function load(spec) {
      const token = (app.tokens[spec.id] || 0) + 1;
      app.tokens[spec.id] = token;
      busy(1);
      app.source.layer(spec.id, app.date)
        .then((collection) => {
          if (app.tokens[spec.id] === token && app.shown.has(spec.id)) draw(spec, collection);
        })
        .catch((error) => say("The layer “" + spec.title + "” could not be loaded: " + error.message))
        .finally(() => busy(-1));
    }

    function writeAddress() {
      const params = new URLSearchParams({ date: app.date });
      if (app.shown.size !== ids.length) params.set("layers", ids.filter((id) => app.shown.has(id)).join(","));
      try {
        history.replaceState(null, "", "?" + params.toString().replace(/%2C/g, ","));
      } catch (error) {
        // A page opened from disk may not be allowed to change its address; the map works all the same.
      }
    }

    /* Switch a layer on or off (its checkbox, legend lines and feature group); the caller loads its features. */
    function setShown(spec, visible) {
      const group = app.groups[spec.id];
      toggles.get(spec.id).checked = visible;
      toggles.get(spec.id).closest(".layer-item").classList.toggle("off", !visible);
      if (visible) {
        app.shown.add(spec.id);
        map.addLayer(group);
      } else {
        app.shown.delete(spec.id);
        delete app.drawn[spec.id];
        map.removeLayer(group);
        group.clearLayers();
      }
    }

    function setDate(date) {
      app.date = date;
      input.value = date;
      const words = new Date(date + "T00:00:00Z").toLocaleDateString("en-GB", {
        day: "numeric", month: "long", year: "numeric", timeZone: "UTC",
      });
      document.getElementById("date-caption").textContent = "The situation on " + words;
      const before = keyDates.filter((key) => key < date);
      const after = keyDates.filter((key) => key > date);
      const latest = keyDates.filter((key) => key <= date).pop();
      previous.disabled = !before.length;
      next.disabled = !after.length;
      previous.title = before.length ? "Previous key date: " + before[before.length - 1] : "No earlier key date";
      next.title = after.length ? "Next key date: " + after[0] : "No later key date";
      keyButtons.forEach((button) => {
        const key = button.dataset.date;
        button.classList.toggle("later", key > date);
        button.classList.toggle("latest", key === latest);
        if (key === date) button.setAttribute("aria-current", "date");
        else button.removeAttribute("aria-current");
      });
      const current = keyButtons.find((button) => button.dataset.date === latest);
      if (current) {
        const list = current.closest(".key-dates");
        list.scrollTop = current.offsetTop - list.clientHeight / 3; // the list is the button's offsetParent
      }
      config.layers.filter((spec) => app.shown.has(spec.id)).forEach(load);
      busy(0); // drawn at once when no layer is shown
      writeAddress();
    }

    // The state the address asks for: an unusable date or unknown layers are reported, not fatal.
    const params = new URLSearchParams(window.location.search);
    let date = config.defaultDate;
    if (params.has("date")) {
      const asked = params.get("date");
      input.value = asked; // a date input keeps only a real day in the form YYYY-MM-DD
      if (input.value === asked) date = asked;
      else say("The address asks for the date “" + asked + "”, which is not a day (YYYY-MM-DD); showing " + date + ". ");
    }
    let wanted = ids;
    if (params.has("layers")) {
      wanted = params.get("layers").split(",").filter(Boolean);
      const unknown = wanted.filter((id) => !ids.includes(id));
      if (unknown.length) say("Not layers of this map, left out: " + unknown.join(", ") + ". ");
    }
    config.layers.forEach((spec) => setShown(spec, wanted.includes(spec.id)));
    setDate(date);

    input.addEventListener("change", () => {
      if (input.value) setDate(input.value);
    });
    previous.addEventListener("click", () => setDate(keyDates.filter((key) => key < app.date).pop()));
    next.addEventListener("click", () => setDate(keyDates.find((key) => key > app.date)));
    keyButtons.forEach((button) => button.addEventListener("click", () => setDate(button.dataset.date)));
    config.layers.forEach((spec) => {
      toggles.get(spec.id).addEventListener("change", (event) => {
        setShown(spec, event.target.checked);
        if (event.target.checked) load(spec);
        writeAddress();
      });
    });

    const online = document.getElementById("online-tiles");
    let tilesFailed = false;
    options.tiles.on("tileerror", () => {
      if (!tilesFailed) say("The online tiles could not be loaded; the offline base map stays underneath. ");
      tilesFailed = true;
    });
    online.addEventListener("change", () => (online.checked ? map.addLayer(options.tiles) : map.removeLayer(options.tiles)));

    startSearch(app, say);
  }

  /* Place search over the gazetteer layers, in the browser: pick a name (or type part of one and press Enter). */
  function startSearch(app, say) {
    const form = document.getElementById("place-search");
    const input = document.getElementById("place-input");
    const names = document.getElementById("place-names");
    const places = [];
    const gazetteers = app.config.layers.filter((spec) => spec.gazetteer);
    Promise.all(gazetteers.map((spec) => app.source.layer(spec.id, null).then((collection) => {
      collection.features.forEach((feature) => places.push({ feature, spec }));
    }))).then(() => {
      places.sort((a, b) => a.feature.properties.name.localeCompare(b.feature.properties.name));
      places.forEach((place) => {
        element("option", names).value = place.feature.properties.name;
      });
    }).catch((error) => say("The place names could not be loaded: " + error.message + ". "));

    function find(text) {
      const wanted = text.trim().toLowerCase();
      const name = (place) => place.feature.properties.name.toLowerCase();
      return places.find((place) => name(place) === wanted) ||
        places.find((place) => name(place).startsWith(wanted)) ||
        places.find((place) => name(place).includes(wanted));
    }

    function go() {
      const place = input.value.trim() && find(input.value);
      if (!place) {
        input.setCustomValidity("No place of that name on the map");
        input.reportValidity();
        return;
      }
      const [lng, lat] = place.feature.geometry.coordinates;
      app.map.setView([lat, lng], Math.max(app.map.getZoom(), 11));
      L.popup({ maxWidth: 320 }).setLatLng([lat, lng])
        .setContent(popupContent(place.feature, place.spec, app.config)).openOn(app.map);
    }

    input.addEventListener("input", (event) => {
      input.setCustomValidity("");
      if (event.inputType === "insertReplacementText" || !(event instanceof InputEvent)) go();
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      go();
    });
  }

  /* The offline background: countries and provinces, drawn under every layer and styled by the stylesheet. */
  function baseMap(map, parts, labels, attribution) {
    map.createPane("basemap").style.zIndex = "250";
    Object.entries(parts).forEach(([part, collection], index) => {
      L.geoJSON(collection, {
        pane: "basemap",
        className: "basemap-" + part,
        interactive: false,
        attribution: index === 0 ? attribution : undefined,
      }).addTo(map);
    });
    labels.forEach((place) => {
      L.marker([place.lat, place.lng], {
        pane: "basemap",
        interactive: false,
        keyboard: false,
        icon: L.divIcon({
          className: "basemap-label basemap-label-" + place.part,
          html: element("span", null, place.name),
          iconSize: null,
        }),
      }).addTo(map);
    });
  }

  /* Show the map's frame in the part of the window that the side panels leave free (all of it when narrow). */
  function fitFrame(map, frame) {
    const width = map.getSize().x;
    const left = document.getElementById("date-panel").offsetWidth + 20;
    const right = document.getElementById("layer-panel").offsetWidth + 20;
    const roomy = width - left - right > width / 3;
    const padding = roomy ? { paddingTopLeft: [left, 0], paddingBottomRight: [right, 0] } : {};
    map.fitBounds(frame, { ...padding, animate: false }); // no animation: labels added meanwhile would drift
  }

  /* A panel of the page's markup, placed in a corner of the map as a Leaflet control. */
  function panel(map, id, position) {
    const node = document.getElementById(id);
    L.DomEvent.disableClickPropagation(node);
    L.DomEvent.disableScrollPropagation(node);
    const Panel = L.Control.extend({ onAdd: () => node });
    new Panel({ position }).addTo(map);
  }

  window.IdlibMap = { start, baseMap, panel };
})();
