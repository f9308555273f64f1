"""Strategies for node-address-attestation.v1: documents built from a plain Spec (build.py),
valid scenarios (scenarios.py, endpoints.py), the expected-outcome model (model.py), adversarial
mutations by group (mutations/), endpoint-collision sets (collisions.py), and the properties and
golden vector cases (cases.py); family.py registers the family.

Spec: the seed 002_ca07650fe509061b.txt (the project's shared/seeds/, beside the checkout); catalog: conformance/catalogs/naa.py;
schemas: conformance/schemas/node-address-attestation.v1.json and node-advertisement.v1.json;
vectors: vectors/node-address-attestation/.
"""
