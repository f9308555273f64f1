"""client-instance-recovery.v1 (with participant-bind.v1 and the attachment and detachment
artifacts of its lifecycle): the reference verifier.

Stages (CONFORMANCE.md, "Client-instance recovery"): intake -> schema -> artifact (C2-C5)
-> context (C6-C8, only with a context or inside a lifecycle sequence). A stage runs only
when the earlier ones found no error.
"""

from __future__ import annotations

from .artifact import ATTACHMENT, BIND, DETACHMENT, KINDS, LIFECYCLE_KINDS, RECOVERY, Artifact, Kind
from .ledger import Ledger
from .result import FAMILY, Result
from .verifier import ClientInstanceVerifier

__all__ = ["ATTACHMENT", "BIND", "DETACHMENT", "FAMILY", "KINDS", "LIFECYCLE_KINDS", "RECOVERY", "Artifact",
           "ClientInstanceVerifier", "Kind", "Ledger", "Result"]
