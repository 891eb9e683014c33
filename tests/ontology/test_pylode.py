"""pyLODE, the usual ontology documentation tool, reads ``ontology/ptce.ttl`` right.

pyLODE 3 names a page after the ontology or SKOS scheme it finds in the file
(hence one ``owl:Ontology`` per file and the schemes in ``schemes.ttl``), and
prints every label of a term, in every language, one after the other (it has
no language option: RDFLib/pyLODE#18).  Given one language view of the
ontology (:func:`ptce_graph.publish.docs.language_view`) it writes one clean
page per language.  Skipped when pyLODE is not installed; 3.4.1 cannot be
imported from a wheel (RDFLib/pyLODE#256), hence the ``!=3.4.1`` of the extra.
"""

from __future__ import annotations

import html
import re

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDFS

from ptce_graph.publish.docs import language_view
from ptce_graph.resources import packaged_graph

try:
    from pylode import OntPub
except (ImportError, OSError) as exc:  # 3.4.1 raises FileNotFoundError at import
    pytest.skip(f"pyLODE cannot be imported ({exc})", allow_module_level=True)

pytestmark = pytest.mark.slow  # about 3 s a page

ONTOLOGY = URIRef("https://w3id.org/ptce/ns")
_ENTITY = re.compile(
    r'<div class="property entity" id="[^"]*">\s*<h3>([^<]*)<sup.*?<th>IRI</th>\s*<td>\s*<code>([^<]*)</code>', re.S
)


def _page(lang: str | None) -> str:
    core = packaged_graph("ontology", "ptce.ttl")  # shared: pyLODE adds triples to the graph it is given
    if lang:
        return str(OntPub(language_view(core, lang)).make_html())
    copy = Graph()
    copy += core
    return str(OntPub(copy).make_html())


def _title(lang: str) -> str:
    core = packaged_graph("ontology", "ptce.ttl")
    (title,) = [str(t) for t in core.objects(ONTOLOGY, DCTERMS.title) if isinstance(t, Literal) and t.language == lang]
    return title


def test_the_page_is_named_after_the_ontology() -> None:
    page = _page(None)  # the file as it is, both languages
    titles = {_title("fr"), _title("en")}
    assert html.unescape(re.search(r"<title>([^<]*)</title>", page)[1]) in titles  # type: ignore[index]


@pytest.mark.parametrize("lang", ["fr", "en"])
def test_one_language_per_page(lang: str) -> None:
    page = _page(lang)
    core = packaged_graph("ontology", "ptce.ttl")
    assert html.unescape(re.search(r"<title>([^<]*)</title>", page)[1]) == _title(lang)  # type: ignore[index]
    assert html.unescape(re.search(r"<h1>([^<]*)</h1>", page)[1]) == _title(lang)  # type: ignore[index]
    headings = {iri: html.unescape(h3).strip() for h3, iri in _ENTITY.findall(page)}
    ours = {iri: title for iri, title in headings.items() if iri.startswith("https://w3id.org/ptce/ns#")}
    assert len(ours) > 150
    for iri, title in ours.items():
        labels = [str(o) for o in core.objects(URIRef(iri), RDFS.label) if o.language == lang]  # type: ignore[union-attr]
        assert [title] == labels, iri
