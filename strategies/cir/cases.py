"""From mutations and lifecycle sequences to conformance Cases: the properties and the
golden vectors of the client-instance-recovery family."""

from __future__ import annotations

from hypothesis import strategies as st

from conformance.case import Case, Expected

from ..shared.property import Property
from ..shared.timefmt import render
from . import lifecycle, model
from .build import MODES, RECOVER
from .mutations import MUTATIONS, Built, Mutation, Targets
from .scenes import FIXED, draw_scene

TOPICS = ("valid", "intake", "schema", "key", "bind", "attest", "time", "context", "mode", "life", "lifecycle")


def case_of(case_id: str, m: Mutation, built: Built, now: int, prefix: str, choices: tuple = ()) -> Case:
    return Case(
        id=case_id, operation="verify", documents=(built.raw,), now=render(now),
        expected=(Expected(model.verdict(built.codes), None, tuple(sorted(built.codes))),),
        requirements=m.requirements, flags=m.flags, comment=m.comment, options={"signing-prefix": prefix, **({"interpretations": dict(choices)} if choices else {})},
        kind=built.kind, context=built.context,
    )


def mutation_cases(m: Mutation, signing_prefix: str = "", kinds: tuple | None = None,
                   choices: tuple = ()) -> st.SearchStrategy[Case]:
    """Cases of ``m``; a Targets parameter draws only from ``kinds`` (default: all it names).
    The parameter strategy is built once per property, not per case."""
    modes = tuple(m.modes) if m.modes else MODES
    params_strategy = st.fixed_dictionaries(
        {name: st.sampled_from([k for k in p if kinds is None or k in kinds]) if isinstance(p, Targets) else p
         for name, p in m.params.items()})

    @st.composite
    def cases(draw) -> Case:
        scene = draw_scene(draw, modes).with_(signing_prefix=signing_prefix, choices=choices)
        built, now = _apply(m, scene, draw(params_strategy))
        return case_of(m.name, m, built, now, signing_prefix, choices)

    return cases()


def _apply(m: Mutation, scene, params) -> tuple[Built, int]:
    """The built request and the `now` it is judged at (time mutations move `now`)."""
    built = m.apply(scene, params)
    return built, scene.now if built.now is None else built.now


def properties(signing_prefix: str = "", choices: dict | None = None) -> list[Property]:
    """``choices``: the declared interpretation choices; the client-instance ones (C…) reach the model."""
    mine = tuple(sorted((k, v) for k, v in (choices or {}).items() if k.startswith("C")))
    props = [Property(m.name, m.comment or m.name, m.requirements, m.flags, mutation_cases(m, signing_prefix, None, mine),
                      "verify", m.kinds[0], kinds=m.kinds,
                      narrow=lambda kinds, m=m: mutation_cases(m, signing_prefix, kinds, mine))
             for m in MUTATIONS]
    props.append(Property("cir.lifecycle.machine", "Drawn attach/detach/recover sequences, with replays, out-of-order and "
                          "cross-participant attempts, are admitted exactly as the model says",
                          lifecycle.REQUIREMENTS, ("Lifecycle",), None, "lifecycle", RECOVER,
                          machine=lambda check: lifecycle.machine(check, signing_prefix)))
    return props


def vector_cases() -> list[Case]:
    out = []
    for m in MUTATIONS:
        for label, params, scene_name in m.vectors:
            built, now = _apply(m, FIXED[scene_name], dict(params))
            out.append(case_of(f"{m.name}/{scene_name}/{label}", m, built, now, ""))
    out += lifecycle.script_cases()
    return out
