"""OWL reasoning over PTCE graphs: classify actors and poles, catch contradictions.

>>> from ptce_graph.reasoning import reason
>>> result = reason(graph)                                   # doctest: +SKIP
>>> result.consistent, result.reasoner                       # doctest: +SKIP
(True, 'hermit')
>>> [c.label("en") for c in result.classification(actor).inferred]   # doctest: +SKIP
['association', 'ESS enterprise', 'private-law legal person', ...]

The axioms are in ``ontology/reasoning.ttl``; HermiT runs through owlready2
(:mod:`.owl`), which needs a Java runtime.  Without one, :func:`reason` says so
and falls back to structural checks in Python (:mod:`.structural`).  When the
data contradicts itself, :mod:`.explain` names the individuals and the axioms.
The inferred triples come back as a separate graph; :func:`enrich_for_validation`
merges them into a copy of the data for the legal validation.
"""

from ptce_graph.reasoning.classify import REASONERS, enrich_for_validation, reason
from ptce_graph.reasoning.labels import OntologyClass
from ptce_graph.reasoning.owl import JAVA_MISSING_MESSAGE, java_executable
from ptce_graph.reasoning.result import Classification, Inconsistency, Note, ReasoningResult

__all__ = [
    "reason",
    "enrich_for_validation",
    "ReasoningResult",
    "Classification",
    "Inconsistency",
    "Note",
    "OntologyClass",
    "REASONERS",
    "JAVA_MISSING_MESSAGE",
    "java_executable",
]
