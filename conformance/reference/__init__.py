"""The bundled reference implementation, one package per family and one module per concern.

- ``naa/``: node-address-attestation.v1 (see naa/attestation.py)
- ``cir/``: client-instance-recovery.v1 and the artifacts it is judged with
- ``storage/``: storage-policy-bundle.v1 (storage durability policies)
- ``shared/``: what several families use: JSON intake, canonical JSON, RFC 3339, did:key and
  Ed25519, schema loading with ECMA-262 patterns, findings
- ``adapter.py``: the protocol dispatcher (``conformance.reference.adapter:handle``)

Family packages import ``shared`` and never each other.
"""
