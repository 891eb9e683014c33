"""The fictional pole: a kitchen-sink bundle, its exact Turtle export, and variants."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rdflib import Graph, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from ptce_graph import load, poles_from_graph
from ptce_graph.cli import main
from ptce_graph.ess import ESSStatus
from ptce_graph.io.bundle import read_bundle
from ptce_graph.namespaces import PTCE
from ptce_graph.resources import ontology_graph, packaged_graph

from ._legal_api import verdicts

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
BUNDLE = EXAMPLES / "fictional-pole" / "bundle"
TURTLE = EXAMPLES / "fictional-pole" / "fictional-pole.ttl"
VARIANTS = sorted(p for p in (EXAMPLES / "fictional-variants").iterdir() if p.is_dir())
POLE = "https://w3id.org/ptce/id/pole/fictional-val-d-exemple"
FICTIONAL = re.compile(r"fictif|fictive", re.IGNORECASE)


def test_the_turtle_is_the_exact_export_of_the_bundle(tmp_path: Path) -> None:
    out = tmp_path / "fictional-pole.ttl"
    assert main(["export", str(BUNDLE), "-o", str(out)]) == 0
    assert out.read_bytes() == TURTLE.read_bytes(), (
        "regenerate with: ptce export examples/fictional-pole/bundle "
        "-o examples/fictional-pole/fictional-pole.ttl")


def test_the_bundle_reads_without_warnings() -> None:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for folder in [BUNDLE, *VARIANTS]:
            read_bundle(folder)


def test_everything_is_marked_fictional() -> None:
    assert "fictional" in BUNDLE.parent.name and "fictional" in TURTLE.name
    for folder in [BUNDLE, *VARIANTS]:
        assert "fictional" in str(folder.relative_to(EXAMPLES))
        (pole,) = poles_from_graph(load(folder))
        assert pole.fictional is True and pole.id.startswith("fictional-")
        names = [pole.name, pole.strategy.name if pole.strategy else None]
        names += [a.name for a in pole.actors] + [p.name for p in pole.projects]
        names += [p.name for p in pole.places] + [t.name for t in pole.tools]
        for name in filter(None, names):
            assert FICTIONAL.search(name), f"{folder.name}: {name!r} does not say it is fictional"
        assert pole.description and "FICTI" in pole.description
    graph = load(BUNDLE)
    for s, _, o in graph.triples((None, URIRef("http://purl.org/dc/terms/source"), None)):
        assert str(o).startswith("https://example.org/"), f"{s} cites a real-looking document {o}"


def test_identifiers_are_artificial() -> None:
    (pole,) = poles_from_graph(load(BUNDLE))
    numbers = [a.siret for a in pole.actors if a.siret]
    assert len(numbers) == 4
    assert all(n.startswith("0000000") for n in numbers)
    assert pole.territory is not None and "000000018" in pole.territory.codes


# ---------------------------------------------------------------------------
#  The pole exercises the ontology's data vocabulary
# ---------------------------------------------------------------------------

#: Terms of ptce.ttl and schemes.ttl a single pole's data does not use, and why.
NOT_POLE_DATA = {
    # Legal definitions as data and validation results: definitions.ttl and reports, not a pole.
    **dict.fromkeys(
        ["LegalDefinition", "LegalClause", "ClauseKind", "definitionId", "clauseId", "hasClause",
         "clauseOf", "clauseKind", "sourceWords", "rule", "sourceText", "legalStatus", "inForce",
         "legifranceId", "nor", "eli", "article", "Evaluation", "ClauseEvaluation", "evaluatedPole",
         "underDefinition", "asOf", "verdict", "hasClauseEvaluation", "clause", "status", "concerns",
         "ClauseStatus", "Met", "NotMet", "Unknown", "ClauseStatuses", "Verdict", "Fits", "DoesNotFit",
         "Undetermined", "Verdicts"],
        "legal definitions and validation reports"),
    # The schemes' own classes and properties: the data uses their values.
    **dict.fromkeys(
        ["LegalForm", "StatutoryESSForm", "CommercialCompanyForm", "NonESSForm", "UndeterminedForm",
         "EnterpriseGroupingForm", "hasLegalPersonality", "legalPersonality", "LegalPersonality", "PrivateLaw",
         "PublicLaw", "NoLegalPersonality",
         "LegalPersonalities", "RelationKind", "RelationKinds", "InnovationKind", "InnovationKinds",
         "FundingKind", "FundingKinds", "FundingProgramme", "StatePTCEProgramme", "FundingProgrammes",
         "SelectionStatus", "SelectionStatuses",
         "ReferentielObjective", "GeneralObjective", "MainObjective", "ESSStatus", "ESSStatuses"],
        "classes of the value schemes (legal forms, référentiel...): the data uses their values"),
    # Derived, never written: ptce_graph computes ESS status and returns it apart.
    **dict.fromkeys(["essStatus", "ESSYes", "ESSNo", "ESSUnknown"], "ESS status is derived, never written"),
    # Derived by validation in its working copy (official geography, groupings' majorities), and reports.
    **dict.fromkeys(["cogKnown", "cogCommune", "cogDepartement", "cogRegion", "cogEPCI", "cogProblem",
                     "groupingNonESSMajority"], "derived by validation from reference data, never written"),
    "decidedBy": "validation reports",
    # Classes an actor has through its legal form (checked by test_legal_forms_of_every_family).
    **dict.fromkeys(
        ["LegalPerson", "PrivateLawLegalPerson", "PublicLawLegalPerson", "ESSEnterprise", "NonESSEnterprise",
         "Association", "Cooperative", "SCOP", "SCIC", "Mutual", "Foundation", "CommercialCompany",
         "ESSCommercialCompany", "SoleProprietorship"],
        "derived from the actor's legal form"),
    "linkedActor": "super-property of sourceActor and targetActor",
    "partOf": "hierarchy of administrative areas: reference geography, not a pole's data",
    "Indicator": "the paper names no indicator: the list is open and empty (tests/test_referentiel.py)",
    "indicator": "the paper names no indicator: the list is open and empty (tests/test_referentiel.py)",
    **dict.fromkeys(["PoleSet", "includesPole", "setSize", "AggregateStatement", "aboutSet", "characteristic",
                     "poleCount", "proportion", "quotation"],
                    "statements about sets of poles (examples/paper-2014), not one pole's data"),
    **dict.fromkeys(["StateCall2015", "StateAMI2021", "StateAMI2022", "StateAMI2023", "StateAMI2024", "StateAMI2025"],
                    "one State programme (StateCall2014) stands for the others"),
    **dict.fromkeys(["Phase1Laureate", "Phase2Laureate"],
                    "one selection status (CallLaureate) stands for the others (examples/registry-public has all)"),
    **dict.fromkeys(["CallResult", "call", "applicationCount"],
                    "what a State call announced as a whole (examples/registry-public), not one pole's data"),
}
#: Terms the variants use in place of the main pole (one territory, one strategy per pole).
IN_VARIANTS = {"Departement", "Region", "CooperationAgreement"}


def _vocabulary() -> set[str]:
    onto = packaged_graph("ontology", "ptce.ttl") + packaged_graph("ontology", "schemes.ttl")
    kinds = (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.NamedIndividual)
    terms = {s for k in kinds for s in onto.subjects(RDF.type, k) if str(s).startswith(str(PTCE))}
    return {str(s)[len(str(PTCE)):] for s in terms}


def _used(graph: Graph) -> set[str]:
    onto = ontology_graph()
    nodes = {n for t in graph for n in t[1:] if isinstance(n, URIRef)}
    for cls in set(graph.objects(None, RDF.type)):  # superclasses of the classes used
        nodes.update(onto.transitive_objects(cls, RDFS.subClassOf))
    return {str(n)[len(str(PTCE)):] for n in nodes if str(n).startswith(str(PTCE))}


def test_the_fictional_pole_exercises_the_whole_data_vocabulary() -> None:
    vocabulary = _vocabulary()
    assert set(NOT_POLE_DATA) <= vocabulary and IN_VARIANTS <= vocabulary, "stale exclusion"
    used = _used(load(BUNDLE))
    missing = sorted(vocabulary - used - set(NOT_POLE_DATA) - IN_VARIANTS)
    assert not missing, f"terms neither used by the fictional pole nor excluded with a reason: {missing}"
    variants = set().union(*(_used(load(v)) for v in VARIANTS))
    assert IN_VARIANTS <= variants


def test_legal_forms_of_every_family_and_kinds_of_every_actor() -> None:
    (pole,) = poles_from_graph(load(BUNDLE))
    forms = {a.legal_form for a in pole.actors} | {pole.legal_form}
    named = {"association", "cooperative", "scop", "scic", "mutual", "foundation", "commercial-company",
             "sole-proprietorship", "public-body"}
    assert named <= forms
    assert {f for f in forms if f and f.isdigit()} == {"9220", "9223", "6317", "5499", "5710", "7348", "7210",
                                                       "7230", "7383", "6220"}
    assert {a.kind.value for a in pole.actors if a.kind} == {
        "enterprise", "local-authority", "local-authority-grouping", "research-centre", "higher-education",
        "training-body", "ess-network", "person", "other"}
    status = {a.id: a.ess().status for a in pole.actors}
    assert status["bois-et-cie"] is ESSStatus.YES  # commercial company with the ESS mention
    assert status["imprimerie"] is ESSStatus.NO  # commercial company without it
    assert status["pixel-sas"] is ESSStatus.UNKNOWN  # mention not known
    assert status["atelier-tourneur"] is ESSStatus.NO
    assert status["habitante"] is ESSStatus.NO  # a natural person: article 1 covers legal persons


def test_links_projects_funding_and_history() -> None:
    (pole,) = poles_from_graph(load(BUNDLE))
    assert {(link.logic.value, link.kind) for link in pole.links} >= {
        ("mutualisation", "employer-group"), ("mutualisation", "shared-employees"),
        ("mutualisation", "shared-skills"), ("mutualisation", "shared-premises"),
        ("mutualisation", "shared-equipment"), ("interaction", "working-group"),
        ("interaction", "co-built-project"), ("interaction", "collective-tool"), ("animation", "event"),
        ("animation", "training"), ("partnership", "agreement"), ("interaction", None),
        ("partnership", "mécénat")}
    assert {p.innovation.value if p.innovation else None for p in pole.projects} == {
        "social", "technological", "both", "none", None}
    assert {p.sustainable_local_development for p in pole.projects} == {True, False, None}
    assert {f.kind.value for f in pole.funding if f.kind} == {
        "public", "private", "membership-fees", "own-resources", "volunteering"}
    assert {f.program for f in pole.funding} >= {
        "state-ptce-call-2014", "Contrat fictif de développement territorial"}
    former = pole.membership("amis-du-marche")
    assert former is not None and (str(former.start), str(former.end)) == ("2010-05", "2018-06")
    ended = next(link for link in pole.links if link.id == "marche-solidaire")
    assert str(ended.end) == "2018-06"
    assert pole.strategy is not None and pole.strategy.kind == "charter"
    assert str(pole.strategy.start) == "2012-06-15"
    assert {m.kind for m in pole.meetings} == {"series", "seminar", "meeting"}
    assert {(p.id, p.showcase) for p in pole.places} == {("maison-cooperation", True), ("entrepot", False)}
    assert pole.extra == {"site_web": "https://example.org/ptce-fictif"}
    assert pole.actor("tremplin").extra == {"remarque": "structure porteuse de l'animation"}


# ---------------------------------------------------------------------------
#  Against the legal definitions (needs ptce_graph.validate, issue 3)
# ---------------------------------------------------------------------------


def test_the_fictional_pole_fits_law_2014() -> None:
    verdict, clauses = verdicts(load(BUNDLE), "law-2014")[POLE]
    assert verdict == "fits", clauses
    assert set(clauses.values()) == {"met"}


def test_the_fictional_pole_and_the_other_definitions() -> None:
    graph = load(BUNDLE)
    assert verdicts(graph, "labo-2010")[POLE][0] == "fits"
    assert verdicts(graph, "senate-2013")[POLE][0] == "fits"
    verdict, clauses = verdicts(graph, "decree-2015")[POLE]
    # State funding from the 2013-2014 call: not eligible to a later call (décret 2015-431 art. 3 6°).
    assert verdict == "does-not-fit" and clauses["not-previously-funded"] == "not-met"
    assert {c for c, s in clauses.items() if s != "met"} == {"not-previously-funded"}


def _variant(name: str) -> tuple[Graph, str]:
    return load(EXAMPLES / "fictional-variants" / name), f"https://w3id.org/ptce/id/pole/fictional-variant-{name}"


@pytest.mark.parametrize(
    ("name", "fits", "fails", "clause"),
    [
        # « mutualisation, coopération ou partenariat » vs « mutualisation et coopération »
        ("mutualisation-only", {"law-2014"}, {"senate-2013", "labo-2010"}, "cooperation"),
        # « socialement ou technologiquement » vs « projets socio-économiques innovants »
        ("technological-project", {"law-2014", "labo-2010"}, {"senate-2013"}, "innovation"),
        # « qui s'associent à des entreprises »: no such clause in the Labo's 2010 definition
        ("no-non-ess-enterprise", {"labo-2010"}, {"law-2014", "senate-2013", "decree-2015"},
         "other-enterprises"),
        # citizen initiatives and ESS networks count for the Labo, not for article 1 of the law
        ("citizen-initiative", {"labo-2010"}, {"law-2014"}, "other-enterprises"),
    ],
)
def test_variants_show_the_differences_between_definitions(
        name: str, fits: set[str], fails: set[str], clause: str) -> None:
    graph, pole = _variant(name)
    for definition in fits:
        verdict, clauses = verdicts(graph, definition)[pole]
        assert verdict == "fits", (definition, clauses)
    for definition in fails:
        verdict, clauses = verdicts(graph, definition)[pole]
        assert verdict == "does-not-fit" and clauses[clause] == "not-met", (definition, clauses)
