"""One validation of every fixture pole under the four definitions, shared by the legal tests."""

from __future__ import annotations

import pytest
from rdflib import Graph

from ptce_graph.legal import DefinitionComparison, compare_definitions
from ptce_graph.model import new_graph
from tests.legal.cases import CASES
from tests.legal.poles import AS_OF, fitting_pole


def cases_graph() -> Graph:
    """The complete pole and every case pole, in one graph."""
    graph = new_graph()
    fitting_pole("fits").to_graph(graph)
    for case in CASES:
        case.pole().to_graph(graph)
    return graph


@pytest.fixture(scope="session")
def cases_comparison() -> tuple[Graph, DefinitionComparison]:
    graph = cases_graph()
    return graph, compare_definitions(graph, as_of=AS_OF)
