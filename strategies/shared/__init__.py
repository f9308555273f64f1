"""Strategy pieces several families use: the fixed labelled Ed25519 test keys (keys.py),
timestamp rendering in the RFC 3339 styles (timefmt.py), byte encodings (encoding.py), and what
a property is (property.py). Nothing here imports a family package."""
