"""Publishing a graph into a SPARQL store, replacing a named graph safely.

:func:`publish` replaces the named graph ``graph`` of a store by the data, so
that a failed publication leaves the previous graph as it was, and says so
only when it knows (the message of a failure ends with the state of the
target graph: not written to, not changed, or what the store holds now):

* **Graph Store Protocol** (SPARQL 1.1 GSP), when the store offers it.  In
  Oxigraph one ``PUT`` of N-Triples replaces the graph atomically (tested
  up to 200,000 triples with a syntax error half-way, and with a connection
  cut mid-upload: the old graph stayed), so small enough data (at most
  ``chunk_triples``) goes in one ``PUT``.  Other stores get a *staging* graph
  (``urn:ptce:staging:{uuid}``): the data is uploaded into it (``PUT`` then
  ``POST`` per chunk), its size checked, then moved onto the target by one
  SPARQL Update ``MOVE``; on any failure the staging graph is dropped and
  the target is untouched.  Virtuoso needs this: above about 1,000 triples
  (200 KB) its "vectorized" loader commits a ``PUT`` batch by batch, and a
  syntax error half-way leaves the first batches *in place of* the old graph.
* **SPARQL Update** only: ``INSERT DATA`` chunks into a staging graph, then
  ``MOVE``, the same way.  Virtuoso refuses an ``INSERT DATA`` of about 2,000
  triples (error SP031), so chunks default to 500 triples there.

No value of the data can leave its term in what is sent: every update is
built from terms by one writer and read back before it leaves
(:mod:`ptce_graph.publish.update`: only ``INSERT DATA``/``DELETE DATA`` of the
staging graph, ``DROP`` and ``MOVE`` pass), and so is every N-Triples body.

Data is always sent as N-Triples (Virtuoso 7.2 does not unescape Turtle
local names: ``ex:a\\(b\\)`` would be stored with its backslash), with a
``Content-Length`` (Virtuoso reads a chunked upload as an *empty* body and
replaces the graph with nothing).  Blank nodes are skolemised by default
(stable IRIs, :func:`ptce_graph.io.bnodes.skolemize`), so republishing
gives the same IRIs and the store can be compared with the source.

Stores (``kind``): ``oxigraph`` (``/query``, ``/update``, ``/store``),
``virtuoso`` (``/sparql``, ``/sparql-auth``, ``/sparql-graph-crud-auth``, digest
authentication), ``fuseki`` (``/sparql``, ``/update``, ``/data``) or
``generic`` (the URL is the query endpoint; give the others).  ``auto``
recognises the server from its ``Server`` header.

Security: credentials come from the environment (``PTCE_STORE_USER``,
``PTCE_STORE_PASSWORD`` or ``PTCE_STORE_PASSWORD_FILE``, ``PTCE_STORE_AUTH`` =
``basic``/``digest``/``auto``) or the ``credentials`` argument, never from the
URL (refused) nor the command line, and never appear in messages or logs.
Basic authentication is refused over plain HTTP except to loopback.  Every
request has a timeout; TLS certificates are always verified
(``PTCE_STORE_CA_BUNDLE`` names a private CA file); redirects are not
followed (they could carry credentials elsewhere) but reported.
"""

from __future__ import annotations

import logging
import os
import re
import time
import uuid
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit, urlunsplit

from rdflib import Graph, URIRef

from ptce_graph.errors import InputError, PTCEError
from ptce_graph.io import as_graph
from ptce_graph.io.bnodes import has_bnodes
from ptce_graph.io.bnodes import skolemize as _skolemize
from ptce_graph.io.rdf import parse_rdf
from ptce_graph.io.serialize import NTStatement, nt_term, ntriples_statements
from ptce_graph.iris import DEFAULT_BASE, check_iri
from ptce_graph.publish.datatypes import restore_declared_datatypes
from ptce_graph.publish.update import Operation, check_ntriples, checked_text, insert_data, move_graph
from ptce_graph.publish.update import drop_graph as drop_graph_op
from ptce_graph.version import __version__

if TYPE_CHECKING:  # pragma: no cover
    import requests

__all__ = [
    "StoreError",
    "Credentials",
    "Endpoint",
    "PublishReport",
    "publish",
    "read_graph",
    "drop_graph",
    "count_triples",
    "STORE_KINDS",
    "ENV_USER",
    "ENV_PASSWORD",
    "ENV_PASSWORD_FILE",
    "ENV_AUTH",
    "ENV_CA_BUNDLE",
    "DEFAULT_TIMEOUT",
]

log = logging.getLogger("ptce_graph.publish")

ENV_USER = "PTCE_STORE_USER"
ENV_PASSWORD = "PTCE_STORE_PASSWORD"
ENV_PASSWORD_FILE = "PTCE_STORE_PASSWORD_FILE"
ENV_AUTH = "PTCE_STORE_AUTH"
ENV_CA_BUNDLE = "PTCE_STORE_CA_BUNDLE"

#: Seconds to wait for a store's answer (connecting: at most 10 s).
DEFAULT_TIMEOUT = 300.0
CONNECT_TIMEOUT = 10.0
STORE_KINDS = ("auto", "oxigraph", "virtuoso", "fuseki", "generic")
#: Triples per GSP request; more go through a staging graph.
GSP_CHUNK = 200_000
#: Stores whose GSP PUT was measured to replace a graph atomically.
ATOMIC_PUT_KINDS = frozenset({"oxigraph"})
#: Triples per INSERT DATA request (Virtuoso: SP031 at about 2,000).
UPDATE_CHUNK = {"virtuoso": 500}
UPDATE_CHUNK_DEFAULT = 5_000
STAGING_PREFIX = "urn:ptce:staging:"
_NT = "application/n-triples"
_LOOPBACK = {"127.0.0.1", "::1", "localhost"}
_SUFFIXES = {
    "virtuoso": ("/sparql-graph-crud-auth", "/sparql-graph-crud", "/sparql-auth", "/sparql"),
    "oxigraph": ("/query", "/update", "/store"),
    "fuseki": ("/sparql", "/query", "/update", "/data", "/get"),
}


class StoreError(PTCEError):
    """A SPARQL store refused, failed or could not be reached.

    ``status`` is the HTTP status of the store's answer when it gave one (the
    request then reached it and was refused), None when it did not answer.
    """

    def __init__(self, message: str, *, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


@dataclass(frozen=True)
class Credentials:
    """A user and password for a store; the password never shows in ``repr``."""

    user: str
    password: str = field(repr=False)
    scheme: str = "auto"  # basic | digest | auto

    def __post_init__(self) -> None:
        if self.scheme not in ("auto", "basic", "digest"):
            raise InputError(
                f"authentication scheme {self.scheme!r}", source=ENV_AUTH, expected="basic, digest or auto"
            )

    @classmethod
    def from_env(cls, environ: dict[str, str] | None = None) -> Credentials | None:
        """Credentials from ``PTCE_STORE_USER`` and ``PTCE_STORE_PASSWORD`` (or ``_FILE``), or None."""
        env = os.environ if environ is None else environ
        user = env.get(ENV_USER)
        if not user:
            return None
        password = env.get(ENV_PASSWORD)
        if password is None and env.get(ENV_PASSWORD_FILE):
            path = env[ENV_PASSWORD_FILE]
            try:
                with open(path, encoding="utf-8") as handle:
                    password = handle.read().rstrip("\r\n")
            except OSError as exc:
                raise InputError(
                    f"cannot read the password file ({exc.strerror})", source=ENV_PASSWORD_FILE
                ) from None
        if password is None:
            raise InputError(
                f"{ENV_USER} is set but neither {ENV_PASSWORD} nor {ENV_PASSWORD_FILE} is",
                source=ENV_PASSWORD,
                expected="the password in the environment",
            )
        return cls(user, password, (env.get(ENV_AUTH) or "auto").lower())


def _safe_url(url: str) -> str:
    """The URL without user info, query or fragment: fit for messages."""
    parts = urlsplit(url)
    host = parts.hostname or ""
    if parts.port:
        host += f":{parts.port}"
    return urlunsplit((parts.scheme, host, parts.path, "", ""))


def _check_url(url: str, what: str = "endpoint") -> str:
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises on a bad port
    except ValueError:
        raise InputError(
            f"the {what} URL is malformed", source=what, expected="http(s)://host[:port]/path"
        ) from None
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError(
            f"the {what} URL {_safe_url(url)!r} is not an http(s) URL",
            source=what,
            expected="http(s)://host[:port]/path",
        )
    if parts.username is not None or parts.password is not None:
        raise InputError(
            f"the {what} URL {_safe_url(url)} holds credentials; they are refused in URLs",
            source=what,
            expected=f"credentials in {ENV_USER} and {ENV_PASSWORD}",
        )
    if parts.fragment:
        raise InputError(f"the {what} URL has a fragment", source=what, expected="a URL without #")
    return url


def _check_graph_iri(graph: str) -> str:
    return str(
        check_iri(
            graph, what="the graph name", expected="an IRI such as https://w3id.org/ptce/id/graph/my-poles"
        )
    )


def _is_loopback(url: str) -> bool:
    return (urlsplit(url).hostname or "") in _LOOPBACK


class _Client:
    """One HTTP session to a store: authentication, timeouts, TLS, errors without secrets."""

    def __init__(
        self, *, credentials: Credentials | None, timeout: float, ca_bundle: str | None = None
    ) -> None:
        try:
            import requests
        except ImportError as exc:  # pragma: no cover - requests is a dependency
            raise StoreError("publishing needs the 'requests' package: pip install requests") from exc
        self._requests = requests
        self.session = requests.Session()
        # No ~/.netrc credentials, no environment CA overrides: only what ptce_graph was given.
        # Proxies from the environment are still honoured, per request (see _send).
        self.session.trust_env = False
        self.session.headers["User-Agent"] = _user_agent()
        self.credentials = credentials
        self.scheme: str | None = (
            None if credentials is None else (None if credentials.scheme == "auto" else credentials.scheme)
        )
        self.timeout = (min(CONNECT_TIMEOUT, timeout), timeout)
        ca = ca_bundle or os.environ.get(ENV_CA_BUNDLE)
        self.verify: bool | str = ca if ca else True
        self.requests_sent = 0

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> _Client:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- authentication ---------------------------------------------------------

    def use_scheme(self, scheme: str, url: str) -> None:
        if self.credentials is None:
            return
        if scheme == "basic" and urlsplit(url).scheme == "http" and not _is_loopback(url):
            raise StoreError(
                f"refusing to send a password with Basic authentication over plain HTTP to {_safe_url(url)}; "
                "use https:// (or Digest authentication)"
            )
        self.scheme = scheme
        auth = self._requests.auth
        user, password = self.credentials.user, self.credentials.password
        self.session.auth = (
            auth.HTTPDigestAuth(user, password) if scheme == "digest" else auth.HTTPBasicAuth(user, password)
        )

    def prepare_auth(self, url: str, *, kind: str) -> None:
        """Settle the authentication scheme before any large body is sent.

        Digest needs a challenge: without one the first upload would be sent
        twice.  A cheap ``HEAD`` on the write endpoint reads the challenge and
        primes the nonce; a 401 with the credentials means they are wrong.
        """
        if self.credentials is None:
            return
        if self.scheme is None:
            if kind == "virtuoso":
                self.scheme = "digest"
            else:
                response = self._send("HEAD", url, auth=False)
                challenge = response.headers.get("WWW-Authenticate", "").lower()
                self.scheme = (
                    "digest" if challenge.startswith("digest") or ", digest" in challenge else "basic"
                )
        self.use_scheme(self.scheme, url)
        response = self._send("HEAD", url)
        if response.status_code in (401, 403):
            raise StoreError(
                f"the store at {_safe_url(url)} refused the credentials of {ENV_USER} "
                f"(HTTP {response.status_code}, {self.scheme} authentication)"
            )

    # -- requests ---------------------------------------------------------------

    def _send(self, method: str, url: str, *, auth: bool = True, **kwargs: Any) -> requests.Response:
        requests = self._requests
        self.requests_sent += 1
        started = time.perf_counter()
        proxies = requests.utils.get_environ_proxies(url)
        if not auth:
            kwargs["auth"] = _no_auth
        try:
            response = self.session.request(
                method,
                url,
                timeout=self.timeout,
                verify=self.verify,
                allow_redirects=False,
                proxies=proxies,
                **kwargs,
            )
        except requests.exceptions.SSLError:
            raise StoreError(
                f"the TLS certificate of {_safe_url(url)} could not be verified "
                f"(set {ENV_CA_BUNDLE} to a CA file for a private certificate authority)"
            ) from None
        except requests.exceptions.Timeout:
            raise StoreError(f"{method} {_safe_url(url)}: no answer within {self.timeout[1]:g} s") from None
        except requests.exceptions.ConnectionError:
            raise StoreError(f"cannot reach the store at {_safe_url(url)}") from None
        except requests.exceptions.RequestException as exc:
            raise StoreError(f"{method} {_safe_url(url)} failed ({type(exc).__name__})") from None
        log.debug(
            "%s %s -> %s in %.2f s",
            method,
            _safe_url(url),
            response.status_code,
            time.perf_counter() - started,
        )
        return response

    def request(
        self,
        method: str,
        url: str,
        *,
        expected: tuple[int, ...] = (200, 201, 204),
        what: str = "",
        **kwargs: Any,
    ) -> requests.Response:
        response = self._send(method, url, **kwargs)
        if response.status_code in expected:
            return response
        if 300 <= response.status_code < 400:
            where = response.headers.get("Location", "?")
            raise StoreError(
                f"{method} {_safe_url(url)} was redirected (HTTP {response.status_code}) to "
                f"{_safe_url(where) if '://' in where else where}; give that URL instead"
            )
        if response.status_code in (401, 403):
            hint = (
                f"set {ENV_USER} and {ENV_PASSWORD}"
                if self.credentials is None
                else "check the credentials and the user's write permission"
            )
            raise StoreError(
                f"{what or method} {_safe_url(url)}: the store refused access "
                f"(HTTP {response.status_code}); {hint}",
                status=response.status_code,
            )
        raise StoreError(
            f"{what or method} {_safe_url(url)}: HTTP {response.status_code} "
            f"{response.reason or ''}: {_snippet(response.text)}".rstrip(": "),
            status=response.status_code,
        )


def _no_auth(request: Any) -> Any:
    """An authentication hook that adds nothing (``auth=None`` would fall back to the session's)."""
    return request


def _user_agent() -> str:
    return f"ptce_graph/{__version__}"


def _snippet(text: str, limit: int = 300) -> str:
    """The gist of an error page: tags removed, whitespace folded, cut short."""
    text = re.sub(r"(?is)<(script|style)\b.*?</\1>", " ", text or "")
    text = re.sub(r"<[^>]+>", " ", text)
    text = re.sub(r"\s+", " ", text).strip()
    return text[:limit] + ("…" if len(text) > limit else "")


@dataclass(frozen=True)
class Endpoint:
    """The URLs of one store: SPARQL query, SPARQL Update, Graph Store Protocol."""

    query: str
    update: str | None = None
    gsp: str | None = None
    kind: str = "generic"

    @classmethod
    def for_kind(cls, url: str, kind: str, *, update: str | None = None, gsp: str | None = None) -> Endpoint:
        """The endpoints of a store of a known kind, from any of its URLs."""
        _check_url(url)
        if kind not in STORE_KINDS or kind == "auto":
            raise InputError(f"store kind {kind!r}", source="kind", expected=", ".join(STORE_KINDS[1:]))
        parts = urlsplit(url)
        path = parts.path.rstrip("/")
        for suffix in _SUFFIXES.get(kind, ()):
            if path.endswith(suffix):
                path = path[: -len(suffix)]
                break
        root = urlunsplit((parts.scheme, parts.netloc, path, "", ""))
        if kind == "virtuoso":
            derived = cls(root + "/sparql", root + "/sparql-auth", root + "/sparql-graph-crud-auth", kind)
        elif kind == "oxigraph":
            derived = cls(root + "/query", root + "/update", root + "/store", kind)
        elif kind == "fuseki":
            derived = cls(root + "/sparql", root + "/update", root + "/data", kind)
        else:
            derived = cls(url, None, None, kind)
        return cls(
            derived.query,
            _check_url(update, "update endpoint") if update else derived.update,
            _check_url(gsp, "graph store endpoint") if gsp else derived.gsp,
            kind,
        )

    @classmethod
    def resolve(
        cls,
        url: str | Endpoint,
        *,
        kind: str = "auto",
        update: str | None = None,
        gsp: str | None = None,
        client: _Client | None = None,
        timeout: float = 30.0,
    ) -> Endpoint:
        """An :class:`Endpoint` from a URL; ``kind="auto"`` asks the server what it is."""
        if isinstance(url, Endpoint):
            return url
        _check_url(url)
        if kind == "auto":
            kind = _detect_kind(url, client=client, timeout=timeout)
        return cls.for_kind(url, kind, update=update, gsp=gsp)


def _detect_kind(url: str, *, client: _Client | None, timeout: float) -> str:
    own = client is None
    client = client or _Client(credentials=None, timeout=timeout)
    try:
        response = client._send(
            "GET",
            url,
            auth=False,
            params={"query": "ASK {}"},
            headers={"Accept": "application/sparql-results+json"},
        )
    finally:
        if own:
            client.close()
    server = (response.headers.get("Server") or "").lower()
    if "virtuoso" in server:
        return "virtuoso"
    if "oxigraph" in server:
        return "oxigraph"
    if "fuseki" in server or "jena" in server:
        return "fuseki"
    return "generic"


@dataclass
class PublishReport:
    """What a publication did."""

    endpoint: str
    graph: str
    kind: str
    method: str  # gsp-put | gsp-staged | update-staged
    triples_sent: int
    triples_in_store: int | None
    requests: int
    seconds: float
    notes: list[str] = field(default_factory=list)

    def render(self, lang: str = "fr") -> str:
        """What was published, as text in ``lang``."""
        stored = "?" if self.triples_in_store is None else str(self.triples_in_store)
        if lang == "en":
            text = (
                f"published {self.triples_sent} triples into <{self.graph}> at {self.endpoint} "
                f"({self.kind}, {self.method}, {self.requests} requests, {self.seconds:.2f} s); "
                f"the store holds {stored} triples in that graph"
            )
        else:
            text = (
                f"{self.triples_sent} triplets publiés dans <{self.graph}> sur {self.endpoint} "
                f"({self.kind}, {self.method}, {self.requests} requêtes, {self.seconds:.2f} s) ; "
                f"le graphe en contient {stored} dans l'entrepôt"
            )
        return "\n".join([text, *self.notes])


def _chunks(statements: Sequence[NTStatement], size: int) -> Iterator[list[NTStatement]]:
    """Chunks of at most ``size`` statements (more only for one large blank-node component).

    A statement is one whole triple (never a piece of one), and statements
    sharing a blank node stay in the same chunk (blank-node labels are per
    request).  The labels come from the triples, not from reading the text.
    """
    plain: list[NTStatement] = []
    labelled: list[NTStatement] = []
    for statement in statements:
        (labelled if statement.bnodes else plain).append(statement)
    groups: list[list[NTStatement]] = []
    if labelled:
        parent: dict[str, str] = {}

        def find(x: str) -> str:
            while parent.setdefault(x, x) != x:
                parent[x] = parent[parent[x]]
                x = parent[x]
            return x

        for statement in labelled:
            first, *others = statement.bnodes
            for other in others:
                parent[find(first)] = find(other)
        by_root: dict[str, list[NTStatement]] = {}
        for statement in labelled:
            by_root.setdefault(find(statement.bnodes[0]), []).append(statement)
        groups = [by_root[k] for k in sorted(by_root)]
    chunk: list[NTStatement] = []
    for group in groups:
        if chunk and len(chunk) + len(group) > size:
            yield chunk
            chunk = []
        chunk.extend(group)
    for statement in plain:
        if len(chunk) >= size:
            yield chunk
            chunk = []
        chunk.append(statement)
    if chunk:
        yield chunk


def count_triples(endpoint: Endpoint, graph: str, *, client: _Client) -> int:
    """Triples in a named graph, by a SPARQL COUNT."""
    name = nt_term(URIRef(_check_graph_iri(graph)))
    query = f"SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {name} {{ ?s ?p ?o }} }}"
    response = client.request(
        "POST",
        endpoint.query,
        data={"query": query},
        headers={"Accept": "application/sparql-results+json"},
        what="count query",
    )
    try:
        bindings = response.json()["results"]["bindings"]
        return int(bindings[0]["n"]["value"]) if bindings else 0
    except (ValueError, KeyError, IndexError, TypeError):
        raise StoreError(
            f"the store's answer to a COUNT query at {_safe_url(endpoint.query)} is not SPARQL JSON results"
        ) from None


def _update(client: _Client, endpoint: Endpoint, op: Operation, what: str) -> None:
    """Send one update, built from ``op`` and read back first (:mod:`ptce_graph.publish.update`)."""
    if endpoint.update is None:
        raise StoreError(
            f"the store at {_safe_url(endpoint.query)} has no SPARQL Update endpoint; "
            "give one (--update-endpoint)"
        )
    text = checked_text(op)
    client.request("POST", endpoint.update, data={"update": text}, what=what)


def _gsp_send(
    client: _Client, endpoint: Endpoint, method: str, graph: str, statements: Sequence[NTStatement]
) -> None:
    """Send N-Triples by the Graph Store Protocol, read back first."""
    assert endpoint.gsp is not None
    body = "".join(statement.line for statement in statements).encode("utf-8")
    check_ntriples(body, statements, graph=graph)
    client.request(
        method,
        endpoint.gsp,
        params={"graph": graph},
        data=body,
        headers={"Content-Type": _NT + "; charset=utf-8", "Content-Length": str(len(body))},
        what=f"upload ({method})",
    )


@dataclass
class _Progress:
    """What a publication has written so far, to say exactly what state the target is in
    when it fails.

    Every request but the last goes to a staging graph, and every update is read
    back before it is sent (:mod:`ptce_graph.publish.update`): until the request
    replacing the target leaves, the target has provably not been written to.
    """

    target: str
    triples: int
    staging: str | None = None
    chunks_total: int = 0
    chunks_sent: int = 0
    staging_dropped: bool | None = None
    target_request: str | None = None  # the request replacing the target, once it has left
    target_atomic: bool = False  # the store applies that request all or nothing (measured)
    target_done: bool = False
    staged: int | None = None  # triples the staging graph held before the MOVE, counted
    before: int | None = None  # triples the target held before a request replacing it in place

    def describe(self, client: _Client, endpoint: Endpoint, failure: Exception) -> str:
        if self.target_request is None:
            text = f"the target graph <{self.target}> was not written to"
            if self.staging is not None:
                text += (
                    f"; {self.chunks_sent} of {self.chunks_total} chunk(s) had been uploaded to the "
                    f"staging graph <{self.staging}>, "
                )
                text += (
                    "which was then dropped"
                    if self.staging_dropped
                    else "which could not be dropped: remove it with drop_graph() once the store answers"
                )
            return text
        if self.target_done:
            return f"the target graph <{self.target}> was replaced by the {self.triples} triples sent"
        refused = isinstance(failure, StoreError) and failure.status is not None
        if self.target_atomic and refused:
            return (
                f"the store refused the {self.target_request}, which it applies all or nothing: "
                f"the target graph <{self.target}> was not changed"
            )
        return self._observed(client, endpoint)

    def _observed(self, client: _Client, endpoint: Endpoint) -> str:
        """After a failed request on the target: what the store holds now, counted, and what that proves.

        With a staging graph, its count tells (``MOVE`` empties it when it runs);
        without one, the counts before and after tell only when they differ.
        """
        try:
            held = count_triples(endpoint, self.target, client=client)
            left = count_triples(endpoint, self.staging, client=client) if self.staging else None
        except PTCEError:
            return (
                f"the {self.target_request} failed and the store could not be asked what it holds now: "
                f"the target graph <{self.target}> may hold its previous triples or the new ones; "
                "publish again (it replaces the graph) or look at it before relying on it"
            )
        again = "; publish again (it replaces the graph) before relying on it"
        if self.staging is not None:
            if left and left == self.staged:
                try:
                    _update(client, endpoint, drop_graph_op(self.staging), "drop of the staging graph")
                    dropped = "; the staging graph was dropped"
                except PTCEError:
                    dropped = f"; the staging graph <{self.staging}> could not be dropped"
                return (
                    f"the {self.target_request} failed and was not applied (the staging graph still holds its "
                    f"{left} triples): the target graph <{self.target}> was not changed ({held} triples)" + dropped
                )
            if left == 0 and held == self.staged:
                return (
                    f"the {self.target_request} reported a failure but was applied (the staging graph is gone): "
                    f"the target graph <{self.target}> holds the {held} triples sent"
                )
        else:
            expected = self.triples
            if self.before is not None and self.before != expected:
                if held == expected:
                    return (
                        f"the {self.target_request} reported a failure but was applied: the target graph "
                        f"<{self.target}> holds {held} triples as sent ({self.before} before)"
                    )
                if held == self.before:
                    return (
                        f"the {self.target_request} failed and was not applied: the target graph <{self.target}> "
                        f"still holds its {held} triples"
                    )
            elif expected == 0 and held == 0:
                return (
                    f"the {self.target_request} reported a failure, but the target graph <{self.target}> "
                    "holds no triple, as intended (and as before)"
                )
            elif self.before is not None and held == expected:
                return (
                    f"the {self.target_request} failed: the target graph <{self.target}> holds {held} triples, "
                    "as many as before and as sent, so whether it was replaced cannot be told" + again
                )
        return (
            f"the {self.target_request} failed part-way: the store now holds {held} triples in the target "
            f"graph <{self.target}>"
            + (f" and {left} in the staging graph <{self.staging}>" if self.staging else "")
            + f" ({self.triples} were sent)" + again
        )


def publish(
    data: Any,
    *,
    endpoint: str | Endpoint,
    graph: str,
    kind: str = "auto",
    method: str = "auto",
    update_endpoint: str | None = None,
    gsp_endpoint: str | None = None,
    credentials: Credentials | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    chunk_triples: int | None = None,
    skolemize: bool = True,
    base: str = DEFAULT_BASE,
    verify: bool = True,
    ca_bundle: str | None = None,
) -> PublishReport:
    """Replace the named graph ``graph`` of the store at ``endpoint`` by ``data``.

    ``data`` is anything :func:`ptce_graph.load` reads (a graph, a file, a
    bundle, a pole, a list of them).  ``method`` is ``gsp``, ``update`` or
    ``auto`` (GSP when the store has it).  Credentials default to the
    environment (see the module doc).  With ``verify``, the triples of the
    graph are counted afterwards; a store that merges equal values (Virtuoso
    stores ``"1.0"^^xsd:decimal`` and ``"1.00"`` as one) may hold fewer.
    Raises :class:`StoreError` (or :class:`~ptce_graph.publish.update.UpdateCheckError`
    if an update does not read back as intended: it is then not sent), whose
    message ends with the state the target graph is in.
    """

    started = time.perf_counter()
    target = _check_graph_iri(graph)
    if method not in ("auto", "gsp", "update"):
        raise InputError(f"publication method {method!r}", source="method", expected="auto, gsp or update")
    if chunk_triples is not None and chunk_triples < 1:
        raise InputError("chunk size must be at least 1 triple", source="chunk_triples")
    source = as_graph(data)
    if skolemize and has_bnodes(source):
        source = _skolemize(source, base=base)
    statements = ntriples_statements(source)
    creds = credentials if credentials is not None else Credentials.from_env()
    with _Client(credentials=creds, timeout=timeout, ca_bundle=ca_bundle) as client:
        ep = Endpoint.resolve(
            endpoint,
            kind=kind,
            update=update_endpoint,
            gsp=gsp_endpoint,
            client=client,
            timeout=min(timeout, 30.0),
        )
        chosen = method if method != "auto" else ("gsp" if ep.gsp else "update")
        if chosen == "gsp" and ep.gsp is None:
            raise StoreError(
                f"the store at {_safe_url(ep.query)} has no Graph Store endpoint; "
                "give one (--gsp-endpoint) or use --method update"
            )
        write_url = ep.gsp if chosen == "gsp" else ep.update
        if write_url is None:
            raise StoreError(f"the store at {_safe_url(ep.query)} has no SPARQL Update endpoint; give one")
        client.prepare_auth(write_url, kind=ep.kind)
        notes: list[str] = []
        progress = _Progress(target, len(statements))
        try:
            if chosen == "gsp":
                size = chunk_triples or GSP_CHUNK
                if len(statements) <= size and (ep.kind in ATOMIC_PUT_KINDS or not statements):
                    progress.before = count_triples(ep, target, client=client)
                    progress.target_request = "PUT replacing it"
                    progress.target_atomic = ep.kind in ATOMIC_PUT_KINDS
                    _gsp_send(client, ep, "PUT", target, statements)
                    used = "gsp-put"
                else:
                    _staged(client, ep, target, statements, size, via="gsp", progress=progress)
                    used = "gsp-staged"
            else:
                size = chunk_triples or UPDATE_CHUNK.get(ep.kind, UPDATE_CHUNK_DEFAULT)
                if not statements:
                    progress.before = count_triples(ep, target, client=client)
                    progress.target_request = "DROP of the target graph (the data is empty)"
                    progress.target_atomic = True
                    _update(client, ep, drop_graph_op(target), "drop of the empty graph")
                else:
                    _staged(client, ep, target, statements, size, via="update", progress=progress)
                used = "update-staged"
            progress.target_done = True
            stored = count_triples(ep, target, client=client) if verify else None
        except PTCEError as exc:
            state = progress.describe(client, ep, exc)
            raise type(exc)(f"{exc}; {state}") from None
        if stored == 0 and statements:
            raise StoreError(
                f"the store accepted the upload but counts no triple in <{target}> afterwards: "
                "the target graph was replaced and is now empty"
            )
        if stored is not None and stored != len(statements):
            notes.append(
                f"note: the store holds {stored} triples where {len(statements)} were sent "
                "(stores that keep values, not lexical forms, merge equal literals such as 1.0 and 1.00)"
                if stored < len(statements)
                else f"note: the store holds {stored} triples where {len(statements)} were sent: "
                "another client may be writing to the same graph"
            )
        return PublishReport(
            endpoint=_safe_url(ep.query),
            graph=target,
            kind=ep.kind,
            method=used,
            triples_sent=len(statements),
            triples_in_store=stored,
            requests=client.requests_sent,
            seconds=time.perf_counter() - started,
            notes=notes,
        )


def _staged(
    client: _Client,
    ep: Endpoint,
    target: str,
    statements: Sequence[NTStatement],
    size: int,
    *,
    via: str,
    progress: _Progress,
) -> None:
    staging = f"{STAGING_PREFIX}{uuid.uuid4()}"
    chunks = list(_chunks(statements, size))
    progress.staging, progress.chunks_total = staging, len(chunks)
    try:
        for i, chunk in enumerate(chunks):
            if via == "gsp":
                _gsp_send(client, ep, "PUT" if i == 0 else "POST", staging, chunk)
            else:
                _update(client, ep, insert_data(staging, chunk), "upload (INSERT DATA)")
            progress.chunks_sent = i + 1
        staged = count_triples(ep, staging, client=client)
        if staged == 0 or staged > len(statements):
            raise StoreError(f"the staging graph holds {staged} triples where {len(statements)} were sent")
        progress.staged = staged
        progress.target_request = "MOVE of the staging graph onto it"
        _update(client, ep, move_graph(staging, target), "move of the staging graph")
    except BaseException:
        if progress.target_request is None:
            try:
                _update(client, ep, drop_graph_op(staging), "drop of the staging graph")
                progress.staging_dropped = True
            except Exception as exc:  # noqa: BLE001 - report the original failure, mention this one
                progress.staging_dropped = False
                log.warning("could not drop the staging graph <%s>: %s", staging, exc)
        raise


def read_graph(
    endpoint: str | Endpoint,
    graph: str,
    *,
    kind: str = "auto",
    credentials: Credentials | None = None,
    timeout: float = DEFAULT_TIMEOUT,
    ca_bundle: str | None = None,
    restore_datatypes: bool = True,
) -> Graph:
    """The triples of a named graph of a store, as a new rdflib graph (empty if absent).

    Read with the Graph Store Protocol when the store has it, else with a
    ``CONSTRUCT``; parsed with ptce_graph's safe N-Triples reader.  Stores
    keep values (Oxigraph turns ``xsd:nonNegativeInteger`` into
    ``xsd:integer``): with ``restore_datatypes`` the datatypes the ontology
    declares are given back (:mod:`ptce_graph.publish.datatypes`).
    """

    target = _check_graph_iri(graph)
    creds = credentials if credentials is not None else Credentials.from_env()
    with _Client(credentials=creds, timeout=timeout, ca_bundle=ca_bundle) as client:
        ep = Endpoint.resolve(endpoint, kind=kind, client=client, timeout=min(timeout, 30.0))
        if ep.gsp is not None:
            client.prepare_auth(ep.gsp, kind=ep.kind)
            response = client.request(
                "GET",
                ep.gsp,
                params={"graph": target},
                headers={"Accept": _NT},
                expected=(200, 204, 404),
                what="read",
            )
            if response.status_code in (204, 404):
                return Graph(bind_namespaces="none")
        else:
            name = nt_term(URIRef(target))
            query = f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH {name} {{ ?s ?p ?o }} }}"
            response = client.request(
                "POST", ep.query, data={"query": query}, headers={"Accept": _NT}, what="read"
            )
        content_type = (response.headers.get("Content-Type") or "").split(";")[0].strip().lower()
        fmt = "turtle" if content_type == "text/turtle" else "nt"
        body = response.content
        if not body.strip():
            return Graph(bind_namespaces="none")
        graph_read = parse_rdf(body, format=fmt, source=f"{_safe_url(ep.gsp or ep.query)} <{target}>")
    if restore_datatypes:
        return restore_declared_datatypes(graph_read)
    return graph_read


def drop_graph(
    endpoint: str | Endpoint,
    graph: str,
    *,
    kind: str = "auto",
    credentials: Credentials | None = None,
    timeout: float = DEFAULT_TIMEOUT,
) -> None:
    """Remove a named graph from a store (no error if it does not exist)."""
    target = _check_graph_iri(graph)
    creds = credentials if credentials is not None else Credentials.from_env()
    with _Client(credentials=creds, timeout=timeout) as client:
        ep = Endpoint.resolve(endpoint, kind=kind, client=client, timeout=min(timeout, 30.0))
        url = ep.update or ep.gsp
        if url is None:
            raise StoreError(f"the store at {_safe_url(ep.query)} has no write endpoint")
        client.prepare_auth(url, kind=ep.kind)
        if ep.update is not None:
            _update(client, ep, drop_graph_op(target), "drop")
        else:
            client.request("DELETE", url, params={"graph": target}, expected=(200, 204, 404), what="drop")
