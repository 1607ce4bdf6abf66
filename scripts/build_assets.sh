#!/bin/sh
# Build the web app's front-end assets from npm packages into
# src/conflictwatch/serve/static/vendor (committed, so users need no npm and the app
# fetches nothing at run time: no CDN, no tile server).
# Needs Node.js and npm; run it again after changing a version below.
set -eu
cd "$(dirname "$0")/.."
VENDOR=src/conflictwatch/serve/static/vendor
WORK=$(mktemp -d)
trap 'rm -rf "$WORK"' EXIT
cd "$WORK"
npm init -y >/dev/null
npm install --no-audit --no-fund --ignore-scripts --save-exact \
    leaflet@1.9.4 leaflet.markercluster@1.5.3 world-atlas@2.0.2 topojson-client@3.1.0 swagger-ui-dist@5.36.0 \
    >/dev/null
cd - >/dev/null
rm -rf "$VENDOR"
mkdir -p "$VENDOR/leaflet/images" "$VENDOR/leaflet.markercluster" "$VENDOR/world-atlas" \
         "$VENDOR/topojson-client" "$VENDOR/swagger-ui"
M="$WORK/node_modules"
cp "$M/leaflet/dist/leaflet.js" "$M/leaflet/dist/leaflet.css" "$M/leaflet/LICENSE" "$VENDOR/leaflet/"
cp "$M/leaflet/dist/images/"*.png "$VENDOR/leaflet/images/"
cp "$M/leaflet.markercluster/dist/leaflet.markercluster.js" "$M/leaflet.markercluster/dist/MarkerCluster.css" \
   "$M/leaflet.markercluster/dist/MarkerCluster.Default.css" "$M/leaflet.markercluster/MIT-LICENCE.txt" \
   "$VENDOR/leaflet.markercluster/"
# Natural Earth 1:50m country borders as TopoJSON (public domain; world-atlas is ISC).
cp "$M/world-atlas/countries-50m.json" "$M/world-atlas/LICENSE" "$VENDOR/world-atlas/"
cp "$M/topojson-client/dist/topojson-client.min.js" "$M/topojson-client/LICENSE" "$VENDOR/topojson-client/"
cp "$M/swagger-ui-dist/swagger-ui-bundle.js" "$M/swagger-ui-dist/swagger-ui.css" \
   "$M/swagger-ui-dist/LICENSE" "$VENDOR/swagger-ui/"
{
    echo "Built by scripts/build_assets.sh from these npm packages:"
    for p in leaflet leaflet.markercluster world-atlas topojson-client swagger-ui-dist; do
        node -e "const p=require('$M/$p/package.json'); console.log('  ' + p.name + ' ' + p.version + ' (' + p.license + ')')"
    done
} > "$VENDOR/VERSIONS.txt"
echo "assets in $VENDOR:"
cat "$VENDOR/VERSIONS.txt"
