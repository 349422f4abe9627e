/*
 * A feature's popup: its layer, name (and other names), dates, details (and what a missing one means), note, why
 * it differs from the ground where a source explains it, where the sources disagree (each version with its sources,
 * the one drawn marked), how exact its position is, and its sources as links.
 */
(function (IdlibMap) {
  "use strict";

  const element = IdlibMap.element;
  // Properties shown in their own place in a popup (or not at all), rather than in its list of details.
  const OWN_PLACE = new Set([
    "id", "name", "name_ar", "name_tr", "valid_from", "valid_to", "date_precision", "sources",
    "geometry_quality", "note", "entity_id", "disputes", "control_exception",
  ]);

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

  /* Sources as a list of links (only http(s) addresses become links). */
  function sourceList(parent, sources) {
    const list = element("ul", parent, null, "popup-sources");
    sources.forEach((source) => {
      const item = element("li", list);
      const safe = /^https?:\/\//i.test(source.url || "");
      const title = element(safe ? "a" : "span", item, source.title || source.url);
      if (safe) Object.assign(title, { href: source.url, target: "_blank", rel: "noopener noreferrer" });
      if (source.date) item.appendChild(document.createTextNode(" (" + source.date + ")"));
    });
    return list;
  }

  /* Where the sources disagree: each fact with its versions side by side, the version drawn marked. */
  function disputes(parent, list) {
    const section = element("section", parent, null, "popup-disputes");
    element("h3", section, "Where the sources disagree");
    list.forEach((dispute) => {
      element("h4", section, dispute.label || label(dispute.fact));
      const versions = element("ul", section, null, "popup-versions");
      dispute.versions.forEach((version) => {
        const item = element("li", versions, null, version.drawn ? "drawn" : null);
        element("span", item, value(version.value), "version-value");
        if (version.drawn) element("span", item, "drawn on the map", "version-drawn");
        sourceList(item, version.sources || []);
      });
    });
  }

  /* The popup's content (an element) of `feature` of the layer `spec`; `qualities`: label by geometry quality. */
  function popupContent(feature, spec, qualities) {
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
    // A property the layer's features may lack, and what its absence means (e.g. a figure no source gives).
    Object.entries(spec.whenAbsent || {}).filter(([key]) => !(key in p)).forEach(([key, meaning]) => {
      element("dt", details, label(key));
      element("dd", details, meaning, "popup-absent");
    });
    if (p.note) element("p", root, p.note, "popup-note");
    if (p.control_exception) {
      const exception = element("p", root, null, "popup-exception");
      exception.textContent = "Why it differs from the ground drawn: " + p.control_exception.reason;
      sourceList(root, p.control_exception.sources || []);
    }
    if (Array.isArray(p.disputes) && p.disputes.length) disputes(root, p.disputes);
    if (p.geometry_quality) element("p", root, qualities[p.geometry_quality] || p.geometry_quality, "popup-quality");
    if (Array.isArray(p.sources) && p.sources.length) {
      element("h3", root, "Sources");
      sourceList(root, p.sources);
    }
    return root;
  }

  IdlibMap.popupContent = popupContent;
})(window.IdlibMap);
