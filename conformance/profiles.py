"""Run profiles, in one place: how hard each property is pushed."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Profile:
    name: str
    examples: int  # Hypothesis examples per property
    max_claimants: int  # largest collision set drawn
    steps: int = 12  # most steps of a lifecycle state machine run
    vectors: bool = True


PROFILES = {
    "quick": Profile("quick", examples=8, max_claimants=4, steps=8),
    "ci": Profile("ci", examples=40, max_claimants=8),
    "thorough": Profile("thorough", examples=400, max_claimants=32, steps=30),
}
DEFAULT = "ci"


def get(name: str) -> Profile:
    try:
        return PROFILES[name]
    except KeyError:
        raise ValueError(f"unknown profile {name!r} (choose from {', '.join(PROFILES)})") from None
