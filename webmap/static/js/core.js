/*
 * The situation map in the browser, core: the namespace window.IdlibMap that the map's scripts share, and the
 * DOM helpers they all use.
 *
 * The page loads the scripts in the order of webmap/assets.py SCRIPTS; each adds one job to IdlibMap, and app.js
 * (IdlibMap.start, called by map.js) wires them together. The page's markup (panels, legend) is rendered on the
 * server. Text from the data only ever reaches the page as textContent or attribute values, never as HTML.
 */
(function () {
  "use strict";

  const IdlibMap = (window.IdlibMap = window.IdlibMap || {});
  const SVG_NS = "http://www.w3.org/2000/svg";

  /* A new HTML element with `text` as its text, appended to `parent` when given. */
  IdlibMap.element = function (tag, parent, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    if (parent) parent.appendChild(node);
    return node;
  };

  /* A new SVG element with the given attributes. */
  IdlibMap.svgElement = function (tag, attributes) {
    const node = document.createElementNS(SVG_NS, tag);
    Object.entries(attributes).forEach(([name, value]) => node.setAttribute(name, String(value)));
    return node;
  };

  /* Tell the reader something in the notice line (a role="status" region, shown once it has something to say). */
  IdlibMap.say = function (message) {
    const notice = document.getElementById("notice");
    IdlibMap.element("span", notice, message);
    notice.hidden = false;
  };
})();
