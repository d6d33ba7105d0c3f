#!/usr/bin/env python3
"""docs/sdk/messages.md says what the schemas say.

Usage: docs_in_step.py SCHEMA_DIR MESSAGES_MD TAXONOMY_JSON

For every schema, the section of messages.md named in SECTIONS has a table
row | `member` | type | required | rule | for every member (nested members as
`a.b`, list elements as `a[].b`), and no row for a member the schema lacks.
The type and the required column must match the schema, and the rule column
must name every value of the member's vocabulary (enum or const); a member
whose vocabulary is the taxonomy says "taxonomy", and the Taxonomy section
lists every topic id."""
import json
import pathlib
import re
import sys

from wkb_schemas import Schemas

SECTIONS = {
    "wkb.project-1.schema.json": "wkb.project/1",
    "wkb.assessment-1.schema.json": "wkb.assessment/1",
    "wkb.sample-1.schema.json": "wkb.sample/1",
    "wkb.plan-1.schema.json": "wkb.plan/1",
    "wkb.findings-1.schema.json": "wkb.findings/1",
    "wkb.decision-1.schema.json": "wkb.decision/1",
    "wkb.register-1.schema.json": "wkb.register/1",
    "describe.schema.json": "describe",
    "request.describe.schema.json": "Requests",
    "request.assess.schema.json": "Requests",
    "request.sample.schema.json": "Requests",
    "request.plan.schema.json": "Requests",
    "request.evaluate.schema.json": "Requests",
    "error.schema.json": "The error object",
}
# $defs documented once, in their own section, and named by type elsewhere.
NAMED = {"party": "party"}
# Request tables name the request in the first column: `assess: project`.
REQUEST_PREFIX = {"request.%s.schema.json" % m: m + ": " for m in ["describe", "assess", "sample", "plan", "evaluate"]}


def resolve(schemas, file, node):
    """(file, node) with $ref followed; the $ref's name if it is a common $def."""
    name = None
    while "$ref" in node:
        target, _, pointer = node["$ref"].partition("#")
        file = target or file
        doc = schemas.docs[file]
        for part in [p for p in pointer.split("/") if p]:
            doc = doc[part]
        name = pointer.split("/")[-1] if pointer else file
        node = doc
    return file, node, name


def type_word(schemas, file, node):
    file, node, name = resolve(schemas, file, node)
    if name in NAMED:
        return NAMED[name]
    if name in SECTIONS:  # a message inside a request
        return SECTIONS[name]
    if "const" in node and "type" not in node:
        return "string"
    t = node.get("type")
    if t == "array":
        return type_word(schemas, file, node["items"]) + "[]"
    return t


def members(schemas, file, node, prefix=""):
    """(path, file, resolved node, required, $def name) for every member under node."""
    file, node, _ = resolve(schemas, file, node)
    required = set(node.get("required", []))
    for key, sub in node.get("properties", {}).items():
        path = prefix + key
        f, r, name = resolve(schemas, file, sub)
        yield path, f, r, sub, key in required, name
        if name in NAMED or name in SECTIONS:
            continue
        if r.get("type") == "object":
            yield from members(schemas, f, r, path + ".")
        elif r.get("type") == "array":
            fi, item, iname = resolve(schemas, f, r["items"])
            if item.get("type") == "object" and iname not in NAMED:
                yield from members(schemas, fi, item, path + "[].")


def vocabulary(schemas, file, node, name=None):
    file, node, ref_name = resolve(schemas, file, node)
    name = ref_name or name
    if node.get("type") == "array":
        return vocabulary(schemas, file, node["items"])
    if name == "topic":
        return "taxonomy"
    if "enum" in node:
        return node["enum"]
    if "const" in node:
        return [node["const"]]
    return None


def sections(md):
    out, current = {}, None
    for line in md.splitlines():
        m = re.match(r"^##+ (.*)$", line)
        if m:
            current = m.group(1).strip()
            out.setdefault(current, [])
        elif current is not None:
            out[current].append(line)
    return out


def rows(lines):
    out = {}
    for line in lines:
        m = re.match(r"^\|\s*`([^`]+)`\s*\|(.*)\|\s*$", line)
        if m:
            out[m.group(1)] = [c.strip() for c in m.group(2).split("|")]
    return out


def main():
    schemas = Schemas(sys.argv[1])
    md = pathlib.Path(sys.argv[2]).read_text(encoding="utf-8")
    topics = [t["id"] for t in json.loads(pathlib.Path(sys.argv[3]).read_text(encoding="utf-8"))["topics"]]
    secs = sections(md)
    failures = []
    documented = {}
    for file, title in SECTIONS.items():
        if title not in secs:
            failures.append(f"messages.md has no section \"## {title}\" for {file}")
            continue
        table = rows(secs[title])
        documented.setdefault(title, set())
        for path, f, node, raw, required, name in members(schemas, file, schemas.docs[file]):
            key = REQUEST_PREFIX.get(file, "") + path
            documented[title].add(key)
            if key not in table:
                failures.append(f"{title}: no row for `{key}` ({file})")
                continue
            cells = table[key]
            if len(cells) < 3:
                failures.append(f"{title}: the row of `{key}` needs type, required and rule columns")
                continue
            want_type = type_word(schemas, file, raw)
            if cells[0].strip("`") != want_type and not cells[0].startswith("`"):
                failures.append(f"{title}: `{key}` has type \"{cells[0]}\", the schema says {want_type}")
            if cells[0].startswith("`") and want_type != "string":
                failures.append(f"{title}: `{key}` is shown as a constant, the schema says {want_type}")
            if cells[1] != ("yes" if required else "no"):
                failures.append(f"{title}: `{key}` required \"{cells[1]}\", the schema says {'yes' if required else 'no'}")
            vocab = vocabulary(schemas, f, node, name)
            rule = cells[0] + " " + cells[2]
            if vocab == "taxonomy":
                if "taxonomy" not in rule:
                    failures.append(f"{title}: `{key}` takes a topic id; its rule must refer to the taxonomy")
            elif vocab:
                for v in vocab:
                    v = v if isinstance(v, str) else json.dumps(v)  # false, not False
                    if f"`{v}`" not in rule and f"`\"{v}\"`" not in rule:
                        failures.append(f"{title}: `{key}`: the value `{v}` is not named in its row")
    # The shared party object, documented once.
    party = rows(secs.get("party", []))
    documented["party"] = set()
    common = schemas.docs["common.schema.json"]
    for path, f, node, raw, required, name in members(schemas, "common.schema.json", common["$defs"]["party"]):
        documented["party"].add(path)
        cells = party.get(path)
        if not cells or len(cells) < 3:
            failures.append(f"party: no full row for `{path}`")
        elif cells[1] != ("yes" if required else "no") or cells[0] != type_word(schemas, "common.schema.json", raw):
            failures.append(f"party: `{path}` differs from the schema in type or required")
    for title, keys in documented.items():
        for key in rows(secs.get(title, [])):
            if key not in keys:
                failures.append(f"{title}: row `{key}` is not a member in the schema")
    tax = "\n".join(secs.get("Taxonomy", []))
    for t in topics:
        if f"`{t}`" not in tax:
            failures.append(f"Taxonomy: topic `{t}` is not listed")
    # The schema's topic vocabulary is the taxonomy's (one fact, two places).
    if schemas.docs["common.schema.json"]["$defs"]["topic"]["enum"] != topics:
        failures.append("common.schema.json $defs/topic differs from sdk/data/taxonomy.json")
    n = sum(len(k) for k in documented.values())
    print(f"{n} members checked in {len(documented)} sections")
    for f in failures:
        print("FAIL", f)
    return 1 if failures or n < 100 else 0


if __name__ == "__main__":
    sys.exit(main())
