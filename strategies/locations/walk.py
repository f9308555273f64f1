"""Enumerate the locations of a JSON Schema: JSON pointer templates (``*`` for array items),
each with its kind and the schema node that constrains it. The list comes from the schemas,
so a new member is covered without new code."""

from __future__ import annotations

from dataclasses import dataclass

from conformance import schemas

PATTERN, DATETIME, DIDKEY, DIGEST, NUMBER, CLOSED, ARRAY, OPEN, FREE_TEXT = (
    "pattern", "date-time", "did:key", "digest", "number", "closed-object", "array-bounds", "open-object", "free-text")
KINDS = (PATTERN, DATETIME, DIDKEY, DIGEST, NUMBER, CLOSED, ARRAY, OPEN, FREE_TEXT)
_DEFAULT_CODES = {"additionalProperties": "schema-closed", "required": "schema-required"}


@dataclass(frozen=True)
class Location:
    artifact: str  # the artifact kind whose document carries it (e.g. participant-bind.v1)
    pointer: str  # JSON pointer template, ``*`` for any array item
    kind: str
    node: dict  # the schema node (after $ref) that constrains the value

    def code(self, keyword: str) -> str:
        """The schema-stage code of ``keyword`` failing here: the ``x-code`` annotation, else
        the suite's default (CONFORMANCE.md "Schema-stage codes by failing keyword")."""
        return self.node.get("x-code", {}).get(keyword) or _DEFAULT_CODES.get(keyword, "schema-shape")


def _escape(name: str) -> str:
    return name.replace("~", "~0").replace("/", "~1")


def _by_id() -> dict:
    from importlib import resources

    out = {}
    for entry in resources.files(schemas).iterdir():
        if entry.name.endswith(".json") and entry.is_file():
            s = schemas.load(entry.name)
            out[s.get("$id")] = s
    return out


def _resolve(node: dict, root: dict) -> tuple[dict, dict]:
    while "$ref" in node:
        ref = node["$ref"]
        if ref.startswith("#/"):
            target = root
            for part in ref[2:].split("/"):
                target = target[part]
            node = {**target, **{k: v for k, v in node.items() if k != "$ref"}}
        else:
            root = _by_id()[ref]
            node = root
    return node, root


def kind_of(node: dict) -> str | None:
    if node.get("additionalProperties") is False:
        return CLOSED
    if node.get("type") == "array" and ("minItems" in node or "maxItems" in node):
        return ARRAY
    if node.get("type") in ("integer", "number") and ("minimum" in node or "maximum" in node):
        return NUMBER
    if node.get("type") == "object":
        return OPEN  # members the schema does not name are allowed: only the intake transformations apply
    if node.get("format") == "date-time":
        return DATETIME
    pattern = node.get("pattern")
    if pattern is None:
        # any text: the one place a lone surrogate is the only defect (no pattern refuses it too)
        return FREE_TEXT if node.get("type") == "string" and not node.get("format") else None
    if "did:key:z" in pattern:
        return DIDKEY
    if pattern.startswith("^sha256:"):
        return DIGEST
    return PATTERN


def walk(artifact: str, schema_name: str, embeds: dict | None = None) -> list[Location]:
    """Every location of ``schema_name`` that has a kind, in schema order; ``embeds`` maps a
    pointer whose schema says only ``object`` to the schema of the artifact embedded there."""
    root = schemas.load(schema_name)
    embeds = embeds or {}
    out: list[Location] = []

    def visit(node: dict, root: dict, where: str) -> None:
        node, root = _resolve(node, root)
        if where in embeds:
            node = root = schemas.load(embeds[where])
        kind = kind_of(node)
        if kind is not None:
            out.append(Location(artifact, where, kind, node))
        for name, sub in node.get("properties", {}).items():
            visit(sub, root, f"{where}/{_escape(name)}")
        if isinstance(node.get("items"), dict):
            visit(node["items"], root, f"{where}/*")

    visit(root, root, "")
    return out
