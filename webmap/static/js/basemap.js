/*
 * The background: the offline base map (countries and provinces with their names) under every layer, in the
 * manifest's [basemap] colours (config.basemap), and the optional online tiles over it. Line widths, dashes and
 * fonts are the stylesheet's.
 */

import { element, say } from "./core.js";
import { t } from "./i18n.js";

/* Leaflet path options of each base map part, from the palette. */
function partStyles(palette) {
  return {
    countries: { fillColor: palette.land, color: palette.coast },
    provinces: { color: palette.province },
  };
}

/* Draw `basemap` ({parts: GeoJSON by part, labels: [{part, name, lat, lng}], attribution}) in `palette`. */
export function baseMap(map, basemap, palette) {
  map.getContainer().style.backgroundColor = palette.sea;
  map.createPane("basemap").style.zIndex = "250";
  const styles = partStyles(palette);
  Object.entries(basemap.parts).forEach(([part, collection], index) => {
    L.geoJSON(collection, {
      pane: "basemap",
      className: "basemap-" + part,
      style: styles[part],
      interactive: false,
      attribution: index === 0 ? basemap.attribution : undefined,
    }).addTo(map);
  });
  basemap.labels.forEach((place) => {
    const text = element("span", null, place.name);
    text.style.color = palette.text;
    L.marker([place.lat, place.lng], {
      pane: "basemap",
      interactive: false,
      keyboard: false,
      icon: L.divIcon({ className: "basemap-label basemap-label-" + place.part, html: text, iconSize: null }),
    }).addTo(map);
  });
}

/* The online tiles (a Leaflet tile layer in the pane "online"), switched by the #online-tiles checkbox; when they
   fail to load, the reader is told once and the offline base map stays underneath. */
export function onlineTiles(map, tiles) {
  map.createPane("online").style.zIndex = "300";
  const box = document.getElementById("online-tiles");
  let failed = false;
  tiles.on("tileerror", () => {
    if (!failed) say(t("layers.tiles_failed") + " ");
    failed = true;
  });
  box.addEventListener("change", () => (box.checked ? map.addLayer(tiles) : map.removeLayer(tiles)));
}
