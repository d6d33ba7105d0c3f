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
staff="$root/examples/staff"

echo
echo "== Beschikbare instrumenten =="
"$wkb" instruments
echo
echo "== Project door het instrument: risicobeoordeling, steekproef, borgingsplan, besluit =="
"$wkb" run --instrument nl.voorbeeld.seriebouw --project "$project" \
  --findings "$root/examples/findings/kloosterstraat-12.declaration.json" --staff "$staff/borg-twente.staff.json"
echo
echo "== Zelfde project, andere bevindingen: een ontbrekende BENG-berekening =="
"$wkb" run --instrument nl.voorbeeld.seriebouw --project "$root/examples/projects/beng-ontbreekt.json" \
  --findings "$root/examples/findings/beng-ontbreekt.open-items.json" --staff "$staff/borg-twente.staff.json" | sed -n '/^Oordeel/,$p'

echo
echo "== Projectopslag: van bouwmelding tot gereedmelding, met dossier en audittrail =="
# A throwaway store; WKB_NOW fixes the clock (bouwmelding in January, the
# findings in the autumn), so that the output is the same every run. A fixed
# clock is honoured only with WKB_ALLOW_FIXED_CLOCK=1 (tests and demos).
store="$(mktemp -d /tmp/wkb-demo.XXXXXX)"
trap 'rm -rf "$store"' EXIT
export WKB_DB="sqlite:$store/wkb.db" WKB_USER="A. de Vries" WKB_ALLOW_FIXED_CLOCK=1
life="$root/examples/lifecycle"
id=2026-ALM-0042
WKB_NOW=2026-01-15T09:00:00Z "$wkb" project create --instrument nl.voorbeeld.seriebouw --project "$project" | tail -n 1
WKB_NOW=2026-01-16T11:00:00Z "$wkb" risk override "$id" --risk R-fire-brigade-access --likelihood 2 \
  --motivation "toegangsweg smaller dan 4,5 m tijdens de bouw" --by "A. de Vries"
# The borgingsplan names who does what: persons from the assurer's staff
# register, each checked against the instrument's competence for the role.
WKB_NOW=2026-01-16T11:30:00Z "$wkb" staff add "$staff/borg-twente.staff.json"
WKB_NOW=2026-01-16T11:30:00Z "$wkb" staff list --on 2026-01-16
WKB_NOW=2026-01-16T11:35:00Z "$wkb" project assign "$id" --role risk-assessment-and-plan=BT-001 \
  --role structural-safety=BT-001 --role fire-safety=BT-002 --role building-physics=BT-002 \
  --role installations=BT-003 --role site-inspection=BT-003 --responsible BT-001 | head -n 1
# The bouwmelding is the melder's (here the aannemer, with a gemachtigde); the
# kwaliteitsborger supplies the risicobeoordeling and the borgingsplan.
WKB_NOW=2026-01-19T09:00:00Z "$wkb" project notify "$id" --melder "$life/kloosterstraat-12.melder.json"
WKB_NOW=2026-02-20T09:00:00Z "$wkb" project start "$id" --date 2026-03-02
WKB_NOW=2026-10-09T16:00:00Z "$wkb" findings import "$id" "$root/examples/findings/kloosterstraat-12.declaration.json"
WKB_NOW=2026-10-12T10:00:00Z "$wkb" project evaluate "$id" | head -n 1
WKB_NOW=2026-10-12T10:05:00Z "$wkb" project close "$id" --place Almelo | head -n 1
WKB_NOW=2026-10-13T09:00:00Z "$wkb" project complete "$id" --file "$life/kloosterstraat-12.gereedmelding.json"
"$wkb" dossier "$id" --out "$store/dossier" | head -n 1
echo "  (dossier: dossier.html en dossier.json)"

echo
echo "== Een tweede project: een onherstelbare afwijking, gemeld tijdens de bouw, afgesloten zonder verklaring =="
gouda=2026-GOU-0088
WKB_NOW=2026-01-15T09:30:00Z "$wkb" project create --instrument nl.voorbeeld.seriebouw \
  --project "$root/examples/projects/slappe-bodem-brandscheiding.json" | tail -n 1
WKB_NOW=2026-01-16T12:00:00Z "$wkb" staff add "$staff/kwaliteitsborging-west.staff.json"
WKB_NOW=2026-01-16T12:05:00Z "$wkb" project assign "$gouda" --role risk-assessment-and-plan=KW-01 \
  --role structural-safety=KW-01 --role fire-safety=KW-02 --role building-physics=KW-02 \
  --role installations=KW-02 --role site-inspection=KW-01 --responsible KW-01 | head -n 1
WKB_NOW=2026-01-19T09:30:00Z "$wkb" project notify "$gouda" --melder "$life/slappe-bodem-brandscheiding.melder.json"
WKB_NOW=2026-02-20T09:30:00Z "$wkb" project start "$gouda" --date 2026-03-02
WKB_NOW=2026-10-09T16:30:00Z "$wkb" findings import "$gouda" \
  "$root/examples/findings/slappe-bodem-brandscheiding.notice.json"
WKB_NOW=2026-10-09T17:00:00Z "$wkb" melding "$gouda" --part R-fire-spread/site-inspection/finishing:9 \
  --to client --to contractor --to competent-authority \
  --explanation "De brandscheiding tussen woning 9 en 10 is dichtgebouwd zonder de vereiste brandwerendheid; herstel vraagt sloop van de gevel." \
  --out "$store/meldingen"
WKB_NOW=2026-10-12T10:30:00Z "$wkb" project evaluate "$gouda" | head -n 1
WKB_NOW=2026-10-12T10:35:00Z "$wkb" project close "$gouda" | head -n 1
WKB_NOW=2026-10-12T10:36:00Z "$wkb" project show "$gouda" | grep -E "^(Status|Afgesloten)"
"$wkb" dossier "$gouda" --out "$store/dossier-gouda" | head -n 1
"$wkb" project list
"$wkb" audit verify
echo
echo "== Iemand past een bevinding met de hand aan in de database =="
edit="UPDATE findings SET note = 'achteraf aangepast' WHERE project_id = '2026-ALM-0042' AND seq = 3"
if command -v sqlite3 >/dev/null; then
  sqlite3 "$store/wkb.db" "$edit"
else
  python3 -c "import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); c.execute(sys.argv[2]); c.commit()" "$store/wkb.db" "$edit"
fi
"$wkb" audit verify || echo "(exit $?: de audittrail wijst de aangepaste rij aan)"
