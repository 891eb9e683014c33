"""The HTML documentation of the ontology and the shapes (``ptce docs``)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from rdflib import URIRef
from rdflib.namespace import OWL, RDF, SKOS

from ptce_graph.namespaces import PTCE
from ptce_graph.publish.docs import PAGES, build_docs
from ptce_graph.resources import ontology_graph
from tests.console import run_ptce

FIXTURE = Path(__file__).parent / "data" / "shapes-fixture.ttl"


class _Page(HTMLParser):
    """Ids, links, resource references and visible text of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.hrefs: list[str] = []
        self.sources: list[tuple[str, str]] = []  # (tag, attribute value) of anything that loads
        self.tags: list[str] = []
        self.text: list[str] = []
        self.scripts = 0

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        values = dict(attrs)
        if values.get("id"):
            self.ids.append(values["id"] or "")
        if tag == "a" and values.get("href") is not None:
            self.hrefs.append(values["href"] or "")
        for attr in ("src", "srcset", "data", "poster"):
            if values.get(attr):
                self.sources.append((tag, values[attr] or ""))
        if tag == "link" and values.get("rel") != "alternate":  # a link to the other language loads nothing
            self.sources.append((tag, values.get("href") or ""))
        if tag == "script":
            self.scripts += 1

    def handle_data(self, data: str) -> None:
        self.text.append(data)


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, str, _Page]:
    out = tmp_path_factory.mktemp("docs")
    result = build_docs(out, shapes=[FIXTURE])
    html = result.index.read_text("utf-8")
    page = _Page()
    page.feed(html)
    return out, html, page


def _anchor_of(iri: str, page: _Page, html: str) -> str:
    local = iri.rsplit("#", 1)[-1] if "#" in iri else iri.rsplit("/", 1)[-1]
    matches = [i for i in page.ids if i.endswith(local)]
    assert matches, f"no anchor for {iri}"
    return matches[0]


def test_every_class_and_property_has_an_anchor(built: tuple[Path, str, _Page]) -> None:
    _, html, page = built
    onto = ontology_graph()
    ids = set(page.ids)
    assert len(ids) == len(page.ids), "anchors are unique"
    terms = [
        t
        for kind in (OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty)
        for t in onto.subjects(RDF.type, kind)
        if isinstance(t, URIRef) and str(t).startswith(str(PTCE._NS))
    ]
    assert len(terms) > 100
    for term in terms:
        assert "ptce-" + str(term)[len(str(PTCE._NS)) :] in ids, term
    # Every internal link lands on an anchor.
    internal = [h[1:] for h in page.hrefs if h.startswith("#")]
    assert internal and set(internal) <= ids


def test_one_page_per_language_each_heading_once(built: tuple[Path, str, _Page]) -> None:
    out, html, page = built
    english = (out / PAGES["en"]).read_text("utf-8")
    en = _Page()
    en.feed(english)
    assert PAGES == {"fr": "index.html", "en": "index.en.html"}
    assert '<html lang="fr">' in html and '<html lang="en">' in english
    # Each page is in its language: the pole's class is named once, in that language.
    pole, pole_en = (h.split('id="ptce-Pole"', 1)[1].split("</h3>", 1)[0] for h in (html, english))
    assert "pôle territorial de coopération économique" in pole and "territorial pole" not in pole
    assert "territorial pole of economic cooperation" in pole_en and "pôle territorial" not in pole_en
    for h2 in ("Modules", "Hiérarchie des classes", "Propriétés d&#39;objet", "Schémas SKOS"):
        assert f"<h2>{h2}</h2>" in html
    for h2 in ("Modules", "Class hierarchy", "Object properties", "SKOS schemes"):
        assert f"<h2>{h2}</h2>" in english
    assert " · " not in " ".join(re.findall(r"<h[1-6][^>]*>(.*?)</h[1-6]>", html + english, flags=re.S))
    # The same anchors in both pages; each page links the other.
    assert page.ids == en.ids
    assert PAGES["en"] in page.hrefs and PAGES["fr"] in en.hrefs


def test_content_is_complete(built: tuple[Path, str, _Page]) -> None:
    _, html, page = built
    # Domain and range of a property.
    assert 'id="ptce-territory"' in html
    block = html.split('id="ptce-territory"', 1)[1].split("</article>", 1)[0]
    assert "#ptce-Pole" in block and "#ptce-Territory" in block
    # Class hierarchy: ESSEnterprise under PrivateLawLegalPerson under LegalPerson.
    hierarchy = html.split('id="hierarchy"', 1)[1].split("</section>", 1)[0]
    assert (
        hierarchy.index("ptce:LegalPerson")
        < hierarchy.index("ptce:PrivateLawLegalPerson")
        < hierarchy.index("ptce:ESSEnterprise")
    )
    # SKOS schemes, legal forms with their INSEE codes and ESS status.
    for scheme in onto_schemes():
        assert f'id="{scheme}"' in html
    cj = html.split('id="ptcelf-cj-9220"', 1)[1].split("</article>", 1)[0]
    assert "9220" in cj and "StatutoryESSForm" in cj
    # Legal definitions: verbatim text and every clause with its words and rule.
    law = html.split('id="ptcedef-law-2014"', 1)[1].split("</article>", 1)[0]
    assert "Les pôles territoriaux de coopération économique sont constitués par le regroupement" in law
    assert law.count("<tr id=") == 8
    assert "« sur un même territoire »" in law
    assert "Inconnue si aucun territoire n&#39;est déclaré" in law


def onto_schemes() -> list[str]:
    onto = ontology_graph()
    out = []
    for s in onto.subjects(RDF.type, SKOS.ConceptScheme):
        iri = str(s)
        for prefix, ns in (
            ("ptcelf", "https://w3id.org/ptce/legal-form/"),
            ("ptceref", "https://w3id.org/ptce/referentiel/"),
            ("ptcetyp", "https://w3id.org/ptce/typology/"),
            ("ptce", "https://w3id.org/ptce/ns#"),
        ):
            if iri.startswith(ns):
                out.append(f"{prefix}-{iri[len(ns) :]}")
                break
    assert len(out) >= 12
    return out


def test_shapes_are_documented(built: tuple[Path, str, _Page]) -> None:
    out, html, page = built
    shapes = html.split('id="shapes"', 1)[1]
    assert "shapes-fixture.ttl" in shapes and "Formes de test" in shapes
    for anchor in ("PoleShape", "PoleNameShape", "MembershipShape", "LinkShape"):
        assert any(i.endswith(anchor) for i in page.ids), anchor
    assert "sh:minCount 1" in shapes and "sh:pattern ^[a-z0-9][a-z0-9-]*$" in shapes
    assert "sh:in (ptce:Member, ptce:Partner)" in shapes
    assert "$this ptce:sourceActor ?a" in shapes
    assert "Une adhésion doit désigner un acteur" in shapes and "A membership must name an actor" not in shapes
    assert "A membership must name an actor" in (out / PAGES["en"]).read_text("utf-8")


def test_every_value_is_escaped_and_nothing_loads_from_elsewhere(built: tuple[Path, str, _Page]) -> None:
    out, html, page = built
    english = (out / PAGES["en"]).read_text("utf-8")
    assert "<script>alert" not in html and "&lt;script&gt;alert(&#39;fr&#39;)&lt;/script&gt;" in html
    assert "<b>label</b>" not in english and "&lt;b&gt;label&lt;/b&gt;" in english
    for text in (html, english):
        parsed = _Page()
        parsed.feed(text)
        assert parsed.scripts == 0  # one page per language: nothing to switch
        assert parsed.sources == []  # no stylesheet, image, font or script file, local or remote
        assert not any(h.lower().startswith(("javascript:", "data:")) for h in parsed.hrefs)


def test_files_are_copied_and_output_is_deterministic(built: tuple[Path, str, _Page], tmp_path: Path) -> None:
    out, html, _ = built
    files = sorted(p.name for p in (out / "files").iterdir())
    assert {"ptce.ttl", "definitions.ttl", "legal-forms.ttl", "context.jsonld", "shapes-fixture.ttl"} <= set(
        files
    )
    again = build_docs(tmp_path / "again", shapes=[FIXTURE])
    assert again.index.read_text("utf-8") == html
    assert (tmp_path / "again" / PAGES["en"]).read_bytes() == (out / PAGES["en"]).read_bytes()


def test_cli_docs(tmp_path: Path) -> None:
    done = run_ptce("docs", "-o", str(tmp_path / "site"), "--shapes", str(FIXTURE))
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "site" / "index.html").is_file() and (tmp_path / "site" / "index.en.html").is_file()
    bad = tmp_path / "bad.ttl"
    bad.write_text("@prefix sh: <http://www.w3.org/ns/shacl#> .\n<a> sh:path \n", encoding="utf-8")
    failed = run_ptce("docs", "-o", str(tmp_path / "x"), "--shapes", str(bad))
    assert failed.returncode == 2 and "bad.ttl" in failed.stderr and "Traceback" not in failed.stderr
