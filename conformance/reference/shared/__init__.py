"""Reference pieces shared by several families: I-JSON intake (intake.py), RFC 8785 canonical
JSON and digests (canonical.py), RFC 3339 instants (rfc3339.py) and the time rules built on them
(timerules.py), did:key multibase Ed25519 keys (keys.py) and signatures (signatures.py), schema
loading with ECMA-262 patterns (schema.py), and the Finding every check reports (findings.py).

Nothing here imports a family package.
"""
