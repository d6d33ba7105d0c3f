#!/bin/sh
# Times `wkb chain` and `wkb monitor` over a national year (bench/tlokb):
#   bench/tlokb/run.sh [BUILD_DIR]     (default: build)
# Generates the year with seed 2026 into a temporary folder, checks that the
# chain finds what it must (exit 1: the year has gaps), then farm-bench.
set -eu
build=${1:-build}
data=$(mktemp -d /tmp/wkb-tlokb-year.XXXXXX)
trap 'rm -rf "$data"' EXIT
"$build/bin/tlokb_year" --seed 2026 --out "$data"
regs=""
for f in "$data"/registraties-*.json; do regs="$regs --registrations $f"; done
wkb="$build/bin/wkb"
set +e
# shellcheck disable=SC2086
env -u WKB_DB "$wkb" chain --meldingen "$data/meldingen.csv" $regs --date 2026-12-31 --json > "$data/chain.json"
code=$?
set -e
[ "$code" -eq 1 ] || { echo "chain: expected exit 1 on a year with gaps, got $code" >&2; exit 1; }
# shellcheck disable=SC2086
env -u WKB_DB "$wkb" monitor $regs --from 2026-01-01 --to 2026-12-31 --json > "$data/monitor.json"
python3 - "$data" <<'PY'
import json, sys
d = sys.argv[1]
c = json.load(open(d + "/chain.json"))["counts"]
m = json.load(open(d + "/monitor.json"))
print("chain:", {k: v for k, v in c.items()})
print("monitor: outcomes", m["outcomes"], "top reason", max(m["reasons_by_topic"].items(), key=lambda kv: kv[1]))
PY
# shellcheck disable=SC2086
farm-bench -n 5 --timeout 300 -- sh -c "env -u WKB_DB $wkb chain --meldingen $data/meldingen.csv $regs --date 2026-12-31 --html $data/keten.html >/dev/null 2>&1; exit 0"
# shellcheck disable=SC2086
farm-bench -n 5 --timeout 300 -- sh -c "exec env -u WKB_DB $wkb monitor $regs --from 2026-01-01 --to 2026-12-31 --html $data/monitor.html >/dev/null 2>&1"
