/*
 * The layer panel: one on/off checkbox per layer (labelled with its title), the layer's legend under it, which folds,
 * and for a layer with style choices the choice of how it is styled. The markup is the server's (webmap/controls.py
 * LayerPanel); this module gives it its behaviour.
 *
 * Each legend folds under its layer (its button has aria-expanded): a legend of several lines starts open, one of a
 * single line starts folded (its symbol stands beside the title). So that every layer's legend is reachable without
 * scrolling past the others', the panel, when it is laid out, folds open legends until it no longer scrolls: the
 * quality legend first, then those of the layers switched off, then the shortest (of fewest lines: they tell least),
 * the panel's last first among equals; the reader's own folds are kept.
 */

/* The panel; `toggle(spec, visible)` is called when the reader switches a layer, `restyle(spec, property)` when they
   choose how a layer is styled (property "" for the maps' own style). set(spec, visible) shows a layer's state (its
   checkbox, and its legend dimmed when off); setStyle(spec, property) shows a layer's choice (its radio button and
   its legend); fit() folds legends until the panel does not scroll. */
export function layerPanel(config, toggle, restyle) {
  const panel = document.getElementById("layer-panel");
  const items = new Map(Array.from(panel.querySelectorAll(".layer-item")).map((item) => [item.dataset.layer, item]));
  const folds = Array.from(panel.querySelectorAll("button.legend-fold"));
  const folded = new Set(); // the folds the reader set: fit() leaves them be

  function setFold(button, open) {
    button.setAttribute("aria-expanded", String(open));
    document.getElementById(button.getAttribute("aria-controls")).hidden = !open;
  }

  folds.forEach((button) => {
    button.addEventListener("click", () => {
      folded.add(button);
      setFold(button, button.getAttribute("aria-expanded") !== "true");
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
    /* Fold open legends until the panel does not scroll, when it is shown: the quality legend, those of the layers
       off, then the shortest; a fold the reader set is left as it is. */
    fit() {
      if (panel.hidden) return;
      const open = folds.filter((button) => button.getAttribute("aria-expanded") === "true" && !folded.has(button));
      const item = (button) => button.closest(".layer-item");
      const lines = (button) => item(button).querySelectorAll(".legend:not([hidden]) li").length;
      const off = (button) => item(button).classList.contains("off");
      const layers = open.filter(item).reverse().sort((a, b) => off(b) - off(a) || lines(a) - lines(b));
      const order = [...open.filter((button) => !item(button)), ...layers];
      for (const button of order) {
        if (panel.scrollHeight <= panel.clientHeight) break;
        setFold(button, false);
      }
    },
  };
}
