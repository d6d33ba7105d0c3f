#!/usr/bin/env bash
# The store commands of the `wkb` CLI end to end: exit codes, messages, and
# that a refused command writes nothing.
#   cli_store_test.sh WKB STORE_SQL PLUGIN_DIR DATA_DIR
set -u
wkb=$1
store_sql=$2
export WKB_PLUGIN_PATH=$3
data=$4
tmp=$(mktemp -d /tmp/wkb-cli-store.XXXXXX)
trap 'rm -rf "$tmp"' EXIT
export WKB_DB="sqlite:$tmp/wkb.db" WKB_NOW=2026-03-01T10:00:00Z WKB_ALLOW_FIXED_CLOCK=1 WKB_USER=tester
id=2026-ZWO-0007
failures=0

fail() { echo "FAIL: $*" >&2; failures=$((failures + 1)); }
# run CODE PATTERN CMD...: CMD must exit CODE and its output (stdout+stderr) contain PATTERN.
run() {
  local code=$1 pattern=$2
  shift 2
  local out rc
  out=$("$@" 2>&1)
  rc=$?
  [ "$rc" -eq "$code" ] || fail "expected exit $code, got $rc: $* -> $out"
  [ -z "$pattern" ] || grep -qF -- "$pattern" <<<"$out" || fail "output of '$*' lacks '$pattern': $out"
}
entries() { "$wkb" --json audit verify | grep -o '"entries":[0-9]*'; }
sql() { "$store_sql" "$WKB_DB" "$1" || fail "store_sql $1"; }

# Before any project: reading commands refuse a store that does not exist, and make none.
run 3 "bestaat niet" "$wkb" project list
run 3 "bestaat niet" "$wkb" audit verify
[ ! -e "$tmp/wkb.db" ] || fail "a reading command created the store"
# The kavel's EKV expired in 2024: the host leaves it out of what the
# instrument sees and says so, in Dutch and under --json (docs/sdk/certificates.md).
run 0 "Let op: de erkende kwaliteitsverklaring SKH 36912" "$wkb" project create --instrument nl.test.opslag --project "$data/kavel.json"
run 0 '"code":"certificate-expired"' "$wkb" --json project replan "$id" --reason "controle waarschuwing"
run 3 "bestaat al in opslag" "$wkb" project create --instrument nl.test.opslag --project "$data/kavel.json"
run 3 "2026-NIET-1" "$wkb" project show 2026-NIET-1
run 0 '"state":"planned"' "$wkb" --json project show "$id"

# The test instrument's stable control ids (wkb::control_id: risk/method/phase).
beng=R-energy-performance/document-review/design
before=$(entries)
run 3 "wkb project notify $id" "$wkb" finding add "$id" --control "$beng" --result conform --by tester
run 3 "wkb project evaluate $id" "$wkb" project close "$id"
run 2 "--by NAAM of zet WKB_USER" env -u WKB_USER "$wkb" project close "$id"
# Blank values: only spaces are refused by the parser (2); text a reader sees as
# empty (no-break spaces) by the store, as a missing motivation (3).
run 2 "--motivation is leeg" "$wkb" risk override "$id" --risk R-structural-safety --likelihood 4 --motivation " " --by tester
run 3 "schriftelijke motivering (--motivation" "$wkb" risk override "$id" --risk R-structural-safety --likelihood 4 \
  --motivation "$(printf '\302\240')" --by tester
# Who did it: --by, else WKB_USER; neither is refused.
run 2 "--by NAAM of zet WKB_USER" env -u WKB_USER "$wkb" risk override "$id" --risk R-structural-safety --likelihood 4 --motivation "x"
run 2 "geheel getal van 1 tot en met 5" "$wkb" risk override "$id" --risk R-structural-safety --likelihood vier --motivation "x" --by tester
[ "$(entries)" = "$before" ] || fail "a refused command wrote to the audit trail"

run 0 "score 32 -> 64" "$wkb" risk override "$id" --risk R-structural-safety --likelihood 4 \
  --motivation "funderingsadvies wijst op slappe lagen" --by tester
run 0 "site-inspection" "$wkb" --json project show "$id" --diff
run 0 "bijwoonmoment" "$wkb" project show "$id" --diff
# The bouwmelding is the melder's; an incomplete melder is refused with every path, and writes nothing.
# The staff register (docs/store.md#staff): a bad file names file, path and rule and stores nothing.
staff="$data/../../../examples/staff/borg-twente.staff.json"
sed -e 's/"installations", "site-inspection"/"installations", "tuinieren"/' "$staff" >"$tmp/staff-bad.json"
before=$(entries)
run 3 "$tmp/staff-bad.json" "$wkb" staff add "$tmp/staff-bad.json"
run 3 '$.persons[2].roles[1]' "$wkb" staff add "$tmp/staff-bad.json"
[ "$(entries)" = "$before" ] || fail "a refused staff file wrote to the audit trail"
# The bouwmelding waits for the persons of the borgingsplan.
run 3 "noemt niemand voor" "$wkb" project notify "$id" --melder "$data/kavel.melder.json"
run 3 "plan-staffed" "$wkb" --json project notify "$id" --melder "$data/kavel.melder.json"
run 0 "5 nieuwe personen, 0 gewijzigde personen" "$wkb" staff add "$staff"
run 0 "5 personen ongewijzigd" "$wkb" staff add "$staff"
run 0 '"unchanged":5' "$wkb" --json staff add "$staff"
out=$("$wkb" staff list --on 2026-03-01 2>&1)
grep -qF "ir. M. de Wit" <<<"$out" || fail "staff list lacks a person: $out"
grep -qF "BT-005" <<<"$out" && fail "staff list --on shows a person who left in 2025: $out"
run 0 "BT-005" "$wkb" staff list
run 0 "Geen personen" "$wkb" staff list --assurer 11111111
run 0 "Versies" "$wkb" staff show BT-001
run 3 "BT-999" "$wkb" staff show BT-999
# A person short of the instrument's competence is refused, naming person, role and gap.
before=$(entries)
run 3 "2 jaar ervaring" "$wkb" project assign "$id" --role site-inspection=BT-004 --responsible BT-001
run 3 "[competence]" "$wkb" project assign "$id" --role site-inspection=BT-004
run 3 "--responsible BT-002" "$wkb" project assign "$id" --responsible BT-002
run 2 "GEBIED=PERSOON" "$wkb" project assign "$id" --role BT-001
[ "$(entries)" = "$before" ] || fail "a refused assignment wrote to the audit trail"
roles=$("$wkb" --json project show "$id" | grep -o '"unstaffed":\[[^]]*\]')
args=()
for r in risk-assessment-and-plan structural-safety fire-safety building-physics installations site-inspection; do
  case $r in fire-safety|building-physics) p=BT-002 ;; installations|site-inspection) p=BT-003 ;; *) p=BT-001 ;; esac
  grep -qF "\"$r\"" <<<"$roles" && args+=(--role "$r=$p")
done
run 0 "Personen van het borgingsplan" "$wkb" project assign "$id" "${args[@]}" --responsible BT-001
run 0 "eindverantwoordelijke" "$wkb" project show "$id"
run 0 '"unstaffed":[]' "$wkb" --json project show "$id"
before=$(entries)
printf '{"schema":"wkb.melder/1","role":"aannemer","builder":{"name":"X"},"location":{}}' >"$tmp/melder-kort.json"
run 3 '$.builder.phone' "$wkb" project notify "$id" --melder "$tmp/melder-kort.json"
run 3 '$.location' "$wkb" project notify "$id" --melder "$tmp/melder-kort.json"
run 2 "--melder" "$wkb" project notify "$id"
[ "$(entries)" = "$before" ] || fail "a refused bouwmelding wrote to the audit trail"
run 0 "door Bouwbedrijf IJsselkant BV (aannemer)" "$wkb" project notify "$id" --melder "$data/kavel.melder.json" \
  --out "$tmp/bouwmelding.json"
grep -q '"schema":"wkb.bouwmelding/1"' "$tmp/bouwmelding.json" || fail "no bouwmelding package written"
grep -q '"cadastral":"Zwolle K 4321"' "$tmp/bouwmelding.json" || fail "the bouwmelding package lacks the location"
grep -q '"staff":{"responsible":{' "$tmp/bouwmelding.json" || fail "the bouwmelding package lacks the persons"
# Start bouw: not within four weeks of the bouwmelding (1 March 2026).
run 3 "29 maart 2026" "$wkb" project start "$id" --date 2026-03-20
run 0 "13 april 2026" "$wkb" project start "$id" --date 2026-04-13
# A bouwmelding less than 4 weeks before the foundation: a warning, with its code in JSON.
sed -e 's/2026-ZWO-0007/2026-ZWO-0008/' -e 's/"2026-04-13"/"2026-03-10"/' "$data/kavel.json" >"$tmp/kort.json"
late="sqlite:$tmp/late.db"
# The persons with the project: one transaction, refused as a whole.
run 0 "" "$wkb" --db "$late" staff add "$staff"
run 3 "[competence]" "$wkb" --db "$late" project create --instrument nl.test.opslag --project "$tmp/kort.json" \
  "${args[@]}" --responsible BT-004
run 3 "staat niet in opslag" "$wkb" --db "$late" project show 2026-ZWO-0008
run 0 "Personen van het borgingsplan" "$wkb" --db "$late" project create --instrument nl.test.opslag \
  --project "$tmp/kort.json" "${args[@]}" --responsible BT-001
run 0 '{"code":"notify-late","message":"de eerste bouwfase (fundering) begint op 10 maart 2026, 9 dagen na' \
  "$wkb" --json --db "$late" project notify 2026-ZWO-0008 --melder "$data/kavel.melder.json"
run 0 '"warnings":[{"code":"notify-late"' "$wkb" --json --db "$late" project show 2026-ZWO-0008
run 0 "waarschuwing: de eerste bouwfase (fundering) begint op 10 maart 2026, 9 dagen na deze bouwmelding" \
  "$wkb" --db "$late" project show 2026-ZWO-0008
# A new bouwmelding only after a lapsed or refused one; the decision on use only after a close without verklaring.
run 3 "geldt nog" "$wkb" --db "$late" project notify 2026-ZWO-0008 --renew --melder "$data/kavel.melder.json"
run 2 "--refused hoort bij --renew" "$wkb" --db "$late" project notify 2026-ZWO-0008 --refused "x" \
  --melder "$data/kavel.melder.json"
run 0 "Nieuwe bouwmelding voor project 2026-ZWO-0008" "$wkb" --db "$late" project notify 2026-ZWO-0008 --renew \
  --refused "de gemeente vond de bouwmelding onvolledig" --melder "$data/kavel.melder.json"
run 3 "volgt op een afsluiting zonder verklaring" "$wkb" --db "$late" project use-decision 2026-ZWO-0008 \
  --decision "ingebruikname toegestaan"

before=$(entries)
run 3 "c-bestaat-niet" "$wkb" finding add "$id" --control c-bestaat-niet --result conform --by tester
run 2 "een van conform, repaired" "$wkb" finding add "$id" --control "$beng" --result goed --by tester
run 3 "geldt voor het hele project" "$wkb" finding add "$id" --control "$beng" --unit 1 --result conform --by tester
run 2 "een datum als" "$wkb" finding add "$id" --control "$beng" --result conform --by tester --date 2026-13-01
[ "$(entries)" = "$before" ] || fail "a refused finding wrote to the audit trail"

# Findings lie between the bouwmelding and today; the building started on 13 April.
export WKB_NOW=2026-05-10T10:00:00Z
run 3 "ligt na vandaag" "$wkb" finding add "$id" --control "$beng" --result conform --by tester --date 2099-01-01
run 3 "ligt voor de bouwmelding" "$wkb" finding add "$id" --control "$beng" --result conform --by tester --date 2026-02-01
[ "$(entries)" = "$before" ] || fail "a refused finding wrote to the audit trail"
# A finding is assessed by a person of the register with a fitting role (rule assessor).
run 3 "[assessor]" "$wkb" finding add "$id" --control "$beng" --result open --by tester --note "BENG ontbreekt" \
  --date 2026-05-02
run 3 "geen rol die bij deze beheersmaatregel past" "$wkb" finding add "$id" --control "$beng" --result open \
  --by BT-003 --note "BENG ontbreekt" --date 2026-05-02
run 0 "in uitvoering" "$wkb" finding add "$id" --control "$beng" --result open --by BT-002 --note "BENG ontbreekt" \
  --date 2026-05-02
# A melding tijdens de bouw: to client and contractor, as HTML and JSON.
before=$(entries)
run 3 "opdrachtgever en de aannemer" "$wkb" melding "$id" --part "$beng" --explanation "BENG ontbreekt"
run 2 "--explanation" "$wkb" melding "$id" --part "$beng" --to client --to contractor
[ "$(entries)" = "$before" ] || fail "a refused melding wrote to the audit trail"
run 0 "aan opdrachtgever en aannemer" "$wkb" melding "$id" --part "$beng" --to client --to contractor \
  --explanation "De BENG-berekening ontbreekt; lever haar voor de oplevering aan." --out "$tmp/meldingen"
grep -q "Melding van een afwijking tijdens de bouw" "$tmp/meldingen/melding-1.html" || fail "no melding page"
grep -q '"schema":"wkb.melding/1"' "$tmp/meldingen/melding-1.json" || fail "no melding JSON"
run 0 "Informatieverzoek 1" "$wkb" request add "$id" --question "Stuur het borgingsplan in afschrift."
run 0 "vastgelegd" "$wkb" request answer "$id" --number 1 --answer "Verstuurd op 11 mei."
# The remaining findings (the test instrument's plan for this project is fixed:
# the site inspection of R-structural-safety on unit 1 after the override, $beng for the project).
cp "$data/kavel.findings.json" "$tmp/findings.json"
run 0 "" "$wkb" findings import "$id" "$tmp/findings.json"
before=$(entries)
run 3 "al geïmporteerd" "$wkb" findings import "$id" "$tmp/findings.json"
[ "$(entries)" = "$before" ] || fail "a duplicate import wrote to the audit trail"
run 0 "VERKLARING" "$wkb" project evaluate "$id"
run 3 "is een verklaring" "$wkb" project close "$id" --notice --effort "x"
run 3 "--place PLAATS" "$wkb" project close "$id"
# With a register, the verklaring needs the assurer's licence for this instrument (the example register has none).
run 3 "geen licentie voor instrument nl.test.opslag" "$wkb" --register "$data/../../../examples/registers/register.json" \
  project close "$id" --place Zwolle
run 3 "de gereedmelding bevat de verklaring" "$wkb" project complete "$id" --file "$data/kavel.gereedmelding.json"
# The verklaring is signed by the eindverantwoordelijke the borgingsplan names, no one else.
before=$(entries)
run 3 "ondertekend door de eindverantwoordelijke die het borgingsplan noemt, ing. A. Jansen (BT-001)" \
  "$wkb" project close "$id" --place Zwolle --responsible "ir. T. Ester"
run 3 '"rule":"responsible-assigned"' "$wkb" --json project close "$id" --place Zwolle --responsible "ir. T. Ester"
[ "$(entries)" = "$before" ] || fail "a refused verklaring wrote to the audit trail"
run 0 "eindverantwoordelijke: ing. A. Jansen" "$wkb" project close "$id" --place Zwolle --responsible BT-001
run 3 "de verklaring is afgegeven" "$wkb" finding add "$id" --control "$beng" --result conform --by tester
# The gereedmelding: the melder's, every item of the dossier, two weeks before use.
before=$(entries)
sed 's/"energy-performance": {"status": "present", "document": "BENG-berekening, definitief"}/"energy-performance": {"status": "missing"}/' \
  "$data/kavel.gereedmelding.json" >"$tmp/gereed-kort.json"
run 3 "ontbreekt energieprestatie (BENG)" "$wkb" project complete "$id" --file "$tmp/gereed-kort.json"
sed 's/"2026-06-01"/"2026-05-20"/' "$data/kavel.gereedmelding.json" >"$tmp/gereed-vroeg.json"
run 3 "24 mei 2026" "$wkb" project complete "$id" --file "$tmp/gereed-vroeg.json"
[ "$(entries)" = "$before" ] || fail "a refused gereedmelding wrote to the audit trail"
run 0 "Gereedmelding voor project $id door Bouwbedrijf IJsselkant BV" "$wkb" project complete "$id" \
  --file "$data/kavel.gereedmelding.json"
run 0 '"completion_notice":"2026-05-10T10:00:00Z"' "$wkb" --json project show "$id"
run 0 "Gereedmelding: 10 mei 2026" "$wkb" project show "$id"
run 3 "gereedgemeld project verandert niet meer" "$wkb" finding add "$id" --control "$beng" --result conform --by tester
run 0 "dossier.html" "$wkb" dossier "$id" --out "$tmp/dossier"
grep -q "gerechtvaardigd vertrouwen" "$tmp/dossier/dossier.html" || fail "dossier lacks the declaration statement"
grep -q "Handtekening" "$tmp/dossier/dossier.html" || fail "dossier lacks the signature block"
grep -q "Gereedmelding: dossier bevoegd gezag" "$tmp/dossier/dossier.html" || fail "dossier lacks the checklist"
run 0 "in orde" "$wkb" audit verify
run 0 "gelijk" "$wkb" audit replay "$id"

# The heads: shown by verify and in the dossier, kept, signed, checked.
head=$("$wkb" --json audit verify | grep -o '"store":{"entries":[0-9]*,"head":"[0-9a-f]*"' | grep -o '[0-9a-f]\{64\}')
[ ${#head} -eq 64 ] || fail "audit verify --json shows no store head"
grep -q "$head" "$tmp/dossier/dossier.json" || fail "the dossier lacks the store head"
grep -q "Ketenkoppen" "$tmp/dossier/dossier.html" || fail "the dossier page lacks the heads"
run 0 "Ketenkop van de opslag: $head" "$wkb" audit verify
run 0 "ketenkop staat erin" "$wkb" audit verify --expect-head "$head"
run 1 "herschreven" "$wkb" audit verify --expect-head "$(printf '%064d' 7)"
run 2 "verwacht een ketenkop" "$wkb" audit verify --expect-head 1234
# Keys as `wkb-admission keygen` writes them: hex of libsodium's seed+public (64 bytes) and public (32 bytes).
seed=$(printf 'wkb-test-sleutel-%.0s' 1 2 | head -c 32 | od -An -tx1 | tr -d ' \n')
keys=$("$store_sql" --keypair "$seed" 2>/dev/null) || keys=""
if [ -n "$keys" ]; then
  printf '%s\n' "${keys% *}" >"$tmp/sleutel.geheim"
  printf '%s\n' "${keys#* }" >"$tmp/sleutel.pub"
  run 0 "ondertekend" "$wkb" audit sign --key "$tmp/sleutel.geheim" --out "$tmp/koppen.json"
  grep -q '"algorithm":"ed25519"' "$tmp/koppen.json" || fail "no signed heads written"
  run 0 "ondertekende ketenkoppen kloppen" "$wkb" audit verify --pubkey "$tmp/sleutel.pub"
  run 3 "geen bestand met een geheime Ed25519-sleutel" "$wkb" audit sign --key "$tmp/sleutel.pub"
else
  fail "store_sql --keypair did not make a key pair"
fi

# A damaged row gives exit 3 and a pointer to verify, never an internal error (70).
cp "$tmp/wkb.db" "$tmp/damaged.db"
damaged="sqlite:$tmp/damaged.db"
"$store_sql" "$damaged" "UPDATE overrides SET after_json = 'geen json'" || fail "store_sql"
run 3 "wkb audit verify" "$wkb" --db "$damaged" project show "$id"
"$store_sql" "$damaged" "UPDATE projects SET state = 'zoek'" || fail "store_sql"
run 3 "zoek" "$wkb" --db "$damaged" project show "$id"
run 3 "zoek" "$wkb" --db "$damaged" project list
run 1 "" "$wkb" --db "$damaged" audit verify

# A fixed clock only with WKB_ALLOW_FIXED_CLOCK=1; then never before the last entry.
out=$(env -u WKB_ALLOW_FIXED_CLOCK WKB_NOW=2020-01-01T00:00:00Z "$wkb" --json --db "sqlite:$tmp/other.db" \
  project create --instrument nl.test.opslag --project "$data/kavel.json" 2>&1)
grep -q '"created_at":"2020' <<<"$out" && fail "WKB_NOW was honoured without WKB_ALLOW_FIXED_CLOCK=1"
grep -q 'WKB_NOW wordt genegeerd' <<<"$out" || fail "no warning that WKB_NOW is ignored: ${out:0:300}"
run 3 "vóór de laatste registratie" env WKB_NOW=2020-01-01T00:00:00Z "$wkb" risk override "$id" --risk R-energy-performance \
  --likelihood 2 --motivation "x" --by tester
# Control characters, blank names and duplicate keys are refused; long values are cut in messages.
run 3 "stuurteken U+001B" "$wkb" risk override "$id" --risk R-energy-performance --likelihood 2 --motivation "$(printf 'kleur\033[31m')" --by tester
run 2 "--by is leeg" "$wkb" project close "$id" --by "$(printf '\302\240')"
printf '{"schema":"wkb.findings/1","project":"%s","findings":[{"control":"R-energy-performance/document-review/design","result":"unrepairable","result":"conform","date":"2026-05-01","assessed_by":"x"}]}' "$id" >"$tmp/dup.json"
run 3 "twee keer" "$wkb" findings import "$id" "$tmp/dup.json"
long=$(head -c 100000 /dev/zero | tr '\0' 'x')
out=$("$wkb" finding add "$id" --control "$beng" --result "$long" --by tester 2>&1)
[ ${#out} -lt 1000 ] || fail "a 100000-character value was echoed (${#out} characters of output)"
grep -qF "100.000 tekens" <<<"$out" || fail "the cut value does not give its length: ${out:0:300}"

# A held lock: the writer stops after WKB_LOCK_TIMEOUT with exit 5 and writes nothing.
before=$(entries)
"$store_sql" "$WKB_DB" "UPDATE projects SET name = name" --hold 5 >"$tmp/held" &
holder=$!
for _ in $(seq 50); do grep -q held "$tmp/held" 2>/dev/null && break; sleep 0.1; done
run 5 "een ander wkb-proces schrijft in deze opslag; probeer het opnieuw" env WKB_LOCK_TIMEOUT=0.5 \
  "$wkb" finding add "$id" --control "$beng" --result conform --by tester
run 2 "WKB_LOCK_TIMEOUT" env WKB_LOCK_TIMEOUT=lang "$wkb" finding add "$id" --control "$beng" --result conform --by tester
kill "$holder" 2>/dev/null
wait "$holder" 2>/dev/null
[ "$(entries)" = "$before" ] || fail "a writer that could not get the lock wrote to the audit trail"

# A hand-edited row: verify exits 1 and names the entry.
sql "UPDATE findings SET result = 'conform' WHERE seq = 1"
run 1 "bevinding 1 wijkt af van wat registratie" "$wkb" audit verify "$id"
run 1 '"code":"row-altered"' "$wkb" --json audit verify "$id"
run 1 '"ok":false' "$wkb" --json audit verify

# Stores that cannot be used.
run 3 "bestaat niet" "$wkb" --db "sqlite:$tmp/nowhere/wkb.db" project list
run 3 "kan niet worden geopend" "$wkb" --db "postgresql://wkb:geheim@127.0.0.1:1/wkb?connect_timeout=2" project list
head -c 4096 /dev/urandom >"$tmp/corrupt.db"
sum=$(sha256sum <"$tmp/corrupt.db")
run 3 "is geen wkb-opslag" "$wkb" --db "sqlite:$tmp/corrupt.db" project list
[ "$(sha256sum <"$tmp/corrupt.db")" = "$sum" ] || fail "the corrupt file was changed"
# A read-only store (as root, via an unprivileged user; file permissions do not
# bind root). The binary and the store are copied into a folder made for the
# test, so that it does not matter whether `nobody` may enter the checkout
# (a clone in a mode-700 home folder).
if [ "$(id -u)" -eq 0 ] && command -v runuser >/dev/null && id nobody >/dev/null 2>&1; then
  ro=$(mktemp -d /tmp/wkb-ro.XXXXXX)
  cp "$wkb" "$ro/wkb"
  cp "$tmp/wkb.db" "$ro/wkb.db"
  cp "$data/kavel.melder.json" "$ro/melder.json" && chmod 644 "$ro/melder.json"
  chmod 755 "$ro" "$ro/wkb" && chmod 644 "$ro/wkb.db"
  sum=$(sha256sum <"$ro/wkb.db")
  if (cd "$ro" && runuser -u nobody -- ./wkb --version >/dev/null 2>&1); then
    run 3 "Controleer de rechten" sh -c "cd '$ro' && WKB_PLUGIN_PATH='$ro' runuser -u nobody -- ./wkb --db 'sqlite:$ro/wkb.db' project notify '$id' --melder '$ro/melder.json'"
    [ "$(sha256sum <"$ro/wkb.db")" = "$sum" ] || fail "the read-only store was changed"
  else
    echo "SKIP: read-only store check: user nobody cannot run a copy of wkb in $ro (noexec /tmp?)" >&2
  fi
  rm -rf "$ro"
else
  echo "SKIP: read-only store check needs root, runuser and the user nobody (as a user, permissions bind wkb itself)" >&2
fi
sql "INSERT INTO wkb_schema_version (version, applied_at) VALUES (99, 'x')"
run 3 "nieuwer dan deze wkb" "$wkb" project list

if [ "$failures" -ne 0 ]; then
  echo "$failures failure(s)" >&2
  exit 1
fi
echo "all store CLI checks passed"
