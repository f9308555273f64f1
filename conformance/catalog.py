"""The requirement catalog: every normative statement the suite checks, with a stable ID.

One module per family under ``conformance/catalogs/``; this module joins them and answers
look-ups. CONFORMANCE.md renders the catalog (a test keeps the two equal). Requirement IDs
and outcome codes are permanent: they may be added, never renamed or reused. A code name
(``schema-required``, say) may appear in several families, each time with its own requirement.
"""

from __future__ import annotations

from .catalogs import cir, naa, sdp
from .catalogs.model import Code, Requirement

NAA, CIR, SDP = naa.NAA, cir.CIR, sdp.SDP
FAMILIES = (NAA, CIR, SDP)
PREFIXES = {NAA: "NAA", CIR: "CIR", SDP: "SDP"}

REQUIREMENTS: tuple[Requirement, ...] = naa.REQUIREMENTS + cir.REQUIREMENTS + sdp.REQUIREMENTS
CODES: tuple[Code, ...] = naa.CODES + cir.CODES + sdp.CODES

TRUST_CLASSES = (
    "directory-confirmed",
    "directory-accepted",
    "trusted-peer-confirmed",
    "self-only",
    "collision",
    "expired",
)

_BY_ID = {r.id: r for r in REQUIREMENTS}
_BY_CODE = {(c.family, c.code): c for c in CODES}


def requirement(req_id: str) -> Requirement:
    return _BY_ID[req_id]


def requirement_ids(family: str | None = None) -> list[str]:
    return [r.id for r in REQUIREMENTS if family is None or r.family == family]


def family_of(req_id: str) -> str:
    return _BY_ID[req_id].family


def codes(family: str) -> tuple[Code, ...]:
    return tuple(c for c in CODES if c.family == family)


def code_info(code: str, family: str = NAA) -> Code:
    return _BY_CODE[(family, code)]


def requirement_for_code(code: str, family: str = NAA) -> str:
    info = _BY_CODE.get((family, code))
    return info.requirement if info else ""


def severity(code: str, family: str = NAA) -> str:
    return _BY_CODE[(family, code)].severity
