"""(location, transformation) pairs over an artifact ``Site``: the vectors (the first base
and instance where each pair applies) and the draws of the property (any of them)."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field
from typing import Callable

from hypothesis import strategies as st

from conformance.case import Case

from . import pointers
from .transforms import SIGNATURE, Transformation, for_kind
from .walk import Location, walk

DECODED = "decoded"  # a did:key the spec decodes (a family declares which: CONFORMANCE.md I9, C2)


@dataclass(frozen=True, eq=False)  # hashed by identity: the sites are module constants
class Site:
    """One artifact kind as the generator sees it; the family supplies how to build, re-derive
    and judge its documents."""

    artifact: str  # e.g. participant-bind.v1
    schema: str
    embeds: dict
    decoded: tuple  # pointer templates of the did:keys the spec decodes
    signatures: tuple  # pointer templates of the signature values the spec verifies
    bases: Callable  # () -> {name: base}
    document: Callable  # base -> dict (valid, signed)
    rederive: Callable  # (base, doc, pinned pointer, transformation) -> dict: digests, references, signatures again
    case: Callable  # (case id, base, doc, effect, code, transformation, pointer) -> Case
    key_code: str  # the family's code for a did:key that does not decode
    # embed pointer -> the code any schema failure inside that embedded artifact has instead
    embed_codes: dict = field(default_factory=dict)

    @property
    def short(self) -> str:
        return self.artifact.removesuffix(".v1")

    def locations(self) -> list[Location]:
        found = walk(self.artifact, self.schema, self.embeds)
        by_pointer = {loc.pointer: loc for loc in found}
        found += [Location(self.artifact, p, DECODED, by_pointer[p].node) for p in self.decoded]
        found += [Location(self.artifact, p, SIGNATURE, {}) for p in self.signatures]
        return found


@dataclass(frozen=True)
class Pair:
    site: Site
    location: Location
    transformation: Transformation

    @property
    def id(self) -> str:
        return f"{self.transformation.name}/{self.site.short}{self.location.pointer}"


def pairs(sites) -> list[Pair]:
    return [Pair(s, loc, t) for s in sites for loc in s.locations() for t in for_kind(loc.kind)]


def _change(pair: Pair, doc, where: str):
    """(the transformed value, its effect) at ``where`` in ``doc``, or None when the pair does not apply."""
    loc, t = pair.location, pair.transformation
    new = t.change(pointers.get(doc, where), loc)
    if new is None:
        return None
    effect = t.effect(new, loc)
    return None if effect is None else (new, effect)


def attempt(pair: Pair, name: str, base, where: str):
    """The case of ``pair`` at one concrete pointer of one base, or None when it does not apply."""
    site, loc, t = pair.site, pair.location, pair.transformation
    doc = copy.deepcopy(site.document(base))
    changed = _change(pair, doc, where)
    if changed is None:
        return None
    new, effect = changed
    if where == "":
        doc = new
    else:
        pointers.put(doc, where, new)
    doc = site.rederive(base, doc, where, t)
    kind, keyword = effect
    code = {"schema": loc.code(keyword) if keyword else None, "key": site.key_code,
            "signature": "signature-encoding", "valid": None}[kind]
    for prefix, embedded in site.embed_codes.items():
        if kind == "schema" and loc.pointer.startswith(prefix + "/"):
            code = embedded
    return site.case(pair.id, base, doc, kind, code, t, where)


def candidates(pair: Pair) -> list[tuple[str, object, str]]:
    """Every (base name, base, concrete pointer) where the pair applies."""
    out = []
    for name, base in pair.site.bases().items():
        doc = pair.site.document(base)
        for where in pointers.instances(doc, pair.location.pointer):
            # whether it applies, without re-deriving digests and signatures (attempt does, when drawn)
            if _change(pair, copy.deepcopy(doc), where) is not None:
                out.append((name, base, where))
    return out


def vector(pair: Pair) -> Case | None:
    for name, base in pair.site.bases().items():
        for where in pointers.instances(pair.site.document(base), pair.location.pointer):
            case = attempt(pair, name, base, where)
            if case is not None:
                return case
    return None


@st.composite  # decorated once: st.composite parses its function's source at every decoration
def _draw_case(draw, pairs, table: dict) -> Case:
    pair = draw(pairs)
    if pair.id not in table:  # filled on first draw: building every candidate costs a few hundred documents
        table[pair.id] = st.sampled_from(candidates(pair))
    name, base, where = draw(table[pair.id])
    return attempt(pair, name, base, where)


def strategy(applicable: list[Pair]) -> st.SearchStrategy:
    """Draw a pair, then a base and an instance where it applies."""
    return _draw_case(st.sampled_from(applicable), {})
