"""The data model: the manifest, dates, GeoJSON reading and writing, validation, layers by date, the catalog,
derivations and styles. Pure Python over shapely, pyproj and geopandas: nothing here draws (no matplotlib) or
serves (no web)."""
