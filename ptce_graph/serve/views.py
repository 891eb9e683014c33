"""HTML views of the registry's resources: a pole is its report page, an actor a card, anything else a table.

* A pole's page is the HTML report's page (:func:`ptce_graph.report.pages.render_pole_page`),
  with its verdicts and measures from the prepared run; its figures are drawn
  when a browser asks for them, and its actors link to their cards.
* An actor's card: ESS status and why (the legal report's own words), relation
  to the pole, kind, legal form, SIRET, commune, memberships, cooperation
  links (with the other actor's card), projects, sources.
* Any other resource: its triples, outgoing and incoming, with the names of
  what they point to and links to their pages.

Every value from the data is escaped by the templates; only IRIs of this
registry or of the vocabulary become links inside the site, only ``http(s)``
IRIs of cited sources become links outside.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import RDF

from ptce_graph.ess import legal_form_info
from ptce_graph.io.vocabularies import vocabulary as closed_vocabulary
from ptce_graph.iris import area_iri
from ptce_graph.legal.report.labels import Labeller
from ptce_graph.legal.spec.definitions import DEFINITION_IDS, get_definition
from ptce_graph.report.i18n import capitalise, legal_word, metric_label, short_verdict
from ptce_graph.report.pages import FigureRef, render_pole_page
from ptce_graph.report.style import ESS_CLASSES, VERDICT_CLASSES, VERDICT_SYMBOLS
from ptce_graph.serve.html import Links, render
from ptce_graph.serve.negotiation import SUFFIXES, media_type_of
from ptce_graph.serve.site import MAX_DESCRIPTION, Site, href_path
from ptce_graph.serve.vocabulary import vocabulary
from ptce_graph.wording import in_sentence

__all__ = ["pole_page", "actor_page", "resource_page", "home_page", "Hrefs"]

_FORMAT_NAMES = {"turtle": "Turtle", "json-ld": "JSON-LD", "nt": "N-Triples"}


class Hrefs:
    """Where the site shows a resource: its page, its data documents, its figures."""

    def __init__(self, site: Site, links: Links) -> None:
        self.site = site
        self.links = links

    def page(self, iri: str, *, check: bool = True) -> str | None:
        """The page of an IRI of the registry (None when it is not one), or of a vocabulary term."""
        path = self.site.path_of(iri)
        if path is not None:
            if check and not self.site.exists(iri):
                return None
            return self.links("page/" + href_path(path))
        term = vocabulary().anchor_href(iri)
        return self.links.root + term if term else None

    def data(self, iri: str, fmt: str) -> str:
        path = self.site.path_of(iri)
        assert path is not None
        return self.links.root + "data/" + href_path(path) + SUFFIXES[fmt]

    def formats(self, iri: str) -> list[tuple[str, str]]:
        return [(name, self.data(iri, fmt)) for fmt, name in _FORMAT_NAMES.items()]

    def figure(self, pole: str, name: str, ext: str) -> str:
        path = self.site.path_of(pole)
        assert path is not None
        return self.links(f"figures/{href_path(path)}/{name}.{ext}")


def pole_page(site: Site, iri: str, lang: str, hrefs: Hrefs) -> str:
    view = site.view(iri, lang)
    figures = {}
    for name in view.figure_names():
        width, height = view.figure_size(name)
        figures[name] = FigureRef(png=hrefs.figure(iri, name, "png"), svg=hrefs.figure(iri, name, "svg"),
                                  width=width, height=height)
    return render_pole_page(view, figures, root=hrefs.links.root,
                            link=lambda actor: hrefs.page(actor, check=False) if site.path_of(actor) else None)


def _value(node: Any, labeller: Labeller, hrefs: Hrefs, lang: str) -> dict[str, Any]:
    if isinstance(node, Literal):
        note = node.language or (str(node.datatype).rsplit("#", 1)[-1] if node.datatype is not None else None)
        return {"text": str(node), "label": str(node), "href": None, "iri": False, "note": note}
    if isinstance(node, BNode):
        return {"text": labeller(node), "label": labeller(node), "href": None, "iri": False, "note": None}
    text = str(node)
    return {"text": text, "label": labeller(node), "href": hrefs.page(text), "iri": True, "note": None}


def resource_page(site: Site, iri: str, lang: str, hrefs: Hrefs) -> str:
    graph = site.describe(iri)
    node = URIRef(iri)
    labeller = site.labeller(iri, graph, lang)

    def value(n: Any) -> dict[str, Any]:
        return _value(n, labeller, hrefs, lang)

    outgoing = [(value(p), value(o)) for p, o in sorted(graph.predicate_objects(node), key=lambda po: (
        po[0] != RDF.type, str(po[0]), str(po[1])))]
    for bnode in sorted({o for o in graph.objects(node, None) if isinstance(o, BNode)}, key=str):
        outgoing += [(value(p), value(o)) for p, o in sorted(graph.predicate_objects(bnode), key=str)]
    incoming = [(value(s), value(p)) for s, p in sorted(graph.subject_predicates(node), key=lambda sp: (
        str(sp[1]), str(sp[0])))]
    truncated = MAX_DESCRIPTION if max(len(outgoing), len(incoming)) >= MAX_DESCRIPTION else 0
    types = [value(t) for t in sorted(graph.objects(node, RDF.type), key=str)]
    return render("resource.html", lang=lang, links=hrefs.links, path="page/" + href_path(site.path_of(iri) or ""),
                  alternates={"text/turtle": hrefs.data(iri, "turtle")}, iri=iri, label=labeller(node),
                  types=types, formats=hrefs.formats(iri), outgoing=outgoing, incoming=incoming, truncated=truncated)


def actor_page(site: Site, iri: str, lang: str, hrefs: Hrefs) -> str:
    pole = site.pole_of(iri)
    assert pole is not None
    view = site.view(pole, lang)
    model = view.model
    labeller = Labeller(site.shard(pole), lang)
    actor = next((a for a in model.actors if (a.iri or a.id) == iri), None)
    if actor is None:  # described as an actor, but the model of its pole does not hold it
        return resource_page(site, iri, lang, hrefs)
    names = {a.id: a for a in model.actors}
    verdict = next(iter(view.entry.verdicts.values()), None)
    ess = next((a for a in verdict.actors if a.id == iri), None) if verdict is not None else None
    relation = model.relation_of(actor.id)
    form = legal_form_info(actor.legal_form) if actor.legal_form else None
    commune_iri = None
    if actor.commune:
        commune_iri = str(area_iri("commune", actor.commune, base=site.base))
    card = {
        "label": actor.name or actor.id,
        "relation": legal_word(relation.value, lang) if relation is not None else None,
        "kind": labeller(actor.kind.iri) if actor.kind is not None else None,
        "legal_form": form.label(lang) if form is not None else actor.legal_form,
        "siret": actor.siret,
        "commune": actor.commune,
        "commune_href": hrefs.page(commune_iri) if commune_iri else None,
    }
    status = ess.status.value if ess is not None else actor.ess().status.value
    reason = ess.reason(lang) if ess is not None else actor.ess().reason(lang)

    def other_href(actor_id: str) -> str | None:
        other = names.get(actor_id)
        return hrefs.page(other.iri, check=False) if other is not None and other.iri else None

    links = []
    for link in model.links:
        if actor.id not in (link.source, link.target):
            continue
        other = link.target if link.source == actor.id else link.source
        links.append({
            "logic": link.logic.value,
            "logic_label": capitalise(metric_label(link.logic.value, lang)),
            # a kind the ontology names by its label in the page's language; a source's own kind, as written
            "kind": _link_kind(link.kind, lang),
            "other": (names[other].name or other) if other in names else other,
            "other_href": other_href(other),
            "start": str(link.start) if link.start is not None else None,
            "end": str(link.end) if link.end is not None else None,
            "href": hrefs.page(link.iri, check=False) if link.iri else None,
        })
    memberships = [{
        "relation": legal_word(m.relation.value, lang) if m.relation is not None else legal_word("relation?", lang),
        "role": m.role,
        "start": str(m.start) if m.start is not None else None,
        "end": str(m.end) if m.end is not None else None,
        "href": hrefs.page(m.iri, check=False) if m.iri else None,
    } for m in model.memberships if m.actor == actor.id]
    projects = [{"label": p.name or p.id, "href": hrefs.page(p.iri, check=False) if p.iri else None}
                for p in model.projects if actor.id in p.participants]
    return render(
        "actor.html", lang=lang, links=hrefs.links, path="page/" + href_path(site.path_of(iri) or ""),
        alternates={"text/turtle": hrefs.data(iri, "turtle")}, iri=iri, actor=card,
        pole={"label": view.entry.label, "href": hrefs.page(pole, check=False)},
        ess={"css": ESS_CLASSES[status], "word": legal_word(status, lang), "reason": reason},
        formats=hrefs.formats(iri), cooperation=links, memberships=memberships, projects=projects,
        sources=sorted(set(actor.sources)),
    )


def _link_kind(kind: str | None, lang: str) -> str | None:
    """A link's kind as it reads in parentheses in the page's sentence."""
    kinds = closed_vocabulary("link_kind")
    return in_sentence(kinds.label(kind, lang)) if kind in kinds.codes else kind


def home_page(site: Site, lang: str, hrefs: Hrefs, dump_href: Callable[[str], str]) -> str:
    state = site.state
    definitions = [get_definition(d) for d in DEFINITION_IDS if d in state.comparison.definitions]
    reports = {r.definition.id: {p.pole: p for p in r.poles} for r in state.comparison.reports}
    rows: list[dict[str, Any]] = []
    for pole in state.poles:
        verdicts = []
        for d in definitions:
            found = reports[d.id].get(pole)
            value = found.verdict.value if found is not None else "undetermined"
            verdicts.append({"css": VERDICT_CLASSES[value], "symbol": VERDICT_SYMBOLS[value],
                             "word": short_verdict(value, lang)})
        rows.append({"label": state.label(pole), "href": hrefs.page(pole, check=False), "verdicts": verdicts})
    rows.sort(key=lambda r: (r["label"].casefold(), r["href"]))
    dumps = [{"name": d.file_name, "href": dump_href(d.file_name), "media": media_type_of(fmt),
              "size": _size(d.byte_size, lang)} for fmt, d in state.dumps.items()]
    return render("home.html", lang=lang, links=hrefs.links, path="", poles=rows, definitions=definitions,
                  as_of=state.as_of.isoformat(), dumps=dumps, alternates={"text/turtle": hrefs.links.root + "catalog"})


def _size(n: int, lang: str) -> str:
    units = ("o", "Ko", "Mo", "Go") if lang == "fr" else ("B", "KB", "MB", "GB")
    value = float(n)
    for unit in units:
        if value < 1024 or unit == units[-1]:
            text = f"{value:.0f} {unit}" if unit == units[0] else f"{value:.1f} {unit}"
            return text.replace(".", ",") if lang == "fr" else text
        value /= 1024
    return str(n)
