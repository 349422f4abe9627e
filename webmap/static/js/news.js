/*
 * Events as news: a feature of a layer with recent_days in the manifest (the events) is drawn in full while it is
 * recent and faded after that (class "older"), the same rule as the static maps' (geo.model.layer.recent_until:
 * config.layers[].recentUntil gives each feature's first day as older news). Events lie under the posts (the
 * manifest's order), so that a post can always be clicked.
 */
(function (IdlibMap) {
  "use strict";

  /* The news of `groups` (Leaflet feature groups by layer id): watch(drawer) is the drawer that also marks what it
     draws; show(date) marks every news layer for `date`. */
  function news(config, groups) {
    const layers = config.layers.filter((spec) => spec.recentUntil);
    let date = null;

    function mark(spec) {
      if (date === null) return;
      groups[spec.id].eachLayer((drawn) => drawn.eachLayer((layer) => {
        const until = spec.recentUntil[layer.feature.properties.id];
        const element = layer.getElement && layer.getElement();
        if (element) element.classList.toggle("older", until !== undefined && date >= until);
      }));
    }

    return {
      watch(drawer) {
        return {
          draw(group, spec, styles, features) {
            drawer.draw(group, spec, styles, features);
            if (spec.recentUntil) mark(spec);
          },
        };
      },
      show(newDate) {
        date = newDate;
        layers.forEach(mark);
      },
    };
  }

  IdlibMap.news = news;
})(window.IdlibMap);
