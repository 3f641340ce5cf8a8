#!/usr/bin/env bash
# Set up eventwire for this checkout: a Python >= 3.11 virtual environment in .venv
# with the package (editable), its spaCy model and the test tools, all from PyPI.
# Safe to rerun: an existing .venv is reused and brought up to date.
set -euo pipefail
cd "$(dirname "$0")/.."

python=${PYTHON:-}
if [ -z "$python" ]; then
    for candidate in python3.11 python3.12 python3.13 python3; do
        if command -v "$candidate" >/dev/null; then python=$candidate; break; fi
    done
fi
if [ -z "$python" ] || ! "$python" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
    echo "setup: eventwire needs Python >= 3.11 (set PYTHON=/path/to/python3.11)" >&2
    exit 1
fi
if [ ! -x .venv/bin/python ]; then
    echo "setup: creating .venv with $("$python" --version)" >&2
    "$python" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
.venv/bin/python -m pip install --quiet --disable-pip-version-check -e '.[test]'
# The dashboard's browser libraries (Leaflet, markercluster, d3, world-atlas outlines) from npm,
# copied into the package's static/vendor: the page never fetches anything from the internet.
web=src/eventwire/web
if command -v npm >/dev/null; then
    npm ci --prefix "$web" --no-audit --no-fund --silent
    vendor=$web/static/vendor
    modules=$web/node_modules
    mkdir -p "$vendor/leaflet" "$vendor/leaflet.markercluster"
    cp -r "$modules/leaflet/dist/leaflet.js" "$modules/leaflet/dist/leaflet.css" "$modules/leaflet/dist/images" "$vendor/leaflet/"
    cp "$modules"/leaflet.markercluster/dist/{leaflet.markercluster.js,MarkerCluster.css,MarkerCluster.Default.css} "$vendor/leaflet.markercluster/"
    cp "$modules/d3/dist/d3.min.js" "$modules/topojson-client/dist/topojson-client.min.js" "$modules/world-atlas/countries-110m.json" "$vendor/"
else
    echo "setup: npm not found: the dashboard's map and timeline need it (apt-get install npm)" >&2
fi
echo "setup: ready ($(.venv/bin/eventwire --version))" >&2
