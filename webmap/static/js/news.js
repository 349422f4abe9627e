/*
 * Time-aware emphasis: a feature of a layer with recent_days in the manifest (an event, news; a displacement route,
 * the period of its report) is drawn in full while it is recent and faded after that (class "older", at
 * config.fadedOpacity of itself): the same rule and the same fading as the static maps' (geo.model.layer.is_faded,
 * geo.model.style.faded; config.layers[].recentUntil gives each feature's first day as older). Events lie under the
 * posts (the manifest's order), so that a post can always be clicked.
 */

/* The news of `groups` (Leaflet feature groups by layer id): watch(drawer) is the drawer whose views also mark
   what they show; show(date) marks every layer with recent_days for `date`. */
export function news(config, groups) {
  const layers = config.layers.filter((spec) => spec.recentUntil);
  let date = null;

  /* Each feature of the layer that is drawn as an element of its own (SVG: a marker or a path), faded once it is
     older. */
  function mark(spec) {
    if (date === null) return;
    groups[spec.id].eachLayer((layer) => {
      const element = layer.feature && layer.getElement && layer.getElement();
      if (!element) return;
      const until = spec.recentUntil[layer.feature.properties.id];
      const older = until !== undefined && date >= until;
      element.classList.toggle("older", older);
      element.style.opacity = older ? String(config.fadedOpacity) : "";
    });
  }

  return {
    watch(drawer) {
      return {
        view(group, spec, data, refresh) {
          const view = drawer.view(group, spec, data, refresh);
          if (!spec.recentUntil || view.setDate) return view; // a webgl layer's points are not elements
          return {
            show(change) {
              view.show(change);
              mark(spec);
            },
            clear: view.clear,
          };
        },
      };
    },
    show(newDate) {
      date = newDate;
      layers.forEach(mark);
    },
  };
}
