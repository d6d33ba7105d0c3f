#!/usr/bin/env bash
# The newcomer's first command: installs what is missing, builds, and runs a
# project through the example instrument, from risk assessment to decision.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build="${WKB_BUILD_DIR:-$root/build}"

"$root/scripts/setup.sh"
echo "== Bouwen (eerste keer enkele minuten) ==" >&2
"$root/scripts/build.sh" >/dev/null

wkb="$build/bin/wkb"
export WKB_PLUGIN_PATH="$build/plugins"
project="$root/examples/projects/kloosterstraat-12.json"

echo
echo "== Beschikbare instrumenten =="
"$wkb" instruments
echo
echo "== Project door het instrument: risicobeoordeling, steekproef, borgingsplan, besluit =="
"$wkb" run --instrument nl.voorbeeld.seriebouw --project "$project" \
  --findings "$root/examples/findings/kloosterstraat-12.declaration.json"
echo
echo "== Zelfde project, andere bevindingen: een ontbrekende BENG-berekening =="
"$wkb" run --instrument nl.voorbeeld.seriebouw --project "$root/examples/projects/beng-ontbreekt.json" \
  --findings "$root/examples/findings/beng-ontbreekt.open-items.json" | sed -n '/^Besluit/,$p'
