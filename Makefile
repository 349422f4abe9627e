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
export MPLCONFIGDIR := $(CURDIR)/build/.matplotlib

# The situation: a folder with its manifest and layer files (LAYERS=path/to/folder for another), built into its own
# folder. Every command make runs reads both from the environment.
LAYERS ?= layers
BUILD ?= $(if $(filter layers,$(patsubst %/,%,$(LAYERS))),build,build/$(notdir $(patsubst %/,%,$(LAYERS))))
export IDLIBMAP_LAYERS := $(LAYERS)
export IDLIBMAP_BUILD := $(BUILD)
MANIFEST := $(LAYERS)/manifest.toml

# $(BUILD)/layers.mk names the situation's layers and files, and the code each kind of output is made by (the
# import closure of the module that makes it, so that editing a module rebuilds what runs it and nothing else).
# Goals that need no situation (help, clean, setup, lock) do not make it.
NO_LAYER_GOALS := help clean setup lock
ifneq ($(if $(MAKECMDGOALS),$(filter-out $(NO_LAYER_GOALS),$(MAKECMDGOALS)),all),)
include $(BUILD)/layers.mk
endif

.PHONY: all help setup lock layers basemap data test lint run watch clean export atlas timelapse site bench

all: layers basemap site data ## validate and build every layer, the base map, the static web map and the GIS data (default)

help: ## list the targets
	@grep -hE '^[a-z-]+:.*## ' $(MAKEFILE_LIST) | sed -E 's/:.*## /\t/' | expand -t 12

setup: $(SETUP_DONE) ## create .venv, install the locked Python and the npm dependencies, Chromium, ffmpeg, poppler

# Python packages come from uv.lock, installed exactly as pinned there (versions and hashes) by uv, which is
# itself pinned in the lock and installed with pip first. `make lock` updates uv.lock after pyproject.toml changes.
UV := $(BIN)/uv
export UV_PROJECT_ENVIRONMENT := $(VENV)
export UV_PYTHON_DOWNLOADS := never
UV_VERSION = $(shell sed -n '/^name = "uv"$$/{n;s/^version = "\(.*\)"$$/\1/p;}' uv.lock)
INSTALL_UV = test -x $(BIN)/python || $(PYTHON) -m venv $(VENV); \
	[ "$$($(UV) --version 2>/dev/null | cut -d' ' -f2)" = "$(UV_VERSION)" ] || \
	$(BIN)/python -m pip install --quiet "uv$(if $(UV_VERSION),==$(UV_VERSION))"

# Debian's packages, each as package:program (the program's name alone where it is the package's): Chromium for
# the browser tests, ffmpeg for the time-lapse MP4, poppler's pdffonts for the tests of the fonts a PDF embeds.
DEBIAN_PACKAGES := chromium ffmpeg poppler-utils:pdffonts

$(SETUP_DONE): pyproject.toml uv.lock package.json package-lock.json
	$(INSTALL_UV)
	$(UV) sync --locked --extra test --quiet
	npm ci --ignore-scripts --no-audit --no-fund --loglevel=error
	@missing="$$(for entry in $(DEBIAN_PACKAGES); do program=$${entry##*:}; command -v $$program >/dev/null || \
	  command -v /usr/bin/$$program >/dev/null || echo $${entry%%:*}; done)"; [ -z "$$missing" ] || \
	  { if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq $$missing; \
	    else echo "Install what the tests and the time-lapse need: sudo apt-get install" $$missing >&2; exit 1; fi; }
	touch $@

lock: ## update uv.lock to pyproject.toml's dependencies (UPGRADE=1: to the newest versions they allow)
	$(INSTALL_UV)
	$(UV) lock $(if $(UPGRADE),--upgrade)

$(BUILD)/layers.mk: $(MANIFEST) $(MAKEDEPS_CODE) | $(SETUP_DONE)
	$(IDLIBMAP) makedeps -o $@

# One process validates what changed, derives what depends on it, cross-checks and writes the build (every layer file
# and the index), or stops naming file, feature and problem, writing nothing. The stamp, touched once the whole build
# is written, is what a running server (webmap.live) waits for before it swaps the new build in. A layer file the
# build left as it was keeps its time, so what is made from it is not made again.
LAYERS_BUILT := $(BUILD)/layers/.built
$(LAYERS_BUILT): $(MANIFEST) $(LAYER_SOURCES) $(LAYER_BASEMAP) $(BUILD_CODE) | $(SETUP_DONE)
	$(IDLIBMAP) build
	@touch $@
$(LAYER_OUTPUTS): $(LAYERS_BUILT) ;

layers: $(LAYERS_BUILT) ## validate every layer that changed and write the build: $(BUILD)/layers/<id>.geojson

# The base map is cut from npm's Natural Earth data (or the situation's own files); a derived layer may be cut with one
# of its shapes. A part cut the same as before keeps its file and its time, so nothing made from it is made again.
BASEMAP_BUILT := $(BUILD)/basemap/.built
$(BASEMAP_BUILT): package-lock.json $(MANIFEST) $(BASEMAP_SOURCES) $(BASEMAP_CODE) | $(SETUP_DONE)
	$(IDLIBMAP) basemap
	@touch $@
$(BASEMAP): $(BASEMAP_BUILT) ;

basemap: $(BASEMAP) ## cut the base map from the npm packages' Natural Earth data

# --- web map (webmap/): run, site ---

# Answers of a layer on a date run to megabytes at 100,000 features: waitress keeps up to 64 MiB of an answer
# in memory instead of spilling it to a temporary file (measured: 18 -> 15 ms for a 10 MB answer).
SERVE_OPTIONS := --host 127.0.0.1 --outbuf-overflow=67108864
export SERVE_OPTIONS
WEBMAP_FILES := $(wildcard webmap/static/*.* webmap/static/js/*.js webmap/messages/*.toml)
SITE := $(BUILD)/site/index.html

SERVE := $(BIN)/waitress-serve $(SERVE_OPTIONS) --port $(PORT) --call webmap:create_app

run: setup layers basemap ## serve the interactive map on http://127.0.0.1:8000 (PORT=9000 make run for another port)
	$(SERVE)

# The server serves each build make finishes; the watcher runs make on every save in the situation's folder.
watch: setup layers basemap ## serve the map and rebuild on every save of a layer file (Ctrl-C stops both)
	@$(SERVE) & server=$$!; trap 'kill $$server 2>/dev/null' EXIT INT TERM; \
	  $(IDLIBMAP) watch -- $(MAKE) --no-print-directory -s all

# The static copy holds every layer (built, hence validated), the base map, the npm assets and the page, and the
# atlas ($(BUILD)/exports/atlas.pdf, `make atlas`) where it has been made, for its readers to download.
$(SITE): $(LAYER_OUTPUTS) $(BASEMAP) $(MANIFEST) $(SITE_CODE) $(WEBMAP_FILES) package-lock.json $(wildcard $(BUILD)/exports/atlas.pdf) | $(SETUP_DONE)
	$(BIN)/python -m webmap.site $(BUILD)/site

site: $(SITE) ## the map as static files in $(BUILD)/site/: open index.html from disk, no server needed

# --- the data in GIS formats: $(BUILD)/data/ ---

# A GeoPackage of every layer, a KML per layer and a CSV (with its licence note, <id>.csv.txt) per point layer, written
# by one process that rewrites only the files whose layers the build changed.
DATA_BUILT := $(BUILD)/data/.built
$(DATA_BUILT): $(LAYER_OUTPUTS) $(MANIFEST) $(DATA_CODE) | $(SETUP_DONE)
	$(IDLIBMAP) data
	@touch $@

data: $(DATA_BUILT) ## the layers in GIS formats: $(BUILD)/data/<stem>.gpkg, <id>.kml, <id>.csv of point layers

# --- static maps: export, atlas, timelapse ---

# A static map is made from every layer (built, hence validated), the base map, the manifest and the code.
EXPORTS := $(BUILD)/exports
EXPORT_INPUTS := $(LAYER_OUTPUTS) $(BASEMAP) $(MANIFEST) $(STATICMAP_CODE)
EXPORT_FORMATS := png pdf svg
ATLAS := $(EXPORTS)/atlas.pdf
TIMELAPSE := $(EXPORTS)/timelapse.gif

# $(BUILD)/exports/<stem>-<date>.<format>: the stem is "<date>.<format>".
$(EXPORTS)/$(FILE_STEM)-%: $(EXPORT_INPUTS) | $(SETUP_DONE)
	$(IDLIBMAP) export --date $(basename $*) --format $(subst .,,$(suffix $*)) -o $@

export: $(if $(DATE),$(foreach format,$(EXPORT_FORMATS),$(EXPORTS)/$(FILE_STEM)-$(DATE).$(format))) ## static maps of a date: make export DATE=2020-03-15
ifndef DATE
	@echo "usage: make export DATE=YYYY-MM-DD  (writes $(EXPORTS)/$(FILE_STEM)-DATE.png, .pdf and .svg)" >&2; exit 2
endif

$(ATLAS): $(EXPORT_INPUTS) | $(SETUP_DONE)
	$(IDLIBMAP) atlas

atlas: $(ATLAS) ## the map of every key date: $(BUILD)/exports/atlas.pdf and atlas/<date>.png

$(TIMELAPSE): $(EXPORT_INPUTS) | $(SETUP_DONE)
	$(IDLIBMAP) timelapse

timelapse: $(TIMELAPSE) ## the key dates animated: $(BUILD)/exports/timelapse.gif and .mp4

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
