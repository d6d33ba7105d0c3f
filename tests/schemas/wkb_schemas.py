"""The SDK's JSON Schemas (sdk/schemas/) as validators, with the Debian-packaged
python3-jsonschema (docs/decisions/0006-json-schema-validation.md).

The schemas refer to each other by relative file name (common.schema.json#/...),
so each is resolved against its own file URI; works with jsonschema 4.10
(bookworm) and later."""
import json
import pathlib
import warnings

import jsonschema

# Which schema file a message names in its "schema" member.
MESSAGE_SCHEMAS = {
    "wkb.project/1": "wkb.project-1.schema.json",
    "wkb.assessment/1": "wkb.assessment-1.schema.json",
    "wkb.sample/1": "wkb.sample-1.schema.json",
    "wkb.plan/1": "wkb.plan-1.schema.json",
    "wkb.findings/1": "wkb.findings-1.schema.json",
    "wkb.decision/1": "wkb.decision-1.schema.json",
    "wkb.register/1": "wkb.register-1.schema.json",
    "wkb.staff/1": "wkb.staff-1.schema.json",
}
# Messages without a "schema" member, by kind.
KIND_SCHEMAS = {
    "project": "wkb.project-1.schema.json",
    "assessment": "wkb.assessment-1.schema.json",
    "sample": "wkb.sample-1.schema.json",
    "plan": "wkb.plan-1.schema.json",
    "findings": "wkb.findings-1.schema.json",
    "decision": "wkb.decision-1.schema.json",
    "register": "wkb.register-1.schema.json",
    "describe": "describe.schema.json",
    "error": "error.schema.json",
    "request.describe": "request.describe.schema.json",
    "request.assess": "request.assess.schema.json",
    "request.sample": "request.sample.schema.json",
    "request.plan": "request.plan.schema.json",
    "request.evaluate": "request.evaluate.schema.json",
}


class Schemas:
    def __init__(self, directory):
        self.dir = pathlib.Path(directory).resolve()
        self.docs = {}
        for f in sorted(self.dir.glob("*.schema.json")):
            self.docs[f.name] = json.loads(f.read_text(encoding="utf-8"))
        self._validators = {}

    def uri(self, name):
        return (self.dir / name).as_uri()

    def validator(self, name):
        if name not in self._validators:
            schema = self.docs[name]
            cls = jsonschema.Draft202012Validator
            cls.check_schema(schema)
            store = {self.uri(n): d for n, d in self.docs.items()}
            with warnings.catch_warnings():
                warnings.simplefilter("ignore", DeprecationWarning)
                resolver = jsonschema.RefResolver(base_uri=self.uri(name), referrer=schema, store=store)
                self._validators[name] = cls(schema, resolver=resolver, format_checker=jsonschema.FormatChecker())
        return self._validators[name]

    def errors(self, name, instance):
        """The validation errors of `instance` against schema file `name` (empty: valid)."""
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            return sorted(self.validator(name).iter_errors(instance), key=lambda e: list(e.absolute_path))


def json_path(error):
    p = "$"
    for part in error.absolute_path:
        p += f"[{part}]" if isinstance(part, int) else f".{part}"
    return p
