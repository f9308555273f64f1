"""The suite's own miniatures: small adversarial implementations the harness must survive."""
