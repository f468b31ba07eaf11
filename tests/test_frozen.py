"""`core.frozen`: value classes that behave as `@dataclass(frozen=True)` would, without the start-up cost."""

import copy
import dataclasses
import datetime as dt
import pickle

import pytest
from hypothesis import given
from hypothesis import strategies as st

from duban.core.frozen import frozen


@frozen
class Deadline:
    due: dt.date | None
    label: str = ""
    actors: tuple[str, ...] = ()
    notes: dict = dataclasses.field(default_factory=dict, compare=False, hash=False)


@dataclasses.dataclass(frozen=True)
class Reference:
    """The same class as the standard library builds it: what `frozen` must match."""

    due: dt.date | None
    label: str = ""
    actors: tuple[str, ...] = ()
    notes: dict = dataclasses.field(default_factory=dict, compare=False, hash=False)


values = st.tuples(
    st.one_of(st.none(), st.dates()),
    st.text(max_size=5),
    st.lists(st.sampled_from(["police", "health"]), max_size=2).map(tuple),
)
calls = st.tuples(values, st.integers(0, 3), st.booleans())


def _build(cls, call):
    (due, label, actors), positional, by_keyword = call
    given_values = {"due": due, "label": label, "actors": actors}
    names = list(given_values)[: max(1, positional)]
    if by_keyword:
        return cls(**{n: given_values[n] for n in names})
    return cls(*(given_values[n] for n in names))


@given(calls, calls)
def test_equality_hash_and_repr_match_the_standard_dataclass(a, b):
    mine, other = _build(Deadline, a), _build(Deadline, b)
    theirs, their_other = _build(Reference, a), _build(Reference, b)
    assert (mine == other) == (theirs == their_other)
    if mine == other:
        assert hash(mine) == hash(other)
    assert hash(mine) == hash(theirs)  # the same field values hash the same way
    assert repr(mine).removeprefix("Deadline") == repr(theirs).removeprefix("Reference")
    assert dataclasses.asdict(mine) == dataclasses.asdict(theirs)


def test_fields_defaults_and_factories_are_the_dataclass_ones():
    d = Deadline(dt.date(2020, 7, 31))
    assert [f.name for f in dataclasses.fields(d)] == ["due", "label", "actors", "notes"]
    assert (d.label, d.actors, d.notes) == ("", (), {})
    assert Deadline(None).notes is not d.notes  # a fresh dict each time, as default_factory promises
    assert Deadline(None, notes={"a": 1}) == Deadline(None)  # compare=False
    moved = dataclasses.replace(d, label="提交方案")
    assert (moved.due, moved.label) == (d.due, "提交方案") and d.label == ""


def test_an_instance_cannot_change():
    d = Deadline(dt.date(2020, 7, 31), "提交方案")
    with pytest.raises(dataclasses.FrozenInstanceError):
        d.label = "别的"  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        del d.label  # type: ignore[misc]
    assert d.label == "提交方案"


@pytest.mark.parametrize(
    "args, kwargs, words",
    [
        ((), {}, "missing required argument: 'due'"),
        ((None, "", (), {}, "extra"), {}, "takes 4 positional arguments but 5 were given"),
        ((None,), {"bogus": 1}, "unexpected keyword argument 'bogus'"),
        ((None,), {"due": None}, "multiple values for argument 'due'"),
    ],
)
def test_a_wrong_call_is_a_type_error_naming_the_argument(args, kwargs, words):
    with pytest.raises(TypeError, match=words):
        Deadline(*args, **kwargs)


def test_copies_and_pickles_are_equal():
    d = Deadline(dt.date(2020, 7, 31), "提交方案", ("police",))
    assert copy.copy(d) == d and copy.deepcopy(d) == d and pickle.loads(pickle.dumps(d)) == d


def test_a_class_keeps_a_method_it_writes_itself():
    @frozen
    class Labelled:
        label: str

        def __repr__(self) -> str:
            return f"<{self.label}>"

    assert repr(Labelled("a")) == "<a>" and Labelled("a") == Labelled("a")


def test_no_value_class_in_duban_pays_for_generated_code():
    """The point of `frozen`: a `@dataclass(frozen=True)` compiles six methods in every process that
    imports it, so duban's own value classes all use `@frozen` (a new one written the old way fails here)."""
    import importlib
    import pkgutil

    old_way, found = [], 0
    for top in ("core", "plugins", "calendars", "reports", "cli", "tui"):
        package = importlib.import_module(f"duban.{top}")
        for info in pkgutil.walk_packages(package.__path__, f"{package.__name__}."):
            module = importlib.import_module(info.name)
            for value in vars(module).values():
                if isinstance(value, type) and value.__module__ == info.name and dataclasses.is_dataclass(value):
                    found += 1
                    if value.__dataclass_params__.frozen:  # type: ignore[attr-defined]
                        old_way.append(f"{info.name}.{value.__name__}")
    assert found > 50 and not old_way, old_way
    from duban.core.model import Task

    assert Task.__init__.__code__.co_filename.endswith("frozen.py")
