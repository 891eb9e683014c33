"""ptce_graph — knowledge graph of French pôles territoriaux de coopération économique.

One RDF graph typed by the PTCE ontology is the hub: every input becomes it
(:func:`load`), every feature reads it.  The package ships the ontology and the
SHACL shapes; importing it has no side effect (no logging set-up, no network).

>>> import ptce_graph as ptce
>>> graph = ptce.load("examples/fictional-pole/bundle")      # doctest: +SKIP
>>> ptce.save(graph, "pole.ttl")                            # doctest: +SKIP
"""

from __future__ import annotations

from ptce_graph.dates import PartialDate
from ptce_graph.errors import (
    BundleError,
    DataWarning,
    InputError,
    NetworkDisallowedError,
    OutputError,
    PTCEError,
)
from ptce_graph.ess import ESSAssessment, ESSStatus, ess_status, siren_valid, siret_valid
from ptce_graph.info import InputSummary, summarize
from ptce_graph.io import as_graph, load, load_all, save, serialize
from ptce_graph.legal import (
    ClauseResult,
    ClauseStatus,
    DefinitionComparison,
    LegalReport,
    PoleVerdict,
    Verdict,
    compare_definitions,
    validate,
)
from ptce_graph.metrics import PoleMetrics, cooperation_graph, measure_pole
from ptce_graph.model import (
    Actor,
    ActorKind,
    Assessment,
    Funding,
    FundingKind,
    Innovation,
    Link,
    Logic,
    Meeting,
    Membership,
    Place,
    Pole,
    Project,
    Relation,
    Strategy,
    Territory,
    Tool,
    poles_from_graph,
)
from ptce_graph.namespaces import PTCE, PTCEDEF, PTCELF, PTCEREF, PTCESRC, PTCETYP
from ptce_graph.publish import DatasetInfo, EmbeddedStore, export, query, skolemize
from ptce_graph.reasoning import ReasoningResult, enrich_for_validation, reason
from ptce_graph.referentiel import ReferentielGap, referentiel_gap
from ptce_graph.registry import Registry, RegistryRun
from ptce_graph.report import write_report
from ptce_graph.typology import Typology, typology
from ptce_graph.version import __version__

__all__ = [
    "__version__",
    # I/O
    "load",
    "load_all",
    "save",
    "serialize",
    "as_graph",
    "summarize",
    "InputSummary",
    # model
    "Pole",
    "Actor",
    "Membership",
    "Link",
    "Project",
    "Territory",
    "Strategy",
    "Funding",
    "Place",
    "Meeting",
    "Assessment",
    "Tool",
    "ActorKind",
    "Relation",
    "Logic",
    "Innovation",
    "FundingKind",
    "PartialDate",
    "poles_from_graph",
    # the paper's typology and the référentiel self-assessment
    "typology",
    "Typology",
    "referentiel_gap",
    "ReferentielGap",
    # ESS status and identifiers
    "ess_status",
    "ESSStatus",
    "ESSAssessment",
    "siren_valid",
    "siret_valid",
    # legal validation
    "validate",
    "compare_definitions",
    "LegalReport",
    "PoleVerdict",
    "ClauseResult",
    "Verdict",
    "ClauseStatus",
    "DefinitionComparison",
    # cooperation metrics (ptce_graph.metrics: metrics(), timeline(), brokerage()...)
    "cooperation_graph",
    "measure_pole",
    "PoleMetrics",
    # registries of many poles, held in an Oxigraph store
    "Registry",
    "RegistryRun",
    # OWL reasoning
    "reason",
    "ReasoningResult",
    "enrich_for_validation",
    # HTML report
    "write_report",
    # namespaces
    "PTCE",
    "PTCEDEF",
    "PTCELF",
    "PTCEREF",
    "PTCESRC",
    "PTCETYP",
    # publication (ptce_graph.publish: publish(), read_graph(), build_docs()...)
    "export",
    "DatasetInfo",
    "skolemize",
    "query",
    "EmbeddedStore",
    # errors
    "PTCEError",
    "InputError",
    "BundleError",
    "NetworkDisallowedError",
    "OutputError",
    "DataWarning",
]
