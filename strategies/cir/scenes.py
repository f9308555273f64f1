"""A consistent recovery world to mutate: attachment A, its detachment D, and a recovery R
of D in one of the four modes, all by one participant. Drawn by Hypothesis (``scenes``)
or fixed (``FIXED``, for the golden vectors)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache

from hypothesis import strategies as st

from ..shared.keys import TestKey
from ..shared.timefmt import NS, PLAIN, Style, parse_plain
from .build import ATTACH, DETACH, MODES, RECOVER, Artifact, BindSpec
from .keys import PARTICIPANTS, SERVING_NODES

MINUTE, HOUR, DAY = 60 * NS, 3600 * NS, 86400 * NS
EPOCH = parse_plain("2026-03-28T19:00:00Z")


@dataclass(frozen=True)
class Scene:
    attachment: Artifact
    detachment: Artifact
    recovery: Artifact
    now: int
    style: Style = PLAIN
    other_participant: TestKey = PARTICIPANTS[1]
    other_node: TestKey = SERVING_NODES[1]
    signing_prefix: str = ""
    choices: tuple = ()  # declared interpretation choices (C…) as sorted (id, choice) pairs; () = the defaults

    @property
    def context(self) -> tuple[Artifact, ...]:
        return (self.attachment, self.detachment)

    def with_(self, **changes) -> "Scene":
        return replace(self, **changes)


def make(participant: TestKey, node: TestKey, other_node: TestKey, other_participant: TestKey, mode: str,
         attached: int, detach_after: int, recover_after: int, bind_lead: int, now_after: int,
         client: str = "client:ios-a13-82d1", new_client: str = "client:ios-a17-19f4", suffix: str = "01",
         migration_allowed: bool = True, replace_moves: bool = False, style: Style = PLAIN,
         node_attestations: bool = False) -> Scene:
    session_bind = BindSpec(participant, node, attached - 20 * MINUTE, f"pb:{suffix}-session", f"sess:{suffix}-a")
    a = Artifact(ATTACH, f"attach:{suffix}", attached, node, client, session_bind, migration_allowed=migration_allowed)
    d = Artifact(DETACH, f"detach:{suffix}", attached + detach_after, node, client, session_bind, ref=a.id)
    r_node = other_node if mode == "migrate-to-new-host" or (mode == "replace-device" and replace_moves) else node
    r_client = new_client if mode == "replace-device" else client
    r_at = d.at + recover_after
    r_bind = BindSpec(participant, r_node, r_at - bind_lead, f"pb:{suffix}-recovery", f"sess:{suffix}-r",
                      node_attestation=node_attestations)
    r = Artifact(RECOVER, f"recover:{suffix}", r_at, r_node, r_client, r_bind, ref=d.id, mode=mode,
                 node_attestation=node_attestations)
    return Scene(a, d, r, r_at + now_after, style, other_participant, other_node)


# Any Unicode text but quotes and backslashes (the intake mutations edit the JSON text around ids).
_ID_TEXT = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc"), exclude_characters='"\\'),
                   min_size=1, max_size=12)


# Drawn most of the time (cheap); the free text covers any Unicode an id may hold.
CLIENT_NAMES = ("ios-a13-82d1", "tablet", "Ä-laptop", "телефон", "端末-1", "emoji-📱", "tab\tname")


_NAMES = st.one_of(st.sampled_from(CLIENT_NAMES), _ID_TEXT)
_PARTICIPANT_ORDER = st.permutations(PARTICIPANTS)
_NODE_ORDER = st.permutations(SERVING_NODES)
_SUFFIXES = st.integers(0, 2**40)
# every Style a scene can carry (zulu forces offset 0), drawn as one index
_STYLES = st.sampled_from(tuple(Style(offset_minutes=0 if z else o, zulu=z, lower=lo, digits=d)
                                for o in (0, 60, -330, 840) for z in (False, True) for lo in (False, True)
                                for d in range(10)))
_ATTACHED = st.integers(0, 30 * DAY)
_AFTER = st.one_of(st.just(0), st.integers(1, 10 * DAY))
# A bind before its artifact, `now` after every timestamp: the 16 s tolerance (interpretation C5) is
# tested by cir.time.* alone, never put into every scene
_BIND_LEAD = st.integers(0, HOUR)
_NOW_AFTER = st.integers(0, 30 * DAY)


def draw_scene(draw, modes=MODES) -> Scene:
    p, q = draw(_PARTICIPANT_ORDER)[:2]
    node, other = draw(_NODE_ORDER)[:2]
    mode = modes[draw(_index(len(modes)))]
    suffix = f"{draw(_SUFFIXES):X}"
    client = "client:" + draw(_NAMES)
    new_client = "client:new-" + draw(_NAMES)
    style = draw(_STYLES)
    return make(p, node, other, q, mode,
                attached=EPOCH + draw(_ATTACHED),
                detach_after=draw(_AFTER),
                recover_after=draw(_AFTER),
                bind_lead=draw(_BIND_LEAD),
                now_after=draw(_NOW_AFTER),
                client=client, new_client=new_client, suffix=suffix,
                migration_allowed=True if mode == "migrate-to-new-host" else draw(st.booleans()),
                replace_moves=draw(st.booleans()), style=style, node_attestations=draw(st.booleans()))


@lru_cache(maxsize=None)
def _index(n: int) -> st.SearchStrategy[int]:
    return st.integers(0, n - 1)


@lru_cache(maxsize=None)
def scenes(modes=MODES) -> st.SearchStrategy[Scene]:
    """Scenes in one of ``modes`` (a tuple); built once per modes."""
    return st.composite(lambda draw: draw_scene(draw, modes))()


def _fixed(mode: str, **kw) -> Scene:
    return make(PARTICIPANTS[0], SERVING_NODES[0], SERVING_NODES[1], PARTICIPANTS[1], mode,
                attached=parse_plain("2026-03-28T19:42:00Z"), detach_after=23 * MINUTE, recover_after=20 * MINUTE,
                bind_lead=30 * NS, now_after=MINUTE, **kw)


FIXED = {
    "replace": _fixed("replace-device"),
    "replace-moves": _fixed("replace-device", suffix="05", replace_moves=True),
    "reattach": _fixed("reattach-existing-device", suffix="02"),
    "migrate": _fixed("migrate-to-new-host", suffix="03"),
    "resume": _fixed("resume-after-suspension", suffix="04"),
}
