"""Dataset metadata in DCAT and VoID, so that catalogues understand what is published.

Open-data portals (data.gouv.fr and other DCAT-AP catalogues) harvest DCAT:
a ``dcat:Dataset`` with its title, description, licence, publisher, dates,
keywords and one ``dcat:Distribution`` per file (media type, size, checksum,
download URL).  Linked-data tools read VoID: triple and entity counts, the
vocabularies used, a partition per class and per property, the URI space.
:func:`dataset_metadata` builds both for a graph, in one graph of their own,
and records the ontology and shapes versions the data conforms to
(``dcterms:conformsTo`` their ``owl:versionIRI``).

Counts follow VoID: ``void:triples`` every triple; ``void:entities`` the
distinct IRI subjects (skolem IRIs included, blank nodes excluded);
``void:distinctSubjects``/``void:distinctObjects`` every distinct subject and
object; ``void:classes`` the distinct objects of ``rdf:type``;
``void:properties`` the distinct predicates.

Dates default to today, or to ``SOURCE_DATE_EPOCH`` when set (reproducible
builds): give ``issued`` and ``modified`` for byte-identical metadata.
Metadata IRIs are minted from the dataset IRI, never blank nodes.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import os
import warnings
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, cast

import rdflib
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, OWL, RDF, RDFS, XSD

from ptce_graph.dates import parse_day
from ptce_graph.errors import DataWarning, InputError
from ptce_graph.iris import DEFAULT_BASE, check_iri, segment
from ptce_graph.model import new_graph
from ptce_graph.namespaces import DCAT, FOAF, PREFIXES, PTCE, VOID
from ptce_graph.publish.embedded import from_oxigraph
from ptce_graph.resources import ontology_graph, packaged_graph, shape_files
from ptce_graph.version import __version__

if TYPE_CHECKING:
    from ptce_graph.publish.embedded import EmbeddedStore

__all__ = [
    "DatasetInfo",
    "Distribution",
    "VoidCounts",
    "void_counts",
    "store_void_counts",
    "dataset_metadata",
    "distribution_for",
    "vocabulary_versions",
    "MEDIA_TYPES",
    "SPDX",
    "merged_prefixes",
]

SPDX = "http://spdx.org/rdf/terms#"
_EU_FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
_EU_LANGUAGE = "http://publications.europa.eu/resource/authority/language/"
_EU_THEME = "http://publications.europa.eu/resource/authority/data-theme/"
_IANA = "http://www.iana.org/assignments/media-types/"

#: format -> (media type, EU file type, French and English names)
MEDIA_TYPES: dict[str, tuple[str, str, str, str]] = {
    "turtle": ("text/turtle", "RDF_TURTLE", "Turtle", "Turtle"),
    "nt": ("application/n-triples", "RDF_N_TRIPLES", "N-Triples", "N-Triples"),
    "json-ld": ("application/ld+json", "JSON_LD", "JSON-LD", "JSON-LD"),
}
_LANGUAGES = {"fr": "FRA", "en": "ENG", "de": "DEU", "es": "SPA", "it": "ITA", "br": "BRE", "oc": "OCI"}


@dataclass(kw_only=True)
class Distribution:
    """One published file of the dataset."""

    format: str  # turtle | nt | json-ld
    file_name: str
    byte_size: int
    sha256: str
    download_url: str | None = None


@dataclass(kw_only=True)
class DatasetInfo:
    """What the publisher says about the dataset; anything left out is derived or omitted.

    ``license`` and ``publisher`` are IRIs (a publisher may also be a plain
    name: it then gets an IRI under the base).  ``title`` and ``description``
    default to a bilingual text naming the poles.  ``sources`` are added to
    the sources the data itself cites (``dcterms:source``).
    """

    title: str | None = None
    title_en: str | None = None
    description: str | None = None
    description_en: str | None = None
    license: str | None = None
    publisher: str | None = None
    issued: _dt.date | str | None = None
    modified: _dt.date | str | None = None
    sources: list[str] = field(default_factory=list)
    keywords: list[str] = field(default_factory=list)
    languages: list[str] = field(default_factory=lambda: ["fr"])
    iri: str | None = None
    landing_page: str | None = None
    download_url: str | None = None  # folder URL where the files are published
    sparql_endpoint: str | None = None


def _today() -> _dt.date:
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if epoch and epoch.strip().isascii() and epoch.strip().isdigit():
        return _dt.datetime.fromtimestamp(int(epoch), tz=_dt.UTC).date()
    return _dt.date.today()


def _as_date(value: _dt.date | str | None, what: str) -> _dt.date | None:
    if value is None or isinstance(value, _dt.date):
        return value
    try:
        return parse_day(value)
    except ValueError:
        raise InputError(
            f"{what} {value!r} is not a date", source=what,
            expected="an ISO 8601 date (YYYY-MM-DD, years 0001-9999, ASCII digits)",
        ) from None


def _iri(value: str, what: str) -> URIRef:
    return check_iri(value, what=what)


def distribution_for(
    path: str | os.PathLike[str], format: str, *, download_url: str | None = None
) -> Distribution:
    """Describe a written file: its size and SHA-256 checksum."""
    data = Path(path).read_bytes()
    return Distribution(
        format=format,
        file_name=Path(path).name,
        byte_size=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        download_url=download_url,
    )


def vocabulary_versions() -> list[tuple[URIRef, URIRef | None, str | None]]:
    """(ontology IRI, version IRI, version info) of the packaged ontology and shapes files."""
    graphs = [ontology_graph()]
    for name in shape_files():
        try:
            graphs.append(packaged_graph("shapes", name))
        except Exception:  # noqa: BLE001 - a broken shapes file is reported by validation, not here
            warnings.warn(
                f"shapes/{name} could not be read; its version is not recorded", DataWarning, stacklevel=2
            )
    found: dict[URIRef, tuple[URIRef, URIRef | None, str | None]] = {}
    for g in graphs:
        for onto in g.subjects(RDF.type, OWL.Ontology):
            if not isinstance(onto, URIRef):
                continue
            version = g.value(onto, OWL.versionIRI)
            info = g.value(onto, OWL.versionInfo)
            found[onto] = (
                onto,
                version if isinstance(version, URIRef) else None,
                str(info) if info is not None else None,
            )
    return [found[k] for k in sorted(found, key=str)]


def _default_texts(graph: Graph) -> tuple[str, str, str, str]:
    labels = sorted({str(graph.value(p, RDFS.label) or p) for p in graph.subjects(RDF.type, PTCE.Pole)})
    if not labels:
        return (
            "Données PTCE",
            "PTCE data",
            "Données décrites avec l'ontologie des pôles territoriaux de coopération économique (PTCE).",
            "Data described with the ontology of territorial poles of economic cooperation (PTCE).",
        )
    shown = ", ".join(labels[:5]) + (" …" if len(labels) > 5 else "")
    n = len(labels)
    fr = (
        "Pôle territorial de coopération économique"
        if n == 1
        else f"{n} pôles territoriaux de coopération économique"
    )
    en = (
        "Territorial pole of economic cooperation"
        if n == 1
        else f"{n} territorial poles of economic cooperation"
    )
    return (
        f"{fr} : {shown}",
        f"{en}: {shown}",
        f"Description en RDF ({fr.lower() if n > 1 else 'un pôle'} : {shown}) : territoire, acteurs "
        "et statut ESS, adhésions, liens de coopération, projets, financements, selon l'ontologie PTCE.",
        f"RDF description ({en.lower() if n > 1 else 'one pole'}: {shown}): territory, actors and ESS "
        "status, memberships, cooperation links, projects, funding, following the PTCE ontology.",
    )


def default_dataset_iri(graph: Graph, base: str) -> URIRef:
    poles = sorted(str(p) for p in graph.subjects(RDF.type, PTCE.Pole) if isinstance(p, URIRef))
    if len(poles) == 1:
        return URIRef(poles[0] + "/dataset")
    digest = hashlib.sha256("\n".join(poles).encode("utf-8")).hexdigest()[:12]
    return URIRef(f"{base}dataset/{digest}")


def _namespace_of(iri: str) -> str:
    for sep in ("#", "/"):
        if sep in iri:
            head = iri.rsplit(sep, 1)[0] + sep
            if head.count("/") >= 3:
                return head
    return iri


def dataset_metadata(
    graph: Graph,
    info: DatasetInfo | None = None,
    *,
    distributions: Sequence[Distribution] = (),
    base: str = DEFAULT_BASE,
    counts: VoidCounts | None = None,
) -> Graph:
    """DCAT and VoID description of ``graph`` (a new graph; ``graph`` is not modified).

    ``counts`` are the VoID counts when they are known already (a store counts
    them faster: :func:`store_void_counts`); by default they are counted here.
    """
    info = info or DatasetInfo()
    g = new_graph()
    g.bind("spdx", SPDX)
    ds = _iri(info.iri, "dataset IRI") if info.iri else default_dataset_iri(graph, base)
    g.add((ds, RDF.type, DCAT.Dataset))
    g.add((ds, RDF.type, VOID.Dataset))

    title_fr, title_en, desc_fr, desc_en = _default_texts(graph)
    lang = (info.languages or ["fr"])[0].lower()
    for prop, given, given_en, default_fr, default_en in (
        (DCTERMS.title, info.title, info.title_en, title_fr, title_en),
        (DCTERMS.description, info.description, info.description_en, desc_fr, desc_en),
    ):
        if given:
            g.add((ds, prop, Literal(given, lang=lang)))
        if given_en:
            g.add((ds, prop, Literal(given_en, lang="en")))
        if not given and not given_en:
            g.add((ds, prop, Literal(default_fr, lang="fr")))
            g.add((ds, prop, Literal(default_en, lang="en")))

    if info.license:
        g.add((ds, DCTERMS.license, _iri(info.license, "licence")))
    else:
        warnings.warn(
            "no licence given: open-data catalogues require one (e.g. --license "
            "https://www.etalab.gouv.fr/licence-ouverte-open-licence/)",
            DataWarning,
            stacklevel=2,
        )
    if info.publisher:
        if ":" in info.publisher and not info.publisher.strip().count(" "):
            publisher = _iri(info.publisher, "publisher")
        else:
            publisher = URIRef(f"{base}agent/{segment(info.publisher.strip())}")
            g.add((publisher, FOAF.name, Literal(info.publisher.strip())))
        g.add((publisher, RDF.type, FOAF.Agent))
        g.add((ds, DCTERMS.publisher, publisher))

    issued = _as_date(info.issued, "issued") or _today()
    modified = _as_date(info.modified, "modified") or issued
    if modified < issued:
        raise InputError(
            f"modified {modified} is before issued {issued}",
            source="modified",
            expected="a modification date on or after the issue date",
        )
    g.add((ds, DCTERMS.issued, Literal(issued.isoformat(), datatype=XSD.date)))
    g.add((ds, DCTERMS.modified, Literal(modified.isoformat(), datatype=XSD.date)))

    for lang in info.languages:
        code = _LANGUAGES.get(lang.lower())
        if code:
            g.add((ds, DCTERMS.language, URIRef(_EU_LANGUAGE + code)))
    g.add((ds, DCAT.theme, URIRef(_EU_THEME + "ECON")))
    g.add((ds, DCAT.theme, URIRef(_EU_THEME + "SOCI")))
    for keyword in [
        "PTCE",
        "pôle territorial de coopération économique",
        "économie sociale et solidaire",
        *info.keywords,
    ]:
        g.add((ds, DCAT.keyword, Literal(keyword, lang="fr")))
    if info.landing_page:
        g.add((ds, DCAT.landingPage, _iri(info.landing_page, "landing page")))
    if info.sparql_endpoint:
        g.add((ds, VOID.sparqlEndpoint, _iri(info.sparql_endpoint, "SPARQL endpoint")))

    cited = {o for o in graph.objects(None, DCTERMS.source) if isinstance(o, URIRef)}
    for src in sorted({*cited, *(_iri(s, "source") for s in info.sources)}, key=str):
        g.add((ds, DCTERMS.source, src))

    for onto, version, _ in vocabulary_versions():
        g.add((ds, DCTERMS.conformsTo, version or onto))

    g.add((ds, RDFS.comment, Literal(f"Produit par ptce_graph {__version__}.", lang="fr")))
    g.add((ds, RDFS.comment, Literal(f"Produced by ptce_graph {__version__}.", lang="en")))

    poles = sorted((p for p in graph.subjects(RDF.type, PTCE.Pole) if isinstance(p, URIRef)), key=str)
    _void_statistics(g, ds, counts if counts is not None else void_counts(graph), base, poles[0] if poles else None)

    for dist in distributions:
        _distribution(g, ds, dist, info)
    return g


@dataclass(frozen=True)
class VoidCounts:
    """The VoID counts of a graph (the module docstring says what each one counts).

    ``classes`` maps each class (an object of ``rdf:type``) to its distinct
    instances, ``properties`` each predicate to its triples.
    """

    triples: int
    entities: int
    distinct_subjects: int
    distinct_objects: int
    classes: dict[rdflib.term.Node, int]
    properties: dict[URIRef, int]


def void_counts(graph: Graph) -> VoidCounts:
    """The VoID counts of an rdflib graph, in one pass over its triples."""
    subjects: set = set()
    objects: set = set()
    instances: dict[rdflib.term.Node, set] = {}
    properties: Counter = Counter()
    for s, p, o in graph:
        subjects.add(s)
        objects.add(o)
        properties[p] += 1
        if p == RDF.type:
            instances.setdefault(o, set()).add(s)
    return VoidCounts(
        triples=len(graph),
        entities=sum(1 for s in subjects if isinstance(s, URIRef)),
        distinct_subjects=len(subjects),
        distinct_objects=len(objects),
        classes={c: len(members) for c, members in instances.items()},
        properties=dict(properties),
    )


def store_void_counts(store: EmbeddedStore, graph: str | None = None) -> VoidCounts:
    """The VoID counts of a graph of an embedded store, counted by the store (SPARQL, in Rust).

    The same counts as :func:`void_counts` on the graph the store holds, for
    registries too large to walk in Python.
    """
    import pyoxigraph as ox

    name = ox.DefaultGraph() if graph is None else ox.NamedNode(graph)

    def rows(sparql: str) -> list[Any]:
        return list(cast(Iterable[Any], store.oxigraph.query(sparql, default_graph=name)))  # our own queries

    def number(sparql: str) -> int:
        found = rows(sparql)
        return int(found[0]["n"].value) if found and found[0]["n"] is not None else 0

    def grouped(sparql: str) -> dict[Any, int]:
        return {from_oxigraph(row["x"]): int(row["n"].value) for row in rows(sparql) if row["x"] is not None}

    return VoidCounts(
        triples=number("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"),
        entities=number("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o FILTER(isIRI(?s)) }"),
        distinct_subjects=number("SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s ?p ?o }"),
        distinct_objects=number("SELECT (COUNT(DISTINCT ?o) AS ?n) WHERE { ?s ?p ?o }"),
        classes=grouped("SELECT ?x (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?x } GROUP BY ?x"),
        properties=grouped("SELECT ?x (COUNT(*) AS ?n) WHERE { ?s ?x ?o } GROUP BY ?x"),
    )


def _void_statistics(g: Graph, ds: URIRef, counts: VoidCounts, base: str, example: URIRef | None) -> None:
    for prop, value in (
        (VOID.triples, counts.triples),
        (VOID.entities, counts.entities),
        (VOID.distinctSubjects, counts.distinct_subjects),
        (VOID.distinctObjects, counts.distinct_objects),
        (VOID.classes, len(counts.classes)),
        (VOID.properties, len(counts.properties)),
    ):
        g.add((ds, prop, Literal(str(value), datatype=XSD.integer)))
    g.add((ds, VOID.uriSpace, Literal(base)))
    vocabularies = {_namespace_of(str(p)) for p in counts.properties} | {
        _namespace_of(str(c)) for c in counts.classes if isinstance(c, URIRef)
    }
    for vocab in sorted(vocabularies):
        g.add((ds, VOID.vocabulary, URIRef(vocab)))
    for cls, instances in sorted(counts.classes.items(), key=lambda kv: str(kv[0])):
        if isinstance(cls, (Literal, BNode)):
            continue
        part = URIRef(f"{ds}/class/{hashlib.sha256(str(cls).encode()).hexdigest()[:12]}")
        g.add((ds, VOID.classPartition, part))
        g.add((part, VOID["class"], cls))
        g.add((part, VOID.entities, Literal(str(instances), datatype=XSD.integer)))
    for prop, count in sorted(counts.properties.items(), key=lambda kv: str(kv[0])):
        part = URIRef(f"{ds}/property/{hashlib.sha256(str(prop).encode()).hexdigest()[:12]}")
        g.add((ds, VOID.propertyPartition, part))
        g.add((part, VOID.property, prop))
        g.add((part, VOID.triples, Literal(str(count), datatype=XSD.integer)))
    if example is not None:
        g.add((ds, VOID.exampleResource, example))


def _distribution(g: Graph, ds: URIRef, dist: Distribution, info: DatasetInfo) -> None:
    if dist.format not in MEDIA_TYPES:
        raise InputError(
            f"no distribution format {dist.format!r}", source="distribution", expected=", ".join(MEDIA_TYPES)
        )
    media, eu_type, name_fr, name_en = MEDIA_TYPES[dist.format]
    node = URIRef(f"{ds}/distribution/{segment(dist.file_name)}")
    g.add((ds, DCAT.distribution, node))
    g.add((node, RDF.type, DCAT.Distribution))
    g.add((node, DCTERMS.title, Literal(f"{dist.file_name} ({name_fr})", lang="fr")))
    g.add((node, DCTERMS.title, Literal(f"{dist.file_name} ({name_en})", lang="en")))
    g.add((node, DCAT.mediaType, URIRef(_IANA + media)))
    g.add((node, DCTERMS["format"], URIRef(_EU_FILE_TYPE + eu_type)))
    g.add((node, DCAT.byteSize, Literal(str(dist.byte_size), datatype=XSD.nonNegativeInteger)))
    checksum = URIRef(f"{node}/checksum")
    g.add((node, URIRef(SPDX + "checksum"), checksum))
    g.add((checksum, RDF.type, URIRef(SPDX + "Checksum")))
    g.add((checksum, URIRef(SPDX + "algorithm"), URIRef(SPDX + "checksumAlgorithm_sha256")))
    g.add((checksum, URIRef(SPDX + "checksumValue"), Literal(dist.sha256, datatype=XSD.hexBinary)))
    if info.license:
        g.add((node, DCTERMS.license, URIRef(info.license)))
    url = dist.download_url
    if url is None and info.download_url:
        url = info.download_url.rstrip("/") + "/" + segment(dist.file_name)
    if url:
        target = _iri(url, "download URL")
        g.add((node, DCAT.downloadURL, target))
        g.add((node, DCAT.accessURL, target))
        g.add((ds, VOID.dataDump, target))


def merged_prefixes() -> dict[str, str]:
    """Turtle prefixes for metadata files: ptce_graph's plus SPDX."""
    return {**PREFIXES, "spdx": SPDX}
