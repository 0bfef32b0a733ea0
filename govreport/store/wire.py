"""How an ingest worker's result crosses to the writing process: each frozen dataclass of the model
as its class and a tuple of its field values, rebuilt by its own ``__init__``.

The default pickling of a ``slots=True`` dataclass sends a state that ``dataclasses`` restores
field by field, calling ``dataclasses.fields()`` once per object: for a report's ~50k objects (spans,
facts, tasks) that was most of the parent's unpickling time. The reducers are registered with
``multiprocessing``'s own pickler only (``ForkingPickler``), so they change what workers send and
nothing else that pickles these classes; the objects rebuilt are equal to those sent.
"""

from __future__ import annotations

import operator
from collections.abc import Callable
from dataclasses import fields, is_dataclass
from multiprocessing.reduction import ForkingPickler
from typing import Any

from govreport import model


def _reducer(cls: type) -> Callable[[Any], tuple[type, tuple[Any, ...]]]:
    names = tuple(f.name for f in fields(cls))
    if any(not f.init for f in fields(cls)):
        raise TypeError(f"{cls.__name__}: a field without __init__ cannot be rebuilt from its values")
    get = operator.attrgetter(*names)
    if len(names) == 1:
        return lambda obj: (cls, (get(obj),))
    return lambda obj: (cls, get(obj))


#: the model's classes a worker's result is made of
MODEL_CLASSES: tuple[type, ...] = (model.Span, model.Quantity, model.DocMeta, model.Section, model.Fact,
                                   model.Task, model.Slogan, model.Report)


def register(*extra: type) -> None:
    """Send the model's dataclasses (and ``extra`` ones) as (class, values) between processes."""
    for cls in (*MODEL_CLASSES, *extra):
        assert is_dataclass(cls)
        ForkingPickler.register(cls, _reducer(cls))
