"""(location, transformation) pairs over an artifact ``Site``: the vectors (the first base
and instance where each pair applies) and the draws of the property (any of them)."""

from __future__ import annotations

import copy
from dataclasses import dataclass, field, replace
from typing import Callable

from hypothesis import strategies as st

from conformance.case import Case, Expected

from . import pointers
from .transforms import KEY_PAIR, NOT_DECODED, SIGNATURE, Transformation, for_kind
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
    # pointer templates of did:keys the spec never decodes (the didkey.* cases there are valid)
    not_decoded: tuple = ()
    # second form of a key -> (the designated form, the other key's text in the second form's encoding)
    key_pairs: dict = field(default_factory=dict)
    # pointer -> why no base carries it (the coverage test holds the site to exactly this list)
    unreached: dict = field(default_factory=dict)

    @property
    def short(self) -> str:
        return self.artifact.removesuffix(".v1")

    def locations(self) -> list[Location]:
        found = walk(self.artifact, self.schema, self.embeds)
        by_pointer = {loc.pointer: loc for loc in found}
        found += [Location(self.artifact, p, DECODED, by_pointer[p].node) for p in self.decoded]
        found += [Location(self.artifact, p, SIGNATURE, {}) for p in self.signatures]
        found += [Location(self.artifact, p, NOT_DECODED, by_pointer[p].node if p in by_pointer else {})
                  for p in self.not_decoded]
        found += [Location(self.artifact, p, KEY_PAIR, {"designated": d, "other": other})
                  for p, (d, other) in self.key_pairs.items()]
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


_BASES: dict = {}
_DOCS: dict = {}


def bases(site: Site) -> dict:
    if site.artifact not in _BASES:
        _BASES[site.artifact] = site.bases()
    return _BASES[site.artifact]


def document(site: Site, name: str, base) -> dict:
    """The base's valid document, built once (the property draws re-use it; callers copy it)."""
    if (site.artifact, name) not in _DOCS:
        _DOCS[(site.artifact, name)] = site.document(base)
    return _DOCS[(site.artifact, name)]


_SCALARS = (str, int, float, bool, type(None))


def _copy(value):
    """A copy of a JSON tree: copy.deepcopy's memo made it most of the cost of building the
    location vectors at every run's start (other values are deep-copied)."""
    kind = type(value)
    if kind is dict:
        return {k: _copy(v) for k, v in value.items()}
    if kind is list:
        return [_copy(v) for v in value]
    return value if kind in _SCALARS else copy.deepcopy(value)


def attempt(pair: Pair, name: str, base, where: str):
    """The case of ``pair`` at one concrete pointer of one base, or None when it does not apply."""
    site, loc, t = pair.site, pair.location, pair.transformation
    doc = _copy(document(site, name, base))
    new = t.change(pointers.get(doc, where), loc)
    if new is None:
        return None
    effect = t.effect(new, loc)
    if effect is None:
        return None
    if where == "":
        doc = new
    else:
        pointers.put(doc, where, new)
    if not t.lossless:  # a lossless change reads back as the valid document: nothing to re-derive
        doc = site.rederive(base, doc, where, t)
        if doc is None:  # the site: nothing here for this transformation to act on
            return None
    kind, keyword = effect
    code = {"schema": loc.code(keyword) if keyword else None, "key": site.key_code, "intake": keyword, "acceptable": keyword,
            "signature": "signature-encoding", "valid": None, "pair": None}[kind]
    for prefix, embedded in site.embed_codes.items():
        if kind == "schema" and loc.pointer.startswith(prefix + "/"):
            code = embedded
    # intake ends evaluation with its one code, as a schema failure does
    case = site.case(pair.id, base, doc, "schema" if kind in ("intake", "acceptable") else kind, code, t, where)
    if t.raw is not None:
        case = replace(case, documents=tuple(t.raw(d) for d in case.documents))
    if kind == "acceptable":
        case = replace(case, expected=(Expected("acceptable"),))
    return case


def spots(pair: Pair) -> list[tuple[str, object, str]]:
    """Every (base name, base, concrete pointer) where the pair's location is present."""
    return [(name, base, where) for name, base in bases(pair.site).items()
            for where in pointers.instances(document(pair.site, name, base), pair.location.pointer)]


_VECTORS: dict = {}


def vector(pair: Pair) -> Case | None:
    """The pair's golden vector: the first base and instance where it applies (built once)."""
    key = (pair.site.artifact, pair.id)
    if key not in _VECTORS:
        _VECTORS[key] = next((case for name, base, where in spots(pair)
                              if (case := attempt(pair, name, base, where)) is not None), None)
    return _VECTORS[key]


@st.composite  # decorated once: st.composite parses its function's source at every decoration
def _draw_case(draw, pairs, spots_of: dict) -> Case:
    pair = draw(pairs)
    if pair.id not in spots_of:  # one strategy per pair, built on its first draw
        spots_of[pair.id] = st.sampled_from(spots(pair))
    name, base, where = draw(spots_of[pair.id])
    return attempt(pair, name, base, where) or vector(pair)


def strategy(applicable: list[Pair]) -> st.SearchStrategy:
    """Draw a pair, then a base and an instance where its location is present; where the
    transformation does not apply there (a member it cannot change), the pair's vector instead.
    Cheap by design: no draw builds more than one case (ci's run time, issue 13)."""
    out = _draw_case(st.sampled_from(applicable), {})
    out.pair_ids = {p.id for p in applicable}  # what the property can draw (a test holds it to the vectors)
    return out
