"""Lifecycle sequences: attach → detach → recover, with replays, out-of-order and
cross-participant attempts, judged by an implementation's ``lifecycle`` operation.

``Story`` builds each next artifact and asks the suite's own ``model.Ledger`` what the
implementation must answer; only artifacts it must admit enter the ledger. The Hypothesis
state machine (``machine``) drives a Story with drawn steps and sends the whole sequence
once, at its end; ``SCRIPTS`` are the fixed sequences written out as golden vectors.
"""

from __future__ import annotations

from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, precondition, rule

from conformance import catalog
from conformance.case import Case, Expected

from ..shared.timefmt import NS, render
from . import model
from .build import ATTACH, DETACH, MODES, RECOVER, Artifact, BindSpec, document, serialize, signature
from .keys import PARTICIPANTS, SERVING_NODES
from .scenes import DAY, EPOCH, MINUTE

NOW = EPOCH + 365 * DAY  # one `now` for a whole sequence, after every step
REQUIREMENTS = tuple(catalog.cir.CONTEXT_REQUIREMENTS)
CLIENTS = ("client:phone", "client:laptop", "client:tablet")


class Story:
    def __init__(self, signing_prefix: str = ""):
        self.ledger = model.Ledger()
        self.steps: list[tuple[Artifact, bytes, frozenset]] = []
        self.planted: list[set] = []  # per step, the artifact-stage codes its bytes were built to carry
        self.clock = EPOCH
        self.count = 0
        self.prefix = signing_prefix

    # ---- building ----
    def _next_id(self, kind: str) -> str:
        self.count += 1
        return {ATTACH: "attach", DETACH: "detach", RECOVER: "recover"}[kind] + f":{self.count:03d}"

    def _bind(self, participant, node, at: int) -> BindSpec:
        return BindSpec(participant, node, at - MINUTE, f"pb:{self.count:03d}", f"sess:{self.count:03d}")

    def submit(self, a: Artifact, forged: bool = False, raw: bytes | None = None, planted=()) -> frozenset:
        """Append ``a`` (its exact bytes ``raw``, carrying ``planted`` codes, when replayed); returns the
        codes it must get."""
        extra = set(planted)
        if raw is None:
            doc = document(a, prefix=self.prefix)
            if forged:  # signed by another participant: refused in the artifact stage
                other = PARTICIPANTS[(PARTICIPANTS.index(a.participant) + 1) % len(PARTICIPANTS)]
                doc["participant-bind"]["proof/participant-signature"] = signature(other, doc["participant-bind"], self.prefix)
                extra.add("bind-signature-invalid")
            raw = serialize(doc)
        codes = model.artifact_codes(a, NOW) | extra
        if model.verdict(codes) == "valid":
            codes |= self.ledger.codes(a)
        codes = frozenset(codes)
        self.steps.append((a, raw, codes))
        self.planted.append(extra)
        if model.verdict(codes) == "valid":
            self.ledger.admit(a)
        return codes

    def attach(self, participant, node, client, migration_allowed=True, gap=MINUTE, reuse_id: str | None = None, **kw):
        self.clock += gap
        self.count += 1
        a = Artifact(ATTACH, reuse_id or f"attach:{self.count:03d}", self.clock, node, client,
                     self._bind(participant, node, self.clock), migration_allowed=migration_allowed)
        return a, self.submit(a, **kw)

    def detach(self, access: Artifact | str, gap=MINUTE, participant=None, node=None, client=None, at=None,
               reuse_id: str | None = None, **kw):
        self.clock += gap
        self.count += 1
        ref = access if isinstance(access, str) else access.id
        base = None if isinstance(access, str) else access
        participant = participant or (base.participant if base else PARTICIPANTS[0])
        node = node or (base.node if base else SERVING_NODES[0])
        client = client or (base.client if base else CLIENTS[0])
        at = self.clock if at is None else at
        d = Artifact(DETACH, reuse_id or f"detach:{self.count:03d}", at, node, client, self._bind(participant, node, at), ref=ref)
        return d, self.submit(d, **kw)

    def recover(self, detachment: Artifact | str, mode: str, gap=MINUTE, participant=None, node=None, client=None,
                at=None, reuse_id: str | None = None, **kw):
        """A recovery of ``detachment`` that keeps the mode's rules unless node or client are given."""
        self.clock += gap
        self.count += 1
        ref = detachment if isinstance(detachment, str) else detachment.id
        base = None if isinstance(detachment, str) else detachment
        participant = participant or (base.participant if base else PARTICIPANTS[0])
        d_node = base.node if base else SERVING_NODES[0]
        d_client = base.client if base else CLIENTS[0]
        if node is None:
            node = _other_node(d_node) if mode == "migrate-to-new-host" else d_node
        if client is None:
            client = d_client + "-new" if mode == "replace-device" else d_client
        at = self.clock if at is None else at
        r = Artifact(RECOVER, reuse_id or f"recover:{self.count:03d}", at, node, client,
                     self._bind(participant, node, at), ref=ref, mode=mode)
        return r, self.submit(r, **kw)

    def replay(self, index: int):
        a, raw, _ = self.steps[index]
        return a, self.submit(a, raw=raw, planted=self.planted[index])

    # ---- the request ----
    def case(self, case_id: str, comment: str, flags=("Lifecycle",)) -> Case:
        return Case(
            id=case_id, operation="lifecycle", documents=tuple(raw for _, raw, _ in self.steps), now=render(NOW),
            expected=tuple(Expected(model.verdict(c), None, tuple(sorted(c))) for _, _, c in self.steps),
            requirements=REQUIREMENTS, flags=tuple(flags), comment=comment, options={"signing-prefix": self.prefix},
            kind=RECOVER, document_kinds=tuple(a.kind for a, _, _ in self.steps),
        )

    # ---- what is there to act on ----
    def admitted(self, kind: str) -> list[Artifact]:
        table = {ATTACH: self.ledger.attachments, DETACH: self.ledger.detachments, RECOVER: self.ledger.recoveries}[kind]
        return list(table.values())

    def live_accesses(self) -> list[Artifact]:
        detached = {d.ref for d in self.ledger.detachments.values()}
        return [a for a in self.admitted(ATTACH) + self.admitted(RECOVER) if a.id not in detached]

    def open_detachments(self) -> list[Artifact]:
        recovered = {r.ref for r in self.ledger.recoveries.values()}
        return [d for d in self.admitted(DETACH) if d.id not in recovered]


def _other_node(node):
    return SERVING_NODES[(SERVING_NODES.index(node) + 1) % len(SERVING_NODES)]


def _other_participant(p):
    return PARTICIPANTS[(PARTICIPANTS.index(p) + 1) % len(PARTICIPANTS)]


def _pick(items: list, index: int):
    return items[index % len(items)]


GAPS = st.one_of(st.just(0), st.integers(1, 90 * MINUTE), st.integers(1, DAY))
PICKS = st.integers(0, 1000)


def machine(check, signing_prefix: str = ""):
    """The state machine class; ``check(case)`` judges the sequence so far (and raises on a mismatch)."""

    class LifecycleMachine(RuleBasedStateMachine):
        def __init__(self):
            super().__init__()
            self.story = Story(signing_prefix)

        def teardown(self):
            # The whole sequence once, at the end: the verdict of each document depends only on those
            # before it, so the last request judges every prefix. Sending the sequence so far after
            # every step (as before) cost steps^2 / 2 document verifications for nothing more.
            if self.story.steps:
                check(self.story.case("cir.lifecycle.machine", "Drawn lifecycle sequence (state machine)"))

        @rule(participant=st.sampled_from(PARTICIPANTS[:3]), node=st.sampled_from(SERVING_NODES),
              client=st.sampled_from(CLIENTS), migration=st.booleans(), gap=GAPS)
        def attach(self, participant, node, client, migration, gap):
            self.story.attach(participant, node, client, migration, gap)

        @precondition(lambda self: self.story.live_accesses())
        @rule(pick=PICKS, gap=GAPS, forged=st.booleans())
        def detach(self, pick, gap, forged):
            self.story.detach(_pick(self.story.live_accesses(), pick), gap, forged=forged and pick % 5 == 0)

        @precondition(lambda self: self.story.open_detachments())
        @rule(pick=PICKS, gap=GAPS, mode=st.sampled_from(MODES))
        def recover(self, pick, gap, mode):
            self.story.recover(_pick(self.story.open_detachments(), pick), mode, gap)

        @precondition(lambda self: self.story.steps)
        @rule(pick=PICKS)
        def replay(self, pick):
            self.story.replay(pick % len(self.story.steps))

        @precondition(lambda self: self.story.admitted(ATTACH) or self.story.admitted(RECOVER))
        @rule(pick=PICKS, gap=GAPS, how=st.sampled_from(["other-participant", "other-client", "other-node", "early",
                                                          "unknown", "already-detached"]))
        def detach_badly(self, pick, gap, how):
            s = self.story
            access = _pick(s.admitted(ATTACH) + s.admitted(RECOVER), pick)
            if how == "other-participant":
                s.detach(access, gap, participant=_other_participant(access.participant))
            elif how == "other-client":
                s.detach(access, gap, client=access.client + "-x")
            elif how == "other-node":
                s.detach(access, gap, node=_other_node(access.node))
            elif how == "early":
                s.detach(access, gap, at=access.at - NS - gap)
            elif how == "unknown":
                s.detach(f"attach:unseen-{pick}", gap)
            else:
                s.detach(access, gap)  # refused with attachment-already-detached unless it is still live

        @precondition(lambda self: self.story.admitted(DETACH))
        @rule(pick=PICKS, gap=GAPS, mode=st.sampled_from(MODES),
              how=st.sampled_from(["other-participant", "wrong-node", "wrong-client", "early", "unknown", "reused-id",
                                   "already-recovered"]))
        def recover_badly(self, pick, gap, mode, how):
            s = self.story
            d = _pick(s.admitted(DETACH), pick)
            if how == "other-participant":
                s.recover(d, mode, gap, participant=_other_participant(d.participant))
            elif how == "wrong-node":  # the node a mode forbids
                s.recover(d, mode, gap, node=d.node if mode == "migrate-to-new-host" else _other_node(d.node))
            elif how == "wrong-client":
                s.recover(d, mode, gap, client=d.client if mode == "replace-device" else d.client + "-x")
            elif how == "early":
                s.recover(d, mode, gap, at=d.at - NS - gap)
            elif how == "unknown":
                s.recover(f"detach:unseen-{pick}", mode, gap)
            elif how == "reused-id" and s.admitted(RECOVER):
                s.recover(d, mode, gap, reuse_id=_pick(s.admitted(RECOVER), pick).id)
            else:
                s.recover(d, mode, gap)  # refused with detachment-already-recovered unless still open

    return LifecycleMachine


def _script_basic(s: Story):
    a, _ = s.attach(PARTICIPANTS[0], SERVING_NODES[0], CLIENTS[0])
    d, _ = s.detach(a)
    s.recover(d, "replace-device")


def _script_chain(s: Story):
    a, _ = s.attach(PARTICIPANTS[0], SERVING_NODES[0], CLIENTS[0])
    d1, _ = s.detach(a)
    r1, _ = s.recover(d1, "reattach-existing-device")
    d2, _ = s.detach(r1)
    r2, _ = s.recover(d2, "migrate-to-new-host")
    d3, _ = s.detach(r2)
    s.recover(d3, "resume-after-suspension")


def _script_replay(s: Story):
    a, _ = s.attach(PARTICIPANTS[0], SERVING_NODES[0], CLIENTS[0])
    d, _ = s.detach(a)
    s.recover(d, "replace-device")
    s.replay(2)
    s.replay(1)
    s.replay(0)


def _script_out_of_order(s: Story):
    a, _ = s.attach(PARTICIPANTS[0], SERVING_NODES[0], CLIENTS[0])
    s.count += 1
    d = Artifact(DETACH, "detach:later", s.clock + 2 * MINUTE, a.node, a.client,
                 BindSpec(a.participant, a.node, s.clock, "pb:later", "sess:later"), ref=a.id)
    s.recover(d, "reattach-existing-device", at=s.clock + 3 * MINUTE)  # its detachment is not yet admitted
    s.submit(d)
    s.clock += 10 * MINUTE
    s.recover(d, "reattach-existing-device")  # now it is; the refused recovery left no trace


def _script_cross_participant(s: Story):
    a, _ = s.attach(PARTICIPANTS[0], SERVING_NODES[0], CLIENTS[0])
    s.detach(a, participant=PARTICIPANTS[1])
    d, _ = s.detach(a)
    s.recover(d, "replace-device", participant=PARTICIPANTS[1])
    s.recover(d, "replace-device")


def _script_refused_not_admitted(s: Story):
    a, _ = s.attach(PARTICIPANTS[0], SERVING_NODES[0], CLIENTS[0])
    d, _ = s.detach(a, forged=True)
    s.recover(d, "replace-device")


def _script_double_detach(s: Story):
    a, _ = s.attach(PARTICIPANTS[0], SERVING_NODES[0], CLIENTS[0])
    s.detach(a)
    s.detach(a)
    s.attach(PARTICIPANTS[0], SERVING_NODES[1], CLIENTS[1], reuse_id=a.id)


def _script_modes(s: Story):
    a, _ = s.attach(PARTICIPANTS[0], SERVING_NODES[0], CLIENTS[0], migration_allowed=False)
    d, _ = s.detach(a)
    s.recover(d, "migrate-to-new-host")
    s.recover(d, "reattach-existing-device", node=SERVING_NODES[1])
    s.recover(d, "replace-device", client=d.client)
    s.recover(d, "resume-after-suspension", client=d.client + "-other")
    s.recover(d, "reattach-existing-device")


def _script_migration_chain(s: Story):
    a, _ = s.attach(PARTICIPANTS[0], SERVING_NODES[0], CLIENTS[0], migration_allowed=False)
    d1, _ = s.detach(a)
    r1, _ = s.recover(d1, "reattach-existing-device")
    d2, _ = s.detach(r1)
    s.recover(d2, "migrate-to-new-host")  # the root attachment, two links back, forbids it
    s.recover(d2, "replace-device")


SCRIPTS = {
    "attach-detach-recover": (_script_basic, "The plain path: attach, detach, recover on a new device"),
    "recovery-chain": (_script_chain, "A recovery re-establishes access that a later detachment can end, three times"),
    "replay": (_script_replay, "Each artifact presented twice: the second is refused"),
    "out-of-order": (_script_out_of_order, "A recovery before its detachment is refused; after it, admitted"),
    "cross-participant": (_script_cross_participant, "Another participant detaches and recovers: refused"),
    "refused-not-admitted": (_script_refused_not_admitted, "A refused detachment never enters the ledger"),
    "double-detach": (_script_double_detach, "An attachment detached twice, and an attachment id reused"),
    "migration-chain": (_script_migration_chain, "migration/allowed? false on the root attachment binds every later recovery"),
    "modes": (_script_modes, "Mode rules in a sequence: each broken one refused, then the right one admitted"),
}


def script_cases() -> list[Case]:
    out = []
    for name, (script, comment) in SCRIPTS.items():
        story = Story()
        script(story)
        out.append(story.case(f"cir.lifecycle.script/{name}", comment))
    return out
