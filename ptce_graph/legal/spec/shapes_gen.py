"""Generate ``shapes/*.ttl`` from the clause specifications.

Run ``python -m ptce_graph.legal.spec.shapes_gen`` after editing
:mod:`ptce_graph.legal.spec.clauses`, :mod:`ptce_graph.legal.spec.quality` or
:mod:`ptce_graph.legal.spec.sparql`.  A test regenerates the files and fails on
any difference, so the four definition files never drift apart.  The Turtle
files are what the engine runs and what a reader checks; each query is
written out in full, preceded by its compact form (with macros) as a comment.

Design (docs/validation.md): per clause, shapes whose results mean *not met*
(``sh:Violation``), *unknown* (``sh:Warning``) or a note (``sh:Info``); every
shape targets ``ptce:Pole`` and names its clause with ``ptce:checksClause``.
Per clause too, an *evidence* shape (``sh:Info``, ``ptce:showsClause``) whose
results are what makes the clause met: they never change its status.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import RDFS

from ptce_graph.labels import texts_by_language
from ptce_graph.legal.spec.clauses import Constraint, ShapeSpec, clause_shapes
from ptce_graph.legal.spec.definitions import DEFINITION_IDS, get_definition
from ptce_graph.legal.spec.quality import QUALITY_SHAPES, QualitySpec
from ptce_graph.legal.spec.sparql import expand
from ptce_graph.namespaces import PTCE, PTCEDEF
from ptce_graph.resources import ontology_graph

__all__ = ["SHAPES_BASE", "render_definition", "render_quality", "render_all", "main"]

SHAPES_BASE = "https://w3id.org/ptce/shapes/"

_SEVERITY = {"not-met": "sh:Violation", "unknown": "sh:Warning", "note": "sh:Info", "evidence": "sh:Info"}

_PREFIXES = (
    ("sh", "http://www.w3.org/ns/shacl#"),
    ("ptce", "https://w3id.org/ptce/ns#"),
    ("org", "http://www.w3.org/ns/org#"),
    ("rdf", "http://www.w3.org/1999/02/22-rdf-syntax-ns#"),
    ("rdfs", "http://www.w3.org/2000/01/rdf-schema#"),
    ("xsd", "http://www.w3.org/2001/XMLSchema#"),
    ("owl", "http://www.w3.org/2002/07/owl#"),
    ("dcterms", "http://purl.org/dc/terms/"),
)
# Prefixes the SPARQL queries use (sh:declare).
_SPARQL_PREFIXES = ("ptce", "org", "rdf", "rdfs", "xsd")


def _lit(text: str, lang: str) -> str:
    return Literal(text, lang=lang).n3()


def _pair(fr: str, en: str) -> str:
    return f"{_lit(fr, 'fr')} ,\n        {_lit(en, 'en')}"


def _query(c: Constraint) -> str:
    body = expand(c.where)
    text = f"SELECT {c.select} WHERE {{\n    {body}\n}}"
    return '"""\n' + text.replace("\\", "\\\\").replace('"""', '\\"\\"\\"') + '\n"""'


def _comment(text: str, indent: str = "") -> str:
    return "\n".join(f"{indent}# {line}".rstrip() for line in text.splitlines())


def _header(iri: str, title: tuple[str, str], description: tuple[str, str], extra: list[str]) -> str:
    lines = ["".join(f"@prefix {p}: <{ns}> .\n" for p, ns in _PREFIXES)]
    declares = " ,\n        ".join(
        f'[ sh:prefix "{p}" ; sh:namespace "{dict(_PREFIXES)[p]}"^^xsd:anyURI ]' for p in _SPARQL_PREFIXES
    )
    block = [
        f"<{iri}>",
        "    a owl:Ontology ;",
        f"    dcterms:title {_pair(*title)} ;",
        f"    dcterms:description {_pair(*description)} ;",
        "    dcterms:license <https://creativecommons.org/licenses/by/4.0/> ;",
        '    dcterms:creator "ptce_graph contributors" ;',
        *[f"    {line} ;" for line in extra],
        f"    sh:declare {declares} .",
    ]
    lines.append("\n".join(block))
    return "\n".join(lines)


def _banner(title: str) -> str:
    rule = "# " + "-" * 77
    return f"{rule}\n#  {title}\n{rule}"


def _shape_iri(definition: str, spec: ShapeSpec) -> str:
    tail = f"{spec.clause}/{spec.outcome}" + (f"/{spec.slug}" if spec.slug else "")
    return f"{SHAPES_BASE}{definition}/{tail}"


def _render_shape(definition: str, file_iri: str, spec: ShapeSpec) -> str:
    iri = _shape_iri(definition, spec)
    clause_iri = f"{PTCEDEF._NS}{definition}/{spec.clause}"
    kind = "sh:PropertyShape" if spec.core_path else "sh:NodeShape"
    lines = [
        f"<{iri}>",
        f"    a {kind} ;",
        "    sh:targetClass ptce:Pole ;",
    ]
    if spec.core_path:
        lines.append(f"    sh:path {spec.core_path} ;")
        lines.extend(f"    {part.strip()} ;" for part in (spec.core or "").split(" ;\n"))
    lines += [
        f"    sh:severity {_SEVERITY[spec.outcome]} ;",
        f"    ptce:{'showsClause' if spec.outcome == 'evidence' else 'checksClause'} <{clause_iri}> ;",
        f"    sh:name {_pair(spec.name_fr, spec.name_en)} ;",
        f"    sh:description {_pair(spec.description_fr, spec.description_en)} ;",
        f"    sh:message {_pair(spec.message_fr, spec.message_en)} ;",
    ]
    constraint_iris = [f"{iri}/{c.slug}" for c in spec.sparql]
    if constraint_iris:
        lines.append("    sh:sparql " + " ,\n        ".join(f"<{c}>" for c in constraint_iris) + " ;")
    lines.append(f"    rdfs:isDefinedBy <{file_iri}> .")
    out = ["\n".join(lines)]
    for c, c_iri in zip(spec.sparql, constraint_iris, strict=True):
        out.append(_render_constraint(c, c_iri, file_iri))
    return "\n\n".join(out)


def _render_constraint(c: Constraint, iri: str, file_iri: str) -> str:
    compact = f"SELECT {c.select} WHERE {{ {c.where} }}"
    return "\n".join(
        [
            _comment(compact),
            f"<{iri}>",
            "    a sh:SPARQLConstraint ;",
            f"    sh:message {_pair(c.fr, c.en)} ;",
            f"    sh:prefixes <{file_iri}> ;",
            f"    sh:select {_query(c)} ;",
            f"    rdfs:isDefinedBy <{file_iri}> .",
        ]
    )


def _definition_meta(definition: str) -> dict[str, str]:
    graph = ontology_graph()
    iri = URIRef(f"{PTCEDEF._NS}{definition}")
    labels = texts_by_language(graph.objects(iri, RDFS.label))
    sources = sorted(str(s) for s in graph.objects(iri, URIRef("http://purl.org/dc/terms/source")))
    return {"fr": labels["fr"], "en": labels["en"], "sources": " , ".join(f"<{s}>" for s in sources)}


def _clause_words(definition: str, clause: str) -> str:
    words = ontology_graph().value(URIRef(f"{PTCEDEF._NS}{definition}/{clause}"), PTCE.sourceWords)
    return str(words) if words is not None else ""


def render_definition(definition: str) -> str:
    """The Turtle of ``shapes/{definition}.ttl``."""
    meta = _definition_meta(definition)
    file_iri = f"{SHAPES_BASE}{definition}"
    clauses = get_definition(definition).clause_ids
    parts = [
        "# " + "=" * 77,
        f"#  PTCE legal validation — {definition}: {meta['en']}",
        f"#  {file_iri}",
        "#",
        "#  GENERATED by `python -m ptce_graph.legal.spec.shapes_gen` from ptce_graph/legal/spec/clauses.py:",
        "#  do not edit by hand. One block per clause of the definition (ontology/definitions.ttl):",
        "#  shapes whose results mean the clause is NOT MET (sh:Violation), UNKNOWN (sh:Warning),",
        "#  or a NOTE that leaves it met (sh:Info); no result means MET. Each shape names its",
        "#  clause with ptce:checksClause. The EVIDENCE shapes (sh:Info, ptce:showsClause instead)",
        "#  return what makes the clause met and never change its status. The queries expect the",
        "#  support the validation adds to its working copy of the data (legal forms' families and",
        "#  legal personality, the COG facts of the areas, groupings' majorities: see",
        "#  ptce_graph/legal/shacl/working.py), and read the evaluation date from",
        "#  <https://w3id.org/ptce/shapes/evaluation-context> ptce:asOf (default: today).",
        "# " + "=" * 77,
        "",
        _header(
            file_iri,
            (
                f"Formes SHACL de la définition {definition} : {meta['fr']}",
                f"SHACL shapes of the definition {definition}: {meta['en']}",
            ),
            (
                f"Vérifie, clause par clause ({', '.join(clauses)}), qu'un pôle répond à la définition "
                f"{definition}, en logique à trois valeurs : remplie, non remplie, inconnue.",
                f"Checks, clause by clause ({', '.join(clauses)}), that a pole fits the definition "
                f"{definition}, "
                "in three-valued logic: met, not met, unknown.",
            ),
            [f"rdfs:seeAlso <{PTCEDEF._NS}{definition}>", f"dcterms:source {meta['sources']}"],
        ),
    ]
    specs = clause_shapes(definition)
    for clause in clauses:
        parts.append("")
        parts.append(_banner(f"{clause} — {_clause_words(definition, clause)}"))
        for spec in (s for s in specs if s.clause == clause):
            parts.append("")
            parts.append(_render_shape(definition, file_iri, spec))
    return "\n".join(parts) + "\n"


def _render_quality_shape(spec: QualitySpec, file_iri: str) -> str:
    iri = f"{file_iri}/{spec.slug}"
    kind = "sh:PropertyShape" if spec.path else "sh:NodeShape"
    lines = [f"<{iri}>", f"    a {kind} ;", f"    {spec.target} ;"]
    if spec.path:
        lines.append(f"    sh:path {spec.path} ;")
        lines.extend(f"    {part.strip()} ;" for part in (spec.core or "").split(" ;\n"))
    lines += [
        "    sh:severity sh:Warning ;",
        f"    sh:name {_pair(spec.name_fr, spec.name_en)} ;",
        f"    sh:description {_pair(spec.description_fr, spec.description_en)} ;",
        f"    sh:message {_pair(spec.message_fr, spec.message_en)} ;",
    ]
    constraint_iris = [f"{iri}/{c.slug}" for c in spec.sparql]
    if constraint_iris:
        lines.append("    sh:sparql " + " ,\n        ".join(f"<{c}>" for c in constraint_iris) + " ;")
    lines.append(f"    rdfs:isDefinedBy <{file_iri}> .")
    out = ["\n".join(lines)]
    for c, c_iri in zip(spec.sparql, constraint_iris, strict=True):
        out.append(_render_constraint(c, c_iri, file_iri))
    return "\n\n".join(out)


def render_quality() -> str:
    """The Turtle of ``shapes/data-quality.ttl``."""
    file_iri = f"{SHAPES_BASE}data-quality"
    parts = [
        "# " + "=" * 77,
        "#  PTCE data quality — what is not a legal matter",
        f"#  {file_iri}",
        "#",
        "#  GENERATED by `python -m ptce_graph.legal.spec.shapes_gen` from ptce_graph/legal/spec/quality.py:",
        "#  do not edit by hand. Identifiers and their checksums, INSEE codes, periods, links,",
        "#  the ESS mention, names and kinds. Every result is a warning (sh:Warning) reported",
        "#  beside the legal verdict, never part of it: these shapes name no legal clause.",
        "# " + "=" * 77,
        "",
        _header(
            file_iri,
            ("Formes SHACL de qualité des données PTCE", "SHACL shapes of PTCE data quality"),
            (
                "Vérifications qui ne relèvent pas du droit : SIRET et SIREN, codes INSEE, périodes, liens, "
                "mention ESS, noms et types. Leurs résultats sont des avertissements, à côté du verdict.",
                "Checks that are not a legal matter: SIRET and SIREN, INSEE codes, periods, links, ESS "
                "mention, "
                "names and kinds. Their results are warnings, beside the verdict.",
            ),
            ["rdfs:seeAlso <https://w3id.org/ptce/ns>"],
        ),
    ]
    for spec in QUALITY_SHAPES:
        parts.append("")
        parts.append(_banner(f"{spec.slug} — {spec.name_en}"))
        parts.append("")
        parts.append(_render_quality_shape(spec, file_iri))
    return "\n".join(parts) + "\n"


def render_all() -> dict[str, str]:
    """File name -> Turtle text, for every generated shapes file."""
    files = {f"{d}.ttl": render_definition(d) for d in DEFINITION_IDS}
    files["data-quality.ttl"] = render_quality()
    return files


def main(argv: list[str] | None = None) -> int:
    target = Path(__file__).resolve().parents[3] / "shapes"
    target.mkdir(exist_ok=True)
    for name, text in render_all().items():
        (target / name).write_text(text, encoding="utf-8")
        print(f"wrote {target / name}", file=sys.stderr)
    return 0


if __name__ == "__main__":  # pragma: no cover
    raise SystemExit(main(sys.argv[1:]))
