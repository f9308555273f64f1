"""client-instance-recovery.v1 (with participant-bind.v1 and the attachment and detachment
artifacts of its lifecycle): the reference verifier.

Stages (CONFORMANCE.md, "Client-instance recovery"): intake -> schema -> artifact (C2-C5)
-> context (C6-C8, only with a context or inside a lifecycle sequence). A stage runs only
when the earlier ones found no error.

Spec: the seed 000_b2f84d99ae988206.txt (the project's shared/seeds/, beside the checkout); catalog: conformance/catalogs/cir.py;
schemas: conformance/schemas/client-instance-recovery.v1.json, participant-bind.v1.json,
client-instance-attachment.v1.json, client-instance-detachment.v1.json;
vectors: vectors/client-instance-recovery/.
"""

from __future__ import annotations

from .artifact import ATTACHMENT, BIND, DETACHMENT, KINDS, LIFECYCLE_KINDS, RECOVERY, Artifact, Kind
from .ledger import Ledger
from .result import FAMILY, Result
from .verifier import ClientInstanceVerifier

__all__ = ["ATTACHMENT", "BIND", "DETACHMENT", "FAMILY", "KINDS", "LIFECYCLE_KINDS", "RECOVERY", "Artifact",
           "ClientInstanceVerifier", "Kind", "Ledger", "Result"]
