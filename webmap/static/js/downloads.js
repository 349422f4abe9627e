/*
 * "Download": the view, date, layers and language on screen as the print-ready static map, PNG, PDF or SVG (the
 * served page asks GET export/<date>.<format>?layers=a,b&bbox=W,S,E,N&lang=..., which draws it as `idlibmap export
 * --bbox` does; the static copy, which has no server, says so and offers the printed maps it was built with,
 * window.IDLIBMAP_PRINTS from prints.js), and the features of the date in the layers shown as one GeoJSON file,
 * taken from the data the page has (the same selection as the map's).
 */

import { element } from "./core.js";
import { addressLanguage, formatDate, t } from "./i18n.js";
import { periodOf, selection } from "./source.js";

const FORMATS = ["png", "pdf", "svg"];
/* Decimals of the view's degrees sent to the server: about a metre. */
const VIEW_DECIMALS = 5;

/* Hand `blob` to the browser as a file called `name`. */
function save(blob, name) {
  const link = Object.assign(document.createElement("a"), { href: URL.createObjectURL(blob), download: name });
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(link.href), 60000);
}

/* An error answer's words: its JSON error, else its status. */
function failure(response) {
  return response.json().then((body) => body.error, () => response.statusText);
}

/* The file name the server gives a map (Content-Disposition), else `fallback`. */
function fileName(response, fallback) {
  const match = /filename="?([^";]+)"?/.exec(response.headers.get("Content-Disposition") || "");
  return match ? match[1] : fallback;
}

/* The view on screen as W,S,E,N in degrees. */
function viewOf(map) {
  const bounds = map.getBounds();
  return [bounds.getWest(), bounds.getSouth(), bounds.getEast(), bounds.getNorth()]
    .map((value) => value.toFixed(VIEW_DECIMALS)).join(",");
}

export function downloadPanel(config, source, map) {
  const panel = document.getElementById("download-panel");
  const mapText = panel.querySelector(".download-map");
  const prints = panel.querySelector(".download-prints");
  const dataText = panel.querySelector(".download-data");
  const status = panel.querySelector(".download-status");
  const geojson = document.getElementById("download-geojson");
  const embedded = config.source === "embedded";
  let date = null;
  let shown = [];

  const buttons = embedded ? [] : FORMATS.map((format) => {
    const button = element("button", element("li", prints), t("download." + format));
    button.type = "button";
    button.dataset.format = format;
    button.addEventListener("click", () => exportMap(format));
    return button;
  });

  /* The static map of the view, date, layers and language on screen, drawn by the server. */
  function exportMap(format) {
    const asked = { layers: shown.join(","), bbox: viewOf(map) };
    if (addressLanguage()) asked.lang = addressLanguage();
    const query = new URLSearchParams(asked).toString().replace(/%2C/g, ",");
    status.textContent = t("download.working");
    buttons.forEach((button) => (button.disabled = true));
    fetch("export/" + date + "." + format + "?" + query)
      .then((response) => {
        if (response.status === 503) {
          status.textContent = t("download.busy", { seconds: response.headers.get("Retry-After") || "10" });
          return null;
        }
        if (!response.ok) return failure(response).then((error) => Promise.reject(new Error(error)));
        const name = fileName(response, config.fileStem + "-" + date + "." + format);
        return response.blob().then((blob) => {
          save(blob, name);
          status.textContent = t("download.saved", { file: name });
        });
      })
      .catch((error) => (status.textContent = t("download.failed", { error: error.message })))
      .finally(() => buttons.forEach((button) => (button.disabled = !shown.length)));
  }

  /* The printed maps the static copy has: the atlas, and its page of the latest key date up to the date. */
  function printedMaps() {
    const printed = window.IDLIBMAP_PRINTS || { atlas: null, pages: {} };
    prints.replaceChildren();
    const latest = Object.keys(printed.pages).filter((day) => day <= date).sort().pop();
    if (latest) {
      const text = t("download.atlas_page", { date: formatDate(latest, "long") });
      element("a", element("li", prints), text).href = printed.pages[latest];
    }
    if (printed.atlas) element("a", element("li", prints), t("download.atlas")).href = printed.atlas;
    if (!prints.children.length) element("li", prints, t("download.no_prints"));
  }

  /* The features of the date in the layers shown, each with its layer's id, as one FeatureCollection. */
  function saveFeatures() {
    const on = date;
    const standing = (data) => selection(data).moveTo(periodOf(data, on)).added;
    Promise.all(shown.map((id) => source.layer(id).then((data) =>
      standing(data).map((index) => ({
        type: "Feature",
        geometry: data.features[index].geometry,
        properties: { ...data.features[index].properties, layer: id },
      })))))
      .then((layers) => {
        const collection = { type: "FeatureCollection", date: on, features: layers.flat() };
        const name = config.fileStem + "-" + on + ".geojson";
        save(new Blob([JSON.stringify(collection)], { type: "application/geo+json" }), name);
        status.textContent = t("download.saved", { file: name });
      })
      .catch((error) => (status.textContent = t("download.failed", { error: error.message })));
  }
  geojson.addEventListener("click", saveFeatures);

  return {
    /* The date and the layers (ids) on screen changed. */
    show(newDate, shownIds) {
      date = newDate;
      shown = shownIds;
      const day = formatDate(date, "long");
      if (embedded) mapText.textContent = t("download.printed", { language: config.languages[0].name });
      else mapText.textContent = shown.length ? t("download.map", { date: day }) : t("download.no_layers");
      dataText.textContent = t("download.data", { date: day });
      buttons.forEach((button) => (button.disabled = !shown.length));
      geojson.disabled = !shown.length;
      if (embedded) printedMaps();
    },
  };
}
