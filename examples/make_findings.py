#!/usr/bin/env python3
"""Regenerates the example findings files from the plans the Seriebouw
instrument makes. Run after a change to the instrument's plan:

    python3 examples/make_findings.py build/bin/wkb

Each file is a scenario an assurer meets in practice; the expected outcome is
in its name. The tests run `wkb run` on them and check the outcome.
"""
import json, subprocess, sys, pathlib

WKB = sys.argv[1] if len(sys.argv) > 1 else "build/bin/wkb"
HERE = pathlib.Path(__file__).parent
INSTRUMENT = "nl.voorbeeld.seriebouw"

def plan(project):
    global ASSURER
    ASSURER = json.loads((HERE / "projects" / (project + ".json")).read_text())["parties"]["assurer"]["kvk"]
    out = subprocess.run([WKB, "plan", "--json", "--instrument", INSTRUMENT, "--project",
                          str(HERE / "projects" / (project + ".json"))], check=True, capture_output=True, text=True)
    return json.loads(out.stdout)

def pairs(p):
    for c in p["controls"]:
        for u in (c["units"] or [None]):
            yield c, u

def when(p, c):
    """A plausible date: the inspection day that covers the control, else the phase end."""
    for i in p["inspections"]:
        if c["id"] in i["controls"]:
            return i["date"]
    return {"design": "2026-02-27"}.get(c["phase"], "2026-10-09")

# Who of the project's assurer (examples/staff/*.staff.json) assesses a
# control: a person with the area of its topic (sdk/data/taxonomy.json).
AREA = {t["id"]: t.get("area", "risk-assessment-and-plan") for t in
        json.loads((HERE.parent / "sdk" / "data" / "taxonomy.json").read_text())["topics"]}
PERSON = {"87654321": {"fire-safety": "BT-002", "building-physics": "BT-002", "installations": "BT-003",
                       "site-inspection": "BT-003", "": "BT-001"},   # Borg Twente BV
          "24681357": {"fire-safety": "KW-02", "building-physics": "KW-02", "installations": "KW-02",
                       "": "KW-01"}}                                # Kwaliteitsborging West BV
ASSURER = "87654321"  # of the last plan()

def assessor(c):
    people = PERSON[ASSURER]
    return people.get(AREA.get(c["topic"], ""), people[""])

def finding(c, u, result, note, date, by=None):
    if c["method"] == "certificate-check" and result == "conform":
        note = "Certificaat geldig op de dag van de controle, dekt dit onderwerp en is van toepassing op dit project."
    f = {"control": c["id"], "result": result, "note": note, "assessed_by": by or assessor(c), "date": date}
    if u is not None:
        f["unit"] = u
    return f

def write(name, project_id, findings):
    doc = {"schema": "wkb.findings/1", "project": project_id, "findings": findings}
    (HERE / "findings" / name).write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")

# All conform; one open finding later repaired: a declaration.
p = plan("kloosterstraat-12")
fs = []
for c, u in pairs(p):
    if c["topic"] == "moisture" and u == p["controls"][0]["units"][0]:
        fs.append(finding(c, u, "open", "Dakaansluiting bij de goot niet waterdicht.", "2026-06-08"))
        fs.append(finding(c, u, "repaired", "Aansluiting hersteld; foto's van de aannemer beoordeeld.", "2026-06-22"))
    else:
        fs.append(finding(c, u, "conform", "Conform plan en tekening.", when(p, c)))
write("kloosterstraat-12.declaration.json", p["project"], fs)

# Only the design was reviewed and the first site visit made: incomplete.
fs = [finding(c, u, "conform", "Conform.", when(p, c)) for c, u in pairs(p)
      if c["phase"] in ("design", "structure")]
write("kloosterstraat-12.incomplete.json", p["project"], fs)

# The BENG calculation never arrived: open items naming energy performance.
p = plan("beng-ontbreekt")
fs = []
for c, u in pairs(p):
    if c["topic"] == "energy-performance" and c["method"] == "document-review":
        fs.append(finding(c, u, "evidence-missing", "BENG-berekening niet aangeleverd ondanks twee verzoeken.", "2026-09-30"))
    else:
        fs.append(finding(c, u, "conform", "Conform.", when(p, c)))
write("beng-ontbreekt.open-items.json", p["project"], fs)

# The fire separation between two dwellings was built without the required
# fire resistance and is closed in: a non-compliance notice.
p = plan("slappe-bodem-brandscheiding")
fs = []
notice_given = False
for c, u in pairs(p):
    if c["topic"] == "fire-spread" and c["method"] == "site-inspection" and not notice_given:
        fs.append(finding(c, u, "unrepairable",
                          "Woningscheidende wand op 3,8 m van de perceelgrens uitgevoerd zonder de vereiste "
                          "brandwerendheid van 60 minuten; de wand is ingesloten door de kanaalplaatvloeren en kan "
                          "niet worden aangevuld zonder de draagconstructie te slopen.", when(p, c)))
        notice_given = True
    else:
        fs.append(finding(c, u, "conform", "Conform.", when(p, c)))
write("slappe-bodem-brandscheiding.notice.json", p["project"], fs)
print("findings written to", HERE / "findings")
