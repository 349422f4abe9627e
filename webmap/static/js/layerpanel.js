/*
 * The layer panel's on/off checkboxes (one per layer, labelled with its title, above its legend lines).
 */

/* The toggles; `toggle(spec, visible)` is called when the reader switches a layer. set(spec, visible) shows a
   layer's state (its checkbox, and its legend dimmed when off). */
export function layerPanel(config, toggle) {
  const boxes = new Map(
    Array.from(document.querySelectorAll(".layer-item input[type=checkbox]")).map((box) => [box.value, box]),
  );
  config.layers.forEach((spec) => {
    boxes.get(spec.id).addEventListener("change", (event) => toggle(spec, event.target.checked));
  });
  return {
    set(spec, visible) {
      const box = boxes.get(spec.id);
      box.checked = visible;
      box.closest(".layer-item").classList.toggle("off", !visible);
    },
  };
}
