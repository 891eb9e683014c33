"""The structure of a SHACL-SPARQL ``SELECT`` query: enough to batch it safely and to help Oxigraph.

The batch engine (:mod:`ptce_graph.legal.shacl.batch_engine`) runs each SPARQL
constraint of the shapes once for *all* focus nodes, instead of once per focus
node with ``$this`` pre-bound.  Two things make that both fast and exact:

1. **Batching is exact only when ``$this`` is always bound where it is read.**
   Pre-binding gives ``$this`` a value everywhere in the query; a join with the
   focus nodes gives it a value only after the patterns that bind it.  They
   agree when every *expression* that reads ``$this`` (a ``FILTER``, a
   ``BIND``, an ``EXISTS`` pattern inside them) sits in a group where ``$this``
   is certainly bound: the top-level group (the focus nodes are joined there,
   first), or a group with a triple pattern on ``$this`` (before the ``BIND``),
   and when sub-queries project and group by ``$this``.  :func:`analyse` checks
   this on the query's structure and says why when it does not hold; such a
   constraint then runs focus node by focus node, exactly as pyshacl does.
2. **Oxigraph evaluates ``EXISTS`` patterns with hash joins**: for every outer
   row, each triple pattern of the ``EXISTS`` is scanned over the whole store,
   so a query is quadratic in the registry.  :func:`rewrite` chains the triple
   patterns of every ``EXISTS`` group with ``LATERAL`` (SEP-0006), so that each
   is looked up with the values already bound.  For a single triple pattern
   ``P LATERAL { t }`` equals the join ``P . t``: the rewrite changes the plan,
   never the answers.

Nothing here knows what the queries mean: it reads the SPARQL grammar.  What
it does not recognise (blank-node property lists, ``GRAPH``, ``SERVICE``,
``MINUS``, ``VALUES``…) makes :func:`analyse` decline, and the caller falls
back to the slow exact path.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, field

__all__ = ["SparqlStructureError", "QueryShape", "Plan", "Triple", "analyse", "rewrite", "tokenize"]


class SparqlStructureError(ValueError):
    """The query uses syntax this module does not handle (the caller falls back)."""


# ---------------------------------------------------------------------------
#  Tokens
# ---------------------------------------------------------------------------

_TOKEN = re.compile(
    r"""
    (?P<ws>\s+|\#[^\n]*)
  | (?P<string>\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\"|'''(?:[^'\\]|\\.|'(?!''))*'''|"(?:[^"\\\n\r]|\\.)*"|'(?:[^'\\\n\r]|\\.)*')
  | (?P<iri><[^<>"{}|^`\\\x00-\x20]*>)
  | (?P<var>[?$][A-Za-z0-9_\u00B7\u00C0-\uFFFF]+)
  | (?P<langtag>@[A-Za-z]+(?:-[A-Za-z0-9]+)*)
  | (?P<pname>(?:[A-Za-z\u00C0-\uFFFF][\w\u00B7\u00C0-\uFFFF.-]*)?:(?:[\w\u00C0-\uFFFF:%-]|\\.|\.(?=[\w\u00C0-\uFFFF:%-]))*)
  | (?P<number>[+-]?(?:\d+\.\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?|\d+(?:[eE][+-]?\d+)?))
  | (?P<word>[A-Za-z_][A-Za-z0-9_]*)
  | (?P<punct>\^\^|&&|\|\||!=|<=|>=|[{}()\[\].;,|/^*+?!=<>-])
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class Token:
    kind: str
    text: str
    start: int
    end: int

    @property
    def upper(self) -> str:
        return self.text.upper() if self.kind == "word" else self.text

    def is_word(self, *words: str) -> bool:
        return self.kind == "word" and self.text.upper() in words

    @property
    def variable(self) -> str | None:
        return self.text[1:] if self.kind == "var" else None


def tokenize(text: str) -> list[Token]:
    """The tokens of a query (comments and white space dropped)."""
    tokens: list[Token] = []
    pos = 0
    while pos < len(text):
        m = _TOKEN.match(text, pos)
        if m is None:
            raise SparqlStructureError(f"unexpected character {text[pos]!r} at offset {pos}")
        kind = m.lastgroup or ""
        if kind != "ws":
            tokens.append(Token(kind, m.group(), m.start(), m.end()))
        pos = m.end()
    return tokens


# ---------------------------------------------------------------------------
#  Syntax tree (only what batching and the rewrite need)
# ---------------------------------------------------------------------------


@dataclass
class Triple:
    """One triple pattern (subject, predicate or path, object), as source text."""

    subject: str
    verb: str
    object: str
    variables: frozenset[str]
    path: bool = False  # the verb is a property path, not one IRI or variable

    def text(self) -> str:
        return f"{self.subject} {self.verb} {self.object} ."


@dataclass(frozen=True)
class Plan:
    """How to write a query back: LATERAL chains in EXISTS groups, in an order given by ``estimate``.

    ``estimate(triple, bound)`` is the expected number of rows of a triple
    pattern when the variables ``bound`` have values (a store's statistics);
    without it, patterns with fewer unbound variables come first.
    """

    lateral: bool = True
    estimate: Callable[[Triple, frozenset[str]], float] | None = None

    def order(self, triples: list[Triple], bound: set[str]) -> list[Triple]:
        return _order(triples, bound, self.estimate)


@dataclass
class Expression:
    """An expression: source text at its own level, and the EXISTS groups nested in it."""

    parts: list[str | Group]  # source slices (kept verbatim) and nested EXISTS groups
    direct: frozenset[str]  # variables read at the expression's own level

    def deep_variables(self) -> set[str]:
        """Every variable the expression mentions, nested EXISTS groups included."""
        out = set(self.direct)
        for part in self.parts:
            if isinstance(part, Group):
                out |= part.variables()
        return out

    def mentions(self, var: str) -> bool:
        return var in self.deep_variables()

    def text(self, plan: Plan, bound: frozenset[str]) -> str:
        return " ".join(
            part.text(plan, in_exists=True, bound=bound) if isinstance(part, Group) else part
            for part in self.parts
        )


@dataclass
class Element:
    """One element of a group: triples, filter, bind, optional, union, group, subselect."""

    kind: str
    triples: list[Triple] = field(default_factory=list)
    expression: Expression | None = None
    var: str | None = None  # BIND target
    groups: list[Group] = field(default_factory=list)  # OPTIONAL (1), UNION (n), plain group (1)
    select: Select | None = None


@dataclass
class Group:
    elements: list[Element]

    def variables(self) -> set[str]:
        """Every variable mentioned in the group, nested groups and expressions included."""
        out: set[str] = set()
        for e in self.elements:
            for t in e.triples:
                out |= t.variables
            if e.expression is not None:
                out |= e.expression.deep_variables()
            if e.var is not None:
                out.add(e.var)
            for g in e.groups:
                out |= g.variables()
            if e.select is not None:
                out |= e.select.variables()
        return out

    def direct_bindings(self) -> set[str]:
        """Variables bound by the group's own triple patterns."""
        return {v for e in self.elements if e.kind == "triples" for t in e.triples for v in t.variables}

    def certain_bindings(self) -> set[str]:
        """Variables every solution of the group binds: its triple patterns', and those
        bound in every branch of a UNION or in a nested group.  Only the plan reads it."""
        out = self.direct_bindings()
        for e in self.elements:
            if e.kind == "union" and e.groups:
                out |= set.intersection(*(g.certain_bindings() for g in e.groups))
            elif e.kind == "group" and e.groups:
                out |= e.groups[0].certain_bindings()
        return out

    def mentions(self, var: str) -> bool:
        return var in self.variables()

    def text(self, plan: Plan, *, in_exists: bool = False, top: bool = False, prefix: str = "",
             bound: frozenset[str] = frozenset()) -> str:
        """The group as SPARQL.

        In EXISTS groups (``in_exists``) and the query's own group (``top``),
        with ``plan.lateral``, triple patterns are chained with LATERAL, in an
        order that starts from what is bound (``bound``: variables the
        enclosing patterns bind, or the focus node), and a UNION whose branches
        only read their own variables is joined laterally too.  ``prefix``: a
        pattern placed first (the focus nodes).
        """
        inner_bound = frozenset(bound | self.certain_bindings())
        chain = plan.lateral and (in_exists or top)
        parts: list[str] = [prefix] if prefix else []
        started = bool(prefix)
        for i, e in enumerate(self.elements):
            if e.kind == "triples":
                known = set(bound) | {v for prev in self.elements[:i] if prev.kind == "triples"
                                      for t in prev.triples for v in t.variables}
                for t in plan.order(e.triples, known) if chain else e.triples:
                    parts.append(f"LATERAL {{ {t.text()} }}" if chain and started else t.text())
                    started = True
            elif e.kind == "filter":
                assert e.expression is not None
                parts.append("FILTER (" + e.expression.text(plan, inner_bound) + ")")
            elif e.kind == "bind":
                assert e.expression is not None
                parts.append(f"BIND ({e.expression.text(plan, inner_bound)} AS ?{e.var})")
                started = True
            elif e.kind == "optional":
                parts.append("OPTIONAL " + e.groups[0].text(plan, in_exists=in_exists, bound=inner_bound))
                started = True
            elif e.kind in ("union", "group"):
                text = " UNION ".join(g.text(plan, in_exists=in_exists, bound=inner_bound) for g in e.groups)
                outside = self._variables_outside(i) | set(bound)
                if chain and started and all(_self_contained(g, outside) for g in e.groups):
                    text = f"LATERAL {{ {text} }}"
                parts.append(text)
                started = True
            elif e.kind == "subselect":
                assert e.select is not None
                parts.append("{ " + e.select.text(plan) + " }")
                started = True
        return "{ " + "\n".join(parts) + " }"

    def _variables_outside(self, index: int) -> set[str]:
        out: set[str] = set()
        for i, e in enumerate(self.elements):
            if i != index:
                out |= Group([e]).variables()
        return out


def _self_contained(group: Group, outside: set[str]) -> bool:
    """Joining ``group`` laterally gives the same answers as joining it: every
    variable its expressions read that also occurs outside is bound by its own
    triple patterns (so a value coming from outside changes nothing)."""
    own = group.direct_bindings()
    for i, e in enumerate(group.elements):
        if e.expression is not None:
            shared = e.expression.deep_variables() & outside
            available = own if e.kind == "filter" else {
                v for prev in group.elements[:i] if prev.kind == "triples" for t in prev.triples for v in t.variables}
            if not shared <= available:
                return False
            if e.kind == "bind" and e.var in outside:
                return False
        elif e.kind in ("optional", "union", "group", "subselect"):
            return False
    return True


def _order(triples: list[Triple], bound: set[str],
           estimate: Callable[[Triple, frozenset[str]], float] | None = None) -> list[Triple]:
    """Triple patterns in the order a nested loop should look them up: the cheapest next.

    ``bound``: variables already bound when the patterns are evaluated.  Each
    next pattern is one connected to what is bound (when there is one), with
    the fewest expected rows (``estimate``) or else the fewest unbound
    variables; the source order breaks ties.  Only the plan depends on it.
    """
    remaining = list(triples)
    placed: list[Triple] = []
    known = set(bound)
    while remaining:
        frozen = frozenset(known)

        def score(t: Triple, known: set[str] = known, frozen: frozenset[str] = frozen) -> tuple:
            connected = bool(t.variables & known) or not known
            cost = estimate(t, frozen) if estimate is not None else float(len(t.variables - known))
            return (not connected, cost)

        best = min(remaining, key=score)
        remaining.remove(best)
        placed.append(best)
        known |= best.variables
    return placed


@dataclass
class Select:
    """A SELECT (the query or a sub-query)."""

    modifier: str  # "", "DISTINCT" or "REDUCED"
    star: bool
    projected: list[str]  # variables projected by name
    projection_text: str  # the projection as written
    aggregates: bool  # an aggregate function appears in the projection or HAVING
    where: Group
    group_by: list[str] | None  # GROUP BY variables (None: no GROUP BY); non-variable keys -> "<expr>"
    tail_text: str  # GROUP BY / HAVING / ORDER BY / LIMIT / OFFSET as written
    limited: bool  # LIMIT or OFFSET

    def variables(self) -> set[str]:
        return set(self.projected) | self.where.variables() | set(self.group_by or [])

    def mentions(self, var: str) -> bool:
        return var in self.variables()

    def text(self, plan: Plan, *, extra_projection: str = "", where_prefix: str = "",
             bound: frozenset[str] = frozenset(), top: bool = False) -> str:
        head = "SELECT " + (self.modifier + " " if self.modifier else "") + self.projection_text + extra_projection
        body = self.where.text(plan, top=top, prefix=where_prefix, bound=bound)
        return f"{head} WHERE {body} {self.tail_text}".rstrip()


_AGGREGATES = {"COUNT", "SUM", "MIN", "MAX", "AVG", "SAMPLE", "GROUP_CONCAT"}
_UNSUPPORTED = {"GRAPH", "SERVICE", "MINUS", "VALUES", "LATERAL", "CONSTRUCT", "ASK", "DESCRIBE", "FROM"}
_ELEMENT_KEYWORDS = {"FILTER", "BIND", "OPTIONAL", "UNION"} | _UNSUPPORTED


class _Parser:
    def __init__(self, text: str) -> None:
        self.text = text
        self.tokens = tokenize(text)
        self.pos = 0

    # -- helpers ---------------------------------------------------------------

    def peek(self, offset: int = 0) -> Token | None:
        i = self.pos + offset
        return self.tokens[i] if i < len(self.tokens) else None

    def next(self) -> Token:
        tok = self.peek()
        if tok is None:
            raise SparqlStructureError("unexpected end of query")
        self.pos += 1
        return tok

    def expect(self, text: str) -> Token:
        tok = self.next()
        if tok.upper != text:
            raise SparqlStructureError(f"expected {text!r}, found {tok.text!r} at offset {tok.start}")
        return tok

    def at(self, text: str) -> bool:
        tok = self.peek()
        return tok is not None and tok.upper == text

    def source(self, first: Token, last: Token) -> str:
        return self.text[first.start:last.end]

    # -- query -----------------------------------------------------------------

    def query(self) -> Select:
        while self.peek() is not None and self.peek().is_word("PREFIX", "BASE"):  # type: ignore[union-attr]
            word = self.next()
            if word.upper == "PREFIX":
                self.next()  # pname
            self.next()  # iri
        select = self.select()
        if self.peek() is not None:
            raise SparqlStructureError(f"unexpected {self.peek().text!r} after the query")  # type: ignore[union-attr]
        return select

    def select(self) -> Select:
        self.expect("SELECT")
        modifier = ""
        if self.peek() is not None and self.peek().is_word("DISTINCT", "REDUCED"):  # type: ignore[union-attr]
            modifier = self.next().upper
        first = self.peek()
        projected: list[str] = []
        star = False
        aggregates = False
        last: Token | None = None
        while self.peek() is not None and not self.peek().is_word("WHERE") and not self.at("{"):  # type: ignore[union-attr]  # noqa: E501
            tok = self.next()
            last = tok
            if tok.text == "*":
                star = True
            elif tok.kind == "var":
                projected.append(tok.text[1:])
            elif tok.text == "(":
                depth = 1
                while depth:
                    previous = last
                    inner = self.next()
                    last = inner
                    if depth == 1 and inner.kind == "var" and previous is not None and previous.is_word("AS"):
                        projected.append(inner.text[1:])  # (expression AS ?alias): the alias is projected
                    elif inner.text == "(":
                        depth += 1
                    elif inner.text == ")":
                        depth -= 1
                    elif inner.kind == "word" and inner.upper in _AGGREGATES:
                        aggregates = True
                    elif inner.kind == "word" and inner.upper == "EXISTS":
                        raise SparqlStructureError("EXISTS in a projection expression")
            else:
                raise SparqlStructureError(f"unexpected {tok.text!r} in the projection")
        if first is None or last is None:
            raise SparqlStructureError("empty projection")
        projection_text = self.source(first, last)
        if self.peek() is not None and self.peek().is_word("WHERE"):  # type: ignore[union-attr]
            self.next()
        where = self.group()
        group_by: list[str] | None = None
        tail_first = self.peek()
        tail_last: Token | None = None
        limited = False
        while self.peek() is not None and self.peek().kind == "word" and self.peek().upper in (  # type: ignore[union-attr]  # noqa: E501
            "GROUP", "HAVING", "ORDER", "LIMIT", "OFFSET"
        ):
            word = self.next()
            tail_last = word
            if word.upper in ("GROUP", "ORDER"):
                tail_last = self.expect("BY")
            if word.upper == "GROUP":
                group_by = []
            if word.upper in ("LIMIT", "OFFSET"):
                limited = True
                tail_last = self.next()
                continue
            # keys / conditions until the next clause keyword or the end of the (sub)query
            depth = 0
            while (peeked := self.peek()) is not None:
                tok = peeked
                if depth == 0 and (tok.text == "}" or (tok.kind == "word" and tok.upper in (
                        "GROUP", "HAVING", "ORDER", "LIMIT", "OFFSET"))):
                    break
                self.next()
                tail_last = tok
                if tok.text == "(":
                    depth += 1
                elif tok.text == ")":
                    depth -= 1
                elif tok.kind == "word" and tok.upper in _AGGREGATES:
                    aggregates = True
                elif tok.kind == "word" and tok.upper == "EXISTS":
                    raise SparqlStructureError("EXISTS in a solution modifier")
                elif word.upper == "GROUP" and group_by is not None:
                    if tok.kind == "var" and depth == 0:
                        group_by.append(tok.text[1:])
                    elif depth == 1 and tok.text == "(":
                        group_by.append("<expr>")
        tail_text = self.source(tail_first, tail_last) if (tail_first is not None and tail_last is not None) else ""
        return Select(modifier=modifier, star=star, projected=projected, projection_text=projection_text,
                      aggregates=aggregates, where=where, group_by=group_by, tail_text=tail_text, limited=limited)

    # -- groups ----------------------------------------------------------------

    def group(self) -> Group:
        self.expect("{")
        if self.peek() is not None and self.peek().is_word("SELECT"):  # type: ignore[union-attr]
            select = self.select()
            self.expect("}")
            return Group([Element("subselect", select=select)])
        elements: list[Element] = []
        while not self.at("}"):
            tok = self.peek()
            if tok is None:
                raise SparqlStructureError("unclosed group")
            if tok.kind == "word" and tok.upper in _UNSUPPORTED:
                raise SparqlStructureError(f"{tok.upper} is not handled")
            if tok.is_word("FILTER"):
                self.next()
                elements.append(Element("filter", expression=self.constraint()))
            elif tok.is_word("BIND"):
                self.next()
                self.expect("(")
                expr = self.expression(until_as=True)
                self.expect("AS")
                var = self.next()
                if var.kind != "var":
                    raise SparqlStructureError("BIND without a variable")
                self.expect(")")
                elements.append(Element("bind", expression=expr, var=var.text[1:]))
            elif tok.is_word("OPTIONAL"):
                self.next()
                elements.append(Element("optional", groups=[self.group()]))
            elif tok.text == "{":
                groups = [self.group()]
                while self.peek() is not None and self.peek().is_word("UNION"):  # type: ignore[union-attr]
                    self.next()
                    groups.append(self.group())
                if len(groups) > 1:
                    elements.append(Element("union", groups=groups))
                elif groups[0].elements and groups[0].elements[0].kind == "subselect" and len(groups[0].elements) == 1:
                    elements.append(groups[0].elements[0])
                else:
                    elements.append(Element("group", groups=groups))
            elif tok.text == ".":
                self.next()
            else:
                elements.append(Element("triples", triples=self.triples()))
        self.expect("}")
        return Group(elements)

    # -- triples ---------------------------------------------------------------

    def term(self) -> Token:
        tok = self.next()
        if tok.kind in ("iri", "pname", "var", "number"):
            return tok
        if tok.kind == "word" and tok.upper in ("TRUE", "FALSE"):
            return tok
        if tok.kind == "string":
            nxt = self.peek()
            if nxt is not None and nxt.kind == "langtag":
                return Token("literal", self.source(tok, self.next()), tok.start, nxt.end)
            if nxt is not None and nxt.text == "^^":
                self.next()
                dt = self.next()
                return Token("literal", self.source(tok, dt), tok.start, dt.end)
            return tok
        if tok.text in ("[", "("):
            raise SparqlStructureError("blank-node property lists and collections are not handled")
        if tok.kind == "pname" and tok.text.startswith("_:"):
            raise SparqlStructureError("blank nodes are not handled")
        raise SparqlStructureError(f"unexpected {tok.text!r} in a triple pattern")

    def verb(self) -> tuple[str, set[str], bool]:
        tok = self.peek()
        if tok is None:
            raise SparqlStructureError("missing predicate")
        if tok.kind == "var":
            self.next()
            return tok.text, {tok.text[1:]}, False
        first = tok
        last = tok
        depth = 0
        expect_primary = True
        while True:
            tok = self.peek()
            if tok is None:
                raise SparqlStructureError("unfinished property path")
            if expect_primary:
                if tok.text in ("^", "!"):
                    last = self.next()
                    continue
                if tok.text == "(":
                    depth += 1
                    last = self.next()
                    continue
                if tok.kind in ("iri", "pname") or (tok.kind == "word" and tok.text == "a"):
                    last = self.next()
                    expect_primary = False
                    continue
                raise SparqlStructureError(f"unexpected {tok.text!r} in a property path")
            if tok.text in ("*", "+", "?"):
                last = self.next()
                continue
            if tok.text == ")" and depth > 0:
                depth -= 1
                last = self.next()
                continue
            if tok.text in ("/", "|"):
                last = self.next()
                expect_primary = True
                continue
            break
        if depth:
            raise SparqlStructureError("unbalanced parentheses in a property path")
        return self.source(first, last), set(), first is not last

    def triples(self) -> list[Triple]:
        out: list[Triple] = []
        while True:
            subject = self.term()
            while True:
                verb, verb_vars, is_path = self.verb()
                while True:
                    obj = self.term()
                    variables = set(verb_vars)
                    for t in (subject, obj):
                        if t.kind == "var":
                            variables.add(t.text[1:])
                    out.append(Triple(subject.text, verb, obj.text, frozenset(variables), is_path))
                    if self.at(","):
                        self.next()
                        continue
                    break
                if self.at(";"):
                    while self.at(";"):
                        self.next()
                    if self.at(".") or self.at("}") or self._at_element_keyword():
                        break
                    continue
                break
            if self.at("."):
                self.next()
            nxt = self.peek()
            if nxt is None or nxt.text in ("}", "{") or self._at_element_keyword():
                return out

    def _at_element_keyword(self) -> bool:
        tok = self.peek()
        return tok is not None and tok.kind == "word" and tok.upper in _ELEMENT_KEYWORDS

    # -- expressions -------------------------------------------------------------

    def constraint(self) -> Expression:
        """What follows FILTER: a bracketted expression, a built-in call or a function call."""
        tok = self.peek()
        if tok is None:
            raise SparqlStructureError("FILTER without a constraint")
        if tok.text == "(":
            self.next()
            expr = self.expression()
            self.expect(")")
            return expr
        if tok.is_word("NOT", "EXISTS"):
            return self.expression(single=True)
        # built-in or function call: NAME ( ... )
        return self.expression(single=True)

    def expression(self, *, until_as: bool = False, single: bool = False) -> Expression:
        """Tokens up to the closing parenthesis (or AS), with EXISTS groups parsed.

        ``single``: one call (``regex(...)``, ``EXISTS {...}``), as after a bare
        FILTER.  Runs of tokens are kept as their source text, so literals,
        language tags and datatypes are written back exactly as they were.
        """
        parts: list[str | Group] = []
        direct: set[str] = set()
        run: list[Token] = []
        depth = 0

        def flush() -> None:
            if run:
                parts.append(self.source(run[0], run[-1]))
                run.clear()

        def done() -> Expression:
            flush()
            if not parts:
                raise SparqlStructureError("empty expression")
            return Expression(parts, frozenset(direct))

        while True:
            tok = self.peek()
            if tok is None:
                raise SparqlStructureError("unfinished expression")
            if depth == 0 and not single and (tok.text == ")" or (until_as and tok.is_word("AS"))):
                return done()
            if tok.is_word("EXISTS"):
                run.append(self.next())
                flush()
                parts.append(self.group())
                if single and depth == 0:
                    return done()
                continue
            if tok.text in ("{", "}"):
                raise SparqlStructureError("a group inside an expression without EXISTS")
            self.next()
            run.append(tok)
            if tok.kind == "var":
                direct.add(tok.text[1:])
            elif tok.text == "(":
                depth += 1
            elif tok.text == ")":
                depth -= 1
                if single and depth == 0:
                    return done()
            elif tok.kind == "word" and tok.upper in _AGGREGATES:
                raise SparqlStructureError("an aggregate inside a group pattern")


# ---------------------------------------------------------------------------
#  Analysis and rewrite
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class QueryShape:
    """What the batch engine needs to know about one constraint's query."""

    select: Select
    batchable: bool
    reason: str  # why it is not batchable ("" when it is)

    @property
    def projects_this(self) -> bool:
        return self.select.star or "this" in self.select.projected


def _binds_directly(group: Group, var: str, *, before: int | None = None) -> bool:
    """A triple pattern of the group itself (not nested) binds ``var`` (before element ``before``)."""
    for i, e in enumerate(group.elements):
        if before is not None and i >= before:
            break
        if e.kind == "triples" and any(var in t.variables for t in e.triples):
            return True
    return False


def _check_group(group: Group, var: str, *, top: bool) -> str:
    """An empty string when every read of ``var`` in the group sees it bound, else the reason."""
    for i, e in enumerate(group.elements):
        if e.kind in ("filter", "bind") and e.expression is not None and e.expression.mentions(var):
            if e.kind == "bind" and e.var == var:
                return f"BIND assigns ?{var}"
            if not top and not _binds_directly(group, var, before=i if e.kind == "bind" else None):
                return f"an expression reads ?{var} in a nested group that does not bind it"
        elif e.kind in ("optional", "union", "group"):
            for g in e.groups:
                reason = _check_group(g, var, top=False)
                if reason:
                    return reason
        elif e.kind == "subselect":
            assert e.select is not None
            reason = _check_select(e.select, var, top=False)
            if reason:
                return reason
    return ""


def _check_select(select: Select, var: str, *, top: bool) -> str:
    if not top and not select.mentions(var):
        return ""
    if select.limited:
        return "LIMIT or OFFSET"
    if top:
        if select.aggregates or select.group_by is not None:
            return "aggregates or GROUP BY in the query"
        return _check_group(select.where, var, top=True)
    if var not in select.projected:
        return f"a sub-query does not project ?{var}"
    if (select.aggregates or select.group_by is not None) and var not in (select.group_by or []):
        return f"a sub-query aggregates without grouping by ?{var}"
    if not _binds_directly(select.where, var):
        return f"a sub-query reads ?{var} without binding it in its own group"
    return _check_group(select.where, var, top=False)


def analyse(query: str, *, var: str = "this") -> QueryShape:
    """Parse a constraint's ``SELECT`` and decide whether it can run for all focus nodes at once.

    Raises :class:`SparqlStructureError` on syntax this module does not handle.
    """
    select = _Parser(query).query()
    reason = _check_select(select, var, top=True)
    return QueryShape(select=select, batchable=not reason, reason=reason)


def rewrite(shape: QueryShape, *, focus_targets: str | None = None, plan: Plan | None = None,
            var: str = "this") -> str:
    """The query as SPARQL again, ``EXISTS`` triple patterns chained with LATERAL.

    ``focus_targets``: group patterns (a UNION) binding ``?this`` to every
    focus node.  They become a sub-query of distinct focus nodes placed first
    in the top-level group, and ``?this`` is added to the projection if the
    query does not project it (the caller knows, through
    :attr:`QueryShape.projects_this`, to ignore it in messages).  Top-level
    filters that read no variable of the group but ``?this`` move into that
    sub-query: they are then tested once per focus node, not once per row
    (a filter applies to the whole group, so where it is tested does not
    change the answers when the values it reads are the same).
    """
    plan = plan or Plan()
    select = shape.select
    bound = frozenset({var})  # ``?this`` is bound in the whole top-level group (joined first, or pre-bound)
    if focus_targets is None:
        return select.text(plan, bound=bound, top=True)
    where = select.where
    pushed: list[int] = []
    for i, e in enumerate(where.elements):
        if e.kind == "filter" and e.expression is not None:
            if e.expression.deep_variables() & where._variables_outside(i) <= {var}:
                pushed.append(i)
    filters = " ".join("FILTER (" + where.elements[i].expression.text(plan, bound) + ")"  # type: ignore[union-attr]
                       for i in pushed)
    focus_block = f"{{ SELECT DISTINCT ?{var} WHERE {{ {focus_targets} {filters} }} }}"
    rest = Select(**{**select.__dict__, "where": Group([e for i, e in enumerate(where.elements) if i not in pushed])})
    extra = "" if shape.projects_this else f" ?{var}"
    return rest.text(plan, extra_projection=extra, where_prefix=focus_block, bound=bound, top=True)
