"""``/sparql``: a read-only SPARQL 1.1 Protocol endpoint over the registry.

The three ways of the protocol to send a query are accepted: ``GET
/sparql?query=…``, ``POST`` of a form (``application/x-www-form-urlencoded``,
``query=…``), ``POST`` of the query itself (``application/sparql-query``);
``default-graph-uri`` and ``named-graph-uri`` choose the dataset (the default
graph is the registry's).  Answers: SELECT and ASK in SPARQL JSON, XML, CSV
or TSV, CONSTRUCT and DESCRIBE in Turtle, JSON-LD or N-Triples, by
``Accept`` or by a ``format`` parameter; a browser gets an HTML table.

Read only: an update (the ``update`` parameter, ``application/sparql-update``,
or update keywords where a query is expected) is refused with 403;
``SERVICE`` too (it would open a network connection).  Every query has a
deadline and a result cap (:mod:`ptce_graph.serve.query_pool`); a cut answer
says so in the header ``X-SPARQL-MaxRows``.  ``GET /sparql`` without a query
gives the query form (HTML) or the service description (Turtle, JSON-LD).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any
from urllib.parse import parse_qsl

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import RDF
from starlette.concurrency import run_in_threadpool
from starlette.requests import Request
from starlette.responses import Response

from ptce_graph.io import serialize
from ptce_graph.namespaces import PREFIXES
from ptce_graph.report.html import format_amount, format_count
from ptce_graph.serve.html import render
from ptce_graph.serve.http import cached, with_charset
from ptce_graph.serve.negotiation import media_type_of, representation
from ptce_graph.serve.problems import html_page, problem
from ptce_graph.serve.query_pool import QueryAnswer, QueryJob, refusal
from ptce_graph.serve.requests import language, links
from ptce_graph.serve.results import RESULT_FORMATS
from ptce_graph.serve.views import Hrefs
from ptce_graph.serve.words import word

__all__ = ["endpoint", "MAX_QUERY_BYTES", "EXAMPLE_QUERY"]

#: Queries longer than this are refused (413).
MAX_QUERY_BYTES = 64 * 1024

#: The query the form shows first: every pole with its name.
EXAMPLE_QUERY = """SELECT ?pole ?name WHERE {
  ?pole a ptce:Pole ; rdfs:label ?name .
}
ORDER BY ?name
LIMIT 50"""

_SD = "http://www.w3.org/ns/sparql-service-description#"


_MESSAGES = {
    "fr": {
        "update": "Ce point d'accès est en lecture seule : les mises à jour SPARQL sont refusées.",
        "service": "Les requêtes SERVICE sont refusées : elles ouvriraient une connexion réseau.",
        "timeout": "La requête a dépassé le temps permis ({timeout} s) ; précisez-la ou ajoutez LIMIT.",
        "busy": "Le point d'accès est occupé par d'autres requêtes ; réessayez dans un instant.",
        "missing": "Aucune requête : donnez le paramètre query (GET ou formulaire) ou envoyez-la en "
                   "application/sparql-query.",
        "several": "Une seule requête à la fois : le paramètre query est donné plusieurs fois.",
        "too_long": "La requête dépasse {size} octets.",
        "content_type": "Type de contenu non pris en charge : {type}.",
        "invalid": "La requête n'est pas du SPARQL 1.1 valide. L'analyseur dit : {detail}",
        "graph_iri": "Un nom de graphe (default-graph-uri, named-graph-uri) n'est pas une IRI absolue.",
        "failed": "La requête a échoué pendant son évaluation. Le moteur dit : {detail}",
        "crashed": "La requête a demandé plus de ressources que permis ; précisez-la ou ajoutez LIMIT.",
    },
    "en": {
        "update": "This endpoint is read only: SPARQL updates are refused.",
        "service": "SERVICE queries are refused: they would open a network connection.",
        "timeout": "The query took longer than allowed ({timeout} s); narrow it or add LIMIT.",
        "busy": "The endpoint is busy with other queries; try again in a moment.",
        "missing": "No query: give the query parameter (GET or form) or send it as application/sparql-query.",
        "several": "One query at a time: the query parameter is given several times.",
        "too_long": "The query is longer than {size} bytes.",
        "content_type": "Unsupported content type: {type}.",
        "invalid": "The query is not valid SPARQL 1.1. The parser says: {detail}",
        "graph_iri": "A graph name (default-graph-uri, named-graph-uri) is not an absolute IRI.",
        "failed": "The query failed while it was evaluated. The engine says: {detail}",
        "crashed": "The query needed more resources than allowed; narrow it or add LIMIT.",
    },
}


def _shown(value: object, lang: str) -> str:
    """A number as a reader of ``lang`` writes it (10 000 / 10,000; 2,5 / 2.5; 10 s, not 10.0 s)."""
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        return str(value)
    return format_amount(value, lang) if isinstance(value, int) else format_count(value, lang)


def _say(key: str, **values: object) -> Callable[[str], list[str]]:
    """The sentences of an answer of the endpoint, in a language (for :func:`problem`)."""
    return lambda lang: [_MESSAGES[lang][key].format(**{k: _shown(v, lang) for k, v in values.items()})]


def _service_description(request: Request) -> Graph:
    endpoint = URIRef(str(request.url.replace(query="", fragment="")))
    sd = {name: URIRef(_SD + name) for name in (
        "Service", "endpoint", "supportedLanguage", "SPARQL11Query", "resultFormat", "feature", "UnionDefaultGraph",
        "defaultDataset", "Dataset", "defaultGraph", "Graph")}
    g = Graph(bind_namespaces="none")
    service = URIRef(str(endpoint) + "#service")
    g.add((service, RDF.type, sd["Service"]))
    g.add((service, sd["endpoint"], endpoint))
    g.add((service, sd["supportedLanguage"], sd["SPARQL11Query"]))
    for media in (*RESULT_FORMATS.values(), "text/turtle", "application/ld+json", "application/n-triples"):
        g.add((service, sd["resultFormat"], Literal(media)))
    return g


async def _parameters(request: Request) -> tuple[list[tuple[str, str]], str | None, Response | None]:
    """The protocol's parameters (URL and form), the query sent as a body, or an error answer."""
    params = list(request.query_params.multi_items())
    body_query: str | None = None
    if request.method == "POST":
        media = (request.headers.get("content-type") or "").split(";")[0].strip().lower()
        length = int(request.headers.get("content-length") or 0)
        if length > MAX_QUERY_BYTES:
            return params, None, problem(request, 413, detail=_say("too_long", size=MAX_QUERY_BYTES))
        chunks: list[bytes] = []
        size = 0
        async for chunk in request.stream():
            size += len(chunk)
            if size > MAX_QUERY_BYTES:
                return params, None, problem(request, 413, detail=_say("too_long", size=MAX_QUERY_BYTES))
            chunks.append(chunk)
        body = b"".join(chunks).decode("utf-8", "replace")
        if media == "application/x-www-form-urlencoded":
            params += parse_qsl(body, keep_blank_values=True)
        elif media == "application/sparql-query":
            body_query = body
        elif media == "application/sparql-update":
            return params, None, problem(request, 403, detail=_say("update"))
        else:
            return params, None, problem(request, 415, detail=_say("content_type", type=media or "—"))
    return params, body_query, None


async def endpoint(request: Request) -> Response:
    settings = request.app.state.settings
    params, body_query, error = await _parameters(request)
    if error is not None:
        return error
    names = [name for name, _ in params]
    if "update" in names:
        return problem(request, 403, detail=_say("update"))
    queries = [value for name, value in params if name == "query"]
    if body_query is not None:
        queries.append(body_query)
    if len(queries) > 1:
        return problem(request, 400, detail=_say("several"))
    if not queries or not queries[0].strip():
        if request.method == "GET":
            return _form_or_description(request)
        return problem(request, 400, detail=_say("missing"))
    query = queries[0]
    if len(query.encode("utf-8")) > MAX_QUERY_BYTES:
        return problem(request, 413, detail=_say("too_long", size=MAX_QUERY_BYTES))
    refused = refusal(query)
    if refused is not None:
        return problem(request, 403, detail=_say(refused))
    accept = request.headers.get("accept")
    fmt = next((value for name, value in params if name == "format"), None)
    html = fmt is None and representation(accept, html=True) == "html" and "text/html" in (accept or "")
    job = QueryJob(
        query=query,
        accept=accept,
        format=fmt,
        default_graphs=tuple(value for name, value in params if name == "default-graph-uri")
        or (settings.graph,),
        named_graphs=tuple(value for name, value in params if name == "named-graph-uri") or None,
        limit=settings.query_limit,
        timeout=settings.query_timeout,
        html=html,
    )
    answer: QueryAnswer = await run_in_threadpool(request.app.state.queries.run, job)
    if answer.status == 503:
        key = answer.reason if answer.reason in ("timeout", "crashed") else "busy"
        return problem(request, 503, detail=_say(key, timeout=settings.query_timeout),
                       headers={"Retry-After": "5"})
    if answer.status == 406:
        listed = ", ".join(answer.offers)
        return problem(request, 406, detail=lambda lang: [
            _known_406(lang, listed)])
    if answer.status != 200:
        return problem(request, answer.status, detail=_say(answer.reason or "failed", detail=answer.error or "—"))
    headers = {"Cache-Control": "no-store"}
    if answer.truncated:
        headers["X-SPARQL-MaxRows"] = str(settings.query_limit)
    if html:
        return _results_page(request, query, answer, headers)
    return Response(answer.body, media_type=with_charset(answer.media_type), headers=headers)


def _known_406(lang: str, listed: str) -> str:
    return word("error_406_text", lang, formats=listed)


def _form_or_description(request: Request) -> Response:
    fmt = representation(request.headers.get("accept"))
    if fmt is None:
        return problem(request, 406, detail=lambda lang: [_known_406(lang, "text/html, text/turtle")])
    if fmt != "html":
        body = serialize(_service_description(request), fmt)
        return cached(request, body, media_type_of(fmt), last_modified=request.app.state.site.state.loaded)
    return _results_page(request, EXAMPLE_QUERY, None, {})


def _results_page(request: Request, query: str, answer: QueryAnswer | None, headers: dict[str, str]) -> Response:
    settings = request.app.state.settings
    lang = language(request)
    ways = links(request, lang)
    hrefs = Hrefs(request.app.state.site, ways)
    table = None
    boolean = None
    graph_text = None
    if answer is not None and answer.form == "select":
        data = json.loads(answer.body)
        variables = data["head"]["vars"]
        rows = []
        for binding in data["results"]["bindings"]:
            cells: list[dict[str, Any] | None] = []
            for name in variables:
                term = binding.get(name)
                if term is None:
                    cells.append(None)
                    continue
                href = hrefs.page(term["value"], check=False) if term["type"] == "uri" else None
                note = term.get("xml:lang") or term.get("datatype", "").rsplit("#", 1)[-1] or None
                cells.append({"text": term["value"], "href": href, "iri": term["type"] == "uri", "note": note})
            rows.append(cells)
        table = {"variables": variables, "rows": rows}
    elif answer is not None and answer.form == "ask":
        boolean = json.loads(answer.body)["boolean"]
    elif answer is not None:
        graph_text = answer.body.decode("utf-8")
    page = render("sparql.html", lang=lang, links=ways, path="sparql", query=query, table=table, boolean=boolean,
                  graph_text=graph_text, truncated=bool(answer and answer.truncated),
                  limit=_shown(settings.query_limit, lang),
                  timeout=_shown(settings.query_timeout, lang), prefixes=", ".join(f"{p}:" for p in list(PREFIXES)[:6]),
                  formats=[*RESULT_FORMATS, "turtle", "json-ld", "nt"],
                  seconds=f"{answer.seconds:.3f}" if answer is not None else None,
                  count=answer.rows if answer is not None else None)
    return html_page(page, headers=headers)
