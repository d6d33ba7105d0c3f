#!/usr/bin/env python3
"""The C++ readers and the JSON Schemas agree, on a generated set of messages.

Usage: agreement.py SCHEMA_DIR BASE_DIR PROBE

From one valid message of each kind (BASE_DIR/*.json, every optional member
present) it generates systematic mutations: every member left out, every
member and list element given a value of each wrong type, strings outside
their vocabulary or format, integers at and beyond their bounds, lists empty
or with a duplicate, an unknown member in every object. Each message goes to
the schema (python3-jsonschema) and to the C++ readers (PROBE, see
schema_probe.cpp); both must accept or both refuse. The only allowed
difference: the C++ side refuses for a rule in INEXPRESSIBLE, a rule that
relates values to each other in a way JSON Schema cannot state."""
import copy
import json
import pathlib
import subprocess
import sys

from wkb_schemas import KIND_SCHEMAS, Schemas

# Rules the readers check and a schema cannot express, and why. A schema can
# compare a value with constants; it cannot compare two values of the same
# message, count one list against a number elsewhere, or follow references.
INEXPRESSIBLE = {
    "unit-ids-count": "project: unit_ids has as many ids as building.units (a length equal to another member's value)",
    "assurer-independence": "project: the assurer's kvk differs from the client's, contractor's and designer's (compares values)",
    "schedule-dates": "project: a phase's end is not before its start (compares two dates)",
    "certificate-validity": "project: a certificate's valid_until is not before its valid_from (compares two dates)",
    "schedule-order": "project: phases in contract order, each once, starts not decreasing (compares list elements)",
    "thresholds-order": "describe: thresholds.control <= thresholds.site_inspection (compares two values)",
    "unique": "register: each entity's kvk once (uniqueness of one member across objects; uniqueItems compares whole elements)",
    "ownership-cycle": "register: parent_kvk chains end (follows references)",
    "unknown-entity": "register: a licence's assurer_kvk is one of the entities (a reference between lists)",
}
# Messages the C++ readers do not read as a whole, so there is nothing to
# compare with (the schema still applies): the describe request (the SDK's
# barrier ignores it; the host always sends {}), the assess request (the
# barrier reads only its "project" member, so an unknown member next to it is
# not refused there, while the schema refuses it as the contract says), the
# error object (the host reads it leniently by design: a plugin's failure must
# always become an error message, see docs/sdk/errors.md).
NOT_COMPARED = ["request.describe", "request.assess", "error"]

WRONG_TYPES = [None, True, 7, 2.5, "x", " ", "", [], {}]
BAD_STRINGS = ["zzz-not-in-vocabulary", "2026-02-30", "2026-2-3", "1899-12-31", "1234567", "123456789", "1234567a",
               "7607 ab", "0607 AB", "7607AB", "012345678901234", "01234567890123456", "1.0", "01.0.0", "1.0.0-",
               "a" * 65, "with space", "x/y"]
INTEGERS = [-1, 0, 1, 2, 3, 3.0, 5, 6, 20, 21, 60, 61, 100, 101, 120, 121, 125, 126, 10000, 10001, 1e20,
            18446744073709551615]
NUMBERS = [0, 0.0, 1e-9, 0.5, 1, 1.0, 1.5, -0.1]


def mutations(doc):
    """(description, mutated document) for every systematic mutation of doc."""
    out = []

    def at(path):
        return "$" + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path)

    def put(path, value, what):
        d = copy.deepcopy(doc)
        node = d
        for p in path[:-1]:
            node = node[p]
        node[path[-1]] = value
        out.append((f"{at(path)} {what}", d))

    def drop(path):
        d = copy.deepcopy(doc)
        node = d
        for p in path[:-1]:
            node = node[p]
        del node[path[-1]]
        out.append((f"{at(path)} left out", d))

    def walk(node, path):
        if isinstance(node, dict):
            d = copy.deepcopy(doc)
            target = d
            for p in path:
                target = target[p]
            target["zz_unknown"] = 1
            out.append((f"{at(path)} with an unknown member", d))
            for k, v in node.items():
                drop(path + [k])
                walk(v, path + [k])
        elif isinstance(node, list):
            if node:
                put(path, [], "empty")
                put(path, node + [node[0]], "with a duplicate")
                put(path, node[1:], "without its first element")
            for i, v in enumerate(node):
                walk(v, path + [i])
        if not path:
            return
        for w in WRONG_TYPES:
            if type(w) is not type(node) or w != node:
                put(path, w, f"= {json.dumps(w)}")
        if isinstance(node, str):
            for s in BAD_STRINGS + [node + "x", node[:-1], node.upper(), node.lower(), " " + node, node + " "]:
                if s != node:
                    put(path, s, f"= {json.dumps(s)}")
        elif isinstance(node, bool):
            put(path, not node, f"= {json.dumps(not node)}")
        elif isinstance(node, int):
            for n in INTEGERS:
                put(path, n, f"= {json.dumps(n)}")
        elif isinstance(node, float):
            for n in NUMBERS:
                put(path, n, f"= {json.dumps(n)}")

    walk(doc, [])
    return out


def main():
    schemas = Schemas(sys.argv[1])
    base_dir = pathlib.Path(sys.argv[2])
    probe = sys.argv[3]
    base = {k: json.loads((base_dir / f"{k}.json").read_text(encoding="utf-8"))
            for k in ["project", "assessment", "sample", "plan", "findings", "decision", "describe", "register"]}
    base["request.sample"] = {"project": base["project"], "assessment": base["assessment"]}
    base["request.plan"] = {"project": base["project"], "assessment": base["assessment"], "sample": base["sample"]}
    base["request.evaluate"] = {"project": base["project"], "plan": base["plan"], "findings": base["findings"]}
    # One industrial project: the storeys rule applies only there.
    industrial = copy.deepcopy(base["project"])
    industrial["building"]["type"] = "industrial"

    cases = []  # (kind, description, document)
    for kind, doc in base.items():
        cases.append((kind, "the base message", doc))
        cases += [(kind, d, m) for d, m in mutations(doc)]
    cases.append(("project", "industrial, base", industrial))
    cases += [("project", "industrial: " + d, m) for d, m in mutations(industrial) if d.startswith("$.building")]

    lines = "".join(f"{k} {json.dumps(m, ensure_ascii=False)}\n" for k, _, m in cases)
    answer = subprocess.run([probe], input=lines, capture_output=True, text=True, check=True).stdout.splitlines()
    if len(answer) != len(cases):
        print(f"FAIL: the probe answered {len(answer)} of {len(cases)} messages")
        return 1

    failures, allowed, tally = [], {}, {"both accept": 0, "both refuse": 0}
    for (kind, what, doc), reply in zip(cases, answer):
        cpp_ok = reply == "accept"
        rules = set() if cpp_ok else set(reply.split(" ", 1)[1].split(","))
        errors = schemas.errors(KIND_SCHEMAS[kind], doc)
        schema_ok = not errors
        if what.startswith("the base message") or what == "industrial, base":
            if not (cpp_ok and schema_ok):
                failures.append(f"{kind}: the base message must be valid (C++: {reply}; schema: "
                                f"{[e.message for e in errors]})")
            continue
        if cpp_ok == schema_ok:
            tally["both accept" if cpp_ok else "both refuse"] += 1
        elif schema_ok and rules <= INEXPRESSIBLE.keys():
            for r in rules:
                allowed[r] = allowed.get(r, 0) + 1
        else:
            failures.append(f"{kind} {what}: C++ {reply}; schema "
                            + ("accepts" if schema_ok else "refuses: " + "; ".join(e.message for e in errors[:2])))

    print(f"{len(cases)} messages: {tally['both accept']} accepted and {tally['both refuse']} refused by both")
    for r, n in sorted(allowed.items()):
        print(f"  {n:4} refused by C++ only, rule {r}: {INEXPRESSIBLE[r]}")
    # The comparison must have teeth: many refusals, and acceptances beyond the bases.
    if tally["both refuse"] < 1000 or tally["both accept"] < 50:
        failures.append(f"too few cases compared: {tally}")
    for f in failures[:60]:
        print("FAIL", f)
    if len(failures) > 60:
        print(f"... and {len(failures) - 60} more")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
