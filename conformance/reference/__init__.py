"""The bundled reference implementation: one module per concern (see attestation.py)."""
