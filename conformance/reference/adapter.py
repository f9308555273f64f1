"""The reference implementation behind the adapter protocol (``--adapter reference``).

One message handler for every family; each family's verifier is a class attribute so that
a seeded-bug mutant can swap exactly one of them.
"""

from __future__ import annotations

import conformance
from conformance import protocol

from .naa.attestation import AttestationVerifier
from .naa.trustconfig import TrustConfig, TrustConfigError
from .shared import rfc3339
from .shared.intake import IntakeError

INFO = {
    "name": "orbiplex-conformance-reference",
    "version": conformance.__version__,
    "language": "python",
    "operations": list(protocol.OPERATIONS),
    "kinds": [protocol.KIND_NAA, *protocol.CIR_KINDS, protocol.KIND_STORAGE],
}


def _recovery_verifier():
    from .cir.verifier import ClientInstanceVerifier

    return ClientInstanceVerifier


def _storage_evaluator():
    from .storage import BundleEvaluator

    return BundleEvaluator


class Implementation:
    """Message handler; mutants replace one of the verifier classes."""

    verifier_class = AttestationVerifier
    recovery_verifier_class = None  # ClientInstanceVerifier unless a mutant sets one
    storage_evaluator_class = None  # BundleEvaluator unless a mutant sets one
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

    def choices(self, options: dict) -> dict:
        """The interpretation choices to apply: the ones the request declares (``options
        ["interpretations"]``, sent when the run declares choices other than the defaults)."""
        choices = options.get("interpretations") or {}
        if not isinstance(choices, dict):
            raise protocol.ProtocolError("options: interpretations must be an object {ID: CHOICE}")
        return choices

    def run(self, message: dict) -> dict:
        cmd, kind = message.get("cmd"), message.get("kind")
        if not rfc3339.is_date_time(message.get("now")):
            raise protocol.ProtocolError(f"now {message.get('now')!r} is not an RFC 3339 date-time")
        options = message.get("options") or {}
        if kind == protocol.KIND_NAA and cmd in ("verify", "classify"):
            return self.attestation(cmd, message, options)
        if (kind in protocol.CIR_KINDS and cmd == "verify") or (kind == protocol.KIND_RECOVERY and cmd == "lifecycle"):
            return self.client_instance(cmd, message, options)
        if kind == protocol.KIND_STORAGE and cmd == "evaluate":
            from .storage import OptionError, result

            try:
                evaluator = (self.storage_evaluator_class or _storage_evaluator())(
                    {**options, "interpretations": self.choices(options)})
            except OptionError as exc:
                raise protocol.ProtocolError(f"options: {exc}") from None
            return result(evaluator.evaluate(protocol.decode_document(message["document"]), message["now"]))
        raise protocol.ProtocolError(f"unsupported cmd {cmd!r} for kind {kind!r}")

    def attestation(self, cmd: str, message: dict, options: dict) -> dict:
        verifier = self.verifier_class(signing_prefix=options.get("signing-prefix", ""), choices=self.choices(options))
        trust = TrustConfig.from_json(message.get("trust"))
        if cmd == "verify":
            r = verifier.verify(protocol.decode_document(message["document"]), message["now"], trust)
            return protocol.result_of(r.verdict, r.trust_class, r.codes)
        raws = [protocol.decode_document(d) for d in message["documents"]]
        results = verifier.classify_set(raws, message["now"], trust)
        return {"results": [protocol.result_of(r.verdict, r.trust_class, r.codes) for r in results]}

    def client_instance(self, cmd: str, message: dict, options: dict) -> dict:
        verifier = (self.recovery_verifier_class or _recovery_verifier())(signing_prefix=options.get("signing-prefix", ""),
                                                                            choices=self.choices(options))
        try:
            if cmd == "lifecycle":
                items = [(protocol.document_kind(d), protocol.decode_document(d)) for d in message["documents"]]
                return {"results": [protocol.result_of(r.verdict, None, r.codes) for r in verifier.lifecycle(items, message["now"])]}
            context = message.get("context")
            if context is not None:
                context = [(protocol.document_kind(d), protocol.decode_document(d)) for d in context]
            r = verifier.verify(protocol.decode_document(message["document"]), message["kind"], message["now"], context)
        except (ValueError, IntakeError) as exc:
            raise protocol.ProtocolError(str(exc)) from None
        return protocol.result_of(r.verdict, None, r.codes)


handle = Implementation()
