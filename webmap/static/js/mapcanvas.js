/*
 * A 2D canvas the size of the map in a layer's pane, drawn again when the map moves, zooms or is resized, and when
 * asked: what a canvas layer draws (canvas.js, its features) and what a webgl layer draws on the CPU (webgl.js, its
 * density and its points' circles of uncertainty) are painted on one. A subclass paints with paint(ctx, ratio),
 * on a cleared canvas whose top left is the map's; `ratio` is the device's pixels to a CSS pixel.
 *
 * Under the software compositing of a browser with no GPU, a 2D canvas is painted where it is shown, while a WebGL
 * canvas is drawn by a software GPU and read back every frame it changes: some 25 ms a frame of 1280 x 720 however
 * little it draws. So what can be drawn in a few paths (hexagons, circles outlined) is drawn here.
 */

export const MapCanvas = L.Layer.extend({
  /* options.pane (the pane the canvas is in), options.className (its class, after leaflet-zoom-hide). */
  initialize(options) {
    L.setOptions(this, options);
  },

  onAdd(map) {
    this._canvas = L.DomUtil.create("canvas", "leaflet-zoom-hide " + (this.options.className || ""), this.getPane());
    this._canvas.style.pointerEvents = "none";
    this._frame = null;
    map.on("moveend zoomend resize viewreset", this.redraw, this);
    this.redraw();
  },

  onRemove(map) {
    map.off("moveend zoomend resize viewreset", this.redraw, this);
    if (this._frame) L.Util.cancelAnimFrame(this._frame);
    this._frame = null;
    L.DomUtil.remove(this._canvas);
  },

  /* Paint the canvas again on the next frame (once, however often asked before it). */
  requestRedraw() {
    if (this._map && !this._frame) this._frame = L.Util.requestAnimFrame(this.redraw, this);
  },

  /* Paint the canvas again now: placed at the map's top left, sized to the map, cleared, then paint(). */
  redraw() {
    this._frame = null;
    const map = this._map;
    if (!map) return;
    const size = map.getSize();
    const ratio = window.devicePixelRatio || 1;
    const canvas = this._canvas;
    L.DomUtil.setPosition(canvas, map.containerPointToLayerPoint([0, 0]));
    if (canvas.width !== size.x * ratio || canvas.height !== size.y * ratio) {
      canvas.width = size.x * ratio;
      canvas.height = size.y * ratio;
      canvas.style.width = size.x + "px";
      canvas.style.height = size.y + "px";
    }
    const ctx = canvas.getContext("2d");
    ctx.setTransform(1, 0, 0, 1, 0, 0);
    ctx.clearRect(0, 0, canvas.width, canvas.height);
    this.paint(ctx, ratio);
  },
});

/* The pixels that `metres` on the ground measure at `latitude` (degrees) on a Web Mercator map of `scale`
   (crs.scale(zoom): the world's width in pixels at that zoom). */
export function groundPixels(metres, latitude, scale) {
  return (metres * scale) / (2 * Math.PI * L.Projection.SphericalMercator.R * Math.cos((latitude * Math.PI) / 180));
}

/* Fill faintly and outline (dashed) the circles of uncertainty in `path`, in the colours of `style`, as L.circle draws
   one on SVG (draw.js): `look` is the page's config.uncertainty (the line's width and dash, the fill's opacity), and
   the path is in CSS pixels. Circles of one path overlap as one area, never darker where they cross. */
export function paintRings(ctx, ratio, path, style, look) {
  ctx.setTransform(ratio, 0, 0, ratio, 0, 0);
  ctx.globalAlpha = look.fillOpacity;
  ctx.fillStyle = style.fill_color || style.color;
  ctx.fill(path);
  ctx.globalAlpha = 1;
  ctx.strokeStyle = style.color;
  ctx.lineWidth = look.width;
  ctx.setLineDash(look.dash.split(" ").map(Number));
  ctx.stroke(path);
  ctx.setLineDash([]);
}
