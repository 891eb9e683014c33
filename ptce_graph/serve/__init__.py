"""``ptce serve``: the registry as linked data that resolves, a read-only SPARQL endpoint, a DCAT catalogue,
and a page where a coordinator drops a workbook and reads the checklist.

The server is an ASGI application (Starlette) run by uvicorn.  Its data is a
registry prepared once (:func:`prepare`: loaded into an Oxigraph store on
disk, every pole checked and measured, dumps written) and then served read
only; ``ptce serve --help`` says how to run it.

>>> from ptce_graph.registry import Registry                       # doctest: +SKIP
>>> from ptce_graph.serve import create_app, prepare
>>> registry = Registry("registre.oxigraph"); registry.load("registre.ttl")
>>> state = prepare(registry, "serve-files/", base="https://w3id.org/ptce/id/")
>>> registry.close()
>>> app = create_app(state)                                        # uvicorn.run(app)
"""

from __future__ import annotations

from ptce_graph.serve.app import app_from_environment, create_app
from ptce_graph.serve.settings import ServeSettings
from ptce_graph.serve.state import SiteState, load_state, prepare, save_state

__all__ = ["create_app", "app_from_environment", "prepare", "SiteState", "ServeSettings", "save_state",
           "load_state"]
