"""What a check reports: a finding names its outcome code, severity, JSON pointer and reason."""

from __future__ import annotations

from dataclasses import dataclass

ERROR = "error"
WARNING = "warning"
INFO = "info"


@dataclass(frozen=True)
class Finding:
    code: str
    severity: str
    pointer: str
    message: str

    def as_dict(self, family: str = "node-address-attestation") -> dict:
        from conformance.catalog import requirement_for_code

        return {
            "code": self.code,
            "requirement": requirement_for_code(self.code, family),
            "severity": self.severity,
            "pointer": self.pointer,
            "message": self.message,
        }


def pointer(*parts: object) -> str:
    """RFC 6901 JSON pointer from path parts (``~`` and ``/`` escaped)."""
    out = []
    for part in parts:
        text = str(part).replace("~", "~0").replace("/", "~1")
        out.append("/" + text)
    return "".join(out)
