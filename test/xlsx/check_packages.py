#!/usr/bin/python3
"""Independent checks of written .xlsx packages, for the corpus and mutation tests.

usage: check_packages.py LIST.json [VALIDATOR]

LIST.json holds [{"file": PATH, "schema": true|false}, ...]. For each file this prints one
JSON line {"file", "parts", "noContentType", "malformed", "schemaOk", "schema"}:
  - noContentType: parts that [Content_Types].xml gives no content type (Override or Default),
  - malformed: XML parts (content type ending in "xml") that lxml does not parse, or whose
    bytes do not match the encoding their declaration names (lxml checks both),
  - schemaOk / schema: when "schema" is asked, the verdict and first lines of
    validate_xlsx.py (VALIDATOR, given by the caller from scripts/test-data.js), run in this one
    process with its schema set compiled once (compiling it is most of the validator's 0.5 s
    per file).
It reads the packages with Python's zipfile and lxml, never with the code under test.
"""
import contextlib
import importlib.util
import io
import json
import posixpath
import sys
import zipfile
from pathlib import Path

from lxml import etree

VALIDATOR = Path(sys.argv[2]) if len(sys.argv) > 2 else None
CT_NS = "{http://schemas.openxmlformats.org/package/2006/content-types}"


def load_validator():
    if VALIDATOR is None or not VALIDATOR.exists():
        return None
    spec = importlib.util.spec_from_file_location("validate_xlsx", VALIDATOR)
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    original, cache = mod.SchemaSet, {}

    def cached(directory):
        if directory not in cache:
            cache[directory] = original(directory)
        return cache[directory]

    mod.SchemaSet = cached
    return mod


def content_types(zf):
    root = etree.fromstring(zf.read("[Content_Types].xml"))
    defaults, overrides = {}, {}
    for el in root:
        if el.tag == CT_NS + "Default":
            defaults[(el.get("Extension") or "").lower()] = el.get("ContentType")
        elif el.tag == CT_NS + "Override":
            overrides[(el.get("PartName") or "").lstrip("/").lower()] = el.get("ContentType")
    out = {}
    for name in zf.namelist():
        if name.endswith("/") or name == "[Content_Types].xml":
            continue
        ct = overrides.get(name.lower())
        if ct is None:
            base = posixpath.basename(name)
            ct = defaults.get(base.rsplit(".", 1)[1].lower() if "." in base else "")
        out[name] = ct
    return out


def check(path, schema, validator):
    result = {"file": path, "parts": 0, "noContentType": [], "malformed": [], "schemaOk": None,
              "schema": ""}
    with zipfile.ZipFile(path) as zf:
        cts = content_types(zf)
        result["parts"] = len(cts)
        parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
        for name, ct in cts.items():
            if ct is None:
                result["noContentType"].append(name)
                continue
            if ct.endswith("xml"):
                try:
                    etree.fromstring(zf.read(name), parser)
                except etree.XMLSyntaxError as e:
                    result["malformed"].append("%s: %s" % (name, e.msg))
    if schema and validator is not None:
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            rc = validator.main([path])
        result["schemaOk"] = rc == 0
        result["schema"] = "\n".join(out.getvalue().splitlines()[:5])
    return result


def main():
    items = json.loads(Path(sys.argv[1]).read_text())
    validator = load_validator() if any(i.get("schema") for i in items) else None
    for item in items:
        try:
            r = check(item["file"], item.get("schema", False), validator)
        except Exception as e:  # a package Python cannot read at all is reported, not skipped
            r = {"file": item["file"], "error": "%s: %s" % (type(e).__name__, e)}
        print(json.dumps(r), flush=True)


if __name__ == "__main__":
    main()
