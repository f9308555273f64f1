"""Strategies for client-instance-recovery.v1 and the artifacts it is judged with.

Nothing here imports the reference implementation: documents are built and signed with
the libraries directly, and ``model`` decides what an implementation must answer.
"""
