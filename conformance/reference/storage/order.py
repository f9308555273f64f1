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


LOCALITY_RANKS = {name: rank for rank, name in enumerate(LOCALITIES)}
