/*
 * Playback: the "Play" button steps the map through the key dates, or week by week (the "Step" choice), one step
 * every STEP_MS so that a reader can follow, and becomes "Pause" while it plays. It stops at the last key date, on
 * "Pause", and on any other action of the reader's (app.js calls stop()); each step goes through the same path as a
 * date the reader picks, so the address follows.
 */

import { addDays } from "./core.js";
import { t } from "./i18n.js";

/* How long each date stays on screen, in milliseconds. */
const STEP_MS = 1500;

/* The playback of `keyDates` (sorted); `step(date)` shows a date, `started()` is called when it starts.
   follow(date) tells it the date on screen; stop() stops it. */
export function playback(keyDates, step, started) {
  const button = document.getElementById("play");
  const label = button.querySelector("[data-i18n]");
  const mode = document.getElementById("play-step");
  const first = keyDates[0];
  const last = keyDates[keyDates.length - 1];
  let timer = null;
  let current = null;

  function setPlaying(playing) {
    label.dataset.i18n = playing ? "play.pause" : "play.play";
    label.textContent = t(label.dataset.i18n);
    button.classList.toggle("playing", playing);
    document.documentElement.classList.toggle("playing", playing); // for the toolbar's date on a phone
  }

  /* The date after `day`: the next key date, or a week later (never past the last key date). */
  function after(day) {
    if (mode.value === "weeks") return day < last ? [addDays(day, 7), last].sort()[0] : null;
    return keyDates.find((key) => key > day) || null;
  }

  function stop() {
    if (timer === null) return;
    clearInterval(timer);
    timer = null;
    setPlaying(false);
  }

  function advance() {
    const next = after(current);
    if (next !== null) step(next);
    if (next === null || next >= last) stop();
  }

  function play() {
    if (!first) return;
    if (current >= last) step(first); // from the start again once the end is on screen
    timer = setInterval(advance, STEP_MS);
    setPlaying(true);
    started();
  }

  button.addEventListener("click", () => (timer === null ? play() : stop()));
  mode.addEventListener("change", stop);

  return {
    stop,
    follow(date) {
      current = date;
    },
  };
}
