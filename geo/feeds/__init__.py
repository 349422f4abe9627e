"""Event datasets brought into a situation's folder: an ACLED or UCDP GED file becomes a layer file, an event a
feature, by event id (`idlibmap import`). From there the layer is a source like any other: `make` validates and
builds it."""
