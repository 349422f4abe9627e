/*
 * The layer panel: one on/off checkbox per layer (labelled with its title), the layer's legend under it, which folds,
 * and for a layer with style choices the choice of how it is styled. The markup is the server's (webmap/controls.py
 * LayerPanel); this module gives it its behaviour.
 *
 * Each legend folds under its layer (its button has aria-expanded): a legend of several lines starts open, one of a
 * single line starts folded (its symbol stands beside the title). So that every layer's legend is reachable without
 * scrolling past the others', the panel, when it is laid out and whenever the reader opens a legend, folds other
 * open legends until it no longer scrolls: the quality legend first, then those of the layers switched off, then the
 * shortest (of fewest lines: they tell least), the panel's last first among equals. Where it still scrolls (a phone,
 * whose rows are a finger's height), it scrolls itself to show the legend opened, its layer's row kept in view.
 */

/* The panel; `toggle(spec, visible)` is called when the reader switches a layer, `restyle(spec, property)` when they
   choose how a layer is styled (property "" for the maps' own style). set(spec, visible) shows a layer's state (its
   checkbox, and its legend dimmed when off); setStyle(spec, property) shows a layer's choice (its radio button and
   its legend); fit() folds legends until the panel does not scroll. */
export function layerPanel(config, toggle, restyle) {
  const panel = document.getElementById("layer-panel");
  const items = new Map(Array.from(panel.querySelectorAll(".layer-item")).map((item) => [item.dataset.layer, item]));
  const folds = Array.from(panel.querySelectorAll("button.legend-fold"));

  function setFold(button, open) {
    button.setAttribute("aria-expanded", String(open));
    document.getElementById(button.getAttribute("aria-controls")).hidden = !open;
  }

  /* Fold open legends (but `keep`) until the panel does not scroll, when it is shown: the quality legend, those of
     the layers off, then the shortest. */
  function fit(keep) {
    if (panel.hidden) return;
    const open = folds.filter((button) => button.getAttribute("aria-expanded") === "true" && button !== keep);
    const item = (button) => button.closest(".layer-item");
    const lines = (button) => item(button).querySelectorAll(".legend:not([hidden]) li").length;
    const off = (button) => item(button).classList.contains("off");
    const layers = open.filter(item).reverse().sort((a, b) => off(b) - off(a) || lines(a) - lines(b));
    for (const button of [...open.filter((button) => !item(button)), ...layers]) {
      if (panel.scrollHeight <= panel.clientHeight) break;
      setFold(button, false);
    }
  }

  /* Scroll the panel, if it must, to show the legend of `button` whole, and its row above it. */
  function reveal(button) {
    const shown = panel.getBoundingClientRect();
    const head = button.parentElement.getBoundingClientRect();
    const legend = document.getElementById(button.getAttribute("aria-controls")).getBoundingClientRect();
    const below = legend.bottom - shown.bottom;
    if (below > 0) panel.scrollTop += Math.min(below, head.top - shown.top);
  }

  folds.forEach((button) => {
    button.addEventListener("click", () => {
      const open = button.getAttribute("aria-expanded") !== "true";
      setFold(button, open);
      if (open) {
        fit(button);
        reveal(button);
      }
    });
  });

  function setStyle(spec, property) {
    const item = items.get(spec.id);
    item.querySelectorAll("input[type=radio]").forEach((radio) => (radio.checked = radio.value === property));
    item.querySelectorAll(".legend[data-style]").forEach((legend) => (legend.hidden = legend.dataset.style !== property));
  }

  config.layers.forEach((spec) => {
    const item = items.get(spec.id);
    item.querySelector("input[type=checkbox]").addEventListener("change", (event) => toggle(spec, event.target.checked));
    item.querySelectorAll("input[type=radio]").forEach((radio) => {
      radio.addEventListener("change", () => {
        setStyle(spec, radio.value);
        restyle(spec, radio.value);
        fit(item.querySelector("button.legend-fold")); // the other legend may be longer
      });
    });
  });

  return {
    set(spec, visible) {
      const item = items.get(spec.id);
      item.querySelector("input[type=checkbox]").checked = visible;
      item.classList.toggle("off", !visible);
    },
    setStyle,
    /* Fold open legends until the panel does not scroll (see fit). */
    fit: () => fit(null),
  };
}
