"""Generation at the floor: strategies are built once, and scenarios are drawn to fit what each
mutation's drawn parameters need instead of being rejected."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from strategies.cir.scenes import scenes
from strategies.naa.endpoints import endpoints
from strategies.naa.mutations import by_name
from strategies.naa.scenarios import specs
from strategies.shared.timefmt import PLAIN
from strategies.storage.builder import Builder
from strategies.storage.cases import NOW, build_variant
from strategies.storage.operations import VARIANTS
from strategies.storage.pick import DrawPicker
from strategies.storage.vocab import Order

SETTINGS = settings(max_examples=25, deadline=None, database=None, suppress_health_check=list(HealthCheck))


def test_strategies_are_built_once_per_parameter_set():
    assert specs(frozenset({"peer"})) is specs(frozenset({"peer"}))
    assert specs() is not specs(frozenset({"peer"}))
    assert endpoints() is endpoints() and endpoints("ipv6") is endpoints("ipv6")
    assert scenes() is scenes()


def test_building_the_properties_decorates_no_composite(monkeypatch):
    # st.composite parses the decorated function's source (~1 ms): it belongs at module level
    from strategies.cir import cases as cir_cases
    from strategies.locations import cases as locations, cir as cir_locations, naa as naa_locations
    from strategies.naa import cases as naa_cases
    from strategies.storage import properties as storage_properties

    decorated = []
    monkeypatch.setattr(st, "composite", lambda f: decorated.append(f) or pytest.fail(f"st.composite({f})"))
    props = naa_cases.properties("", 6) + cir_cases.properties("") + locations.properties(
        naa_locations.SITES, "n", "n") + locations.properties(cir_locations.SITES, "c", "c") + storage_properties()
    assert props and not decorated


@pytest.mark.parametrize("name, params", [
    ("key.invalid-did-key", {"where": "evidence"}),
    ("key.invalid-did-key", {"where": "envelope"}),
    ("signature.signing-input", {"where": "envelope"}),
    ("signature.wrong-key", {"where": "envelope"}),
])
def test_naa_scenarios_fit_the_drawn_parameters(name, params):
    m = by_name(name)

    @SETTINGS
    @given(st.data())
    def check(data):
        drawn = dict(data.draw(st.fixed_dictionaries(m.params)), **params)
        spec = data.draw(specs(needs=m.needs_for(drawn)))
        m.apply(spec, drawn)  # NotApplicable (a rejected case) when the scenario lacks what they need

    check()


@pytest.mark.parametrize("name", sorted(name for name, v in VARIANTS.items() if v.within))
def test_storage_subject_units_are_drawn_within_what_the_variant_needs(name):
    @SETTINGS
    @given(st.data())
    def check(data):
        build_variant(Builder(Order(None), NOW, PLAIN), DrawPicker(data.draw), VARIANTS[name], True)

    check()


def test_choices_read_one_word_as_many_digits():
    from strategies.shared.choices import Choices

    words = iter([1, 0, 12345])
    drawn = []
    c = Choices(lambda strategy: drawn.append(strategy) or next(words))
    # the word 1, mixed, in base 10, lowest digit first: 19 digits fit in one word
    assert [c.index(10) for _ in range(19)] == [int(d) for d in reversed(str(0x9E3779B97F4A7C15))][:19]
    assert len(drawn) == 1
    assert c.index(10) == 0 and len(drawn) == 2  # the digits ran out: the next word (0: first options)
    assert sorted(c.order(5)) == list(range(5))
    assert all(3 <= c.number(3, 9) <= 9 for _ in range(20))
