/*
 * Place search over the gazetteer layers, in the browser (no geocoder): pick a name, or type part of one and press
 * Enter; the map goes to the place and opens its popup. The names are every feature of the gazetteer layers, from
 * the same data the layers are drawn from (source.js).
 */
(function (IdlibMap) {
  "use strict";

  function startSearch(map, config, source) {
    const form = document.getElementById("place-search");
    const input = document.getElementById("place-input");
    const names = document.getElementById("place-names");
    const places = [];
    const gazetteers = config.layers.filter((spec) => spec.gazetteer);
    Promise.all(gazetteers.map((spec) => source.layer(spec.id).then((data) => {
      data.features.forEach((feature) => places.push({ feature, spec }));
    }))).then(() => {
      places.sort((a, b) => a.feature.properties.name.localeCompare(b.feature.properties.name));
      places.forEach((place) => {
        IdlibMap.element("option", names).value = place.feature.properties.name;
      });
    }).catch((error) => IdlibMap.say("The place names could not be loaded: " + error.message + ". "));

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
      map.setView([lat, lng], Math.max(map.getZoom(), 11));
      L.popup({ maxWidth: 320 }).setLatLng([lat, lng])
        .setContent(IdlibMap.popupContent(place.feature, place.spec, config.qualities)).openOn(map);
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

  IdlibMap.startSearch = startSearch;
})(window.IdlibMap);
