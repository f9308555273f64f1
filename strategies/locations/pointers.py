"""Concrete JSON pointers of a template (``*`` = every item) in a document; get and set."""

from __future__ import annotations


def _unescape(part: str) -> str:
    return part.replace("~1", "/").replace("~0", "~")


def parts(pointer: str) -> list:
    return [] if pointer == "" else [_unescape(p) for p in pointer[1:].split("/")]


def instances(doc, template: str) -> list[str]:
    """The concrete pointers the template names in ``doc`` (members that are present)."""
    found = [("", doc)]
    for raw in ([] if template == "" else template[1:].split("/")):
        nxt = []
        for where, value in found:
            if raw == "*":
                if isinstance(value, list):
                    nxt += [(f"{where}/{i}", v) for i, v in enumerate(value)]
            elif isinstance(value, dict) and _unescape(raw) in value:
                nxt.append((f"{where}/{raw}", value[_unescape(raw)]))
        found = nxt
    return [w for w, _ in found]


def get(doc, pointer: str):
    for p in parts(pointer):
        doc = doc[int(p)] if isinstance(doc, list) else doc[p]
    return doc


def put(doc, pointer: str, value) -> None:
    *head, last = parts(pointer)
    parent = get(doc, "/".join([""] + [h.replace("~", "~0").replace("/", "~1") for h in head])) if head else doc
    if isinstance(parent, list):
        parent[int(last)] = value
    else:
        parent[last] = value
