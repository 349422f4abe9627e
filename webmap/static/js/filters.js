/*
 * The filters of a webgl layer in the layer panel (the manifest's `filters`, e.g. event type and actor): under the
 * layer's row, one group of checkboxes per property, one box per value the layer's points have (all ticked at
 * first). A point is shown when the value of each filter property is ticked.
 */

import { element } from "./core.js";
import { fromData, t } from "./i18n.js";
import { label, value } from "./popup.js";

/* The filters of the layer `spec` over its columns `data`, in its row of the layer panel, `item`; `changed(shown)`
   is called with a Uint8Array (1: shown) of the points whenever the reader ticks or unticks a box. */
export function layerFilters(item, spec, data, changed) {
  const old = item.querySelector(".layer-filters");
  if (old) old.remove(); // the layer read again after a new build
  const root = element("div", item, null, "layer-filters");
  const allowed = {}; // property -> Uint8Array by value index (1: ticked)

  function shown() {
    const result = new Uint8Array(data.count).fill(1);
    Object.entries(allowed).forEach(([property, ticked]) => {
      if (ticked.every(Boolean)) return;
      const categories = data.categories[property];
      for (let index = 0; index < data.count; index += 1) {
        if (!ticked[categories[index]]) result[index] = 0;
      }
    });
    return result;
  }

  Object.entries(data.filters).forEach(([property, values]) => {
    const ticked = (allowed[property] = new Uint8Array(values.length).fill(1));
    const group = element("fieldset", root, null, "layer-filter");
    group.dataset.property = property;
    const legend = element("legend", group, label(property));
    const summary = element("span", legend, null, "filter-summary");
    const describe = () => {
      const count = ticked.reduce((sum, tick) => sum + tick, 0);
      summary.textContent = " (" + (count === values.length
        ? t("layers.filter_all")
        : t("layers.filter_some", { shown: count, count: values.length })) + ")";
    };
    const list = element("ul", group, null, "filter-values");
    values.forEach((raw, index) => {
      const row = element("li", list);
      const id = `filter-${spec.id}-${property}-${index}`;
      const box = element("input", row);
      Object.assign(box, { type: "checkbox", id, checked: true, value: raw });
      const text = element("label", row, raw === "" ? "–" : value(raw));
      text.htmlFor = id;
      fromData(text);
      box.addEventListener("change", () => {
        ticked[index] = box.checked ? 1 : 0;
        describe();
        changed(shown());
      });
    });
    describe();
  });
  return root;
}
