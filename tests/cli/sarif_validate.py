#!/usr/bin/python3
"""tests/cli/sarif_validate.py FILE: validate a SARIF 2.1.0 log.

No Debian package ships the OASIS JSON schema file, so the schema is
written here from Debian's python3-sarif-python-om, the SARIF 2.1.0
object model generated from that schema: every object's properties by
their schema names, the required ones (those without a default), and no
others (the schema's "additionalProperties": false), nested by the
property that holds each object.  The values that the model leaves
untyped get the schema's own constraints (enums, minimums) below.
python3-jsonschema (Debian) validates the file against it.  Exit 0 when
valid, 1 with the errors on stdout.
"""
import inspect
import json
import sys

import attr
import jsonschema
import sarif_om


def camel(name):
    return name[0].upper() + name[1:]


CLASSES = {n: c for n, c in inspect.getmembers(sarif_om, inspect.isclass)
           if attr.has(c)}

# Properties whose object class is not their own name.
HOLDS = {
    ("ToolComponent", "rules"): ("ReportingDescriptor", True),
    ("Tool", "driver"): ("ToolComponent", False),
    ("Tool", "extensions"): ("ToolComponent", True),
    ("Result", "relatedLocations"): ("Location", True),
    ("ReportingDescriptor", "shortDescription"): ("MultiformatMessageString", False),
    ("ReportingDescriptor", "fullDescription"): ("MultiformatMessageString", False),
    ("ReportingDescriptor", "help"): ("MultiformatMessageString", False),
    ("ReportingDescriptor", "defaultConfiguration"): ("ReportingConfiguration", False),
    ("Region", "message"): ("Message", False),
}

# What the object model does not say: the schema's value constraints
# for the properties retort writes.
VALUES = {
    ("SarifLog", "version"): {"enum": ["2.1.0"]},
    ("SarifLog", "$schema"): {"type": "string", "format": "uri"},
    ("Run", "columnKind"): {"enum": ["utf16CodeUnits", "unicodeCodePoints"]},
    ("Result", "level"): {"enum": ["none", "note", "warning", "error"]},
    ("Result", "ruleId"): {"type": "string"},
    ("Result", "ruleIndex"): {"type": "integer", "minimum": -1},
    ("ReportingConfiguration", "level"): {"enum": ["none", "note", "warning", "error"]},
    ("ReportingDescriptor", "id"): {"type": "string"},
    ("ReportingDescriptor", "name"): {"type": "string"},
    ("ToolComponent", "name"): {"type": "string"},
    ("ToolComponent", "version"): {"type": "string"},
    ("Message", "text"): {"type": "string"},
    ("MultiformatMessageString", "text"): {"type": "string"},
    ("ArtifactLocation", "uri"): {"type": "string", "format": "uri-reference"},
    ("Location", "id"): {"type": "integer", "minimum": -1},
    ("Region", "startLine"): {"type": "integer", "minimum": 1},
    ("Region", "startColumn"): {"type": "integer", "minimum": 1},
    ("Region", "endLine"): {"type": "integer", "minimum": 1},
    ("Region", "endColumn"): {"type": "integer", "minimum": 1},
    ("PropertyBag", "tags"): {"type": "array", "uniqueItems": True,
                              "items": {"type": "string"}},
}


def definition(name):
    cls = CLASSES[name]
    props, required = {}, []
    for f in attr.fields(cls):
        pname = f.metadata["schema_property_name"]
        if f.default is attr.NOTHING:
            required.append(pname)
        held = HOLDS.get((name, pname))
        if held is None:
            single = camel(pname)
            plural = camel(pname[:-1]) if pname.endswith("s") else None
            if single in CLASSES:
                held = (single, False)
            elif plural in CLASSES:
                held = (plural, True)
        if (name, pname) in VALUES:
            props[pname] = VALUES[(name, pname)]
        elif held:
            ref = {"$ref": "#/definitions/" + held[0]}
            props[pname] = {"type": "array", "items": ref} if held[1] else ref
        else:
            props[pname] = {}
    d = {"type": "object", "properties": props, "required": required}
    if name != "PropertyBag":
        d["additionalProperties"] = False
    return d


def schema():
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "definitions": {n: definition(n) for n in CLASSES},
        "$ref": "#/definitions/SarifLog",
    }


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        log = json.load(f)
    v = jsonschema.Draft7Validator(schema(),
                                   format_checker=jsonschema.FormatChecker())
    errors = sorted(v.iter_errors(log), key=lambda e: list(e.absolute_path))
    for e in errors:
        print("invalid at /%s: %s" % ("/".join(map(str, e.absolute_path)),
                                      e.message))
    # The checks the model cannot express: each ruleIndex names its rule.
    for run in log.get("runs", []):
        rules = run["tool"]["driver"].get("rules", [])
        for r in run.get("results", []):
            if "ruleIndex" in r and rules[r["ruleIndex"]]["id"] != r["ruleId"]:
                print("ruleIndex %d is not rule %s" % (r["ruleIndex"], r["ruleId"]))
                errors.append(r)
    sys.exit(1 if errors else 0)


if __name__ == "__main__":
    main()
