/*
 * Place search over the gazetteer layers, in the browser (no geocoder): pick a name, or type part of one and press
 * Enter; the map goes to the place and opens its popup. The names are every feature of the gazetteer layers, from
 * the same data the layers are drawn from (source.js), offered in the page's language where the data has it; a
 * place is found by any of its names.
 */

import { element, say } from "./core.js";
import { languageCode, localName, nameKeys, t } from "./i18n.js";
import { popupContent } from "./popup.js";

export function startSearch(map, config, source) {
  const form = document.getElementById("place-search");
  const input = document.getElementById("place-input");
  const names = document.getElementById("place-names");
  const places = [];
  const gazetteers = config.layers.filter((spec) => spec.gazetteer);
  const keys = nameKeys(); // a place is found by its name in any language
  Promise.all(gazetteers.map((spec) => source.layer(spec.id).then((data) => {
    data.features.forEach((feature) => places.push({ feature, spec, name: localName(feature.properties) }));
  }))).then(() => {
    places.sort((a, b) => a.name.localeCompare(b.name, languageCode()));
    places.forEach((place) => {
      element("option", names).value = place.name;
    });
  }).catch((error) => say(t("search.failed", { error: error.message }) + " "));

  function find(text) {
    const wanted = text.trim().toLocaleLowerCase();
    const named = (place, fits) => keys.some((key) => {
      const name = place.feature.properties[key];
      return name && fits(name.toLocaleLowerCase());
    });
    return places.find((place) => named(place, (name) => name === wanted)) ||
      places.find((place) => named(place, (name) => name.startsWith(wanted))) ||
      places.find((place) => named(place, (name) => name.includes(wanted)));
  }

  function go() {
    const place = input.value.trim() && find(input.value);
    if (!place) {
      input.setCustomValidity(t("search.not_found"));
      input.reportValidity();
      return;
    }
    const [lng, lat] = place.feature.geometry.coordinates;
    map.setView([lat, lng], Math.max(map.getZoom(), 11));
    L.popup({ maxWidth: 320 }).setLatLng([lat, lng])
      .setContent(popupContent(place.feature, place.spec, config.qualities)).openOn(map);
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
