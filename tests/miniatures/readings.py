"""Implementations that read an open point differently from the suite (issue 11).

``Reading(choices)`` is the reference with interpretation choices built in: it applies them
whatever the run declares, as an implementation written from the spec with its own reading
does (the plain reference applies the choices each request declares). ``expiry_at_instant_bug``
reads I8 as ``expired-at-instant`` and also has one seeded bug on an undisputed rule.

    python:tests.miniatures.readings:expiry_at_instant_bug
"""

from __future__ import annotations

import json

from conformance.reference.adapter import Implementation
from conformance.reference.naa.attestation import AttestationVerifier


class Reading(Implementation):
    """The reference, reading the open points in ``choices`` (id -> choice) its own way."""

    def __init__(self, choices: dict):
        self.fixed = dict(choices)
        self.info = dict(Implementation.info, name="reading:" + ",".join(f"{k}={v}" for k, v in sorted(choices.items())))

    def run(self, message: dict) -> dict:
        """Built in: what the run declares (``options``) does not change the reading."""
        options = dict(message.get("options") or {})
        options["interpretations"] = {k: v for k, v in self.fixed.items() if k not in ("I2", "S1")}
        if "S1" in self.fixed:  # order:JSON or partial:JSON
            options["privacy-order"] = json.loads(self.fixed["S1"].split(":", 1)[1])
        return super().run(dict(message, options=options))


class SkipsAdvertisementNode(AttestationVerifier):
    """The seeded bug (undisputed, NAA-ADV-003): an embedded advertisement of another node is not
    reported (as the ``skips-advertisement-node-mismatch`` mutant)."""

    def check_advertisement(self, doc, out):
        super().check_advertisement(doc, out)
        out[:] = [f for f in out if f.code != "advertisement-node-mismatch"]


class _ExpiryAtInstantBug(Reading):
    verifier_class = SkipsAdvertisementNode

    def __init__(self):
        super().__init__({"I8": "expired-at-instant"})


expiry_at_instant_bug = _ExpiryAtInstantBug()
