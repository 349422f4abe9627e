/*
 * The toolbar's buttons open and close the panels, one at a time (aria-expanded on the button, hidden on the
 * panel). A button marked data-fold="compact" folds its panel only on a phone or tablet (panels.js compact): on a
 * wide screen that panel (the date panel, the search) stays open beside the map and its button is not shown; the
 * layer panel is then open to begin with. Escape closes the open panel and returns to its button.
 */

import { compact as compactScreen } from "./panels.js";

/* The folds; `changed(id, open, keep)` is called when a panel opens or closes (keep: closed by the page to show
   the map, not by the reader). */
export function folds(changed) {
  const buttons = Array.from(document.querySelectorAll("#toolbar button[aria-controls]"));
  const panelOf = (button) => document.getElementById(button.getAttribute("aria-controls"));
  const buttonOf = (id) => buttons.find((button) => button.getAttribute("aria-controls") === id);
  const folding = (button) => compact || button.dataset.fold === "always";
  let compact = null;
  let wide = buttonOf("layer-panel"); // the button whose panel a wide screen shows beside the map

  function set(button, open, keep) {
    const panel = panelOf(button);
    if (folding(button)) button.setAttribute("aria-expanded", String(open));
    if (panel.hidden === !open) return;
    panel.hidden = !open;
    changed(panel.id, open, Boolean(keep));
  }

  function open(id) {
    buttons.forEach((button) => {
      if (folding(button)) set(button, button === buttonOf(id), false);
    });
  }

  function close(id, options) {
    set(buttonOf(id), false, options && options.keep);
  }

  /* Lay the panels out for the screen: everything folded on a phone or tablet; on a wide screen the date panel
     and the search open, and the panel it showed before (the layers to begin with). */
  function layout() {
    const now = compactScreen();
    if (now === compact) return;
    if (now && compact === false) {
      wide = buttons.find((button) => button.dataset.fold === "always" && !panelOf(button).hidden) || wide;
    }
    compact = now;
    buttons.forEach((button) => {
      if (folding(button)) set(button, false, false);
      else {
        button.removeAttribute("aria-expanded");
        set(button, true, false);
      }
    });
    if (!compact) open(wide.getAttribute("aria-controls"));
  }

  buttons.forEach((button) => {
    button.addEventListener("click", () => {
      if (panelOf(button).hidden) open(button.getAttribute("aria-controls"));
      else close(button.getAttribute("aria-controls"));
    });
    panelOf(button).addEventListener("keydown", (event) => {
      if (event.key !== "Escape" || !folding(button) || event.defaultPrevented) return;
      close(button.getAttribute("aria-controls"));
      button.focus();
    });
  });
  window.addEventListener("resize", layout);
  layout();

  return {
    close,
    /* Close every panel that folds, so that the map shows (a phone starting playback). */
    closeAll() {
      buttons.forEach((button) => {
        if (folding(button)) set(button, false, true);
      });
    },
    compact: () => compact,
  };
}
