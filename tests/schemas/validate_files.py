#!/usr/bin/env python3
"""Every message shipped in the tree validates against its schema.

Usage: validate_files.py SOURCE_DIR SCHEMA_DIR

Messages are the JSON files of examples/, admission/corpus, admission/fixtures,
plugins/*/examples and tests/ that name a contract message in "schema", and
the ```json blocks of docs/sdk/*.md that do. A file naming a wkb.* schema
that is neither a message nor in NOT_MESSAGES fails: a new kind of file must
get a schema or be listed here with the reason."""
import json
import pathlib
import re
import sys

from wkb_schemas import MESSAGE_SCHEMAS, Schemas, json_path

# Files with a "schema" member that are not messages of the contract.
NOT_MESSAGES = {
    "wkb.taxonomy/1": "the SDK's data (sdk/data), read by the SDK only",
    "wkb.admission-policy/1": "the TloKB's policy, read by wkb-admission (docs/admission/policy.md)",
    "wkb.registrations/1": "the information chain's registrations, between wkb and the TloKB, not the plugin "
                           "contract; read strictly by host/registrations (docs/tlokb.md)",
}
ROOTS = ["examples", "admission/corpus", "admission/fixtures", "admission/policy", "plugins", "tests", "sdk/data"]


def main():
    source, schema_dir = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
    schemas = Schemas(schema_dir)
    failures, counts = [], {}

    def check(where, doc):
        kind = doc.get("schema") if isinstance(doc, dict) else None
        if not isinstance(kind, str) or not kind.startswith("wkb."):
            return
        if kind in NOT_MESSAGES:
            counts.setdefault("(not a message) " + kind, 0)
            counts["(not a message) " + kind] += 1
            return
        if kind not in MESSAGE_SCHEMAS:
            failures.append(f"{where}: \"{kind}\" has no schema in {schema_dir} and is not listed in NOT_MESSAGES")
            return
        counts[kind] = counts.get(kind, 0) + 1
        for e in schemas.errors(MESSAGE_SCHEMAS[kind], doc):
            failures.append(f"{where}: {json_path(e)}: {e.message}")

    for root in ROOTS:
        for f in sorted((source / root).rglob("*.json")):
            try:
                doc = json.loads(f.read_text(encoding="utf-8"))
            except ValueError:
                continue  # deliberately broken files (fixtures of malformed input)
            check(f.relative_to(source), doc)
    for md in sorted((source / "docs/sdk").glob("*.md")):
        for n, block in enumerate(re.findall(r"```json\n(.*?)```", md.read_text(encoding="utf-8"), re.S)):
            try:
                doc = json.loads(block)
            except ValueError:
                continue  # a fragment, not a whole message
            check(f"{md.relative_to(source)} (json block {n + 1})", doc)

    for kind, n in sorted(counts.items()):
        print(f"{n:4} {kind}")
    # The tree ships at least the examples and the corpus; an empty count means
    # the walk went wrong, not that everything is valid.
    for kind, minimum in {"wkb.project/1": 25, "wkb.findings/1": 4, "wkb.register/1": 4}.items():
        if counts.get(kind, 0) < minimum:
            failures.append(f"only {counts.get(kind, 0)} messages {kind} found (expected at least {minimum})")
    for f in failures:
        print("FAIL", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
