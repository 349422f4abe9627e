"""The build pipeline's outputs beyond the layers: the data in GIS formats."""
