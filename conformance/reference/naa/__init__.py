"""node-address-attestation.v1: the reference verifier and trust classifier (attestation.py),
with advertisement and endpoint checks, the trust-classification rules and the trust config.

Spec: the seed 002_ca07650fe509061b.txt (the project's shared/seeds/, beside the checkout); catalog: conformance/catalogs/naa.py;
schemas: conformance/schemas/node-address-attestation.v1.json and node-advertisement.v1.json;
vectors: vectors/node-address-attestation/.
"""
