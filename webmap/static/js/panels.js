/*
 * The page's panels (date, layers, search) as Leaflet controls in the map's corners, and the first view fitted to
 * the room they leave.
 */
(function (IdlibMap) {
  "use strict";

  /* A panel of the page's markup (by element id), placed in a corner of the map as a Leaflet control. */
  function panel(map, id, position) {
    const node = document.getElementById(id);
    L.DomEvent.disableClickPropagation(node);
    L.DomEvent.disableScrollPropagation(node);
    const Panel = L.Control.extend({ onAdd: () => node });
    new Panel({ position }).addTo(map);
  }

  /* Show `bounds` ([[south, west], [north, east]]) in the part of the window that the side panels leave free (all of
     it when narrow). */
  function fitView(map, bounds) {
    const width = map.getSize().x;
    const left = document.getElementById("date-panel").offsetWidth + 20;
    const right = document.getElementById("layer-panel").offsetWidth + 20;
    const roomy = width - left - right > width / 3;
    const padding = roomy ? { paddingTopLeft: [left, 0], paddingBottomRight: [right, 0] } : {};
    map.fitBounds(bounds, { ...padding, animate: false }); // no animation: labels added meanwhile would drift
  }

  Object.assign(IdlibMap, { panel, fitView });
})(window.IdlibMap);
