"""The reference implementation behind the adapter protocol (``--adapter reference``)."""

from __future__ import annotations

import conformance
from conformance import protocol

from . import rfc3339
from .attestation import AttestationVerifier
from .trustconfig import TrustConfig, TrustConfigError

INFO = {
    "name": "orbiplex-conformance-reference",
    "version": conformance.__version__,
    "language": "python",
    "operations": list(protocol.OPERATIONS),
    "kinds": [protocol.KIND_NAA],
}


class Implementation:
    """Message handler around an AttestationVerifier; mutants pass a different verifier class."""

    verifier_class = AttestationVerifier
    info = INFO

    def __call__(self, message: dict) -> dict:
        cmd = message.get("cmd")
        if cmd == "start":
            return {"version": protocol.PROTOCOL_VERSION, "implementation": dict(self.info)}
        if cmd == "stop":
            return {}
        seq = message.get("seq")
        try:
            return {"seq": seq, "result": self.run(message)}
        except (protocol.ProtocolError, TrustConfigError) as exc:
            return {"seq": seq, "errored": {"message": str(exc)}}

    def run(self, message: dict) -> dict:
        cmd = message.get("cmd")
        if message.get("kind") != protocol.KIND_NAA:
            raise protocol.ProtocolError(f"unsupported kind {message.get('kind')!r}")
        if not rfc3339.is_date_time(message.get("now")):
            raise protocol.ProtocolError(f"now {message.get('now')!r} is not an RFC 3339 date-time")
        verifier = self.verifier_class(signing_prefix=(message.get("options") or {}).get("signing-prefix", ""))
        trust = TrustConfig.from_json(message.get("trust"))
        if cmd == "verify":
            r = verifier.verify(protocol.decode_document(message["document"]), message["now"], trust)
            return protocol.result_of(r.verdict, r.trust_class, r.codes)
        if cmd == "classify":
            raws = [protocol.decode_document(d) for d in message["documents"]]
            results = verifier.classify_set(raws, message["now"], trust)
            return {"results": [protocol.result_of(r.verdict, r.trust_class, r.codes) for r in results]}
        raise protocol.ProtocolError(f"unknown cmd {cmd!r}")


handle = Implementation()
