#!/usr/bin/env bash
# Regenerates docs/demo-page.png: a real demo map, served as a static site, opened at the
# sentiment task in headless Chromium (Debian's chromium package).
#   scripts/readme_picture.sh [project-dir]   (default: taskspace-demo, made by ./taskspace demo)
set -euo pipefail
project="${1:-taskspace-demo}"
site="$(mktemp -d)"
profile="$(mktemp -d)"
./taskspace site -o "$project" --site "$site" >/dev/null
python3 -m http.server -b 127.0.0.1 -d "$site" 8799 >/dev/null 2>&1 &
server=$!
trap 'kill $server; rm -rf "$site" "$profile"' EXIT
sleep 1
chromium --headless --no-sandbox --disable-gpu --disable-background-networking --disable-component-update \
  --disable-sync --no-first-run --user-data-dir="$profile" --window-size=1400,900 --virtual-time-budget=8000 \
  --screenshot="$PWD/docs/demo-page.png" "http://127.0.0.1:8799/#task=sentiment" 2>/dev/null
echo "wrote docs/demo-page.png"
