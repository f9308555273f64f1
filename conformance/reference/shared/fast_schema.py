"""Fast path of the schema stage: a fastjsonschema-compiled validator that only answers
"does this document pass?". A document it accepts has no schema findings; one it rejects
goes to jsonschema (schema.py), which stays the judge of codes and pointers.

The compiled schema is the suite's own, rewritten so that fastjsonschema's draft-07 reading
gives the 2020-12 verdicts of schema.validator():
- ``pattern``: the ECMA-262 rewrite of schema.py (``$`` = end of input, ``.`` excludes every
  line terminator), as regex text with no unescaped ``$``;
- ``$ref`` with sibling keywords becomes ``allOf: [{$ref}]`` beside them (draft 7 ignores the
  siblings of ``$ref``, 2020-12 applies them);
- ``format``: every format the schemas name is checked by the very FormatChecker jsonschema uses;
- ``$ref`` to another of the suite's schemas is served from the package (never fetched);
- ``use_default=False``: fastjsonschema would otherwise write defaults into the document.
tests/test_fast_schema.py checks the two agree on every golden vector document and on
generated ones, and that this path never accepts what jsonschema rejects.

For a rejected document, ``subschema`` gives the compiled check of each ``$ref`` target: the
judge skips a ``$ref`` whose instance passes it (schema.py, ``_pruned_ref``), so only the bad
records are walked keyword by keyword (a storage bundle with one bad record: ~4 ms -> ~1 ms);
the test checks the findings are those of the unpruned walk.
"""

from __future__ import annotations

import re
from functools import lru_cache
from importlib import resources
from urllib.parse import unquote

import fastjsonschema

from conformance import schemas

from . import schema as judge

_SCHEMA_MAPS = ("properties", "patternProperties", "$defs", "definitions", "dependentSchemas")
_SCHEMA_ONE = ("items", "additionalProperties", "propertyNames", "contains", "not", "if", "then", "else",
               "additionalItems")
_SCHEMA_LISTS = ("allOf", "anyOf", "oneOf", "prefixItems")
DRAFT_07 = "http://json-schema.org/draft-07/schema#"


def _rewrite(node):
    """A copy of a (sub)schema with ECMA patterns and ``$ref`` siblings made explicit."""
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key == "pattern" and isinstance(value, str):
            out[key] = judge.ecma_pattern_text(value)
        elif key == "patternProperties" and isinstance(value, dict):
            out[key] = {judge.ecma_pattern_text(p): _rewrite(s) for p, s in value.items()}
        elif key in _SCHEMA_MAPS and isinstance(value, dict):
            out[key] = {name: _rewrite(s) for name, s in value.items()}
        elif key in _SCHEMA_ONE:
            out[key] = _rewrite(value)
        elif key in _SCHEMA_LISTS and isinstance(value, list):
            out[key] = [_rewrite(s) for s in value]
        else:
            out[key] = value
    if "$ref" in out and len(out) > 1:
        out["allOf"] = [{"$ref": out.pop("$ref")}] + out.get("allOf", [])
    return out


def _formats_named(node, found: set) -> set:
    if isinstance(node, dict):
        if isinstance(node.get("format"), str):
            found.add(node["format"])
        for value in node.values():
            _formats_named(value, found)
    elif isinstance(node, list):
        for value in node:
            _formats_named(value, found)
    return found


@lru_cache(maxsize=None)
def _rewritten_by_id() -> dict:
    names = sorted(e.name for e in resources.files(schemas).iterdir() if e.name.endswith(".json") and e.is_file())
    out = {}
    for name in names:
        rewritten = _rewrite(schemas.load(name))
        rewritten["$schema"] = DRAFT_07
        out[rewritten["$id"]] = (name, rewritten)
    return out


def _serve(uri: str):
    found = _rewritten_by_id().get(uri.split("#", 1)[0])
    if found is None:
        raise fastjsonschema.JsonSchemaDefinitionException(f"$ref {uri}: not one of the suite's schemas")
    return found[1]


@lru_cache(maxsize=None)
def _format_checks() -> dict:
    checker = judge.format_checker()
    named = set()
    for _, rewritten in _rewritten_by_id().values():
        _formats_named(rewritten, named)
    return {name: _cached_check(checker, name) for name in sorted(named)}


def _cached_check(checker, name: str):
    """``checker.conforms(value, name)``, remembered per value: the same instants and URIs recur in
    every record of a bundle and in every bundle of a run (the checks are pure functions of the text)."""
    @lru_cache(maxsize=8192)
    def check(value) -> bool:
        return checker.conforms(value, name)

    def conforms(value) -> bool:
        return check(value) if type(value) is str else checker.conforms(value, name)
    return conforms


@lru_cache(maxsize=None)
def compiled(schema_name: str):
    rewritten = next(s for n, s in _rewritten_by_id().values() if n == schema_name)
    return fastjsonschema.compile(rewritten, handlers={"https": _serve, "http": _serve, "file": _serve},
                                  formats=_format_checks(), use_default=False)


def accepts(document, schema_name: str) -> bool:
    """True only when the compiled validator passes ``document``; False sends it to jsonschema."""
    try:
        compiled(schema_name)(document)
    except Exception:  # a rejection, or anything the compiled code cannot judge: the judge decides
        return False
    return True


def _function_name(uri: str) -> str:
    """fastjsonschema's name for the function of the subschema at ``uri`` (its get_scope_name)."""
    name = "validate_" + unquote(uri).replace("~1", "_").replace("~0", "_").replace('"', "")
    return re.sub(r"($[^a-zA-Z]|[^a-zA-Z0-9])", "_", name).lower().rstrip("_")


@lru_cache(maxsize=None)
def subschema(uri: str):
    """The compiled check of the subschema at ``uri`` (absolute, e.g. ``…bundle.v1.json#/$defs/operation``),
    or None when its schema's compiled code has no function for it. The check answers only "does this
    instance pass?"; schema.py prunes a ``$ref`` whose instance passes (nothing to find there) and
    descends with jsonschema otherwise, so a document with one bad record is judged record by record
    instead of keyword by keyword everywhere."""
    found = _rewritten_by_id().get(uri.split("#", 1)[0])
    if found is None:
        return None
    root = compiled(found[0])
    function = root.func.__globals__.get(_function_name(uri))
    if function is None:
        return None
    formats = root.keywords.get("custom_formats", {})

    def passes(instance) -> bool:
        try:
            function(instance, formats)
        except Exception:  # a rejection, or anything the compiled code cannot judge: jsonschema decides
            return False
        return True
    return passes
