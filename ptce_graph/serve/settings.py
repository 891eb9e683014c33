"""How a server behaves: languages, limits of SPARQL queries and uploads, worker processes, public address."""

from __future__ import annotations

from dataclasses import dataclass

from ptce_graph.registry import REGISTRY_GRAPH

__all__ = ["ServeSettings"]


@dataclass(frozen=True, kw_only=True)
class ServeSettings:
    """The options of ``ptce serve`` that shape answers (the data's own options are in the prepared state)."""

    #: Language of pages when the request does not choose (``?lang=``, ``Accept-Language``).
    lang: str = "fr"
    #: The named graph SPARQL queries read by default: the registry.
    graph: str = REGISTRY_GRAPH
    #: Seconds a SPARQL query may run before its worker is killed.
    query_timeout: float = 10.0
    #: Rows (SELECT) or triples (CONSTRUCT, DESCRIBE) at most in an answer; more are cut and the answer says so.
    query_limit: int = 10_000
    #: Worker processes answering SPARQL queries.
    query_processes: int = 1
    #: Largest upload of the check page, in bytes.
    upload_max_bytes: int = 10 * 1024 * 1024
    #: Seconds a check may take.
    check_timeout: float = 120.0
    #: Worker processes checking uploads.
    check_processes: int = 1
    #: Address space of each worker process, in bytes (a hostile input then fails alone); None: no cap.
    worker_memory: int | None = 3 * 1024 * 1024 * 1024
    #: The server's public address (behind a reverse proxy), for absolute links of the catalogue.
    public_url: str | None = None
    #: Render every pole's page in the background after start, so that the first visit is fast.
    warm: bool = True
    #: Datasets per page of the DCAT catalogue (Hydra paging).
    catalog_page_size: int = 100
