"""The choice of SHACL engine."""

from __future__ import annotations

import pytest

from ptce_graph.legal import validate
from ptce_graph.legal.shacl.engine import default_engine
from ptce_graph.legal.shacl.results import EngineError
from tests.legal.poles import AS_OF, fitting_pole


def test_unknown_engine_is_an_error() -> None:
    with pytest.raises(EngineError, match="unknown SHACL engine"):
        validate(fitting_pole(), as_of=AS_OF, engine="jena")


def test_the_batch_engine_is_the_default() -> None:
    assert default_engine() == "batch"
