#!/usr/bin/env python3
"""What the instruments in the tree answer validates against the schemas.

Usage: instrument_outputs.py SCHEMA_DIR WKB SOURCE_DIR PLUGIN_FOLDER...

Runs the built `wkb` with the given plugin folders (Seriebouw, Kavelbouw, the
minimal example): every instrument's describe, and its assessment, sample and
plan for every example project it takes, and its decision for every example
findings file made for it. The messages the host accepted must also satisfy
the schemas (the files of the tree are validate_files.py's)."""
import json
import pathlib
import subprocess
import sys
import tempfile

from wkb_schemas import KIND_SCHEMAS, Schemas, json_path

# Findings files in the tree and the instrument they were made for.
FINDINGS = {"examples/findings": "nl.voorbeeld.seriebouw", "plugins/kavelbouw/examples": "nl.voorbeeld.kavelbouw"}


def main():
    schemas = Schemas(sys.argv[1])
    wkb, source = sys.argv[2], pathlib.Path(sys.argv[3])
    failures, counts = [], {}
    with tempfile.TemporaryDirectory() as tmp:
        # One folder of plugin folders, holding only the instruments under test.
        for folder in sys.argv[4:]:
            (pathlib.Path(tmp) / pathlib.Path(folder).name).symlink_to(pathlib.Path(folder).resolve())

        def run(*args):
            r = subprocess.run([wkb, "--plugins", tmp, "--json", *args], capture_output=True, text=True)
            return r.returncode, r.stdout, r.stderr

        def check(what, kind, doc):
            counts[kind] = counts.get(kind, 0) + 1
            for e in schemas.errors(KIND_SCHEMAS[kind], doc):
                failures.append(f"{what}: {kind} {json_path(e)}: {e.message}")

        code, out, err = run("instruments")
        listed = json.loads(out)["instruments"] if code == 0 else []
        if len(listed) != len(sys.argv[4:]):
            failures.append(f"wkb instruments lists {len(listed)} of {len(sys.argv[4:])} instruments: {err.strip()}")
        ids = []
        for entry in listed:
            check(f"describe of {entry['describe'].get('id')}", "describe", entry["describe"])
            ids.append(entry["describe"]["id"])
        for iid in ids:
            for project in sorted((source / "examples/projects").glob("*.json")):
                code, out, err = run("run", "--instrument", iid, "--project", str(project))
                if code != 0:
                    continue  # outside the instrument's scope (building type, size): its own refusal
                answer = json.loads(out)
                for kind in ["assessment", "sample", "plan"]:
                    check(f"{iid} on {project.name}", kind, answer[kind])
        for folder, iid in FINDINGS.items():
            if iid not in ids:
                continue
            for findings in sorted((source / folder).glob("*.json")):
                project = source / "examples/projects" / (findings.name.split(".")[0] + ".json")
                code, out, err = run("run", "--instrument", iid, "--project", str(project), "--findings", str(findings))
                if code not in (0, 1):  # 1: a negative decision, still a decision
                    failures.append(f"{iid} with {findings.name}: exit {code}: {err.strip()[:300]}")
                    continue
                check(f"{iid} with {findings.name}", "decision", json.loads(out)["decision"])
    for kind, n in sorted(counts.items()):
        print(f"{n:4} {kind}")
    for kind, minimum in {"describe": 3, "plan": 6, "decision": 6}.items():
        if counts.get(kind, 0) < minimum:
            failures.append(f"only {counts.get(kind, 0)} {kind} messages checked (expected at least {minimum})")
    for f in failures[:40]:
        print("FAIL", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
