"""Per-family requirement catalogs; conformance.catalog joins them."""
