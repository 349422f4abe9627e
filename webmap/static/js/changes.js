/*
 * "What changed": between an earlier day ("Since": the previous key date unless the reader chooses one) and the
 * date on screen, what appeared, disappeared or changed state, counted by layer and by what each change counts as,
 * each entry naming the feature; a click flies the map to it, and every feature listed is ringed on the map while
 * the panel is open (highlights.js).
 *
 * The rule of what changed is geo's (geo.model.catalog.Catalog.diff and Change.kind): the served page asks
 * GET api/diff; the static copy has no server and reads config.changes, what changed since each key date, so it
 * compares with the previous key date only (the panel says so).
 */

import { element } from "./core.js";
import { formatDate, formatNumber, has, nameElement, t } from "./i18n.js";
import { viewPadding } from "./panels.js";

const day = (date) => formatDate(date, "long");

/* The changes from `from` to `to`: a promise of geo's list ({layer, entity, change, kind, before, after}). */
function loader(config) {
  if (config.source === "embedded") {
    return (from, to) => {
      const found = (config.changes[from] || []).filter(([until]) => until <= to).pop();
      return Promise.resolve(found ? found[1] : []);
    };
  }
  return (from, to) => fetch("api/diff?" + new URLSearchParams({ from, to })).then((response) =>
    response.json().then((body) => {
      if (!response.ok) throw new Error(body.error || response.statusText);
      return body;
    }),
  );
}

/* What a change counts as, in words: its new state's legend label ("New: Post standing", "Now: Town held by the
   government"), or the change itself ("New", "Changed", "Gone"). */
function heading(spec, change, kind) {
  if (kind === change) return t("changes." + change);
  const label = stateLabel(spec, kind);
  return t(change === "appeared" ? "changes.new_state" : "changes.now_state", { state: label });
}

/* A state in words: the layer's legend label for it (the manifest's), else the page's word for the value. */
function stateLabel(spec, state) {
  const key = "layer." + spec.id + ".value." + state;
  return t(has(key) ? key : "value." + state);
}

/* The numbers the layer's sources give (config.layers[].sourcedNumbers) among the changes, as reported before and
   after: each distinct figure once (routes share their period's total), never a sum. */
function figures(parent, spec, changes) {
  spec.sourcedNumbers.forEach((name) => {
    const reported = (side) => changes.map((change) => change[side] && change[side][name]).filter((v) => v != null);
    if (!reported("before").length && !reported("after").length) return;
    const written = (side) => Array.from(new Set(reported(side))).sort((a, b) => a - b)
      .map(formatNumber).join(", ") || t("changes.no_figure");
    const text = t("changes.figure", {
      property: t("property." + name), before: written("before"), after: written("after"),
    });
    element("p", parent, text, "changes-figure");
  });
}

/* `items` in groups by `key(item)`, in the order each key first comes. */
function groupBy(items, key) {
  const groups = new Map();
  items.forEach((item) => {
    if (!groups.has(key(item))) groups.set(key(item), []);
    groups.get(key(item)).push(item);
  });
  return groups;
}

export function changesPanel(map, config, source, highlights, folds) {
  const fromInput = document.getElementById("changes-from");
  const panel = document.getElementById("changes-panel");
  const until = panel.querySelector(".changes-to");
  const summary = panel.querySelector(".changes-summary");
  const list = panel.querySelector(".changes-list");
  const load = loader(config);
  const keyDates = Array.from(new Set(config.keyDates.map((entry) => entry.date))).sort();
  const indexes = new Map(); // layer id -> promise of its features by id
  let date = null;
  let chosen = null; // the day the reader chose to compare with, if any
  let open = false;
  let ticket = 0;

  const embedded = config.source === "embedded";
  panel.querySelector(".changes-note").hidden = !embedded;
  fromInput.readOnly = embedded;
  fromInput.addEventListener("change", () => {
    chosen = fromInput.value || null;
    refresh();
  });

  function feature(layerId, id) {
    if (!indexes.has(layerId)) {
      indexes.set(layerId, source.layer(layerId).then((data) =>
        new Map(data.features.map((f) => [f.properties.id, f]))));
    }
    return indexes.get(layerId).then((byId) => byId.get(id));
  }

  const shownOf = (change) => change.after || change.before;

  function fly(change) {
    feature(change.layer, shownOf(change).id).then((found) => {
      if (!found) return;
      const bounds = L.geoJSON(found).getBounds().pad(found.geometry.type === "Point" ? 0 : 0.1);
      if (folds.compact()) folds.close("changes-panel", { keep: true });
      map.flyToBounds(bounds, { ...viewPadding(map), maxZoom: 11, duration: 0.8 });
      highlights.focus(found);
    });
  }

  function entry(parent, spec, change) {
    const button = element("button", element("li", parent));
    button.type = "button";
    nameElement("span", button, shownOf(change), "change-name");
    const was = change.change === "changed" && change.kind !== "changed" && change.before[spec.stateProperty];
    if (was) element("span", button, t("changes.was", { state: stateLabel(spec, was) }), "change-was");
    const figure = spec.sourcedNumbers.find((name) => change.after && name in change.after);
    if (figure) element("span", button, formatNumber(change.after[figure]), "change-figure");
    button.addEventListener("click", () => fly(change));
  }

  /* The changes from `from` to the date on screen, listed; their features ringed unless a newer list (another
     `mine`) came meanwhile. */
  function render(from, changes, mine) {
    list.replaceChildren();
    summary.textContent = changes.length
      ? t("changes.count", { from: day(from), to: day(date), count: formatNumber(changes.length) })
      : t("changes.none", { from: day(from), to: day(date) });
    const byLayer = groupBy(changes, (change) => change.layer);
    // The layer panel's order: the top layer first.
    config.layers.slice().reverse().filter((spec) => byLayer.has(spec.id)).forEach((spec) => {
      const found = byLayer.get(spec.id);
      const section = element("section", list, null, "changes-layer");
      const title = element("h3", section, t("layer." + spec.id + ".title"));
      element("span", title, formatNumber(found.length), "changes-count");
      figures(section, spec, found);
      groupBy(found, (change) => change.change + " " + change.kind).forEach((members) => {
        const head = element("h4", section, heading(spec, members[0].change, members[0].kind));
        element("span", head, formatNumber(members.length), "changes-count");
        const items = element("ul", section, null, "changes-entries");
        members.forEach((change) => entry(items, spec, change));
      });
    });
    Promise.all(changes.map((change) => feature(change.layer, shownOf(change).id))).then((features) => {
      if (open && mine === ticket) highlights.show(features.filter(Boolean));
    });
  }

  function refresh() {
    if (!open || date === null) return;
    const from = chosen && chosen < date ? chosen : keyDates.filter((key) => key < date).pop() || null;
    fromInput.value = from || "";
    until.textContent = t("changes.until", { date: day(date) });
    const mine = ++ticket;
    if (!from) {
      list.replaceChildren();
      highlights.clear();
      summary.textContent = t(chosen ? "changes.not_before" : "changes.no_earlier", { date: day(date) });
      return;
    }
    load(from, date)
      .then((changes) => mine === ticket && render(from, changes, mine))
      .catch((error) => {
        if (mine === ticket) summary.textContent = t("changes.failed", { error: error.message });
      });
  }

  return {
    /* The date on screen changed. */
    show(newDate) {
      date = newDate;
      refresh();
    },
    /* The panel was opened (true) or closed (false; with `keep`, closed only to show the map, rings kept). */
    setOpen(isOpen, keep) {
      open = isOpen || Boolean(keep);
      if (isOpen) refresh();
      else if (!keep) highlights.clear();
    },
  };
}
