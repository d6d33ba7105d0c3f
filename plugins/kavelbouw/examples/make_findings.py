#!/usr/bin/env python3
"""Regenerates the Kavelbouw example findings from the plan the instrument
makes for examples/projects/kavel-vrijstaand.json. Run after a change to the
instrument's plan:

    python3 plugins/kavelbouw/examples/make_findings.py build/bin/wkb

tests/lua/cli_kinds_test.cpp runs `wkb run --findings` on them and checks the
outcome in each file's name.
"""
import json, pathlib, subprocess, sys

WKB = sys.argv[1] if len(sys.argv) > 1 else "build/bin/wkb"
HERE = pathlib.Path(__file__).parent
ROOT = HERE.parents[2]
PROJECT = ROOT / "examples" / "projects" / "kavel-vrijstaand.json"
# Who of the assurer's staff (examples/staff/borg-twente.staff.json) assesses a
# control: a person with the area of its topic (sdk/data/taxonomy.json).
AREA = {t["id"]: t.get("area", "") for t in
        json.loads((ROOT / "sdk" / "data" / "taxonomy.json").read_text())["topics"]}
PERSON = {"fire-safety": "BT-002", "building-physics": "BT-002", "installations": "BT-003",
          "site-inspection": "BT-003"}

def by(c):
    return PERSON.get(AREA.get(c["topic"], ""), "BT-001")

plan = json.loads(subprocess.run([WKB, "plan", "--json", "--instrument", "nl.voorbeeld.kavelbouw",
                                  "--project", str(PROJECT)], check=True, capture_output=True, text=True).stdout)
if "plan" in plan:
    plan = plan["plan"]

def when(c):
    for i in plan["inspections"]:
        if c["id"] in i["controls"]:
            return i["date"]
    return "2026-03-20" if c["phase"] == "design" else "2026-09-08"

def findings(special):
    out = []
    for c in plan["controls"]:
        for u in (c["units"] or [None]):
            result, note, date = ("conform", "", when(c))
            if c["method"] != "document-review" and c["topic"] in special:
                result, note, date = special[c["topic"]]
            if result == "conform":
                note = "Conform getoetst" if c["method"] == "document-review" else "Conform aangetroffen"
            f = {"control": c["id"], "result": result, "note": note, "assessed_by": by(c), "date": date}
            if u is not None:
                f["unit"] = u
            out.append(f)
            if result == "open" and c["topic"] == "moisture":  # repaired later: the latest finding counts
                out.append(dict(f, result="repaired", note="Kimslabbe aangebracht en gecontroleerd", date="2026-07-10"))
    return {"schema": "wkb.findings/1", "project": plan["project"], "findings": out}

def write(name, doc):
    (HERE / name).write_text(json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")

write("kavel-vrijstaand.declaration.json", findings({
    "moisture": ("open", "Kimslabbe onder het gevelkozijn ontbreekt", "2026-06-19")}))
write("kavel-vrijstaand.notice.json", findings({
    "fire-spread": ("unrepairable", "Brandwerende scheiding naar de garage aan de perceelgrens is met een "
                    "doorgaande houten regel uitgevoerd; na afbouw niet meer te herstellen zonder sloop",
                    "2026-06-19")}))
