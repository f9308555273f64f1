"""The adapter interface the runner drives."""

from __future__ import annotations

from conformance import protocol
from conformance.errors import HarnessError


class Adapter:
    label: str = "adapter"

    def start(self) -> dict:
        """Handshake; returns the implementation's description (name, version, operations...)."""
        reply = self.exchange({"cmd": "start", "version": protocol.PROTOCOL_VERSION})
        self.start_reply = reply
        if not isinstance(reply, dict) or reply.get("version") != protocol.PROTOCOL_VERSION:
            raise HarnessError(f"{self.label}: start reply must carry version {protocol.PROTOCOL_VERSION}, got {reply!r}")
        info = reply.get("implementation")
        if not isinstance(info, dict) or not isinstance(info.get("name"), str):
            raise HarnessError(f"{self.label}: start reply lacks implementation.name: {reply!r}")
        return info

    def request(self, message: dict) -> dict:
        """Send one case request; returns the reply (result, skipped or errored)."""
        return self.exchange(message)

    def request_many(self, messages: list[dict]):
        """Yields the replies to several requests, in order, each as it arrives (adapters that
        can pipeline override this); the runner records each at once, so an interrupt keeps them."""
        for m in messages:
            yield self.request(m)

    def exchange(self, message: dict) -> dict:
        raise NotImplementedError

    def stop(self) -> None:
        pass
