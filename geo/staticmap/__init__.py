"""Static maps: print-ready A4 maps of a date drawn with matplotlib in the manifest's projected CRS (projection, drawing
helpers, layers, furniture, labels, legend, sheet layout), written as PNG, PDF or SVG (export) and as an atlas or
time-lapse (atlas). Built on geo.model only."""
