"""Typed SHACL results: what every engine returns and everything after the engines reads.

An ``sh:ValidationResult`` is kept intact as a frozen :class:`ShaclResult`
(focus node, severity, source shape and constraint, path, value, messages),
so that any engine producing the same results can replace another (a
differential test holds the batch engine to pyshacl's results) and the report
can cite each result.  :func:`node_key` is the one total order on RDF terms
that makes results, and so reports, deterministic.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import SH
from rdflib.term import Node

from ptce_graph.errors import PTCEError

__all__ = ["ShaclResult", "EngineError", "SEVERITY_NAMES", "node_key"]

#: Short names of the SHACL severities.
SEVERITY_NAMES = {SH.Violation: "Violation", SH.Warning: "Warning", SH.Info: "Info"}


class EngineError(PTCEError):
    """The SHACL engine failed (a broken shape or query): never a data problem."""


def node_key(node: Node | None) -> tuple:
    """A total, deterministic order on RDF terms (None first, then IRIs, blank nodes, literals)."""
    if node is None:
        return (0, "")
    if isinstance(node, URIRef):
        return (1, str(node))
    if isinstance(node, BNode):
        return (2, str(node))
    if isinstance(node, Literal):
        return (3, str(node), str(node.datatype or ""), node.language or "")
    return (4, str(node))


@dataclass(frozen=True)
class ShaclResult:
    """One ``sh:ValidationResult``, kept intact.

    ``focus``: the focus node; ``severity``: ``sh:Violation``, ``sh:Warning``
    or ``sh:Info``; ``source_shape``: the shape that produced it;
    ``constraint_component``: the SHACL component (``sh:SPARQLConstraintComponent``,
    ``sh:MinCountConstraintComponent``…); ``source_constraint``: the SPARQL
    constraint, when it has an IRI; ``path`` and ``value`` as SHACL gives them;
    ``messages``: the ``sh:resultMessage`` texts, sorted.
    """

    focus: Node
    severity: URIRef
    source_shape: Node
    constraint_component: URIRef | None
    source_constraint: Node | None = None
    path: Node | None = None
    value: Node | None = None
    messages: tuple[str, ...] = ()

    @property
    def severity_name(self) -> str:
        """``Violation``, ``Warning`` or ``Info``."""
        return SEVERITY_NAMES.get(self.severity, str(self.severity))

    def sort_key(self) -> tuple:
        """The order of results in reports: focus, shape, constraint, path, value, messages."""
        return (
            node_key(self.focus),
            node_key(self.source_shape),
            node_key(self.source_constraint),
            node_key(self.path),
            node_key(self.value),
            self.messages,
        )
