"""Capabilities (``implementation.capabilities`` in the start reply): parts of what the suite
checks that an implementation declares it does not implement. What it does not do is
*not certified*, never failed or passed, and the rest is judged without it.

Each name is a stage or a part of an operation's reply in CONFORMANCE.md:

- ``classification``: stage 4 of node-address-attestation (trust class, expiry, envelope
  lifetime, collisions). Without it ``class`` is never compared, the stage-4 codes are left
  out of the code comparison, and the trust-class and expiry requirements are not certified.
- ``collision``: the endpoint-collision part of stage 4 (``classify``). Without it a
  document expected ``collision`` has its class left uncompared, ``endpoint-collision`` is
  left out, and NAA-TRUST-005 is not certified.
- ``receipts``: the receipts of storage operations (``evaluate``). Without them receipts are
  not compared and the receipt requirements are not certified; decisions still are.

A missing member (or a missing ``capabilities``) means implemented: the default certifies everything.
"""

from __future__ import annotations

from dataclasses import dataclass

from conformance.errors import HarnessError


@dataclass(frozen=True)
class Capability:
    name: str
    meaning: str
    requirements: tuple[str, ...]  # not certified without it
    codes: tuple[str, ...] = ()  # left out of the code comparison without it (node-address-attestation)


STAGE4_CODES = ("envelope-expired", "evidence-expired", "envelope-outlives-evidence", "endpoint-collision")

CAPABILITIES: tuple[Capability, ...] = (
    Capability("classification", "stage 4 of node-address-attestation: trust class, expiry, envelope lifetime",
               ("NAA-TRUST-001", "NAA-TRUST-002", "NAA-TRUST-003", "NAA-TRUST-004", "NAA-TRUST-005",
                "NAA-TRUST-006", "NAA-TIME-004", "NAA-TIME-005", "NAA-TIME-006"), STAGE4_CODES),
    Capability("collision", "endpoint collisions over a set (classify)", ("NAA-TRUST-005",), ("endpoint-collision",)),
    Capability("receipts", "the receipts a storage operation emits (evaluate)", ("SDP-RECEIPT-001", "SDP-RECEIPT-002")),
)
_BY_NAME = {c.name: c for c in CAPABILITIES}


@dataclass(frozen=True)
class Missing:
    """The capabilities an implementation declared it lacks, and what follows for comparing."""
    names: frozenset = frozenset()

    def __bool__(self) -> bool:
        return bool(self.names)

    @property
    def requirements(self) -> frozenset:
        return frozenset(r for n in self.names for r in _BY_NAME[n].requirements)

    @property
    def codes(self) -> frozenset:  # node-address-attestation codes left out of the comparison
        return frozenset(c for n in self.names for c in _BY_NAME[n].codes)

    def compares_class(self, expected_class) -> bool:
        if "classification" in self.names:
            return False
        return not ("collision" in self.names and expected_class == "collision")

    @property
    def compares_receipts(self) -> bool:
        return "receipts" not in self.names

    def why(self, requirements) -> str:
        """Why a case of ``requirements`` is not certified ("" when some requirement is)."""
        reqs = set(requirements)
        if not reqs or not reqs <= self.requirements:
            return ""
        names = sorted(n for n in self.names if reqs & set(_BY_NAME[n].requirements))
        return f"not certified: the implementation declares no {' and no '.join(names)} (capabilities)"

    def as_json(self) -> list[str]:
        return sorted(self.names)


NONE = Missing()


def declared(info: dict, strict: bool = True) -> Missing:
    """The capabilities a start reply's ``implementation`` lacks. ``strict``: an unknown name or a
    non-boolean value is a harness error (a typo must not silently certify less or more)."""
    caps = info.get("capabilities") if isinstance(info, dict) else None
    if caps is None:
        return NONE
    if not isinstance(caps, dict):
        if strict:
            raise HarnessError(f"start reply: implementation.capabilities must be an object, got {type(caps).__name__}")
        return NONE
    names = set()
    for name, value in caps.items():
        if name not in _BY_NAME or not isinstance(value, bool):
            if strict:
                raise HarnessError(f"start reply: implementation.capabilities/{name}: expected one of "
                                   f"{sorted(_BY_NAME)} with a boolean value, got {value!r}")
            continue
        if not value:
            names.add(name)
    return Missing(frozenset(names))
