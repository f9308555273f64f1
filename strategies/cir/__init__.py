"""Strategies for client-instance-recovery.v1 and the artifacts it is judged with.

Nothing here imports the reference implementation: documents are built and signed with
the libraries directly, and ``model`` decides what an implementation must answer.

Spec: the seed 000_b2f84d99ae988206.txt (the project's shared/seeds/, beside the checkout); catalog: conformance/catalogs/cir.py;
schemas: conformance/schemas/client-instance-recovery.v1.json, participant-bind.v1.json,
client-instance-attachment.v1.json, client-instance-detachment.v1.json;
vectors: vectors/client-instance-recovery/.
"""
