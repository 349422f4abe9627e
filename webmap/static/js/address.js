/*
 * The page's address keeps the map's state, so that a link opens the same view: ?date=YYYY-MM-DD&layers=a,b
 * (`layers` is left out when every layer is shown).
 */
(function (IdlibMap) {
  "use strict";

  /* The state the address asks for, {date, layers (ids)}: an unusable date or unknown layers are reported to the
     reader and replaced (by config.defaultDate, or left out), never fatal. `dateInput` is the page's date input,
     which tells a real day from anything else. */
  function readAddress(config, dateInput) {
    const params = new URLSearchParams(window.location.search);
    const ids = config.layers.map((spec) => spec.id);
    let date = config.defaultDate;
    if (params.has("date")) {
      const asked = params.get("date");
      dateInput.value = asked; // a date input keeps only a real day in the form YYYY-MM-DD
      if (dateInput.value === asked) date = asked;
      else IdlibMap.say("The address asks for the date “" + asked + "”, which is not a day (YYYY-MM-DD); showing " + date + ". ");
    }
    let layers = ids;
    if (params.has("layers")) {
      layers = params.get("layers").split(",").filter(Boolean);
      const unknown = layers.filter((id) => !ids.includes(id));
      if (unknown.length) IdlibMap.say("Not layers of this map, left out: " + unknown.join(", ") + ". ");
      layers = layers.filter((id) => ids.includes(id));
    }
    return { date, layers };
  }

  /* Put the date and the layers shown (ids, of all `ids`) in the address, without a new history entry. */
  function writeAddress(date, shown, ids) {
    const params = new URLSearchParams({ date });
    if (shown.length !== ids.length) params.set("layers", shown.join(","));
    try {
      history.replaceState(null, "", "?" + params.toString().replace(/%2C/g, ","));
    } catch (error) {
      // A page opened from disk may not be allowed to change its address; the map works all the same.
    }
  }

  Object.assign(IdlibMap, { readAddress, writeAddress });
})(window.IdlibMap);
