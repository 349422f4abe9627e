/*
 * How a style row (one of a layer's `styles`, resolved on the server by geo.model.style, its dash already scaled to its
 * weight by webmap.styling) is drawn in Leaflet: path options, hatch patterns and point markers.
 */

import { svgElement } from "./core.js";

/* SVG hatch patterns, one per colour, cloned from the page's #hatch-template (the legend uses the same):
   returns a function of a style giving the fill "url(#hatch-N)". */
export function hatchPatterns() {
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

/* Leaflet's path options of a style; `hatch` (from hatchPatterns) is null on a canvas, which draws no SVG
   pattern (plain fill). */
export function pathOptions(style, hatch) {
  const hatched = style.hatch && hatch;
  return {
    color: style.color,
    weight: style.weight,
    opacity: style.opacity,
    dashArray: style.dash || null,
    fillColor: hatched ? hatch(style) : style.fill_color,
    fillOpacity: hatched ? 1 : style.fill_opacity,
  };
}

/* A point's marker: the style's shape (config.markers, drawn in a box of config.markerBox) as an SVG icon, in a
   ring (config.ring: solid, or broken) where the style has one. */
export function markerIcon(style, className, config) {
  const ring = config.ring;
  const box = style.ring ? ring.box : config.markerBox;
  const size = Math.round(2 * box * style.radius);
  const svg = svgElement("svg", {
    width: size, height: size, viewBox: [-box, -box, 2 * box, 2 * box].join(" "), "aria-hidden": "true",
  });
  if (style.ring) {
    const circle = svgElement("circle", {
      r: ring.radius,
      fill: "none",
      stroke: style.color,
      "stroke-width": ring.width,
      "vector-effect": "non-scaling-stroke",
    });
    if (style.ring === "broken") circle.setAttribute("stroke-dasharray", ring.dash);
    svg.appendChild(circle);
  }
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
