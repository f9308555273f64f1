"""Golden vectors, installed as the package data of ``conformance.golden``."""
