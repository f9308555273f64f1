"""Orders on locality (the kernel's, fixed) and on privacy (interpretation S1, substitutable)."""

from __future__ import annotations

from .vocab import DEFAULT_PRIVACY_ORDER, LOCALITIES, PRIVACY_CLASSES


class OptionError(ValueError):
    """An evaluation option the evaluator cannot use (reported as a usage error, not a finding)."""


def privacy_ranks(option) -> dict[str, int]:
    """Rank of each privacy class, 0 = narrowest disclosure.

    ``option`` is None (interpretation S1) or a list, narrowest first, whose items are class
    names or lists of class names sharing one rank; every class appears exactly once.
    """
    if isinstance(option, dict):  # S1 ``partial:`` {"order": [...], "incomparable": [...]}
        incomparable = privacy_incomparable(option)
        # the incomparable classes get one last rank only to complete the table: privacy_wider
        # compares them with nothing but themselves
        return privacy_ranks([*_without(option.get("order"), incomparable), sorted(incomparable)])
    if option is None:
        option = DEFAULT_PRIVACY_ORDER
    if not isinstance(option, (list, tuple)):
        raise OptionError("privacy-order must be a list")
    ranks: dict[str, int] = {}
    for rank, item in enumerate(option):
        names = item if isinstance(item, (list, tuple)) else [item]
        if not names:
            raise OptionError("privacy-order has an empty rank")
        for name in names:
            if name not in PRIVACY_CLASSES or name in ranks:
                raise OptionError(f"privacy-order: {name!r} is unknown or repeated")
            ranks[name] = rank
    if set(ranks) != set(PRIVACY_CLASSES):
        raise OptionError(f"privacy-order misses {sorted(set(PRIVACY_CLASSES) - set(ranks))}")
    return ranks


def privacy_incomparable(option) -> frozenset:
    """The classes a partial order (S1 ``partial:``) leaves incomparable with every other one."""
    if not isinstance(option, dict):
        return frozenset()
    if set(option) - {"order", "incomparable"} or not isinstance(option.get("incomparable"), list):
        raise OptionError('a partial privacy-order is {"order": [...], "incomparable": [classes]}')
    names = option["incomparable"]
    if not names or any(n not in PRIVACY_CLASSES for n in names) or len(set(names)) != len(names):
        raise OptionError("privacy-order: incomparable must list known classes, each once")
    return frozenset(names)


def _without(order, names) -> list:
    """``order`` with the incomparable classes left out (they may be listed there or not)."""
    if not isinstance(order, list):
        raise OptionError("privacy-order: order must be a list")
    out = []
    for item in order:
        kept = [n for n in item if n not in names] if isinstance(item, list) else ([] if item in names else [item])
        if kept:
            out.append(kept if isinstance(item, list) else kept[0])
    return out


LOCALITY_RANKS = {name: rank for rank, name in enumerate(LOCALITIES)}
