/*
 * Place labels, by the manifest's label ranks ([map] label_ranks, given as config.labelRanks: rank, screen_size in
 * CSS pixels, weight, min_zoom): a rank is labelled from its min_zoom on, so fewer names show when zoomed out, in
 * its own size and weight. A label whose rank the table does not list is always shown, in the stylesheet's font.
 * A place is labelled in the page's language where the data has its name in it (i18n.js nameElement).
 */

import { nameElement } from "./i18n.js";

/* The labels of `map`: bind(layer, feature, rankProperty) gives a gazetteer feature's Leaflet layer its label. */
export function placeLabels(map, ranks) {
  const byRank = new Map(ranks.map((entry) => [entry.rank, entry]));

  // The label (the tooltip holding `text`) hidden, not removed, so that it keeps its size and place for when it
  // shows again; hidden whole, so that no empty tooltip is left for a screen reader.
  function fitZoom(text, entry) {
    text.parentElement.style.visibility = map.getZoom() >= entry.min_zoom ? "" : "hidden";
  }

  map.on("zoomend", () => {
    map.getContainer().querySelectorAll(".place-label [data-rank]").forEach((text) => {
      fitZoom(text, byRank.get(Number(text.dataset.rank)));
    });
  });

  return {
    bind(layer, feature, rankProperty) {
      const text = nameElement("span", null, feature.properties);
      const entry = byRank.get(feature.properties[rankProperty]);
      if (entry) {
        text.dataset.rank = String(entry.rank);
        text.style.fontSize = entry.screen_size + "px";
        text.style.fontWeight = entry.weight;
        layer.on("tooltipopen", () => fitZoom(text, entry));
      }
      layer.bindTooltip(text, { permanent: true, direction: "right", className: "place-label", offset: [4, 0] });
    },
  };
}
