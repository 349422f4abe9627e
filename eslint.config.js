// ESLint's settings for the page's own scripts (webmap/static/js): ES modules run in the browser, where Leaflet is
// the global `L` (its own classic script, from npm), and deck.gl, its luma.gl and its Leaflet layer are `deck`, `luma`
// and `DeckGlLeaflet` (on a page with a webgl layer). `make lint` runs it; eslint, @eslint/js and globals are pinned
// devDependencies (package.json, package-lock.json).
import js from "@eslint/js";
import globals from "globals";

export default [
  {
    files: ["webmap/static/js/**/*.js"],
    ...js.configs.recommended,
    languageOptions: {
      ecmaVersion: "latest",
      sourceType: "module",
      globals: { ...globals.browser, L: "readonly", deck: "readonly", luma: "readonly", DeckGlLeaflet: "readonly" },
    },
  },
];
