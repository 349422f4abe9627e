/*
 * Events as news: a feature of a layer with recent_days in the manifest (the events) is drawn in full while it is
 * recent and faded after that (class "older"), the same rule as the static maps' (geo.model.layer.recent_until:
 * config.layers[].recentUntil gives each feature's first day as older news). Events lie under the posts (the
 * manifest's order), so that a post can always be clicked.
 */

/* The news of `groups` (Leaflet feature groups by layer id): watch(drawer) is the drawer whose views also mark
   what they show; show(date) marks every news layer for `date`. */
export function news(config, groups) {
  const layers = config.layers.filter((spec) => spec.recentUntil);
  let date = null;

  /* Each feature of the layer that is drawn as an element of its own (SVG), faded once it is older news. */
  function mark(spec) {
    if (date === null) return;
    groups[spec.id].eachLayer((layer) => {
      const element = layer.feature && layer.getElement && layer.getElement();
      if (!element) return;
      const until = spec.recentUntil[layer.feature.properties.id];
      element.classList.toggle("older", until !== undefined && date >= until);
    });
  }

  return {
    watch(drawer) {
      return {
        view(group, spec, data) {
          const view = drawer.view(group, spec, data);
          if (!spec.recentUntil) return view;
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
