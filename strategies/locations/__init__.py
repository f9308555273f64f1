"""Every adversarial transformation at every location it applies to (issue 13).

``walk`` enumerates the locations of each shipped JSON Schema by kind; ``transforms`` says what
each transformation does to a value and what outcome the schema keyword (or the spec's key
rule) gives it; ``naa`` and ``cir`` build a valid document, apply one (location, transformation)
and re-derive everything the spec computes from the document so the targeted defect is the
only one; ``cases`` turns that into golden vectors and properties; ``table`` is the coverage.
"""
